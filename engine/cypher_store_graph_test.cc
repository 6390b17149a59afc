#include "engine/cypher_store_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "engine/cypher/errors.h"
#include "engine/cypher/query.h"
#include "ingest/loader.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine {
namespace {

using cypher::Adjacent;
using cypher::ExpandDirection;
using cypher::Token;
using storage::EdgeType;
using storage::NodeType;

// The committed sample loaded into a fresh temporary database, opened by an Engine.
struct SampleDb {
  SampleDb() {
    {
      auto store = storage::GraphStore::Open(tmp.path(), {.create_if_missing = true});
      EXPECT_TRUE(store.ok());
      auto report = ingest::LoadCsvBundle(**store, SUTRA_SAMPLE_DIR, {});
      EXPECT_TRUE(report.ok()) << report.status().ToString();
    }
    auto opened = Engine::Open(tmp.path());
    EXPECT_TRUE(opened.ok());
    engine = std::move(opened).value();
  }
  storage::GraphStore& store() { return const_cast<storage::GraphStore&>(engine->store()); }
  storage::ReadTxn Read() { return std::move(engine->store().BeginRead()).value(); }

  testing::TempDir tmp;
  std::unique_ptr<Engine> engine;
};

class StoreGraphTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { db_ = new SampleDb(); }
  static void TearDownTestSuite() { delete db_; }
  static SampleDb* db_;
};
SampleDb* StoreGraphTest::db_ = nullptr;

using AdjacentTuple = std::tuple<cypher::ElementId, cypher::ElementId, bool>;

std::vector<AdjacentTuple> Collect(const cypher::QueryGraph& graph, cypher::ElementId node,
                                   ExpandDirection direction, std::span<const Token> types) {
  std::vector<AdjacentTuple> out;
  graph.Expand(node, direction, types, [&](const Adjacent& a) {
    out.emplace_back(a.rel, a.other, a.outgoing);
    return true;
  });
  std::sort(out.begin(), out.end());
  return out;
}

// What the store's own adjacency says Expand must report.
std::vector<AdjacentTuple> Expected(const storage::ReadTxn& txn, storage::NodeId node,
                                    ExpandDirection direction, std::optional<EdgeType> type) {
  std::vector<AdjacentTuple> out;
  EXPECT_TRUE(txn.ForEachNeighbor(node,
                                  [&](const storage::Neighbor& n) {
                                    if (type && n.type != *type) return true;
                                    const bool out_dir = n.direction == storage::Direction::kOut;
                                    if (direction == ExpandDirection::kOutgoing && !out_dir)
                                      return true;
                                    if (direction == ExpandDirection::kIncoming && out_dir)
                                      return true;
                                    if (direction == ExpandDirection::kBoth && !out_dir &&
                                        n.node == node) {
                                      return true;  // a self-loop once
                                    }
                                    out.emplace_back(n.edge, n.node, out_dir);
                                    return true;
                                  })
                  .ok());
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(StoreGraphTest, TokensAreSutraTypes) {
  StoreGraph graph(*db_->engine);
  EXPECT_EQ(graph.FindLabel("PersonRecord"), static_cast<Token>(NodeType::kPersonRecord));
  EXPECT_EQ(graph.FindLabel("Robot"), std::nullopt);
  EXPECT_EQ(graph.FindLabel("case"), std::nullopt);  // labels are case-sensitive
  EXPECT_EQ(graph.FindRelType("ACCUSED_IN"), static_cast<Token>(EdgeType::kAccusedIn));
  EXPECT_EQ(graph.FindRelType("KNOWS"), std::nullopt);
  EXPECT_EQ(graph.LabelName(static_cast<Token>(NodeType::kVehicle)), "Vehicle");
  EXPECT_EQ(graph.RelTypeName(static_cast<Token>(EdgeType::kSameAs)), "SAME_AS");
}

TEST_F(StoreGraphTest, ReadsAgreeWithTheStoreWithAndWithoutTheSnapshot) {
  StoreGraph fast(*db_->engine);
  StoreGraph plain(db_->store(), nullptr);
  EXPECT_TRUE(fast.UsingSnapshot());
  EXPECT_FALSE(plain.UsingSnapshot());
  storage::ReadTxn txn = db_->Read();
  std::map<storage::NodeId, NodeType> types;
  ASSERT_TRUE(txn.ScanNodeTypes([&](storage::NodeId id, NodeType t) { types[id] = t; }).ok());
  ASSERT_EQ(types.size(), 407u);

  for (const StoreGraph* graph : {&fast, &plain}) {
    std::vector<cypher::ElementId> all;
    graph->ForEachNode([&](cypher::ElementId id) {
      all.push_back(id);
      return true;
    });
    EXPECT_EQ(all.size(), types.size());
    for (NodeType t : storage::kAllNodeTypes) {
      std::vector<cypher::ElementId> got, want;
      graph->ForEachNodeWithLabel(static_cast<Token>(t), [&](cypher::ElementId id) {
        got.push_back(id);
        return true;
      });
      for (const auto& [id, type] : types) {
        if (type == t) want.push_back(id);
      }
      EXPECT_EQ(got, want) << storage::NodeTypeName(t);
    }
    std::size_t rels = 0;
    graph->ForEachRelationship([&](cypher::ElementId) { return ++rels, true; });
    EXPECT_EQ(rels, 594u);

    const Token accused = static_cast<Token>(EdgeType::kAccusedIn);
    const Token uses = static_cast<Token>(EdgeType::kUses);
    const Token two[] = {uses, accused};
    for (const auto& [id, type] : types) {
      EXPECT_EQ(graph->NodeLabels(id), std::vector<Token>{static_cast<Token>(type)});
      EXPECT_TRUE(graph->NodeHasLabel(id, static_cast<Token>(type)));
      for (ExpandDirection d :
           {ExpandDirection::kOutgoing, ExpandDirection::kIncoming, ExpandDirection::kBoth}) {
        auto all_types = Collect(*graph, id, d, {});
        EXPECT_EQ(all_types, Expected(txn, id, d, std::nullopt)) << id;
        EXPECT_EQ(graph->Degree(id, d, {}), all_types.size());
        EXPECT_EQ(Collect(*graph, id, d, {&accused, 1}),
                  Expected(txn, id, d, EdgeType::kAccusedIn));
        auto both = Expected(txn, id, d, EdgeType::kAccusedIn);
        auto more = Expected(txn, id, d, EdgeType::kUses);
        both.insert(both.end(), more.begin(), more.end());
        std::sort(both.begin(), both.end());
        EXPECT_EQ(Collect(*graph, id, d, two), both);
      }
    }
    EXPECT_FALSE(graph->HasNode(999999));
    EXPECT_TRUE(graph->NodeLabels(999999).empty());
    EXPECT_TRUE(Collect(*graph, 999999, ExpandDirection::kBoth, {}).empty());
  }
  fast.Commit();
  plain.Commit();
}

TEST_F(StoreGraphTest, PropertiesAreTheStoredOnesAndRelationshipsShowProvenance) {
  StoreGraph graph(*db_->engine);
  storage::ReadTxn txn = db_->Read();
  std::size_t checked = 0;
  ASSERT_TRUE(txn.ForEachNode([&](const storage::Node& node) {
                   cypher::Map props = graph.NodeProperties(node.id);
                   EXPECT_EQ(props.size(), node.properties.size());
                   for (const auto& [key, value] : node.properties) {
                     cypher::Value expected =
                         std::visit([](const auto& v) { return cypher::Value(v); }, value);
                     EXPECT_EQ(props[key], expected) << node.id << " " << key;
                     EXPECT_EQ(graph.NodeProperty(node.id, key), expected);
                   }
                   EXPECT_TRUE(graph.NodeProperty(node.id, "no_such_key").is_null());
                   ++checked;
                   return true;
                 })
                  .ok());
  EXPECT_EQ(checked, 407u);
  std::size_t calls = 0;
  ASSERT_TRUE(txn.ForEachEdge([&](const storage::Edge& edge) {
                   cypher::RelationshipInfo info = graph.Relationship(edge.id);
                   EXPECT_EQ(info.type, static_cast<Token>(edge.type));
                   EXPECT_EQ(info.start, edge.from);
                   EXPECT_EQ(info.end, edge.to);
                   cypher::Map props = graph.RelProperties(edge.id);
                   EXPECT_EQ(props["fir"], cypher::Value(edge.provenance.fir));
                   EXPECT_EQ(graph.RelProperty(edge.id, "station"),
                             cypher::Value(edge.provenance.station));
                   EXPECT_EQ(props["batch"],
                             cypher::Value(static_cast<std::int64_t>(edge.provenance.batch)));
                   if (edge.type == EdgeType::kCalled) {
                     ++calls;
                     EXPECT_EQ(graph.RelProperty(edge.id, "started_at"),
                               cypher::Value(*storage::GetString(edge.properties, "started_at")));
                   }
                   return true;
                 })
                  .ok());
  EXPECT_EQ(calls, 31u);
  graph.Commit();
}

// The executor re-checks equality, so an index may return more than the matches but never less.
TEST_F(StoreGraphTest, IndexLookupsFindEveryMatchAndOnlyTheLabel) {
  StoreGraph graph(*db_->engine);
  storage::ReadTxn txn = db_->Read();
  const std::pair<NodeType, const char*> indexed[] = {
      {NodeType::kCase, "fir_number"},      {NodeType::kPhone, "number"},
      {NodeType::kVehicle, "registration"}, {NodeType::kPersonRecord, "name"},
      {NodeType::kStation, "code"},         {NodeType::kStation, "name"}};
  for (const auto& [type, key] : indexed) {
    std::map<std::string, std::set<storage::NodeId>> by_value;
    ASSERT_TRUE(txn.ForEachNode([&](const storage::Node& n) {
                     if (n.type != type) return true;
                     if (auto v = storage::GetString(n.properties, key)) by_value[*v].insert(n.id);
                     return true;
                   })
                    .ok());
    ASSERT_FALSE(by_value.empty()) << key;
    for (const auto& [value, ids] : by_value) {
      if (value.empty()) continue;
      std::set<storage::NodeId> found;
      EXPECT_TRUE(graph.FindNodesByProperty(static_cast<Token>(type), key, cypher::Value(value),
                                            [&](cypher::ElementId id) {
                                              found.insert(id);
                                              return true;
                                            }));
      EXPECT_TRUE(std::includes(found.begin(), found.end(), ids.begin(), ids.end()))
          << key << " = " << value;
      for (storage::NodeId id : found) {
        EXPECT_TRUE(graph.NodeHasLabel(id, static_cast<Token>(type)));
      }
    }
  }
  // Not indexed: the executor scans.
  EXPECT_FALSE(graph.FindNodesByProperty(static_cast<Token>(NodeType::kLocation), "address",
                                         cypher::Value("x"),
                                         [](cypher::ElementId) { return true; }));
  EXPECT_FALSE(graph.FindNodesByProperty(static_cast<Token>(NodeType::kCase), "fir_number",
                                         cypher::Value(std::int64_t{7}),
                                         [](cypher::ElementId) { return true; }));
  graph.Commit();
}

TEST_F(StoreGraphTest, WritesAreSeenByTheQueryAndGoneAfterRollback) {
  StoreGraph graph(*db_->engine);
  const Token case_label = static_cast<Token>(NodeType::kCase);
  std::size_t cases = 0;
  graph.ForEachNodeWithLabel(case_label, [&](cypher::ElementId) { return ++cases, true; });
  ASSERT_EQ(cases, 50u);
  EXPECT_TRUE(graph.UsingSnapshot());

  const std::string labels[] = {"Case"};
  const auto c = graph.CreateNode(labels, {{"fir_number", cypher::Value("9999/2024")},
                                           {"priority", cypher::Value(std::int64_t{3})}});
  const std::string record_labels[] = {"PersonRecord"};
  const auto p = graph.CreateNode(record_labels, {{"name", cypher::Value("Test Person")}});
  const auto r = graph.CreateRelationship(
      "ACCUSED_IN", p, c, {{"fir", cypher::Value("9999/2024")}, {"note", cypher::Value(true)}});
  EXPECT_FALSE(graph.UsingSnapshot());
  EXPECT_TRUE(graph.HasNode(c));
  EXPECT_TRUE(graph.NodeHasLabel(c, case_label));
  EXPECT_EQ(graph.NodeProperty(c, "priority"), cypher::Value(std::int64_t{3}));
  cases = 0;
  graph.ForEachNodeWithLabel(case_label, [&](cypher::ElementId) { return ++cases, true; });
  EXPECT_EQ(cases, 51u);
  const Token accused = static_cast<Token>(EdgeType::kAccusedIn);
  EXPECT_EQ(Collect(graph, p, ExpandDirection::kOutgoing, {&accused, 1}),
            (std::vector<AdjacentTuple>{{r, c, true}}));
  EXPECT_EQ(graph.Relationship(r).start, p);
  EXPECT_EQ(graph.RelProperty(r, "fir"), cypher::Value("9999/2024"));
  EXPECT_EQ(graph.RelProperty(r, "note"), cypher::Value(true));
  EXPECT_TRUE(graph.RelProperty(r, "batch").is_int());  // the query's batch

  // The new nodes are found through the indexes too.
  std::vector<cypher::ElementId> found;
  graph.FindNodesByProperty(case_label, "fir_number", cypher::Value("9999/2024"),
                            [&](cypher::ElementId id) { return found.push_back(id), true; });
  EXPECT_EQ(found, std::vector<cypher::ElementId>{c});

  graph.SetNodeProperty(c, "priority", cypher::Value(std::int64_t{5}));
  graph.SetNodeProperty(c, "fir_number", cypher::Value());  // null removes
  EXPECT_EQ(graph.NodeProperty(c, "priority"), cypher::Value(std::int64_t{5}));
  EXPECT_TRUE(graph.NodeProperty(c, "fir_number").is_null());
  graph.SetRelProperty(r, "note", cypher::Value("checked"));
  EXPECT_EQ(graph.RelProperty(r, "note"), cypher::Value("checked"));
  EXPECT_EQ(graph.Relationship(r).end, c);

  graph.Rollback();
  EXPECT_FALSE(graph.HasNode(c));
  EXPECT_FALSE(graph.HasNode(p));
  EXPECT_FALSE(graph.HasRelationship(r));
  EXPECT_TRUE(graph.UsingSnapshot());
  storage::ReadTxn txn = db_->Read();
  EXPECT_FALSE(txn.GetNode(c)->has_value());
  graph.Commit();
}

TEST(StoreGraphWriteTest, CommittedWritesPersistIncludingChangesToLoadedElements) {
  SampleDb db;
  storage::NodeId phone = 0, call = 0;
  {
    storage::ReadTxn txn = db.Read();
    ASSERT_TRUE(txn.ForEachEdge([&](const storage::Edge& e) {
                     if (e.type != EdgeType::kCalled) return true;
                     call = e.id;
                     phone = e.from;
                     return false;
                   })
                    .ok());
  }
  ASSERT_NE(call, 0u);
  cypher::ElementId created = 0, rel = 0;
  {
    StoreGraph graph(*db.engine, {.actor = "inspector", .use_snapshot = true});
    // Changing a loaded node and a loaded call rewrites them in place (same ids).
    graph.SetNodeProperty(phone, "watch", cypher::Value(true));
    graph.SetRelProperty(call, "reviewed", cypher::Value(std::int64_t{1}));
    graph.SetRelProperty(call, "started_at", cypher::Value("2020-01-01T00:00:00"));
    const std::string labels[] = {"Phone"};
    created = graph.CreateNode(labels, {{"number", cypher::Value("+919000000001")}});
    rel = graph.CreateRelationship("CALLED", phone, created, {});
    graph.Commit();
  }
  storage::ReadTxn txn = db.Read();
  auto node = txn.GetNode(phone);
  ASSERT_TRUE(node.ok() && node->has_value());
  EXPECT_EQ((*node)->properties.at("watch"), storage::Value(true));
  auto edge = txn.GetEdge(call);
  ASSERT_TRUE(edge.ok() && edge->has_value());
  EXPECT_EQ((*edge)->properties.at("reviewed"), storage::Value(std::int64_t{1}));
  auto made = txn.GetEdge(rel);
  ASSERT_TRUE(made.ok() && made->has_value());
  EXPECT_EQ((*made)->to, created);
  EXPECT_TRUE((*made)->provenance.fir.empty());  // an analyst annotation
  EXPECT_NE((*made)->provenance.batch, 0u);
  std::size_t problems = 0;
  ASSERT_TRUE(txn.CheckIntegrity([&](const storage::IntegrityProblem& p) {
                   ADD_FAILURE() << p.area << ": " << p.message;
                   ++problems;
                 })
                  .ok());
  EXPECT_EQ(problems, 0u);

  // A second query changes the call again (its key now kept explicitly) and deletes what the
  // first created.
  StoreGraph graph(*db.engine);
  graph.SetRelProperty(call, "reviewed", cypher::Value(std::int64_t{2}));
  graph.DeleteRelationship(rel);
  graph.DeleteNode(created);
  EXPECT_FALSE(graph.HasNode(created));
  graph.Commit();
  storage::ReadTxn after = db.Read();
  EXPECT_FALSE(after.GetNode(created)->has_value());
  EXPECT_EQ((*after.GetEdge(call))->properties.at("reviewed"), storage::Value(std::int64_t{2}));
}

// Real Cypher on the sample, checked against the store's own answer.
TEST_F(StoreGraphTest, CypherPatternsOnTheSampleMatchTheStore) {
  StoreGraph graph(*db_->engine);
  cypher::QueryResult accused =
      cypher::RunQuery(graph,
                       "MATCH (p:PersonRecord)-[:ACCUSED_IN]->(c:Case {fir_number: '0087/2021'}) "
                       "RETURN p.name AS name, c.status AS status ORDER BY name",
                       {});
  ASSERT_EQ(accused.rows.size(), 2u);
  EXPECT_EQ(accused.rows[0][0], cypher::Value("Ganesh Tukaram Pawar"));
  EXPECT_EQ(accused.rows[1][0], cypher::Value("Sunita Ganesh Pawar"));
  EXPECT_EQ(accused.rows[0][1], cypher::Value("acquitted"));  // protection facts as stored

  // Co-accused pairs (two hops through a case), counted from the store's adjacency.
  storage::ReadTxn txn = db_->Read();
  std::int64_t pairs = 0;
  ASSERT_TRUE(txn.ForEachNode([&](const storage::Node& n) {
                   if (n.type != NodeType::kCase) return true;
                   std::int64_t k = 0;
                   EXPECT_TRUE(
                       txn.ForEachNeighbor(n.id, {EdgeType::kAccusedIn, storage::Direction::kIn},
                                           [&](const storage::Neighbor&) { return ++k, true; })
                           .ok());
                   pairs += k * (k - 1);
                   return true;
                 })
                  .ok());
  cypher::QueryResult co = cypher::RunQuery(
      graph,
      "MATCH (a:PersonRecord)-[:ACCUSED_IN]->(:Case)<-[:ACCUSED_IN]-(b:PersonRecord) "
      "RETURN count(*) AS pairs",
      {});
  ASSERT_EQ(co.rows.size(), 1u);
  EXPECT_EQ(co.rows[0][0], cypher::Value(pairs));
  cypher::QueryResult types =
      cypher::RunQuery(graph, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t", {});
  std::int64_t total = 0;
  for (const cypher::List& row : types.rows) total += row[1].as_int();
  EXPECT_EQ(total, 594);
}

TEST(StoreGraphCypherTest, CypherWritesCommitAndAFailedQueryLeavesNothing) {
  SampleDb db;
  StoreGraph graph(*db.engine);
  cypher::QueryResult created = cypher::RunQuery(graph,
                                                 "MATCH (p:PersonRecord {record_id: 'R0002'}) "
                                                 "CREATE (p)-[:USES {fir: '0087/2021', note: 'seen "
                                                 "in CDR'}]->(:Phone {number: '+919000000002'})",
                                                 {});
  EXPECT_EQ(created.stats.nodes_created, 1);
  EXPECT_EQ(created.stats.relationships_created, 1);
  cypher::QueryResult found =
      cypher::RunQuery(graph,
                       "MATCH (p:PersonRecord)-[u:USES]->(f:Phone {number: '+919000000002'}) "
                       "RETURN p.name AS name, u.fir AS fir, u.note AS note",
                       {});
  ASSERT_EQ(found.rows.size(), 1u);
  EXPECT_EQ(found.rows[0],
            (cypher::List{cypher::Value("Ganesh Tukaram Pawar"), cypher::Value("0087/2021"),
                          cypher::Value("seen in CDR")}));
  // The relationship type is refused after the first node was written: the node goes too.
  EXPECT_THROW(cypher::RunQuery(graph, "CREATE (:Case {fir_number: 'Z/1'})-[:KNOWS]->(:Case)", {}),
               cypher::CypherError);
  cypher::QueryResult none =
      cypher::RunQuery(graph, "MATCH (c:Case {fir_number: 'Z/1'}) RETURN count(c) AS n", {});
  EXPECT_EQ(none.rows[0][0], cypher::Value(std::int64_t{0}));
  cypher::QueryResult cases = cypher::RunQuery(graph, "MATCH (c:Case) RETURN count(*) AS n", {});
  EXPECT_EQ(cases.rows[0][0], cypher::Value(std::int64_t{50}));
}

std::string ErrorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const cypher::CypherError& e) {
    return std::string(cypher::ErrorTypeName(e.type())) + ": " + e.message();
  }
  return "no error";
}

TEST_F(StoreGraphTest, ForeignLabelsTypesAndListsAreRefusedClearly) {
  StoreGraph graph(*db_->engine);
  const std::string robot[] = {"Robot"};
  EXPECT_NE(ErrorOf([&] { graph.CreateNode(robot, {}); }).find("PersonRecord"), std::string::npos);
  const std::string two[] = {"Case", "Phone"};
  EXPECT_NE(ErrorOf([&] { graph.CreateNode(two, {}); }).find("exactly one label"),
            std::string::npos);
  const std::string phone[] = {"Phone"};
  const std::string list_error = ErrorOf([&] {
    graph.CreateNode(phone, {{"numbers", cypher::Value(cypher::List{cypher::Value(1)})}});
  });
  EXPECT_NE(list_error.find("TypeError"), std::string::npos) << list_error;
  EXPECT_NE(list_error.find("'numbers'"), std::string::npos) << list_error;
  EXPECT_NE(list_error.find("scalar"), std::string::npos) << list_error;

  const auto a = graph.CreateNode(phone, {});
  const auto b = graph.CreateNode(phone, {});
  const std::string type_error = ErrorOf([&] { graph.CreateRelationship("KNOWS", a, b, {}); });
  EXPECT_NE(type_error.find("'KNOWS'"), std::string::npos);
  EXPECT_NE(type_error.find("CALLED"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { graph.AddLabel(a, "Vehicle"); }).find("cannot change"),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] { graph.RemoveLabel(a, "Phone"); }).find("cannot change"),
            std::string::npos);
  EXPECT_EQ(ErrorOf([&] { graph.AddLabel(a, "Phone"); }), "no error");  // already so
  const auto r = graph.CreateRelationship("CALLED", a, b, {});
  EXPECT_NE(
      ErrorOf([&] { graph.SetRelProperty(r, "fir", cypher::Value("1/2020")); }).find("provenance"),
      std::string::npos);
  graph.Rollback();
}

}  // namespace
}  // namespace sutra::engine
