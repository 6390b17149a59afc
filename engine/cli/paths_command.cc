// `sutra paths`: how two things are connected — the shortest chain of links between them, the
// k shortest, or every simple path up to a length.
#include <fmt/format.h>

#include <iostream>

#include "engine/cli/access_options.h"
#include "engine/cli/analysis_options.h"
#include "engine/cli/commands.h"
#include "engine/link_analysis.h"

namespace sutra::cli {
namespace {

struct PathsArgs {
  std::string db;
  std::string from, to;
  std::size_t k = 1;
  bool all = false;
  std::uint32_t max_length = 6;
  bool strength = false;
  std::vector<std::string> avoid = {};
  std::uint64_t max_degree_through = 0;
  FilterFlags filter;
  Format format = Format::kTable;
  AccessArgs access;
};

nlohmann::json PathJson(const engine::FoundPath& path) {
  nlohmann::json nodes = nlohmann::json::array(), links = nlohmann::json::array();
  for (const auto& n : path.nodes) nodes.push_back(AnswerNodeJson(n));
  for (const auto& e : path.edges) {
    links.push_back({{"id", e.id},
                     {"type", std::string(storage::EdgeTypeName(e.type))},
                     {"from", e.from},
                     {"to", e.to},
                     {"fir", e.provenance.fir},
                     {"station", e.provenance.station}});
  }
  return {{"links", path.edges.size()}, {"cost", path.cost}, {"nodes", nodes}, {"edges", links}};
}

// One row per step: the node reached and the link that reached it (none for the first).
OutputTable StepTable(std::size_t number, const engine::FoundPath& path) {
  OutputTable table{{"path", "step", "via", "fir", "id", "type", "label", "flags"}, {}};
  for (std::size_t i = 0; i < path.nodes.size(); ++i) {
    const auto& n = path.nodes[i];
    std::string via, fir;
    if (i > 0) {
      const storage::Edge& e = path.edges[i - 1];
      via = fmt::format("{} {}", e.from == n.node.id ? "<-" : "->", storage::EdgeTypeName(e.type));
      fir = e.provenance.fir;
    }
    table.rows.push_back({number, i, via, fir, n.node.id,
                          std::string(storage::NodeTypeName(n.node.type)), AnswerLabel(n),
                          JoinFlags(n.flags)});
  }
  return table;
}

int RunPaths(const PathsArgs& args) {
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("paths", session.status());
  const engine::GuardedEngine& guarded = *(*session)->guarded;
  const engine::AccessContext& context = (*session)->context;
  engine::PathQuery query;
  auto from = ResolveNodeReference(guarded, context, args.from);
  if (!from.ok()) return Fail("paths", from.status());
  auto to = ResolveNodeReference(guarded, context, args.to);
  if (!to.ok()) return Fail("paths", to.status());
  query.from = *from;
  query.to = *to;
  query.mode = args.all     ? engine::PathMode::kAllSimple
               : args.k > 1 ? engine::PathMode::kKShortest
                            : engine::PathMode::kShortest;
  query.k = args.k;
  query.max_length = args.max_length;
  auto filter = ToLinkFilter(args.filter, algorithms::LinkFilter{});
  if (!filter.ok()) return Fail("paths", filter.status());
  query.options.filter = *filter;
  query.options.cost =
      args.strength ? algorithms::PathCost::kLinkStrength : algorithms::PathCost::kHops;
  auto avoid = NodeTypeBits(args.avoid, "--avoid");
  if (!avoid.ok()) return Fail("paths", avoid.status());
  query.options.avoid_through = *avoid;
  if (args.max_degree_through > 0) query.options.max_degree_through = args.max_degree_through;
  auto answer = guarded.Paths(context, query);
  if (!answer.ok()) return Fail("paths", answer.status());

  if (args.format == Format::kJson) {
    nlohmann::json paths = nlohmann::json::array();
    for (const auto& p : answer->paths) paths.push_back(PathJson(p));
    std::cout << nlohmann::json{{"from", query.from},
                                {"to", query.to},
                                {"paths", paths},
                                {"capped", answer->capped}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  if (args.format == Format::kTable) {
    std::cout << fmt::format("{} path(s) from {} to {}{}\n", answer->paths.size(), query.from,
                             query.to,
                             answer->capped ? " (a search cap was reached: more may exist)" : "");
  }
  OutputTable all;
  for (std::size_t p = 0; p < answer->paths.size(); ++p) {
    OutputTable steps = StepTable(p + 1, answer->paths[p]);
    if (all.columns.empty()) all.columns = steps.columns;
    for (auto& row : steps.rows) all.rows.push_back(std::move(row));
  }
  if (!all.rows.empty()) Print(all, args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddPathsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PathsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "paths",
      "How two nodes are connected: the shortest chain of links between A and B (either\n"
      "direction), the --k shortest, or --all simple paths up to --max-length. A and B are node\n"
      "ids, or a phone number, vehicle registration or name that finds exactly one node.\n"
      "Links from acquitted cases and wrongful arrests are followed and flagged unless\n"
      "--exclude-exonerated.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("from", args->from, "Start node")->required();
  cmd->add_option("to", args->to, "End node")->required();
  cmd->add_option("--k", args->k, "The k shortest loopless paths")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_flag("--all", args->all, "Every simple path up to --max-length");
  cmd->add_option("--max-length", args->max_length, "Most links in a path")
      ->check(CLI::Range(1, 12))
      ->capture_default_str();
  cmd->add_flag("--strength", args->strength,
                "Prefer strong ties: a step costs 1 / (links joining its two nodes)");
  cmd->add_option("--avoid", args->avoid,
                  "Do not pass through nodes of these types, e.g. Station,Location")
      ->delimiter(',');
  cmd->add_option("--max-degree-through", args->max_degree_through,
                  "Do not pass through nodes with more links than this (hubs)");
  AddFilterOptions(*cmd, args->filter, /*association=*/false);
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, &exit_code] { exit_code = RunPaths(*args); });
}

}  // namespace sutra::cli
