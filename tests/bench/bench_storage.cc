// bench_storage: how fast the LMDB property graph loads, reads neighbourhoods and builds the
// in-memory snapshot, each beside raw LMDB doing the least work of the same size.
//
//   bench_storage --nodes 100000 --edges 1000000 [--batch 100000] [--reads 100000] [--repeat 3]
//
// Phases (each repeated --repeat times on a fresh database; medians are printed):
//   load      N nodes (PersonRecord, a name and an age, natural key and one lookup term each)
//             and M edges between random nodes (5 edge types, FIR provenance), written through
//             WriteTxn::UpsertNodes / UpsertEdges in transactions of --batch rows: nodes,
//             edges, both adjacency directions, natural-key and term indexes all included.
//             "bulk load" does it inside a BulkLoad into the empty database (Finish() timed
//             too); "batched upserts" into another empty database without one, as a load into
//             a database that already holds data goes (skipped with --skip-batched).
//   raw put   the same number of rows as sequential mdb_put(MDB_APPEND) of 8-byte keys and
//             40-byte values in transactions of the same size: LMDB's floor for writing.
//   reads     --reads random nodes' adjacency read through ReadTxn::ForEachNeighbor, one read
//             transaction per node (a consistent view per query, as the engine uses). Two
//             passes over different random nodes: the first on a map this process has not
//             touched yet (reported as "first pass"), the second as a running server reads.
//   raw scan  a cursor walk (MDB_NEXT) over the raw-put rows.
//   snapshot  one full scan into the CSR snapshot the algorithms use.
// Memory: peak resident (includes touched pages of the database file, which the kernel may
// drop) and peak anonymous memory (what the loader itself holds), sampled after each batch.
#include <fmt/format.h>
#include <lmdb.h>
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "engine/snapshot.h"
#include "storage/bulk_load.h"
#include "storage/graph_store.h"
#include "storage/heap_tuning.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

using storage::EdgeType;
using storage::NodeType;

struct Options {
  std::uint64_t nodes = 100000;
  std::uint64_t edges = 1000000;
  std::uint64_t batch = 100000;
  std::uint64_t reads = 200000;
  int repeat = 3;
  std::string dir = "build/bench-storage";
  std::uint64_t seed = 42;
  bool keep = false;
  bool reuse = false;
  bool skip_batched = false;
};

struct Figures {
  double load_rows_per_s = 0;
  double batched_rows_per_s = 0;
  double batched_peak_anon_mib = 0;
  double raw_put_rows_per_s = 0;
  double cold_read_entries_per_s = 0;
  double read_entries_per_s = 0;
  double raw_scan_rows_per_s = 0;
  double snapshot_edges_per_s = 0;
  double peak_anon_mib = 0;
};

void Check(const Status& status, std::string_view what) {
  if (!status.ok()) {
    std::cerr << "bench_storage: " << what << ": " << status.ToString() << "\n";
    std::exit(1);
  }
}

void CheckRc(int rc, std::string_view what) {
  if (rc != 0) {
    std::cerr << "bench_storage: " << what << ": " << mdb_strerror(rc) << "\n";
    std::exit(1);
  }
}

constexpr EdgeType kEdgeTypes[] = {EdgeType::kAccusedIn, EdgeType::kUses, EdgeType::kCalled,
                                   EdgeType::kResidesAt, EdgeType::kOwns};

using UpdateFn = std::function<Status(const std::function<Status(storage::WriteTxn&)>&)>;

// Loads the synthetic graph through the bulk upserts, a batch per transaction, each run by
// `update`, then calls `finish`; returns rows per second. Generating a batch is timed too: it
// is part of any real load.
double LoadGraph(const UpdateFn& update, const std::function<void()>& finish, const Options& o,
                 AnonymousPeak& peak) {
  SplitMix rng(o.seed);
  Stopwatch clock;
  std::vector<storage::NodeWrite> nodes;
  for (std::uint64_t node = 0; node < o.nodes;) {
    const std::uint64_t end = std::min(o.nodes, node + o.batch);
    nodes.clear();
    for (std::uint64_t i = node; i < end; ++i) {
      std::string key = fmt::format("R{}", i);
      nodes.push_back(
          {NodeType::kPersonRecord,
           key,
           {{"name", fmt::format("Person {}", i)}, {"age", static_cast<std::int64_t>(18 + i % 60)}},
           {"record:" + key}});
    }
    Check(update([&](storage::WriteTxn& w) { return w.UpsertNodes(nodes).status(); }),
          "load nodes");
    node = end;
    peak.Sample();
  }
  std::vector<storage::EdgeWrite> edges;
  for (std::uint64_t edge = 0; edge < o.edges;) {
    const std::uint64_t end = std::min(o.edges, edge + o.batch);
    edges.clear();
    for (std::uint64_t i = edge; i < end; ++i) {
      storage::NodeId from = 1 + rng.Below(o.nodes), to = 1 + rng.Below(o.nodes);
      EdgeType type = kEdgeTypes[rng.Below(std::size(kEdgeTypes))];
      storage::EdgeWrite& e = edges.emplace_back();
      e.type = type;
      e.from = from;
      e.to = to;
      e.provenance = {fmt::format("{:04}/2023", i / 8), "MH-PUN-0012", 1};
      e.discriminator = fmt::format("{}", i);
    }
    Check(update([&](storage::WriteTxn& w) { return w.UpsertEdges(edges).status(); }),
          "load edges");
    edge = end;
    peak.Sample();
  }
  const double before_finish = clock.Seconds();
  finish();
  peak.Sample();
  fmt::print(stderr, "  load {:.2f} s, then finish {:.2f} s\n", before_finish,
             clock.Seconds() - before_finish);
  return static_cast<double>(o.nodes + o.edges) / clock.Seconds();
}

// Raw LMDB: sequential appends of the same number of rows, and a cursor scan over them.
std::pair<double, double> RawLmdb(const std::filesystem::path& dir, const Options& o) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  MDB_env* env;
  CheckRc(mdb_env_create(&env), "raw env");
  CheckRc(mdb_env_set_mapsize(env, std::size_t{64} << 30), "raw map size");
  CheckRc(mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0664), "raw open");
  MDB_dbi dbi;
  const std::uint64_t rows = o.nodes + o.edges;
  char value[40] = {};
  Stopwatch put_clock;
  for (std::uint64_t row = 0; row < rows;) {
    MDB_txn* txn;
    CheckRc(mdb_txn_begin(env, nullptr, 0, &txn), "raw begin");
    CheckRc(mdb_dbi_open(txn, nullptr, 0, &dbi), "raw dbi");
    for (std::uint64_t end = std::min(rows, row + o.batch); row < end; ++row) {
      unsigned char key[8];
      for (int b = 0; b < 8; ++b) key[b] = static_cast<unsigned char>(row >> (56 - 8 * b));
      std::memcpy(value, &row, sizeof row);
      MDB_val k{8, key}, v{sizeof value, value};
      CheckRc(mdb_put(txn, dbi, &k, &v, MDB_APPEND), "raw put");
    }
    CheckRc(mdb_txn_commit(txn), "raw commit");
  }
  const double put_rate = static_cast<double>(rows) / put_clock.Seconds();

  MDB_txn* txn;
  CheckRc(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), "raw read");
  MDB_cursor* cursor;
  CheckRc(mdb_cursor_open(txn, dbi, &cursor), "raw cursor");
  MDB_val k, v;
  std::uint64_t seen = 0, checksum = 0;
  Stopwatch scan_clock;
  while (mdb_cursor_get(cursor, &k, &v, MDB_NEXT) == 0) {
    ++seen;
    checksum += static_cast<const unsigned char*>(v.mv_data)[0];
  }
  const double scan_rate = static_cast<double>(seen) / scan_clock.Seconds();
  mdb_cursor_close(cursor);
  mdb_txn_abort(txn);
  mdb_env_close(env);
  if (seen != rows || checksum == 0xFFFFFFFFFFFFFFFFull) std::exit(3);
  return {put_rate, scan_rate};
}

// `pass` picks the random nodes: each pass reads a different sample.
double RandomReads(const storage::GraphStore& store, const Options& o, std::uint64_t pass) {
  SplitMix rng(o.seed ^ 0x5eed ^ (pass << 32));
  std::uint64_t entries = 0;
  Stopwatch clock;
  for (std::uint64_t q = 0; q < o.reads; ++q) {
    auto txn = store.BeginRead();
    Check(txn.status(), "begin read");
    Check(txn->ForEachNeighbor(1 + rng.Below(o.nodes),
                               [&](const storage::Neighbor&) { return ++entries, true; }),
          "neighbour read");
  }
  return static_cast<double>(entries) / clock.Seconds();
}

double SnapshotBuild(const storage::GraphStore& store, const Options& o) {
  auto txn = store.BeginRead();
  Check(txn.status(), "begin read");
  Stopwatch clock;
  auto snapshot = engine::BuildSnapshot(*txn);
  Check(snapshot.status(), "snapshot");
  const double seconds = clock.Seconds();
  if (snapshot->arc_count() != 2 * o.edges) {
    std::cerr << "bench_storage: snapshot has " << snapshot->arc_count() << " arcs, expected "
              << 2 * o.edges << "\n";
    std::exit(3);
  }
  return static_cast<double>(o.edges) / seconds;
}

// The first pass runs on a map the process has not touched (each new page costs a fault);
// the second, on other random nodes, as a running server reads.
void MeasureReads(const storage::GraphStore& store, const Options& o, Figures& f) {
  f.cold_read_entries_per_s = RandomReads(store, o, 0);
  f.read_entries_per_s = RandomReads(store, o, 1);
}

Figures RunOnce(const Options& o) {
  // The tools keep freed memory (see main()); hand back what the previous run left, so that
  // each run's memory peak is its own.
  malloc_trim(0);
  Figures f;
  const std::filesystem::path root = o.dir;
  if (o.reuse) {
    // Reads and snapshot only, in a process that has not touched the database yet.
    auto store = storage::GraphStore::Open(root / "sutra", {});
    Check(store.status(), "open the kept database (run once with --keep first)");
    MeasureReads(**store, o, f);
    f.snapshot_edges_per_s = SnapshotBuild(**store, o);
  } else {
    std::filesystem::remove_all(root / "sutra");
    std::filesystem::remove_all(root / "batched");
  }
  if (!o.reuse) {
    AnonymousPeak peak;
    peak.Sample();
    auto store = storage::GraphStore::Open(root / "sutra", {.create_if_missing = true});
    Check(store.status(), "open");
    auto bulk = storage::BulkLoad::Begin(**store, "bench_storage");
    Check(bulk.status(), "begin bulk load");
    f.load_rows_per_s =
        LoadGraph([&](const auto& body) { return (*bulk)->Update(body); },
                  [&] { Check((*bulk)->Finish().status(), "finish bulk load"); }, o, peak);
    f.peak_anon_mib = peak.mib();
    MeasureReads(**store, o, f);
    f.snapshot_edges_per_s = SnapshotBuild(**store, o);
  }
  if (!o.skip_batched && !o.reuse) {
    AnonymousPeak peak;
    peak.Sample();
    auto store = storage::GraphStore::Open(root / "batched", {.create_if_missing = true});
    Check(store.status(), "open");
    f.batched_rows_per_s =
        LoadGraph([&](const auto& body) { return (*store)->Update(body); }, [] {}, o, peak);
    f.batched_peak_anon_mib = peak.mib();
    std::filesystem::remove_all(root / "batched");
  }
  std::tie(f.raw_put_rows_per_s, f.raw_scan_rows_per_s) = RawLmdb(root / "raw", o);
  if (!o.keep) std::filesystem::remove_all(root);
  return f;
}

void Report(const Options& o, const std::vector<Figures>& runs) {
  auto median = [&](double Figures::*field) {
    std::vector<double> values;
    for (const Figures& f : runs) values.push_back(f.*field);
    return Median(values);
  };
  const double load = median(&Figures::load_rows_per_s);
  const double raw_put = median(&Figures::raw_put_rows_per_s);
  const double cold_reads = median(&Figures::cold_read_entries_per_s);
  const double reads = median(&Figures::read_entries_per_s);
  const double raw_scan = median(&Figures::raw_scan_rows_per_s);
  const double snapshot = median(&Figures::snapshot_edges_per_s);
  fmt::print("bench_storage: {} nodes, {} edges, batch {}, {} reads; median of {} run(s)\n\n",
             WithCommas(o.nodes), WithCommas(o.edges), WithCommas(o.batch), WithCommas(o.reads),
             runs.size());
  fmt::print("{:<34} {:>16} {:>16} {:>8}\n", "phase", "sutra /s", "raw LMDB /s", "ratio");
  if (!o.reuse) {
    fmt::print("{:<34} {:>16} {:>16} {:>8.2f}\n", "bulk load (nodes+edges)", WithCommas(load),
               WithCommas(raw_put), load / raw_put);
  }
  if (!o.skip_batched && !o.reuse) {
    const double batched = median(&Figures::batched_rows_per_s);
    fmt::print("{:<34} {:>16} {:>16} {:>8.2f}\n", "batched upserts (nodes+edges)",
               WithCommas(batched), WithCommas(raw_put), batched / raw_put);
  }
  fmt::print("{:<34} {:>16} {:>16} {:>8.2f}\n", "reads, first pass (entries)",
             WithCommas(cold_reads), WithCommas(raw_scan), cold_reads / raw_scan);
  fmt::print("{:<34} {:>16} {:>16} {:>8.2f}\n", "neighbourhood reads (entries)", WithCommas(reads),
             WithCommas(raw_scan), reads / raw_scan);
  fmt::print("{:<34} {:>16} {:>16} {:>8.2f}\n", "snapshot build (edges)", WithCommas(snapshot),
             WithCommas(raw_scan), snapshot / raw_scan);
  if (!o.reuse) {
    fmt::print(
        "\npeak anonymous memory during the bulk load: {:.1f} MiB (median); peak resident of the "
        "process: {:.1f} MiB\n",
        median(&Figures::peak_anon_mib), PeakResidentMiB());
  }
  if (!o.skip_batched && !o.reuse) {
    fmt::print("peak anonymous memory during the batched upserts: {:.1f} MiB (median)\n",
               median(&Figures::batched_peak_anon_mib));
  }
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  sutra::storage::KeepLargeBuffersInHeap();
  sutra::bench::Options o;
  CLI::App app{"Benchmark of Sutra's LMDB graph store against raw LMDB (see the file header)"};
  app.add_option("--nodes", o.nodes, "Nodes to load")->capture_default_str();
  app.add_option("--edges", o.edges, "Edges to load")->capture_default_str();
  app.add_option("--batch", o.batch, "Rows per write transaction")->capture_default_str();
  app.add_option("--reads", o.reads, "Random neighbourhood reads")->capture_default_str();
  app.add_option("--repeat", o.repeat, "Runs; medians are reported")->capture_default_str();
  app.add_option("--dir", o.dir, "Scratch directory (removed afterwards)")->capture_default_str();
  app.add_flag("--keep", o.keep, "Keep the databases in --dir for inspection");
  app.add_flag("--reuse", o.reuse,
               "Skip the loads: measure reads and snapshot on the database a --keep run left");
  app.add_flag("--skip-batched", o.skip_batched, "Do not measure the batched-upsert load");
  CLI11_PARSE(app, argc, argv);
  std::vector<sutra::bench::Figures> runs;
  for (int r = 0; r < o.repeat; ++r) runs.push_back(sutra::bench::RunOnce(o));
  sutra::bench::Report(o, runs);
  return 0;
}
