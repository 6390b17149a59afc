#include <iostream>

#include "engine/cli/commands.h"
#include "storage/graph_store.h"

namespace sutra::cli {
namespace {

struct BackupArgs {
  std::string db;
  std::string out;
};

int RunBackup(const BackupArgs& args) {
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("backup", store.status());
  Status status = (*store)->Backup(args.out);
  if (!status.ok()) return Fail("backup", status);
  std::cout << "sutra: backed up " << args.db << " to " << args.out << "\n";
  return kExitOk;
}

}  // namespace

void AddBackupCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BackupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "backup",
      "Write a consistent, compacted copy of a database to a new directory while it is in use\n"
      "(readers and a writer may go on). Open the copy with --db like any database.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("--out", args->out, "New or empty directory for the copy")->required();
  cmd->callback([args, &exit_code] { exit_code = RunBackup(*args); });
}

}  // namespace sutra::cli
