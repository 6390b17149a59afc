#include "tests/tck/isolated_run.h"

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

namespace sutra::cypher::tck {
namespace {

using Clock = std::chrono::steady_clock;

// Fields travel as one line per record: tab-separated, with \\, \t and \n escaped.
std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> SplitRecord(const std::string& line) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\t') {
      fields.emplace_back();
    } else if (c == '\\' && i + 1 < line.size()) {
      const char next = line[++i];
      fields.back() += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

void WriteAll(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // the parent is gone: nothing to report to
    }
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void ChildMain(const std::vector<const GherkinScenario*>& scenarios, std::size_t start,
                            const ScenarioEnvironment& env, int out_fd) {
  for (std::size_t i = start; i < scenarios.size(); ++i) {
    WriteAll(out_fd, "S\t" + std::to_string(i) + "\n");
    const ScenarioOutcome outcome = RunScenario(*scenarios[i], env);
    WriteAll(out_fd, "R\t" + std::to_string(i) + "\t" +
                         std::to_string(static_cast<int>(outcome.status)) + "\t" +
                         Escape(outcome.reason) + "\t" + Escape(outcome.category) + "\t" +
                         Escape(outcome.note) + "\n");
  }
  _exit(0);  // no atexit handlers, no flushing of the parent's buffered streams
}

// The most telling line of a dead child's stderr: a sanitizer's summary, a UBSan "runtime
// error", an uncaught exception, or else the last line.
std::string CrashLine(const std::string& err) {
  std::istringstream lines(err);
  std::string line, summary, runtime_error, last;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    last = line;
    if (summary.empty() && line.find("SUMMARY: ") != std::string::npos) summary = line;
    if (runtime_error.empty() && (line.find("runtime error:") != std::string::npos ||
                                  line.find("terminate called") != std::string::npos ||
                                  line.find("Assertion") != std::string::npos)) {
      runtime_error = line;
    }
  }
  std::string chosen = !summary.empty() ? summary : !runtime_error.empty() ? runtime_error : last;
  if (chosen.size() > 200) chosen = chosen.substr(0, 200) + "…";
  return chosen;
}

std::size_t ResidentMegabytes(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  std::size_t size_pages = 0, resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) / (1024 * 1024);
}

ScenarioOutcome Failure(std::string reason, std::string category) {
  return ScenarioOutcome{ScenarioStatus::kFailed, std::move(reason), std::move(category), ""};
}

// One child from `start` on; fills `outcomes` as records arrive.
void RunOneChild(const std::vector<const GherkinScenario*>& scenarios, std::size_t start,
                 const ScenarioEnvironment& env, const IsolationLimits& limits,
                 std::vector<std::optional<ScenarioOutcome>>* outcomes) {
  int out_pipe[2];
  int err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    (*outcomes)[start] = Failure(std::string("pipe: ") + std::strerror(errno), "runner: pipe");
    return;
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    (*outcomes)[start] = Failure(std::string("fork: ") + std::strerror(errno), "runner: fork");
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[0]);
    close(err_pipe[1]);
    return;
  }
  if (pid == 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    dup2(err_pipe[1], STDERR_FILENO);
    close(err_pipe[1]);
    ChildMain(scenarios, start, env, out_pipe[1]);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);

  std::string out_buffer;
  std::string err_buffer;  // the tail of the child's stderr
  std::optional<std::size_t> running;
  Clock::time_point running_since = Clock::now();
  std::optional<ScenarioOutcome> killed;  // why the parent killed the child
  bool out_open = true;
  bool err_open = true;
  while (out_open || err_open) {
    pollfd fds[2] = {{out_open ? out_pipe[0] : -1, POLLIN, 0},
                     {err_open ? err_pipe[0] : -1, POLLIN, 0}};
    const int ready = poll(fds, 2, 200);
    if (ready < 0 && errno != EINTR) break;
    char chunk[4096];
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = read(out_pipe[0], chunk, sizeof chunk);
      if (n <= 0) {
        out_open = false;
      } else {
        out_buffer.append(chunk, static_cast<std::size_t>(n));
      }
    }
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = read(err_pipe[0], chunk, sizeof chunk);
      if (n <= 0) {
        err_open = false;
      } else {
        err_buffer.append(chunk, static_cast<std::size_t>(n));
        if (err_buffer.size() > 64 * 1024) err_buffer.erase(0, err_buffer.size() - 32 * 1024);
      }
    }
    std::size_t newline;
    while ((newline = out_buffer.find('\n')) != std::string::npos) {
      const std::vector<std::string> fields = SplitRecord(out_buffer.substr(0, newline));
      out_buffer.erase(0, newline + 1);
      const std::size_t index = std::stoul(fields.at(1));
      if (fields[0] == "S") {
        running = index;
        running_since = Clock::now();
        err_buffer.clear();
      } else if (fields[0] == "R" && fields.size() == 6) {
        (*outcomes)[index] = ScenarioOutcome{static_cast<ScenarioStatus>(std::stoi(fields[2])),
                                             fields[3], fields[4], fields[5]};
        running.reset();
      }
    }
    if (!running || killed) continue;
    const auto elapsed = Clock::now() - running_since;
    if (elapsed > std::chrono::seconds(limits.scenario_timeout_seconds)) {
      killed = Failure(
          "timeout: still running after " + std::to_string(limits.scenario_timeout_seconds) + " s",
          "timeout");
    } else if (const std::size_t mb = ResidentMegabytes(pid); mb > limits.memory_limit_mb) {
      killed = Failure("memory limit: " + std::to_string(mb) + " MB resident", "memory limit");
    }
    if (killed) kill(pid, SIGKILL);
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!running) return;
  if (killed) {
    (*outcomes)[*running] = *killed;
    return;
  }
  std::string how;
  if (WIFSIGNALED(status)) {
    how = "signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  } else {
    how = "exit code " + std::to_string(WEXITSTATUS(status));
  }
  const std::string line = CrashLine(err_buffer);
  (*outcomes)[*running] = Failure("crash: " + how + (line.empty() ? "" : ": " + line),
                                  "crash: " + (line.empty() ? how : line.substr(0, 120)));
}

}  // namespace

std::vector<ScenarioOutcome> RunScenariosIsolated(
    const std::vector<const GherkinScenario*>& scenarios, const ScenarioEnvironment& env,
    const IsolationLimits& limits) {
  std::vector<std::optional<ScenarioOutcome>> outcomes(scenarios.size());
  std::size_t next = 0;
  while (next < scenarios.size()) {
    RunOneChild(scenarios, next, env, limits, &outcomes);
    if (!outcomes[next]) {
      // The child died before it even started this scenario: do not loop on it.
      outcomes[next] = Failure("the runner's child process ended before running the scenario",
                               "runner: child lost");
    }
    while (next < scenarios.size() && outcomes[next]) ++next;
  }
  std::vector<ScenarioOutcome> result;
  result.reserve(scenarios.size());
  for (auto& outcome : outcomes) result.push_back(std::move(*outcome));
  return result;
}

}  // namespace sutra::cypher::tck
