// The openCypher TCK runner: reads every .feature file under a TCK root, runs its scenarios
// against Sutra's Cypher engine (tck_scenario.h) and counts passed, failed and skipped
// scenarios. Used by the `tck_runner` program (ctest's `tck` test) and by `sutra tck DIR`.
//
// Isolation: each feature file runs in a forked child process that reports each scenario's
// outcome through a pipe, so a crash (e.g. a segfault or a sanitizer abort in the engine), a
// scenario that runs longer than the timeout, or one that grows past the memory limit fails that
// one scenario with a reason, and the file goes on in a new child from the next scenario.
//
// Skipped, with the reason recorded: the whole expressions/temporal folder (Sutra has no
// temporal types), scenarios tagged @ignore, and scenarios with a step the runner does not know.
#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "tests/tck/tck_scenario.h"

namespace sutra::cypher::tck {

struct TckOptions {
  std::filesystem::path root;  // the TCK folder holding clauses/, expressions/, _graphs/ ...
  // Runs only the files whose path (relative to root) contains `filter`, or else the scenarios
  // whose name contains it. Empty: everything.
  std::string filter;
  std::ostream* progress = nullptr;  // one line per file as it finishes: "path: P passed, ..."
  std::ostream* verbose = nullptr;   // every failing scenario with its first difference
  int scenario_timeout_seconds = 60;
  std::size_t memory_limit_mb = 4096;  // resident size of a file's child process
  bool isolate = true;                 // false: run in this process (for debugging)
};

struct ScenarioRecord {
  std::string file;  // relative to the root
  int line = 0;
  std::string name;
  ScenarioOutcome outcome;
};

struct FileCounts {
  std::string file;
  int passed = 0;
  int failed = 0;
  int skipped = 0;
};

struct TckSummary {
  bool available = true;  // false: the root does not exist (nothing ran)
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int phase_notes = 0;  // passes whose error was raised in another phase than the TCK says
  std::vector<FileCounts> files;
  std::vector<ScenarioRecord> scenarios;
};

TckSummary RunTck(const TckOptions& options);

// "N passed, N failed, N skipped"
std::string FormatTotals(const TckSummary& summary);

// The `top` most common failure categories (and skip reasons) with their counts.
void PrintFailureSummary(const TckSummary& summary, std::ostream& out, int top = 20);

// CSV with a header: scenario,status,reason (scenario = "file:line name").
void WriteReportCsv(const TckSummary& summary, std::ostream& out);

}  // namespace sutra::cypher::tck
