// The sub-commands of `sutra`. Each Add*Command registers its options and a callback that
// stores the process exit code in `exit_code`:
//   0  success
//   1  failure: nothing was done (bad arguments, missing database, nothing loadable)
//   2  partial: `ingest` loaded some rows and rejected others (listed on stderr)
//   3  problems: `check` found the database inconsistent (each problem is listed)
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "engine/cli/output.h"
#include "storage/status.h"

namespace sutra::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitPartial = 2;
inline constexpr int kExitProblems = 3;

void AddIngestCommand(CLI::App& app, int& exit_code);
void AddStatsCommand(CLI::App& app, int& exit_code);
void AddSearchCommand(CLI::App& app, int& exit_code);
void AddNeighborsCommand(CLI::App& app, int& exit_code);
void AddServeCommand(CLI::App& app, int& exit_code);
void AddCheckCommand(CLI::App& app, int& exit_code);
void AddBackupCommand(CLI::App& app, int& exit_code);
void AddGenCommand(CLI::App& app, int& exit_code);
void AddDedupeCommand(CLI::App& app, int& exit_code);
void AddLinkCommand(CLI::App& app, int& exit_code);
void AddResolveCommand(CLI::App& app, int& exit_code);
void AddReviewCommand(CLI::App& app, int& exit_code);
void AddPathsCommand(CLI::App& app, int& exit_code);
void AddCentralityCommand(CLI::App& app, int& exit_code);
void AddCommunitiesCommand(CLI::App& app, int& exit_code);  // and `components`
void AddPatternsCommand(CLI::App& app, int& exit_code);
void AddExportCommand(CLI::App& app, int& exit_code);
void AddQueryCommand(CLI::App& app, int& exit_code);  // Cypher
void AddShellCommand(CLI::App& app, int& exit_code);  // interactive Cypher
void AddTckCommand(CLI::App& app, int& exit_code);    // the openCypher TCK
void AddUserCommand(CLI::App& app, int& exit_code);   // user add|list|disable|passwd|assign|grant
void AddAuditCommand(CLI::App& app, int& exit_code);  // audit verify|head|report|anomalies
void AddRetentionCommand(CLI::App& app, int& exit_code);  // retention apply, and `erase`

// Adds `--format table|json|csv` to `command`.
void AddFormatOption(CLI::App& command, Format& format);
// Adds the required `--db DIR` option.
void AddDbOption(CLI::App& command, std::string& db);
// The operating-system user running the command ("uid N" when it has no name), recorded as
// the actor of what the command changes.
std::string OsUserName();
// Prints "sutra <command>: <status>" to stderr and returns kExitFailure.
int Fail(std::string_view command, const Status& status);

}  // namespace sutra::cli
