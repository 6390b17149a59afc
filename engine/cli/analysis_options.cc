#include "engine/cli/analysis_options.h"

#include <fmt/format.h>

#include <algorithm>

#include "storage/model.h"

namespace sutra::cli {

void AddFilterOptions(CLI::App& command, FilterFlags& flags, bool association) {
  command
      .add_option("--edge-types", flags.edge_types,
                  "Follow only these link types, e.g. ACCUSED_IN,USES (default: all)")
      ->delimiter(',');
  command
      .add_option("--node-types", flags.node_types,
                  association ? "Use only these node types (default: all but Station, "
                                "through which every FIR is linked)"
                              : "Use only these node types (default: all)")
      ->delimiter(',');
  command.add_option("--since", flags.since, "Only links dated on or after YYYY-MM-DD");
  command.add_option("--until", flags.until, "Only links dated on or before YYYY-MM-DD");
  command.add_flag("--include-exonerated", flags.include_exonerated,
                   association ? "Count links from acquitted or discharged cases and wrongful "
                                 "arrests (left out by default)"
                               : "Follow links from acquitted or discharged cases and wrongful "
                                 "arrests (the default here; they are flagged)");
  command.add_flag("--exclude-exonerated", flags.exclude_exonerated,
                   "Leave out links from acquitted or discharged cases and wrongful arrests");
}

StatusOr<std::uint32_t> NodeTypeBits(const std::vector<std::string>& names,
                                     std::string_view option) {
  std::uint32_t bits = 0;
  for (const std::string& name : names) {
    auto type = storage::ParseNodeType(name);
    if (!type) {
      return InvalidArgument(
          fmt::format("{} '{}' is not a node type (Case, PersonRecord, Person, "
                      "Vehicle, Phone, Location, Station)",
                      option, name));
    }
    bits |= algorithms::Bit(*type);
  }
  return bits;
}

StatusOr<algorithms::LinkFilter> ToLinkFilter(const FilterFlags& flags,
                                              algorithms::LinkFilter base) {
  if (flags.include_exonerated && flags.exclude_exonerated) {
    return InvalidArgument("give --include-exonerated or --exclude-exonerated, not both");
  }
  algorithms::LinkFilter filter = base;
  if (!flags.edge_types.empty()) {
    filter.edge_types = 0;
    for (const std::string& name : flags.edge_types) {
      auto type = storage::ParseEdgeType(name);
      if (!type) {
        return InvalidArgument(
            fmt::format("--edge-types '{}' is not a link type (ACCUSED_IN, "
                        "VICTIM_IN, SAME_AS, USES, OWNS, CALLED, ...)",
                        name));
      }
      filter.edge_types |= algorithms::Bit(*type);
    }
  }
  if (!flags.node_types.empty()) {
    SUTRA_ASSIGN_OR_RETURN(filter.node_types, NodeTypeBits(flags.node_types, "--node-types"));
  }
  for (auto [text, day, option] : {std::tuple(&flags.since, &filter.from_day, "--since"),
                                   std::tuple(&flags.until, &filter.to_day, "--until")}) {
    if (text->empty()) continue;
    *day = storage::DayNumber(*text);
    if (*day == algorithms::kNoDay) {
      return InvalidArgument(fmt::format("{} '{}' is not a date (YYYY-MM-DD)", option, *text));
    }
  }
  if (filter.from_day != algorithms::kNoDay && filter.to_day != algorithms::kNoDay &&
      filter.from_day > filter.to_day) {
    return InvalidArgument("--since is after --until: no link can be in that window");
  }
  if (flags.include_exonerated) filter.exclude_exonerated = false;
  if (flags.exclude_exonerated) filter.exclude_exonerated = true;
  return filter;
}

StatusOr<storage::NodeId> ResolveNodeReference(const engine::GuardedEngine& guarded,
                                               const engine::AccessContext& context,
                                               const std::string& reference) {
  if (!reference.empty() && std::all_of(reference.begin(), reference.end(),
                                        [](char c) { return c >= '0' && c <= '9'; })) {
    return static_cast<storage::NodeId>(std::stoull(reference));
  }
  SUTRA_ASSIGN_OR_RETURN(auto found, guarded.Search(context, reference, 6));
  std::vector<storage::Node> nodes;
  for (auto& answer : found) nodes.push_back(std::move(answer.node));
  if (nodes.empty()) {
    return NotFound(
        fmt::format("nothing matches '{}' (give a node id, a phone number, a vehicle "
                    "registration or a full name; `sutra search` lists candidates)",
                    reference));
  }
  if (nodes.size() > 1) {
    std::string listed;
    for (std::size_t i = 0; i < nodes.size() && i < 5; ++i) {
      listed += fmt::format("{}{} ({} '{}')", i ? ", " : "", nodes[i].id,
                            storage::NodeTypeName(nodes[i].type), storage::DisplayLabel(nodes[i]));
    }
    return InvalidArgument(
        fmt::format("'{}' matches {} nodes: {}; give the node id", reference,
                    nodes.size() > 5 ? "more than 5" : std::to_string(nodes.size()), listed));
  }
  return nodes[0].id;
}

std::string JoinFlags(const std::vector<std::string>& flags) {
  std::string out;
  for (const std::string& f : flags) out += (out.empty() ? "" : ",") + f;
  return out;
}

OutputTable AnswerNodeTable(const std::vector<engine::AnswerNode>& nodes) {
  OutputTable table{{"id", "type", "label", "flags"}, {}};
  for (const engine::AnswerNode& n : nodes) {
    table.rows.push_back({n.node.id, std::string(storage::NodeTypeName(n.node.type)),
                          storage::DisplayLabel(n.node), JoinFlags(n.flags)});
  }
  return table;
}

nlohmann::json AnswerNodeJson(const engine::AnswerNode& n) {
  return {{"id", n.node.id},
          {"type", std::string(storage::NodeTypeName(n.node.type))},
          {"label", storage::DisplayLabel(n.node)},
          {"flags", n.flags}};
}

}  // namespace sutra::cli
