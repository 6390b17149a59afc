// The updating clauses: CREATE, MERGE, SET, REMOVE and [DETACH] DELETE.
#include <algorithm>
#include <functional>

#include "engine/cypher/errors.h"
#include "engine/cypher/executor.h"
#include "engine/cypher/pattern_matcher.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {

void CheckStorable(const Value& value) {
  auto scalar = [](const Value& v) {
    return v.is_bool() || v.is_int() || v.is_float() || v.is_string();
  };
  if (value.is_null() || scalar(value)) return;
  if (value.is_list()) {
    const List& list = value.as_list();
    bool ok = std::all_of(list.begin(), list.end(), [&](const Value& v) {
      return scalar(v) &&
             (v.kind() == list.front().kind() || (v.is_number() && list.front().is_number()));
    });
    if (ok) return;
  }
  ThrowRuntime(ErrorType::kTypeError, "InvalidPropertyType",
               std::string("a property cannot hold a ") + KindName(value.kind()) +
                   (value.is_list() ? " of mixed or non-scalar values" : ""));
}

namespace {

// Evaluates a pattern element's property map ({...} or $param) for creation.
Map CreationProperties(const ExprPtr& expr, const EvalContext& context) {
  if (!expr) return {};
  Value value = Evaluate(*expr, context);
  if (value.is_null()) return {};
  if (!value.is_map()) {
    ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType", "properties must be given as a map");
  }
  Map props;
  for (const auto& [key, v] : value.as_map()) {
    CheckStorable(v);
    if (!v.is_null()) props.emplace(key, v);
  }
  return props;
}

}  // namespace

void Executor::CreatePart(const PatternPart& part, std::vector<std::string>& names, List& values) {
  std::vector<ElementId> node_ids;
  std::vector<ElementId> rel_ids;
  auto bound = [&](const std::string& name) -> const Value* {
    if (name.empty()) return nullptr;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return &values[i];
    }
    return nullptr;
  };
  for (std::size_t i = 0; i < part.nodes.size(); ++i) {
    const NodePattern& node = part.nodes[i];
    if (const Value* existing = bound(node.variable)) {
      if (!existing->is_node()) {
        ThrowRuntime(ErrorType::kSemanticError, "VariableTypeConflict",
                     node.variable + " is not a node that CREATE can connect");
      }
      node_ids.push_back(existing->as_node().id);
    } else {
      RowContext context(env_, names, values);
      Map props = CreationProperties(node.properties, context);
      ElementId id = graph_.CreateNode(node.labels, props);
      ++stats_.nodes_created;
      stats_.labels_added += static_cast<std::int64_t>(node.labels.size());
      stats_.properties_set += static_cast<std::int64_t>(props.size());
      node_ids.push_back(id);
      if (!node.variable.empty()) {
        names.push_back(node.variable);
        values.push_back(NodeRef{id});
      }
    }
  }
  for (std::size_t i = 0; i < part.rels.size(); ++i) {
    const RelPattern& rel = part.rels[i];
    if (rel.types.size() != 1) {
      ThrowSyntax("NoSingleRelationshipType", "CREATE needs exactly one relationship type",
                  rel.pos.line, rel.pos.column);
    }
    RowContext context(env_, names, values);
    Map props = CreationProperties(rel.properties, context);
    ElementId from = node_ids[i];
    ElementId to = node_ids[i + 1];
    if (rel.direction == RelDirection::kLeft) std::swap(from, to);
    ElementId id = graph_.CreateRelationship(rel.types[0], from, to, props);
    ++stats_.relationships_created;
    stats_.properties_set += static_cast<std::int64_t>(props.size());
    rel_ids.push_back(id);
    if (!rel.variable.empty()) {
      names.push_back(rel.variable);
      values.push_back(RelRef{id});
    }
  }
  if (!part.path_variable.empty()) {
    names.push_back(part.path_variable);
    values.push_back(PathValue{node_ids, rel_ids});
  }
}

void Executor::RunCreate(const Clause& clause, Table& table) {
  std::vector<std::string> names_after = table.names;
  for (List& row : table.rows) {
    std::vector<std::string> names = table.names;
    for (const PatternPart& part : clause.pattern.parts) CreatePart(part, names, row);
    names_after = std::move(names);
  }
  if (table.rows.empty()) {
    // No rows: nothing is created, but the scope still gains the pattern's variables.
    for (const PatternPart& part : clause.pattern.parts) {
      for (const NodePattern& node : part.nodes) {
        if (!node.variable.empty() &&
            std::find(names_after.begin(), names_after.end(), node.variable) == names_after.end()) {
          names_after.push_back(node.variable);
        }
      }
      for (const RelPattern& rel : part.rels) {
        if (!rel.variable.empty()) names_after.push_back(rel.variable);
      }
      if (!part.path_variable.empty()) names_after.push_back(part.path_variable);
    }
  }
  table.names = std::move(names_after);
}

namespace {

// MERGE on a null property could never find what it creates: openCypher forbids it.
void CheckMergeProperties(const PatternPart& part, const EvalContext& context) {
  auto check = [&](const ExprPtr& props) {
    if (!props) return;
    Value value = Evaluate(*props, context);
    if (!value.is_map()) return;
    for (const auto& [key, v] : value.as_map()) {
      if (v.is_null()) {
        ThrowRuntime(ErrorType::kSemanticError, "MergeReadOwnWrites",
                     "MERGE cannot match or create a property " + key + " that is null");
      }
    }
  };
  for (const NodePattern& node : part.nodes) check(node.properties);
  for (const RelPattern& rel : part.rels) check(rel.properties);
}

}  // namespace

void Executor::RunMerge(const Clause& clause, Table& table) {
  const PatternPart& part = clause.pattern.parts.at(0);
  std::vector<std::string> names = table.names;
  std::vector<List> out;
  std::vector<std::string> added;
  for (const List& row : table.rows) {
    // The matcher is built per row: an earlier row may have created labels or types.
    PatternMatcher matcher(clause.pattern, env_,
                           [&](std::string_view name) { return table.Find(name) >= 0; });
    added = matcher.new_variables();
    RowContext outer(env_, table.names, row);
    CheckMergeProperties(part, outer);
    std::vector<List> matches;
    matcher.Match(outer, [&](std::span<const Value> values) {
      List extended = row;
      extended.insert(extended.end(), values.begin(), values.end());
      matches.push_back(std::move(extended));
      return true;
    });
    std::vector<std::string> row_names = table.names;
    row_names.insert(row_names.end(), added.begin(), added.end());
    if (!matches.empty()) {
      for (List& match : matches) {
        if (!clause.on_match.empty()) {
          RowContext context(env_, row_names, match);
          RunSetOnRow(clause.on_match, context);
        }
        out.push_back(std::move(match));
      }
      continue;
    }
    std::vector<std::string> created_names = table.names;
    List created = row;
    CreatePart(part, created_names, created);
    // Order the new values as the matcher would have bound them.
    List ordered = row;
    for (const std::string& name : added) {
      auto it = std::find(created_names.begin(), created_names.end(), name);
      ordered.push_back(it == created_names.end() ? Value() : created[it - created_names.begin()]);
    }
    if (!clause.on_create.empty()) {
      RowContext context(env_, row_names, ordered);
      RunSetOnRow(clause.on_create, context);
    }
    out.push_back(std::move(ordered));
  }
  if (table.rows.empty()) {
    PatternMatcher matcher(clause.pattern, env_,
                           [&](std::string_view name) { return table.Find(name) >= 0; });
    added = matcher.new_variables();
  }
  names.insert(names.end(), added.begin(), added.end());
  table.names = std::move(names);
  table.rows = std::move(out);
}

void Executor::SetProperty(const Value& target, const std::string& key, const Value& value) {
  CheckStorable(value);
  if (target.is_null()) return;
  if (target.is_node()) {
    if (!graph_.HasNode(target.as_node().id)) return;
    graph_.SetNodeProperty(target.as_node().id, key, value);
  } else if (target.is_rel()) {
    if (!graph_.HasRelationship(target.as_rel().id)) return;
    graph_.SetRelProperty(target.as_rel().id, key, value);
  } else {
    ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType",
                 std::string("cannot set a property on a ") + KindName(target.kind()));
  }
  ++stats_.properties_set;
}

void Executor::RunSetOnRow(const std::vector<SetItem>& items, const EvalContext& context) {
  for (const SetItem& item : items) {
    switch (item.kind) {
      case SetItem::Kind::kProperty: {
        Value target = Evaluate(*item.property->args.at(0), context);
        Value value = Evaluate(*item.value, context);
        SetProperty(target, item.property->name, value);
        break;
      }
      case SetItem::Kind::kReplaceAll:
      case SetItem::Kind::kMergeAll: {
        const Value* target = context.Lookup(item.variable);
        if (target == nullptr || target->is_null()) break;
        Value value = Evaluate(*item.value, context);
        Map props;
        if (value.is_node())
          props = graph_.NodeProperties(value.as_node().id);
        else if (value.is_rel())
          props = graph_.RelProperties(value.as_rel().id);
        else if (value.is_map())
          props = value.as_map();
        else if (!value.is_null()) {
          ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType",
                       "SET " + item.variable + " needs a map, a node or a relationship");
        }
        if (item.kind == SetItem::Kind::kReplaceAll) {
          Map current = target->is_node() ? graph_.NodeProperties(target->as_node().id)
                                          : graph_.RelProperties(target->as_rel().id);
          for (const auto& [key, unused] : current) {
            if (props.find(key) == props.end()) SetProperty(*target, key, Value());
          }
        }
        for (const auto& [key, v] : props) SetProperty(*target, key, v);
        break;
      }
      case SetItem::Kind::kLabels: {
        const Value* target = context.Lookup(item.variable);
        if (target == nullptr || target->is_null()) break;
        if (!target->is_node()) {
          ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType", "only nodes have labels");
        }
        for (const std::string& label : item.labels) {
          auto token = graph_.FindLabel(label);
          if (token && graph_.NodeHasLabel(target->as_node().id, *token)) continue;
          graph_.AddLabel(target->as_node().id, label);
          ++stats_.labels_added;
        }
        break;
      }
    }
  }
}

void Executor::RunSet(const std::vector<SetItem>& items, const Table& table) {
  for (const List& row : table.rows) {
    RowContext context(env_, table.names, row);
    RunSetOnRow(items, context);
  }
}

void Executor::RunRemove(const Clause& clause, const Table& table) {
  for (const List& row : table.rows) {
    RowContext context(env_, table.names, row);
    for (const RemoveItem& item : clause.remove_items) {
      if (item.kind == RemoveItem::Kind::kProperty) {
        Value target = Evaluate(*item.property->args.at(0), context);
        if (target.is_null()) continue;
        bool had = target.is_node()
                       ? !graph_.NodeProperty(target.as_node().id, item.property->name).is_null()
                   : target.is_rel()
                       ? !graph_.RelProperty(target.as_rel().id, item.property->name).is_null()
                       : false;
        if (had) SetProperty(target, item.property->name, Value());
        continue;
      }
      const Value* target = context.Lookup(item.variable);
      if (target == nullptr || target->is_null()) continue;
      if (!target->is_node()) {
        ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType", "only nodes have labels");
      }
      for (const std::string& label : item.labels) {
        auto token = graph_.FindLabel(label);
        if (!token || !graph_.NodeHasLabel(target->as_node().id, *token)) continue;
        graph_.RemoveLabel(target->as_node().id, label);
        ++stats_.labels_removed;
      }
    }
  }
}

void Executor::DeleteValue(const Value& value, bool detach) {
  if (value.is_null()) return;
  if (value.is_rel()) {
    if (!graph_.HasRelationship(value.as_rel().id)) return;
    graph_.DeleteRelationship(value.as_rel().id);
    ++stats_.relationships_deleted;
    return;
  }
  if (value.is_node()) {
    ElementId node = value.as_node().id;
    if (!graph_.HasNode(node)) return;
    std::vector<ElementId> rels;
    graph_.Expand(node, ExpandDirection::kBoth, {}, [&](const Adjacent& adj) {
      rels.push_back(adj.rel);
      return true;
    });
    if (!rels.empty() && !detach) {
      ThrowRuntime(ErrorType::kConstraintVerificationFailed, "DeleteConnectedNode",
                   "cannot delete a node that still has relationships; use DETACH DELETE");
    }
    for (ElementId rel : rels) DeleteValue(RelRef{rel}, true);
    graph_.DeleteNode(node);
    ++stats_.nodes_deleted;
    return;
  }
  if (value.is_path()) {
    for (ElementId rel : value.as_path().rels) DeleteValue(RelRef{rel}, true);
    for (ElementId node : value.as_path().nodes) DeleteValue(NodeRef{node}, detach);
    return;
  }
  if (value.is_list()) {
    for (const Value& item : value.as_list()) DeleteValue(item, detach);
    return;
  }
  ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType",
               std::string("DELETE needs a node, a relationship or a path, not a ") +
                   KindName(value.kind()));
}

void Executor::RunDelete(const Clause& clause, const Table& table) {
  // Everything the clause names is collected first and relationships (paths' included) go
  // before nodes, so that `DELETE n, r` and two paths sharing nodes work without DETACH.
  std::vector<Value> nodes;
  std::vector<Value> rels;
  std::function<void(const Value&)> collect = [&](const Value& value) {
    if (value.is_node()) {
      nodes.push_back(value);
    } else if (value.is_path()) {
      for (ElementId rel : value.as_path().rels) rels.emplace_back(RelRef{rel});
      for (ElementId node : value.as_path().nodes) nodes.emplace_back(NodeRef{node});
    } else if (value.is_list()) {
      for (const Value& item : value.as_list()) collect(item);
    } else {
      rels.push_back(value);  // a relationship, null (ignored) or a type error
    }
  };
  for (const List& row : table.rows) {
    RowContext context(env_, table.names, row);
    for (const ExprPtr& expr : clause.exprs) collect(Evaluate(*expr, context));
  }
  for (const Value& rel : rels) DeleteValue(rel, clause.detach);
  for (const Value& node : nodes) DeleteValue(node, clause.detach);
}

}  // namespace sutra::cypher
