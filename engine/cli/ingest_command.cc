#include <fmt/format.h>

#include <iostream>

#include "engine/cli/commands.h"
#include "ingest/bundle_loader.h"

namespace sutra::cli {
namespace {

struct IngestArgs {
  std::string db;
  std::vector<std::string> paths;
  bool strict = false;
};

int RunIngest(const IngestArgs& args) {
  auto store = storage::GraphStore::Open(args.db, {.create_if_missing = true});
  if (!store.ok()) return Fail("ingest", store.status());
  int worst = kExitOk;
  for (const std::string& path : args.paths) {
    auto report = ingest::LoadCsvBundle(**store, path, {.strict = args.strict});
    if (!report.ok()) {
      Fail("ingest", report.status());
      worst = kExitFailure;
      continue;
    }
    for (const ingest::RowError& e : report->rejected) std::cerr << e.ToString() << "\n";
    std::cout << fmt::format(
        "{}: {} rows read, {} loaded, {} rejected; {} nodes and {} edges created (batch {})\n",
        path, report->rows_read, report->rows_loaded, report->rejected.size(),
        report->nodes_created, report->edges_created, report->batch);
    if (!report->rejected.empty() && worst == kExitOk) worst = kExitPartial;
  }
  return worst;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Load CSV bundles (layout: datasets/README.md) into a database, creating it if needed.\n"
      "Each row is checked whole; a bad row is reported as FILE:LINE: reason on stderr and none\n"
      "of it is stored. Loading the same bundle again changes nothing.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("paths", args->paths, "Bundle directories to load")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--strict", args->strict, "Load nothing at all if any row is bad");
  cmd->callback([args, &exit_code] { exit_code = RunIngest(*args); });
}

}  // namespace sutra::cli
