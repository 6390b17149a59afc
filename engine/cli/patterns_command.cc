// `sutra patterns`: the pattern queries investigators use — co-accused pairs, phones and
// vehicles shared across FIRs, repeat offenders across districts, co-offending triangles, and
// a chain template.
#include <fmt/format.h>

#include <iostream>

#include "engine/cli/access_options.h"
#include "engine/cli/analysis_options.h"
#include "engine/cli/commands.h"
#include "engine/crime_patterns.h"

namespace sutra::cli {
namespace {

struct PatternsArgs {
  std::string db;
  std::string kind;
  std::string chain;  // for `template`
  std::size_t limit = 50;
  std::size_t min = 2;
  std::size_t max_sharers = 10;
  FilterFlags filter;
  Format format = Format::kTable;
  AccessArgs access;
};

std::string Labels(const std::vector<engine::AnswerNode>& nodes) {
  std::string out;
  for (const auto& n : nodes) {
    out += fmt::format("{}{} {}", out.empty() ? "" : "; ", n.node.id, AnswerLabel(n));
    if (!n.flags.empty()) out += " [" + JoinFlags(n.flags) + "]";
  }
  return out;
}

// Shows each of `nodes` through the guarded analysis, in place.
Status ShowAll(std::vector<engine::AnswerNode>& nodes,
               const engine::GuardedEngine::ShowNode& show) {
  for (auto& node : nodes) SUTRA_RETURN_IF_ERROR(show(node));
  return Status::Ok();
}

StatusOr<OutputTable> PatternTable(const engine::Engine& engine, const PatternsArgs& args,
                                   const algorithms::LinkFilter& filter, std::string& summary,
                                   const engine::GuardedEngine::ShowNode& show) {
  if (args.kind == "co-accused") {
    algorithms::CoAccusedOptions options;
    options.min_cases = args.min;
    options.limit = args.limit;
    options.filter = filter;
    SUTRA_ASSIGN_OR_RETURN(auto answer, engine::FindCoAccused(engine, options));
    summary = fmt::format(
        "{} pairs accused together in at least {} cases{}", answer.total_pairs, args.min,
        answer.cases_skipped
            ? fmt::format(" ({} cases with too many accused skipped)", answer.cases_skipped)
            : "");
    OutputTable t{{"cases", "person_a", "person_b", "firs"}, {}};
    for (auto& p : answer.pairs) {
      SUTRA_RETURN_IF_ERROR(show(p.a));
      SUTRA_RETURN_IF_ERROR(show(p.b));
      SUTRA_RETURN_IF_ERROR(ShowAll(p.cases, show));
      t.rows.push_back({p.cases.size(), Labels({p.a}), Labels({p.b}), Labels(p.cases)});
    }
    return t;
  }
  if (args.kind == "shared-phones" || args.kind == "shared-vehicles" ||
      args.kind == "shared-identifiers") {
    algorithms::SharedIdentifiersOptions options;
    options.phones = args.kind != "shared-vehicles";
    options.vehicles = args.kind != "shared-phones";
    options.max_sharers = args.max_sharers;
    options.limit = args.limit;
    options.filter = filter;
    SUTRA_ASSIGN_OR_RETURN(auto answer, engine::FindSharedIdentifiers(engine, options));
    summary = fmt::format(
        "{} identifiers tie persons across different FIRs ({} with more than "
        "{} persons skipped as busy: station phones, taxis)",
        answer.total, answer.busy, args.max_sharers);
    OutputTable t{{"identifier", "persons", "firs"}, {}};
    for (auto& s : answer.shared) {
      SUTRA_RETURN_IF_ERROR(show(s.identifier));
      SUTRA_RETURN_IF_ERROR(ShowAll(s.persons, show));
      SUTRA_RETURN_IF_ERROR(ShowAll(s.cases, show));
      t.rows.push_back({Labels({s.identifier}), Labels(s.persons), Labels(s.cases)});
    }
    return t;
  }
  if (args.kind == "repeat-offenders") {
    algorithms::RepeatOffenderOptions options;
    options.min_districts = args.min;
    options.limit = args.limit;
    options.filter = filter;
    SUTRA_ASSIGN_OR_RETURN(auto answer, engine::FindRepeatOffenders(engine, options));
    summary =
        fmt::format("{} persons accused in cases of at least {} districts", answer.total, args.min);
    OutputTable t{{"person", "districts", "cases"}, {}};
    for (auto& o : answer.offenders) {
      SUTRA_RETURN_IF_ERROR(show(o.person));
      std::string districts;
      for (const auto& d : o.districts) districts += (districts.empty() ? "" : ", ") + d;
      t.rows.push_back({Labels({o.person}), districts, o.cases});
    }
    return t;
  }
  if (args.kind == "triangles") {
    SUTRA_ASSIGN_OR_RETURN(auto answer,
                           engine::FindCoOffendingTriangles(engine, filter, args.limit));
    summary = fmt::format("{} triangles in the co-offending network (persons accused together)",
                          answer.total);
    OutputTable t{{"person", "triangles"}, {}};
    for (auto& item : answer.top) {
      SUTRA_RETURN_IF_ERROR(show(item.person));
      t.rows.push_back({Labels({item.person}), item.triangles});
    }
    return t;
  }
  if (args.kind == "template") {
    SUTRA_ASSIGN_OR_RETURN(auto pattern, engine::ParseChainTemplate(args.chain));
    algorithms::TemplateOptions options;
    options.limit = args.limit;
    options.filter = filter;
    SUTRA_ASSIGN_OR_RETURN(auto answer, engine::MatchChain(engine, pattern, options));
    summary = fmt::format("{} matches of {}{}", answer.matches.size(), args.chain,
                          answer.capped ? " (capped: more exist)" : "");
    OutputTable t{{"match"}, {}};
    for (std::size_t i = 0; i < pattern.nodes.size(); ++i)
      t.columns.push_back(fmt::format("n{}", i));
    for (std::size_t m = 0; m < answer.matches.size(); ++m) {
      SUTRA_RETURN_IF_ERROR(ShowAll(answer.matches[m], show));
      std::vector<nlohmann::json> row{m + 1};
      for (const auto& n : answer.matches[m]) row.push_back(Labels({n}));
      t.rows.push_back(std::move(row));
    }
    return t;
  }
  return InvalidArgument(fmt::format("unknown pattern '{}'", args.kind));
}

int RunPatterns(const PatternsArgs& args) {
  if (args.kind == "template" && args.chain.empty()) {
    return Fail("patterns", InvalidArgument("template needs --chain, e.g. "
                                            "--chain Person-USES-Phone-USES-Person"));
  }
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("patterns", session.status());
  auto filter = ToLinkFilter(args.filter, algorithms::PatternFilter());
  if (!filter.ok()) return Fail("patterns", filter.status());
  std::string summary;
  std::optional<OutputTable> table;
  Status ran = (*session)->guarded->Analyse(
      (*session)->context, "patterns", {{"pattern", args.kind}},
      [&](const engine::Engine& engine, const engine::GuardedEngine::ShowNode& show) -> Status {
        SUTRA_ASSIGN_OR_RETURN(table, PatternTable(engine, args, *filter, summary, show));
        return Status::Ok();
      });
  if (!ran.ok()) return Fail("patterns", ran);
  if (args.format == Format::kJson) {
    std::cout << nlohmann::json{{"pattern", args.kind},
                                {"summary", summary},
                                {"rows", ToJson(*table)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  if (args.format == Format::kTable) std::cout << summary << "\n\n";
  Print(*table, args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddPatternsCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PatternsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "patterns",
      "Crime patterns across the whole graph:\n"
      "  co-accused          pairs accused together in at least --min cases\n"
      "  shared-phones       phones (shared-vehicles: vehicles; shared-identifiers: both)\n"
      "                      linked to persons of different FIRs\n"
      "  repeat-offenders    persons accused in cases of at least --min districts\n"
      "  triangles           closed groups of three in the co-offending network\n"
      "  template            matches of --chain, e.g. Person-USES-Phone-USES-Person\n"
      "Persons are resolved persons after `sutra resolve`, records before. Links from\n"
      "acquitted cases and wrongful arrests are left out unless --include-exonerated.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("pattern", args->kind, "The pattern")
      ->required()
      ->check(CLI::IsMember({"co-accused", "shared-phones", "shared-vehicles", "shared-identifiers",
                             "repeat-offenders", "triangles", "template"}));
  cmd->add_option("--chain", args->chain, "For template: node and link types in turn (* for any)");
  cmd->add_option("--limit", args->limit, "Rows listed")->capture_default_str();
  cmd->add_option("--min", args->min, "co-accused: shared cases; repeat-offenders: districts")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--max-sharers", args->max_sharers,
                  "shared-*: identifiers with more persons are skipped as busy")
      ->capture_default_str();
  AddFilterOptions(*cmd, args->filter, /*association=*/true);
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, &exit_code] { exit_code = RunPatterns(*args); });
}

}  // namespace sutra::cli
