// Expression checks of the binder: the static type of every expression kind, operator and
// function argument types, aggregates (where they may stand, nesting), variables in scope,
// local scopes of comprehensions, quantifiers and reduce, and WHERE conditions. The Binder
// class and the type machinery are declared in binder_scope.h; clauses are in binder.cc.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cypher/binder_scope.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/procedures.h"

namespace sutra::cypher::binder {

StaticType Binder::CheckExpr(const Expr& expr, const ExprEnv& env) {
  if (env.projected != nullptr) {
    for (const auto& [projected, type] : *env.projected) {
      if (ExprEquals(*projected, expr)) return type;
    }
  }
  return CheckExprKind(expr, env);
}

StaticType Binder::CheckExprKind(const Expr& expr, const ExprEnv& env) {
  ExprEnv inner = env;
  inner.patterns_allowed = false;
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return binder::TypeOfValue(expr.literal);
    case ExprKind::kParameter:
      return StaticType{};
    case ExprKind::kVariable: {
      const StaticType* type = env.scope->Find(expr.name);
      if (type == nullptr)
        Fail("UndefinedVariable", "variable `" + expr.name + "` not defined", expr.pos);
      return *type;
    }
    case ExprKind::kProperty: {
      const StaticType object = CheckExpr(*expr.args[0], inner);
      if (object.kind == TypeKind::kPath) {
        Fail("InvalidArgumentType", "a path has no properties", expr.pos);
      }
      if (IsOneOf(object.kind, {TypeKind::kBool, TypeKind::kInt, TypeKind::kFloat,
                                TypeKind::kString, TypeKind::kList})) {
        throw CypherError(ErrorType::kTypeError, "InvalidArgumentType",
                          "property access on a value that is not a map, node or relationship",
                          expr.pos.line, expr.pos.column, ErrorPhase::kCompileTime);
      }
      return StaticType{};
    }
    case ExprKind::kList: {
      TypeKind element = TypeKind::kAny;
      for (std::size_t i = 0; i < expr.args.size(); ++i) {
        const TypeKind kind = CheckExpr(*expr.args[i], inner).kind;
        element = i == 0 ? kind : binder::JoinElementKinds(element, kind);
      }
      return StaticType::ListOf(element);
    }
    case ExprKind::kMap:
      for (const ExprPtr& value : expr.args) CheckExpr(*value, inner);
      return StaticType::Of(TypeKind::kMap);
    case ExprKind::kUnary: {
      if (expr.unary_op == UnaryOp::kNot) {
        ExprEnv operand_env = inner;
        operand_env.patterns_allowed = env.patterns_allowed;
        const StaticType operand = CheckExpr(*expr.args[0], operand_env);
        if (NotBoolean(operand.kind)) {
          Fail("InvalidArgumentType", "NOT expects a boolean", expr.args[0]->pos);
        }
        return StaticType::Of(TypeKind::kBool);
      }
      const StaticType operand = CheckExpr(*expr.args[0], inner);
      if (NotNumeric(operand.kind)) {
        Fail("InvalidArgumentType", "a sign expects a number", expr.args[0]->pos);
      }
      return IsOneOf(operand.kind, {TypeKind::kInt, TypeKind::kFloat}) ? operand : StaticType{};
    }
    case ExprKind::kBinary:
      return CheckBinary(expr, env);
    case ExprKind::kFunction:
    case ExprKind::kCountStar:
      return CheckFunction(expr, env);
    case ExprKind::kCase: {
      for (const ExprPtr& arg : expr.args) CheckExpr(*arg, inner);
      for (const auto& [when, then] : expr.whens) {
        CheckExpr(*when, inner);
        CheckExpr(*then, inner);
      }
      if (expr.else_expr != nullptr) CheckExpr(*expr.else_expr, inner);
      return StaticType{};
    }
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce:
      return CheckIteration(expr, inner);
    case ExprKind::kIndex: {
      const StaticType list = CheckExpr(*expr.args[0], inner);
      CheckExpr(*expr.args[1], inner);
      return list.kind == TypeKind::kList ? StaticType::Of(list.element) : StaticType{};
    }
    case ExprKind::kSlice: {
      const StaticType list = CheckExpr(*expr.args[0], inner);
      for (std::size_t i = 1; i < expr.args.size(); ++i) {
        if (expr.args[i] != nullptr) CheckExpr(*expr.args[i], inner);
      }
      return list.kind == TypeKind::kList ? list : StaticType{};
    }
    case ExprKind::kLabelCheck:
      CheckExpr(*expr.args[0], inner);
      return StaticType::Of(TypeKind::kBool);
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
      CheckExpr(*expr.args[0], inner);
      return StaticType::Of(TypeKind::kBool);
    case ExprKind::kPatternPredicate: {
      if (!env.patterns_allowed) {
        Fail("UnexpectedSyntax", "a pattern can only be used as a predicate in WHERE", expr.pos);
      }
      Scope scope = *env.scope;
      BindPattern(*expr.pattern, scope, PatternMode::kPredicate);
      return StaticType::Of(TypeKind::kBool);
    }
    case ExprKind::kPatternComprehension: {
      if (!expr.path_name.empty() && env.scope->Find(expr.path_name) != nullptr) {
        Fail("VariableAlreadyBound", "variable `" + expr.path_name + "` already defined", expr.pos);
      }
      Scope scope = *env.scope;
      BindPattern(*expr.pattern, scope, PatternMode::kLocal);
      if (!expr.path_name.empty()) scope.Bind(expr.path_name, StaticType::Of(TypeKind::kPath));
      ExprEnv local = inner;
      local.scope = &scope;
      local.in_local_scope = true;
      if (expr.where != nullptr) CheckCondition(expr.where, scope, &local);
      if (expr.projection != nullptr) CheckExpr(*expr.projection, local);
      return StaticType::ListOf(TypeKind::kAny);
    }
    case ExprKind::kExists: {
      if (expr.subquery != nullptr) {
        CheckUnion(*expr.subquery, *env.scope, /*subquery=*/true);
        return StaticType::Of(TypeKind::kBool);
      }
      Scope scope = *env.scope;
      if (expr.pattern != nullptr) BindPattern(*expr.pattern, scope, PatternMode::kLocal);
      ExprEnv local = inner;
      local.scope = &scope;
      local.in_local_scope = true;
      if (expr.where != nullptr) CheckCondition(expr.where, scope, &local);
      return StaticType::Of(TypeKind::kBool);
    }
    case ExprKind::kMapProjection: {
      const StaticType* subject = env.scope->Find(expr.name);
      if (subject == nullptr)
        Fail("UndefinedVariable", "variable `" + expr.name + "` not defined", expr.pos);
      for (const MapProjectionItem& item : expr.map_items) {
        if (item.kind == MapProjectionItem::Kind::kVariable &&
            env.scope->Find(item.key) == nullptr) {
          Fail("UndefinedVariable", "variable `" + item.key + "` not defined", expr.pos);
        }
        if (item.value != nullptr) CheckExpr(*item.value, inner);
      }
      return StaticType::Of(TypeKind::kMap);
    }
  }
  return StaticType{};
}

StaticType Binder::CheckBinary(const Expr& expr, const ExprEnv& env) {
  ExprEnv operand_env = env;
  const bool logical = expr.binary_op == BinaryOp::kAnd || expr.binary_op == BinaryOp::kOr ||
                       expr.binary_op == BinaryOp::kXor;
  if (!logical) operand_env.patterns_allowed = false;
  const StaticType left = CheckExpr(*expr.args[0], operand_env);
  const StaticType right = CheckExpr(*expr.args[1], operand_env);
  switch (expr.binary_op) {
    case BinaryOp::kOr:
    case BinaryOp::kXor:
    case BinaryOp::kAnd:
      if (NotBoolean(left.kind)) {
        Fail("InvalidArgumentType", "a boolean operator expects booleans", expr.args[0]->pos);
      }
      if (NotBoolean(right.kind)) {
        Fail("InvalidArgumentType", "a boolean operator expects booleans", expr.args[1]->pos);
      }
      return StaticType::Of(TypeKind::kBool);
    case BinaryOp::kIn:
      if (right.kind != TypeKind::kAny && right.kind != TypeKind::kNull &&
          right.kind != TypeKind::kList) {
        Fail("InvalidArgumentType", "IN expects a list", expr.args[1]->pos);
      }
      return StaticType::Of(TypeKind::kBool);
    case BinaryOp::kAdd: {
      const bool concatenates = IsOneOf(left.kind, {TypeKind::kString, TypeKind::kList}) ||
                                IsOneOf(right.kind, {TypeKind::kString, TypeKind::kList});
      if (!concatenates) {
        for (const ExprPtr& operand : expr.args) {
          const TypeKind kind = operand == expr.args[0] ? left.kind : right.kind;
          if (IsOneOf(kind, {TypeKind::kBool, TypeKind::kMap, TypeKind::kNode, TypeKind::kRel,
                             TypeKind::kPath})) {
            Fail("InvalidArgumentType", "+ expects numbers, strings or lists", operand->pos);
          }
        }
      }
      if (left.kind == TypeKind::kList || right.kind == TypeKind::kList) {
        return StaticType::ListOf(TypeKind::kAny);
      }
      if (left.kind == TypeKind::kString || right.kind == TypeKind::kString) {
        // 'a' + 1 is 'a1'; only a string with a number or string is surely a string.
        return StaticType{};
      }
      [[fallthrough]];
    }
    case BinaryOp::kSubtract:
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo:
    case BinaryOp::kPower:
      if (expr.binary_op != BinaryOp::kAdd) {
        if (NotNumeric(left.kind)) {
          Fail("InvalidArgumentType", "arithmetic expects numbers", expr.args[0]->pos);
        }
        if (NotNumeric(right.kind)) {
          Fail("InvalidArgumentType", "arithmetic expects numbers", expr.args[1]->pos);
        }
      }
      if (expr.binary_op == BinaryOp::kPower && left.kind != TypeKind::kAny &&
          right.kind != TypeKind::kAny) {
        return StaticType::Of(TypeKind::kFloat);
      }
      if (left.kind == TypeKind::kInt && right.kind == TypeKind::kInt) return left;
      if (IsOneOf(left.kind, {TypeKind::kInt, TypeKind::kFloat}) &&
          IsOneOf(right.kind, {TypeKind::kInt, TypeKind::kFloat})) {
        return StaticType::Of(TypeKind::kFloat);
      }
      return StaticType{};
    default:
      return StaticType::Of(TypeKind::kBool);
  }
}

StaticType Binder::CheckFunction(const Expr& expr, const ExprEnv& env) {
  const bool aggregate = IsAggregateCall(expr);
  if (aggregate) {
    if (env.in_aggregate) {
      Fail("NestedAggregation", "an aggregate cannot contain an aggregate", expr.pos);
    }
    if (!env.aggregates_allowed || env.in_local_scope) {
      Fail("InvalidAggregation", "aggregation is not allowed here", expr.pos);
    }
    if (const Expr* random = FindFunctionCall(expr, "rand")) {
      Fail("NonConstantExpression", "an aggregate cannot take a random argument", random->pos);
    }
  }
  if (expr.kind == ExprKind::kCountStar) return StaticType::Of(TypeKind::kInt);

  const std::string name = Lower(expr.name);
  const std::optional<Arity> arity = FunctionArity(expr.name);
  if (!arity.has_value()) Fail("UnknownFunction", "unknown function " + expr.name, expr.pos);
  const int count = static_cast<int>(expr.args.size());
  if (count < arity->min || (arity->max >= 0 && count > arity->max)) {
    Fail("InvalidNumberOfArguments", "wrong number of arguments to " + expr.name, expr.pos);
  }

  ExprEnv args_env = env;
  args_env.patterns_allowed = name == "exists";
  if (aggregate) args_env.in_aggregate = true;
  std::vector<StaticType> types;
  for (const ExprPtr& arg : expr.args) types.push_back(CheckExpr(*arg, args_env));

  // Arguments whose type is certainly wrong for the function.
  auto reject = [&](std::initializer_list<TypeKind> kinds) {
    if (!types.empty() && IsOneOf(types[0].kind, kinds)) {
      Fail("InvalidArgumentType", expr.name + "() cannot take this argument", expr.args[0]->pos);
    }
  };
  using K = TypeKind;
  if (name == "labels") {
    reject({K::kBool, K::kInt, K::kFloat, K::kString, K::kList, K::kMap, K::kRel, K::kPath});
    return StaticType::ListOf(K::kString);
  }
  if (name == "type") {
    reject({K::kBool, K::kInt, K::kFloat, K::kString, K::kList, K::kMap, K::kNode, K::kPath});
    return StaticType::Of(K::kString);
  }
  if (name == "properties") {
    reject({K::kBool, K::kInt, K::kFloat, K::kString, K::kList, K::kPath});
    return StaticType::Of(K::kMap);
  }
  if (name == "size") {
    reject({K::kBool, K::kInt, K::kFloat, K::kNode, K::kRel, K::kPath});
    return StaticType::Of(K::kInt);
  }
  if (name == "length") {
    reject({K::kBool, K::kInt, K::kFloat, K::kMap, K::kNode, K::kRel});
    return StaticType::Of(K::kInt);
  }
  if (name == "count") return StaticType::Of(K::kInt);
  if (name == "collect") return StaticType::ListOf(types.empty() ? K::kAny : types[0].kind);
  if (name == "nodes") return StaticType::ListOf(K::kNode);
  if (name == "relationships") return StaticType::ListOf(K::kRel);
  if (name == "startnode" || name == "endnode") return StaticType::Of(K::kNode);
  if (name == "keys") return StaticType::ListOf(K::kString);
  return StaticType{};
}

// List comprehension, quantifier and reduce: a local variable over a list.
StaticType Binder::CheckIteration(const Expr& expr, const ExprEnv& env) {
  const StaticType list = CheckExpr(*expr.args[0], env);
  Scope scope = *env.scope;
  if (expr.kind == ExprKind::kReduce) {
    CheckExpr(*expr.args[1], env);
    // ast.h leaves the accumulator's field unnamed: keys[0], else path_name (as evaluate.cc).
    const std::string& accumulator = !expr.keys.empty() ? expr.keys[0] : expr.path_name;
    if (!accumulator.empty()) scope.Bind(accumulator, StaticType{});
  }
  scope.Bind(expr.name, list.kind == TypeKind::kList ? StaticType::Of(list.element) : StaticType{});
  ExprEnv local = env;
  local.scope = &scope;
  local.in_local_scope = true;
  if (expr.where != nullptr) CheckCondition(expr.where, scope, &local);
  StaticType projected{};
  if (expr.projection != nullptr) projected = CheckExpr(*expr.projection, local);
  switch (expr.kind) {
    case ExprKind::kQuantifier:
      return StaticType::Of(TypeKind::kBool);
    case ExprKind::kReduce:
      return StaticType{};
    default:
      return StaticType::ListOf(expr.projection != nullptr ? projected.kind
                                                           : scope.Find(expr.name)->kind);
  }
}

// A WHERE condition: pattern predicates may stand in it; it must be boolean.
void Binder::CheckCondition(const ExprPtr& where, const Scope& scope, const ExprEnv* base) {
  if (where == nullptr) return;
  ExprEnv env;
  if (base != nullptr) env = *base;
  env.scope = &scope;
  env.patterns_allowed = true;
  const StaticType type = CheckExpr(*where, env);
  if (NotBoolean(type.kind)) {
    Fail("InvalidArgumentType", "a WHERE condition must be a boolean", where->pos);
  }
}

}  // namespace sutra::cypher::binder
