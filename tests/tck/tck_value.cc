// Printing, canonical comparison and resolution of TCK values (tck_value.h); the parser is in
// tck_value_parse.cc.
#include "tests/tck/tck_value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace sutra::cypher::tck {
namespace {

using Kind = TckValue::Kind;

// The shortest text that reads back as the same double, with a '.' or exponent so that it
// never reads as an integer.
std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, d);
  std::string text(buffer, end);
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

std::string FormatEntries(const std::vector<std::pair<std::string, TckValue>>& entries,
                          std::string (*format)(const TckValue&, bool), bool flag) {
  std::string out = "{";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ", ";
    out += entries[i].first + ": " + format(entries[i].second, flag);
  }
  return out + "}";
}

// One function prints both forms: `canonical` sorts list elements when `ignore_order` and marks
// kinds so that 1 and 1.0 never print alike; otherwise it prints the TCK's form.
std::string Render(const TckValue& value, bool canonical, bool ignore_order);

std::string RenderDisplay(const TckValue& value, bool /*unused*/) {
  return Render(value, false, false);
}
std::string RenderCanonical(const TckValue& value, bool ignore_order) {
  return Render(value, true, ignore_order);
}

std::string RenderNodeOrRel(const TckValue& value, bool canonical, bool ignore_order) {
  auto format = canonical ? RenderCanonical : RenderDisplay;
  std::string out;
  if (value.kind == Kind::kNode) {
    out = "(";
    if (value.deleted) out += "deleted node";
    for (const std::string& label : value.labels) out += ":" + label;
  } else {
    out = "[";
    if (value.deleted) out += "deleted relationship";
    out += ":" + value.text;
  }
  if (!value.entries.empty()) {
    if (out.size() > 1) out += " ";
    out += FormatEntries(value.entries, format, ignore_order);
  }
  out += value.kind == Kind::kNode ? ")" : "]";
  return out;
}

std::string Render(const TckValue& value, bool canonical, bool ignore_order) {
  switch (value.kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return value.boolean ? "true" : "false";
    case Kind::kInt:
      return std::to_string(value.integer);
    case Kind::kFloat:
      // -0.0 + 0.0 is 0.0: the canonical form does not tell the two zeros apart.
      return canonical ? "f" + FormatFloat(value.number + 0.0) : FormatFloat(value.number);
    case Kind::kString:
      return Quote(value.text);
    case Kind::kList: {
      std::vector<std::string> items;
      for (const TckValue& item : value.items)
        items.push_back(Render(item, canonical, ignore_order));
      if (canonical && ignore_order) std::sort(items.begin(), items.end());
      std::string out = "[";
      for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
      return out + "]";
    }
    case Kind::kMap:
      return FormatEntries(value.entries, canonical ? RenderCanonical : RenderDisplay,
                           ignore_order);
    case Kind::kNode:
    case Kind::kRelationship:
      return RenderNodeOrRel(value, canonical, ignore_order);
    case Kind::kPath: {
      std::string out = "<";
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        const TckValue& item = value.items[i];
        if (item.kind != Kind::kRelationship) {
          out += RenderNodeOrRel(item, canonical, ignore_order);
          continue;
        }
        const std::string rel = RenderNodeOrRel(item, canonical, ignore_order);
        out += item.forward ? "-" + rel + "->" : "<-" + rel + "-";
      }
      return out + ">";
    }
  }
  return "?";
}

TckValue ResolveProperties(Kind kind, const Map& properties, const QueryGraph& graph) {
  TckValue out;
  out.kind = kind;
  for (const auto& [key, value] : properties) {
    out.entries.emplace_back(key, ResolveValue(value, graph));
  }
  return out;  // std::map iterates in key order: entries are sorted
}

TckValue ResolveNode(ElementId id, const QueryGraph& graph) {
  if (!graph.HasNode(id)) {
    TckValue node;
    node.kind = Kind::kNode;
    node.deleted = true;
    return node;
  }
  TckValue node = ResolveProperties(Kind::kNode, graph.NodeProperties(id), graph);
  for (Token label : graph.NodeLabels(id)) node.labels.emplace_back(graph.LabelName(label));
  std::sort(node.labels.begin(), node.labels.end());
  return node;
}

TckValue ResolveRelationship(ElementId id, const QueryGraph& graph) {
  if (!graph.HasRelationship(id)) {
    TckValue rel;
    rel.kind = Kind::kRelationship;
    rel.deleted = true;
    return rel;
  }
  TckValue rel = ResolveProperties(Kind::kRelationship, graph.RelProperties(id), graph);
  rel.text = std::string(graph.RelTypeName(graph.Relationship(id).type));
  return rel;
}

}  // namespace

std::string FormatTckValue(const TckValue& value) { return Render(value, false, false); }

std::string CanonicalForm(const TckValue& value, bool ignore_list_order) {
  return Render(value, true, ignore_list_order);
}

bool TckEqual(const TckValue& expected, const TckValue& actual, bool ignore_list_order) {
  return CanonicalForm(expected, ignore_list_order) == CanonicalForm(actual, ignore_list_order);
}

TckValue ResolveValue(const Value& value, const QueryGraph& graph) {
  TckValue out;
  switch (value.kind()) {
    case ValueKind::kNull:
      break;
    case ValueKind::kBool:
      out.kind = Kind::kBool;
      out.boolean = value.as_bool();
      break;
    case ValueKind::kInt:
      out.kind = Kind::kInt;
      out.integer = value.as_int();
      break;
    case ValueKind::kFloat:
      out.kind = Kind::kFloat;
      out.number = value.as_float();
      break;
    case ValueKind::kString:
      out.kind = Kind::kString;
      out.text = value.as_string();
      break;
    case ValueKind::kList:
      out.kind = Kind::kList;
      for (const Value& item : value.as_list()) out.items.push_back(ResolveValue(item, graph));
      break;
    case ValueKind::kMap:
      out = ResolveProperties(Kind::kMap, value.as_map(), graph);
      break;
    case ValueKind::kNode:
      out = ResolveNode(value.as_node().id, graph);
      break;
    case ValueKind::kRelationship:
      out = ResolveRelationship(value.as_rel().id, graph);
      break;
    case ValueKind::kPath: {
      const PathValue& path = value.as_path();
      out.kind = Kind::kPath;
      for (std::size_t i = 0; i < path.nodes.size(); ++i) {
        out.items.push_back(ResolveNode(path.nodes[i], graph));
        if (i >= path.rels.size()) continue;
        TckValue rel = ResolveRelationship(path.rels[i], graph);
        rel.forward = rel.deleted || graph.Relationship(path.rels[i]).start == path.nodes[i];
        out.items.push_back(std::move(rel));
      }
      break;
    }
  }
  return out;
}

Value ToEngineValue(const TckValue& value) {
  switch (value.kind) {
    case Kind::kNull:
      return Value();
    case Kind::kBool:
      return Value(value.boolean);
    case Kind::kInt:
      return Value(value.integer);
    case Kind::kFloat:
      return Value(value.number);
    case Kind::kString:
      return Value(value.text);
    case Kind::kList: {
      List list;
      for (const TckValue& item : value.items) list.push_back(ToEngineValue(item));
      return Value(std::move(list));
    }
    case Kind::kMap: {
      Map map;
      for (const auto& [key, item] : value.entries) map.emplace(key, ToEngineValue(item));
      return Value(std::move(map));
    }
    case Kind::kNode:
    case Kind::kRelationship:
    case Kind::kPath:
      break;
  }
  throw TckValueError("a node, relationship or path has no literal value: " +
                      FormatTckValue(value));
}

}  // namespace sutra::cypher::tck
