#include <fmt/format.h>

#include <iostream>

#include "engine/cli/commands.h"
#include "storage/graph_store.h"

namespace sutra::cli {
namespace {

struct CheckArgs {
  std::string db;
  Format format = Format::kTable;
};

int RunCheck(const CheckArgs& args) {
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("check", store.status());
  auto txn = (*store)->BeginRead();
  if (!txn.ok()) return Fail("check", txn.status());
  OutputTable problems{{"area", "problem"}, {}};
  Status status = txn->CheckIntegrity([&](const storage::IntegrityProblem& p) {
    problems.rows.push_back({p.area, p.message});
  });
  if (!status.ok()) return Fail("check", status);
  if (args.format != Format::kTable) {
    Print(problems, args.format, std::cout);
  } else if (problems.rows.empty()) {
    std::cout << args.db << ": no problem found (adjacency, edges and indexes agree)\n";
  } else {
    Print(problems, args.format, std::cout);
    std::cout << fmt::format(
        "\n{}: {} problem(s) found. Restore from a backup (`sutra backup`), "
        "or load the data again into a new database.\n",
        args.db, problems.rows.size());
  }
  return problems.rows.empty() ? kExitOk : kExitProblems;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Verify that a database's adjacency, edges and indexes agree: every adjacency entry has\n"
      "its edge and its mirror, every edge its two entries and natural key, every index entry\n"
      "a live node. Reports each problem found; exit code 3 when there is any.");
  AddDbOption(*cmd, args->db);
  AddFormatOption(*cmd, args->format);
  cmd->callback([args, &exit_code] { exit_code = RunCheck(*args); });
}

}  // namespace sutra::cli
