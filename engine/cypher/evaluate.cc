// The expression evaluator: Evaluate dispatches on the expression kind; this file holds
// variables, parameters, literals, property access, list and map literals, comprehensions,
// quantifiers, reduce, CASE, label checks, map projections and function calls. Operators
// (arithmetic, comparison, boolean, string/regex, IN, index, slice) are in
// evaluate_operators.cc; the declarations both share are in evaluate_internal.h.
#include "engine/cypher/evaluate.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "engine/cypher/errors.h"
#include "engine/cypher/evaluate_internal.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher::evaluate_internal {

const Value& NullRef() {
  static const Value kNull;
  return kNull;
}

[[noreturn]] void TypeMismatch(std::string_view what, const Value& value) {
  ThrowRuntime(
      ErrorType::kTypeError, "InvalidArgumentType",
      std::string(what) + " cannot be applied to a value of type " + KindName(value.kind()));
}

namespace {

// A context that binds one local variable (of a list comprehension, quantifier or reduce) and
// delegates everything else to the enclosing context. The bound value is held by pointer so
// iterating a list does not copy its elements.
class LocalScope final : public EvalContext {
 public:
  LocalScope(const EvalContext& outer, std::string_view name) : outer_(outer), name_(name) {}
  void Bind(const Value* value) { value_ = value; }
  const Value* Lookup(std::string_view variable) const override {
    if (variable == name_) return value_;
    return outer_.Lookup(variable);
  }
  const Value* AggregateValue(const Expr& call) const override {
    return outer_.AggregateValue(call);
  }
  const EvalEnv& env() const override { return outer_.env(); }

 private:
  const EvalContext& outer_;
  std::string_view name_;
  const Value* value_ = &NullRef();
};

const QueryGraph& GraphOf(const EvalContext& context) {
  const QueryGraph* graph = context.env().graph;
  if (graph == nullptr) {
    ThrowRuntime(ErrorType::kSemanticError, "NoGraph",
                 "a node or relationship was evaluated without a graph");
  }
  return *graph;
}

}  // namespace

// --- Property access ----------------------------------------------------------------------

const Value& PropertyOf(const Value& base, Value& base_scratch, std::string_view key,
                        const EvalContext& context, Value& scratch) {
  switch (base.kind()) {
    case ValueKind::kNull:
      return NullRef();
    case ValueKind::kNode:
      scratch = GraphOf(context).NodeProperty(base.as_node().id, key);
      return scratch;
    case ValueKind::kRelationship:
      scratch = GraphOf(context).RelProperty(base.as_rel().id, key);
      return scratch;
    case ValueKind::kMap: {
      const Map& map = base.as_map();
      auto it = map.find(key);
      if (it == map.end()) return NullRef();
      if (&base != &base_scratch) return it->second;
      scratch = std::move(base_scratch.as_map().find(key)->second);
      return scratch;
    }
    default:
      TypeMismatch("property access", base);
  }
}

namespace {

// --- Comprehensions, quantifiers, reduce ----------------------------------------------------

// The list a comprehension iterates, or nullptr when it is null (the result is then null).
const List* IterationList(const Expr& expr, const EvalContext& context, Value& scratch) {
  const Value& list = EvalRef(*expr.args[0], context, scratch);
  if (list.is_null()) return nullptr;
  if (!list.is_list()) TypeMismatch("iteration", list);
  return &list.as_list();
}

Value ListComprehension(const Expr& expr, const EvalContext& context) {
  Value scratch;
  const List* items = IterationList(expr, context, scratch);
  if (items == nullptr) return Value();
  LocalScope scope(context, expr.name);
  List out;
  out.reserve(items->size());
  for (const Value& item : *items) {
    scope.Bind(&item);
    if (expr.where && !IsTrue(Evaluate(*expr.where, scope))) continue;
    out.push_back(expr.projection ? Evaluate(*expr.projection, scope) : item);
  }
  return Value(std::move(out));
}

Value Quantified(const Expr& expr, const EvalContext& context) {
  Value scratch;
  const List* items = IterationList(expr, context, scratch);
  if (items == nullptr) return Value();
  LocalScope scope(context, expr.name);
  bool unknown = false;
  std::size_t matches = 0;
  for (const Value& item : *items) {
    scope.Bind(&item);
    Value holds_scratch;
    const Value& holds = expr.where ? EvalRef(*expr.where, scope, holds_scratch) : item;
    const Truth t = ToTruth(holds, "a quantifier predicate");
    if (t == Truth::kNull) {
      unknown = true;
      continue;
    }
    const bool is_true = t == Truth::kTrue;
    switch (expr.quantifier) {
      case Quantifier::kAll:
        if (!is_true) return Value(false);
        break;
      case Quantifier::kAny:
        if (is_true) return Value(true);
        break;
      case Quantifier::kNone:
        if (is_true) return Value(false);
        break;
      case Quantifier::kSingle:
        if (is_true && ++matches > 1) return Value(false);
        break;
    }
  }
  if (unknown) return Value();
  switch (expr.quantifier) {
    case Quantifier::kAll:
    case Quantifier::kNone:
      return Value(true);
    case Quantifier::kAny:
      return Value(false);
    case Quantifier::kSingle:
      return Value(matches == 1);
  }
  return Value();
}

Value Reduce(const Expr& expr, const EvalContext& context) {
  Value accumulator = Evaluate(*expr.args[1], context);
  Value scratch;
  const List* items = IterationList(expr, context, scratch);
  if (items == nullptr) return Value();
  // ast.h does not name the field that holds the accumulator's name: keys[0] is read first,
  // path_name as a fallback.
  const std::string_view accumulator_name =
      !expr.keys.empty() ? std::string_view(expr.keys[0]) : std::string_view(expr.path_name);
  LocalScope with_accumulator(context, accumulator_name);
  LocalScope scope(with_accumulator, expr.name);
  for (const Value& item : *items) {
    with_accumulator.Bind(&accumulator);
    scope.Bind(&item);
    Value next = Evaluate(*expr.projection, scope);
    accumulator = std::move(next);
  }
  return accumulator;
}

// --- Other expressions --------------------------------------------------------------------

Value CaseOf(const Expr& expr, const EvalContext& context) {
  if (!expr.args.empty()) {
    Value subject_scratch;
    const Value& subject = EvalRef(*expr.args[0], context, subject_scratch);
    for (const auto& [when, then] : expr.whens) {
      Value candidate_scratch;
      const Value eq = Equals(subject, EvalRef(*when, context, candidate_scratch));
      if (eq.is_bool() && eq.as_bool()) return Evaluate(*then, context);
    }
  } else {
    for (const auto& [when, then] : expr.whens) {
      Value condition_scratch;
      if (IsTrue(EvalRef(*when, context, condition_scratch))) return Evaluate(*then, context);
    }
  }
  return expr.else_expr ? Evaluate(*expr.else_expr, context) : Value();
}

Value LabelCheck(const Expr& expr, const EvalContext& context) {
  Value scratch;
  const Value& subject = EvalRef(*expr.args[0], context, scratch);
  if (subject.is_null()) return Value();
  const QueryGraph& graph = GraphOf(context);
  if (subject.is_node()) {
    for (const std::string& label : expr.labels) {
      const std::optional<Token> token = graph.FindLabel(label);
      if (!token || !graph.NodeHasLabel(subject.as_node().id, *token)) return Value(false);
    }
    return Value(true);
  }
  if (subject.is_rel()) {  // r:T holds when every listed name is the relationship's type
    const std::string_view type = graph.RelTypeName(graph.Relationship(subject.as_rel().id).type);
    for (const std::string& label : expr.labels) {
      if (label != type) return Value(false);
    }
    return Value(true);
  }
  TypeMismatch("a label check", subject);
}

Value MapProjection(const Expr& expr, const EvalContext& context) {
  const Value* subject = context.Lookup(expr.name);
  if (subject == nullptr) {
    ThrowSyntax("UndefinedVariable", "Variable `" + expr.name + "` not defined", expr.pos.line,
                expr.pos.column);
  }
  if (subject->is_null()) return Value();
  if (!subject->is_map() && !subject->is_node() && !subject->is_rel()) {
    TypeMismatch("a map projection", *subject);
  }
  Map out;
  for (const MapProjectionItem& item : expr.map_items) {
    switch (item.kind) {
      case MapProjectionItem::Kind::kProperty: {
        Value unused;
        Value scratch;
        out.insert_or_assign(item.key, PropertyOf(*subject, unused, item.key, context, scratch));
        break;
      }
      case MapProjectionItem::Kind::kLiteralEntry:
        out.insert_or_assign(item.key, Evaluate(*item.value, context));
        break;
      case MapProjectionItem::Kind::kAllProperties: {
        Map all = subject->is_map()    ? subject->as_map()
                  : subject->is_node() ? GraphOf(context).NodeProperties(subject->as_node().id)
                                       : GraphOf(context).RelProperties(subject->as_rel().id);
        for (auto& [key, value] : all) out.insert_or_assign(key, std::move(value));
        break;
      }
      case MapProjectionItem::Kind::kVariable: {
        const Value* bound = context.Lookup(item.key);
        if (bound == nullptr) {
          ThrowSyntax("UndefinedVariable", "Variable `" + item.key + "` not defined", expr.pos.line,
                      expr.pos.column);
        }
        out.insert_or_assign(item.key, *bound);
        break;
      }
    }
  }
  return Value(std::move(out));
}

Value FunctionCall(const Expr& expr, const EvalContext& context) {
  if (IsAggregateFunction(expr.name)) {
    const Value* value = context.AggregateValue(expr);
    if (value == nullptr) {
      ThrowSyntax("InvalidAggregation", "aggregate " + expr.name + "(...) used outside aggregation",
                  expr.pos.line, expr.pos.column);
    }
    return *value;
  }
  // exists(<pattern>) is the pattern's own truth, not a null test of it.
  if (expr.args.size() == 1 && (expr.args[0]->kind == ExprKind::kPatternPredicate ||
                                expr.args[0]->kind == ExprKind::kExists)) {
    return Evaluate(*expr.args[0], context);
  }
  constexpr std::size_t kInline = 4;
  if (expr.args.size() <= kInline) {
    std::array<Value, kInline> args;
    for (std::size_t i = 0; i < expr.args.size(); ++i) args[i] = Evaluate(*expr.args[i], context);
    return CallScalarFunction(expr.name, std::span<const Value>(args.data(), expr.args.size()),
                              context.env());
  }
  List args;
  args.reserve(expr.args.size());
  for (const ExprPtr& arg : expr.args) args.push_back(Evaluate(*arg, context));
  return CallScalarFunction(expr.name, args, context.env());
}

Value Compute(const Expr& expr, const EvalContext& context) {
  switch (expr.kind) {
    case ExprKind::kList: {
      List out;
      out.reserve(expr.args.size());
      for (const ExprPtr& arg : expr.args) out.push_back(Evaluate(*arg, context));
      return Value(std::move(out));
    }
    case ExprKind::kMap: {
      Map out;
      for (std::size_t i = 0; i < expr.args.size(); ++i) {
        out.insert_or_assign(expr.keys[i], Evaluate(*expr.args[i], context));
      }
      return Value(std::move(out));
    }
    case ExprKind::kUnary:
      return UnaryOperation(expr, context);
    case ExprKind::kBinary:
      return BinaryOperation(expr, context);
    case ExprKind::kFunction:
      return FunctionCall(expr, context);
    case ExprKind::kCountStar: {
      const Value* value = context.AggregateValue(expr);
      if (value == nullptr) {
        ThrowSyntax("InvalidAggregation", "count(*) used outside aggregation", expr.pos.line,
                    expr.pos.column);
      }
      return *value;
    }
    case ExprKind::kCase:
      return CaseOf(expr, context);
    case ExprKind::kListComprehension:
      return ListComprehension(expr, context);
    case ExprKind::kQuantifier:
      return Quantified(expr, context);
    case ExprKind::kReduce:
      return Reduce(expr, context);
    case ExprKind::kSlice:
      return Slice(expr, context);
    case ExprKind::kLabelCheck:
      return LabelCheck(expr, context);
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull: {
      Value scratch;
      const bool null = EvalRef(*expr.args[0], context, scratch).is_null();
      return Value(expr.kind == ExprKind::kIsNull ? null : !null);
    }
    case ExprKind::kPatternPredicate:
    case ExprKind::kPatternComprehension:
    case ExprKind::kExists: {
      const PatternEvaluator* patterns = context.env().patterns;
      if (patterns == nullptr) {
        ThrowRuntime(ErrorType::kSemanticError, "UnsupportedPattern",
                     "pattern expressions cannot be evaluated here");
      }
      return patterns->EvaluatePattern(expr, context);
    }
    case ExprKind::kMapProjection:
      return MapProjection(expr, context);
    default: {  // the kinds EvalRef answers by reference
      Value scratch;
      const Value& value = EvalRef(expr, context, scratch);
      return &value == &scratch ? std::move(scratch) : value;
    }
  }
}

}  // namespace

// --- Literals, variables, parameters, properties, indexes (by reference) -----------------

const Value& EvalRef(const Expr& expr, const EvalContext& context, Value& scratch) {
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return expr.literal;
    case ExprKind::kVariable: {
      const Value* value = context.Lookup(expr.name);
      if (value == nullptr) {
        ThrowSyntax("UndefinedVariable", "Variable `" + expr.name + "` not defined", expr.pos.line,
                    expr.pos.column);
      }
      return *value;
    }
    case ExprKind::kParameter: {
      const Map* parameters = context.env().parameters;
      if (parameters != nullptr) {
        if (auto it = parameters->find(expr.name); it != parameters->end()) return it->second;
      }
      throw CypherError(ErrorType::kParameterMissing, "MissingParameter",
                        "Expected parameter(s): " + expr.name, expr.pos.line, expr.pos.column,
                        ErrorPhase::kRuntime);
    }
    case ExprKind::kProperty: {
      Value base_scratch;
      const Value& base = EvalRef(*expr.args[0], context, base_scratch);
      return PropertyOf(base, base_scratch, expr.name, context, scratch);
    }
    case ExprKind::kIndex:
      return IndexRef(expr, context, scratch);
    default:
      scratch = Compute(expr, context);
      return scratch;
  }
}

}  // namespace sutra::cypher::evaluate_internal

namespace sutra::cypher {

Value Evaluate(const Expr& expr, const EvalContext& context) {
  Value scratch;
  const Value& value = evaluate_internal::EvalRef(expr, context, scratch);
  if (&value == &scratch) return scratch;
  return value;
}

bool IsTrue(const Value& predicate) {
  if (predicate.is_bool()) return predicate.as_bool();
  if (predicate.is_null()) return false;
  ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType",
               std::string("a predicate must be a boolean, not a value of type ") +
                   KindName(predicate.kind()));
}

}  // namespace sutra::cypher
