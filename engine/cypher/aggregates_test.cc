#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {
namespace {

const Value kNull;

Value L(List items) { return Value(std::move(items)); }

// A call expression `name(arg, ...)` as the parser would produce it; the arguments' own
// expressions do not matter to the aggregator, only how many there are.
Expr Call(const std::string& name, int arity, bool distinct = false) {
  Expr call;
  call.kind = ExprKind::kFunction;
  call.name = name;
  call.distinct = distinct;
  for (int i = 0; i < arity; ++i) call.args.push_back(std::make_shared<Expr>());
  return call;
}

// Aggregates one-argument rows.
Value Aggregate(const std::string& name, const List& rows, bool distinct = false) {
  std::unique_ptr<Aggregator> agg = MakeAggregator(Call(name, 1, distinct));
  for (const Value& row : rows) agg->Add(std::span<const Value>(&row, 1));
  return agg->Result();
}

// Aggregates two-argument rows: (value, percentile).
Value Percentile(const std::string& name, const List& values, const Value& percentile) {
  std::unique_ptr<Aggregator> agg = MakeAggregator(Call(name, 2));
  for (const Value& v : values) {
    const Value row[2] = {v, percentile};
    agg->Add(row);
  }
  return agg->Result();
}

void ExpectError(const std::function<void()>& action, ErrorType type, const std::string& detail) {
  try {
    action();
    ADD_FAILURE() << "expected " << ErrorTypeName(type) << ": " << detail;
  } catch (const CypherError& e) {
    EXPECT_EQ(e.type(), type) << e.what();
    EXPECT_EQ(e.detail(), detail) << e.what();
  }
}

// Exact kind and contents (so 2 and 2.0 differ here, unlike in Cypher's `=`).
void ExpectSame(const Value& actual, const Value& expected) {
  EXPECT_EQ(actual.kind(), expected.kind());
  EXPECT_TRUE(actual == expected) << "kind " << static_cast<int>(actual.kind());
}

TEST(IsAggregateFunctionTest, KnowsTheTenAggregatesCaseInsensitively) {
  for (const char* name :
       {"count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP", "percentileCont",
        "percentileDisc", "COUNT", "Sum", "STDEVP", "percentilecont", "coLLect"}) {
    EXPECT_TRUE(IsAggregateFunction(name)) << name;
  }
  for (const char* name : {"size", "toUpper", "counts", "coun", "", "stdevs", "head"}) {
    EXPECT_FALSE(IsAggregateFunction(name)) << name;
  }
}

TEST(MakeAggregatorTest, RejectsUnknownNamesAndWrongArity) {
  ExpectError([] { MakeAggregator(Call("size", 1)); }, ErrorType::kSyntaxError, "UnknownFunction");
  ExpectError([] { MakeAggregator(Call("sum", 2)); }, ErrorType::kSyntaxError,
              "InvalidNumberOfArguments");
  ExpectError([] { MakeAggregator(Call("percentileDisc", 1)); }, ErrorType::kSyntaxError,
              "InvalidNumberOfArguments");
}

TEST(CountTest, CountsNonNullValuesAndCountStarCountsRows) {
  ExpectSame(Aggregate("count", {33, kNull, 42}), 2);  // Aggregation1 scenario 1
  ExpectSame(Aggregate("count", {}), 0);
  ExpectSame(Aggregate("COUNT", {kNull, kNull}), 0);

  Expr star;
  star.kind = ExprKind::kCountStar;
  std::unique_ptr<Aggregator> agg = MakeAggregator(star);
  for (int i = 0; i < 3; ++i) agg->Add({});
  ExpectSame(agg->Result(), 3);
  ExpectSame(MakeAggregator(star)->Result(), 0);
}

TEST(DistinctTest, FollowsAggregation8AndReturn5) {
  ExpectSame(Aggregate("count", {kNull}, true), 0);                   // Aggregation8 scenario 1, 2
  ExpectSame(Aggregate("collect", {kNull, kNull}, true), L({}));      // scenario 3
  ExpectSame(Aggregate("collect", {kNull, 1, kNull}, true), L({1}));  // scenario 4
  // Return5 scenario 1: count(DISTINCT {name: n.list}) over two equal lists.
  const Value map = Map{{"name", L({"A", "B"})}};
  ExpectSame(Aggregate("count", {map, map}, true), 1);
  // Aggregation5 scenario 2: first occurrences, in input order.
  ExpectSame(Aggregate("collect", {42, 43, 42, 44, 43}, true), L({42, 43, 44}));
  // 1 and 1.0 are the same number for DISTINCT; the first one seen is kept.
  ExpectSame(Aggregate("collect", {1, 1.0, 2.0, 2}, true), L({1, 2.0}));
  ExpectSame(Aggregate("sum", {1, 1, 2}, true), 3);
  ExpectSame(Aggregate("count", {1, 1, 2}, false), 3);
}

TEST(MinMaxTest, FollowsAggregation2) {
  ExpectSame(Aggregate("max", {1, 2, 0, kNull, -1}), 2);
  ExpectSame(Aggregate("min", {1, 2, 0, kNull, -1}), -1);
  ExpectSame(Aggregate("max", {1.0, 2.0, 0.5, kNull}), 2.0);
  ExpectSame(Aggregate("min", {1.0, 2.0, 0.5, kNull}), 0.5);
  ExpectSame(Aggregate("max", {1, 2.0, 5, kNull, 3.2, 0.1}), 5);
  ExpectSame(Aggregate("min", {1, 2.0, 5, kNull, 3.2, 0.1}), 0.1);
  ExpectSame(Aggregate("max", {"a", "b", "B", kNull, "abc", "abc1"}), "b");
  ExpectSame(Aggregate("min", {"a", "b", "B", kNull, "abc", "abc1"}), "B");
  ExpectSame(Aggregate("max", {L({1}), L({2}), L({2, 1})}), L({2, 1}));
  ExpectSame(Aggregate("min", {L({1}), L({2}), L({2, 1})}), L({1}));
  ExpectSame(Aggregate("max", {1, "a", kNull, L({1, 2}), 0.2, "b"}), 1);
  ExpectSame(Aggregate("min", {1, "a", kNull, L({1, 2}), 0.2, "b"}), L({1, 2}));
  ExpectSame(Aggregate("max", {}), kNull);
  ExpectSame(Aggregate("min", {kNull}), kNull);
}

TEST(SumTest, IntegersStayIntegersAndFloatsMakeAFloat) {
  ExpectSame(Aggregate("sum", {33, kNull, 42}), 75);  // Aggregation3 scenario 1
  List range;  // Aggregation3 scenario 2: range(1000000, 2000000) LIMIT 3000
  for (std::int64_t i = 1000000; i < 1003000; ++i) range.push_back(i);
  ExpectSame(Aggregate("sum", range), std::int64_t{3004498500});
  ExpectSame(Aggregate("sum", {}), 0);
  ExpectSame(Aggregate("sum", {kNull}), 0);
  ExpectSame(Aggregate("sum", {1, 2.5}), 3.5);
  ExpectSame(Aggregate("sum", {0.5, 0.25}), 0.75);
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  // Only the total must fit, not every running partial sum.
  ExpectSame(Aggregate("sum", {max, 1, -1}), max);
}

TEST(SumTest, RaisesOnOverflowAndNonNumbers) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  ExpectError([&] { Aggregate("sum", {max, 1}); }, ErrorType::kArgumentError, "NumberOutOfRange");
  ExpectError([] { Aggregate("sum", {1, "a"}); }, ErrorType::kTypeError, "InvalidArgumentType");
  ExpectError([] { Aggregate("sum", {L({1})}); }, ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(AvgTest, AveragesAsAFloatAndIsNullWithoutValues) {
  ExpectSame(Aggregate("avg", {}), kNull);  // ReturnOrderBy6 scenario 1
  ExpectSame(Aggregate("avg", {kNull}), kNull);
  ExpectSame(Aggregate("avg", {1, 1}), 1.0);  // Return6: avg(length(p)) = 1.0
  ExpectSame(Aggregate("avg", {1, 2, kNull}), 1.5);
  ExpectSame(Aggregate("avg", {1, 2.5, 3}), 6.5 / 3);
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  ExpectSame(Aggregate("avg", {max, max}), static_cast<double>(max));  // no int overflow
  ExpectError([] { Aggregate("avg", {"a"}); }, ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(CollectTest, KeepsOrderSkipsNullsAndKeepsNestedValues) {
  ExpectSame(Aggregate("collect", {}), L({}));  // Aggregation5 scenario 1
  ExpectSame(Aggregate("collect", {3, kNull, 1, 3}), L({3, 1, 3}));
  const Value nested = L({L({1, kNull}), Map{{"k", kNull}}});
  ExpectSame(Aggregate("collect", {nested, NodeRef{5}}), L({nested, NodeRef{5}}));
}

TEST(StDevTest, SampleAndPopulation) {
  const List values = {2, 4, 4, 4, 5, 5, 7, 9, kNull};
  ExpectSame(Aggregate("stDevP", values), 2.0);
  const Value sample = Aggregate("stDev", values);
  ASSERT_TRUE(sample.is_float());
  EXPECT_NEAR(sample.as_float(), std::sqrt(32.0 / 7.0), 1e-12);
  ExpectSame(Aggregate("stDev", {5}), 0.0);
  ExpectSame(Aggregate("stDev", {}), 0.0);
  ExpectSame(Aggregate("stDevP", {}), 0.0);
  ExpectSame(Aggregate("stDevP", {5.5}), 0.0);
  ExpectError([] { Aggregate("stDev", {1, "x"}); }, ErrorType::kTypeError, "InvalidArgumentType");
}

TEST(PercentileTest, FollowsAggregation6) {
  const List prices = {10.0, 20.0, 30.0};
  for (const auto& [p, expected] :
       std::vector<std::pair<double, double>>{{0.0, 10.0}, {0.5, 20.0}, {1.0, 30.0}}) {
    ExpectSame(Percentile("percentileDisc", prices, p), expected);
    ExpectSame(Percentile("percentileCont", prices, p), expected);
  }
}

TEST(PercentileTest, InterpolatesContinuousAndPicksDiscrete) {
  const List values = {40, 10, kNull, 30, 20};
  ExpectSame(Percentile("percentileCont", values, 0.5), 25.0);
  ExpectSame(Percentile("percentileCont", values, 0.25), 17.5);
  ExpectSame(Percentile("percentileCont", values, 0), 10.0);  // integer percentile 0
  ExpectSame(Percentile("percentileDisc", values, 0.5), 20);  // keeps the integer
  ExpectSame(Percentile("percentileDisc", values, 0.51), 30);
  ExpectSame(Percentile("percentileDisc", values, 0.0), 10);
  ExpectSame(Percentile("percentileDisc", values, 1), 40);
  ExpectSame(Percentile("percentileDisc", {}, 0.5), kNull);
  ExpectSame(Percentile("percentileCont", {kNull}, 0.5), kNull);
}

TEST(PercentileTest, RejectsPercentilesOutsideZeroToOne) {
  for (const Value& p : {Value(1000), Value(-1), Value(1.1)}) {  // Aggregation6 scenario 3, 4
    ExpectError([&] { Percentile("percentileCont", {10.0}, p); }, ErrorType::kArgumentError,
                "NumberOutOfRange");
    ExpectError([&] { Percentile("percentileDisc", {10.0}, p); }, ErrorType::kArgumentError,
                "NumberOutOfRange");
  }
  ExpectError([] { Percentile("percentileCont", {10.0}, "half"); }, ErrorType::kTypeError,
              "InvalidArgumentType");
  ExpectError([] { Percentile("percentileDisc", {"a"}, 0.5); }, ErrorType::kTypeError,
              "InvalidArgumentType");
}

TEST(DistinctTest, GroupsManyRowsQuickly) {
  // DISTINCT over 10^5 rows with 1000 distinct values, mixing ints and equal floats.
  std::unique_ptr<Aggregator> agg = MakeAggregator(Call("count", 1, true));
  for (int i = 0; i < 100000; ++i) {
    const Value v = (i % 2 == 0) ? Value(i % 1000) : Value(static_cast<double>(i % 1000));
    agg->Add(std::span<const Value>(&v, 1));
  }
  ExpectSame(agg->Result(), 1000);
}

}  // namespace
}  // namespace sutra::cypher
