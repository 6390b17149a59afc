// Evaluation of Cypher expressions against one row of variable bindings.
//
// The executor (executor.h) owns rows, patterns and aggregation; the evaluator owns operators,
// functions, comprehensions, CASE, quantifiers and property access. They meet in EvalContext:
// the executor implements it for its rows, and the evaluator wraps it to bind the local
// variables of comprehensions, quantifiers and reduce. Errors are thrown as CypherError
// (errors.h) with the TCK's type and detail, at runtime phase.
#pragma once

#include <string_view>

#include "engine/cypher/ast.h"
#include "engine/cypher/query_graph.h"
#include "engine/cypher/value.h"

namespace sutra::cypher {

class EvalContext;

// What the evaluator cannot compute alone: pattern expressions need the executor's matcher.
class PatternEvaluator {
 public:
  virtual ~PatternEvaluator() = default;
  // kPatternPredicate and kExists: a boolean; kPatternComprehension: a list. `scope` provides
  // the variables bound where the expression appears.
  virtual Value EvaluatePattern(const Expr& expr, const EvalContext& scope) const = 0;
};

// The query-wide environment of an evaluation.
struct EvalEnv {
  const QueryGraph* graph = nullptr;
  const Map* parameters = nullptr;
  const PatternEvaluator* patterns = nullptr;  // null: pattern expressions are an error
};

class EvalContext {
 public:
  virtual ~EvalContext() = default;
  // The value bound to `variable`, or nullptr when the variable is not in scope.
  virtual const Value* Lookup(std::string_view variable) const = 0;
  // The value of an aggregate call (a kFunction naming an aggregate, or kCountStar) that the
  // executor computed for the current group, or nullptr outside aggregation.
  virtual const Value* AggregateValue(const Expr& /*call*/) const { return nullptr; }
  virtual const EvalEnv& env() const = 0;
};

// Evaluates `expr` in `context`. Variables not in scope raise SyntaxError UndefinedVariable
// (the binder normally catches these before execution); parameters not supplied raise
// ParameterMissing.
Value Evaluate(const Expr& expr, const EvalContext& context);

// Cypher truthiness for WHERE: true only for boolean true (null and false filter the row out);
// a non-boolean raises TypeError InvalidArgumentType.
bool IsTrue(const Value& predicate);

}  // namespace sutra::cypher
