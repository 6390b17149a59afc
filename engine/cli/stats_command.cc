#include <iostream>

#include "engine/cli/commands.h"
#include "engine/engine.h"

namespace sutra::cli {
namespace {

struct StatsArgs {
  std::string db;
  Format format = Format::kTable;
};

int RunStats(const StatsArgs& args) {
  auto engine = engine::Engine::Open(args.db);
  if (!engine.ok()) return Fail("stats", engine.status());
  auto stats = (*engine)->Stats();
  if (!stats.ok()) return Fail("stats", stats.status());
  OutputTable table{{"kind", "type", "count"}, {}};
  for (const auto& [type, count] : stats->nodes_by_type) {
    table.rows.push_back({"node", std::string(storage::NodeTypeName(type)), count});
  }
  for (const auto& [type, count] : stats->edges_by_type) {
    table.rows.push_back({"edge", std::string(storage::EdgeTypeName(type)), count});
  }
  Print(table, args.format, std::cout);
  if (args.format == Format::kTable) {
    std::cout << "total: " << stats->total_nodes << " nodes, " << stats->total_edges << " edges\n";
  }
  return kExitOk;
}

}  // namespace

void AddStatsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* cmd = app.add_subcommand("stats", "Count the nodes and edges of a database by type");
  AddDbOption(*cmd, args->db);
  AddFormatOption(*cmd, args->format);
  cmd->callback([args, &exit_code] { exit_code = RunStats(*args); });
}

}  // namespace sutra::cli
