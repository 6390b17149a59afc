#include "tests/tck/side_effects.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace sutra::cypher::tck {
namespace {

// Property values are the same triple member when they are the same value: same kind and
// contents, floats by value except that NaN is the same as NaN.
bool SameValue(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.is_float()) {
    const double x = a.as_float();
    const double y = b.as_float();
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
    return x == y;
  }
  if (a.is_list()) {
    const List& x = a.as_list();
    const List& y = b.as_list();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!SameValue(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.is_map()) {
    const Map& x = a.as_map();
    const Map& y = b.as_map();
    if (x.size() != y.size()) return false;
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
      if (i->first != j->first || !SameValue(i->second, j->second)) return false;
    }
    return true;
  }
  return a == b;
}

template <typename T>
void CountSetDiff(const std::set<T>& before, const std::set<T>& after, std::int64_t* added,
                  std::int64_t* removed) {
  for (const T& item : after) {
    if (!before.contains(item)) ++*added;
  }
  for (const T& item : before) {
    if (!after.contains(item)) ++*removed;
  }
}

}  // namespace

GraphSnapshot TakeSnapshot(const QueryGraph& graph) {
  GraphSnapshot snapshot;
  graph.ForEachNode([&](ElementId node) {
    snapshot.nodes.insert(node);
    for (Token label : graph.NodeLabels(node)) {
      snapshot.labels.emplace(graph.LabelName(label));
    }
    Map properties = graph.NodeProperties(node);
    if (!properties.empty())
      snapshot.properties.emplace(std::pair{false, node}, std::move(properties));
    return true;
  });
  graph.ForEachRelationship([&](ElementId rel) {
    snapshot.relationships.insert(rel);
    Map properties = graph.RelProperties(rel);
    if (!properties.empty())
      snapshot.properties.emplace(std::pair{true, rel}, std::move(properties));
    return true;
  });
  return snapshot;
}

SideEffects DiffSnapshots(const GraphSnapshot& before, const GraphSnapshot& after) {
  SideEffects effects;
  CountSetDiff(before.nodes, after.nodes, &effects.nodes_added, &effects.nodes_removed);
  CountSetDiff(before.relationships, after.relationships, &effects.relationships_added,
               &effects.relationships_removed);
  CountSetDiff(before.labels, after.labels, &effects.labels_added, &effects.labels_removed);
  static const Map kNone;
  auto properties_of = [](const GraphSnapshot& snapshot,
                          const std::pair<bool, ElementId>& key) -> const Map& {
    auto it = snapshot.properties.find(key);
    return it == snapshot.properties.end() ? kNone : it->second;
  };
  // Each element holds at most one value per key, so the triple sets differ exactly where one
  // side lacks the key or the two values differ.
  for (const auto& [element, now] : after.properties) {
    const Map& was = properties_of(before, element);
    for (const auto& [key, value] : now) {
      auto old = was.find(key);
      if (old == was.end()) {
        ++effects.properties_added;
      } else if (!SameValue(old->second, value)) {
        ++effects.properties_added;
        ++effects.properties_removed;
      }
    }
  }
  for (const auto& [element, was] : before.properties) {
    const Map& now = properties_of(after, element);
    for (const auto& [key, value] : was) {
      if (!now.contains(key)) ++effects.properties_removed;
    }
  }
  return effects;
}

SideEffects ParseSideEffectsTable(const std::vector<std::vector<std::string>>& table) {
  SideEffects effects;
  for (const auto& row : table) {
    if (row.size() != 2) throw std::invalid_argument("a side effects row needs 2 cells");
    std::size_t used = 0;
    const long long count = std::stoll(row[1], &used);
    if (used != row[1].size() || count < 0) {
      throw std::invalid_argument("bad side effect count: " + row[1]);
    }
    const std::string& kind = row[0];
    std::int64_t* slot = kind == "+nodes"           ? &effects.nodes_added
                         : kind == "-nodes"         ? &effects.nodes_removed
                         : kind == "+relationships" ? &effects.relationships_added
                         : kind == "-relationships" ? &effects.relationships_removed
                         : kind == "+labels"        ? &effects.labels_added
                         : kind == "-labels"        ? &effects.labels_removed
                         : kind == "+properties"    ? &effects.properties_added
                         : kind == "-properties"    ? &effects.properties_removed
                                                    : nullptr;
    if (slot == nullptr) throw std::invalid_argument("unknown side effect: " + kind);
    *slot = count;
  }
  return effects;
}

std::string FormatSideEffects(const SideEffects& effects) {
  std::string out;
  auto add = [&](const char* name, std::int64_t count) {
    if (count == 0) return;
    if (!out.empty()) out += ", ";
    out += std::string(name) + " " + std::to_string(count);
  };
  add("+nodes", effects.nodes_added);
  add("-nodes", effects.nodes_removed);
  add("+relationships", effects.relationships_added);
  add("-relationships", effects.relationships_removed);
  add("+labels", effects.labels_added);
  add("-labels", effects.labels_removed);
  add("+properties", effects.properties_added);
  add("-properties", effects.properties_removed);
  return out.empty() ? "none" : out;
}

}  // namespace sutra::cypher::tck
