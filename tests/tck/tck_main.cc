// tck_runner: runs the openCypher TCK against Sutra's Cypher engine.
//
//   tck_runner DIR [--filter TEXT] [--verbose] [--floor N | --floor-file FILE] [--report FILE]
//
// Prints one line per feature file, the most common failure reasons, and last a line exactly
// "N passed, N failed, N skipped". Exits 1 when fewer than the floor passed, 2 on bad usage,
// and 0 with a message when DIR does not exist (a clone without the shared datasets).
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/tck/tck_runner.h"

namespace {

// The floor is one integer; '#' starts a comment (the file explains itself).
bool ReadFloorFile(const std::string& path, int* floor) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      *floor = std::stoi(line);
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  namespace tck = sutra::cypher::tck;
  CLI::App app{"Run the openCypher TCK against Sutra's Cypher engine"};
  std::string root;
  std::string report_path;
  std::string floor_file;
  int floor = 0;
  bool verbose = false;
  bool in_process = false;
  tck::TckOptions options;
  app.add_option("DIR", root, "The TCK folder (holding clauses/, expressions/, _graphs/)")
      ->required();
  app.add_option("--filter", options.filter,
                 "Run only files whose path contains TEXT, or else scenarios whose name does");
  app.add_flag("--verbose,-v", verbose, "Print every failing scenario with its first difference");
  auto* floor_option =
      app.add_option("--floor", floor, "Fail (exit 1) when fewer scenarios than N pass");
  app.add_option("--floor-file", floor_file, "Read the floor from FILE (one integer)")
      ->excludes(floor_option);
  app.add_option("--report", report_path, "Write scenario,status,reason CSV to FILE");
  app.add_option("--timeout", options.scenario_timeout_seconds,
                 "Seconds one scenario may run before it is killed and failed");
  app.add_option("--memory-limit-mb", options.memory_limit_mb,
                 "Resident megabytes a file's child process may reach before it is killed");
  app.add_flag("--in-process", in_process,
               "Run scenarios in this process, without forked children (for a debugger)");
  CLI11_PARSE(app, argc, argv);

  if (!floor_file.empty() && !ReadFloorFile(floor_file, &floor)) {
    std::cerr << "tck_runner: cannot read a floor from " << floor_file << "\n";
    return 2;
  }
  options.root = root;
  options.progress = &std::cout;
  options.verbose = verbose ? &std::cout : nullptr;
  options.isolate = !in_process;

  const tck::TckSummary summary = tck::RunTck(options);
  if (!summary.available) {
    std::cout << "The openCypher TCK is not available at " << root
              << ": nothing to run (it lives in the shared datasets, outside the clone)\n";
    return 0;
  }
  if (!report_path.empty()) {
    std::ofstream report(report_path);
    tck::WriteReportCsv(summary, report);
    if (!report) {
      std::cerr << "tck_runner: cannot write " << report_path << "\n";
      return 2;
    }
  }
  std::cout << "\n";
  tck::PrintFailureSummary(summary, std::cout);
  std::cout << tck::FormatTotals(summary) << "\n";
  if (summary.passed < floor) {
    std::cerr << "tck_runner: " << summary.passed << " passed, below the floor of " << floor
              << "\n";
    return 1;
  }
  return 0;
}
