// What the link-analysis commands (paths, centrality, communities, components, patterns) share:
// the filter options that turn into an algorithms::LinkFilter, node references given as an id
// or as text that finds exactly one node, and the table of an answer's nodes.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "algorithms/link_filter.h"
#include "engine/answer_nodes.h"
#include "engine/cli/output.h"
#include "engine/engine.h"
#include "engine/guarded_engine.h"
#include "storage/status.h"

namespace sutra::cli {

struct FilterFlags {
  std::vector<std::string> edge_types;  // only these link types (empty: all)
  std::vector<std::string> node_types;  // only these node types (empty: the default set)
  std::string since, until;             // YYYY-MM-DD, inclusive
  bool include_exonerated = false;      // --include-exonerated
  bool exclude_exonerated = false;      // --exclude-exonerated
};

// Adds --edge-types, --node-types, --since, --until and --include-exonerated /
// --exclude-exonerated; `association` names the default ("left out" or "kept") in the help.
void AddFilterOptions(CLI::App& command, FilterFlags& flags, bool association);

// The filter: `base` (the command's default) narrowed or widened by the flags. InvalidArgument
// naming the option and the value when a type or date is not one.
StatusOr<algorithms::LinkFilter> ToLinkFilter(const FilterFlags& flags,
                                              algorithms::LinkFilter base);

// Bit(NodeType) of the named node types ("Person,PersonRecord"); InvalidArgument naming
// `option` and the bad name.
StatusOr<std::uint32_t> NodeTypeBits(const std::vector<std::string>& names,
                                     std::string_view option);

// A node named on the command line: its id, or text that `Engine::Search` resolves to exactly
// one node (a phone number, a vehicle registration, a name). NotFound when nothing matches;
// InvalidArgument listing the candidates when several do.
StatusOr<storage::NodeId> ResolveNodeReference(const engine::GuardedEngine& guarded,
                                               const engine::AccessContext& context,
                                               const std::string& reference);

// The id, type, label and protection flags of each node, as a table and as JSON.
OutputTable AnswerNodeTable(const std::vector<engine::AnswerNode>& nodes);
nlohmann::json AnswerNodeJson(const engine::AnswerNode& node);
std::string JoinFlags(const std::vector<std::string>& flags);

}  // namespace sutra::cli
