// bench_links: Sutra's link-analysis algorithms side by side with python3-igraph and
// python3-networkx, in one run, on the same graphs, with a check that the answers agree.
//
// Graphs: a generated crime graph (`sutra gen`, ingested into a fresh database, snapshot as the
// engine builds it) and public SNAP graphs shipped inside the kuzu npm package's dataset folder
// (installed with npm into the work folder when absent). Each graph is the same simple
// undirected graph for all three tools: Sutra's UndirectedGraph view writes the edge list the
// peers read (tests/bench/links_peers.py).
//
// Operations: PageRank, connected components, betweenness (exact up to 50,000 nodes, from
// sampled sources above), community detection (Louvain; modularity compared), 2-hop
// neighbourhoods of sampled nodes, shortest paths between sampled pairs. Times are medians of
// --repeat runs of the operation alone (building each tool's graph is not timed; Sutra's view
// build is printed apart). The peers are installed with apt-get when missing.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "algorithms/centrality.h"
#include "algorithms/communities.h"
#include "algorithms/components.h"
#include "algorithms/csr_graph.h"
#include "algorithms/k_hop.h"
#include "algorithms/paths.h"
#include "algorithms/undirected_graph.h"
#include "datasets/generator/generator.h"
#include "engine/snapshot.h"
#include "ingest/loader.h"
#include "storage/graph_store.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

namespace fs = std::filesystem;
using algorithms::CsrGraph;
using algorithms::LocalId;
using algorithms::UndirectedGraph;

template <typename T>
T Check(StatusOr<T> value, std::string_view what) {
  return OrExit(std::move(value), "bench_links", what);
}

constexpr std::size_t kExactBetweennessMaxNodes = 50000;

struct Options {
  std::vector<std::string> graphs = {"crime", "amazon0601", "facebook"};
  std::size_t firs = 100000;
  int repeat = 3;
  std::size_t sampled_sources = 64;
  std::size_t seeds = 1000;
  std::size_t pairs = 200;
  std::size_t networkx_max_edges = 300000;
  bool networkx = true;
  std::string work = "build/bench-links";
  std::string snap_dir;  // the kuzu package's dataset/snap; found or installed when empty
};

// One graph as every tool sees it: the snapshot (for traversals) and its undirected view.
struct BenchGraph {
  std::string name;
  CsrGraph snapshot;
  UndirectedGraph view;
  double view_seconds = 0;
};

// --- the graphs ------------------------------------------------------------------------

BenchGraph CrimeGraph(const Options& o) {
  const fs::path root = fs::path(o.work) / ("crime-" + std::to_string(o.firs));
  const fs::path db = root / "db";
  if (!fs::exists(root / "loaded")) {
    fs::remove_all(root);
    gen::GeneratorOptions gen_options;
    gen_options.firs = o.firs;
    fmt::print(stderr, "bench_links: generating and ingesting {} FIRs into {}\n", o.firs,
               db.string());
    Check(gen::Generate(gen_options, gen::OutputFormat::kCsv, root / "input"), "generate");
    auto store = Check(storage::GraphStore::Open(db, {.create_if_missing = true}), "open");
    Check(ingest::LoadInputs(*store, {root / "input"}, {}), "ingest");
    std::ofstream(root / "loaded") << "ok\n";
  }
  auto store = Check(storage::GraphStore::Open(db, {}), "open");
  auto txn = Check(store->BeginRead(), "read");
  BenchGraph g{"crime", Check(engine::BuildSnapshot(txn), "snapshot"), {}, 0};
  Stopwatch clock;
  g.view = UndirectedGraph::FromSnapshot(g.snapshot, algorithms::LinkFilter{});
  g.view_seconds = clock.Seconds();
  return g;
}

fs::path FindSnapDir(const Options& o) {
  if (!o.snap_dir.empty()) return o.snap_dir;
  const fs::path npm_root = fs::absolute(fs::path(o.work) / "kuzu-npm");
  const fs::path snap = npm_root / "node_modules/kuzu/kuzu-source/dataset/snap";
  if (!fs::exists(snap)) {
    fmt::print(stderr, "bench_links: installing kuzu@0.11.3 with npm for its SNAP graphs\n");
    fs::create_directories(npm_root);
    const std::string cmd = "cd '" + npm_root.string() +
                            "' && npm install --no-audit --no-fund kuzu@0.11.3 >npm.log 2>&1";
    if (std::system(cmd.c_str()) != 0 || !fs::exists(snap)) {
      fmt::print(stderr, "bench_links: npm install failed (see {}/npm.log); give --snap-dir\n",
                 npm_root.string());
      std::exit(1);
    }
  }
  return snap;
}

// A SNAP edge file (any of tab, space or comma between two integer ids per line) as a simple
// undirected graph on dense ids, both as a snapshot and as its view.
BenchGraph SnapGraph(const Options& o, const std::string& name) {
  const fs::path snap = FindSnapDir(o);
  const std::map<std::string, fs::path> files = {
      {"amazon0601", "amazon0601/csv/amazon-edges.csv"},
      {"twitter", "twitter/csv/twitter-edges.csv"},
      {"facebook", "facebook/edges.csv"},
      {"epinions", "epinions/edges.csv"},
  };
  auto file = files.find(name);
  if (file == files.end()) {
    fmt::print(stderr, "bench_links: unknown graph {}\n", name);
    std::exit(1);
  }
  std::ifstream in(snap / file->second);
  if (!in) {
    fmt::print(stderr, "bench_links: cannot read {}\n", (snap / file->second).string());
    std::exit(1);
  }
  std::map<std::uint64_t, LocalId> dense;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> raw;
  std::string line;
  while (std::getline(in, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    std::uint64_t a = 0, b = 0;
    if (!(fields >> a >> b)) continue;
    raw.emplace_back(a, b);
    dense.emplace(a, 0);
    dense.emplace(b, 0);
  }
  LocalId next = 0;
  for (auto& [id, v] : dense) v = next++;
  std::vector<std::pair<LocalId, LocalId>> edges;
  std::vector<algorithms::EdgeEntry> entries;
  edges.reserve(raw.size());
  for (auto [a, b] : raw) edges.emplace_back(dense[a], dense[b]);
  BenchGraph g{name, {}, {}, 0};
  Stopwatch clock;
  g.view = UndirectedGraph::FromEdges(dense.size(), edges);
  g.view_seconds = clock.Seconds();
  // The snapshot holds the same simple graph: one link per distinct pair.
  std::vector<algorithms::NodeEntry> nodes(dense.size());
  for (LocalId v = 0; v < nodes.size(); ++v) nodes[v] = {v + 1, storage::NodeType::kPhone};
  for (LocalId v = 0; v < g.view.node_count(); ++v) {
    for (LocalId w : g.view.neighbors(v)) {
      if (v < w) entries.push_back({entries.size() + 1, storage::EdgeType::kCalled, v + 1, w + 1});
    }
  }
  g.snapshot = CsrGraph::Build(std::move(nodes), entries);
  return g;
}

// A random graph of `nodes` nodes and `links` distinct links (uniform pairs), dense enough to
// hold 10^6 links under the 50,000 nodes up to which betweenness is computed exactly: the one
// size where exact betweenness can be timed against igraph on a graph of 10^6 links.
BenchGraph DenseGraph(std::size_t nodes, std::size_t links) {
  SplitMix rng(404);
  std::vector<std::pair<LocalId, LocalId>> edges;
  std::set<std::pair<LocalId, LocalId>> seen;
  while (edges.size() < links) {
    auto a = static_cast<LocalId>(rng.Below(nodes)), b = static_cast<LocalId>(rng.Below(nodes));
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    if (seen.emplace(a, b).second) edges.emplace_back(a, b);
  }
  BenchGraph g{"dense", {}, {}, 0};
  Stopwatch clock;
  g.view = UndirectedGraph::FromEdges(nodes, edges);
  g.view_seconds = clock.Seconds();
  std::vector<algorithms::NodeEntry> entries(nodes);
  for (LocalId v = 0; v < nodes; ++v) entries[v] = {v + 1, storage::NodeType::kPhone};
  std::vector<algorithms::EdgeEntry> arcs;
  for (auto [a, b] : edges)
    arcs.push_back({arcs.size() + 1, storage::EdgeType::kCalled, a + 1, b + 1});
  g.snapshot = CsrGraph::Build(std::move(entries), arcs);
  return g;
}

// --- the workload ----------------------------------------------------------------------

struct Workload {
  std::vector<LocalId> sources;  // empty: exact betweenness
  std::vector<LocalId> seeds;
  std::vector<std::pair<LocalId, LocalId>> pairs;
};

// Seeds and pairs are drawn among nodes with at least one link (an isolated node's 2-hop
// neighbourhood and paths say nothing about speed).
Workload MakeWorkload(const BenchGraph& g, const Options& o) {
  Workload w;
  SplitMix rng(20261130);
  std::vector<LocalId> linked;
  for (LocalId v = 0; v < g.view.node_count(); ++v) {
    if (g.view.degree(v) > 0) linked.push_back(v);
  }
  if (g.view.node_count() > kExactBetweennessMaxNodes) {
    for (std::size_t i = 0; i < o.sampled_sources; ++i) {
      w.sources.push_back(static_cast<LocalId>(rng.Below(g.view.node_count())));
    }
    std::sort(w.sources.begin(), w.sources.end());
    w.sources.erase(std::unique(w.sources.begin(), w.sources.end()), w.sources.end());
  }
  for (std::size_t i = 0; i < o.seeds && !linked.empty(); ++i) {
    w.seeds.push_back(linked[rng.Below(linked.size())]);
  }
  for (std::size_t i = 0; i < o.pairs && !linked.empty(); ++i) {
    w.pairs.emplace_back(linked[rng.Below(linked.size())], linked[rng.Below(linked.size())]);
  }
  return w;
}

void WriteInputs(const BenchGraph& g, const Workload& w, const fs::path& dir) {
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "edges.txt");
    out << g.view.node_count() << ' ' << g.view.edge_count() << '\n';
    for (LocalId v = 0; v < g.view.node_count(); ++v) {
      for (LocalId u : g.view.neighbors(v)) {
        if (v < u) out << v << ' ' << u << '\n';
      }
    }
  }
  std::ofstream sources(dir / "sources.txt"), seeds(dir / "seeds.txt"), pairs(dir / "pairs.txt");
  for (LocalId v : w.sources) sources << v << '\n';
  for (LocalId v : w.seeds) seeds << v << '\n';
  for (auto [a, b] : w.pairs) pairs << a << ' ' << b << '\n';
}

std::vector<double> ReadNumbers(const fs::path& file) {
  std::vector<double> values;
  std::ifstream in(file);
  double v;
  while (in >> v) values.push_back(v);
  return values;
}

// --- Sutra's side ----------------------------------------------------------------------

template <typename Body>
double MedianSeconds(int repeat, const Body& body) {
  std::vector<double> times;
  for (int i = 0; i < repeat; ++i) {
    Stopwatch clock;
    body();
    times.push_back(clock.Seconds());
  }
  return Median(times);
}

// Relabels a membership vector by first appearance, so two tools' numberings compare equal
// when they describe the same partition.
std::vector<double> Canonical(const std::vector<double>& membership) {
  std::map<double, double> label;
  std::vector<double> out;
  for (double m : membership) out.push_back(label.emplace(m, label.size()).first->second);
  return out;
}

struct Row {
  explicit Row(std::string name) : op(std::move(name)) {}
  std::string op;
  double sutra = NAN;
  std::map<std::string, double> peer_seconds;    // tool -> seconds
  std::map<std::string, std::string> peer_note;  // tool -> why skipped
  std::string agreement;                         // e.g. "L1 3.1e-09"
  bool agrees = false;
};

// Sources from which a peer too slow to time checks sampled betweenness (links_peers.py).
constexpr std::size_t kCheckSources = 4;

struct SutraAnswers {
  std::vector<double> pagerank, components, betweenness, two_hop, shortest_path;
  std::vector<double> betweenness_check;  // from the first kCheckSources sources only
  double modularity = 0;
};

std::vector<Row> RunSutra(const BenchGraph& g, const Workload& w, const Options& o,
                          SutraAnswers& answers) {
  std::vector<Row> rows;
  const UndirectedGraph& view = g.view;
  rows.emplace_back("pagerank");
  rows.back().sutra = MedianSeconds(
      o.repeat, [&] { answers.pagerank = Check(algorithms::PageRank(view, {}), "pagerank"); });
  rows.emplace_back("components");
  rows.back().sutra = MedianSeconds(o.repeat, [&] {
    const auto c = algorithms::ConnectedComponents(view);
    answers.components.assign(c.component.begin(), c.component.end());
  });
  rows.emplace_back("betweenness");
  rows.back().sutra = MedianSeconds(w.sources.empty() ? 1 : o.repeat, [&] {
    algorithms::BetweennessOptions options;
    if (!w.sources.empty()) options.sources = w.sources;
    answers.betweenness = Check(algorithms::Betweenness(view, options), "betweenness");
  });
  if (!w.sources.empty()) {  // not timed: the answer a slow peer checks
    algorithms::BetweennessOptions options;
    options.sources.assign(w.sources.begin(),
                           w.sources.begin() + std::min(kCheckSources, w.sources.size()));
    answers.betweenness_check = Check(algorithms::Betweenness(view, options), "betweenness");
  }
  rows.emplace_back("communities");
  rows.back().sutra = MedianSeconds(o.repeat, [&] {
    algorithms::CommunityOptions options;
    options.refine = true;  // as `sutra communities` runs it
    answers.modularity =
        Check(algorithms::DetectCommunities(view, options), "communities").modularity;
  });
  rows.emplace_back("two_hop");
  rows.back().sutra = MedianSeconds(o.repeat, [&] {
    answers.two_hop.clear();
    algorithms::KHopOptions options;
    options.hops = 2;
    options.per_node_limit = SIZE_MAX;
    options.max_nodes = SIZE_MAX;
    for (LocalId v : w.seeds) {
      answers.two_hop.push_back(static_cast<double>(
          algorithms::KHop(g.snapshot, view.snapshot_id(v), options).nodes.size()));
    }
  });
  rows.emplace_back("shortest_path");
  rows.back().sutra = MedianSeconds(o.repeat, [&] {
    answers.shortest_path.clear();
    for (auto [a, b] : w.pairs) {
      const auto found =
          Check(algorithms::ShortestPath(g.snapshot, view.snapshot_id(a), view.snapshot_id(b), {}),
                "shortest path");
      answers.shortest_path.push_back(
          found.paths.empty() ? -1.0 : static_cast<double>(found.paths[0].edges.size()));
    }
  });
  return rows;
}

// --- the peers -------------------------------------------------------------------------

bool PeersInstalled() {
  return std::system("/usr/bin/python3 -c 'import igraph, networkx, scipy' >/dev/null 2>&1") == 0;
}

void InstallPeers() {
  if (PeersInstalled()) return;
  fmt::print(stderr,
             "bench_links: installing python3-igraph python3-networkx python3-scipy (apt-get)\n");
  const char* cmd =
      "{ [ \"$(id -u)\" = 0 ] && apt-get install -y python3-igraph python3-networkx "
      "python3-scipy || sudo apt-get install -y python3-igraph python3-networkx python3-scipy; } "
      ">/dev/null";
  if (std::system(cmd) != 0 || !PeersInstalled()) {
    fmt::print(stderr, "bench_links: could not install the peers; install them and rerun\n");
    std::exit(1);
  }
}

nlohmann::json RunPeer(const std::string& tool, const fs::path& dir, const Options& o) {
  const fs::path script = fs::path(SUTRA_SOURCE_DIR) / "tests/bench/links_peers.py";
  const std::string cmd = "/usr/bin/python3 '" + script.string() + "' '" + dir.string() +
                          "' --tool " + tool + " --repeat " + std::to_string(o.repeat) +
                          " --networkx-max-edges " + std::to_string(o.networkx_max_edges);
  std::FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return nlohmann::json::object();
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  if (pclose(pipe) != 0) {
    fmt::print(stderr, "bench_links: {} failed on {}\n", tool, dir.string());
    return nlohmann::json::object();
  }
  return nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
}

// Fills each row's agreement from igraph's answers (networkx's where igraph has none).
void Compare(std::vector<Row>& rows, const SutraAnswers& s, const Workload& w,
             const fs::path& dir) {
  auto answer = [&](const std::string& op) -> std::pair<std::string, std::vector<double>> {
    for (const char* tool : {"igraph", "networkx"}) {
      const fs::path file = dir / (std::string(tool) + "." + op + ".txt");
      if (fs::exists(file)) return {tool, ReadNumbers(file)};
    }
    return {"", {}};
  };
  for (Row& row : rows) {
    auto [tool, peer] = answer(row.op);
    if (tool.empty()) {
      row.agreement = "no peer answer";
      continue;
    }
    if (row.op == "pagerank") {
      double l1 = 0;
      for (std::size_t i = 0; i < peer.size() && i < s.pagerank.size(); ++i) {
        l1 += std::abs(peer[i] - s.pagerank[i]);
      }
      row.agrees = peer.size() == s.pagerank.size() && l1 < 1e-4;
      row.agreement = fmt::format("L1 {:.1e} ({})", l1, tool);
    } else if (row.op == "components") {
      row.agrees = Canonical(peer) == Canonical(s.components);
      row.agreement = row.agrees ? "identical (" + tool + ")" : "DIFFERENT (" + tool + ")";
    } else if (row.op == "betweenness") {
      // Both tools count each pair once on undirected graphs. From sampled sources the peer
      // answers for the first kCheckSources of them (links_peers.py).
      const auto& mine = w.sources.empty() ? s.betweenness : s.betweenness_check;
      double worst = 0;
      for (std::size_t i = 0; i < peer.size() && i < mine.size(); ++i) {
        worst = std::max(worst, std::abs(peer[i] - mine[i]) / std::max(1.0, std::abs(peer[i])));
      }
      row.agrees = peer.size() == mine.size() && worst < 1e-6;
      row.agreement = fmt::format("max rel. diff {:.1e} ({}{})", worst, tool,
                                  w.sources.empty() ? "" : ", first sources");
    } else if (row.op == "communities") {
      const double q = peer.empty() ? NAN : peer[0];
      row.agrees = s.modularity >= q - 0.01;
      row.agreement = fmt::format("Q {:.4f} vs {:.4f} ({})", s.modularity, q, tool);
    } else {
      const auto& mine = row.op == "two_hop" ? s.two_hop : s.shortest_path;
      row.agrees = peer == mine;
      row.agreement = row.agrees ? "identical (" + tool + ")" : "DIFFERENT (" + tool + ")";
    }
  }
}

void PrintTable(const BenchGraph& g, const std::vector<Row>& rows) {
  fmt::print("\n{}: {} nodes, {} links (simple, undirected); view built in {:.3f} s\n", g.name,
             WithCommas(static_cast<double>(g.view.node_count())),
             WithCommas(static_cast<double>(g.view.edge_count())), g.view_seconds);
  fmt::print("{:<14} {:>10} {:>10} {:>10} {:>13}  {}\n", "operation", "sutra s", "igraph s",
             "networkx s", "sutra/igraph", "answers");
  for (const Row& row : rows) {
    auto cell = [&](const std::string& tool) {
      auto t = row.peer_seconds.find(tool);
      return t == row.peer_seconds.end() ? std::string("-") : fmt::format("{:.4f}", t->second);
    };
    auto igraph = row.peer_seconds.find("igraph");
    const std::string ratio = igraph == row.peer_seconds.end()
                                  ? "n/a"
                                  : fmt::format("{:.3f}", row.sutra / igraph->second);
    fmt::print("{:<14} {:>10.4f} {:>10} {:>10} {:>13}  {}{}\n", row.op, row.sutra, cell("igraph"),
               cell("networkx"), ratio, row.agrees ? "" : "NOT AGREED: ", row.agreement);
    for (const auto& [tool, note] : row.peer_note) {
      fmt::print("{:<14} {} skipped: {}\n", "", tool, note);
    }
  }
}

int Run(const Options& o) {
  InstallPeers();
  int rows_total = 0, rows_ok = 0;
  for (const std::string& name : o.graphs) {
    BenchGraph g = name == "crime"   ? CrimeGraph(o)
                   : name == "dense" ? DenseGraph(40000, 1000000)
                                     : SnapGraph(o, name);
    const Workload w = MakeWorkload(g, o);
    const fs::path dir = fs::absolute(fs::path(o.work) / ("peers-" + name));
    fs::remove_all(dir);
    WriteInputs(g, w, dir);
    SutraAnswers answers;
    std::vector<Row> rows = RunSutra(g, w, o, answers);
    for (const std::string tool : {"igraph", "networkx"}) {
      if (tool == "networkx" && !o.networkx) continue;
      const nlohmann::json peer = RunPeer(tool, dir, o);
      for (Row& row : rows) {
        if (!peer.contains(row.op)) continue;
        if (peer[row.op].is_number()) {
          row.peer_seconds[tool] = peer[row.op].get<double>();
        } else if (peer[row.op].contains("skipped")) {
          row.peer_note[tool] = peer[row.op]["skipped"].get<std::string>();
        }
      }
    }
    Compare(rows, answers, w, dir);
    PrintTable(g, rows);
    if (g.view.edge_count() >= 1000000) {
      for (const Row& row : rows) {
        auto igraph = row.peer_seconds.find("igraph");
        if (igraph == row.peer_seconds.end()) continue;
        ++rows_total;
        rows_ok += row.agrees && row.sutra <= igraph->second;
      }
    }
  }
  fmt::print(
      "\nrows on graphs of >= 10^6 links at or below igraph's time with agreeing answers: "
      "{} of {}\n",
      rows_ok, rows_total);
  return 0;
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  sutra::bench::Options o;
  CLI::App app{"Link analysis: Sutra against python3-igraph and python3-networkx"};
  app.add_option("--graphs", o.graphs,
                 "Graphs: crime (generated), dense (random, 40,000 nodes and 10^6 links: exact "
                 "betweenness), amazon0601, twitter, facebook, epinions (SNAP)")
      ->delimiter(',');
  app.add_option("--firs", o.firs, "FIRs of the generated crime graph");
  app.add_option("--repeat", o.repeat, "Runs of each operation (the median is shown)");
  app.add_option("--sources", o.sampled_sources,
                 "Betweenness sources sampled on graphs of more than 50,000 nodes");
  app.add_option("--seeds", o.seeds, "Nodes whose 2-hop neighbourhood is taken");
  app.add_option("--pairs", o.pairs, "Node pairs for shortest paths");
  app.add_option("--networkx-max-edges", o.networkx_max_edges,
                 "Above this many links networkx skips betweenness and communities");
  app.add_flag("!--no-networkx", o.networkx, "Leave networkx out");
  app.add_option("--work", o.work, "Folder for generated data, peers' inputs and npm");
  app.add_option("--snap-dir", o.snap_dir, "The kuzu package's dataset/snap folder");
  CLI11_PARSE(app, argc, argv);
  return sutra::bench::Run(o);
}
