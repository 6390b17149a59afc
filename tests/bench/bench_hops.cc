// bench_hops: the investigator's first question at national scale, and the snapshot behind it.
//
// On a generated crime graph of about 10^7 links (`sutra gen` + ingest, kept in --work for
// reuse):
//   1. the first snapshot build (what a server does once at start);
//   2. 2-hop neighbourhoods of uniformly sampled nodes with the default hub caps (100 links
//      followed per node, 1,000 nodes per answer): p50 / p99 / max latency, on the snapshot
//      (algorithms::KHop) — what the targets measure;
//   3. a batch write (new phones and call links) followed by the background rebuild: the time
//      from the commit until readers see the new view, while two reader threads keep asking
//      2-hop questions (one a millisecond each); their worst latency during the rebuild shows
//      whether any was blocked.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "algorithms/k_hop.h"
#include "datasets/generator/generator.h"
#include "engine/snapshot.h"
#include "engine/snapshot_cache.h"
#include "ingest/loader.h"
#include "storage/graph_store.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

namespace fs = std::filesystem;

template <typename T>
T Check(StatusOr<T> value, std::string_view what) {
  return OrExit(std::move(value), "bench_hops", what);
}
void Check(const Status& status, std::string_view what) { OrExit(status, "bench_hops", what); }

struct Options {
  std::size_t firs = 800000;
  std::size_t queries = 20000;
  int rebuilds = 3;
  std::size_t batch_links = 20000;
  std::string work = "build/bench-hops";
};

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

std::unique_ptr<storage::GraphStore> OpenGenerated(const Options& o) {
  const fs::path root = fs::path(o.work) / ("crime-" + std::to_string(o.firs));
  if (!fs::exists(root / "loaded")) {
    fs::remove_all(root);
    gen::GeneratorOptions gen_options;
    gen_options.firs = o.firs;
    fmt::print(stderr, "bench_hops: generating and ingesting {} FIRs into {}\n", o.firs,
               (root / "db").string());
    Check(gen::Generate(gen_options, gen::OutputFormat::kCsv, root / "input"), "generate");
    auto store = Check(storage::GraphStore::Open(root / "db", {.create_if_missing = true}), "open");
    Check(ingest::LoadInputs(*store, {root / "input"}, {}), "ingest");
    fs::remove_all(root / "input");
    std::ofstream(root / "loaded") << "ok\n";
  }
  return Check(storage::GraphStore::Open(root / "db", {}), "open");
}

// A batch like one day's load at a busy district: new phones, each called from existing phones.
// `salt` makes the keys new on every run of the bench against the same database: a batch of
// keys already stored writes nothing, and then there is nothing to rebuild.
void WriteBatch(storage::GraphStore& store, const algorithms::CsrGraph& graph, std::size_t links,
                SplitMix& rng, int round) {
  const std::uint64_t salt = Check(store.LastCommitId(), "commit id");
  std::vector<storage::NodeId> phones;
  for (algorithms::DenseId v = 0; v < graph.node_count(); v += 97) {
    if (graph.node(v).type == storage::NodeType::kPhone) phones.push_back(graph.node(v).id);
  }
  Check(store.Update([&](storage::WriteTxn& w) -> Status {
    std::vector<storage::NodeWrite> nodes;
    for (std::size_t i = 0; i < links / 4; ++i) {
      nodes.push_back({storage::NodeType::kPhone,
                       fmt::format("+91-bench-{}-{}-{}", salt, round, i),
                       {{"number", fmt::format("bench {} {} {}", salt, round, i)}},
                       {}});
    }
    SUTRA_ASSIGN_OR_RETURN(auto created, w.UpsertNodes(nodes));
    std::vector<storage::EdgeWrite> edges;
    for (std::size_t i = 0; i < links; ++i) {
      storage::EdgeWrite& e = edges.emplace_back();
      e.type = storage::EdgeType::kCalled;
      e.from = phones[rng.Below(phones.size())];
      e.to = created[i % created.size()].id;
      e.provenance = {"bench", "bench", 0};
      e.discriminator = fmt::format("{}-{}-{}", salt, round, i);
    }
    return w.UpsertEdges(edges).status();
  }),
        "batch write");
}

int Run(const Options& o) {
  auto store = OpenGenerated(o);
  engine::SnapshotCache cache(*store);
  Stopwatch first_clock;
  auto first = Check(cache.Current(), "snapshot");
  const double first_seconds = first_clock.Seconds();
  const algorithms::CsrGraph& graph = first->graph;
  fmt::print("bench_hops: {} nodes, {} links ({} FIRs generated)\n",
             WithCommas(static_cast<double>(graph.node_count())),
             WithCommas(static_cast<double>(graph.arc_count() / 2)), WithCommas(double(o.firs)));
  fmt::print("{:<46} {:>10.3f}\n", "first snapshot build, s", first_seconds);

  // 2-hop latency with the default caps, on uniformly sampled nodes.
  SplitMix rng(20261130);
  algorithms::KHopOptions options;
  options.hops = 2;
  std::vector<double> latencies;
  std::size_t capped = 0, total_nodes = 0;
  // A thread's first query sizes its per-node marks (8 bytes a node): once, not per query.
  (void)algorithms::KHop(graph, 0, options);
  for (std::size_t i = 0; i < o.queries; ++i) {
    const auto v = static_cast<algorithms::DenseId>(rng.Below(graph.node_count()));
    Stopwatch clock;
    const auto hood = algorithms::KHop(graph, v, options);
    latencies.push_back(clock.Seconds() * 1000);
    capped += hood.left_out > 0;
    total_nodes += hood.nodes.size();
  }
  fmt::print("{:<46} {:>10.4f}\n", "2-hop p50, ms (target < 1)", Percentile(latencies, 0.5));
  fmt::print("{:<46} {:>10.4f}\n", "2-hop p99, ms (target < 10)", Percentile(latencies, 0.99));
  fmt::print("{:<46} {:>10.4f}\n", "2-hop max, ms", Percentile(latencies, 1.0));
  fmt::print("{:<46} {:>10.1f}\n", "2-hop mean nodes per answer",
             static_cast<double>(total_nodes) / static_cast<double>(o.queries));
  fmt::print("{:<46} {:>10}\n", "2-hop answers capped (hubs)", WithCommas(double(capped)));

  // A rebuild of an unchanged store with the machine to itself: the build's own cost.
  std::vector<double> quiet;
  for (int i = 0; i < 3; ++i) {
    auto txn = Check(store->BeginRead(), "read");
    Stopwatch clock;
    (void)Check(engine::BuildSnapshot(txn), "snapshot");
    quiet.push_back(clock.Seconds());
  }
  fmt::print("{:<46} {:>10.3f}\n", "snapshot build, warm, no readers, s (median)", Median(quiet));

  // Rebuilds after batch writes, with readers asking a 2-hop question every millisecond each
  // throughout (a busy investigation server, not a saturated one).
  std::atomic<bool> stop = false, measuring = false;
  std::vector<double> worst(2, 0);
  std::vector<std::size_t> answered(2, 0);
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&, r] {
      SplitMix reader_rng(7 + r);
      while (!stop) {
        Stopwatch clock;
        auto snapshot = Check(cache.Current(), "snapshot");
        const auto v =
            static_cast<algorithms::DenseId>(reader_rng.Below(snapshot->graph.node_count()));
        (void)algorithms::KHop(snapshot->graph, v, options);
        const double ms = clock.Seconds() * 1000;
        if (measuring) {
          worst[r] = std::max(worst[r], ms);
          ++answered[r];
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  std::vector<double> visible, builds;
  for (int round = 0; round < o.rebuilds; ++round) {
    WriteBatch(*store, Check(cache.Current(), "snapshot")->graph, o.batch_links, rng, round);
    const std::uint64_t committed = Check(store->LastCommitId(), "commit id");
    measuring = true;
    Stopwatch clock;
    std::shared_ptr<const engine::Snapshot> now;
    do {
      now = Check(cache.Current(), "snapshot");
      if (now->view_id < committed) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } while (now->view_id < committed);
    visible.push_back(clock.Seconds());
    measuring = false;
    builds.push_back(now->build_seconds);
  }
  stop = true;
  for (auto& t : readers) t.join();
  fmt::print("{:<46} {:>10}\n", "batch written before each rebuild, links",
             WithCommas(double(o.batch_links)));
  fmt::print("{:<46} {:>10.3f}\n", "rebuild: commit to new view visible, s (median)",
             Median(visible));
  fmt::print("{:<46} {:>10.3f}\n", "rebuild: build alone, s (median; target < 2)", Median(builds));
  fmt::print("{:<46} {:>10.3f}\n", "readers' worst 2-hop latency during rebuilds, ms",
             std::max(worst[0], worst[1]));
  fmt::print("{:<46} {:>10}\n", "2-hop answers given during rebuilds",
             WithCommas(double(answered[0] + answered[1])));
  Check(cache.last_rebuild_status(), "background rebuild");
  return 0;
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  sutra::bench::Options o;
  CLI::App app{"2-hop latency and snapshot rebuild on a 10^7-link generated crime graph"};
  app.add_option("--firs", o.firs, "FIRs to generate (about 13 links each)");
  app.add_option("--queries", o.queries, "2-hop queries timed");
  app.add_option("--rebuilds", o.rebuilds, "Batch writes, each followed by a rebuild");
  app.add_option("--batch-links", o.batch_links, "Links written by each batch");
  app.add_option("--work", o.work, "Folder for the generated database (reused when present)");
  CLI11_PARSE(app, argc, argv);
  return sutra::bench::Run(o);
}
