// Running the `sutra` binary from a test as a user would: its exit code and what it printed.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/support/run_command.h"

namespace sutra::cli_test {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs `SUTRA_BIN ARGS` through the shell (quote paths with Quote()). Commands that read case
// data need a stated purpose: these tests state one through SUTRA_PURPOSE unless the caller's
// environment (or ARGS, with --purpose) states another; access_cli_test covers its absence.
inline CliRun Sutra(const std::string& args) {
  const testing::CommandRun run = testing::RunCommand(
      "SUTRA_PURPOSE=\"${SUTRA_PURPOSE-automated test of the sutra command}\" " +
      std::string(SUTRA_BIN) + " " + args);
  return {run.exit_code, run.out};
}

inline std::string Quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace sutra::cli_test
