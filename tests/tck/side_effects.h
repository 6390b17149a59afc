// The side effects of a query as the openCypher TCK defines them: the difference between the
// graph's state before and after the query, where the state is
//   - the set of node ids and the set of relationship ids,
//   - the set of label names present on at least one node (so creating two :A nodes in an
//     empty graph adds one label, and deleting the last :A node removes one),
//   - the set of (element, key, value) property triples.
// Replacing a property's value therefore counts as one -properties and one +properties; setting
// it to the value it already has counts as nothing.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/cypher/query_graph.h"
#include "engine/cypher/value.h"

namespace sutra::cypher::tck {

struct GraphSnapshot {
  std::set<ElementId> nodes;
  std::set<ElementId> relationships;
  std::set<std::string> labels;
  // (is_relationship, id) -> properties. Ids of nodes and relationships may coincide.
  std::map<std::pair<bool, ElementId>, Map> properties;
};

GraphSnapshot TakeSnapshot(const QueryGraph& graph);

struct SideEffects {
  std::int64_t nodes_added = 0;
  std::int64_t nodes_removed = 0;
  std::int64_t relationships_added = 0;
  std::int64_t relationships_removed = 0;
  std::int64_t labels_added = 0;
  std::int64_t labels_removed = 0;
  std::int64_t properties_added = 0;
  std::int64_t properties_removed = 0;
  bool operator==(const SideEffects&) const = default;
};

SideEffects DiffSnapshots(const GraphSnapshot& before, const GraphSnapshot& after);

// Reads a "the side effects should be:" table: rows of `+nodes | 1` ... Unlisted kinds are 0.
// Throws std::invalid_argument on an unknown kind or a malformed count.
SideEffects ParseSideEffectsTable(const std::vector<std::vector<std::string>>& table);

// "+nodes 1, -properties 2" (only the non-zero counts), or "none".
std::string FormatSideEffects(const SideEffects& effects);

}  // namespace sutra::cypher::tck
