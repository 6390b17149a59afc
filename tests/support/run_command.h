// Running a shell command from a test: its exit code and what it printed (stdout and stderr
// together), for tests that drive the `sutra` binary or a peer tool as a user would.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace sutra::testing {

struct CommandRun {
  int exit_code = -1;  // -1 when it could not be started or did not exit normally
  std::string out;
};

inline CommandRun RunCommand(const std::string& command) {
  CommandRun run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace sutra::testing
