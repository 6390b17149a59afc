// bench_cypher: Sutra's Cypher engine side by side with Kuzu (npm kuzu@0.11.3, driven by
// tests/bench/cypher_peer.mjs in a node subprocess), on the same machine and data, in one run,
// with a check that every query's answer agrees.
//
// Data sets:
//   ldbc   LDBC SNB SF0.1 (shipped inside the kuzu package's dataset folder). Sutra loads it
//          into its in-memory graph (cypher::LoadLdbcSnb into a MemoryGraph), Kuzu into an
//          in-memory database (':memory:') with the folder's schema.cypher and COPY statements.
//   crime  a generated crime graph (`sutra gen --firs N`). Sutra's bulk load is its ingest of
//          the generated CSV bundle into a fresh LMDB store; Kuzu's is its schema and COPY of
//          per-table CSVs holding the same nodes, relationships and properties, written from
//          Sutra's store (not timed) into an on-disk database. Queries run on Sutra's stored
//          graph (engine::StoreGraph) and on Kuzu's on-disk database.
//
// Timing policy, the same for both engines: one query = parse, plan, execute and fetch every
// row (Sutra: cypher::RunQuery; Kuzu: prepare + execute + getAll each time), timed on its own;
// graph / connection setup is not timed. A workload's time is the median over its start set
// and --runs repetitions. Bulk loads run --runs times from scratch; their median wall time is
// shown, and beside it their median CPU time (user + system, every thread of the loading
// process), which stays meaningful on a machine shared with other work.
//
// Every workload's answers are compared start point by start point; a mismatch is printed
// (MISMATCH ...) and counted, and the program then exits with status 2.
#include <fmt/core.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "datasets/generator/generator.h"
#include "engine/cypher/csv_load.h"
#include "engine/cypher/memory_graph.h"
#include "engine/cypher/query.h"
#include "engine/cypher_store_graph.h"
#include "engine/engine.h"
#include "ingest/loader.h"
#include "storage/graph_store.h"
#include "tests/bench/bench_cypher_data.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

template <typename T>
T Check(StatusOr<T> value, std::string_view what) {
  return OrExit(std::move(value), "bench_cypher", what);
}

constexpr const char* kKuzuVersion = "0.11.3";

struct Options {
  std::vector<std::string> datasets = {"ldbc", "crime"};
  std::string ldbc;  // empty: the kuzu package's dataset/ldbc-sf01
  std::size_t firs = 20000;
  std::size_t starts = 50;
  int runs = 3;
  int kuzu_threads = 0;
  bool skip_kuzu = false;
  std::string work = "build/bench-cypher";
};

// One measured line of the table.
struct Row {
  std::string workload;
  std::size_t queries = 0;  // parameter sets (0 for a load)
  double sutra = NAN;       // seconds
  double kuzu = NAN;
  int mismatches = 0;     // parameter sets whose answers differ
  int errors = 0;         // queries that failed, either engine
  double answer_sum = 0;  // Sutra's answers added up: shows the queries found something
  bool compared = false;
  double target_ratio = 0;  // issue 7's bound on sutra / kuzu; 0: no target
};

// CPU seconds (user + system) this process has used so far, every thread counted.
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// A bulk load's row (issue 7 asks for at most half Kuzu's wall time: target 0.5).
Row LoadRow(std::string name, double sutra_seconds, double target_ratio) {
  Row row;
  row.workload = std::move(name);
  row.sutra = sutra_seconds;
  row.target_ratio = target_ratio;
  return row;
}

// --- Kuzu --------------------------------------------------------------------------------

fs::path KuzuPackage(const Options& o) {
  const fs::path prefix = fs::absolute(fs::path(o.work) / "kuzu");
  const fs::path package = prefix / "node_modules/kuzu";
  if (!fs::exists(package / "index.js")) {
    fmt::print(stderr, "bench_cypher: installing kuzu@{} with npm into {}\n", kKuzuVersion,
               prefix.string());
    fs::create_directories(prefix);
    const std::string cmd =
        fmt::format("npm install --prefix '{}' --no-audit --no-fund kuzu@{} >'{}/npm.log' 2>&1",
                    prefix.string(), kKuzuVersion, prefix.string());
    if (std::system(cmd.c_str()) != 0 || !fs::exists(package / "index.js")) {
      fmt::print(stderr, "bench_cypher: npm install failed (see {}/npm.log)\n", prefix.string());
      std::exit(1);
    }
  }
  return package;
}

// Runs cypher_peer.mjs on `job` and returns its JSON answer; exits when it fails (a bench
// whose peer cannot load the data has nothing to compare).
json RunPeer(const json& job, const fs::path& job_file) {
  std::ofstream(job_file) << job.dump();
  const fs::path script = fs::path(SUTRA_SOURCE_DIR) / "tests/bench/cypher_peer.mjs";
  const std::string cmd = fmt::format("node '{}' '{}'", script.string(), job_file.string());
  std::FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    fmt::print(stderr, "bench_cypher: cannot run node\n");
    std::exit(1);
  }
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  json answer = json::parse(out, nullptr, /*allow_exceptions=*/false);
  if (status != 0 || answer.is_discarded()) {
    fmt::print(stderr, "bench_cypher: the Kuzu peer failed ({})\n", cmd);
    std::exit(1);
  }
  return answer;
}

// --- Sutra -------------------------------------------------------------------------------

cypher::Value ToValue(const json& v) {
  if (v.is_number_integer()) return cypher::Value(v.get<std::int64_t>());
  if (v.is_number()) return cypher::Value(v.get<double>());
  if (v.is_boolean()) return cypher::Value(v.get<bool>());
  if (v.is_string()) return cypher::Value(v.get<std::string>());
  return cypher::Value();
}

// The first column of the first row as a JSON number (null when there is no row or it is not
// a number): every workload here answers one number.
json FirstNumber(const cypher::QueryResult& result) {
  if (result.rows.empty() || result.rows[0].empty()) return nullptr;
  const cypher::Value& v = result.rows[0][0];
  if (v.is_int()) return v.as_int();
  if (v.is_float()) return v.as_float();
  return nullptr;
}

struct SutraTimes {
  std::vector<double> latencies;
  std::vector<json> answers;
  int errors = 0;
};

SutraTimes RunSutraWorkload(cypher::QueryGraph& graph, const Workload& w, int runs) {
  SutraTimes t;
  t.answers.assign(w.params.size(), nullptr);
  std::string first_error;
  for (int run = 0; run < runs; ++run) {
    for (std::size_t i = 0; i < w.params.size(); ++i) {
      cypher::QueryOptions options;
      for (const auto& [key, value] : w.params[i].items()) options.parameters[key] = ToValue(value);
      Stopwatch clock;
      try {
        const cypher::QueryResult result = cypher::RunQuery(graph, w.sutra_text, options);
        t.latencies.push_back(clock.Seconds());
        if (run == 0) t.answers[i] = FirstNumber(result);
      } catch (const cypher::CypherError& e) {
        ++t.errors;
        if (first_error.empty()) first_error = e.what();
      }
    }
  }
  if (t.errors > 0) {
    fmt::print(stderr, "bench_cypher: Sutra failed {} times on {}: {}\n", t.errors, w.name,
               first_error);
  }
  return t;
}

// --- one data set ------------------------------------------------------------------------

// Compares the two engines' answers workload by workload and fills the rows' Kuzu columns.
void MergePeer(std::vector<Row>& rows, const std::vector<Workload>& workloads,
               const std::vector<SutraTimes>& sutra, const json& peer) {
  for (std::size_t k = 0; k < workloads.size(); ++k) {
    Row& row = rows[k];
    const Workload& w = workloads[k];
    if (!peer.contains("queries") || !peer["queries"].contains(w.name)) continue;
    const json& q = peer["queries"][w.name];
    row.compared = true;
    row.kuzu = Median(q["latencies"].get<std::vector<double>>());
    row.errors += q["errors"].get<int>();
    if (q["errors"].get<int>() > 0) {
      fmt::print(stderr, "bench_cypher: Kuzu failed {} times on {}: {}\n", q["errors"].get<int>(),
                 w.name, q["first_error"].get<std::string>());
    }
    for (std::size_t i = 0; i < w.params.size(); ++i) {
      const json& mine = sutra[k].answers[i];
      const json& theirs = q["answers"][i];
      const bool same =
          (mine.is_null() && theirs.is_null()) ||
          (mine.is_number() && theirs.is_number() && mine.get<double>() == theirs.get<double>());
      if (!same) {
        ++row.mismatches;
        fmt::print(stderr, "bench_cypher: MISMATCH on {} with {}: Sutra {} Kuzu {}\n", w.name,
                   w.params[i].dump(), mine.dump(), theirs.dump());
      }
    }
  }
}

std::vector<Row> MeasureQueries(cypher::QueryGraph& graph, const std::vector<Workload>& workloads,
                                const Options& o, std::vector<SutraTimes>& sutra) {
  std::vector<Row> rows;
  for (const Workload& w : workloads) {
    sutra.push_back(RunSutraWorkload(graph, w, o.runs));
    Row& row = rows.emplace_back();
    row.workload = w.name;
    row.queries = w.params.size();
    row.sutra = Median(sutra.back().latencies);
    row.errors = sutra.back().errors;
    for (const json& a : sutra.back().answers)
      row.answer_sum += a.is_number() ? a.get<double>() : 0;
    row.target_ratio = w.target_ratio;
  }
  return rows;
}

json PeerJob(const fs::path& package, const std::string& database, const json& load,
             const std::vector<Workload>& workloads, const Options& o) {
  json job = {{"kuzu", package.string()},
              {"database", database},
              {"threads", o.kuzu_threads},
              {"load", load},
              {"runs", o.runs},
              {"queries", json::array()}};
  for (const Workload& w : workloads) {
    job["queries"].push_back({{"name", w.name}, {"text", w.kuzu_text}, {"params", w.params}});
  }
  return job;
}

// Runs the peer --runs times (the first run also answers the queries) and returns the first
// run's answer with "load_median" added.
json MeasurePeer(const fs::path& package, const std::string& database, const json& load,
                 const std::vector<Workload>& workloads, const Options& o, const fs::path& dir) {
  json first;
  std::vector<double> loads, cpu;
  for (int run = 0; run < o.runs; ++run) {
    if (database != ":memory:") {
      fs::remove_all(database);
      fs::remove(database + ".wal");
    }
    const json job =
        PeerJob(package, database, load, run == 0 ? workloads : std::vector<Workload>{}, o);
    json answer = RunPeer(job, dir / "kuzu-job.json");
    loads.push_back(answer["load_seconds"].get<double>());
    cpu.push_back(answer["load_cpu_seconds"].get<double>());
    if (run == 0) first = std::move(answer);
  }
  first["load_median"] = Median(loads);
  first["load_cpu_median"] = Median(cpu);
  return first;
}

void PrintTable(const std::string& title, const std::vector<Row>& rows, int& misses,
                int& targets_total, int& targets_met) {
  fmt::print("\n{}\n", title);
  fmt::print("{:<26} {:>5} {:>12} {:>12} {:>12} {:>12}  {}\n", "workload", "n", "Sutra", "Kuzu",
             "Sutra/Kuzu", "answers sum", "answers equal");
  for (const Row& row : rows) {
    const bool is_load = row.queries == 0;
    auto cell = [&](double s) {
      if (std::isnan(s)) return std::string("-");
      return is_load ? fmt::format("{:.3f} s", s) : fmt::format("{:.3f} ms", s * 1e3);
    };
    const double ratio = row.sutra / row.kuzu;
    std::string equal =
        is_load         ? ""
        : !row.compared ? "not compared"
        : row.mismatches == 0 && row.errors == 0
            ? "yes"
            : fmt::format("NO: {} mismatches, {} errors", row.mismatches, row.errors);
    std::string target;
    if (row.target_ratio > 0 && !std::isnan(ratio)) {
      const bool met = ratio <= row.target_ratio && row.mismatches == 0 && row.errors == 0;
      ++targets_total;
      targets_met += met;
      target = fmt::format("  [target <= {:.2f}: {}]", row.target_ratio, met ? "met" : "MISSED");
    }
    misses += row.mismatches + row.errors;
    fmt::print("{:<26} {:>5} {:>12} {:>12} {:>12} {:>12}  {}{}\n", row.workload,
               is_load ? std::string("") : std::to_string(row.queries), cell(row.sutra),
               cell(row.kuzu),
               std::isnan(ratio) ? std::string("n/a") : fmt::format("{:.3f}", ratio),
               is_load ? std::string("") : WithCommas(row.answer_sum), equal, target);
  }
}

void PrintJsonLines(const std::string& dataset, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    json line = {
        {"bench", "cypher"},      {"dataset", dataset},       {"workload", row.workload},
        {"queries", row.queries}, {"sutra_s", row.sutra},     {"kuzu_s", nullptr},
        {"ratio", nullptr},       {"answers_equal", nullptr}, {"answers_sum", row.answer_sum}};
    if (!std::isnan(row.kuzu)) {
      line["kuzu_s"] = row.kuzu;
      line["ratio"] = row.sutra / row.kuzu;
    }
    if (row.queries == 0) line["answers_sum"] = nullptr;
    if (row.compared) line["answers_equal"] = row.mismatches == 0 && row.errors == 0;
    fmt::print("JSON {}\n", line.dump());
  }
}

struct Totals {
  int misses = 0, targets_total = 0, targets_met = 0;
};

void RunLdbc(const Options& o, Totals& totals) {
  const fs::path dir = fs::absolute(fs::path(o.work));
  fs::create_directories(dir);
  fs::path ldbc = o.ldbc;
  fs::path package;
  if (!o.skip_kuzu || ldbc.empty()) package = KuzuPackage(o);
  if (ldbc.empty()) ldbc = package / "kuzu-source/dataset/ldbc-sf01";

  std::vector<double> loads, cpu;
  std::unique_ptr<cypher::MemoryGraph> graph;
  cypher::LdbcLoadCounts counts;
  for (int run = 0; run < o.runs; ++run) {
    graph = std::make_unique<cypher::MemoryGraph>();
    Stopwatch clock;
    const double cpu_start = ProcessCpuSeconds();
    try {
      counts = cypher::LoadLdbcSnb(*graph, ldbc.string());
      graph->Commit();
    } catch (const cypher::CypherError& e) {
      fmt::print(stderr, "bench_cypher: loading {}: {}\n", ldbc.string(), e.what());
      std::exit(1);
    }
    loads.push_back(clock.Seconds());
    cpu.push_back(ProcessCpuSeconds() - cpu_start);
  }
  const std::vector<Workload> workloads = LdbcWorkloads(ldbc, o.starts);
  std::vector<SutraTimes> sutra;
  std::vector<Row> rows = {LoadRow("bulk load (in memory)", Median(loads), 0.5),
                           LoadRow("bulk load CPU time", Median(cpu), 0)};
  std::vector<Row> query_rows = MeasureQueries(*graph, workloads, o, sutra);
  if (!o.skip_kuzu) {
    const json peer = MeasurePeer(package, ":memory:", LdbcKuzuLoad(ldbc), workloads, o, dir);
    rows[0].kuzu = peer["load_median"].get<double>();
    rows[1].kuzu = peer["load_cpu_median"].get<double>();
    MergePeer(query_rows, workloads, sutra, peer);
  }
  rows.insert(rows.end(), query_rows.begin(), query_rows.end());
  PrintTable(fmt::format("LDBC SNB SF0.1 ({}): {} nodes, {} relationships; both engines in "
                         "memory (Sutra MemoryGraph, Kuzu ':memory:'{})",
                         ldbc.string(), WithCommas(static_cast<double>(counts.total_nodes)),
                         WithCommas(static_cast<double>(counts.total_relationships)),
                         o.kuzu_threads > 0 ? fmt::format(", {} threads", o.kuzu_threads)
                                            : std::string(", all cores")),
             rows, totals.misses, totals.targets_total, totals.targets_met);
  PrintJsonLines("ldbc-sf0.1", rows);
}

void RunCrime(const Options& o, Totals& totals) {
  const fs::path root = fs::absolute(fs::path(o.work) / fmt::format("crime-{}", o.firs));
  const fs::path input = root / "input";
  if (!fs::exists(root / "generated")) {
    fs::remove_all(root);
    gen::GeneratorOptions gen_options;
    gen_options.firs = o.firs;
    fmt::print(stderr, "bench_cypher: generating {} FIRs into {}\n", o.firs, input.string());
    Check(gen::Generate(gen_options, gen::OutputFormat::kCsv, input), "generate");
    std::ofstream(root / "generated") << "ok\n";
  }
  const fs::path db = root / "sutra-db";
  std::vector<double> loads, cpu;
  for (int run = 0; run < o.runs; ++run) {
    fs::remove_all(db);
    Stopwatch clock;
    const double cpu_start = ProcessCpuSeconds();
    auto store = Check(storage::GraphStore::Open(db, {.create_if_missing = true}), "open");
    const ingest::LoadReport report = Check(ingest::LoadInputs(*store, {input}, {}), "ingest");
    store.reset();
    loads.push_back(clock.Seconds());
    cpu.push_back(ProcessCpuSeconds() - cpu_start);
    if (report.rows_rejected > 0) {
      fmt::print(stderr, "bench_cypher: ingest rejected {} rows\n", report.rows_rejected);
    }
  }
  auto engine = Check(engine::Engine::Open(db), "open engine");
  const KuzuTables tables = Check(WriteKuzuTables(engine->store(), root / "kuzu-csv"), "export");
  const std::vector<Workload> workloads =
      Check(CrimeWorkloads(engine->store(), o.starts), "workloads");
  // The engine's in-memory snapshot, which StoreGraph answers from, is built once when a
  // database is opened for querying (as `sutra serve` does); built here outside any timing and
  // shown apart.
  Stopwatch snapshot_clock;
  Check(engine->FreshSnapshot(), "snapshot");
  const double snapshot_seconds = snapshot_clock.Seconds();
  engine::StoreGraph graph(*engine);
  std::vector<SutraTimes> sutra;
  std::vector<Row> rows = {LoadRow("bulk load (LMDB / disk)", Median(loads), 0.5),
                           LoadRow("bulk load CPU time", Median(cpu), 0)};
  std::vector<Row> query_rows = MeasureQueries(graph, workloads, o, sutra);
  if (!o.skip_kuzu) {
    const fs::path package = KuzuPackage(o);
    const json peer =
        MeasurePeer(package, (root / "kuzu-db").string(), tables.load, workloads, o, root);
    rows[0].kuzu = peer["load_median"].get<double>();
    rows[1].kuzu = peer["load_cpu_median"].get<double>();
    MergePeer(query_rows, workloads, sutra, peer);
  }
  rows.insert(rows.end(), query_rows.begin(), query_rows.end());
  PrintTable(fmt::format("crime graph, {} FIRs: {} nodes, {} relationships; both engines on disk "
                         "(Sutra LMDB + its snapshot, built on open in {:.3f} s; Kuzu database "
                         "file{})",
                         WithCommas(static_cast<double>(o.firs)),
                         WithCommas(static_cast<double>(tables.nodes)),
                         WithCommas(static_cast<double>(tables.relationships)), snapshot_seconds,
                         o.kuzu_threads > 0 ? fmt::format(", {} threads", o.kuzu_threads)
                                            : std::string(", all cores")),
             rows, totals.misses, totals.targets_total, totals.targets_met);
  PrintJsonLines(fmt::format("crime-{}", o.firs), rows);
}

int Run(const Options& o) {
  Totals totals;
  for (const std::string& name : o.datasets) {
    if (name == "ldbc") {
      RunLdbc(o, totals);
    } else if (name == "crime") {
      RunCrime(o, totals);
    } else {
      fmt::print(stderr, "bench_cypher: unknown data set {} (ldbc, crime)\n", name);
      return 1;
    }
  }
  fmt::print(
      "\nTiming: one query = parse + plan + execute + fetch all rows, for both engines; "
      "medians over {} start points x {} runs.\n",
      o.starts, o.runs);
  fmt::print(
      "Shortest path: Sutra `shortestPath((a)-[:knows*]-(b))`, Kuzu "
      "`(a)-[:knows* SHORTEST 1..30]-(b)`.\n");
  if (!o.skip_kuzu) {
    fmt::print(
        "targets met (ratio bound and equal answers): {} of {}; answer mismatches and "
        "errors: {}\n",
        totals.targets_met, totals.targets_total, totals.misses);
  }
  return totals.misses == 0 ? 0 : 2;
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  sutra::bench::Options o;
  CLI::App app{"Cypher queries: Sutra against Kuzu, same data, same query text"};
  app.add_option("--datasets", o.datasets, "ldbc (LDBC SNB SF0.1), crime (generated)")
      ->delimiter(',');
  app.add_option("--ldbc", o.ldbc, "LDBC SNB SF0.1 CSV folder (default: the kuzu package's)");
  app.add_option("--firs", o.firs, "FIRs of the generated crime graph");
  app.add_option("--starts", o.starts, "Start points (persons, records, cases) per workload");
  app.add_option("--runs", o.runs, "Runs of every query and load (medians are shown)")
      ->check(CLI::PositiveNumber);
  app.add_option("--kuzu-threads", o.kuzu_threads, "Kuzu's threads per query (0: all cores)");
  app.add_flag("--skip-kuzu", o.skip_kuzu, "Measure Sutra alone");
  app.add_option("--work", o.work, "Folder for generated data, databases and the kuzu package");
  CLI11_PARSE(app, argc, argv);
  return sutra::bench::Run(o);
}
