// bench_ingest: generation and ingest of a CCTNS-like data set at scale, and re-ingest.
//
//   bench_ingest --firs 1000000 [--format csv|jsonl] [--repeat 3] [--dir build/bench-ingest]
//
// Each run: `sutra gen` of --firs FIRs (seed 1) into a scratch directory, timed; a load of it
// into a new database through ingest::LoadInputs (the path of `sutra ingest`: a bulk load),
// timed, with this process's memory sampled every 50 ms by a second thread; then a second load
// of the same input, whose graph hash must equal the first's (idempotence). Medians of the
// runs are printed. Memory: peak anonymous memory (what the loader holds itself) and peak
// resident memory (which also counts the pages of the memory-mapped input files and database,
// which the kernel can drop at will).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <thread>

#include "datasets/generator/generator.h"
#include "ingest/loader.h"
#include "storage/graph_store.h"
#include "storage/heap_tuning.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

struct Options {
  std::uint64_t firs = 100000;
  std::string format = "csv";
  int repeat = 3;
  std::string dir = "build/bench-ingest";
};

struct Figures {
  double gen_seconds = 0, ingest_seconds = 0, rows_per_s = 0, elements_per_s = 0;
  double reingest_seconds = 0, peak_anon_mib = 0, peak_rss_mib = 0;
  std::uint64_t rows = 0, elements = 0;
  bool unchanged = false;
};

template <typename T>
T Check(StatusOr<T> value, std::string_view what) {
  return OrExit(std::move(value), "bench_ingest", what);
}

std::string GraphHash(storage::GraphStore& store) {
  auto txn = Check(store.BeginRead(), "read");
  return Check(txn.ContentHash(storage::ReadTxn::HashScope::kGraphOnly), "hash");
}

Figures RunOnce(const Options& o) {
  Figures f;
  const std::filesystem::path root = o.dir;
  std::filesystem::remove_all(root);
  const auto format = o.format == "jsonl" ? gen::OutputFormat::kJsonl : gen::OutputFormat::kCsv;
  Stopwatch gen_clock;
  gen::GeneratorOptions options;
  options.firs = o.firs;
  options.seed = 1;
  Check(gen::Generate(options, format, root / "input"), "generate");
  f.gen_seconds = gen_clock.Seconds();
  const std::filesystem::path input =
      format == gen::OutputFormat::kJsonl ? root / "input" / "firs.jsonl" : root / "input";
  auto store = Check(storage::GraphStore::Open(root / "db", {.create_if_missing = true}), "open");
  {
    MemorySampler memory;
    Stopwatch clock;
    auto report = Check(ingest::LoadInputs(*store, {input}, {}), "ingest");
    f.ingest_seconds = clock.Seconds();
    memory.Stop();
    f.peak_anon_mib = memory.peak_anon();
    f.peak_rss_mib = memory.peak_rss();
    f.rows = report.rows_read;
    f.elements = report.nodes_created + report.edges_created;
    if (report.rows_rejected != 0) {
      std::cerr << "bench_ingest: " << report.rows_rejected << " rows rejected\n";
      std::exit(3);
    }
  }
  const std::string before = GraphHash(*store);
  Stopwatch again;
  Check(ingest::LoadInputs(*store, {input}, {}), "re-ingest");
  f.reingest_seconds = again.Seconds();
  f.unchanged = GraphHash(*store) == before;
  f.rows_per_s = static_cast<double>(f.rows) / f.ingest_seconds;
  f.elements_per_s = static_cast<double>(f.elements) / f.ingest_seconds;
  store.reset();
  std::filesystem::remove_all(root);
  return f;
}

void Report(const Options& o, const std::vector<Figures>& runs) {
  auto median = [&](double Figures::*field) {
    std::vector<double> values;
    for (const Figures& f : runs) values.push_back(f.*field);
    return Median(values);
  };
  fmt::print("bench_ingest: {} FIRs as {}, {} input rows, {} nodes+edges; median of {} run(s)\n\n",
             WithCommas(static_cast<double>(o.firs)), o.format,
             WithCommas(static_cast<double>(runs[0].rows)),
             WithCommas(static_cast<double>(runs[0].elements)), runs.size());
  fmt::print("{:<40} {:>14}\n", "sutra gen (s)",
             fmt::format("{:.1f}", median(&Figures::gen_seconds)));
  fmt::print("{:<40} {:>14}\n", "ingest (s)",
             fmt::format("{:.1f}", median(&Figures::ingest_seconds)));
  fmt::print("{:<40} {:>14}\n", "ingest input rows/s", WithCommas(median(&Figures::rows_per_s)));
  fmt::print("{:<40} {:>14}\n", "ingest nodes+edges/s",
             WithCommas(median(&Figures::elements_per_s)));
  fmt::print("{:<40} {:>14}\n", "peak anonymous memory (MiB)",
             fmt::format("{:.0f}", median(&Figures::peak_anon_mib)));
  fmt::print("{:<40} {:>14}\n", "peak resident incl. mapped files (MiB)",
             fmt::format("{:.0f}", median(&Figures::peak_rss_mib)));
  fmt::print("{:<40} {:>14}\n", "re-ingest (s)",
             fmt::format("{:.1f}", median(&Figures::reingest_seconds)));
  bool unchanged = true;
  for (const Figures& f : runs) unchanged = unchanged && f.unchanged;
  fmt::print("{:<40} {:>14}\n", "graph unchanged by re-ingest", unchanged ? "yes" : "NO");
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  sutra::storage::KeepLargeBuffersInHeap();
  sutra::bench::Options o;
  CLI::App app{"Benchmark of sutra gen and sutra ingest at scale (see the file header)"};
  app.add_option("--firs", o.firs, "FIRs to generate and load")->capture_default_str();
  app.add_option("--format", o.format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  app.add_option("--repeat", o.repeat, "Runs; medians are reported")->capture_default_str();
  app.add_option("--dir", o.dir, "Scratch directory (removed afterwards)")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  std::vector<sutra::bench::Figures> runs;
  for (int r = 0; r < o.repeat; ++r) runs.push_back(sutra::bench::RunOnce(o));
  sutra::bench::Report(o, runs);
  return 0;
}
