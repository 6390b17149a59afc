// `CALL sutra.*` on the committed sample: the procedures answer what the engine's own
// link-analysis functions answer, compose with MATCH, and fail clearly on bad calls.
#include "engine/cypher_procedures.h"

#include <gtest/gtest.h>

#include "engine/crime_patterns.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/query.h"
#include "engine/cypher_store_graph.h"
#include "engine/link_analysis.h"
#include "ingest/loader.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine {
namespace {

class CypherProceduresTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    {
      auto store = storage::GraphStore::Open(tmp_->path(), {.create_if_missing = true});
      ASSERT_TRUE(store.ok());
      auto report = ingest::LoadCsvBundle(**store, SUTRA_SAMPLE_DIR, {});
      ASSERT_TRUE(report.ok()) << report.status().ToString();
    }
    auto engine = Engine::Open(tmp_->path());
    ASSERT_TRUE(engine.ok());
    engine_ = std::move(engine).value().release();
    registry_ = new cypher::ProcedureRegistry();
    RegisterSutraProcedures(*registry_, *engine_);
  }
  static void TearDownTestSuite() {
    delete registry_;
    delete engine_;
    delete tmp_;
  }

  cypher::QueryResult Query(std::string_view text) {
    StoreGraph graph(*engine_);
    cypher::QueryOptions options;
    options.procedures = registry_;
    return cypher::RunQuery(graph, text, options);
  }

  static testing::TempDir* tmp_;
  static Engine* engine_;
  static cypher::ProcedureRegistry* registry_;
};
testing::TempDir* CypherProceduresTest::tmp_ = nullptr;
Engine* CypherProceduresTest::engine_ = nullptr;
cypher::ProcedureRegistry* CypherProceduresTest::registry_ = nullptr;

TEST_F(CypherProceduresTest, PageRankAnswersAsTheEngineDoes) {
  CentralityQuery query;
  query.measure = CentralityMeasure::kPageRank;
  query.top = 5;
  auto direct = RankByCentrality(*engine_, query);
  ASSERT_TRUE(direct.ok());
  auto result = Query("CALL sutra.pagerank(5) YIELD node, score RETURN node, score");
  ASSERT_EQ(result.columns, (std::vector<std::string>{"node", "score"}));
  ASSERT_EQ(result.rows.size(), direct->top.size());
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    EXPECT_EQ(result.rows[i][0], cypher::Value(cypher::NodeRef{direct->top[i].node.node.id}));
    EXPECT_DOUBLE_EQ(result.rows[i][1].as_float(), direct->top[i].score);
  }
}

TEST_F(CypherProceduresTest, CoAccusedPairsAsTheEngineFindsThem) {
  algorithms::CoAccusedOptions options;
  options.min_cases = 1;
  options.limit = 50;
  auto direct = FindCoAccused(*engine_, options);
  ASSERT_TRUE(direct.ok());
  ASSERT_FALSE(direct->pairs.empty()) << "the sample has co-accused persons";
  auto result = Query("CALL sutra.coAccused(1, 50) YIELD a, b, cases RETURN a, b, size(cases)");
  ASSERT_EQ(result.rows.size(), direct->pairs.size());
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    EXPECT_EQ(result.rows[i][0], cypher::Value(cypher::NodeRef{direct->pairs[i].a.node.id}));
    EXPECT_EQ(result.rows[i][2],
              cypher::Value(static_cast<std::int64_t>(direct->pairs[i].cases.size())));
  }
}

TEST_F(CypherProceduresTest, ProceduresComposeWithPatterns) {
  // The degree of the top-ranked nodes, counted by MATCH, equals the stored neighbour count.
  auto result =
      Query("CALL sutra.pagerank(3) YIELD node MATCH (node)-[r]-() RETURN id(node), count(r)");
  ASSERT_FALSE(result.rows.empty());
  auto txn = engine_->store().BeginRead();
  ASSERT_TRUE(txn.ok());
  for (const cypher::List& row : result.rows) {
    std::int64_t neighbours = 0;
    ASSERT_TRUE(txn->ForEachNeighbor(static_cast<storage::NodeId>(row[0].as_int()),
                                     [&](const storage::Neighbor&) {
                                       ++neighbours;
                                       return true;
                                     })
                    .ok());
    EXPECT_EQ(row[1], cypher::Value(neighbours));
  }
}

TEST_F(CypherProceduresTest, BadCallsFailWithTheirKind) {
  try {
    Query("CALL sutra.noSuchThing() YIELD x RETURN x");
    FAIL() << "an unknown procedure must be an error";
  } catch (const cypher::CypherError& error) {
    EXPECT_EQ(error.detail(), "ProcedureNotFound");
  }
  try {
    Query("CALL sutra.pagerank('five') YIELD node RETURN node");
    FAIL() << "a string where an integer is declared must be an error";
  } catch (const cypher::CypherError& error) {
    // A literal of the wrong type is caught before the query runs, as the TCK expects.
    EXPECT_EQ(error.detail(), "InvalidArgumentType");
  }
  try {
    Query("CALL sutra.centrality('fame', 3) YIELD node RETURN node");
    FAIL() << "an unknown measure must be an error";
  } catch (const cypher::CypherError& error) {
    EXPECT_EQ(error.type(), cypher::ErrorType::kArgumentError);
  }
}

}  // namespace
}  // namespace sutra::engine
