// `sutra communities` and `sutra components`: which groups hang together.
#include <fmt/format.h>

#include <iostream>

#include "engine/cli/access_options.h"
#include "engine/cli/analysis_options.h"
#include "engine/cli/commands.h"
#include "engine/link_analysis.h"

namespace sutra::cli {
namespace {

struct CommunitiesArgs {
  std::string db;
  std::size_t top = 10;
  std::size_t members = 10;
  std::size_t min_size = 3;
  double resolution = 1.0;
  bool unweighted = false;
  std::vector<std::string> member_types;
  FilterFlags filter;
  Format format = Format::kTable;
  AccessArgs access;
};

// Shows every member of `groups` through the guarded analysis.
Status ShowMembers(std::vector<engine::CommunitySummary>& groups,
                   const engine::GuardedEngine::ShowNode& show) {
  for (auto& group : groups) {
    for (auto& member : group.members) SUTRA_RETURN_IF_ERROR(show(member));
  }
  return Status::Ok();
}

// One row per listed member, grouped by community.
OutputTable MemberTable(const std::vector<engine::CommunitySummary>& groups) {
  OutputTable table{{"community", "size", "id", "type", "label", "flags"}, {}};
  for (const auto& g : groups) {
    for (const auto& m : g.members) {
      table.rows.push_back({g.id, g.size, m.node.id,
                            std::string(storage::NodeTypeName(m.node.type)), AnswerLabel(m),
                            JoinFlags(m.flags)});
    }
  }
  return table;
}

int RunCommunities(const CommunitiesArgs& args) {
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("communities", session.status());
  engine::CommunityQuery query;
  query.top = args.top;
  query.members = args.members;
  query.min_size = args.min_size;
  query.resolution = args.resolution;
  query.weighted = !args.unweighted;
  auto filter = ToLinkFilter(args.filter, engine::AssociationFilter());
  if (!filter.ok()) return Fail("communities", filter.status());
  query.filter = *filter;
  auto types = NodeTypeBits(args.member_types, "--member-types");
  if (!types.ok()) return Fail("communities", types.status());
  query.member_types = *types;
  std::optional<engine::CommunityAnswer> answer;
  Status ran = (*session)->guarded->Analyse(
      (*session)->context, "communities", {{"top", std::to_string(args.top)}},
      [&](const engine::Engine& engine, const engine::GuardedEngine::ShowNode& show) -> Status {
        SUTRA_ASSIGN_OR_RETURN(answer, engine::FindCommunities(engine, query));
        return ShowMembers(answer->listed, show);
      });
  if (!ran.ok()) return Fail("communities", ran);
  const OutputTable table = MemberTable(answer->listed);
  if (args.format == Format::kJson) {
    std::cout << nlohmann::json{{"modularity", answer->modularity},
                                {"communities", answer->communities},
                                {"nodes", answer->nodes},
                                {"links", answer->links},
                                {"members", ToJson(table)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  if (args.format == Format::kTable) {
    std::cout << fmt::format(
        "{} communities over {} nodes and {} links, modularity {:.4f}; the {} largest of at "
        "least {} nodes, {} most linked members each:\n\n",
        answer->communities, answer->nodes, answer->links, answer->modularity,
        answer->listed.size(), args.min_size, args.members);
  }
  Print(table, args.format, std::cout);
  return kExitOk;
}

struct ComponentsArgs {
  std::string db;
  std::string of;
  std::size_t members = 20;
  FilterFlags filter;
  Format format = Format::kTable;
  AccessArgs access;
};

int RunComponents(const ComponentsArgs& args) {
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("components", session.status());
  const engine::GuardedEngine& guarded = *(*session)->guarded;
  auto filter = ToLinkFilter(args.filter, engine::AssociationFilter());
  if (!filter.ok()) return Fail("components", filter.status());
  std::optional<storage::NodeId> of;
  if (!args.of.empty()) {
    auto id = ResolveNodeReference(guarded, (*session)->context, args.of);
    if (!id.ok()) return Fail("components", id.status());
    of = *id;
  }
  std::optional<engine::ComponentAnswer> answer;
  Status ran = guarded.Analyse(
      (*session)->context, "components", {{"of", args.of}},
      [&](const engine::Engine& engine, const engine::GuardedEngine::ShowNode& show) -> Status {
        SUTRA_ASSIGN_OR_RETURN(answer, engine::FindComponents(engine, *filter, of, args.members));
        if (!answer->of_node) return Status::Ok();
        for (auto& member : answer->of_node->members) SUTRA_RETURN_IF_ERROR(show(member));
        return Status::Ok();
      });
  if (!ran.ok()) return Fail("components", ran);
  OutputTable members;
  if (answer->of_node) members = MemberTable({*answer->of_node});
  if (args.format == Format::kJson) {
    std::cout << nlohmann::json{{"components", answer->components},
                                {"nodes", answer->nodes},
                                {"links", answer->links},
                                {"largest", answer->largest},
                                {"members", ToJson(members)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  if (args.format == Format::kTable) {
    std::string largest;
    for (std::size_t s : answer->largest)
      largest += fmt::format("{}{}", largest.empty() ? "" : ", ", s);
    std::cout << fmt::format("{} connected components over {} nodes and {} links; largest: {}\n",
                             answer->components, answer->nodes, answer->links, largest);
    if (answer->of_node) {
      std::cout << fmt::format("\nthe component of {} has {} nodes; its {} most linked:\n\n", *of,
                               answer->of_node->size, answer->of_node->members.size());
    }
  }
  if (!members.rows.empty()) Print(members, args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddCommunitiesCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CommunitiesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "communities",
      "Groups that hang together (Louvain with Leiden-style refinement, so every community is\n"
      "connected), largest first, with the modularity of the split. Links from acquitted\n"
      "cases and wrongful arrests are left out, and police stations too, unless asked.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("--top", args->top, "Communities listed")->capture_default_str();
  cmd->add_option("--members", args->members, "Members listed per community, most linked first")
      ->capture_default_str();
  cmd->add_option("--min-size", args->min_size, "Smallest community listed")->capture_default_str();
  cmd->add_option("--resolution", args->resolution,
                  "Above 1 finds smaller communities, below 1 larger")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  cmd->add_flag("--unweighted", args->unweighted,
                "Count each linked pair once (by default repeated links tie closer)");
  cmd->add_option("--member-types", args->member_types,
                  "List only members of these types, e.g. Person,PersonRecord")
      ->delimiter(',');
  AddFilterOptions(*cmd, args->filter, /*association=*/true);
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, &exit_code] { exit_code = RunCommunities(*args); });

  auto cargs = std::make_shared<ComponentsArgs>();
  CLI::App* ccmd = app.add_subcommand(
      "components",
      "Connected components: how many separate networks the graph falls into, the largest,\n"
      "and with --of NODE the one that node belongs to.");
  AddDbOption(*ccmd, cargs->db);
  ccmd->add_option("--of", cargs->of, "A node (id, phone, registration or name)");
  ccmd->add_option("--members", cargs->members, "Members of that component listed")
      ->capture_default_str();
  AddFilterOptions(*ccmd, cargs->filter, /*association=*/true);
  AddFormatOption(*ccmd, cargs->format);
  AddAccessOptions(*ccmd, cargs->access);
  ccmd->callback([cargs, &exit_code] { exit_code = RunComponents(*cargs); });
}

}  // namespace sutra::cli
