// Tests of the scalar functions against the openCypher TCK's expectations (Graph*, List*,
// String*, TypeConversion*, Mathematical* features) and of the arity table the binder uses.
#include "engine/cypher/functions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/memory_graph.h"

namespace sutra::cypher {
namespace {

List L(std::initializer_list<Value> items) { return List(items); }

const EvalEnv kNoGraph;

Value Call(std::string_view name, std::initializer_list<Value> args,
           const EvalEnv& env = kNoGraph) {
  const std::vector<Value> values(args);
  return CallScalarFunction(name, values, env);
}

void ExpectError(std::string_view name, std::initializer_list<Value> args, ErrorType type,
                 const std::string& detail, const EvalEnv& env = kNoGraph) {
  try {
    const Value result = Call(name, args, env);
    ADD_FAILURE() << name << " returned instead of raising " << detail;
  } catch (const CypherError& error) {
    EXPECT_EQ(error.type(), type) << error.what();
    EXPECT_EQ(error.detail(), detail) << error.what();
  }
}

// --- Arity ----------------------------------------------------------------------------------

TEST(FunctionArity, KnowsScalarsAndAggregatesCaseInsensitively) {
  const auto to_upper = FunctionArity("toUpper");
  ASSERT_TRUE(to_upper.has_value());
  EXPECT_EQ(to_upper->min, 1);
  EXPECT_EQ(to_upper->max, 1);
  EXPECT_TRUE(FunctionArity("TOUPPER").has_value());
  EXPECT_TRUE(FunctionArity("nOdEs").has_value());

  const auto coalesce = FunctionArity("coalesce");
  ASSERT_TRUE(coalesce.has_value());
  EXPECT_EQ(coalesce->min, 1);
  EXPECT_EQ(coalesce->max, -1);

  const auto range = FunctionArity("range");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->min, 2);
  EXPECT_EQ(range->max, 3);

  const auto substring = FunctionArity("substring");
  ASSERT_TRUE(substring.has_value());
  EXPECT_EQ(substring->min, 2);
  EXPECT_EQ(substring->max, 3);

  for (std::string_view name :
       {"count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP", "COUNT"}) {
    const auto arity = FunctionArity(name);
    ASSERT_TRUE(arity.has_value()) << name;
    EXPECT_EQ(arity->min, 1) << name;
    EXPECT_EQ(arity->max, 1) << name;
  }
  for (std::string_view name : {"percentileCont", "percentileDisc"}) {
    const auto arity = FunctionArity(name);
    ASSERT_TRUE(arity.has_value()) << name;
    EXPECT_EQ(arity->min, 2);
    EXPECT_EQ(arity->max, 2);
  }
  const auto pi = FunctionArity("pi");
  ASSERT_TRUE(pi.has_value());
  EXPECT_EQ(pi->max, 0);

  EXPECT_FALSE(FunctionArity("foo").has_value());
  EXPECT_FALSE(FunctionArity("date").has_value());  // temporal functions are out of scope
  EXPECT_FALSE(FunctionArity("").has_value());
  EXPECT_FALSE(FunctionArity("aVeryLongFunctionNameThatIsNotKnownAnywhere").has_value());
}

TEST(CallScalarFunction, RejectsUnknownFunctionsAndAggregates) {
  ExpectError("foo", {}, ErrorType::kSyntaxError, "UnknownFunction");
  ExpectError("count", {1}, ErrorType::kSyntaxError, "UnknownFunction");
  ExpectError("abs", {1, 2}, ErrorType::kSyntaxError, "InvalidNumberOfArguments");
}

// --- Graph functions (TCK Graph1-4, Graph8-9, Path1-3) ----------------------------------------

class GraphFunctions : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<std::string> labels = {"Foo", "Bar"};
    a_ = graph_.CreateNode(labels, Map{{"name", Value("Popeye")}, {"level", Value(9001)}});
    b_ = graph_.CreateNode({}, Map{});
    r_ = graph_.CreateRelationship("KNOWS", a_, b_, Map{{"status", Value("bad")}});
    env_.graph = &graph_;
  }
  MemoryGraph graph_;
  EvalEnv env_;
  ElementId a_ = 0, b_ = 0, r_ = 0;
};

TEST_F(GraphFunctions, ElementFunctions) {
  const Value a(NodeRef{a_}), b(NodeRef{b_}), r(RelRef{r_});
  EXPECT_EQ(Call("id", {a}, env_), Value(static_cast<std::int64_t>(a_)));
  EXPECT_EQ(Call("id", {r}, env_), Value(static_cast<std::int64_t>(r_)));
  // labels() lists the node's labels in QueryGraph::NodeLabels order (by name).
  EXPECT_EQ(Call("labels", {a}, env_), Value(L({"Bar", "Foo"})));
  EXPECT_EQ(Call("labels", {b}, env_), Value(L({})));
  EXPECT_EQ(Call("type", {r}, env_), Value("KNOWS"));
  EXPECT_EQ(Call("properties", {a}, env_),
            Value(Map{{"name", Value("Popeye")}, {"level", Value(9001)}}));
  EXPECT_EQ(Call("properties", {r}, env_), Value(Map{{"status", Value("bad")}}));
  EXPECT_EQ(Call("keys", {a}, env_), Value(L({"level", "name"})));
  EXPECT_EQ(Call("keys", {b}, env_), Value(L({})));
  EXPECT_EQ(Call("startNode", {r}, env_), a);
  EXPECT_EQ(Call("endNode", {r}, env_), b);
  for (std::string_view name :
       {"id", "labels", "type", "properties", "keys", "startNode", "endNode"}) {
    EXPECT_EQ(Call(name, {Value()}, env_), Value()) << name;
  }
}

TEST_F(GraphFunctions, InvalidArgumentsAreTypeErrors) {
  const Value r(RelRef{r_});
  // TCK Graph3 [9], Graph4 [6]
  ExpectError("labels", {1}, ErrorType::kTypeError, "InvalidArgumentValue", env_);
  ExpectError("labels", {r}, ErrorType::kTypeError, "InvalidArgumentValue", env_);
  for (const Value& invalid : {Value(0), Value(1.0), Value(true), Value(""), Value(L({}))}) {
    ExpectError("type", {invalid}, ErrorType::kTypeError, "InvalidArgumentValue", env_);
  }
  ExpectError("type", {Value(NodeRef{a_})}, ErrorType::kTypeError, "InvalidArgumentValue", env_);
  ExpectError("properties", {1}, ErrorType::kTypeError, "InvalidArgumentValue", env_);
}

TEST_F(GraphFunctions, PathFunctions) {
  const Value path(PathValue{{a_, b_}, {r_}});
  EXPECT_EQ(Call("nodes", {path}), Value(L({NodeRef{a_}, NodeRef{b_}})));
  EXPECT_EQ(Call("relationships", {path}), Value(L({RelRef{r_}})));
  EXPECT_EQ(Call("length", {path}), Value(1));
  EXPECT_EQ(Call("length", {Value(PathValue{{a_}, {}})}), Value(0));
  EXPECT_EQ(Call("nodes", {Value()}), Value());
  EXPECT_EQ(Call("relationships", {Value()}), Value());
  EXPECT_EQ(Call("length", {Value()}), Value());
  ExpectError("nodes", {L({})}, ErrorType::kTypeError, "InvalidArgumentValue");
}

// --- General and list functions (TCK Conditional1, List6-11, Map3) ----------------------------

TEST(ListFunctions, HeadLastTailSizeReverse) {
  EXPECT_EQ(Call("head", {L({1, 2, 3})}), Value(1));
  EXPECT_EQ(Call("head", {L({})}), Value());
  EXPECT_EQ(Call("last", {L({1, 2, 3})}), Value(3));
  EXPECT_EQ(Call("last", {L({})}), Value());
  EXPECT_EQ(Call("tail", {L({1, 2, 3, 4, 5})}), Value(L({2, 3, 4, 5})));
  EXPECT_EQ(Call("tail", {L({})}), Value(L({})));
  EXPECT_EQ(Call("size", {L({1, 2, 3})}), Value(3));
  EXPECT_EQ(Call("size", {L({L({}), L({}), L({})})}), Value(3));
  EXPECT_EQ(Call("size", {"héllo"}), Value(5));  // code points, not bytes
  EXPECT_EQ(Call("reverse", {L({1, Value(), "a"})}), Value(L({"a", Value(), 1})));
  EXPECT_EQ(Call("reverse", {"raksO"}), Value("Oskar"));
  EXPECT_EQ(Call("reverse", {"añb€"}), Value("€bña"));
  for (std::string_view name : {"head", "last", "tail", "size", "reverse"}) {
    EXPECT_EQ(Call(name, {Value()}), Value()) << name;
  }
  ExpectError("size", {1}, ErrorType::kTypeError, "InvalidArgumentValue");
  ExpectError("head", {"abc"}, ErrorType::kTypeError, "InvalidArgumentValue");
}

TEST(ListFunctions, RangeWithDefaultAndExplicitSteps) {
  EXPECT_EQ(Call("range", {-1236, -1234}), Value(L({-1236, -1235, -1234})));
  EXPECT_EQ(Call("range", {0, -123}), Value(L({})));
  EXPECT_EQ(Call("range", {0, 0}), Value(L({0})));
  EXPECT_EQ(Call("range", {1381, -3412, -1298}), Value(L({1381, 83, -1215, -2513})));
  EXPECT_EQ(Call("range", {10, -10, -3}), Value(L({10, 7, 4, 1, -2, -5, -8})));
  EXPECT_EQ(Call("range", {0, 1, -123}), Value(L({})));
  EXPECT_EQ(Call("range", {0, 0, -1}), Value(L({0})));
  EXPECT_EQ(Call("range", {0, 1, 2}), Value(L({0})));
  EXPECT_EQ(Call("range", {-3412, 1381, 1298}), Value(L({-3412, -2114, -816, 482})));
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(Call("range", {max - 1, max}), Value(L({max - 1, max})));  // no overflow at the end
}

TEST(ListFunctions, RangeErrors) {
  // TCK List11 [4] and [5]
  ExpectError("range", {2, 8, 0}, ErrorType::kArgumentError, "NumberOutOfRange");
  ExpectError("range", {0, 0, 0}, ErrorType::kArgumentError, "NumberOutOfRange");
  for (const std::vector<Value>& args :
       std::vector<std::vector<Value>>{{true, 1, 1},
                                       {0, 1.1, 1},
                                       {-0.0, 1, 1},
                                       {0, 1, "xyz"},
                                       {L({0}), 1, 1},
                                       {0, Map{{"end", Value(1)}}, 1}}) {
    try {
      CallScalarFunction("range", args, kNoGraph);
      ADD_FAILURE() << "range accepted a non-integer";
    } catch (const CypherError& e) {
      EXPECT_EQ(e.type(), ErrorType::kArgumentError);
      EXPECT_EQ(e.detail(), "InvalidArgumentType");
    }
  }
  ExpectError("range", {0, std::int64_t{1} << 40}, ErrorType::kArgumentError, "NumberOutOfRange");
}

TEST(GeneralFunctions, CoalesceAndExists) {
  EXPECT_EQ(Call("coalesce", {Value(), "CEO", "Nobody"}), Value("CEO"));
  EXPECT_EQ(Call("coalesce", {Value(), Value()}), Value());
  EXPECT_EQ(Call("exists", {Value()}), Value(false));
  EXPECT_EQ(Call("exists", {0}), Value(true));
  EXPECT_EQ(Call("keys", {Map{{"k", Value()}, {"l", Value(1)}}}), Value(L({"k", "l"})));
  EXPECT_EQ(Call("properties", {Map{{"name", Value("Popeye")}}}),
            Value(Map{{"name", Value("Popeye")}}));
}

// --- Type conversion (TCK TypeConversion1-4) --------------------------------------------------

TEST(ConversionFunctions, ToBoolean) {
  EXPECT_EQ(Call("toBoolean", {true}), Value(true));
  EXPECT_EQ(Call("toBoolean", {"true"}), Value(true));
  EXPECT_EQ(Call("toBoolean", {"FALSE"}), Value(false));
  for (const Value& v : {Value(), Value(""), Value(" tru "), Value("f alse")}) {
    EXPECT_EQ(Call("toBoolean", {v}), Value());
  }
  for (const Value& invalid : {Value(L({})), Value(Map{}), Value(1.0), Value(NodeRef{0})}) {
    ExpectError("toBoolean", {invalid}, ErrorType::kTypeError, "InvalidArgumentValue");
    EXPECT_EQ(Call("toBooleanOrNull", {invalid}), Value());
  }
}

TEST(ConversionFunctions, ToInteger) {
  EXPECT_EQ(Call("toInteger", {82.9}), Value(82));
  EXPECT_EQ(Call("toInteger", {-2.9}), Value(-2));
  EXPECT_EQ(Call("toInteger", {2}), Value(2));
  EXPECT_EQ(Call("toInteger", {"1.7"}), Value(1));
  EXPECT_EQ(Call("toInteger", {"42"}), Value(42));
  EXPECT_EQ(Call("toInteger", {"-9223372036854775808"}),
            Value(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(Call("toInteger", {"foo"}), Value());
  EXPECT_EQ(Call("toInteger", {""}), Value());
  EXPECT_EQ(Call("toInteger", {Value()}), Value());
  for (const Value& invalid :
       {Value(L({})), Value(Map{}), Value(NodeRef{0}), Value(RelRef{0}), Value(PathValue{})}) {
    ExpectError("toInteger", {invalid}, ErrorType::kTypeError, "InvalidArgumentValue");
    EXPECT_EQ(Call("toIntegerOrNull", {invalid}), Value());
  }
}

TEST(ConversionFunctions, ToFloat) {
  EXPECT_EQ(Call("toFloat", {3}), Value(3.0));
  EXPECT_EQ(Call("toFloat", {3.4}), Value(3.4));
  EXPECT_EQ(Call("toFloat", {"5"}), Value(5.0));
  EXPECT_EQ(Call("toFloat", {"-1.5e3"}), Value(-1500.0));
  EXPECT_EQ(Call("toFloat", {"foo"}), Value());
  EXPECT_EQ(Call("toFloat", {""}), Value());
  for (const Value& invalid : {Value(true), Value(L({})), Value(Map{}), Value(RelRef{0})}) {
    ExpectError("toFloat", {invalid}, ErrorType::kTypeError, "InvalidArgumentValue");
    EXPECT_EQ(Call("toFloatOrNull", {invalid}), Value());
  }
}

TEST(ConversionFunctions, ToString) {
  EXPECT_EQ(Call("toString", {42}), Value("42"));
  EXPECT_EQ(Call("toString", {true}), Value("true"));
  EXPECT_EQ(Call("toString", {false}), Value("false"));
  EXPECT_EQ(Call("toString", {2.3}), Value("2.3"));
  EXPECT_EQ(Call("toString", {4.0}), Value("4.0"));
  EXPECT_EQ(Call("toString", {1e20}), Value("1.0E20"));
  EXPECT_EQ(Call("toString", {"apa"}), Value("apa"));
  EXPECT_EQ(Call("toString", {Value()}), Value());
  for (const Value& invalid : {Value(L({})), Value(Map{}), Value(NodeRef{0}), Value(PathValue{})}) {
    ExpectError("toString", {invalid}, ErrorType::kTypeError, "InvalidArgumentValue");
    EXPECT_EQ(Call("toStringOrNull", {invalid}), Value());
  }
}

// --- Strings (TCK String1-7) ----------------------------------------------------------------

TEST(StringFunctions, SubstringLeftRightCountCodePoints) {
  EXPECT_EQ(Call("substring", {"0123456789", 1}), Value("123456789"));
  EXPECT_EQ(Call("substring", {"0123456789", 1, 3}), Value("123"));
  EXPECT_EQ(Call("substring", {"0123", 10}), Value(""));
  EXPECT_EQ(Call("substring", {"héllo wörld", 1, 4}), Value("éllo"));
  EXPECT_EQ(Call("left", {"héllo", 2}), Value("hé"));
  EXPECT_EQ(Call("left", {"abc", 10}), Value("abc"));
  EXPECT_EQ(Call("right", {"wörld", 4}), Value("örld"));
  EXPECT_EQ(Call("right", {"abc", 0}), Value(""));
  EXPECT_EQ(Call("substring", {Value(), 1}), Value());
  ExpectError("substring", {"abc", -1}, ErrorType::kArgumentError, "NumberOutOfRange");
  ExpectError("left", {"abc", -1}, ErrorType::kArgumentError, "NumberOutOfRange");
  ExpectError("substring", {"abc", 1.5}, ErrorType::kTypeError, "InvalidArgumentValue");
}

TEST(StringFunctions, CaseTrimReplaceSplit) {
  EXPECT_EQ(Call("toUpper", {"héllo"}), Value("HÉLLO"));
  EXPECT_EQ(Call("toLower", {"ÀBC"}), Value("àbc"));
  EXPECT_EQ(Call("TOUPPER", {"x"}), Value("X"));
  EXPECT_EQ(Call("trim", {"  \t hi there \n "}), Value("hi there"));
  EXPECT_EQ(Call("lTrim", {"  a  "}), Value("a  "));
  EXPECT_EQ(Call("rTrim", {"  a  "}), Value("  a"));
  EXPECT_EQ(Call("trim", {"   "}), Value(""));
  EXPECT_EQ(Call("replace", {"hello", "l", "w"}), Value("hewwo"));
  EXPECT_EQ(Call("replace", {"abc", "", "-"}), Value("-a-b-c-"));
  EXPECT_EQ(Call("replace", {"abc", Value(), "-"}), Value());
  EXPECT_EQ(Call("split", {"one1two", "1"}), Value(L({"one", "two"})));
  EXPECT_EQ(Call("split", {",a,,b,", ","}), Value(L({"", "a", "", "b", ""})));
  EXPECT_EQ(Call("split", {"añb", ""}), Value(L({"a", "ñ", "b"})));
  EXPECT_EQ(Call("split", {"a-b_c", L({"-", "_"})}), Value(L({"a", "b", "c"})));
  EXPECT_EQ(Call("split", {Value(), ","}), Value());
  ExpectError("toUpper", {1}, ErrorType::kTypeError, "InvalidArgumentValue");
}

// --- Numbers (TCK Mathematical11-17) -------------------------------------------------------

TEST(NumericFunctions, SignedAndRounding) {
  EXPECT_EQ(Call("abs", {-1}), Value(1));
  EXPECT_EQ(Call("abs", {-1.5}), Value(1.5));
  EXPECT_EQ(Call("sign", {-7}), Value(-1));
  EXPECT_EQ(Call("sign", {0}), Value(0));
  EXPECT_EQ(Call("sign", {2.5}), Value(1));
  EXPECT_EQ(Call("ceil", {1.7}), Value(2.0));
  EXPECT_EQ(Call("ceil", {2}), Value(2.0));
  EXPECT_EQ(Call("floor", {-1.2}), Value(-2.0));
  EXPECT_EQ(Call("round", {2.5}), Value(3.0));
  EXPECT_EQ(Call("round", {-2.5}), Value(-3.0));
  EXPECT_EQ(Call("round", {2.4}), Value(2.0));
  EXPECT_EQ(Call("round", {3.14159, 2}), Value(3.14));
  EXPECT_EQ(Call("round", {2.5, 0, "HALF_EVEN"}), Value(2.0));
  EXPECT_EQ(Call("round", {2.5, 0, "half_down"}), Value(2.0));
  EXPECT_EQ(Call("abs", {Value()}), Value());
  EXPECT_EQ(Call("round", {Value()}), Value());
  ExpectError("abs", {"x"}, ErrorType::kTypeError, "InvalidArgumentValue");
  ExpectError("abs", {std::numeric_limits<std::int64_t>::min()}, ErrorType::kArgumentError,
              "NumberOutOfRange");
}

TEST(NumericFunctions, RootsLogsTrigonometryConstants) {
  EXPECT_DOUBLE_EQ(Call("sqrt", {12.96}).as_float(), 3.6);
  EXPECT_DOUBLE_EQ(Call("sqrt", {16}).as_float(), 4.0);
  EXPECT_TRUE(std::isnan(Call("sqrt", {-1}).as_float()));
  EXPECT_DOUBLE_EQ(Call("exp", {0}).as_float(), 1.0);
  EXPECT_DOUBLE_EQ(Call("log", {Call("e", {})}).as_float(), 1.0);
  EXPECT_DOUBLE_EQ(Call("log10", {1000}).as_float(), 3.0);
  EXPECT_DOUBLE_EQ(Call("pi", {}).as_float(), std::numbers::pi);
  EXPECT_DOUBLE_EQ(Call("sin", {0}).as_float(), 0.0);
  EXPECT_DOUBLE_EQ(Call("cos", {0}).as_float(), 1.0);
  EXPECT_DOUBLE_EQ(Call("atan2", {1, 1}).as_float(), std::numbers::pi / 4);
  EXPECT_DOUBLE_EQ(Call("degrees", {std::numbers::pi}).as_float(), 180.0);
  EXPECT_DOUBLE_EQ(Call("radians", {180}).as_float(), std::numbers::pi);
  EXPECT_DOUBLE_EQ(Call("haversin", {std::numbers::pi}).as_float(), 1.0);
  EXPECT_DOUBLE_EQ(Call("cot", {std::numbers::pi / 4}).as_float(), 1.0);
  EXPECT_EQ(Call("sin", {Value()}), Value());
  ExpectError("sin", {"0"}, ErrorType::kTypeError, "InvalidArgumentValue");
}

TEST(NumericFunctions, RandomValues) {
  for (int i = 0; i < 100; ++i) {
    const Value r = Call("rand", {});
    ASSERT_TRUE(r.is_float());
    EXPECT_GE(r.as_float(), 0.0);
    EXPECT_LT(r.as_float(), 1.0);
  }
  const Value uuid = Call("randomUUID", {});
  ASSERT_TRUE(uuid.is_string());
  // Version 4 layout: 8-4-4-4-12 lower-case hex digits, version digit 4, variant 8..b.
  const std::string& text = uuid.as_string();
  ASSERT_EQ(text.size(), 36u);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(text[i], '-') << text;
    } else {
      EXPECT_NE(std::string_view("0123456789abcdef").find(text[i]), std::string_view::npos) << text;
    }
  }
  EXPECT_EQ(text[14], '4') << text;
  EXPECT_NE(std::string_view("89ab").find(text[19]), std::string_view::npos) << text;
  EXPECT_NE(Call("randomUUID", {}), uuid);
}

}  // namespace
}  // namespace sutra::cypher
