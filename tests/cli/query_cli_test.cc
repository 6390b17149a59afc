// `sutra query` and `sutra shell` as an analyst uses them on the committed sample: answers in
// the three formats, parameters, scripts, error messages with positions, exit codes, the
// in-memory graph, and the shell fed through a pipe.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;
using nlohmann::json;

// The accused of the sample's FIR 0087/2021 (datasets/sample/persons.csv).
constexpr const char* kAccusedQuery =
    "\"MATCH (p:PersonRecord)-[:ACCUSED_IN]->(c:Case {fir_number: '0087/2021'}) "
    "RETURN p.name AS name, c.status AS status ORDER BY name\"";

class QueryCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    db_ = new std::string(Quote(tmp_->path() / "db"));
    CliRun ingest = Sutra("ingest --db " + *db_ + " " + SUTRA_SAMPLE_DIR);
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
  }
  static void TearDownTestSuite() {
    delete db_;
    delete tmp_;
  }
  static std::string WriteFile(const std::string& name, const std::string& text) {
    const auto path = tmp_->path() / name;
    std::ofstream(path) << text;
    return Quote(path);
  }
  static testing::TempDir* tmp_;
  static std::string* db_;
};
testing::TempDir* QueryCli::tmp_ = nullptr;
std::string* QueryCli::db_ = nullptr;

TEST_F(QueryCli, TableShowsCypherValuesAndTheRowCount) {
  CliRun run = Sutra("query --db " + *db_ + " " + kAccusedQuery);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("name"), std::string::npos);
  EXPECT_NE(run.out.find("'Ganesh Tukaram Pawar'"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("'Sunita Ganesh Pawar'"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("'acquitted'"), std::string::npos) << run.out;  // shown as stored
  EXPECT_NE(run.out.find("(2 rows)"), std::string::npos) << run.out;
}

TEST_F(QueryCli, JsonHasColumnsRowsStatsAndWholeNodes) {
  CliRun run = Sutra("query --db " + *db_ + " --format json " + kAccusedQuery);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const json answer = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(answer.is_object()) << run.out;
  EXPECT_EQ(answer["columns"], json({"name", "status"}));
  EXPECT_EQ(answer["rows"], json::array({json::array({"Ganesh Tukaram Pawar", "acquitted"}),
                                         json::array({"Sunita Ganesh Pawar", "acquitted"})}));
  EXPECT_EQ(answer["stats"]["nodes_created"], 0);

  run = Sutra("query --db " + *db_ +
              " --format json \"MATCH (p:PersonRecord {record_id: 'R0002'})-[r:ACCUSED_IN]->(c) "
              "RETURN p, r\"");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const json row = json::parse(run.out, nullptr, false)["rows"][0];
  EXPECT_EQ(row[0]["labels"], json({"PersonRecord"}));
  EXPECT_EQ(row[0]["properties"]["name"], "Ganesh Tukaram Pawar");
  EXPECT_EQ(row[1]["type"], "ACCUSED_IN");
  EXPECT_EQ(row[1]["start"], row[0]["id"]);
  EXPECT_EQ(row[1]["properties"]["fir"], "0087/2021");  // provenance
}

TEST_F(QueryCli, CsvQuotesFieldsPerRfc4180) {
  CliRun run = Sutra("query --db " + *db_ + " --format csv " + kAccusedQuery);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out,
            "name,status\n'Ganesh Tukaram Pawar','acquitted'\n"
            "'Sunita Ganesh Pawar','acquitted'\n");
  run = Sutra("query --memory --format csv \"RETURN 'a, \\\"b\\\"' AS x, [1, 2] AS l\"");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out, "x,l\n\"'a, \"\"b\"\"'\",\"[1, 2]\"\n");
}

TEST_F(QueryCli, ParametersAreCypherExpressionsOrBareStrings) {
  CliRun run = Sutra("query --db " + *db_ +
                     " --format json --param fir=\"'0087/2021'\" --param role=accused "
                     "--param ids=[1,2] \"MATCH (c:Case {fir_number: \\$fir}) "
                     "RETURN c.status AS s, \\$role AS role, \\$ids AS ids\"");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const json answer = json::parse(run.out, nullptr, false);
  EXPECT_EQ(answer["rows"], json({{"acquitted", "accused", {1, 2}}})) << run.out;
}

TEST_F(QueryCli, ScriptFileRunsEveryStatementInOrder) {
  const std::string file = WriteFile("two.cypher",
                                     "// cases first\n"
                                     "MATCH (c:Case) RETURN count(c) AS cases;\n"
                                     "MATCH (s:Station) RETURN count(*) AS stations; // done\n");
  CliRun run = Sutra("query --db " + *db_ + " --format csv -f " + file);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out, "cases\n50\nstations\n8\n");
}

TEST_F(QueryCli, SyntaxErrorShowsPositionAndCaretAndExitsWith2) {
  const std::string file = WriteFile("bad.cypher",
                                     "MATCH (c:Case)\n"
                                     "RETURN c.fir_number AS fir ORDER BY;\n");
  CliRun run = Sutra("query --db " + *db_ + " -f " + file);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("SyntaxError"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(" at 2:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("  RETURN c.fir_number AS fir ORDER BY\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("^"), std::string::npos) << run.out;

  run = Sutra("query --db " + *db_ + " \"MATCH (n) RETURN m\"");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("UndefinedVariable"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1:18"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\n                   ^"), std::string::npos) << run.out;

  run = Sutra("query --db " + Quote(tmp_->path() / "absent") + " \"RETURN 1\"");
  EXPECT_EQ(run.exit_code, 1) << run.out;
}

TEST_F(QueryCli, SutraRefusesLabelsOutsideItsSchemaAndKeepsNothing) {
  CliRun run = Sutra("query --db " + *db_ + " \"CREATE (:Robot {name: 'x'})\"");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("Robot"), std::string::npos) << run.out;
  run = Sutra("query --db " + *db_ + " --format csv \"MATCH (c:Case) RETURN count(c) AS cases\"");
  EXPECT_EQ(run.out, "cases\n50\n");
}

TEST_F(QueryCli, MemoryGraphCreatesThenMatchesInOneScript) {
  const std::string file = WriteFile("memory.cypher",
                                     "CREATE (:Suspect {name: 'A'})-[:KNOWS]->(:Suspect {name: "
                                     "'B'});\n"
                                     "MATCH (a)-[:KNOWS]->(b) RETURN a.name AS a, b.name AS b;\n");
  CliRun run = Sutra("query --memory -f " + file);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Nodes created: 2"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Relationships created: 1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("'A'  'B'"), std::string::npos) << run.out;
}

TEST_F(QueryCli, ShellRunsPipedStatementsAndSurvivesErrors) {
  const std::string input =
      "printf '%s\\n' ':format csv' 'MATCH (c:Case)' 'RETURN count(c) AS n;' 'RETURN nope;' "
      "':params x=41' 'RETURN $x + 1 AS answer;' ':quit' 'RETURN 0;'";
  testing::CommandRun run = testing::RunCommand(input + " | " + std::string(SUTRA_BIN) +
                                                " shell --purpose \"automated test\" --db " + *db_);
  EXPECT_EQ(run.exit_code, 2) << run.out;  // a statement failed
  EXPECT_NE(run.out.find("n\n50\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("UndefinedVariable"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("answer\n42\n"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("sutra>"), std::string::npos);  // no prompt without a terminal
  EXPECT_EQ(run.out.find("\n0\n"), std::string::npos);   // nothing after :quit

  run = testing::RunCommand("printf 'RETURN 1 AS one;\\n' | " + std::string(SUTRA_BIN) +
                            " shell --memory");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("(1 row)"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace sutra
