// `sutra ingest`: CSV bundles and JSONL FIR feeds into a database (ingest/loader.h).
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "algorithms/er/spelling_table.h"
#include "engine/cli/commands.h"
#include "engine/er/resolve_database.h"
#include "ingest/loader.h"

namespace sutra::cli {
namespace {

struct IngestArgs {
  std::string db;
  std::vector<std::string> paths;
  std::string rejects;
  bool strict = false;
  bool no_bulk = false;
  std::size_t batch_rows = 20000;
  bool resolve = false;
};

// After a load: the new person records matched against the resolved persons (a full
// resolution when none has run yet). Returns an exit code.
int ResolveAfterIngest(storage::GraphStore& store) {
  auto normalizer =
      algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default());
  if (!normalizer.ok()) return Fail("ingest", normalizer.status());
  engine::er::ResolveDbOptions options;
  options.actor = OsUserName();
  auto report = engine::er::ResolveIncremental(store, *normalizer, options);
  const bool full = !report.ok() && report.status().code() == StatusCode::kFailedPrecondition;
  if (full) report = engine::er::ResolveDatabase(store, *normalizer, options);
  if (!report.ok()) return Fail("ingest", report.status());
  std::cout << fmt::format(
      "entity resolution ({}): {} records, {} changed person, {} new persons, {:.1f} s\n",
      full ? "full, first run" : "incremental", report->records, report->records_moved,
      report->persons_created,
      report->load_seconds + report->resolve_seconds + report->write_seconds);
  return kExitOk;
}

std::string Duration(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

// A progress bar redrawn in place on a terminal; a plain line every few seconds otherwise
// (logs and CI keep a readable record).
std::function<void(const ingest::LoadProgress&)> ProgressPrinter() {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  auto last_line = std::make_shared<double>(0);
  return [terminal, last_line](const ingest::LoadProgress& p) {
    const double rate = p.seconds > 0 ? static_cast<double>(p.rows_read) / p.seconds : 0;
    const double done = p.bytes_total > 0
                            ? static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total)
                            : 0;
    const std::string eta =
        done > 0.01 && done < 1 ? Duration(p.seconds * (1 - done) / done) : std::string("-");
    if (terminal) {
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(done * kWidth);
      std::cerr << fmt::format("\r{:3.0f}% [{}{}] {} rows, {:.0f} rows/s, ETA {}   ", done * 100,
                               std::string(filled, '#'), std::string(kWidth - filled, ' '),
                               p.rows_read, rate, eta)
                << std::flush;
    } else if (p.seconds - *last_line >= 5) {
      *last_line = p.seconds;
      std::cerr << fmt::format(
          "ingest: {:.0f}% {} rows read ({} rejected), {:.0f} rows/s, ETA {}\n", done * 100,
          p.rows_read, p.rows_rejected, rate, eta);
    }
  };
}

int RunIngest(const IngestArgs& args) {
  auto store = storage::GraphStore::Open(args.db, {.create_if_missing = true});
  if (!store.ok()) return Fail("ingest", store.status());
  const std::string rejects = args.rejects.empty()
                                  ? (std::filesystem::path(args.db) / "last-rejects.csv").string()
                                  : args.rejects;
  std::vector<std::filesystem::path> inputs(args.paths.begin(), args.paths.end());
  const auto start = std::chrono::steady_clock::now();
  auto report = ingest::LoadInputs(**store, inputs,
                                   {.strict = args.strict,
                                    .allow_bulk = !args.no_bulk,
                                    .batch_rows = args.batch_rows,
                                    .rejects_file = rejects,
                                    .progress = ProgressPrinter()});
  if (isatty(STDERR_FILENO)) std::cerr << "\n";
  if (!report.ok()) return Fail("ingest", report.status());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const ingest::RowError& e : report->rejected) std::cerr << e.ToString() << "\n";
  if (report->rows_rejected > report->rejected.size()) {
    std::cerr << fmt::format("... and {} more\n", report->rows_rejected - report->rejected.size());
  }
  std::cout << fmt::format(
      "{} rows read, {} loaded, {} rejected; {} nodes and {} edges created (batch {}{}) in "
      "{:.1f} s, {:.0f} rows/s\n",
      report->rows_read, report->rows_loaded, report->rows_rejected, report->nodes_created,
      report->edges_created, report->batch, report->bulk ? ", bulk load" : "", seconds,
      static_cast<double>(report->rows_read) / std::max(seconds, 1e-9));
  if (args.resolve && report->rows_loaded > 0) {
    if (const int code = ResolveAfterIngest(**store); code != kExitOk) return code;
  }
  if (report->rows_rejected != 0) {
    std::cout << fmt::format("rejected rows (file, line, field, reason): {}\n", rejects);
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Load CSV bundles (directories) and JSONL FIR feeds (.jsonl files) into a database,\n"
      "creating it if needed (layouts: datasets/README.md). Each row or FIR is checked whole;\n"
      "a bad one is reported as FILE:LINE: reason and written to the rejects file, and nothing\n"
      "of it is stored. Loading the same input again changes nothing. An empty database is\n"
      "filled by a bulk load, which writes its indexes in key order at the end.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("paths", args->paths, "CSV bundle directories and .jsonl FIR feeds")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_flag("--strict", args->strict, "Load nothing at all if any row is bad");
  cmd->add_option("--rejects", args->rejects,
                  "CSV file for rejected rows (default: DB/last-rejects.csv)");
  cmd->add_flag("--no-bulk", args->no_bulk,
                "Load an empty database with batched upserts instead of a bulk load");
  cmd->add_option("--batch", args->batch_rows, "Rows per write transaction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--resolve", args->resolve,
                "Then match the new person records against the resolved persons (as\n"
                "`sutra resolve --incremental`; a full resolution when none has run yet)");
  cmd->callback([args, &exit_code] { exit_code = RunIngest(*args); });
}

}  // namespace sutra::cli
