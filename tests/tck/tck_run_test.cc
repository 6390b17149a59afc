// Tests of whole TCK runs on Sutra's engine, on a small TCK written to a temporary folder:
// scenarios that must pass, each kind of failure the runner reports (values, order, types, side
// effects, errors), skips, filters, unreadable files and the CSV report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/tck/tck_runner.h"

namespace sutra::cypher::tck {
namespace {

// ---------------------------------------------------------------- whole runs on the engine

// A small TCK folder in a temporary directory, removed at the end.
class MiniTck : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("sutra_tck_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    Write("_graphs/graphs/pair/pair.cypher", "CREATE (:A {name: 'a'})-[:T]->(:B {name: 'b'})\n");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  void Write(const std::string& relative, const std::string& text) {
    const std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }

  TckSummary Run(const std::string& filter = "", bool isolate = true) {
    TckOptions options;
    options.root = root_;
    options.filter = filter;
    options.isolate = isolate;
    return RunTck(options);
  }

  static const ScenarioRecord& Find(const TckSummary& summary, const std::string& name) {
    for (const ScenarioRecord& record : summary.scenarios) {
      if (record.name.starts_with(name)) return record;
    }
    throw std::runtime_error("no scenario " + name);
  }

  std::filesystem::path root_;
};

constexpr const char* kWriteFeature = R"(Feature: Writes

  Scenario: [1] Create with side effects
    Given an empty graph
    When executing query:
      """
      CREATE (:L {num: 1}), (:L)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes      | 2 |
      | +labels     | 1 |
      | +properties | 1 |

  Scenario: [2] Wrong side effects
    Given an empty graph
    When executing query:
      """
      CREATE (:L {num: 1})
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes | 1 |

  Scenario: [3] Replacing a property
    Given an empty graph
    And having executed:
      """
      CREATE (:A {name: 'Andres'})
      """
    When executing query:
      """
      MATCH (n:A) SET n.name = 'Michael' RETURN n
      """
    Then the result should be, in any order:
      | n                      |
      | (:A {name: 'Michael'}) |
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |

  Scenario: [4] Named graph, paths and parameters
    Given the pair graph
    And parameters are:
      | wanted | 'b' |
    When executing query:
      """
      MATCH p = (a)<-[:T]-(b) WHERE a.name = $wanted RETURN p
      """
    Then the result should be, in any order:
      | p                                           |
      | <(:B {name: 'b'})<-[:T]-(:A {name: 'a'})> |
    And no side effects
)";

constexpr const char* kReadFeature = R"(Feature: Reads

  Scenario: [1] In order
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x RETURN x ORDER BY x
      """
    Then the result should be, in order:
      | x |
      | 1 |
      | 2 |
      | 3 |
    And no side effects

  Scenario: [2] Wrong order
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x RETURN x ORDER BY x DESC
      """
    Then the result should be, in order:
      | x |
      | 1 |
      | 2 |
      | 3 |

  Scenario: [3] An integer is not a float
    Given any graph
    When executing query:
      """
      RETURN 1 AS x
      """
    Then the result should be, in any order:
      | x   |
      | 1.0 |

  Scenario: [4] Expected error
    Given any graph
    When executing query:
      """
      RETURN undefinedVariable
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [5] Wrong error detail
    Given any graph
    When executing query:
      """
      RETURN undefinedVariable
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [6] Error expected, none raised
    Given any graph
    When executing query:
      """
      RETURN 1 AS x
      """
    Then a TypeError should be raised at any time: *

  @ignore
  Scenario: [7] Ignored
    Given any graph

  Scenario: [8] Unknown step
    Given a graph with a hundred nodes

  Scenario: [9] Procedure
    Given an empty graph
    And there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):
      | in | out   |
      | 1  | 'one' |
    When executing query:
      """
      CALL test.my.proc(1) YIELD out RETURN out
      """
    Then the result should be, in order:
      | out   |
      | 'one' |
)";

TEST_F(MiniTck, PassesAndFailsWritesBySideEffectsAndValues) {
  Write("clauses/write/Writes.feature", kWriteFeature);
  const TckSummary summary = Run();
  EXPECT_EQ(Find(summary, "[1]").outcome.status, ScenarioStatus::kPassed)
      << Find(summary, "[1]").outcome.reason;
  const ScenarioOutcome& wrong = Find(summary, "[2]").outcome;
  EXPECT_EQ(wrong.status, ScenarioStatus::kFailed);
  EXPECT_EQ(wrong.category, "wrong side effects");
  EXPECT_NE(wrong.reason.find("expected +nodes 1, got +nodes 1, +labels 1, +properties 1"),
            std::string::npos)
      << wrong.reason;
  EXPECT_EQ(Find(summary, "[3]").outcome.status, ScenarioStatus::kPassed)
      << Find(summary, "[3]").outcome.reason;
  EXPECT_EQ(Find(summary, "[4]").outcome.status, ScenarioStatus::kPassed)
      << Find(summary, "[4]").outcome.reason;
  EXPECT_EQ(FormatTotals(summary), "3 passed, 1 failed, 0 skipped");
}

TEST_F(MiniTck, ChecksOrderTypesErrorsAndSkips) {
  Write("expressions/read/Reads.feature", kReadFeature);
  const TckSummary summary = Run();
  EXPECT_EQ(Find(summary, "[1]").outcome.status, ScenarioStatus::kPassed)
      << Find(summary, "[1]").outcome.reason;
  EXPECT_EQ(Find(summary, "[2]").outcome.category, "wrong order");
  EXPECT_EQ(Find(summary, "[3]").outcome.category, "wrong values");
  EXPECT_EQ(Find(summary, "[4]").outcome.status, ScenarioStatus::kPassed)
      << Find(summary, "[4]").outcome.reason;
  EXPECT_EQ(Find(summary, "[5]").outcome.category,
            "expected SyntaxError.VariableAlreadyBound, got SyntaxError.UndefinedVariable");
  EXPECT_EQ(Find(summary, "[6]").outcome.category, "expected TypeError.*, query succeeded");
  EXPECT_EQ(Find(summary, "[7]").outcome.status, ScenarioStatus::kSkipped);
  const ScenarioOutcome& unknown = Find(summary, "[8]").outcome;
  EXPECT_EQ(unknown.status, ScenarioStatus::kSkipped);
  EXPECT_EQ(unknown.reason, "unsupported step: Given a graph with a hundred nodes");
  EXPECT_EQ(Find(summary, "[9]").outcome.status, ScenarioStatus::kPassed)
      << Find(summary, "[9]").outcome.reason;
  EXPECT_EQ(FormatTotals(summary), "3 passed, 4 failed, 2 skipped");

  // The same outcomes without the forked children.
  EXPECT_EQ(FormatTotals(Run("", /*isolate=*/false)), "3 passed, 4 failed, 2 skipped");
}

TEST_F(MiniTck, SkipsTemporalFeaturesAndFilters) {
  Write("expressions/temporal/Temporal1.feature", kReadFeature);
  Write("expressions/read/Reads.feature", kReadFeature);
  const TckSummary temporal = Run("temporal");
  EXPECT_EQ(FormatTotals(temporal), "0 passed, 0 failed, 9 skipped");
  EXPECT_NE(temporal.scenarios[0].outcome.reason.find("temporal"), std::string::npos);
  // A filter that matches no path selects scenarios by name, in every file.
  const TckSummary by_name = Run("[1] In order");
  EXPECT_EQ(by_name.files.size(), 2u);
  EXPECT_EQ(FormatTotals(by_name), "1 passed, 0 failed, 1 skipped");
}

TEST_F(MiniTck, ReportsUnreadableFilesAndWritesCsv) {
  Write("broken/Broken.feature",
        "Feature: B\n  Scenario: S\n    When executing query:\n      \"\"\"\n      RETURN 1\n");
  Write("expressions/read/Reads.feature", kReadFeature);
  const TckSummary summary = Run();
  EXPECT_EQ(Find(summary, "(the whole file)").outcome.category, "runner: unreadable feature file");
  std::ostringstream csv;
  WriteReportCsv(summary, csv);
  EXPECT_EQ(csv.str().substr(0, csv.str().find('\n')), "scenario,status,reason");
  EXPECT_NE(csv.str().find("expressions/read/Reads.feature:3 [1] In order,passed,\n"),
            std::string::npos)
      << csv.str();
  std::ostringstream failures;
  PrintFailureSummary(summary, failures);
  EXPECT_NE(failures.str().find("Most common failure reasons"), std::string::npos);
}

TEST(TckRun, AnAbsentRootIsNotAvailable) {
  TckOptions options;
  options.root = "/nonexistent/opencypher-tck";
  EXPECT_FALSE(RunTck(options).available);
}

}  // namespace
}  // namespace sutra::cypher::tck
