// bench_audit: what watching the watchers costs (issue 8's target: the policy and the audit
// add under 20% to a 2-hop query).
//
// On a generated crime graph (`sutra gen --firs N` + ingest, kept in --work for reuse), for
// --starts person records drawn with a fixed seed, each asked by an investigator of the
// record's own station (the common, allowed case, so that every answer is shown and flagged),
// and again by a national investigator (whose view, being the whole graph, answers alike):
//   neighbourhood  2-hop neighbourhood (hub caps 100 links per node, 1,000 nodes): the
//                  engine's Neighborhood against the GuardedEngine's (jurisdiction of every
//                  node, redaction, flags, and one hash-chained audit entry per call)
//   cypher         the 2-hop question of bench_cypher about the record's case,
//                  `MATCH (c:Case {fir_number: $fir, station_code: $station})-[*1..2]-(x)
//                  WHERE x <> c RETURN count(DISTINCT x)`, on the store graph against
//                  GuardedEngine::Query (the policy's view of the graph, and the audit entry)
// In each round every start is asked plainly, then guarded (or the other way round, every
// other round); each round's per-call median is taken,
// and the overhead is the median over --runs rounds of guarded / plain - 1. The guarded side is
// run twice: with the audit log's default deferred flush (each entry committed before the
// answer leaves, flushed to disk within 200 ms) and with a disk flush per entry.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "datasets/generator/generator.h"
#include "engine/cypher/query.h"
#include "engine/cypher_store_graph.h"
#include "engine/guarded_engine.h"
#include "ingest/loader.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

namespace fs = std::filesystem;

template <typename T>
T Check(StatusOr<T> value, std::string_view what) {
  return OrExit(std::move(value), "bench_audit", what);
}
void Check(const Status& status, std::string_view what) { OrExit(status, "bench_audit", what); }

struct Options {
  std::size_t firs = 20000;
  std::size_t starts = 200;
  int runs = 5;
  bool synced = true;             // also measure with a disk flush per audit entry
  std::string workload = "both";  // 2-hop, cypher or both
  std::string work = "build/bench-audit";
};

struct Start {
  storage::NodeId record = 0;
  std::string record_id;
  std::string fir, station;
  engine::AccessContext context;
};

fs::path Prepare(const Options& o) {
  const fs::path root = fs::absolute(fs::path(o.work) / fmt::format("crime-{}", o.firs));
  if (!fs::exists(root / "loaded")) {
    fs::remove_all(root);
    gen::GeneratorOptions gen_options;
    gen_options.firs = o.firs;
    fmt::print(stderr, "bench_audit: generating and loading {} FIRs into {}\n", o.firs,
               root.string());
    Check(gen::Generate(gen_options, gen::OutputFormat::kCsv, root / "input"), "generate");
    auto store = Check(storage::GraphStore::Open(root / "db", {.create_if_missing = true}), "open");
    Check(ingest::LoadInputs(*store, {root / "input"}, {}), "ingest");
    std::ofstream(root / "loaded") << "ok\n";
  }
  return root / "db";
}

std::vector<Start> DrawStarts(const engine::Engine& engine, std::size_t count) {
  auto txn = Check(engine.store().BeginRead(), "read");
  std::vector<storage::Node> records;
  Check(txn.ForEachNode([&](const storage::Node& node) {
    if (node.type == storage::NodeType::kPersonRecord &&
        storage::GetString(node.properties, "station_code")) {
      records.push_back(node);
    }
    return true;
  }),
        "scan");
  std::mt19937_64 random(20261130);
  std::shuffle(records.begin(), records.end(), random);
  std::vector<Start> starts;
  for (std::size_t i = 0; i < records.size() && starts.size() < count; ++i) {
    Start start;
    start.record = records[i].id;
    start.record_id = storage::GetString(records[i].properties, "record_id").value_or("");
    start.fir = storage::GetString(records[i].properties, "fir_number").value_or("");
    start.station = *storage::GetString(records[i].properties, "station_code");
    auto& who = start.context.principal;
    who.user = "bench-investigator";
    who.role = engine::policy::Role::kInvestigator;
    who.jurisdiction = {engine::policy::JurisdictionLevel::kStation,
                        *storage::GetString(records[i].properties, "station_code")};
    who.session = "bench";
    start.context.purpose.text = "benchmark of the audit's overhead";
    start.context.purpose.case_ref =
        storage::GetString(records[i].properties, "fir_number").value_or("");
    if (start.record_id.empty() || start.context.purpose.case_ref.empty()) continue;
    starts.push_back(std::move(start));
  }
  return starts;
}

algorithms::KHopOptions TwoHops() {
  algorithms::KHopOptions options;
  options.hops = 2;
  options.per_node_limit = 100;
  options.max_nodes = 1000;
  return options;
}

constexpr std::string_view kCypher =
    "MATCH (c:`Case` {fir_number: $fir, station_code: $station})-[*1..2]-(x) WHERE x <> c "
    "RETURN count(DISTINCT x) AS n";

cypher::Map CaseParameters(const Start& s) {
  return {{"fir", cypher::Value(s.fir)}, {"station", cypher::Value(s.station)}};
}

// One round: every start asked plainly and guarded, alternately; per-call medians in seconds.
struct RoundResult {
  double plain = 0, watched = 0;  // per-call medians, seconds
  std::size_t same_answers = 0;   // starts answered alike (a narrower view answers less)
};
RoundResult Round(const engine::Engine& engine, const engine::GuardedEngine& guarded,
                  const std::vector<Start>& starts, bool cypher_workload, bool guarded_first) {
  std::vector<double> plain, watched;
  std::vector<std::int64_t> plain_answers(starts.size()), watched_answers(starts.size());
  auto ask_plain = [&](const Start& s) {
    Stopwatch clock;
    if (cypher_workload) {
      engine::StoreGraph graph(engine, {.actor = "bench", .use_snapshot = true});
      cypher::QueryOptions options;
      options.parameters = CaseParameters(s);
      cypher::QueryResult result = cypher::RunQuery(graph, kCypher, options);
      if (result.rows.size() != 1) Check(Internal("no answer"), "plain cypher");
      plain_answers[&s - starts.data()] = result.rows[0][0].as_int();
    } else {
      auto graph = Check(engine.Neighborhood(s.record, TwoHops()), "plain 2-hop");
      plain_answers[&s - starts.data()] = static_cast<std::int64_t>(graph->nodes.size());
    }
    plain.push_back(clock.Seconds());
  };
  auto ask_guarded = [&](const Start& s) {
    Stopwatch clock;
    if (cypher_workload) {
      auto answer = Check(guarded.Query(s.context, kCypher, CaseParameters(s)), "guarded cypher");
      if (answer.result.rows.size() != 1) Check(Internal("no answer"), "guarded cypher");
      watched_answers[&s - starts.data()] = answer.result.rows[0][0].as_int();
    } else {
      auto graph = Check(guarded.Neighborhood(s.context, s.record, TwoHops()), "guarded 2-hop");
      watched_answers[&s - starts.data()] = static_cast<std::int64_t>(graph->nodes.size());
    }
    watched.push_back(clock.Seconds());
  };
  // Each side asks every start in a block of its own; `guarded_first` alternates the blocks.
  if (guarded_first) {
    for (const Start& s : starts) ask_guarded(s);
    for (const Start& s : starts) ask_plain(s);
  } else {
    for (const Start& s : starts) ask_plain(s);
    for (const Start& s : starts) ask_guarded(s);
  }
  std::size_t same = 0;
  for (std::size_t i = 0; i < starts.size(); ++i) same += plain_answers[i] == watched_answers[i];
  return {Median(plain), Median(watched), same};
}

void Measure(engine::Engine& engine, const std::vector<Start>& starts, const Options& o,
             storage::GraphStore::Durability durability, std::string_view label,
             std::string_view principal) {
  engine::policy::AuditLog audit(engine.store(), engine::policy::SystemClock(), durability);
  engine::GuardedEngine guarded(engine, audit);
  for (bool cypher_workload : {false, true}) {
    if (o.workload != "both" && (o.workload == "cypher") != cypher_workload) continue;
    Round(engine, guarded, starts, cypher_workload, false);  // warm: snapshot, index, pages
    std::vector<double> plain, watched, overhead;
    std::size_t same = 0;
    for (int run = 0; run < o.runs; ++run) {
      auto [p, w, alike] = Round(engine, guarded, starts, cypher_workload, run % 2 == 1);
      same = alike;
      plain.push_back(p);
      watched.push_back(w);
      overhead.push_back(w / p - 1);
    }
    std::string runs;
    for (double x : overhead) runs += fmt::format("{}{:.1f}%", runs.empty() ? "" : ", ", 100 * x);
    const double median = Median(overhead);
    fmt::print(
        "{:<13} {:<9} {:<8} plain {:8.1f} us  guarded {:8.1f} us  overhead {:6.1f}% (runs "
        "{})  answers alike {}/{}  target < 20%: {}\n",
        cypher_workload ? "cypher 2-hop" : "2-hop", label, principal, 1e6 * Median(plain),
        1e6 * Median(watched), 100 * median, runs, same, starts.size(),
        median < 0.20 ? "met" : "NOT met");
    std::fflush(stdout);
  }
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  using namespace sutra;
  using namespace sutra::bench;
  Options o;
  CLI::App app{"bench_audit: the policy and audit overhead on 2-hop queries"};
  app.add_option("--firs", o.firs, "FIRs in the generated crime graph")->capture_default_str();
  app.add_option("--starts", o.starts, "Person records asked about per round")
      ->capture_default_str();
  app.add_option("--runs", o.runs, "Rounds (the median is reported)")->capture_default_str();
  app.add_option("--work", o.work, "Where the generated data is kept")->capture_default_str();
  app.add_option("--workload", o.workload, "2-hop, cypher or both")
      ->check(CLI::IsMember({"2-hop", "cypher", "both"}))
      ->capture_default_str();
  app.add_flag("!--no-synced", o.synced, "Skip the run with a disk flush per audit entry");
  CLI11_PARSE(app, argc, argv);
  const fs::path db = Prepare(o);
  auto engine = Check(engine::Engine::Open(db), "open");
  Check(engine->CurrentSnapshot(), "snapshot");
  const std::vector<Start> starts = DrawStarts(*engine, o.starts);
  fmt::print(
      "bench_audit: {} FIRs, {} person records, {} rounds; investigator of each record's "
      "station\n",
      o.firs, starts.size(), o.runs);
  std::fflush(stdout);
  // The same questions by a national investigator, whose view is the whole graph: the
  // answers match the plain ones, so the difference is the policy's and the audit's cost alone.
  std::vector<Start> national = starts;
  for (Start& s : national) {
    s.context.principal.jurisdiction = {engine::policy::JurisdictionLevel::kNational, ""};
  }
  const std::vector<Start>* station = &starts;
  for (const auto& [who, asked] :
       {std::pair{"station", station}, std::pair{"national", &std::as_const(national)}}) {
    Measure(*engine, *asked, o, storage::GraphStore::Durability::kDeferred, "deferred", who);
    if (o.synced)
      Measure(*engine, *asked, o, storage::GraphStore::Durability::kSynced, "synced", who);
  }
  return 0;
}
