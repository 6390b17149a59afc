// `sutra tck DIR`: runs the openCypher TCK (tests/tck/) against Sutra's Cypher engine, so a
// user can see for themselves which parts of the language Sutra implements.
#include <fstream>
#include <iostream>

#include "engine/cli/commands.h"
#include "tests/tck/tck_runner.h"

namespace sutra::cli {

void AddTckCommand(CLI::App& app, int& exit_code) {
  struct Args {
    std::string dir;
    std::string filter;
    std::string report;
    bool verbose = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "tck", "Run the openCypher TCK (.feature files under DIR) against Sutra's Cypher engine");
  command->add_option("DIR", args->dir, "The TCK folder (holding clauses/, expressions/, _graphs/)")
      ->required();
  command->add_option("--filter", args->filter,
                      "Run only the files whose path contains TEXT, or else the scenarios whose "
                      "name does");
  command->add_option("--report", args->report, "Write scenario,status,reason as CSV to FILE");
  command->add_flag("-v,--verbose", args->verbose,
                    "Print every failing scenario with its first difference");
  command->callback([args, &exit_code] {
    cypher::tck::TckOptions options;
    options.root = args->dir;
    options.filter = args->filter;
    options.progress = &std::cout;
    if (args->verbose) options.verbose = &std::cout;
    cypher::tck::TckSummary summary = cypher::tck::RunTck(options);
    if (!summary.available) {
      std::cerr << "sutra tck: " << args->dir
                << " holds no TCK (expected clauses/, expressions/ and _graphs/ folders)\n";
      exit_code = kExitFailure;
      return;
    }
    cypher::tck::PrintFailureSummary(summary, std::cout);
    if (!args->report.empty()) {
      std::ofstream out(args->report);
      cypher::tck::WriteReportCsv(summary, out);
      if (!out) {
        std::cerr << "sutra tck: cannot write " << args->report << "\n";
        exit_code = kExitFailure;
        return;
      }
    }
    std::cout << cypher::tck::FormatTotals(summary) << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace sutra::cli
