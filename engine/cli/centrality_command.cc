// `sutra centrality`: who the central figures of the network are, by degree, betweenness,
// closeness, PageRank or eigenvector centrality.
#include <fmt/format.h>

#include <iostream>

#include "engine/cli/access_options.h"
#include "engine/cli/analysis_options.h"
#include "engine/cli/commands.h"
#include "engine/link_analysis.h"

namespace sutra::cli {
namespace {

struct CentralityArgs {
  std::string db;
  std::string measure = "pagerank";
  std::size_t top = 20;
  std::vector<std::string> types;
  bool weighted = false;
  std::size_t sample = 64;
  FilterFlags filter;
  Format format = Format::kTable;
  AccessArgs access;
};

int RunCentrality(const CentralityArgs& args) {
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("centrality", session.status());
  engine::CentralityQuery query;
  query.measure = *engine::ParseCentralityMeasure(args.measure);  // checked by CLI11
  query.top = args.top;
  query.weighted = args.weighted;
  query.sample = args.sample;
  auto filter = ToLinkFilter(args.filter, engine::AssociationFilter());
  if (!filter.ok()) return Fail("centrality", filter.status());
  query.filter = *filter;
  auto types = NodeTypeBits(args.types, "--type");
  if (!types.ok()) return Fail("centrality", types.status());
  query.list_types = *types;
  std::optional<engine::CentralityAnswer> answer;
  Status ran = (*session)->guarded->Analyse(
      (*session)->context, "centrality",
      {{"measure", args.measure}, {"top", std::to_string(args.top)}},
      [&](const engine::Engine& engine, const engine::GuardedEngine::ShowNode& show) -> Status {
        SUTRA_ASSIGN_OR_RETURN(answer, engine::RankByCentrality(engine, query));
        for (auto& ranked : answer->top) SUTRA_RETURN_IF_ERROR(show(ranked.node));
        return Status::Ok();
      });
  if (!ran.ok()) return Fail("centrality", ran);

  OutputTable table{{"rank", "score", "id", "type", "label", "flags"}, {}};
  for (std::size_t i = 0; i < answer->top.size(); ++i) {
    const auto& r = answer->top[i];
    table.rows.push_back({i + 1, r.score, r.node.node.id,
                          std::string(storage::NodeTypeName(r.node.node.type)), AnswerLabel(r.node),
                          JoinFlags(r.node.flags)});
  }
  if (args.format == Format::kJson) {
    std::cout << nlohmann::json{{"measure", args.measure},        {"method", answer->method},
                                {"estimated", answer->estimated}, {"nodes", answer->nodes},
                                {"links", answer->links},         {"top", ToJson(table)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  if (args.format == Format::kTable) {
    std::cout << fmt::format("{} over {} nodes and {} links ({}){}\n\n", args.measure,
                             answer->nodes, answer->links, answer->method,
                             answer->estimated ? "; an estimate" : "");
  }
  Print(table, args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddCentralityCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CentralityArgs>();
  CLI::App* cmd = app.add_subcommand(
      "centrality",
      "Rank nodes by how central they are in the network: degree, betweenness (exact up to\n"
      "50,000 nodes, estimated from --sample sources above), closeness, pagerank or\n"
      "eigenvector. Links from acquitted cases and wrongful arrests are left out, and police\n"
      "stations too, unless asked.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("--measure", args->measure,
                  "degree, betweenness, closeness, pagerank, eigenvector")
      ->check(CLI::IsMember({"degree", "betweenness", "closeness", "pagerank", "eigenvector"}))
      ->capture_default_str();
  cmd->add_option("--top", args->top, "How many to list")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--type", args->types,
                  "List only nodes of these types, e.g. Person (all take part in the ranking)")
      ->delimiter(',');
  cmd->add_flag("--weighted", args->weighted,
                "Weigh links by strength (degree, pagerank, eigenvector)");
  cmd->add_option("--sample", args->sample,
                  "Sources for betweenness (and nodes for closeness) on graphs over 50,000 nodes")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  AddFilterOptions(*cmd, args->filter, /*association=*/true);
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, &exit_code] { exit_code = RunCentrality(*args); });
}

}  // namespace sutra::cli
