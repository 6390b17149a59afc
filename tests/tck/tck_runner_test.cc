// Tests of the TCK runner's parts: the Gherkin reader, the TCK value literals and their
// comparison, result tables, side effects and test procedures. Whole runs: tck_run_test.cc.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "engine/cypher/memory_graph.h"
#include "tests/tck/gherkin.h"
#include "tests/tck/result_check.h"
#include "tests/tck/side_effects.h"
#include "tests/tck/table_procedure.h"
#include "tests/tck/tck_scenario.h"
#include "tests/tck/tck_value.h"

namespace sutra::cypher::tck {
namespace {

using Kind = TckValue::Kind;

// ---------------------------------------------------------------- Gherkin

constexpr const char* kOutlineFeature = R"(#
# Copyright header, as the TCK has
#encoding: utf-8

@featureTag
Feature: Demo - a feature
  Some description.

  Background:
    Given any graph

  Scenario: [1] Plain
    When executing query:
      """
      MATCH (n)
        RETURN n
      """
    Then the result should be, in any order:
      | n |
    And no side effects

  @ignore
  Scenario Outline: [2] Outline <x>
    When executing query:
      """
      RETURN <x> AS v
      """
    Then the result should be, in order:
      | v   |
      | <x> |

    Examples:
      | x |
      | 1 |
      | 2 |

    Examples:
      | x     |
      | 'a\|b' |
)";

TEST(Gherkin, ReadsScenariosBackgroundDocstringsAndTables) {
  const GherkinFeature feature = ParseFeature(kOutlineFeature);
  EXPECT_EQ(feature.name, "Demo - a feature");
  ASSERT_EQ(feature.scenarios.size(), 4u);
  const GherkinScenario& plain = feature.scenarios[0];
  EXPECT_EQ(plain.name, "[1] Plain");
  EXPECT_EQ(plain.line, 12);
  ASSERT_EQ(plain.steps.size(), 4u);  // the background's step comes first
  EXPECT_EQ(plain.steps[0].keyword, "Given");
  EXPECT_EQ(plain.steps[0].text, "any graph");
  ASSERT_TRUE(plain.steps[1].docstring.has_value());
  // The docstring loses the indentation of its opening quotes and keeps its own.
  EXPECT_EQ(*plain.steps[1].docstring, "MATCH (n)\n  RETURN n");
  EXPECT_EQ(plain.steps[2].table, (GherkinTable{{"n"}}));
  EXPECT_EQ(plain.steps[3].text, "no side effects");
  EXPECT_EQ(plain.tags, (std::vector<std::string>{"@featureTag"}));
}

TEST(Gherkin, ExpandsOutlinesOverEveryExamplesTable) {
  const GherkinFeature feature = ParseFeature(kOutlineFeature);
  ASSERT_EQ(feature.scenarios.size(), 4u);
  EXPECT_EQ(feature.scenarios[1].name, "[2] Outline 1 (example 1)");
  EXPECT_EQ(feature.scenarios[3].name, "[2] Outline 'a|b' (example 3)");
  EXPECT_EQ(feature.scenarios[1].steps[1].docstring, "RETURN 1 AS v");
  EXPECT_EQ(feature.scenarios[2].steps[2].table, (GherkinTable{{"v"}, {"2"}}));
  // The escaped bar of the Examples cell is a plain bar once substituted.
  EXPECT_EQ(feature.scenarios[3].steps[1].docstring, "RETURN 'a|b' AS v");
  EXPECT_EQ(feature.scenarios[3].line, 39);  // its Examples row
  EXPECT_EQ(feature.scenarios[1].tags, (std::vector<std::string>{"@featureTag", "@ignore"}));
}

TEST(Gherkin, AcceptsCrlfLineEnds) {
  const GherkinFeature feature = ParseFeature(
      "Feature: F\r\n  Scenario: S\r\n    Given an empty graph\r\n    When executing query:\r\n"
      "      \"\"\"\r\n      RETURN 1\r\n      \"\"\"\r\n");
  ASSERT_EQ(feature.scenarios.size(), 1u);
  EXPECT_EQ(feature.scenarios[0].steps[0].text, "an empty graph");
  EXPECT_EQ(feature.scenarios[0].steps[1].docstring, "RETURN 1");
}

TEST(Gherkin, RejectsAnUnclosedDocstringAndStrayTables) {
  EXPECT_THROW(ParseFeature("Feature: F\n Scenario: S\n  When executing query:\n   \"\"\"\n   X\n"),
               GherkinError);
  EXPECT_THROW(ParseFeature("Feature: F\n | a |\n"), GherkinError);
}

TEST(Gherkin, SplitsTableRowsWithEscapes) {
  EXPECT_EQ(SplitTableRow(R"(| 'a\|b' | '\\\\' | x\ny |)"),
            (std::vector<std::string>{"'a|b'", R"('\\')", "x\ny"}));
  EXPECT_TRUE(SplitTableRow("|").empty());
  EXPECT_EQ(SplitTableRow("|  |"), (std::vector<std::string>{""}));
}

// ---------------------------------------------------------------- TCK values

TEST(TckValue, ParsesScalars) {
  EXPECT_EQ(ParseTckValue("null").kind, Kind::kNull);
  EXPECT_TRUE(ParseTckValue(" true ").boolean);
  EXPECT_EQ(ParseTckValue("-42").integer, -42);
  EXPECT_EQ(ParseTckValue("-9223372036854775808").integer,
            std::numeric_limits<std::int64_t>::min());
  const TckValue f = ParseTckValue("-1.5e3");
  EXPECT_EQ(f.kind, Kind::kFloat);
  EXPECT_EQ(f.number, -1500.0);
  EXPECT_EQ(ParseTckValue(".5").number, 0.5);
  EXPECT_TRUE(std::isnan(ParseTckValue("NaN").number));
  EXPECT_EQ(ParseTckValue("-Inf").number, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseTckValue("Inf").number, std::numeric_limits<double>::infinity());
}

TEST(TckValue, ParsesStringsWithCypherEscapes) {
  EXPECT_EQ(ParseTckValue("''").text, "");
  EXPECT_EQ(ParseTckValue(R"('\'')").text, "'");
  // Literals6 [5]: the cell (after Gherkin's unescaping) and the value it stands for.
  EXPECT_EQ(ParseTckValue(R"('a\\bcn5t\'"\\//\\"\'')").text, R"(a\bcn5t'"\//\"')");
  EXPECT_EQ(ParseTckValue(R"('\u01FF')").text, "\u01FF");
  EXPECT_EQ(ParseTckValue("\"dq\"").text, "dq");
}

TEST(TckValue, ParsesListsMapsNodesRelationshipsAndPaths) {
  const TckValue list = ParseTckValue("[1, 'a', [], {b: 2, a: [null]}]");
  ASSERT_EQ(list.items.size(), 4u);
  EXPECT_EQ(list.items[2].kind, Kind::kList);
  ASSERT_EQ(list.items[3].entries.size(), 2u);
  EXPECT_EQ(list.items[3].entries[0].first, "a");  // sorted by key

  const TckValue node = ParseTckValue("(:B:A {name: 'x', `odd key`: 1})");
  EXPECT_EQ(node.kind, Kind::kNode);
  EXPECT_EQ(node.labels, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(node.entries[1].first, "odd key");
  EXPECT_EQ(ParseTckValue("()").kind, Kind::kNode);

  const TckValue rel = ParseTckValue("[:T {p: 1}]");
  EXPECT_EQ(rel.kind, Kind::kRelationship);
  EXPECT_EQ(rel.text, "T");

  const TckValue path = ParseTckValue("<(:A)-[:T]->(:B)<-[:U {w: 2}]-()>");
  EXPECT_EQ(path.kind, Kind::kPath);
  ASSERT_EQ(path.items.size(), 5u);
  EXPECT_TRUE(path.items[1].forward);
  EXPECT_FALSE(path.items[3].forward);
  EXPECT_EQ(path.items[3].text, "U");
  EXPECT_EQ(ParseTckValue("<()>").items.size(), 1u);
}

TEST(TckValue, RejectsMalformedLiterals) {
  for (const char* bad : {"", "[1, 2", "{a 1}", "'open", "(:A", "1 2", "12abc",
                          "99999999999999999999", "<(:A)-[:T]-(:B)>", "{a: 1, a: 2}"}) {
    EXPECT_THROW(ParseTckValue(bad), TckValueError) << bad;
  }
}

bool Same(const char* expected, const char* actual, bool ignore_order = false) {
  return TckEqual(ParseTckValue(expected), ParseTckValue(actual), ignore_order);
}

TEST(TckValue, ComparesExactly) {
  EXPECT_FALSE(Same("1", "1.0"));  // an integer is never a float
  EXPECT_TRUE(Same("1.0", "1.00"));
  EXPECT_TRUE(Same("0.1", "0.1000000000000000055511151231257827"));  // the same double
  EXPECT_FALSE(Same("0.3", "0.30000000000000004"));
  EXPECT_TRUE(Same("0.0", "-0.0"));  // Literals5 [9]: RETURN -0.0 gives 0.0
  EXPECT_TRUE(Same("NaN", "NaN"));
  EXPECT_TRUE(Same("{a: 1, b: 2}", "{b: 2, a: 1}"));
  EXPECT_FALSE(Same("{a: 1}", "{a: 1, b: null}"));
  EXPECT_TRUE(Same("(:A:B {p: 1})", "(:B:A {p: 1})"));
  EXPECT_FALSE(Same("(:A)", "(:A {p: 1})"));
  EXPECT_FALSE(Same("[:T]", "[:U]"));
  EXPECT_FALSE(Same("'1'", "1"));
  EXPECT_FALSE(Same("<(:A)-[:T]->(:B)>", "<(:A)<-[:T]-(:B)>"));
}

TEST(TckValue, ListOrderMattersUnlessIgnored) {
  EXPECT_FALSE(Same("[1, 2]", "[2, 1]"));
  EXPECT_TRUE(Same("[1, 2]", "[2, 1]", true));
  EXPECT_TRUE(Same("[[1, 2], 3]", "[3, [2, 1]]", true));
  EXPECT_FALSE(Same("[1, 1, 2]", "[1, 2, 2]", true));  // multisets, not sets
}

TEST(TckValue, FormatsAsTheTckWrites) {
  EXPECT_EQ(FormatTckValue(ParseTckValue("[1, 2.0, 'it\\'s', null, {b: true, a: -Inf}]")),
            "[1, 2.0, 'it\\'s', null, {a: -Inf, b: true}]");
  EXPECT_EQ(FormatTckValue(ParseTckValue("<(:B:A {p: 1})<-[:T]-()>")), "<(:A:B {p: 1})<-[:T]-()>");
  EXPECT_EQ(FormatTckValue(ParseTckValue("1e20")), "1e+20");
}

TEST(TckValue, ConvertsLiteralsToEngineValues) {
  const Value v = ToEngineValue(ParseTckValue("{a: [1, 2.5, 'x'], b: null}"));
  ASSERT_TRUE(v.is_map());
  const List& a = v.as_map().at("a").as_list();
  EXPECT_EQ(a[0], Value(1));
  EXPECT_EQ(a[1], Value(2.5));
  EXPECT_EQ(a[2], Value("x"));
  EXPECT_TRUE(v.as_map().at("b").is_null());
  EXPECT_THROW(ToEngineValue(ParseTckValue("(:A)")), TckValueError);
}

// ---------------------------------------------------------------- graph values, side effects

class GraphTest : public ::testing::Test {
 protected:
  ElementId Node(std::vector<std::string> labels, Map properties = {}) {
    return graph_.CreateNode(labels, properties);
  }
  MemoryGraph graph_;
};

TEST_F(GraphTest, ResolvesNodesRelationshipsAndPathDirections) {
  const ElementId a = Node({"B", "A"}, Map{{"name", Value("a")}});
  const ElementId b = Node({});
  const ElementId r = graph_.CreateRelationship("T", b, a, Map{{"w", Value(2)}});
  graph_.Commit();
  EXPECT_TRUE(
      TckEqual(ParseTckValue("(:A:B {name: 'a'})"), ResolveValue(NodeRef{a}, graph_), false));
  EXPECT_TRUE(TckEqual(ParseTckValue("[:T {w: 2}]"), ResolveValue(RelRef{r}, graph_), false));
  // Walking from a to b crosses r against its direction.
  const Value path = PathValue{{a, b}, {r}};
  EXPECT_EQ(FormatTckValue(ResolveValue(path, graph_)), "<(:A:B {name: 'a'})<-[:T {w: 2}]-()>");
  const Value reversed = PathValue{{b, a}, {r}};
  EXPECT_EQ(FormatTckValue(ResolveValue(reversed, graph_)), "<()-[:T {w: 2}]->(:A:B {name: 'a'})>");
}

TEST_F(GraphTest, CountsLabelsAsDistinctNames) {
  const GraphSnapshot before = TakeSnapshot(graph_);
  Node({"Label"});
  Node({"Label"});
  Node({"A", "B"});
  const SideEffects effects = DiffSnapshots(before, TakeSnapshot(graph_));
  EXPECT_EQ(effects.nodes_added, 3);
  EXPECT_EQ(effects.labels_added, 3);  // Label, A, B
  EXPECT_EQ(FormatSideEffects(effects), "+nodes 3, +labels 3");
}

TEST_F(GraphTest, CountsPropertiesAsTriples) {
  const ElementId n = Node({"A"}, Map{{"name", Value("Andres")}, {"keep", Value(1)}});
  const ElementId m = Node({}, Map{{"x", Value(std::nan(""))}});
  GraphSnapshot before = TakeSnapshot(graph_);
  graph_.SetNodeProperty(n, "name", Value("Michael"));  // replaced: one out, one in
  graph_.SetNodeProperty(n, "keep", Value(1));          // same value: nothing
  graph_.SetNodeProperty(n, "new", Value(List{Value(1), Value(2)}));
  graph_.SetNodeProperty(m, "x", Value(std::nan("")));  // NaN is the same NaN
  SideEffects effects = DiffSnapshots(before, TakeSnapshot(graph_));
  EXPECT_EQ(effects.properties_added, 2);
  EXPECT_EQ(effects.properties_removed, 1);
  EXPECT_EQ(effects.nodes_added, 0);

  before = TakeSnapshot(graph_);
  graph_.SetNodeProperty(n, "keep", Value(1.0));  // an integer replaced by a float
  graph_.SetNodeProperty(n, "new", Value());      // removed
  effects = DiffSnapshots(before, TakeSnapshot(graph_));
  EXPECT_EQ(effects.properties_added, 1);
  EXPECT_EQ(effects.properties_removed, 2);
}

TEST_F(GraphTest, DeletingCountsNodesRelationshipsLabelsAndProperties) {
  const ElementId a = Node({"User"}, Map{{"num", Value(42)}});
  const ElementId b = Node({"User"});
  const ElementId c = Node({"Other"});
  const ElementId r = graph_.CreateRelationship("R", a, b, Map{{"since", Value(1)}});
  const GraphSnapshot before = TakeSnapshot(graph_);
  graph_.DeleteRelationship(r);
  graph_.DeleteNode(a);
  graph_.DeleteNode(c);
  graph_.RemoveLabel(b, "User");  // the last :User goes: the label goes
  const SideEffects effects = DiffSnapshots(before, TakeSnapshot(graph_));
  EXPECT_EQ(effects.nodes_removed, 2);
  EXPECT_EQ(effects.relationships_removed, 1);
  EXPECT_EQ(effects.labels_removed, 2);
  EXPECT_EQ(effects.properties_removed, 2);
  EXPECT_EQ(effects.properties_added, 0);
}

TEST(SideEffectsTable, ReadsCountsAndRejectsUnknownKinds) {
  const SideEffects effects =
      ParseSideEffectsTable({{"+nodes", "2"}, {"-properties", "1"}, {"+labels", "1"}});
  EXPECT_EQ(effects.nodes_added, 2);
  EXPECT_EQ(effects.properties_removed, 1);
  EXPECT_EQ(effects.labels_added, 1);
  EXPECT_EQ(effects.relationships_added, 0);
  EXPECT_THROW(ParseSideEffectsTable({{"+edges", "1"}}), std::invalid_argument);
  EXPECT_THROW(ParseSideEffectsTable({{"+nodes", "x"}}), std::invalid_argument);
}

// ---------------------------------------------------------------- result tables

ResolvedResult Result(std::vector<std::string> columns,
                      std::vector<std::vector<const char*>> rows) {
  ResolvedResult result{std::move(columns), {}};
  for (const auto& row : rows) {
    std::vector<TckValue> values;
    for (const char* cell : row) values.push_back(ParseTckValue(cell));
    result.rows.push_back(std::move(values));
  }
  return result;
}

TEST(ResultCheck, ComparesBagsAndOrderedRows) {
  const GherkinTable expected = {{"a", "b"}, {"1", "'x'"}, {"2", "'y'"}, {"2", "'y'"}};
  const ResolvedResult shuffled = Result({"a", "b"}, {{"2", "'y'"}, {"1", "'x'"}, {"2", "'y'"}});
  EXPECT_FALSE(CompareResult(expected, shuffled, false, false, true));
  const auto order = CompareResult(expected, shuffled, true, false, true);
  ASSERT_TRUE(order);
  EXPECT_EQ(order->category, "wrong order");
  EXPECT_EQ(order->message, "row 1: expected | 1 | 'x' |, got | 2 | 'y' |");

  // Duplicates count: a bag, not a set.
  const ResolvedResult once = Result({"a", "b"}, {{"1", "'x'"}, {"2", "'y'"}, {"1", "'x'"}});
  const auto bag = CompareResult(expected, once, false, false, true);
  ASSERT_TRUE(bag);
  EXPECT_EQ(bag->category, "wrong values");
  EXPECT_EQ(bag->message,
            "expected 3 rows, got 3; missing row | 2 | 'y' |; unexpected row | 1 | 'x' |");
}

TEST(ResultCheck, ChecksColumnNamesInOrderAndEmptiness) {
  const GherkinTable expected = {{"a", "b"}};
  const auto swapped = CompareResult(expected, Result({"b", "a"}, {}), false, false, true);
  ASSERT_TRUE(swapped);
  EXPECT_EQ(swapped->category, "wrong columns");
  EXPECT_FALSE(CompareResult({}, Result({"x"}, {}), false, false, false));
  const auto not_empty = CompareResult({}, Result({"x"}, {{"1"}}), false, false, false);
  ASSERT_TRUE(not_empty);
  EXPECT_EQ(not_empty->category, "wrong row count");
}

TEST(ResultCheck, IgnoresListOrderOnlyWhenAsked) {
  const GherkinTable expected = {{"l"}, {"[1, 2]"}};
  const ResolvedResult actual = Result({"l"}, {{"[2, 1]"}});
  EXPECT_TRUE(CompareResult(expected, actual, false, false, true));
  EXPECT_FALSE(CompareResult(expected, actual, false, true, true));
}

// ---------------------------------------------------------------- test procedures

TEST(TableProcedure, ParsesDeclarations) {
  const ProcedureSignature s = ParseProcedureDeclaration(
      "test.my.proc(name :: STRING?, id :: INTEGER?) :: (city :: STRING?, country_code :: "
      "INTEGER?):");
  EXPECT_EQ(s.name, "test.my.proc");
  ASSERT_EQ(s.inputs.size(), 2u);
  EXPECT_EQ(s.inputs[1].name, "id");
  EXPECT_EQ(s.inputs[1].type, "INTEGER?");
  ASSERT_EQ(s.outputs.size(), 2u);
  EXPECT_EQ(s.outputs[0].name, "city");
  const ProcedureSignature v = ParseProcedureDeclaration("test.doNothing() :: ():");
  EXPECT_TRUE(v.inputs.empty());
  EXPECT_TRUE(v.outputs.empty());
  const ProcedureSignature spaced =
      ParseProcedureDeclaration("test.my.proc(in :: INTEGER?) :: (a :: INTEGER?, b :: INTEGER?) :");
  EXPECT_EQ(spaced.outputs[1].name, "b");
  EXPECT_THROW(ParseProcedureDeclaration("test.proc"), std::invalid_argument);
}

std::vector<List> CallWith(const TableProcedure& procedure, List args) {
  std::vector<List> rows;
  MemoryGraph graph;
  procedure.Call(args, graph, [&](List row) { rows.push_back(std::move(row)); });
  return rows;
}

TEST(TableProcedure, EmitsTheRowsWhoseInputsMatch) {
  const TableProcedure number(ParseProcedureDeclaration("p(in :: NUMBER?) :: (out :: STRING?):"),
                              {{"in", "out"},
                               {"42", "'wisdom'"},
                               {"42.3", "'about right'"},
                               {"null", "'nix'"},
                               {"42", "'again'"}});
  EXPECT_EQ(CallWith(number, {Value(42)}),
            (std::vector<List>{{Value("wisdom")}, {Value("again")}}));
  EXPECT_EQ(CallWith(number, {Value(42.3)}), (std::vector<List>{{Value("about right")}}));
  EXPECT_EQ(CallWith(number, {Value()}), (std::vector<List>{{Value("nix")}}));
  EXPECT_TRUE(CallWith(number, {Value(7)}).empty());

  // An INTEGER argument is accepted for a FLOAT field and matches by value.
  const TableProcedure real(ParseProcedureDeclaration("p(in :: FLOAT?) :: (out :: STRING?):"),
                            {{"in", "out"}, {"42.0", "'close enough'"}});
  EXPECT_EQ(CallWith(real, {Value(42)}), (std::vector<List>{{Value("close enough")}}));

  const TableProcedure labels(ParseProcedureDeclaration("test.labels() :: (label :: STRING?):"),
                              {{"label"}, {"'A'"}, {"'B'"}});
  EXPECT_EQ(CallWith(labels, {}).size(), 2u);
  const TableProcedure nothing(ParseProcedureDeclaration("test.doNothing() :: ():"), {{}});
  EXPECT_TRUE(CallWith(nothing, {}).empty());
  EXPECT_THROW(TableProcedure(ParseProcedureDeclaration("p(in :: INTEGER?) :: (out :: STRING?):"),
                              {{"out", "in"}}),
               std::invalid_argument);
}

// ---------------------------------------------------------------- step recognition

std::optional<std::string> Unsupported(const std::string& text, bool docstring = false,
                                       GherkinTable table = {}) {
  GherkinScenario scenario;
  GherkinStep step{"And", text, 1, std::nullopt, std::move(table)};
  if (docstring) step.docstring = "RETURN 1";
  scenario.steps.push_back(step);
  return FirstUnsupportedStep(scenario);
}

TEST(Steps, RecognizesEveryFormTheTckUses) {
  const GherkinTable table = {{"x"}};
  for (const char* text :
       {"an empty graph", "any graph", "the binary-tree-1 graph",
        "parameters are:", "there exists a procedure test.labels() :: (label :: STRING?):",
        "the result should be empty", "no side effects", "the side effects should be:",
        "a SyntaxError should be raised at compile time: UndefinedVariable",
        "a TypeError should be raised at runtime: InvalidArgumentType",
        "a TypeError should be raised at any time: *",
        "an ArgumentError should be raised at runtime: NumberOutOfRange"}) {
    EXPECT_FALSE(Unsupported(text)) << text;
  }
  for (const char* text : {"having executed:", "executing query:", "executing control query:"}) {
    EXPECT_FALSE(Unsupported(text, true)) << text;
    EXPECT_TRUE(Unsupported(text, false)) << text << " needs its docstring";
  }
  for (const char* text : {"the result should be, in any order:", "the result should be, in order:",
                           "the result should be (ignoring element order for lists):",
                           "the result should be, in order (ignoring element order for lists):"}) {
    EXPECT_FALSE(Unsupported(text, false, table)) << text;
  }
  for (const char* text : {"a graph with a hundred nodes", "the result should be, sorted:",
                           "a SyntaxError should be raised at parse time: X", "the big tree graph",
                           "executing queries:"}) {
    EXPECT_EQ(Unsupported(text), "And " + std::string(text));
  }
}

}  // namespace
}  // namespace sutra::cypher::tck
