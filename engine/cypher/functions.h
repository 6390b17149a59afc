// Cypher's scalar and aggregate functions. Names are case-insensitive (`toUpper`, `TOUPPER`).
// Thread-safe; aggregators are per-group objects used by one thread.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "engine/cypher/ast.h"
#include "engine/cypher/evaluate.h"
#include "engine/cypher/value.h"

namespace sutra::cypher {

// The number of arguments a known scalar or aggregate function accepts, or nullopt when the
// function is unknown. For the binder: unknown -> SyntaxError UnknownFunction, wrong count ->
// SyntaxError InvalidNumberOfArguments.
struct Arity {
  int min = 0;
  int max = 0;  // -1: unbounded (coalesce)
};
std::optional<Arity> FunctionArity(std::string_view name);

// count, sum, avg, min, max, collect, stDev, stDevP, percentileCont, percentileDisc.
bool IsAggregateFunction(std::string_view name);

// Calls a scalar function on evaluated arguments (the binder has checked the name and arity).
// Raises TypeError InvalidArgumentType / ArgumentError NumberOutOfRange ... on bad arguments.
Value CallScalarFunction(std::string_view name, std::span<const Value> args, const EvalEnv& env);

// One group's running aggregate. Add receives the call's evaluated arguments for one row
// (empty for count(*)); DISTINCT (Expr::distinct) is applied by the aggregator itself.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual void Add(std::span<const Value> args) = 0;
  virtual Value Result() const = 0;
};
// For a kFunction naming an aggregate, or kCountStar.
std::unique_ptr<Aggregator> MakeAggregator(const Expr& call);

}  // namespace sutra::cypher
