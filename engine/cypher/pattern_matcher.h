// Matching a MATCH / MERGE / pattern-expression pattern against a QueryGraph.
//
// The matcher enumerates every way the pattern's unbound variables can be bound so that the
// pattern holds, under openCypher's relationship isomorphism (no relationship is used twice in
// one match; nodes may repeat). Each comma-separated part starts from an anchor node: one already
// bound if there is one, otherwise the node with the most selective labels and properties
// (an index lookup when the graph has one), and extends along the chain in both directions.
// Variable-length relationships are explored depth-first within their bounds;
// shortestPath/allShortestPaths parts are answered by breadth-first search between their ends.
// A matcher is built per pattern and per scope and may be used for many rows; not thread-safe.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/cypher/ast.h"
#include "engine/cypher/evaluate.h"
#include "engine/cypher/value.h"

namespace sutra::cypher {

class PatternMatcher {
 public:
  // `is_bound(name)` says which of the pattern's variables the caller's scope already binds;
  // those are read from the `outer` context of each Match call and checked, the rest are new.
  PatternMatcher(const Pattern& pattern, const EvalEnv& env,
                 const std::function<bool(std::string_view)>& is_bound);

  // The variables a match binds, in order of first appearance in the pattern (node,
  // relationship and path variables that `is_bound` did not claim).
  const std::vector<std::string>& new_variables() const { return new_variables_; }

  // Calls `emit` with the values of new_variables() for each match; `emit` returns false to
  // stop early. Property maps in the pattern are evaluated in `outer` extended with the
  // variables bound so far.
  using Emit = std::function<bool(std::span<const Value> values)>;
  void Match(const EvalContext& outer, const Emit& emit) const;

  // True when at least one match exists (stops at the first).
  bool Exists(const EvalContext& outer) const;

  // Tells the matcher that the caller ignores how many times a binding occurs (the next
  // projection is DISTINCT, or every aggregate is DISTINCT). When the pattern is a single
  // anonymous variable-length relationship between two nodes, with no path variable, each end
  // node is then bound once (found by breadth-first search: a node other than the start lies
  // on a trail of 1..max relationships exactly when its distance is at most max) instead of
  // once per trail, which on a social graph is thousands of times fewer rows at 3 hops.
  void IgnoreMultiplicity();

  struct NodeStep {
    const NodePattern* pattern = nullptr;
    int slot = -1;               // index into new_variables(), -1 when anonymous or bound outside
    bool outer = false;          // bound in the caller's scope
    bool props_constant = true;  // the property map refers to no variable of this pattern
  };
  struct RelStep {
    const RelPattern* pattern = nullptr;
    int slot = -1;
    bool outer = false;
    bool props_constant = true;
  };
  struct PartPlan {
    const PatternPart* part = nullptr;
    std::vector<NodeStep> nodes;
    std::vector<RelStep> rels;
    int path_slot = -1;
  };

 private:
  class Run;

  const Pattern& pattern_;
  EvalEnv env_;
  std::vector<std::string> new_variables_;
  std::vector<PartPlan> parts_;
  bool distinct_endpoints_ = false;
};

// A context that adds bindings to another: `names[i]` is bound to `values[i]`; other names,
// aggregates and the environment come from `parent`.
class ExtendedContext final : public EvalContext {
 public:
  ExtendedContext(const EvalContext& parent, std::span<const std::string> names,
                  std::span<const Value> values)
      : parent_(parent), names_(names), values_(values) {}
  const Value* Lookup(std::string_view variable) const override;
  const Value* AggregateValue(const Expr& call) const override {
    return parent_.AggregateValue(call);
  }
  const EvalEnv& env() const override { return parent_.env(); }

 private:
  const EvalContext& parent_;
  std::span<const std::string> names_;
  std::span<const Value> values_;
};

}  // namespace sutra::cypher
