// Running the `sutra` binary from a test as a user would: its exit code and what it printed.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace sutra::cli_test {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs `SUTRA_BIN ARGS` through the shell (quote paths with Quote()).
inline CliRun Sutra(const std::string& args) {
  CliRun run;
  const std::string command = std::string(SUTRA_BIN) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline std::string Quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace sutra::cli_test
