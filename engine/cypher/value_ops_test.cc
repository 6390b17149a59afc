#include "engine/cypher/value_ops.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace sutra::cypher {

void PrintTo(const Value& v, std::ostream* os);  // below, after the fake graph it uses

namespace {

const Value kNull;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Value L(List items) { return Value(std::move(items)); }
Value M(Map entries) { return Value(std::move(entries)); }

// The answer of `=` as the TCK writes it: "true", "false" or "null".
std::string EqText(const Value& a, const Value& b) {
  const Value r = Equals(a, b);
  return r.is_null() ? "null" : (r.as_bool() ? "true" : "false");
}
std::string CmpText(const Value& a, const Value& b, BinaryOp op) {
  const Value r = CompareValues(a, b, op);
  return r.is_null() ? "null" : (r.as_bool() ? "true" : "false");
}

// --- Equals (TCK expressions/comparison/Comparison1) ----------------------------------------

TEST(EqualsTest, ListsFollowComparison1Scenario6) {
  EXPECT_EQ(EqText(L({1, 2}), L({1})), "false");
  EXPECT_EQ(EqText(L({kNull}), L({1})), "null");
  EXPECT_EQ(EqText(L({"a"}), L({1})), "false");
  EXPECT_EQ(EqText(L({L({1})}), L({L({1}), L({kNull})})), "false");
  EXPECT_EQ(EqText(L({L({1}), L({2})}), L({L({1}), L({kNull})})), "null");
  EXPECT_EQ(EqText(L({L({1}), L({2, 3})}), L({L({1}), L({kNull})})), "false");
}

TEST(EqualsTest, ListsAsInListMembership) {
  // From expressions/list/List5: a false element decides even next to a null.
  EXPECT_EQ(EqText(L({1, 2}), L({kNull, "foo"})), "false");
  EXPECT_EQ(EqText(L({1, 2}), L({kNull, 2})), "null");
  EXPECT_EQ(EqText(L({1, 2, kNull}), L({1, 2, kNull})), "null");
  EXPECT_EQ(EqText(L({1}), L({1, kNull})), "false");
  EXPECT_EQ(EqText(L({}), L({})), "true");
  EXPECT_EQ(EqText(L({L({1, 2}), L({3, 4})}), L({L({1, 2}), L({3, 4})})), "true");
  EXPECT_EQ(EqText(L({L({1})}), L({1})), "false");
}

TEST(EqualsTest, MapsFollowComparison1Scenario7) {
  EXPECT_EQ(EqText(M({}), M({})), "true");
  EXPECT_EQ(EqText(M({{"k", true}}), M({{"k", true}})), "true");
  EXPECT_EQ(EqText(M({{"k", 1}}), M({{"k", 1}})), "true");
  EXPECT_EQ(EqText(M({{"k", 1.0}}), M({{"k", 1.0}})), "true");
  EXPECT_EQ(EqText(M({{"k", "abc"}}), M({{"k", "abc"}})), "true");
  EXPECT_EQ(EqText(M({{"k", "a"}, {"l", 2}}), M({{"k", "a"}, {"l", 2}})), "true");
  EXPECT_EQ(EqText(M({}), M({{"k", kNull}})), "false");
  EXPECT_EQ(EqText(M({{"k", kNull}}), M({})), "false");
  EXPECT_EQ(EqText(M({{"k", 1}}), M({{"k", 1}, {"l", kNull}})), "false");
  EXPECT_EQ(EqText(M({{"k", kNull}, {"l", 1}}), M({{"l", 1}})), "false");
  EXPECT_EQ(EqText(M({{"k", kNull}}), M({{"k", kNull}, {"l", kNull}})), "false");
  EXPECT_EQ(EqText(M({{"k", kNull}}), M({{"k", kNull}})), "null");
  EXPECT_EQ(EqText(M({{"k", 1}}), M({{"k", kNull}})), "null");
  EXPECT_EQ(EqText(M({{"k", 1}, {"l", kNull}}), M({{"k", kNull}, {"l", kNull}})), "null");
  EXPECT_EQ(EqText(M({{"k", 1}, {"l", kNull}}), M({{"k", kNull}, {"l", 1}})), "null");
  EXPECT_EQ(EqText(M({{"k", 1}, {"l", kNull}}), M({{"k", 1}, {"l", 1}})), "null");
}

TEST(EqualsTest, NaNIsUnequalToEverything) {
  EXPECT_EQ(EqText(kNaN, 1), "false");
  EXPECT_EQ(EqText(kNaN, 1.0), "false");
  EXPECT_EQ(EqText(kNaN, kNaN), "false");
  EXPECT_EQ(EqText(kNaN, "a"), "false");
}

TEST(EqualsTest, NumbersCompareByValueAcrossIntAndFloat) {
  EXPECT_EQ(EqText(1.0, 1.0), "true");
  EXPECT_EQ(EqText(1, 1.0), "true");
  EXPECT_EQ(EqText(0, -0.0), "true");
  EXPECT_EQ(EqText("1.0", 1.0), "false");
  EXPECT_EQ(EqText("1", 1), "false");
  EXPECT_EQ(EqText(std::int64_t{4611686018427387905}, std::int64_t{4611686018427387905}), "true");
  EXPECT_EQ(EqText(std::int64_t{4611686018427387905}, std::int64_t{4611686018427387900}), "false");
  // 2^53 + 1 has no double; it must not equal the double 2^53 (exact comparison).
  EXPECT_EQ(EqText(std::int64_t{9007199254740993}, 9007199254740992.0), "false");
  EXPECT_EQ(EqText(std::int64_t{9007199254740992}, 9007199254740992.0), "true");
  EXPECT_EQ(EqText(std::numeric_limits<std::int64_t>::max(), 9223372036854775808.0), "false");
}

TEST(EqualsTest, NullAndKindsAndEntities) {
  EXPECT_EQ(EqText(kNull, kNull), "null");
  EXPECT_EQ(EqText(kNull, 1), "null");
  EXPECT_EQ(EqText(L({}), kNull), "null");
  EXPECT_EQ(EqText(true, 1), "false");
  EXPECT_EQ(EqText(true, true), "true");
  EXPECT_EQ(EqText(NodeRef{1}, NodeRef{1}), "true");
  EXPECT_EQ(EqText(NodeRef{1}, NodeRef{2}), "false");
  EXPECT_EQ(EqText(NodeRef{1}, RelRef{1}), "false");
  EXPECT_EQ(EqText(RelRef{4}, RelRef{4}), "true");
  EXPECT_EQ(EqText(PathValue{{1, 1}, {7}}, PathValue{{1, 1}, {7}}), "true");
  EXPECT_EQ(EqText(PathValue{{1, 2}, {7}}, PathValue{{1, 3}, {7}}), "false");
}

// --- CompareValues (TCK Comparison2) ----------------------------------------------------------

TEST(CompareValuesTest, ListsFollowComparison2Scenario4) {
  const BinaryOp ge = BinaryOp::kGreaterEqual;
  EXPECT_EQ(CmpText(L({1, 0}), L({1}), ge), "true");
  EXPECT_EQ(CmpText(L({1, kNull}), L({1}), ge), "true");
  EXPECT_EQ(CmpText(L({1, 2}), L({1, kNull}), ge), "null");
  EXPECT_EQ(CmpText(L({1, "a"}), L({1, kNull}), ge), "null");
  EXPECT_EQ(CmpText(L({1, 2}), L({3, kNull}), ge), "false");
}

TEST(CompareValuesTest, NaNComparesFalseWithNumbersAndNullWithOthers) {
  for (BinaryOp op :
       {BinaryOp::kLess, BinaryOp::kLessEqual, BinaryOp::kGreater, BinaryOp::kGreaterEqual}) {
    EXPECT_EQ(CmpText(kNaN, 1, op), "false");
    EXPECT_EQ(CmpText(kNaN, 1.0, op), "false");
    EXPECT_EQ(CmpText(kNaN, kNaN, op), "false");
    EXPECT_EQ(CmpText(kNaN, "a", op), "null");
  }
}

TEST(CompareValuesTest, ComparabilityOfNumbersAndStrings) {
  EXPECT_EQ(CmpText(1.0, 1.0, BinaryOp::kLess), "false");
  EXPECT_EQ(CmpText(1, 1.0, BinaryOp::kLess), "false");
  EXPECT_EQ(CmpText(1, 1.0, BinaryOp::kLessEqual), "true");
  EXPECT_EQ(CmpText("1.0", 1.0, BinaryOp::kLess), "null");
  EXPECT_EQ(CmpText("1", 1, BinaryOp::kLess), "null");
  EXPECT_EQ(CmpText(1, 3.14, BinaryOp::kLess), "true");
  EXPECT_EQ(CmpText(3.14, 1, BinaryOp::kGreater), "true");
  EXPECT_EQ(CmpText("a", "b", BinaryOp::kLess), "true");
  EXPECT_EQ(CmpText("xx", "x", BinaryOp::kGreater), "true");
  EXPECT_EQ(CmpText("b", "b", BinaryOp::kGreaterEqual), "true");
  EXPECT_EQ(CmpText(false, true, BinaryOp::kLess), "true");
  EXPECT_EQ(CmpText(kNull, kNull, BinaryOp::kLessEqual), "null");
}

TEST(CompareValuesTest, AcrossKindsOnlyNumbersCompare) {
  // Comparison2 scenario 3: among [n, r, p, '', 1, 3.14, true, null, [], {}], the only pairs
  // of distinct elements with a true comparison are 1 and 3.14.
  const List types = {NodeRef{0}, RelRef{0}, PathValue{{0, 1}, {0}}, "", 1, 3.14, true, kNull,
                      L({}),      M({})};
  for (BinaryOp op :
       {BinaryOp::kLess, BinaryOp::kLessEqual, BinaryOp::kGreater, BinaryOp::kGreaterEqual}) {
    int true_count = 0;
    for (std::size_t i = 0; i < types.size(); ++i) {
      for (std::size_t j = 0; j < types.size(); ++j) {
        if (i == j) continue;
        const Value r = CompareValues(types[i], types[j], op);
        if (r.is_bool() && r.as_bool()) {
          ++true_count;
          EXPECT_TRUE(types[i].is_number() && types[j].is_number());
        }
      }
    }
    EXPECT_EQ(true_count, 1);
  }
}

TEST(CompareValuesTest, EntitiesAndMapsAreNotComparable) {
  EXPECT_EQ(CmpText(NodeRef{1}, NodeRef{2}, BinaryOp::kLess), "null");
  EXPECT_EQ(CmpText(RelRef{1}, RelRef{2}, BinaryOp::kLess), "null");
  EXPECT_EQ(CmpText(M({{"a", 1}}), M({{"a", 2}}), BinaryOp::kLess), "null");
}

// --- OrderCompare (TCK clauses/return-orderby/ReturnOrderBy1) ---------------------------------

std::vector<Value> Sorted(std::vector<Value> values) {
  std::stable_sort(values.begin(), values.end(),
                   [](const Value& a, const Value& b) { return OrderCompare(a, b) < 0; });
  return values;
}

// Same kinds, equivalent values, same positions (Value's == would call NaN unequal to itself).
void ExpectSameSequence(const std::vector<Value>& actual, const std::vector<Value>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i].kind(), expected[i].kind()) << "position " << i;
    EXPECT_TRUE(Equivalent(actual[i], expected[i]))
        << "position " << i << ": " << testing::PrintToString(actual[i]) << " vs "
        << testing::PrintToString(expected[i]);
  }
}

TEST(OrderCompareTest, StringsAndBooleans) {
  EXPECT_EQ(Sorted({".*", "", " ", "one"}), (std::vector<Value>{"", " ", ".*", "one"}));
  EXPECT_EQ(Sorted({true, false}), (std::vector<Value>{false, true}));
  // Code-point order, not locale order: 'B' < 'a' < 'b' < 'é'.
  EXPECT_EQ(Sorted({"é", "b", "a", "B"}), (std::vector<Value>{"B", "a", "b", "é"}));
}

TEST(OrderCompareTest, NumbersMixIntsAndFloatsWithNaNLast) {
  ExpectSameSequence(Sorted({1.5, 1.3, 999.99, 2, -kInf, kNaN, kInf, 1}),
                     {-kInf, 1, 1.3, 1.5, 2, 999.99, kInf, kNaN});
  EXPECT_EQ(OrderCompare(1, 1.0), 0);
  EXPECT_EQ(OrderCompare(kNaN, kNaN), 0);
  EXPECT_LT(OrderCompare(std::int64_t{9007199254740992}, std::int64_t{9007199254740993}), 0);
  EXPECT_LT(OrderCompare(9007199254740992.0, std::int64_t{9007199254740993}), 0);
}

TEST(OrderCompareTest, ListsFollowReturnOrderBy1Scenario9) {
  const std::vector<Value> input = {L({}),       L({"a"}),      L({"a", 1}),   L({1}),
                                    L({1, "a"}), L({1, kNull}), L({kNull, 1}), L({kNull, 2})};
  std::vector<Value> shuffled(input.rbegin(), input.rend());
  std::swap(shuffled[1], shuffled[5]);
  EXPECT_EQ(Sorted(shuffled), input);
}

TEST(OrderCompareTest, KindsFollowReturnOrderBy1Scenario11) {
  const std::vector<Value> expected = {M({{"a", "map"}}),
                                       NodeRef{1},
                                       RelRef{1},
                                       L({"list"}),
                                       PathValue{{1, 2}, {1}},
                                       "text",
                                       false,
                                       1.5,
                                       kNaN,
                                       kNull};
  const std::vector<Value> input = {
      NodeRef{1}, RelRef{1}, PathValue{{1, 2}, {1}}, 1.5, L({"list"}), "text", kNull,
      false,      kNaN,      M({{"a", "map"}})};
  ExpectSameSequence(Sorted(input), expected);
}

// --- Equivalent and EquivalenceHash -----------------------------------------------------------

TEST(EquivalentTest, NullAndNaNAreEquivalentToThemselves) {
  const std::vector<std::pair<Value, Value>> pairs = {
      {kNull, kNull},
      {kNaN, kNaN},
      {1, 1.0},
      {0, -0.0},
      {L({1, kNull}), L({1.0, kNull})},
      {M({{"name", L({"A", "B"})}}), M({{"name", L({"A", "B"})}})},
      {M({{"k", kNull}}), M({{"k", kNull}})},
      {PathValue{{1, 2}, {3}}, PathValue{{1, 2}, {3}}},
      {std::int64_t{9007199254740992}, 9007199254740992.0},
  };
  for (const auto& [a, b] : pairs) {
    EXPECT_TRUE(Equivalent(a, b)) << testing::PrintToString(a.kind());
    EXPECT_EQ(EquivalenceHash(a), EquivalenceHash(b));
  }
}

TEST(EquivalentTest, DifferentValuesAreNotEquivalent) {
  EXPECT_FALSE(Equivalent(1, "1"));
  EXPECT_FALSE(Equivalent(kNull, 0));
  EXPECT_FALSE(Equivalent(kNaN, 1.0));
  EXPECT_FALSE(Equivalent(NodeRef{1}, RelRef{1}));
  EXPECT_FALSE(Equivalent(L({1}), L({1, kNull})));
  EXPECT_FALSE(Equivalent(M({{"k", kNull}}), M({})));
  EXPECT_FALSE(Equivalent(1.5, 1));
  EXPECT_FALSE(Equivalent(std::int64_t{9007199254740993}, 9007199254740992.0));
  EXPECT_NE(EquivalenceHash(NodeRef{1}), EquivalenceHash(RelRef{1}));
  EXPECT_NE(EquivalenceHash(1), EquivalenceHash(2));
}

// --- Properties on random nested values -------------------------------------------------------

// Small domains so that random values often tie (1 and 1.0, equal lists), which is where
// ordering and hashing bugs hide.
class RandomValues {
 public:
  explicit RandomValues(std::uint32_t seed) : rng_(seed) {}
  Value Next(int depth = 0) {
    const int kind = Pick(depth >= 2 ? 9 : 12);
    switch (kind) {
      case 0:
        return kNull;
      case 1:
        return Pick(2) == 1;
      case 2:
        return Pick(4) - 1;
      case 3: {
        const double floats[] = {0.0, -0.0, 1.0, 1.5, -1.0, 2.0, kNaN, kInf, -kInf};
        return floats[Pick(9)];
      }
      case 4: {
        const char* strings[] = {"", "a", "b", "ab"};
        return strings[Pick(4)];
      }
      case 5:
        return NodeRef{static_cast<ElementId>(Pick(3))};
      case 6:
        return RelRef{static_cast<ElementId>(Pick(3))};
      case 7: {
        PathValue p;
        p.nodes.push_back(static_cast<ElementId>(Pick(2)));
        for (int hops = Pick(3); hops > 0; --hops) {
          p.rels.push_back(static_cast<ElementId>(Pick(2)));
          p.nodes.push_back(static_cast<ElementId>(Pick(2)));
        }
        return p;
      }
      case 8:
        return Pick(2) == 0 ? Value(std::int64_t{2}) : Value(2.0);
      case 9:
      case 10: {
        List items;
        for (int n = Pick(4); n > 0; --n) items.push_back(Next(depth + 1));
        return items;
      }
      default: {
        Map entries;
        const char* keys[] = {"a", "b", "c"};
        for (int n = Pick(3); n > 0; --n) entries[keys[Pick(3)]] = Next(depth + 1);
        return entries;
      }
    }
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::mt19937 rng_;
};

int SignOf(int c) { return (c > 0) - (c < 0); }

TEST(ValueOpsPropertyTest, OrderCompareIsATotalOrderConsistentWithEquivalence) {
  RandomValues gen(20261130);
  std::vector<Value> values;
  for (int i = 0; i < 300; ++i) values.push_back(gen.Next());
  int ties = 0;
  for (const Value& a : values) {
    EXPECT_EQ(OrderCompare(a, a), 0);
    for (const Value& b : values) {
      const int ab = OrderCompare(a, b);
      ASSERT_EQ(SignOf(ab), -SignOf(OrderCompare(b, a)));
      // Equivalence is exactly "ties in the order", and equivalent values hash alike.
      ASSERT_EQ(Equivalent(a, b), ab == 0);
      if (ab == 0) {
        ++ties;
        ASSERT_EQ(EquivalenceHash(a), EquivalenceHash(b));
      }
    }
  }
  EXPECT_GT(ties, static_cast<int>(values.size()));  // the domain really produced ties

  // Transitivity, checked on the sorted sequence and on random triples.
  const std::vector<Value> sorted = Sorted(values);
  for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
    for (std::size_t j = i + 1; j < sorted.size(); ++j) {
      ASSERT_LE(OrderCompare(sorted[i], sorted[j]), 0) << i << " " << j;
    }
  }
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> index(0, values.size() - 1);
  for (int n = 0; n < 20000; ++n) {
    const Value& a = values[index(rng)];
    const Value& b = values[index(rng)];
    const Value& c = values[index(rng)];
    if (OrderCompare(a, b) <= 0 && OrderCompare(b, c) <= 0) {
      ASSERT_LE(OrderCompare(a, c), 0);
    }
  }
}

TEST(ValueOpsPropertyTest, EqualsTrueImpliesEquivalentAndEqualsIsSymmetric) {
  RandomValues gen(99);
  for (int n = 0; n < 3000; ++n) {
    const Value a = gen.Next();
    const Value b = gen.Next();
    const Value eq = Equals(a, b);
    if (eq.is_bool() && eq.as_bool()) {
      EXPECT_TRUE(Equivalent(a, b));
    }
    // Equals is symmetric.
    EXPECT_EQ(eq, Equals(b, a));
  }
}

// --- FormatValue ------------------------------------------------------------------------------

// A graph with just what FormatValue reads: labels, types, properties, endpoints.
class FakeGraph : public QueryGraph {
 public:
  Token Label(const std::string& name) { return Intern(labels_, name); }
  ElementId AddNode(std::vector<std::string> labels, Map props) {
    std::vector<Token> tokens;
    for (const std::string& l : labels) tokens.push_back(Label(l));
    nodes_.push_back({std::move(tokens), std::move(props)});
    return nodes_.size() - 1;
  }
  ElementId AddRel(const std::string& type, ElementId start, ElementId end, Map props) {
    rels_.push_back({{Intern(types_, type), start, end}, std::move(props)});
    return rels_.size() - 1;
  }

  std::optional<Token> FindLabel(std::string_view name) const override {
    return Find(labels_, name);
  }
  std::optional<Token> FindRelType(std::string_view name) const override {
    return Find(types_, name);
  }
  std::string_view LabelName(Token label) const override { return labels_.at(label); }
  std::string_view RelTypeName(Token type) const override { return types_.at(type); }
  void ForEachNode(const NodeVisitor& visit) const override {
    for (ElementId i = 0; i < nodes_.size() && visit(i); ++i) {
    }
  }
  void ForEachNodeWithLabel(Token, const NodeVisitor&) const override {}
  bool HasNode(ElementId node) const override { return node < nodes_.size(); }
  // Deliberately in insertion order, not name order: FormatValue must sort.
  std::vector<Token> NodeLabels(ElementId node) const override { return nodes_.at(node).labels; }
  bool NodeHasLabel(ElementId node, Token label) const override {
    const auto& l = nodes_.at(node).labels;
    return std::find(l.begin(), l.end(), label) != l.end();
  }
  Value NodeProperty(ElementId node, std::string_view key) const override {
    const auto it = nodes_.at(node).props.find(key);
    return it == nodes_.at(node).props.end() ? Value() : it->second;
  }
  Map NodeProperties(ElementId node) const override { return nodes_.at(node).props; }
  void ForEachRelationship(const NodeVisitor&) const override {}
  bool HasRelationship(ElementId rel) const override { return rel < rels_.size(); }
  RelationshipInfo Relationship(ElementId rel) const override { return rels_.at(rel).info; }
  Value RelProperty(ElementId rel, std::string_view key) const override {
    const auto it = rels_.at(rel).props.find(key);
    return it == rels_.at(rel).props.end() ? Value() : it->second;
  }
  Map RelProperties(ElementId rel) const override { return rels_.at(rel).props; }
  void Expand(ElementId, ExpandDirection, std::span<const Token>,
              const AdjacentVisitor&) const override {}
  std::size_t Degree(ElementId, ExpandDirection, std::span<const Token>) const override {
    return 0;
  }
  ElementId CreateNode(std::span<const std::string>, const Map&) override { return 0; }
  ElementId CreateRelationship(std::string_view, ElementId, ElementId, const Map&) override {
    return 0;
  }
  void SetNodeProperty(ElementId, std::string_view, const Value&) override {}
  void SetRelProperty(ElementId, std::string_view, const Value&) override {}
  void AddLabel(ElementId, std::string_view) override {}
  void RemoveLabel(ElementId, std::string_view) override {}
  void DeleteRelationship(ElementId) override {}
  void DeleteNode(ElementId) override {}
  void Commit() override {}
  void Rollback() override {}

 private:
  struct Node {
    std::vector<Token> labels;
    Map props;
  };
  struct Rel {
    RelationshipInfo info;
    Map props;
  };
  static Token Intern(std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<Token>(it - names.begin());
    names.push_back(name);
    return static_cast<Token>(names.size() - 1);
  }
  static std::optional<Token> Find(const std::vector<std::string>& names, std::string_view name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<Token>(it - names.begin());
  }
  std::vector<std::string> labels_;
  std::vector<std::string> types_;
  std::vector<Node> nodes_;
  std::vector<Rel> rels_;
};

}  // namespace

// Readable failure messages: entities by id, everything else in the TCK's text form.
void PrintTo(const Value& v, std::ostream* os) {
  if (v.is_node()) {
    *os << "node#" << v.as_node().id;
  } else if (v.is_rel()) {
    *os << "rel#" << v.as_rel().id;
  } else if (v.is_path()) {
    *os << "path of " << v.as_path().nodes.size() << " nodes";
  } else if (v.is_list()) {
    *os << '[';
    for (const Value& e : v.as_list()) {
      PrintTo(e, os);
      *os << ", ";
    }
    *os << ']';
  } else if (v.is_map()) {
    *os << '{';
    for (const auto& [k, e] : v.as_map()) {
      *os << k << ": ";
      PrintTo(e, os);
      *os << ", ";
    }
    *os << '}';
  } else {
    *os << FormatValue(v, FakeGraph());
  }
}

namespace {

TEST(FormatValueTest, ScalarsAsTheTckWritesThem) {
  FakeGraph g;
  EXPECT_EQ(FormatValue(kNull, g), "null");
  EXPECT_EQ(FormatValue(true, g), "true");
  EXPECT_EQ(FormatValue(false, g), "false");
  EXPECT_EQ(FormatValue(42, g), "42");
  EXPECT_EQ(FormatValue(-7, g), "-7");
  EXPECT_EQ(FormatValue(std::numeric_limits<std::int64_t>::min(), g), "-9223372036854775808");
  EXPECT_EQ(FormatValue(std::int64_t{4611686018427387905}, g), "4611686018427387905");
}

TEST(FormatValueTest, FloatsFollowLiterals5) {
  FakeGraph g;
  const std::vector<std::pair<double, std::string>> cases = {
      {1.0, "1.0"},
      {.1, "0.1"},
      {3985764.3405892687, "3985764.3405892686"},
      {.3405892687, "0.3405892687"},
      {1.2635418652381264e305, "1.2635418652381264e305"},
      {-1.2635418652381264e305, "-1.2635418652381264e305"},
      {1e-305, "1e-305"},
      {-1e-305, "-1e-305"},
      {0.0, "0.0"},
      {-0.0, "0.0"},
      {1e9, "1000000000.0"},
      {.1e9, "100000000.0"},
      {-1e9, "-1000000000.0"},
      {1e-5, "0.00001"},
      {.1e-5, "0.000001"},
      {-.1e-5, "-0.000001"},
      {1e308, "1e308"},
      {123456789e300, "1.23456789e308"},
      {999.99, "999.99"},
      {-0.5, "-0.5"},
      {123.4, "123.4"},
      {2.0, "2.0"},
      {kNaN, "NaN"},
      {kInf, "Infinity"},
      {-kInf, "-Infinity"},
  };
  for (const auto& [d, text] : cases) EXPECT_EQ(FormatValue(d, g), text) << text;
}

TEST(FormatValueTest, StringsEscapeQuoteAndBackslash) {
  FakeGraph g;
  EXPECT_EQ(FormatValue("", g), "''");
  EXPECT_EQ(FormatValue("text", g), "'text'");
  EXPECT_EQ(FormatValue("'", g), "'\\''");  // Literals6 scenario 4
  // Literals6 scenario 5: RETURN 'a\\bcn5t\'"\\//\\"\'' shows as 'a\\bcn5t\'"\\//\\"\''.
  EXPECT_EQ(FormatValue("a\\bcn5t'\"\\//\\\"'", g), "'a\\\\bcn5t\\'\"\\\\//\\\\\"\\''");
  EXPECT_EQ(FormatValue("🧐🍌❖⋙⚐", g), "'🧐🍌❖⋙⚐'");
}

TEST(FormatValueTest, ListsAndMaps) {
  FakeGraph g;
  EXPECT_EQ(FormatValue(L({}), g), "[]");
  EXPECT_EQ(FormatValue(L({1, 2.5, "a", kNull, L({true})}), g), "[1, 2.5, 'a', null, [true]]");
  EXPECT_EQ(FormatValue(M({}), g), "{}");
  EXPECT_EQ(FormatValue(M({{"b", "x"}, {"a", 1}}), g), "{a: 1, b: 'x'}");
  EXPECT_EQ(FormatValue(M({{"k", L({M({{"n", kNull}})})}}), g), "{k: [{n: null}]}");
}

TEST(FormatValueTest, NodesAndRelationships) {
  FakeGraph g;
  const ElementId empty = g.AddNode({}, {});
  const ElementId labelled = g.AddNode({"X"}, {{"prop", 42}});
  const ElementId both = g.AddNode({"B", "A"}, {{"name", "x"}, {"age", 1}});
  const ElementId props_only = g.AddNode({}, {{"name", "Michael"}});
  EXPECT_EQ(FormatValue(NodeRef{empty}, g), "()");
  EXPECT_EQ(FormatValue(NodeRef{labelled}, g), "(:X {prop: 42})");
  EXPECT_EQ(FormatValue(NodeRef{both}, g), "(:A:B {age: 1, name: 'x'})");
  EXPECT_EQ(FormatValue(NodeRef{props_only}, g), "({name: 'Michael'})");
  const ElementId plain = g.AddRel("REL", empty, labelled, {});
  const ElementId with_props = g.AddRel("T", empty, labelled, {{"p", 1}, {"list", L({1, 2})}});
  EXPECT_EQ(FormatValue(RelRef{plain}, g), "[:REL]");
  EXPECT_EQ(FormatValue(RelRef{with_props}, g), "[:T {list: [1, 2], p: 1}]");
  EXPECT_EQ(FormatValue(L({NodeRef{empty}, RelRef{plain}}), g), "[(), [:REL]]");
}

TEST(FormatValueTest, PathsShowEachRelationshipsOwnDirection) {
  FakeGraph g;
  const ElementId a = g.AddNode({"A"}, {});
  const ElementId b = g.AddNode({"B"}, {});
  const ElementId c = g.AddNode({}, {});
  const ElementId t = g.AddRel("T", a, b, {});
  const ElementId u = g.AddRel("U", c, b, {});
  const ElementId loop = g.AddRel("LOOP", a, a, {});
  EXPECT_EQ(FormatValue(PathValue{{a, b, c}, {t, u}}, g), "<(:A)-[:T]->(:B)<-[:U]-()>");
  EXPECT_EQ(FormatValue(PathValue{{c, b, a}, {u, t}}, g), "<()-[:U]->(:B)<-[:T]-(:A)>");
  EXPECT_EQ(FormatValue(PathValue{{c}, {}}, g), "<()>");
  EXPECT_EQ(FormatValue(PathValue{{a, a}, {loop}}, g), "<(:A)-[:LOOP]->(:A)>");
}

TEST(KindNameTest, NamesEveryKind) {
  EXPECT_STREQ(KindName(ValueKind::kNull), "Null");
  EXPECT_STREQ(KindName(ValueKind::kBool), "Boolean");
  EXPECT_STREQ(KindName(ValueKind::kInt), "Integer");
  EXPECT_STREQ(KindName(ValueKind::kFloat), "Float");
  EXPECT_STREQ(KindName(ValueKind::kString), "String");
  EXPECT_STREQ(KindName(ValueKind::kList), "List");
  EXPECT_STREQ(KindName(ValueKind::kMap), "Map");
  EXPECT_STREQ(KindName(ValueKind::kNode), "Node");
  EXPECT_STREQ(KindName(ValueKind::kRelationship), "Relationship");
  EXPECT_STREQ(KindName(ValueKind::kPath), "Path");
}

}  // namespace
}  // namespace sutra::cypher
