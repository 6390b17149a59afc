// The executor end to end (parse, check, run) on the in-memory graph: what analysts' queries
// return, what updating clauses leave behind, and that a failed query leaves nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "engine/cypher/errors.h"
#include "engine/cypher/memory_graph.h"
#include "engine/cypher/query.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {
namespace {

QueryResult Query(QueryGraph& graph, std::string_view text, Map params = {}) {
  QueryOptions options;
  options.parameters = std::move(params);
  return RunQuery(graph, text, options);
}

// The rows as text, one string per row ("a | b"), in result order.
std::vector<std::string> Rows(const QueryGraph& graph, const QueryResult& result) {
  std::vector<std::string> rows;
  for (const List& row : result.rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += " | ";
      line += FormatValue(row[i], graph);
    }
    rows.push_back(line);
  }
  return rows;
}

std::vector<std::string> Sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

class ExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two gangs sharing a phone: r1, r2 accused in case c1; r2, r3 in c2; r3 uses phone p,
    // which r4 (a victim in c3) also uses.
    Query(graph_,
          "CREATE (r1:Record {name: 'Ravi'}), (r2:Record {name: 'Suresh'}), "
          "(r3:Record {name: 'Imran'}), (r4:Record {name: 'Meena'}), "
          "(c1:Case {fir: 'F1', year: 2021}), (c2:Case {fir: 'F2', year: 2022}), "
          "(c3:Case {fir: 'F3', year: 2023}), (p:Phone {number: '98450'}), "
          "(r1)-[:ACCUSED_IN]->(c1), (r2)-[:ACCUSED_IN]->(c1), (r2)-[:ACCUSED_IN]->(c2), "
          "(r3)-[:ACCUSED_IN]->(c2), (r4)-[:VICTIM_IN]->(c3), (r3)-[:USES]->(p), "
          "(r4)-[:USES]->(p)");
  }
  MemoryGraph graph_;
};

TEST_F(ExecutorTest, CoAccusedOfAPerson) {
  auto result = Query(graph_,
                      "MATCH (r:Record {name: $name})-[:ACCUSED_IN]->(c:Case)<-[:ACCUSED_IN]-(o) "
                      "RETURN o.name AS name, c.fir AS fir ORDER BY name",
                      {{"name", Value("Suresh")}});
  EXPECT_EQ(result.columns, (std::vector<std::string>{"name", "fir"}));
  EXPECT_EQ(Rows(graph_, result), (std::vector<std::string>{"'Imran' | 'F2'", "'Ravi' | 'F1'"}));
}

TEST_F(ExecutorTest, VariableLengthReachesDistinctNodes) {
  auto result = Query(graph_,
                      "MATCH (a:Record {name: 'Ravi'})-[*1..4]-(b:Record) WHERE b <> a "
                      "RETURN count(DISTINCT b) AS n, collect(DISTINCT b.name) AS names");
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0][0], Value(std::int64_t{2}));  // Suresh (2 hops), Imran (4 hops)
  auto many = Query(graph_,
                    "MATCH (a:Record {name: 'Ravi'})-[*1..6]-(b:Record) WHERE b <> a "
                    "RETURN count(DISTINCT b)");
  EXPECT_EQ(many.rows[0][0], Value(std::int64_t{3}));  // and Meena through the phone
}

TEST_F(ExecutorTest, ShortestPathThroughThePhone) {
  auto result = Query(graph_,
                      "MATCH (a:Record {name: 'Ravi'}), (b:Record {name: 'Meena'}), "
                      "p = shortestPath((a)-[*]-(b)) RETURN length(p), "
                      "[n IN nodes(p) | coalesce(n.name, n.fir, n.number)] AS via");
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(
      Rows(graph_, result),
      (std::vector<std::string>{"6 | ['Ravi', 'F1', 'Suresh', 'F2', 'Imran', '98450', 'Meena']"}));
}

TEST_F(ExecutorTest, OptionalMatchKeepsRowsWithNulls) {
  auto result = Query(graph_,
                      "MATCH (r:Record) OPTIONAL MATCH (r)-[:USES]->(p:Phone) "
                      "RETURN r.name, p.number ORDER BY r.name");
  EXPECT_EQ(Rows(graph_, result),
            (std::vector<std::string>{"'Imran' | '98450'", "'Meena' | '98450'", "'Ravi' | null",
                                      "'Suresh' | null"}));
}

TEST_F(ExecutorTest, GroupingCountsPerKey) {
  auto result = Query(graph_,
                      "MATCH (r:Record)-[:ACCUSED_IN]->(c:Case) "
                      "RETURN c.fir AS fir, count(*) AS accused, collect(r.name) AS names "
                      "ORDER BY accused DESC, fir");
  EXPECT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0][1], Value(std::int64_t{2}));
  auto none = Query(graph_, "MATCH (x:Nothing) RETURN count(x), sum(x.v), collect(x)");
  EXPECT_EQ(Rows(graph_, none), (std::vector<std::string>{"0 | 0 | []"}));
}

TEST_F(ExecutorTest, OrderSkipLimitAndDistinct) {
  auto result = Query(graph_, "MATCH (c:Case) RETURN c.fir ORDER BY c.year DESC SKIP 1 LIMIT 1");
  EXPECT_EQ(Rows(graph_, result), (std::vector<std::string>{"'F2'"}));
  auto distinct = Query(graph_, "UNWIND [1, 2, 2, null, null] AS x RETURN DISTINCT x");
  EXPECT_EQ(Sorted(Rows(graph_, distinct)), (std::vector<std::string>{"1", "2", "null"}));
}

TEST_F(ExecutorTest, WithPipelinesAndFilters) {
  auto result = Query(graph_,
                      "MATCH (r:Record)-[:ACCUSED_IN]->(c) WITH r, count(c) AS cases "
                      "WHERE cases > 1 RETURN r.name");
  EXPECT_EQ(Rows(graph_, result), (std::vector<std::string>{"'Suresh'"}));
}

TEST_F(ExecutorTest, UnionRemovesDuplicatesUnionAllKeepsThem) {
  auto u = Query(graph_, "RETURN 1 AS x UNION RETURN 1 AS x");
  EXPECT_EQ(u.rows.size(), 1u);
  auto all = Query(graph_, "RETURN 1 AS x UNION ALL RETURN 1 AS x");
  EXPECT_EQ(all.rows.size(), 2u);
}

TEST_F(ExecutorTest, MergeMatchesOrCreatesOnce) {
  auto first = Query(graph_,
                     "MERGE (p:Phone {number: '77777'}) ON CREATE SET p.new = true "
                     "RETURN p.new");
  EXPECT_EQ(first.stats.nodes_created, 1);
  auto second = Query(graph_,
                      "MERGE (p:Phone {number: '77777'}) ON MATCH SET p.seen = 1 "
                      "RETURN p.new, p.seen");
  EXPECT_EQ(second.stats.nodes_created, 0);
  EXPECT_EQ(Rows(graph_, second), (std::vector<std::string>{"true | 1"}));
}

TEST_F(ExecutorTest, SetRemoveAndLabels) {
  Query(graph_, "MATCH (r:Record {name: 'Ravi'}) SET r:Flagged, r.note = 'acquitted in F1'");
  auto result = Query(graph_, "MATCH (r:Flagged) RETURN r.note, labels(r)");
  EXPECT_EQ(Rows(graph_, result),
            (std::vector<std::string>{"'acquitted in F1' | ['Flagged', 'Record']"}));
  Query(graph_, "MATCH (r:Flagged) REMOVE r:Flagged, r.note");
  EXPECT_TRUE(Query(graph_, "MATCH (r:Flagged) RETURN r").rows.empty());
}

TEST_F(ExecutorTest, DeletingAConnectedNodeFailsAndLeavesTheGraphAsItWas) {
  std::size_t nodes = graph_.node_count();
  std::size_t rels = graph_.relationship_count();
  try {
    Query(graph_, "CREATE (:Scratch) WITH 1 AS one MATCH (p:Phone) DELETE p");
    FAIL() << "deleting a connected node without DETACH must fail";
  } catch (const CypherError& error) {
    EXPECT_EQ(error.type(), ErrorType::kConstraintVerificationFailed);
  }
  EXPECT_EQ(graph_.node_count(), nodes);  // the CREATE of the failed query is undone too
  EXPECT_EQ(graph_.relationship_count(), rels);
  auto deleted = Query(graph_, "MATCH (p:Phone) DETACH DELETE p");
  EXPECT_EQ(deleted.stats.nodes_deleted, 1);
  EXPECT_EQ(deleted.stats.relationships_deleted, 2);
  EXPECT_EQ(graph_.relationship_count(), rels - 2);
}

TEST_F(ExecutorTest, PatternPredicatesAndComprehensions) {
  auto result = Query(graph_,
                      "MATCH (r:Record) WHERE (r)-[:USES]->(:Phone) "
                      "RETURN r.name, [(r)-[:ACCUSED_IN|VICTIM_IN]->(c) | c.fir] AS firs "
                      "ORDER BY r.name");
  EXPECT_EQ(Rows(graph_, result),
            (std::vector<std::string>{"'Imran' | ['F2']", "'Meena' | ['F3']"}));
}

TEST_F(ExecutorTest, RelationshipsAreNotReusedWithinAMatch) {
  // a-[r1]-b-[r2]-a would need the same relationship twice on a single edge.
  MemoryGraph g;
  Query(g, "CREATE (:A)-[:T]->(:B)");
  EXPECT_TRUE(Query(g, "MATCH (a:A)-[r1]-(b)-[r2]-(c) RETURN c").rows.empty());
}

// Property test: count(DISTINCT b) within k hops equals a breadth-first count on random
// graphs.
TEST(ExecutorProperty, DistinctNeighbourhoodsMatchBreadthFirstSearch) {
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    MemoryGraph g;
    const int n = 30;
    Query(g, "UNWIND range(0, $n - 1) AS i CREATE (:P {id: i})", {{"n", Value(n)}});
    std::vector<std::set<int>> adjacency(n);
    List edges;
    for (int e = 0; e < 45; ++e) {
      int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
      edges.push_back(List{Value(a), Value(b)});
      adjacency[a].insert(b);
      adjacency[b].insert(a);
    }
    Query(g, "UNWIND $edges AS e MATCH (a:P {id: e[0]}), (b:P {id: e[1]}) CREATE (a)-[:K]->(b)",
          {{"edges", Value(edges)}});
    for (int start = 0; start < n; start += 7) {
      for (int hops = 1; hops <= 3; ++hops) {
        std::set<int> seen{start};
        std::vector<int> frontier{start};
        for (int h = 0; h < hops; ++h) {
          std::vector<int> next;
          for (int v : frontier) {
            for (int w : adjacency[v]) {
              if (seen.insert(w).second) next.push_back(w);
            }
          }
          frontier = next;
        }
        auto result = Query(g,
                            "MATCH (a:P {id: $id})-[:K*1.." + std::to_string(hops) +
                                "]-(b:P) WHERE b <> a RETURN count(DISTINCT b)",
                            {{"id", Value(start)}});
        EXPECT_EQ(result.rows.at(0).at(0), Value(static_cast<std::int64_t>(seen.size() - 1)))
            << "start " << start << ", " << hops << " hops";
      }
    }
  }
}

// DISTINCT ends of variable-length patterns are found by reachability rather than by
// enumerating trails; they must equal the distinct values of the enumerated rows, including
// the start node itself when a closed trail runs through it.
TEST(ExecutorProperty, DistinctEndsEqualEnumeratedEnds) {
  std::mt19937 rng(11);
  for (int round = 0; round < 6; ++round) {
    MemoryGraph g;
    const int n = 12;
    Query(g, "UNWIND range(0, $n - 1) AS i CREATE (:P {id: i})", {{"n", Value(n)}});
    List edges;
    for (int e = 0; e < 14 + round * 2; ++e) {
      edges.push_back(List{Value(static_cast<int>(rng() % n)), Value(static_cast<int>(rng() % n))});
    }
    Query(g, "UNWIND $edges AS e MATCH (a:P {id: e[0]}), (b:P {id: e[1]}) CREATE (a)-[:K]->(b)",
          {{"edges", Value(edges)}});
    for (const char* range : {"*0..2", "*1..2", "*..3", "*1..3"}) {
      for (const char* arrow : {"-", "->"}) {
        std::string pattern =
            std::string("MATCH (a:P {id: $id})-[:K") + range + "]" + arrow + "(b) ";
        for (int start = 0; start < n; start += 3) {
          Map params{{"id", Value(start)}};
          auto distinct = Query(g, pattern + "RETURN DISTINCT b.id AS id", params);
          auto all = Query(g, pattern + "RETURN b.id AS id", params);
          std::set<std::string> expected, actual;
          for (const std::string& row : Rows(g, all)) expected.insert(row);
          for (const std::string& row : Rows(g, distinct)) actual.insert(row);
          EXPECT_EQ(actual, expected) << pattern << " from " << start;
          EXPECT_EQ(distinct.rows.size(), actual.size());
        }
      }
    }
  }
}

}  // namespace
}  // namespace sutra::cypher
