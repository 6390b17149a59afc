#include <fmt/format.h>

#include <iostream>

#include "engine/cli/access_options.h"
#include "engine/cli/commands.h"
#include "engine/engine.h"

namespace sutra::cli {
namespace {

struct NeighborsArgs {
  std::string db;
  storage::NodeId id = 0;
  int hops = 1;
  std::size_t limit = 50;
  Format format = Format::kTable;
  AccessArgs access;
};

int RunNeighbors(const NeighborsArgs& args) {
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("neighbors", session.status());
  const engine::GuardedEngine& guarded = *(*session)->guarded;
  const engine::AccessContext& context = (*session)->context;
  // One hop is a cursor walk of the node's adjacency; more hops run on the snapshot.
  auto graph = args.hops == 1 ? guarded.Expand(context, args.id, args.limit)
                              : guarded.Neighborhood(context, args.id,
                                                     {.hops = args.hops,
                                                      .per_node_limit = args.limit,
                                                      .max_nodes = args.limit * args.hops + 1,
                                                      .filter = {}});
  if (!graph.ok()) return Fail("neighbors", graph.status());
  if (!graph->has_value()) {
    return Fail("neighbors", NotFound(fmt::format("no node has id {} in {} (find ids with "
                                                  "`sutra search`)",
                                                  args.id, args.db)));
  }
  const engine::GuardedSubgraph& g = **graph;
  OutputTable nodes = NodeTable(g.nodes);
  OutputTable edges = EdgeTable(g.edges);
  if (args.format == Format::kJson) {
    nlohmann::json out{{"nodes", ToJson(nodes)},
                       {"edges", ToJson(edges)},
                       {"links_seen", g.total_neighbors},
                       {"truncated", g.truncated}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  if (args.format == Format::kTable) {
    std::cout << fmt::format("{} {} '{}': {} nodes within {} hop(s); showing {} of {} links{}\n\n",
                             storage::NodeTypeName(g.nodes[0].node.type), args.id,
                             nodes.rows[0][2].get<std::string>(), g.nodes.size(), args.hops,
                             g.edges.size(), g.total_neighbors,
                             g.truncated ? " (raise --limit to see more)" : "");
  }
  Print(nodes, args.format, std::cout);
  std::cout << "\n";
  Print(edges, args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddNeighborsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<NeighborsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "neighbors",
      "Show a node's neighbourhood: the nodes within --hops links and the links themselves,\n"
      "with each link's provenance (FIR, station, load batch). Protected facts (acquitted,\n"
      "wrongful arrest, juvenile...) are listed in the flags column.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("id", args->id, "Node id (from `sutra search`)")->required();
  cmd->add_option("--hops", args->hops, "Links to follow outward")
      ->check(CLI::Range(1, 6))
      ->capture_default_str();
  cmd->add_option("--limit", args->limit, "Most links followed from any one node")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, &exit_code] { exit_code = RunNeighbors(*args); });
}

}  // namespace sutra::cli
