#include "engine/cypher/pattern_matcher.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "engine/cypher/errors.h"
#include "engine/cypher/shortest_paths.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {

const Value* ExtendedContext::Lookup(std::string_view variable) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == variable) return &values_[i];
  }
  return parent_.Lookup(variable);
}

namespace {

// Collects the variable names an expression refers to (conservatively: every kVariable and
// map-projection base anywhere in the tree).
void CollectVariables(const Expr* expr, std::vector<std::string>& out) {
  if (expr == nullptr) return;
  if (expr->kind == ExprKind::kVariable || expr->kind == ExprKind::kMapProjection) {
    out.push_back(expr->name);
  }
  for (const auto& arg : expr->args) CollectVariables(arg.get(), out);
  for (const auto& [when, then] : expr->whens) {
    CollectVariables(when.get(), out);
    CollectVariables(then.get(), out);
  }
  CollectVariables(expr->else_expr.get(), out);
  CollectVariables(expr->where.get(), out);
  CollectVariables(expr->projection.get(), out);
  for (const auto& item : expr->map_items) {
    if (item.kind == MapProjectionItem::Kind::kVariable) out.push_back(item.key);
    CollectVariables(item.value.get(), out);
  }
}

ExpandDirection StepDirection(RelDirection direction, bool rightward) {
  switch (direction) {
    case RelDirection::kRight:
      return rightward ? ExpandDirection::kOutgoing : ExpandDirection::kIncoming;
    case RelDirection::kLeft:
      return rightward ? ExpandDirection::kIncoming : ExpandDirection::kOutgoing;
    case RelDirection::kBoth:
      break;
  }
  return ExpandDirection::kBoth;
}

}  // namespace

PatternMatcher::PatternMatcher(const Pattern& pattern, const EvalEnv& env,
                               const std::function<bool(std::string_view)>& is_bound)
    : pattern_(pattern), env_(env) {
  auto slot_of = [&](const std::string& name, bool& outer) -> int {
    outer = false;
    if (name.empty()) return -1;
    auto it = std::find(new_variables_.begin(), new_variables_.end(), name);
    if (it != new_variables_.end()) return static_cast<int>(it - new_variables_.begin());
    if (is_bound(name)) {
      outer = true;
      return -1;
    }
    new_variables_.push_back(name);
    return static_cast<int>(new_variables_.size() - 1);
  };
  for (const PatternPart& part : pattern.parts) {
    PartPlan plan;
    plan.part = &part;
    for (std::size_t i = 0; i < part.nodes.size(); ++i) {
      NodeStep node;
      node.pattern = &part.nodes[i];
      node.slot = slot_of(part.nodes[i].variable, node.outer);
      plan.nodes.push_back(node);
      if (i < part.rels.size()) {
        RelStep rel;
        rel.pattern = &part.rels[i];
        rel.slot = slot_of(part.rels[i].variable, rel.outer);
        plan.rels.push_back(rel);
      }
    }
    if (!part.path_variable.empty()) {
      bool outer = false;
      plan.path_slot = slot_of(part.path_variable, outer);
    }
    parts_.push_back(std::move(plan));
  }
  // A property map that mentions a variable of this pattern must be evaluated as the match
  // proceeds; the others are evaluated once per Match call.
  for (PartPlan& plan : parts_) {
    auto refers_to_new = [&](const ExprPtr& props) {
      std::vector<std::string> names;
      CollectVariables(props.get(), names);
      return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
        return std::find(new_variables_.begin(), new_variables_.end(), n) != new_variables_.end();
      });
    };
    for (NodeStep& node : plan.nodes)
      node.props_constant = !refers_to_new(node.pattern->properties);
    for (RelStep& rel : plan.rels) rel.props_constant = !refers_to_new(rel.pattern->properties);
  }
}

// The state of one Match call: the bindings made so far, the relationships in use and, per
// part, the node and relationship ids along its chain.
class PatternMatcher::Run final : public EvalContext {
 public:
  Run(const PatternMatcher& matcher, const EvalContext& outer, const Emit& emit)
      : m_(matcher), outer_(outer), emit_(emit), graph_(*matcher.env_.graph) {
    slots_.resize(m_.new_variables_.size());
    assigned_.assign(m_.new_variables_.size(), 0);
    parts_.resize(m_.parts_.size());
    for (std::size_t p = 0; p < m_.parts_.size(); ++p) {
      const PartPlan& plan = m_.parts_[p];
      PartState& state = parts_[p];
      state.node_ids.assign(plan.nodes.size(), 0);
      state.rel_ids.assign(plan.rels.size(), {});
      for (const NodeStep& node : plan.nodes) {
        ResolvedNode resolved;
        for (const std::string& label : node.pattern->labels) {
          auto token = graph_.FindLabel(label);
          if (!token)
            impossible_ = true;  // a label no node has: nothing can match
          else
            resolved.labels.push_back(*token);
        }
        if (node.outer) {
          const Value* value = outer_.Lookup(node.pattern->variable);
          if (value == nullptr || !value->is_node())
            impossible_ = true;
          else
            resolved.bound = value->as_node().id;
        }
        if (node.pattern->properties && node.props_constant) {
          resolved.props = EvaluateProps(*node.pattern->properties, outer_);
          if (resolved.props.has_value() && HasNullValue(*resolved.props)) impossible_ = true;
        }
        state.nodes.push_back(std::move(resolved));
      }
      for (const RelStep& rel : plan.rels) {
        ResolvedRel resolved;
        for (const std::string& type : rel.pattern->types) {
          if (auto token = graph_.FindRelType(type)) resolved.types.push_back(*token);
        }
        // [:A|B] where the graph knows neither type: nothing can match.
        if (!rel.pattern->types.empty() && resolved.types.empty()) impossible_ = true;
        if (rel.outer) {
          resolved.bound_value = outer_.Lookup(rel.pattern->variable);
          if (resolved.bound_value == nullptr || resolved.bound_value->is_null()) {
            impossible_ = true;
          }
        }
        if (rel.pattern->properties && rel.props_constant) {
          resolved.props = EvaluateProps(*rel.pattern->properties, outer_);
          if (resolved.props.has_value() && HasNullValue(*resolved.props)) impossible_ = true;
        }
        state.rels.push_back(std::move(resolved));
      }
    }
  }

  void Go() {
    if (!impossible_) MatchPart(0);
  }

  // EvalContext: the pattern's own bindings so far, then the caller's scope.
  const Value* Lookup(std::string_view variable) const override {
    for (std::size_t i = 0; i < m_.new_variables_.size(); ++i) {
      if (assigned_[i] && m_.new_variables_[i] == variable) return &slots_[i];
    }
    return outer_.Lookup(variable);
  }
  const Value* AggregateValue(const Expr& call) const override {
    return outer_.AggregateValue(call);
  }
  const EvalEnv& env() const override { return outer_.env(); }

 private:
  struct ResolvedNode {
    std::vector<Token> labels;
    std::optional<ElementId> bound;
    std::optional<Map> props;  // evaluated once when constant
  };
  struct ResolvedRel {
    std::vector<Token> types;
    const Value* bound_value = nullptr;
    std::optional<Map> props;
  };
  struct PartState {
    std::vector<ResolvedNode> nodes;
    std::vector<ResolvedRel> rels;
    std::vector<ElementId> node_ids;
    std::vector<std::vector<ElementId>> rel_ids;  // in pattern (left-to-right) order
    std::size_t anchor = 0;
  };

  static bool HasNullValue(const Map& map) {
    return std::any_of(map.begin(), map.end(), [](const auto& kv) { return kv.second.is_null(); });
  }

  std::optional<Map> EvaluateProps(const Expr& expr, const EvalContext& context) const {
    Value value = Evaluate(expr, context);
    if (value.is_null()) return Map{};
    if (!value.is_map()) {
      ThrowRuntime(
          ErrorType::kTypeError, "InvalidArgumentType",
          "a pattern's properties must be a map, not " + std::string(KindName(value.kind())));
    }
    return value.as_map();
  }

  const Map& PropsOf(const ExprPtr& expr, const std::optional<Map>& cached, Map& scratch) const {
    if (cached.has_value()) return *cached;
    auto evaluated = EvaluateProps(*expr, *this);
    scratch = evaluated ? std::move(*evaluated) : Map{};
    return scratch;
  }

  bool NodeFits(std::size_t p, std::size_t i, ElementId id) {
    const NodeStep& step = m_.parts_[p].nodes[i];
    const ResolvedNode& resolved = parts_[p].nodes[i];
    if (resolved.bound && *resolved.bound != id) return false;
    if (step.slot >= 0 && assigned_[step.slot]) {
      const Value& v = slots_[step.slot];
      if (!v.is_node() || v.as_node().id != id) return false;
    }
    for (Token label : resolved.labels) {
      if (!graph_.NodeHasLabel(id, label)) return false;
    }
    if (step.pattern->properties) {
      Map scratch;
      const Map& props = PropsOf(step.pattern->properties, resolved.props, scratch);
      for (const auto& [key, want] : props) {
        Value eq = Equals(graph_.NodeProperty(id, key), want);
        if (!eq.is_bool() || !eq.as_bool()) return false;
      }
    }
    return true;
  }

  bool RelFits(std::size_t p, std::size_t r, ElementId rel) {
    const RelStep& step = m_.parts_[p].rels[r];
    const ResolvedRel& resolved = parts_[p].rels[r];
    if (std::find(used_.begin(), used_.end(), rel) != used_.end()) return false;
    if (step.pattern->properties) {
      Map scratch;
      const Map& props = PropsOf(step.pattern->properties, resolved.props, scratch);
      for (const auto& [key, want] : props) {
        Value eq = Equals(graph_.RelProperty(rel, key), want);
        if (!eq.is_bool() || !eq.as_bool()) return false;
      }
    }
    return true;
  }

  // Binds node i of part p to `id` (when it fits) and continues the chain.
  void TryNode(std::size_t p, std::size_t i, ElementId id, bool rightward) {
    if (stop_ || !NodeFits(p, i, id)) return;
    const NodeStep& step = m_.parts_[p].nodes[i];
    bool assign = step.slot >= 0 && !assigned_[step.slot];
    if (assign) {
      slots_[step.slot] = NodeRef{id};
      assigned_[step.slot] = 1;
    }
    parts_[p].node_ids[i] = id;
    if (rightward)
      ExtendRight(p, i);
    else
      ExtendLeft(p, i);
    if (assign) assigned_[step.slot] = 0;
  }

  void ExtendRight(std::size_t p, std::size_t i) {
    const PartPlan& plan = m_.parts_[p];
    if (i + 1 == plan.nodes.size()) {
      ExtendLeft(p, parts_[p].anchor);
      return;
    }
    ExpandRel(p, i, parts_[p].node_ids[i], true);
  }

  void ExtendLeft(std::size_t p, std::size_t i) {
    if (i == 0) {
      FinishPart(p);
      return;
    }
    ExpandRel(p, i - 1, parts_[p].node_ids[i], false);
  }

  // Follows relationship r of part p from node `from` (node r when rightward, node r + 1 when
  // leftward) to the next node of the chain.
  void ExpandRel(std::size_t p, std::size_t r, ElementId from, bool rightward) {
    const RelStep& step = m_.parts_[p].rels[r];
    const ResolvedRel& resolved = parts_[p].rels[r];
    std::size_t next = rightward ? r + 1 : r;
    ExpandDirection direction = StepDirection(step.pattern->direction, rightward);
    if (step.pattern->variable_length) {
      std::vector<ElementId> trail;
      VarLength(p, r, from, direction, rightward, trail);
      return;
    }
    graph_.Expand(from, direction, resolved.types, [&](const Adjacent& adj) {
      if (!RelFits(p, r, adj.rel) || !RelBindingFits(step, resolved, adj.rel)) return !stop_;
      bool assign = step.slot >= 0 && !assigned_[step.slot];
      if (assign) {
        slots_[step.slot] = RelRef{adj.rel};
        assigned_[step.slot] = 1;
      }
      used_.push_back(adj.rel);
      parts_[p].rel_ids[r].assign(1, adj.rel);
      TryNode(p, next, adj.other, rightward);
      used_.pop_back();
      if (assign) assigned_[step.slot] = 0;
      return !stop_;
    });
  }

  bool RelBindingFits(const RelStep& step, const ResolvedRel& resolved, ElementId rel) const {
    if (resolved.bound_value != nullptr) {
      return resolved.bound_value->is_rel() && resolved.bound_value->as_rel().id == rel;
    }
    if (step.slot >= 0 && assigned_[step.slot]) {
      const Value& v = slots_[step.slot];
      return v.is_rel() && v.as_rel().id == rel;
    }
    return true;
  }

  void VarLength(std::size_t p, std::size_t r, ElementId at, ExpandDirection direction,
                 bool rightward, std::vector<ElementId>& trail) {
    if (stop_) return;
    if (m_.distinct_endpoints_) {
      Reachable(p, r, at, direction, rightward);
      return;
    }
    const RelStep& step = m_.parts_[p].rels[r];
    const ResolvedRel& resolved = parts_[p].rels[r];
    std::int64_t depth = static_cast<std::int64_t>(trail.size());
    std::int64_t min_hops = step.pattern->min_hops.value_or(1);
    std::optional<std::int64_t> max_hops = step.pattern->max_hops;
    std::size_t next = rightward ? r + 1 : r;
    if (depth >= min_hops) {
      std::vector<ElementId>& ids = parts_[p].rel_ids[r];
      ids = trail;
      if (!rightward) std::reverse(ids.begin(), ids.end());
      List rels;
      if (step.slot >= 0 || resolved.bound_value != nullptr) {
        rels.reserve(ids.size());
        for (ElementId id : ids) rels.emplace_back(RelRef{id});
      }
      bool fits = true;
      if (resolved.bound_value != nullptr) fits = *resolved.bound_value == Value(rels);
      bool assign = false;
      if (fits && step.slot >= 0) {
        if (assigned_[step.slot]) {
          fits = slots_[step.slot] == Value(rels);
        } else {
          slots_[step.slot] = std::move(rels);
          assigned_[step.slot] = 1;
          assign = true;
        }
      }
      if (fits) TryNode(p, next, at, rightward);
      if (assign) assigned_[step.slot] = 0;
    }
    if (max_hops && depth >= *max_hops) return;
    graph_.Expand(at, direction, resolved.types, [&](const Adjacent& adj) {
      if (!RelFits(p, r, adj.rel)) return !stop_;
      used_.push_back(adj.rel);
      trail.push_back(adj.rel);
      VarLength(p, r, adj.other, direction, rightward, trail);
      trail.pop_back();
      used_.pop_back();
      return !stop_;
    });
  }

  // The distinct ends of trails of min..max relationships from `start` (IgnoreMultiplicity):
  // nodes at breadth-first distance 1..max, and `start` itself when min is 0 or a closed trail
  // of at most max relationships runs through it.
  void Reachable(std::size_t p, std::size_t r, ElementId start, ExpandDirection direction,
                 bool rightward) {
    const RelStep& step = m_.parts_[p].rels[r];
    const ResolvedRel& resolved = parts_[p].rels[r];
    std::int64_t max_hops = step.pattern->max_hops.value_or(INT64_MAX);
    std::size_t next = rightward ? r + 1 : r;
    std::unordered_set<ElementId> seen{start};
    std::vector<ElementId> frontier{start}, reached;
    for (std::int64_t depth = 1; depth <= max_hops && !frontier.empty(); ++depth) {
      std::vector<ElementId> following;
      for (ElementId v : frontier) {
        graph_.Expand(v, direction, resolved.types, [&](const Adjacent& adj) {
          if (RelFits(p, r, adj.rel) && seen.insert(adj.other).second) {
            following.push_back(adj.other);
            reached.push_back(adj.other);
          }
          return true;
        });
      }
      frontier = std::move(following);
    }
    bool start_too = step.pattern->min_hops.value_or(1) == 0;
    if (!start_too && max_hops >= 1) {
      std::vector<ElementId> trail;
      start_too = ClosedTrail(p, r, start, start, direction, max_hops, trail);
    }
    if (start_too) TryNode(p, next, start, rightward);
    for (ElementId v : reached) {
      if (stop_) return;
      TryNode(p, next, v, rightward);
    }
  }

  // Whether a trail of 1..budget more relationships leads from `at` back to `start`.
  bool ClosedTrail(std::size_t p, std::size_t r, ElementId start, ElementId at,
                   ExpandDirection direction, std::int64_t budget, std::vector<ElementId>& trail) {
    if (budget == 0) return false;
    bool found = false;
    graph_.Expand(at, direction, parts_[p].rels[r].types, [&](const Adjacent& adj) {
      if (!RelFits(p, r, adj.rel) ||
          std::find(trail.begin(), trail.end(), adj.rel) != trail.end()) {
        return true;
      }
      if (adj.other == start) {
        found = true;
        return false;
      }
      trail.push_back(adj.rel);
      found = ClosedTrail(p, r, start, adj.other, direction, budget - 1, trail);
      trail.pop_back();
      return !found;
    });
    return found;
  }

  void FinishPart(std::size_t p) {
    const PartPlan& plan = m_.parts_[p];
    bool assign = false;
    if (plan.path_slot >= 0) {
      slots_[plan.path_slot] = BuildPath(p);
      assigned_[plan.path_slot] = 1;
      assign = true;
    }
    MatchPart(p + 1);
    if (assign) assigned_[plan.path_slot] = 0;
  }

  PathValue BuildPath(std::size_t p) const {
    const PartState& state = parts_[p];
    PathValue path;
    path.nodes.push_back(state.node_ids[0]);
    for (std::size_t r = 0; r < state.rel_ids.size(); ++r) {
      for (ElementId rel : state.rel_ids[r]) {
        RelationshipInfo info = graph_.Relationship(rel);
        ElementId here = path.nodes.back();
        path.rels.push_back(rel);
        path.nodes.push_back(info.start == here ? info.end : info.start);
      }
    }
    return path;
  }

  // The anchor of a part: a node bound already, else the most selective pattern node.
  std::size_t ChooseAnchor(std::size_t p) const {
    const PartPlan& plan = m_.parts_[p];
    const PartState& state = parts_[p];
    for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
      const NodeStep& step = plan.nodes[i];
      if (state.nodes[i].bound || (step.slot >= 0 && assigned_[step.slot])) return i;
    }
    for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
      if (!state.nodes[i].labels.empty() && state.nodes[i].props &&
          !state.nodes[i].props->empty()) {
        return i;
      }
    }
    for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
      if (!state.nodes[i].labels.empty()) return i;
    }
    return 0;
  }

  void ForEachCandidate(std::size_t p, std::size_t i, const std::function<bool(ElementId)>& visit) {
    const NodeStep& step = m_.parts_[p].nodes[i];
    const ResolvedNode& resolved = parts_[p].nodes[i];
    if (resolved.bound) {
      if (graph_.HasNode(*resolved.bound)) visit(*resolved.bound);
      return;
    }
    if (step.slot >= 0 && assigned_[step.slot]) {
      visit(slots_[step.slot].as_node().id);
      return;
    }
    if (!resolved.labels.empty()) {
      if (resolved.props && !resolved.props->empty()) {
        const auto& [key, value] = *resolved.props->begin();
        if (graph_.FindNodesByProperty(resolved.labels[0], key, value, visit)) return;
      }
      graph_.ForEachNodeWithLabel(resolved.labels[0], visit);
      return;
    }
    graph_.ForEachNode(visit);
  }

  void MatchPart(std::size_t p) {
    if (stop_) return;
    if (p == m_.parts_.size()) {
      if (!emit_(slots_)) stop_ = true;
      return;
    }
    const PartPlan& plan = m_.parts_[p];
    if (plan.part->kind != PatternPart::Kind::kPlain) {
      MatchShortest(p);
      return;
    }
    std::size_t anchor = ChooseAnchor(p);
    parts_[p].anchor = anchor;
    ForEachCandidate(p, anchor, [&](ElementId id) {
      TryNode(p, anchor, id, true);
      return !stop_;
    });
  }

  // shortestPath / allShortestPaths between the two ends of a one-relationship part.
  void MatchShortest(std::size_t p) {
    const PartPlan& plan = m_.parts_[p];
    if (plan.nodes.size() != 2 || plan.rels.size() != 1) {
      ThrowSyntax("UnexpectedSyntax", "shortestPath needs a pattern of one relationship",
                  plan.part->pos.line, plan.part->pos.column);
    }
    std::vector<ElementId> starts, ends;
    ForEachCandidate(p, 0, [&](ElementId id) {
      if (NodeFits(p, 0, id)) starts.push_back(id);
      return true;
    });
    ForEachCandidate(p, 1, [&](ElementId id) {
      if (NodeFits(p, 1, id)) ends.push_back(id);
      return true;
    });
    for (ElementId start : starts) {
      for (ElementId end : ends) {
        if (stop_) return;
        for (std::vector<ElementId>& rels : ShortestPaths(p, start, end)) {
          if (stop_) return;
          BindShortest(p, start, end, std::move(rels));
        }
      }
    }
  }

  void BindShortest(std::size_t p, ElementId start, ElementId end, std::vector<ElementId> rels) {
    const PartPlan& plan = m_.parts_[p];
    std::vector<std::pair<int, Value>> assigned;
    auto bind = [&](int slot, Value value) {
      if (slot < 0) return true;
      if (assigned_[slot]) return slots_[slot] == value;
      slots_[slot] = std::move(value);
      assigned_[slot] = 1;
      assigned.emplace_back(slot, Value());
      return true;
    };
    List rel_list;
    for (ElementId rel : rels) rel_list.emplace_back(RelRef{rel});
    parts_[p].node_ids = {start, end};
    parts_[p].rel_ids = {rels};
    bool ok = bind(plan.nodes[0].slot, NodeRef{start}) && bind(plan.nodes[1].slot, NodeRef{end}) &&
              bind(plan.rels[0].slot, std::move(rel_list));
    if (ok) FinishPart(p);
    for (auto& [slot, unused] : assigned) assigned_[slot] = 0;
  }

  std::vector<std::vector<ElementId>> ShortestPaths(std::size_t p, ElementId start, ElementId end) {
    const PartPlan& plan = m_.parts_[p];
    const RelPattern& rel = *plan.rels[0].pattern;
    ShortestPathSearch search;
    search.direction = StepDirection(rel.direction, true);
    search.types = parts_[p].rels[0].types;
    search.min_hops = rel.variable_length ? rel.min_hops.value_or(1) : 1;
    search.max_hops = rel.variable_length ? rel.max_hops.value_or(INT64_MAX) : 1;
    search.all = plan.part->kind == PatternPart::Kind::kAllShortestPaths;
    search.rel_fits = [this, p](ElementId id) { return RelFits(p, 0, id); };
    return cypher::ShortestPaths(graph_, start, end, search);
  }

  const PatternMatcher& m_;
  const EvalContext& outer_;
  const Emit& emit_;
  const QueryGraph& graph_;
  std::vector<Value> slots_;
  std::vector<char> assigned_;
  std::vector<ElementId> used_;
  std::vector<PartState> parts_;
  bool impossible_ = false;
  bool stop_ = false;
};

void PatternMatcher::IgnoreMultiplicity() {
  if (parts_.size() != 1 || parts_[0].rels.size() != 1 || parts_[0].path_slot >= 0) return;
  const PartPlan& part = parts_[0];
  const RelPattern& rel = *part.rels[0].pattern;
  if (part.part->kind != PatternPart::Kind::kPlain || !rel.variable_length ||
      !rel.variable.empty() || rel.min_hops.value_or(1) > 1) {
    return;
  }
  distinct_endpoints_ = true;
}

void PatternMatcher::Match(const EvalContext& outer, const Emit& emit) const {
  Run run(*this, outer, emit);
  run.Go();
}

bool PatternMatcher::Exists(const EvalContext& outer) const {
  bool found = false;
  Match(outer, [&](std::span<const Value>) {
    found = true;
    return false;
  });
  return found;
}

}  // namespace sutra::cypher
