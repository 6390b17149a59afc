// Tests of the expression evaluator against the openCypher TCK's expectations (expressions/*
// features): three-valued logic, arithmetic, comparison, lists, maps, strings, CASE,
// comprehensions, quantifiers, reduce, property access, parameters and aggregates.
#include "engine/cypher/evaluate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/memory_graph.h"
#include "engine/cypher/parser.h"

namespace sutra::cypher {
namespace {

// --- Expression builders ------------------------------------------------------------------

ExprPtr Make(Expr e) { return std::make_shared<const Expr>(std::move(e)); }

ExprPtr Lit(Value v) {
  Expr e;
  e.kind = ExprKind::kLiteral;
  e.literal = std::move(v);
  return Make(std::move(e));
}
ExprPtr Null() { return Lit(Value()); }

ExprPtr Var(std::string name) {
  Expr e;
  e.kind = ExprKind::kVariable;
  e.name = std::move(name);
  return Make(std::move(e));
}

ExprPtr Param(std::string name) {
  Expr e;
  e.kind = ExprKind::kParameter;
  e.name = std::move(name);
  return Make(std::move(e));
}

ExprPtr Prop(ExprPtr base, std::string key) {
  Expr e;
  e.kind = ExprKind::kProperty;
  e.name = std::move(key);
  e.args = {std::move(base)};
  return Make(std::move(e));
}

ExprPtr Bin(BinaryOp op, ExprPtr l, ExprPtr r) {
  Expr e;
  e.kind = ExprKind::kBinary;
  e.binary_op = op;
  e.args = {std::move(l), std::move(r)};
  return Make(std::move(e));
}

ExprPtr Un(UnaryOp op, ExprPtr operand) {
  Expr e;
  e.kind = ExprKind::kUnary;
  e.unary_op = op;
  e.args = {std::move(operand)};
  return Make(std::move(e));
}

ExprPtr Fn(std::string name, std::vector<ExprPtr> args) {
  Expr e;
  e.kind = ExprKind::kFunction;
  e.name = std::move(name);
  e.args = std::move(args);
  return Make(std::move(e));
}

ExprPtr ListOf(std::vector<ExprPtr> items) {
  Expr e;
  e.kind = ExprKind::kList;
  e.args = std::move(items);
  return Make(std::move(e));
}

ExprPtr Index(ExprPtr base, ExprPtr index) {
  Expr e;
  e.kind = ExprKind::kIndex;
  e.args = {std::move(base), std::move(index)};
  return Make(std::move(e));
}

ExprPtr Slice(ExprPtr base, ExprPtr from, ExprPtr to) {
  Expr e;
  e.kind = ExprKind::kSlice;
  e.args = {std::move(base), std::move(from), std::move(to)};
  return Make(std::move(e));
}

ExprPtr Quantified(Quantifier q, std::string var, ExprPtr list, ExprPtr where) {
  Expr e;
  e.kind = ExprKind::kQuantifier;
  e.quantifier = q;
  e.name = std::move(var);
  e.args = {std::move(list)};
  e.where = std::move(where);
  return Make(std::move(e));
}

ExprPtr Comprehension(std::string var, ExprPtr list, ExprPtr where, ExprPtr projection) {
  Expr e;
  e.kind = ExprKind::kListComprehension;
  e.name = std::move(var);
  e.args = {std::move(list)};
  e.where = std::move(where);
  e.projection = std::move(projection);
  return Make(std::move(e));
}

ExprPtr IsNull(ExprPtr operand, bool negated = false) {
  Expr e;
  e.kind = negated ? ExprKind::kIsNotNull : ExprKind::kIsNull;
  e.args = {std::move(operand)};
  return Make(std::move(e));
}

// --- Contexts -----------------------------------------------------------------------------

class TestContext : public EvalContext {
 public:
  TestContext() { env_.parameters = &parameters_; }
  explicit TestContext(const QueryGraph* graph) : TestContext() { env_.graph = graph; }

  void Set(std::string name, Value value) { vars_.insert_or_assign(std::move(name), value); }
  void SetParameter(std::string name, Value value) {
    parameters_.insert_or_assign(std::move(name), std::move(value));
  }
  void SetAggregate(const Expr* call, Value value) {
    aggregate_call_ = call;
    aggregate_value_ = std::move(value);
  }
  void SetPatterns(const PatternEvaluator* patterns) { env_.patterns = patterns; }

  const Value* Lookup(std::string_view variable) const override {
    auto it = vars_.find(variable);
    return it == vars_.end() ? nullptr : &it->second;
  }
  const Value* AggregateValue(const Expr& call) const override {
    return &call == aggregate_call_ ? &aggregate_value_ : nullptr;
  }
  const EvalEnv& env() const override { return env_; }

 private:
  Map vars_;
  Map parameters_;
  EvalEnv env_;
  const Expr* aggregate_call_ = nullptr;
  Value aggregate_value_;
};

Value Eval(const ExprPtr& e) {
  TestContext context;
  return Evaluate(*e, context);
}

List L(std::initializer_list<Value> items) { return List(items); }

// Evaluates and expects a CypherError of `type` with `detail`.
void ExpectError(const ExprPtr& e, const EvalContext& context, ErrorType type,
                 const std::string& detail) {
  try {
    Evaluate(*e, context);
    ADD_FAILURE() << "expected " << ErrorTypeName(type) << " " << detail;
  } catch (const CypherError& error) {
    EXPECT_EQ(error.type(), type) << error.what();
    EXPECT_EQ(error.detail(), detail) << error.what();
  }
}
void ExpectError(const ExprPtr& e, ErrorType type, const std::string& detail) {
  TestContext context;
  ExpectError(e, context, type, detail);
}

// --- Boolean logic (TCK Boolean1-5) ----------------------------------------------------------

TEST(EvaluateBoolean, ThreeValuedTruthTables) {
  const Value t(true), f(false), n;
  struct Row {
    Value a, b, and_, or_, xor_;
  };
  const std::vector<Row> rows = {
      {t, t, t, t, f}, {t, f, f, t, t}, {t, n, n, t, n}, {f, t, f, t, t}, {f, f, f, f, f},
      {f, n, f, n, n}, {n, t, n, t, n}, {n, f, f, n, n}, {n, n, n, n, n},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Eval(Bin(BinaryOp::kAnd, Lit(row.a), Lit(row.b))), row.and_);
    EXPECT_EQ(Eval(Bin(BinaryOp::kOr, Lit(row.a), Lit(row.b))), row.or_);
    EXPECT_EQ(Eval(Bin(BinaryOp::kXor, Lit(row.a), Lit(row.b))), row.xor_);
  }
  EXPECT_EQ(Eval(Un(UnaryOp::kNot, Lit(true))), Value(false));
  EXPECT_EQ(Eval(Un(UnaryOp::kNot, Lit(false))), Value(true));
  EXPECT_EQ(Eval(Un(UnaryOp::kNot, Null())), Value());
}

TEST(EvaluateBoolean, NonBooleanOperandsAreTypeErrors) {
  ExpectError(Bin(BinaryOp::kAnd, Lit(123), Lit(true)), ErrorType::kTypeError,
              "InvalidArgumentType");
  ExpectError(Bin(BinaryOp::kOr, Lit(false), Lit("foo")), ErrorType::kTypeError,
              "InvalidArgumentType");
  ExpectError(Bin(BinaryOp::kXor, Null(), Lit(List{})), ErrorType::kTypeError,
              "InvalidArgumentType");
  ExpectError(Un(UnaryOp::kNot, Lit(1.5)), ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(EvaluateBoolean, IsTrueAcceptsOnlyBooleanTrue) {
  EXPECT_TRUE(IsTrue(Value(true)));
  EXPECT_FALSE(IsTrue(Value(false)));
  EXPECT_FALSE(IsTrue(Value()));
  try {
    IsTrue(Value(1));
    ADD_FAILURE() << "IsTrue(1) should throw";
  } catch (const CypherError& e) {
    EXPECT_EQ(e.type(), ErrorType::kTypeError);
    EXPECT_EQ(e.detail(), "InvalidArgumentType");
  }
}

// --- Arithmetic (TCK Mathematical*, Precedence2) ---------------------------------------------

TEST(EvaluateArithmetic, IntegerAndFloatOperations) {
  // 12 / 4 * 3 - 2 * 4 = 1; 12 / 4 * (3 - 2 * 4) = -15
  const auto twelve_by_four = Bin(BinaryOp::kDivide, Lit(12), Lit(4));
  EXPECT_EQ(Eval(Bin(BinaryOp::kSubtract, Bin(BinaryOp::kMultiply, twelve_by_four, Lit(3)),
                     Bin(BinaryOp::kMultiply, Lit(2), Lit(4)))),
            Value(1));
  EXPECT_EQ(Eval(Bin(BinaryOp::kMultiply, twelve_by_four,
                     Bin(BinaryOp::kSubtract, Lit(3), Bin(BinaryOp::kMultiply, Lit(2), Lit(4))))),
            Value(-15));
  EXPECT_EQ(Eval(Bin(BinaryOp::kDivide, Lit(-7), Lit(2))), Value(-3));  // truncates
  EXPECT_EQ(Eval(Bin(BinaryOp::kModulo, Lit(-7), Lit(3))), Value(-1));  // dividend's sign
  EXPECT_EQ(Eval(Bin(BinaryOp::kModulo, Lit(7), Lit(-3))), Value(1));
  EXPECT_EQ(Eval(Bin(BinaryOp::kModulo, Lit(7.5), Lit(2))), Value(1.5));
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit(1), Lit(0.5))), Value(1.5));
  EXPECT_EQ(Eval(Bin(BinaryOp::kDivide, Lit(7), Lit(2.0))), Value(3.5));
  // ^ is always a float: 4 ^ 3 * 2 ^ 3 = 512.0, (-3) ^ 2 = 9.0
  EXPECT_EQ(Eval(Bin(BinaryOp::kMultiply, Bin(BinaryOp::kPower, Lit(4), Lit(3)),
                     Bin(BinaryOp::kPower, Lit(2), Lit(3)))),
            Value(512.0));
  EXPECT_EQ(Eval(Bin(BinaryOp::kPower, Un(UnaryOp::kNegate, Lit(3)), Lit(2))), Value(9.0));
  EXPECT_EQ(Eval(Un(UnaryOp::kNegate, Lit(2.5))), Value(-2.5));
  EXPECT_EQ(Eval(Un(UnaryOp::kPlus, Lit(7))), Value(7));
}

TEST(EvaluateArithmetic, NullPropagates) {
  for (BinaryOp op : {BinaryOp::kAdd, BinaryOp::kSubtract, BinaryOp::kMultiply, BinaryOp::kDivide,
                      BinaryOp::kModulo, BinaryOp::kPower}) {
    EXPECT_EQ(Eval(Bin(op, Lit(1), Null())), Value());
    EXPECT_EQ(Eval(Bin(op, Null(), Lit(2.5))), Value());
  }
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit(L({1})), Null())), Value());
  EXPECT_EQ(Eval(Un(UnaryOp::kNegate, Null())), Value());
}

TEST(EvaluateArithmetic, FloatDivisionFollowsIeee) {
  const Value nan = Eval(Bin(BinaryOp::kDivide, Lit(0.0), Lit(0.0)));
  ASSERT_TRUE(nan.is_float());
  EXPECT_TRUE(std::isnan(nan.as_float()));
  EXPECT_EQ(Eval(Bin(BinaryOp::kDivide, Lit(1), Lit(0.0))),
            Value(std::numeric_limits<double>::infinity()));
}

TEST(EvaluateArithmetic, IntegerOverflowAndDivisionByZeroAreArgumentErrors) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  ExpectError(Bin(BinaryOp::kAdd, Lit(max), Lit(1)), ErrorType::kArgumentError, "NumberOutOfRange");
  ExpectError(Bin(BinaryOp::kSubtract, Lit(min), Lit(1)), ErrorType::kArgumentError,
              "NumberOutOfRange");
  ExpectError(Bin(BinaryOp::kMultiply, Lit(max), Lit(2)), ErrorType::kArgumentError,
              "NumberOutOfRange");
  ExpectError(Bin(BinaryOp::kDivide, Lit(min), Lit(-1)), ErrorType::kArgumentError,
              "NumberOutOfRange");
  ExpectError(Un(UnaryOp::kNegate, Lit(min)), ErrorType::kArgumentError, "NumberOutOfRange");
  ExpectError(Bin(BinaryOp::kDivide, Lit(1), Lit(0)), ErrorType::kArgumentError, "DivisionByZero");
  ExpectError(Bin(BinaryOp::kModulo, Lit(1), Lit(0)), ErrorType::kArgumentError, "DivisionByZero");
  EXPECT_EQ(Eval(Bin(BinaryOp::kModulo, Lit(min), Lit(-1))), Value(0));
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit(max - 1), Lit(1))), Value(max));
}

TEST(EvaluateArithmetic, WrongOperandKindsAreTypeErrors) {
  ExpectError(Bin(BinaryOp::kSubtract, Lit("a"), Lit(1)), ErrorType::kTypeError,
              "InvalidArgumentType");
  ExpectError(Bin(BinaryOp::kAdd, Lit(true), Lit(1)), ErrorType::kTypeError, "InvalidArgumentType");
  ExpectError(Un(UnaryOp::kNegate, Lit("x")), ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(EvaluateArithmetic, AdditionConcatenatesStringsAndLists) {
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit("nam"), Lit("e"))), Value("name"));
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit("name->"), Lit(42))), Value("name->42"));
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit(1.5), Lit("x"))), Value("1.5x"));
  // TCK List4: [1, 10, 100] + [4, 5]; [false, true] + false
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit(L({1, 10, 100})), Lit(L({4, 5})))),
            Value(L({1, 10, 100, 4, 5})));
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit(L({false, true})), Lit(false))),
            Value(L({false, true, false})));
  // TCK Precedence3 [4]: [1] + (2 IN [3]) + 4
  EXPECT_EQ(
      Eval(Bin(BinaryOp::kAdd,
               Bin(BinaryOp::kAdd, Lit(L({1})), Bin(BinaryOp::kIn, Lit(2), Lit(L({3})))), Lit(4))),
      Value(L({1, false, 4})));
  EXPECT_EQ(Eval(Bin(BinaryOp::kAdd, Lit(0), Lit(L({1})))), Value(L({0, 1})));
}

// --- Comparison (TCK Comparison1-2) ----------------------------------------------------------

TEST(EvaluateComparison, UsesCypherEqualityAndOrdering) {
  EXPECT_EQ(Eval(Bin(BinaryOp::kEqual, Lit(1), Lit(1.0))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kEqual, Lit("1"), Lit(1))), Value(false));
  EXPECT_EQ(Eval(Bin(BinaryOp::kEqual, Null(), Null())), Value());
  EXPECT_EQ(Eval(Bin(BinaryOp::kNotEqual, Null(), Null())), Value());
  EXPECT_EQ(Eval(Bin(BinaryOp::kNotEqual, Lit(1), Lit(2))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kEqual, Lit(L({1, 2})), Lit(L({Value(), 2})))), Value());
  EXPECT_EQ(Eval(Bin(BinaryOp::kLess, Lit(1), Lit(3.14))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kGreaterEqual, Lit(3.14), Lit(1))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kLess, Lit("1"), Lit(1))), Value());
  EXPECT_EQ(Eval(Bin(BinaryOp::kLessEqual, Lit("a"), Lit("b"))), Value(true));
  const auto nan = Bin(BinaryOp::kDivide, Lit(0.0), Lit(0.0));
  EXPECT_EQ(Eval(Bin(BinaryOp::kEqual, nan, nan)), Value(false));
  EXPECT_EQ(Eval(Bin(BinaryOp::kNotEqual, nan, nan)), Value(true));
}

// --- Lists (TCK List1, List2, List5, Null3) ---------------------------------------------------

TEST(EvaluateList, InUsesThreeValuedEquality) {
  struct Case {
    Value needle, list, expected;
  };
  const Value n;
  const std::vector<Case> cases = {
      {3, L({1, 2, 3}), true},
      {1, L({"1", 2}), false},
      {L({1, 2}), L({1, 2}), false},
      {L({1, 2}), L({1, L({1, 2})}), true},
      {L({1, 2}), L({1, L({2, 1})}), false},
      {n, L({n}), n},
      {L({n}), L({L({n})}), n},
      {3, L({1, n, 3}), true},
      {4, L({1, n, 3}), n},
      {L({1, 2}), L({L({n, "foo"})}), false},
      {L({1, 2}), L({L({n, 2})}), n},
      {L({1, 2}), L({L({n, 2}), L({1, 2})}), true},
      {L({}), L({}), false},
      {L({}), L({L({})}), true},
      {L({}), L({1, 2, n}), n},
      // Null3 [4]
      {n, n, n},
      {n, L({1, 2, 3}), n},
      {n, L({}), false},
      {1, L({n, 1}), true},
      {5, L({1, 2, 3, n}), n},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Eval(Bin(BinaryOp::kIn, Lit(c.needle), Lit(c.list))), c.expected);
  }
  ExpectError(Bin(BinaryOp::kIn, Lit(1), Lit(123)), ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(EvaluateList, IndexingListsAndMaps) {
  EXPECT_EQ(Eval(Index(Lit(L({1, 2, 3})), Lit(0))), Value(1));
  EXPECT_EQ(Eval(Index(Lit(L({1, 2, 3})), Lit(-1))), Value(3));
  EXPECT_EQ(Eval(Index(Lit(L({1, 2, 3})), Lit(3))), Value());
  EXPECT_EQ(Eval(Index(Lit(L({1, 2, 3})), Lit(-4))), Value());
  EXPECT_EQ(Eval(Index(Index(Lit(L({L({1})})), Lit(0)), Lit(0))), Value(1));
  EXPECT_EQ(Eval(Index(Null(), Lit(0))), Value());
  EXPECT_EQ(Eval(Index(Lit(L({1})), Null())), Value());
  const Map map = {{"name", Value("Mats")}, {"Name", Value("Pontus")}};
  EXPECT_EQ(Eval(Index(Lit(map), Lit("Name"))), Value("Pontus"));
  EXPECT_EQ(Eval(Index(Lit(map), Lit("nAMe"))), Value());
  // An element of a computed list is moved out of the temporary correctly.
  EXPECT_EQ(Eval(Index(Bin(BinaryOp::kAdd, Lit(L({"a"})), Lit(L({"b"}))), Lit(1))), Value("b"));

  ExpectError(Index(Lit(true), Lit(0)), ErrorType::kTypeError, "InvalidArgumentType");
  ExpectError(Index(Lit("1"), Lit(0)), ErrorType::kTypeError, "InvalidArgumentType");
  ExpectError(Index(Lit(L({1, 2})), Lit(4.7)), ErrorType::kTypeError,
              "ListElementAccessByNonInteger");
  ExpectError(Index(Lit(map), Lit(0)), ErrorType::kTypeError, "MapElementAccessByNonString");
  ExpectError(Index(Lit(100), Lit(0)), ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(EvaluateList, Slices) {
  const auto list = Lit(L({1, 2, 3, 4, 5}));
  const auto three = Lit(L({1, 2, 3}));
  EXPECT_EQ(Eval(Slice(list, Lit(1), Lit(3))), Value(L({2, 3})));
  EXPECT_EQ(Eval(Slice(three, Lit(1), nullptr)), Value(L({2, 3})));
  EXPECT_EQ(Eval(Slice(three, nullptr, Lit(2))), Value(L({1, 2})));
  EXPECT_EQ(Eval(Slice(three, Lit(0), Lit(0))), Value(L({})));
  EXPECT_EQ(Eval(Slice(three, Lit(-3), Lit(-1))), Value(L({1, 2})));
  EXPECT_EQ(Eval(Slice(three, Lit(3), Lit(1))), Value(L({})));
  EXPECT_EQ(Eval(Slice(three, Lit(-5), Lit(5))), Value(L({1, 2, 3})));
  EXPECT_EQ(Eval(Slice(three, Null(), Null())), Value());
  EXPECT_EQ(Eval(Slice(three, Lit(1), Null())), Value());
  EXPECT_EQ(Eval(Slice(three, nullptr, Null())), Value());
  EXPECT_EQ(Eval(Slice(three, Null(), nullptr)), Value());
}

TEST(EvaluateList, LiteralsAndComprehensions) {
  TestContext context;
  context.Set("x", Value(100));  // shadowed by the comprehension's own x
  EXPECT_EQ(Evaluate(*ListOf({Lit(1), Bin(BinaryOp::kAdd, Var("x"), Lit(1))}), context),
            Value(L({1, 101})));
  const auto evens =
      Comprehension("x", Lit(L({1, 2, 3, 4})),
                    Bin(BinaryOp::kEqual, Bin(BinaryOp::kModulo, Var("x"), Lit(2)), Lit(0)),
                    Bin(BinaryOp::kMultiply, Var("x"), Lit(10)));
  EXPECT_EQ(Evaluate(*evens, context), Value(L({20, 40})));
  EXPECT_EQ(Evaluate(*Comprehension("x", Lit(L({1, Value(), 3})), nullptr, nullptr), context),
            Value(L({1, Value(), 3})));
  // A null predicate filters the element out.
  EXPECT_EQ(Evaluate(*Comprehension("x", Lit(L({1, Value(), 3})),
                                    Bin(BinaryOp::kGreater, Var("x"), Lit(1)), nullptr),
                     context),
            Value(L({3})));
  EXPECT_EQ(Evaluate(*Comprehension("x", Null(), nullptr, Var("x")), context), Value());
  EXPECT_EQ(*context.Lookup("x"), Value(100));
}

// --- Quantifiers (TCK Quantifier1-4, [10]-[12]) -----------------------------------------------

struct QuantifierCase {
  Value list;
  Value none, single, any, all;
};

void CheckQuantifiers(const std::vector<QuantifierCase>& cases, const ExprPtr& predicate) {
  for (const QuantifierCase& c : cases) {
    SCOPED_TRACE(::testing::Message() << "case list size " << c.list.as_list().size());
    EXPECT_EQ(Eval(Quantified(Quantifier::kNone, "x", Lit(c.list), predicate)), c.none);
    EXPECT_EQ(Eval(Quantified(Quantifier::kSingle, "x", Lit(c.list), predicate)), c.single);
    EXPECT_EQ(Eval(Quantified(Quantifier::kAny, "x", Lit(c.list), predicate)), c.any);
    EXPECT_EQ(Eval(Quantified(Quantifier::kAll, "x", Lit(c.list), predicate)), c.all);
  }
}

TEST(EvaluateQuantifier, ListsContainingNulls) {
  const Value n, t(true), f(false);
  //                 list                          none single any all
  CheckQuantifiers({{L({n}), n, n, n, n},
                    {L({n, n}), n, n, n, n},
                    {L({0, n}), n, n, n, f},
                    {L({2, n}), f, n, t, n},
                    {L({n, 2}), f, n, t, n}},
                   Bin(BinaryOp::kEqual, Var("x"), Lit(2)));
  CheckQuantifiers({{L({34, 0, n, 5, 900}), f, f, t, f},
                    {L({34, 10, n, 15, 900}), n, n, n, f},
                    {L({4, 0, n, -15, 9}), f, f, t, n}},
                   Bin(BinaryOp::kLess, Var("x"), Lit(10)));
}

TEST(EvaluateQuantifier, IsNullPredicates) {
  const Value n, t(true), f(false);
  CheckQuantifiers({{L({}), t, f, f, t},
                    {L({0}), t, f, f, f},
                    {L({n}), f, t, t, t},
                    {L({n, n}), f, f, t, t},
                    {L({0, n}), f, t, t, f},
                    {L({34, 0, n, 8, n}), f, f, t, f},
                    {L({n, n, n, n}), f, f, t, t}},
                   IsNull(Var("x")));
  CheckQuantifiers({{L({}), t, f, f, t},
                    {L({0}), f, t, t, t},
                    {L({34, 0, 8, 900}), f, f, t, t},
                    {L({n}), t, f, f, f},
                    {L({n, 123, n, n}), f, t, t, f}},
                   IsNull(Var("x"), true));
}

TEST(EvaluateQuantifier, BooleanListsAndStaticPredicates) {
  const Value t(true), f(false);
  CheckQuantifiers({{L({}), t, f, f, t},
                    {L({t}), f, t, t, t},
                    {L({f}), t, f, f, f},
                    {L({t, f, t}), f, f, t, f},
                    {L({f, t, f}), f, t, t, f}},
                   Var("x"));
  const Value mixed = L({1, Value(), true, 4.5, "abc", false});
  EXPECT_EQ(Eval(Quantified(Quantifier::kNone, "x", Lit(mixed), Lit(false))), t);
  EXPECT_EQ(Eval(Quantified(Quantifier::kNone, "x", Lit(mixed), Lit(true))), f);
  EXPECT_EQ(Eval(Quantified(Quantifier::kAll, "x", Null(), Lit(true))), Value());
  ExpectError(Quantified(Quantifier::kAny, "x", Lit(L({1})), Var("x")), ErrorType::kTypeError,
              "InvalidArgumentType");
}

TEST(EvaluateQuantifier, NestedQuantifiersSeeOuterVariables) {
  // TCK Quantifier5 [2]: none(x IN list WHERE none(y IN list WHERE x <= y)) is true,
  // any(x IN list WHERE all(y IN list WHERE x <= y)) is true.
  TestContext context;
  context.Set("list", Value(L({1, 2, 3, 4, 5, 6, 7, 8, 9})));
  const auto inner_none = Quantified(Quantifier::kNone, "y", Var("list"),
                                     Bin(BinaryOp::kLessEqual, Var("x"), Var("y")));
  EXPECT_EQ(Evaluate(*Quantified(Quantifier::kNone, "x", Var("list"), inner_none), context),
            Value(true));  // every x has some y >= x (itself), so each inner none() is false
  const auto inner_all =
      Quantified(Quantifier::kAll, "y", Var("list"), Bin(BinaryOp::kLessEqual, Var("x"), Var("y")));
  EXPECT_EQ(Evaluate(*Quantified(Quantifier::kAny, "x", Var("list"), inner_all), context),
            Value(true));
  const auto inner_single =
      Quantified(Quantifier::kSingle, "y", Var("list"),
                 Bin(BinaryOp::kEqual, Bin(BinaryOp::kAdd, Var("x"), Var("y")), Lit(15)));
  EXPECT_EQ(Evaluate(*Quantified(Quantifier::kNone, "x", Var("list"), inner_single), context),
            Value(false));
}

// --- Reduce ---------------------------------------------------------------------------------

TEST(EvaluateReduce, FoldsWithTheAccumulator) {
  Expr e;
  e.kind = ExprKind::kReduce;
  e.name = "x";
  e.keys = {"total"};
  e.args = {Lit(L({1, 2, 3, 4})), Lit(10)};
  e.projection = Bin(BinaryOp::kAdd, Var("total"), Var("x"));
  const ExprPtr sum = Make(e);
  EXPECT_EQ(Eval(sum), Value(20));
  e.args[0] = Null();
  EXPECT_EQ(Eval(Make(e)), Value());
  e.args[0] = Lit(L({}));
  EXPECT_EQ(Eval(Make(e)), Value(10));
  // Concatenation keeps the accumulated list intact across iterations.
  e.args = {Lit(L({"a", "b", "c"})), Lit("")};
  EXPECT_EQ(Eval(Make(e)), Value("abc"));
}

// --- Strings (TCK String8-11, String13) ------------------------------------------------------

TEST(EvaluateString, PrefixSuffixContains) {
  EXPECT_EQ(Eval(Bin(BinaryOp::kStartsWith, Lit("ABCDEF"), Lit("ABC"))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kStartsWith, Lit("ab"), Lit(""))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kEndsWith, Lit("ABCDEF"), Lit("DEF"))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kEndsWith, Lit("AB"), Lit("ABC"))), Value(false));
  EXPECT_EQ(Eval(Bin(BinaryOp::kContains, Lit("Foo\nFoo"), Lit("\n"))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kContains, Lit("abcdef"), Lit("CD"))), Value(false));
  // Non-string operands give null (String8-10 [8]), never an error.
  const std::vector<Value> operands = {1, 3.14, true, L({}), Map{}, Value()};
  for (BinaryOp op : {BinaryOp::kStartsWith, BinaryOp::kEndsWith, BinaryOp::kContains}) {
    for (const Value& a : operands) {
      for (const Value& b : operands) EXPECT_EQ(Eval(Bin(op, Lit(a), Lit(b))), Value());
    }
    EXPECT_EQ(Eval(Bin(op, Lit("abc"), Null())), Value());
  }
}

TEST(EvaluateString, RegexMatchesTheWholeString) {
  EXPECT_EQ(Eval(Bin(BinaryOp::kRegexMatch, Lit("abc"), Lit("a.c"))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kRegexMatch, Lit("xabcx"), Lit("a.c"))), Value(false));
  EXPECT_EQ(Eval(Bin(BinaryOp::kRegexMatch, Lit("ABC"), Lit("(?i)abc"))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kRegexMatch, Lit("ABC"), Lit("abc"))), Value(false));
  EXPECT_EQ(Eval(Bin(BinaryOp::kRegexMatch, Lit("a1"), Lit("\\w\\d"))), Value(true));
  EXPECT_EQ(Eval(Bin(BinaryOp::kRegexMatch, Null(), Lit("a"))), Value());
  EXPECT_EQ(Eval(Bin(BinaryOp::kRegexMatch, Lit(1), Lit("1"))), Value());
  ExpectError(Bin(BinaryOp::kRegexMatch, Lit("a"), Lit("(")), ErrorType::kArgumentError,
              "InvalidArgumentValue");
}

// --- Maps, properties, graph elements (TCK Map1-2, Graph5-7, Null1-2) -------------------------

TEST(EvaluateMap, StaticAccessAndIsNull) {
  TestContext context;
  context.Set("m", Value(Map{{"existing", Value(42)}, {"notMissing", Value()}}));
  context.Set("nothing", Value());
  context.Set("number", Value(123));
  EXPECT_EQ(Evaluate(*Prop(Var("m"), "existing"), context), Value(42));
  EXPECT_EQ(Evaluate(*Prop(Var("m"), "missing"), context), Value());
  EXPECT_EQ(Evaluate(*Prop(Var("m"), "notMissing"), context), Value());
  EXPECT_EQ(Evaluate(*Prop(Var("nothing"), "missing"), context), Value());
  EXPECT_EQ(Evaluate(*IsNull(Prop(Var("m"), "notMissing")), context), Value(true));
  EXPECT_EQ(Evaluate(*IsNull(Prop(Var("m"), "existing"), true), context), Value(true));
  EXPECT_EQ(Evaluate(*IsNull(Prop(Var("nothing"), "name")), context), Value(true));
  // A property of a computed map (the map is a temporary).
  const auto list = ListOf({Lit(123), Var("m")});
  EXPECT_EQ(Evaluate(*Prop(Index(list, Lit(1)), "existing"), context), Value(42));
  ExpectError(Prop(Var("number"), "num"), context, ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(EvaluateMap, LiteralsAndProjections) {
  MemoryGraph graph;
  const std::vector<std::string> labels = {"Person"};
  const ElementId n = graph.CreateNode(labels, Map{{"name", Value("Ann")}, {"age", Value(40)}});
  TestContext context(&graph);
  context.Set("n", Value(NodeRef{n}));
  context.Set("m", Value(Map{{"a", Value(1)}, {"b", Value(2)}}));
  context.Set("other", Value("x"));

  Expr literal;
  literal.kind = ExprKind::kMap;
  literal.keys = {"k", "l"};
  literal.args = {Lit(1), Prop(Var("n"), "name")};
  EXPECT_EQ(Evaluate(*Make(literal), context), Value(Map{{"k", Value(1)}, {"l", Value("Ann")}}));

  Expr projection;
  projection.kind = ExprKind::kMapProjection;
  projection.name = "n";
  projection.map_items = {
      {MapProjectionItem::Kind::kProperty, "name", nullptr},
      {MapProjectionItem::Kind::kProperty, "missing", nullptr},
      {MapProjectionItem::Kind::kLiteralEntry, "double",
       Bin(BinaryOp::kMultiply, Prop(Var("n"), "age"), Lit(2))},
      {MapProjectionItem::Kind::kVariable, "other", nullptr},
  };
  EXPECT_EQ(Evaluate(*Make(projection), context), Value(Map{{"name", Value("Ann")},
                                                            {"missing", Value()},
                                                            {"double", Value(80)},
                                                            {"other", Value("x")}}));
  projection.map_items = {{MapProjectionItem::Kind::kAllProperties, "", nullptr}};
  EXPECT_EQ(Evaluate(*Make(projection), context),
            Value(Map{{"name", Value("Ann")}, {"age", Value(40)}}));
  projection.name = "m";
  projection.map_items = {{MapProjectionItem::Kind::kAllProperties, "", nullptr},
                          {MapProjectionItem::Kind::kLiteralEntry, "a", Lit(9)}};
  EXPECT_EQ(Evaluate(*Make(projection), context), Value(Map{{"a", Value(9)}, {"b", Value(2)}}));
}

TEST(EvaluateGraph, PropertiesLabelsAndDynamicAccess) {
  MemoryGraph graph;
  const std::vector<std::string> ab = {"A", "B"};
  const ElementId a = graph.CreateNode(ab, Map{{"name", Value("Apa")}});
  const ElementId b = graph.CreateNode({}, Map{});
  const ElementId r = graph.CreateRelationship("REL", a, b, Map{{"existing", Value(42)}});
  TestContext context(&graph);
  context.Set("a", Value(NodeRef{a}));
  context.Set("b", Value(NodeRef{b}));
  context.Set("r", Value(RelRef{r}));
  context.Set("none", Value());

  EXPECT_EQ(Evaluate(*Prop(Var("a"), "name"), context), Value("Apa"));
  EXPECT_EQ(Evaluate(*Prop(Var("a"), "missing"), context), Value());
  EXPECT_EQ(Evaluate(*Prop(Var("r"), "existing"), context), Value(42));
  EXPECT_EQ(Evaluate(*Index(Var("a"), Bin(BinaryOp::kAdd, Lit("nam"), Lit("e"))), context),
            Value("Apa"));

  auto label_check = [](std::string var, std::vector<std::string> labels) {
    Expr e;
    e.kind = ExprKind::kLabelCheck;
    e.args = {Var(std::move(var))};
    e.labels = std::move(labels);
    return Make(std::move(e));
  };
  EXPECT_EQ(Evaluate(*label_check("a", {"B"}), context), Value(true));
  EXPECT_EQ(Evaluate(*label_check("a", {"B", "A", "B"}), context), Value(true));
  EXPECT_EQ(Evaluate(*label_check("a", {"A", "C"}), context), Value(false));
  EXPECT_EQ(Evaluate(*label_check("b", {"A"}), context), Value(false));
  EXPECT_EQ(Evaluate(*label_check("a", {"Unknown"}), context), Value(false));
  EXPECT_EQ(Evaluate(*label_check("none", {"A"}), context), Value());
  EXPECT_EQ(Evaluate(*Bin(BinaryOp::kEqual, Var("a"), Var("a")), context), Value(true));
  EXPECT_EQ(Evaluate(*Fn("type", {Var("r")}), context), Value("REL"));
}

// --- CASE (TCK Conditional2) -----------------------------------------------------------------

TEST(EvaluateCase, SimpleAndGenericForms) {
  auto simple = [](Value subject) {
    Expr e;
    e.kind = ExprKind::kCase;
    e.args = {Lit(std::move(subject))};
    e.whens = {{Lit(-10), Lit("minus ten")}, {Lit(0), Lit("zero")},
               {Lit(1), Lit("one")},         {Lit(5), Lit("five")},
               {Lit(10), Lit("ten")},        {Lit(3000), Lit("three thousand")}};
    e.else_expr = Lit("something else");
    return Make(std::move(e));
  };
  EXPECT_EQ(Eval(simple(-10)), Value("minus ten"));
  EXPECT_EQ(Eval(simple(0)), Value("zero"));
  EXPECT_EQ(Eval(simple(3000)), Value("three thousand"));
  EXPECT_EQ(Eval(simple(3001)), Value("something else"));
  EXPECT_EQ(Eval(simple("0")), Value("something else"));
  EXPECT_EQ(Eval(simple(true)), Value("something else"));
  EXPECT_EQ(Eval(simple(10.1)), Value("something else"));
  EXPECT_EQ(Eval(simple(10.0)), Value("ten"));
  EXPECT_EQ(Eval(simple(Value())), Value("something else"));

  Expr generic;
  generic.kind = ExprKind::kCase;
  generic.whens = {{Null(), Lit(1)}, {Lit(false), Lit(2)}, {Lit(true), Lit(3)}};
  EXPECT_EQ(Eval(Make(generic)), Value(3));
  generic.whens.pop_back();
  EXPECT_EQ(Eval(Make(generic)), Value());  // no ELSE: null
}

// --- Variables, parameters, aggregates, patterns ---------------------------------------------

TEST(EvaluateScope, VariablesAndParameters) {
  TestContext context;
  context.Set("s", Value("text"));
  context.SetParameter("p", Value(L({1, 2})));
  EXPECT_EQ(Evaluate(*Var("s"), context), Value("text"));
  EXPECT_EQ(Evaluate(*Param("p"), context), Value(L({1, 2})));
  EXPECT_EQ(Evaluate(*Index(Param("p"), Lit(1)), context), Value(2));
  ExpectError(Var("undefined"), context, ErrorType::kSyntaxError, "UndefinedVariable");
  ExpectError(Param("absent"), context, ErrorType::kParameterMissing, "MissingParameter");
}

TEST(EvaluateScope, AggregatesComeFromTheContext) {
  TestContext context;
  const ExprPtr count = Fn("COUNT", {Var("x")});
  Expr star;
  star.kind = ExprKind::kCountStar;
  const ExprPtr count_star = Make(star);
  ExpectError(count, context, ErrorType::kSyntaxError, "InvalidAggregation");
  ExpectError(count_star, context, ErrorType::kSyntaxError, "InvalidAggregation");
  context.SetAggregate(count.get(), Value(7));
  EXPECT_EQ(Evaluate(*Bin(BinaryOp::kAdd, count, Lit(1)), context), Value(8));
  // Inside a comprehension the aggregate of the enclosing group is still visible.
  EXPECT_EQ(
      Evaluate(*Comprehension("y", Lit(L({1, 2})), nullptr, Bin(BinaryOp::kAdd, Var("y"), count)),
               context),
      Value(L({8, 9})));
  context.SetAggregate(count_star.get(), Value(3));
  EXPECT_EQ(Evaluate(*count_star, context), Value(3));
}

class FixedPatterns : public PatternEvaluator {
 public:
  Value EvaluatePattern(const Expr& expr, const EvalContext& scope) const override {
    last_scope_value = scope.Lookup("x") ? *scope.Lookup("x") : Value("unbound");
    return expr.kind == ExprKind::kPatternComprehension ? Value(L({1, 1, 1})) : Value(true);
  }
  mutable Value last_scope_value;
};

TEST(EvaluateScope, PatternExpressionsGoToThePatternEvaluator) {
  Expr predicate;
  predicate.kind = ExprKind::kPatternPredicate;
  Expr comprehension;
  comprehension.kind = ExprKind::kPatternComprehension;
  TestContext context;
  ExpectError(Make(predicate), context, ErrorType::kSemanticError, "UnsupportedPattern");
  FixedPatterns patterns;
  context.SetPatterns(&patterns);
  EXPECT_EQ(Evaluate(*Make(predicate), context), Value(true));
  EXPECT_EQ(Evaluate(*Fn("size", {Make(comprehension)}), context), Value(3));
  EXPECT_EQ(Evaluate(*Fn("exists", {Make(predicate)}), context), Value(true));
  // The pattern sees the comprehension's local variable.
  Evaluate(*Comprehension("x", Lit(L({5})), nullptr, Make(predicate)), context);
  EXPECT_EQ(patterns.last_scope_value, Value(5));
}

TEST(EvaluateScope, FunctionsAreCalledWithEvaluatedArguments) {
  TestContext context;
  context.Set("name", Value("Oskar"));
  EXPECT_EQ(Evaluate(*Fn("toUpper", {Var("name")}), context), Value("OSKAR"));
  EXPECT_EQ(Evaluate(*Fn("coalesce", {Null(), Null(), Lit(1), Lit(2), Lit(3), Lit(4)}), context),
            Value(1));
  EXPECT_EQ(Evaluate(*Fn("exists", {Prop(Lit(Map{}), "k")}), context), Value(false));
  ExpectError(Fn("noSuchFunction", {}), context, ErrorType::kSyntaxError, "UnknownFunction");
}

// --- Whole expressions as the parser builds them --------------------------------------------

// Guards the conventions shared with the parser (reduce's accumulator in keys[0], slice
// bounds, map projections, chained comparisons) on TCK expressions.
TEST(EvaluateParsed, TckExpressions) {
  TestContext context;
  context.Set("m", Value(Map{{"a", Value(1)}, {"b", Value("x")}}));
  context.Set("list", Value(L({1, 2, 3, 4, 5, 6, 7, 8, 9})));
  context.SetParameter("p", Value(42));
  struct Case {
    const char* text;
    Value expected;
  };
  const std::vector<Case> cases = {
      {"reduce(s = 0, x IN [1, 2, 3] | s + x)", Value(6)},
      {"reduce(acc = '', s IN ['a', 'b'] | acc + s)", Value("ab")},
      {"[x IN range(1, 10) WHERE x % 2 = 0 | x * x]", Value(L({4, 16, 36, 64, 100}))},
      {"[1, 2, 3, 4, 5][1..3]", Value(L({2, 3}))},
      {"[1, 2, 3][..-1]", Value(L({1, 2}))},
      {"all(x IN [2, null] WHERE x = 2)", Value()},
      {"single(x IN list WHERE none(y IN list WHERE x < y))", Value(true)},
      {"CASE 3 WHEN 1 THEN 'a' ELSE 'b' END", Value("b")},
      {"CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'c' END", Value("c")},
      {"1 < 2 < 3", Value(true)},
      {"3 > 2 > 1.5 > 2", Value(false)},
      {"{a: 1, b: 'x'}.b", Value("x")},
      {"NOT true AND false", Value(false)},
      {"true OR true XOR true", Value(true)},
      {"-3 ^ 2", Value(9.0)},
      {"12 / 4 * (3 - 2 * 4)", Value(-15)},
      {"('abc' STARTS WITH null OR true)", Value(true)},
      {"[[1], [2, 3], [4, 5]] + [5, [6, 7], [8, 9], 10][3]",
       Value(L({L({1}), L({2, 3}), L({4, 5}), 10}))},
      {"[1, 2] IN [[null, 2], [1, 2]]", Value(true)},
      {"toUpper('héllo') + toString(1.5)", Value("HÉLLO1.5")},
      {"size([x IN [1, 2, 3] WHERE x > 1])", Value(2)},
      {"coalesce(null, $p)", Value(42)},
      {"m {.a, c: $p}", Value(Map{{"a", Value(1)}, {"c", Value(42)}})},
      {"m {.*, a: 'A'}", Value(Map{{"a", Value("A")}, {"b", Value("x")}})},
      {"m.missing IS NULL", Value(true)},
      {"'Foo Foo' =~ 'Fo+ F.*'", Value(true)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    try {
      EXPECT_EQ(Evaluate(*ParseExpression(c.text), context), c.expected);
    } catch (const CypherError& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

}  // namespace
}  // namespace sutra::cypher
