// `sutra`: the command-line tool of the Sutra engine. main() wires the sub-commands; each lives
// in its own file.

#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "engine/cli/commands.h"
#include "storage/heap_tuning.h"

namespace sutra::cli {

void AddFormatOption(CLI::App& command, Format& format) {
  const std::map<std::string, Format> names{
      {"table", Format::kTable}, {"json", Format::kJson}, {"csv", Format::kCsv}};
  command.add_option("--format", format, "Output format: table (for people), json or csv")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
      ->default_str("table");
}

void AddDbOption(CLI::App& command, std::string& db) {
  command.add_option("--db", db, "Database directory")->required();
}

std::string OsUserName() {
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr && entry->pw_name != nullptr) {
    return entry->pw_name;
  }
  return "uid " + std::to_string(getuid());
}

int Fail(std::string_view command, const Status& status) {
  std::cerr << "sutra " << command << ": " << status.message() << "\n";
  return kExitFailure;
}

}  // namespace sutra::cli

int main(int argc, char** argv) {
  sutra::storage::KeepLargeBuffersInHeap();
  CLI::App app{
      "Sutra: link analysis of police records (FIRs, persons, phones, vehicles, places).\n"
      "Load CSV bundles into an LMDB database, inspect it, and serve it to the viewer over RPC."};
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success; 1 failure, nothing done; 2 ingest loaded some rows and rejected\n"
      "others; 3 check found problems. Run `sutra COMMAND --help` for a command's options.");
  int exit_code = sutra::cli::kExitOk;
  sutra::cli::AddIngestCommand(app, exit_code);
  sutra::cli::AddStatsCommand(app, exit_code);
  sutra::cli::AddSearchCommand(app, exit_code);
  sutra::cli::AddNeighborsCommand(app, exit_code);
  sutra::cli::AddServeCommand(app, exit_code);
  sutra::cli::AddCheckCommand(app, exit_code);
  sutra::cli::AddBackupCommand(app, exit_code);
  sutra::cli::AddGenCommand(app, exit_code);
  sutra::cli::AddDedupeCommand(app, exit_code);
  sutra::cli::AddLinkCommand(app, exit_code);
  sutra::cli::AddResolveCommand(app, exit_code);
  sutra::cli::AddReviewCommand(app, exit_code);
  sutra::cli::AddPathsCommand(app, exit_code);
  sutra::cli::AddCentralityCommand(app, exit_code);
  sutra::cli::AddCommunitiesCommand(app, exit_code);
  sutra::cli::AddPatternsCommand(app, exit_code);
  sutra::cli::AddExportCommand(app, exit_code);
  sutra::cli::AddQueryCommand(app, exit_code);
  sutra::cli::AddShellCommand(app, exit_code);
  sutra::cli::AddTckCommand(app, exit_code);
  sutra::cli::AddUserCommand(app, exit_code);
  sutra::cli::AddAuditCommand(app, exit_code);
  sutra::cli::AddRetentionCommand(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
