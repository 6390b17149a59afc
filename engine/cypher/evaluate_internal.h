// Private to the evaluator: the pieces shared by evaluate.cc (Evaluate dispatch, variables,
// parameters, properties, comprehensions, CASE, map projections, function calls) and
// evaluate_operators.cc (arithmetic, comparison, boolean, string and regex, IN, index and
// slice operators).
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/cypher/ast.h"
#include "engine/cypher/evaluate.h"
#include "engine/cypher/value.h"

namespace sutra::cypher::evaluate_internal {

// A null that outlives every evaluation, for EvalRef results that have no value to point into.
const Value& NullRef();

// Throws the TCK's TypeError InvalidArgumentType for an operand `what` cannot accept.
[[noreturn]] void TypeMismatch(std::string_view what, const Value& value);

// Evaluates `expr` and returns either a reference to a value that outlives this call (a bound
// variable, a literal, a parameter, or an element of one of those) or to `scratch`, which then
// holds the result. This keeps variable and property reads from copying strings and lists.
const Value& EvalRef(const Expr& expr, const EvalContext& context, Value& scratch);

// Property `key` of `base`; a reference into `base` when it is a map (moved out of
// `base_scratch` into `scratch` when `base` is that temporary).
const Value& PropertyOf(const Value& base, Value& base_scratch, std::string_view key,
                        const EvalContext& context, Value& scratch);

// --- Operators (evaluate_operators.cc) ------------------------------------------------------

// Three-valued logic: a boolean operand is true, false or null (unknown).
enum class Truth : std::uint8_t { kFalse, kTrue, kNull };

// The truth of an operand of `op`; a TypeError unless it is a boolean or null.
Truth ToTruth(const Value& value, std::string_view op);

// `list[index]` and `map[key]` (ExprKind::kIndex), by reference like EvalRef.
const Value& IndexRef(const Expr& expr, const EvalContext& context, Value& scratch);

// `list[from..to]` (ExprKind::kSlice).
Value Slice(const Expr& expr, const EvalContext& context);

// ExprKind::kBinary: AND/OR/XOR (short-circuiting), comparisons, arithmetic, IN, string
// predicates and regular expression match.
Value BinaryOperation(const Expr& expr, const EvalContext& context);

// ExprKind::kUnary: NOT, unary minus and plus.
Value UnaryOperation(const Expr& expr, const EvalContext& context);

}  // namespace sutra::cypher::evaluate_internal
