#include "engine/cli/query_output.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "engine/cypher/value_ops.h"

namespace sutra::cli {
namespace {

using cypher::QueryGraph;
using cypher::Value;

nlohmann::json PropertiesJson(const cypher::Map& properties, const QueryGraph& graph) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : properties) out[key] = CypherValueJson(value, graph);
  return out;
}

nlohmann::json NodeJson(cypher::ElementId id, const QueryGraph& graph) {
  nlohmann::json labels = nlohmann::json::array();
  for (cypher::Token label : graph.NodeLabels(id)) labels.push_back(graph.LabelName(label));
  return {{"id", id},
          {"labels", labels},
          {"properties", PropertiesJson(graph.NodeProperties(id), graph)}};
}

nlohmann::json RelationshipJson(cypher::ElementId id, const QueryGraph& graph) {
  const cypher::RelationshipInfo info = graph.Relationship(id);
  return {{"id", id},
          {"type", graph.RelTypeName(info.type)},
          {"start", info.start},
          {"end", info.end},
          {"properties", PropertiesJson(graph.RelProperties(id), graph)}};
}

}  // namespace

nlohmann::json CypherValueJson(const Value& value, const QueryGraph& graph) {
  switch (value.kind()) {
    case cypher::ValueKind::kNull:
      return nullptr;
    case cypher::ValueKind::kBool:
      return value.as_bool();
    case cypher::ValueKind::kInt:
      return value.as_int();
    case cypher::ValueKind::kFloat:
      return value.as_float();
    case cypher::ValueKind::kString:
      return value.as_string();
    case cypher::ValueKind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const Value& item : value.as_list()) out.push_back(CypherValueJson(item, graph));
      return out;
    }
    case cypher::ValueKind::kMap:
      return PropertiesJson(value.as_map(), graph);
    case cypher::ValueKind::kNode:
      return NodeJson(value.as_node().id, graph);
    case cypher::ValueKind::kRelationship:
      return RelationshipJson(value.as_rel().id, graph);
    case cypher::ValueKind::kPath: {
      nlohmann::json nodes = nlohmann::json::array(), rels = nlohmann::json::array();
      for (cypher::ElementId id : value.as_path().nodes) nodes.push_back(NodeJson(id, graph));
      for (cypher::ElementId id : value.as_path().rels) rels.push_back(RelationshipJson(id, graph));
      return {{"nodes", nodes}, {"relationships", rels}};
    }
  }
  return nullptr;
}

nlohmann::json QueryResultJson(const cypher::QueryResult& result, const QueryGraph& graph) {
  nlohmann::json rows = nlohmann::json::array();
  for (const cypher::List& row : result.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (const Value& v : row) cells.push_back(CypherValueJson(v, graph));
    rows.push_back(std::move(cells));
  }
  const cypher::QueryStats& s = result.stats;
  return {{"columns", result.columns},
          {"rows", rows},
          {"stats",
           {{"nodes_created", s.nodes_created},
            {"nodes_deleted", s.nodes_deleted},
            {"relationships_created", s.relationships_created},
            {"relationships_deleted", s.relationships_deleted},
            {"labels_added", s.labels_added},
            {"labels_removed", s.labels_removed},
            {"properties_set", s.properties_set}}}};
}

std::string StatsText(const cypher::QueryStats& stats) {
  const std::pair<const char*, std::int64_t> counts[] = {
      {"Nodes created", stats.nodes_created},
      {"Nodes deleted", stats.nodes_deleted},
      {"Relationships created", stats.relationships_created},
      {"Relationships deleted", stats.relationships_deleted},
      {"Labels added", stats.labels_added},
      {"Labels removed", stats.labels_removed},
      {"Properties set", stats.properties_set}};
  std::string out;
  for (const auto& [name, count] : counts) {
    if (count != 0) out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", name, count);
  }
  return out;
}

void PrintQueryResult(const cypher::QueryResult& result, const QueryGraph& graph, Format format,
                      std::ostream& out) {
  if (format == Format::kJson) {
    out << QueryResultJson(result, graph).dump(2) << "\n";
    return;
  }
  // Table and CSV print every value in its Cypher text form, through the house printer.
  OutputTable table{result.columns, {}};
  for (const cypher::List& row : result.rows) {
    std::vector<nlohmann::json> cells;
    for (const Value& v : row) cells.emplace_back(cypher::FormatValue(v, graph));
    table.rows.push_back(std::move(cells));
  }
  if (format == Format::kCsv) {
    Print(table, Format::kCsv, out);
    return;
  }
  if (!table.columns.empty()) Print(table, Format::kTable, out);
  const std::size_t n = result.rows.size();
  out << fmt::format("({} row{})", n, n == 1 ? "" : "s");
  if (std::string stats = StatsText(result.stats); !stats.empty()) out << " " << stats;
  out << "\n";
}

std::string DescribeCypherError(const cypher::CypherError& error, std::string_view query) {
  std::string out = fmt::format("{} ({})", cypher::ErrorTypeName(error.type()), error.detail());
  if (error.line() > 0) out += fmt::format(" at {}:{}", error.line(), error.column());
  out += ": " + error.message() + "\n";
  if (error.line() <= 0) return out;
  // The offending line of the query, with a caret under the column (columns count code points).
  std::size_t start = 0;
  for (int line = 1; line < error.line() && start != std::string_view::npos; ++line) {
    start = query.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start > query.size()) return out;
  std::string_view text = query.substr(start, query.find('\n', start) - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  std::string indent;
  std::size_t column = 1, i = 0;
  while (i < text.size() && column < static_cast<std::size_t>(error.column())) {
    // Tabs stay tabs so the caret lines up under them.
    indent += text[i] == '\t' ? '\t' : ' ';
    ++i;
    while (i < text.size() && (text[i] & 0xC0) == 0x80) ++i;
    ++column;
  }
  out += fmt::format("  {}\n  {}^\n", text, indent);
  return out;
}

}  // namespace sutra::cli
