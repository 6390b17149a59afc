// bench_resolve: entity resolution on a database end to end, on generated data with ground
// truth (`sutra gen`'s truth.csv), and the one-record operations on the resolved database.
//
//   1. generate --firs FIRs and ingest them into a fresh database (not timed here; see
//      bench_ingest);
//   2. `sutra resolve` (engine::er::ResolveDatabase): seconds per stage and peak memory;
//   3. score the resolution against truth.csv: pairwise precision, recall, F1 and B-cubed F1;
//   4. incremental matching: --queries records drawn at random are held out of a PersonIndex of
//      all the others, then matched one at a time (PersonIndex::Decide) — one new record against
//      the resolved rest — timing each; agreement with the full run is printed beside it;
//   5. person search: for the same records, the query an investigator types (name and father's
//      name only) through PersonIndex::Find, timing each; "found" counts queries whose record's
//      person is among the ten answers.
//
// Usage: bench_resolve [--firs N] [--queries N] [--dir DIR] [--keep]

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <unordered_map>

#include "algorithms/er/person_index.h"
#include "algorithms/er/spelling_table.h"
#include "algorithms/er/strong_identifier.h"
#include "datasets/generator/generator.h"
#include "engine/er/er_state.h"
#include "engine/er/resolve_database.h"
#include "engine/er/stored_records.h"
#include "ingest/loader.h"
#include "storage/heap_tuning.h"
#include "tests/bench/bench_support.h"
#include "tests/bench/er_scores.h"

namespace sutra::bench {
namespace {

template <typename T>
T Check(StatusOr<T> value, std::string_view what) {
  return OrExit(std::move(value), "bench_resolve", what);
}

// record_id -> true person id, from the generator's truth.csv.
std::unordered_map<std::string, std::string> ReadTruth(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::unordered_map<std::string, std::string> truth;
  std::string line;
  std::getline(in, line);  // header: record_id,person_id,gang_id
  while (std::getline(in, line)) {
    const std::size_t a = line.find(','), b = line.find(',', a + 1);
    if (a == std::string::npos) continue;
    truth.emplace(line.substr(0, a), line.substr(a + 1, b - a - 1));
  }
  return truth;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

struct Options {
  std::uint64_t firs = 30000;
  std::size_t queries = 1000;
  std::string dir = "build/bench-resolve";
  bool keep = false;
};

int Run(const Options& o) {
  const std::filesystem::path root = o.dir;
  std::filesystem::remove_all(root);
  gen::GeneratorOptions gen_options;
  gen_options.firs = o.firs;
  Check(gen::Generate(gen_options, gen::OutputFormat::kCsv, root / "input"), "generate");
  auto store = Check(storage::GraphStore::Open(root / "db", {.create_if_missing = true}), "open");
  Check(ingest::LoadInputs(*store, {root / "input"}, {}), "ingest");
  auto normalizer = Check(
      algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default()), "spelling");

  engine::er::ResolveDbOptions options;
  options.actor = "bench_resolve";
  MemorySampler memory;
  Stopwatch clock;
  auto report = Check(engine::er::ResolveDatabase(*store, normalizer, options), "resolve");
  const double seconds = clock.Seconds();
  memory.Stop();

  std::optional<storage::ReadTxn> txn = Check(store->BeginRead(), "read");
  auto records = Check(engine::er::LoadPersonRecords(*txn), "records");
  const auto truth_of = ReadTruth(root / "input" / "truth.csv");
  std::vector<std::uint64_t> predicted;
  std::vector<std::string> truth;
  for (const auto& r : records) {
    auto t = truth_of.find(r.input.id);
    if (t == truth_of.end()) continue;
    predicted.push_back(r.person);
    truth.push_back(t->second);
  }
  const ErScores scores = ScoreResolution(predicted, truth);

  fmt::print("bench_resolve: {} FIRs, {} person records, {} with truth\n\n",
             WithCommas(static_cast<double>(o.firs)),
             WithCommas(static_cast<double>(records.size())),
             WithCommas(static_cast<double>(truth.size())));
  fmt::print("{:<34} {:>14}\n", "full resolution", "");
  fmt::print("{:<34} {:>14}\n", "candidate pairs compared", WithCommas(report.candidate_pairs));
  fmt::print("{:<34} {:>14}\n", "persons", WithCommas(report.persons));
  fmt::print("{:<34} {:>14.1f}\n", "seconds: load records", report.load_seconds);
  fmt::print("{:<34} {:>14.1f}\n", "seconds: resolve", report.resolve_seconds);
  for (const auto& [stage, stage_seconds] : report.resolve_stages) {
    fmt::print("{:<34} {:>14.1f}\n", "  of which " + stage, stage_seconds);
  }
  fmt::print("{:<34} {:>14.1f}\n", "seconds: write persons", report.write_seconds);
  fmt::print("{:<34} {:>14.1f}\n", "seconds: end to end", seconds);
  fmt::print("{:<34} {:>14.0f}\n", "peak anonymous memory (MiB)", memory.peak_anon());
  fmt::print("{:<34} {:>14.4f}\n", "pairwise precision", scores.precision);
  fmt::print("{:<34} {:>14.4f}\n", "pairwise recall", scores.recall);
  fmt::print("{:<34} {:>14.4f}\n", "pairwise F1", scores.f1);
  fmt::print("{:<34} {:>14.4f}\n\n", "B-cubed F1", scores.bcubed_f1);

  // Hold out random records; index all the others with their persons.
  std::mt19937_64 rng(7);
  std::vector<std::size_t> order(records.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(std::min(o.queries, order.size()));
  std::vector<bool> held(records.size(), false);
  for (std::size_t i : order) held[i] = true;
  const algorithms::er::Resolver resolver(normalizer);
  auto model = Check(engine::er::ReadModel(*txn), "model");
  Stopwatch index_clock;
  algorithms::er::PersonIndex index(std::move(*model), options.resolve);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (held[i]) continue;
    index.Add(resolver.Normalize(records[i].input), records[i].person,
              algorithms::er::StrongIdentifier(records[i].input.identifier).value_or(""));
  }
  index.Seal();
  const double index_seconds = index_clock.Seconds();

  std::vector<double> match_ms, search_ms;
  std::size_t agree = 0, found = 0;
  for (std::size_t i : order) {
    const auto& r = records[i];
    Stopwatch one;
    const auto record = resolver.Normalize(r.input);
    const auto match =
        index.Decide(record, algorithms::er::StrongIdentifier(r.input.identifier).value_or(""));
    match_ms.push_back(one.Seconds() * 1e3);
    // The full run put it with others (a person still in the index) or alone.
    const bool alone = index.person_size(r.person) == 0;
    if (match ? match->person == r.person : alone) ++agree;

    algorithms::er::PersonInput query;
    query.name = r.input.name;
    query.father_name = r.input.father_name;
    Stopwatch search;
    const auto answer = index.Find(resolver.Normalize(query), 0.0, 10);
    search_ms.push_back(search.Seconds() * 1e3);
    if (!alone) {
      for (const auto& m : answer.persons) found += m.person == r.person ? 1 : 0;
    } else {
      ++found;  // nothing to find: the record was a person of its own
    }
  }
  const double n = static_cast<double>(order.size());
  fmt::print("{:<34} {:>14}\n", "one record at a time", "");
  fmt::print("{:<34} {:>14.1f}\n", "seconds: index the others", index_seconds);
  fmt::print("{:<34} {:>14.2f}\n", "incremental match p50 (ms)", Percentile(match_ms, 0.5));
  fmt::print("{:<34} {:>14.2f}\n", "incremental match p99 (ms)", Percentile(match_ms, 0.99));
  fmt::print("{:<34} {:>14.4f}\n", "agrees with the full run", static_cast<double>(agree) / n);
  fmt::print("{:<34} {:>14.2f}\n", "search p50 (ms)", Percentile(search_ms, 0.5));
  fmt::print("{:<34} {:>14.2f}\n", "search p99 (ms)", Percentile(search_ms, 0.99));
  fmt::print("{:<34} {:>14.4f}\n", "search finds the person (top 10)",
             static_cast<double>(found) / n);
  txn = {};
  if (!o.keep) {
    store.reset();
    std::filesystem::remove_all(root);
  }
  return 0;
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  sutra::storage::KeepLargeBuffersInHeap();
  sutra::bench::Options o;
  CLI::App app{"Entity resolution on a generated database: accuracy, speed, memory"};
  app.add_option("--firs", o.firs, "FIRs to generate (about 3.3 person records each)")
      ->capture_default_str();
  app.add_option("--queries", o.queries, "Records held out for incremental matching and search")
      ->capture_default_str();
  app.add_option("--dir", o.dir, "Work directory (replaced)")->capture_default_str();
  app.add_flag("--keep", o.keep, "Keep the generated input and database");
  CLI11_PARSE(app, argc, argv);
  return sutra::bench::Run(o);
}
