#include "rpc/query_json.h"

#include <nlohmann/json.hpp>

namespace sutra::rpc {
namespace {

using cypher::ElementId;
using cypher::QueryGraph;
using cypher::Value;
using cypher::ValueKind;

nlohmann::json ToJson(const Value& value, const QueryGraph& graph);

nlohmann::json MapJson(const cypher::Map& map, const QueryGraph& graph) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : map) out[key] = ToJson(value, graph);
  return out;
}

nlohmann::json NodeJson(ElementId id, const QueryGraph& graph) {
  nlohmann::json labels = nlohmann::json::array();
  for (cypher::Token label : graph.NodeLabels(id)) labels.push_back(graph.LabelName(label));
  return {{"id", id},
          {"labels", std::move(labels)},
          {"properties", MapJson(graph.NodeProperties(id), graph)}};
}

nlohmann::json RelationshipJson(ElementId id, const QueryGraph& graph) {
  const cypher::RelationshipInfo info = graph.Relationship(id);
  return {{"id", id},
          {"type", graph.RelTypeName(info.type)},
          {"start", info.start},
          {"end", info.end},
          {"properties", MapJson(graph.RelProperties(id), graph)}};
}

nlohmann::json ToJson(const Value& value, const QueryGraph& graph) {
  switch (value.kind()) {
    case ValueKind::kNull:
      return nullptr;
    case ValueKind::kBool:
      return value.as_bool();
    case ValueKind::kInt:
      return value.as_int();
    case ValueKind::kFloat:
      return value.as_float();
    case ValueKind::kString:
      return value.as_string();
    case ValueKind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const Value& item : value.as_list()) out.push_back(ToJson(item, graph));
      return out;
    }
    case ValueKind::kMap:
      return MapJson(value.as_map(), graph);
    case ValueKind::kNode:
      return NodeJson(value.as_node().id, graph);
    case ValueKind::kRelationship:
      return RelationshipJson(value.as_rel().id, graph);
    case ValueKind::kPath: {
      nlohmann::json nodes = nlohmann::json::array();
      nlohmann::json rels = nlohmann::json::array();
      for (ElementId id : value.as_path().nodes) nodes.push_back(NodeJson(id, graph));
      for (ElementId id : value.as_path().rels) rels.push_back(RelationshipJson(id, graph));
      return {{"nodes", std::move(nodes)}, {"relationships", std::move(rels)}};
    }
  }
  return nullptr;
}

}  // namespace

std::string QueryRowJson(const cypher::List& row, const QueryGraph& graph) {
  nlohmann::json cells = nlohmann::json::array();
  for (const Value& value : row) cells.push_back(ToJson(value, graph));
  // Replace, not throw, on text that is not UTF-8: a stored name must not fail the answer.
  return cells.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sutra::rpc
