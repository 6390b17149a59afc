#include "engine/engine.h"

#include <gtest/gtest.h>

#include "ingest/loader.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine {
namespace {

using storage::NodeType;

// The committed sample loaded once into a temporary database.
class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    {
      auto store = storage::GraphStore::Open(tmp_->path(), {.create_if_missing = true});
      ASSERT_TRUE(store.ok());
      auto report = ingest::LoadCsvBundle(**store, SUTRA_SAMPLE_DIR, {});
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      ASSERT_TRUE(report->rejected.empty()) << report->rejected[0].ToString();
    }
    auto engine = Engine::Open(tmp_->path());
    ASSERT_TRUE(engine.ok());
    engine_ = std::move(engine).value().release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete tmp_;
  }
  static testing::TempDir* tmp_;
  static Engine* engine_;
};
testing::TempDir* EngineTest::tmp_ = nullptr;
Engine* EngineTest::engine_ = nullptr;

TEST_F(EngineTest, OpenMissingDatabaseFailsClearly) {
  auto engine = Engine::Open(tmp_->path() / "absent");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kNotFound);
}

TEST_F(EngineTest, StatsCountEveryTypeAndAddUp) {
  auto stats = engine_->Stats();
  ASSERT_TRUE(stats.ok());
  std::uint64_t nodes = 0;
  for (const auto& [type, count] : stats->nodes_by_type) nodes += count;
  EXPECT_EQ(nodes, stats->total_nodes);
  EXPECT_EQ(stats->nodes_by_type.size(), std::size(storage::kAllNodeTypes));
  EXPECT_EQ(stats->edges_by_type.size(), std::size(storage::kAllEdgeTypes));
}

// The counts hand-checked in datasets/sample/TRUTH.md.
TEST_F(EngineTest, SampleLoadsWithTheHandCheckedCounts) {
  auto stats = engine_->Stats();
  ASSERT_TRUE(stats.ok());
  const std::map<std::string, std::uint64_t> expected_nodes{
      {"Station", 8},  {"Case", 50},  {"PersonRecord", 175}, {"Location", 82},
      {"Vehicle", 11}, {"Phone", 81}, {"Person", 0}};
  for (const auto& [type, count] : stats->nodes_by_type) {
    EXPECT_EQ(count, expected_nodes.at(std::string(storage::NodeTypeName(type))))
        << storage::NodeTypeName(type);
  }
  const std::map<std::string, std::uint64_t> expected_edges{
      {"REGISTERED_AT", 50},  {"OCCURRED_AT", 43}, {"ACCUSED_IN", 79},  {"VICTIM_IN", 49},
      {"COMPLAINANT_IN", 50}, {"WITNESS_IN", 40},  {"ARRESTED_IN", 41}, {"USES", 100},
      {"RESIDES_AT", 88},     {"SEIZED_IN", 8},    {"USED_IN", 8},      {"OWNS", 7},
      {"CALLED", 31},         {"SAME_AS", 0},      {"DROVE", 0}};
  for (const auto& [type, count] : stats->edges_by_type) {
    EXPECT_EQ(count, expected_edges.at(std::string(storage::EdgeTypeName(type))))
        << storage::EdgeTypeName(type);
  }
  EXPECT_EQ(stats->total_nodes, 407u);
  EXPECT_EQ(stats->total_edges, 594u);
}

TEST_F(EngineTest, SearchFindsTheGangPhoneAndAHubShowsItsUsers) {
  // The gang's shared phone of TRUTH.md, written as a record would write it.
  auto hits = engine_->Search("097632 18450", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(storage::DisplayLabel(hits->front()), "+919763218450");
  // The advocate's phone given by six unrelated accused.
  auto hub = engine_->Search("+91 94150 07386", 10);
  ASSERT_TRUE(hub.ok());
  ASSERT_EQ(hub->size(), 1u);
  auto graph = engine_->Expand(hub->front().id, 100);
  ASSERT_TRUE(graph.ok() && graph->has_value());
  EXPECT_GE((*graph)->total_neighbors, 6u);
}

TEST_F(EngineTest, SearchFindsAPhoneInAnySpellingAndExpandShowsItsUsers) {
  // Pick a phone from the data, then search it written differently.
  auto txn = engine_->store().BeginRead();
  ASSERT_TRUE(txn.ok());
  std::string number;
  ASSERT_TRUE(txn->ForEachNode([&](const storage::Node& n) {
                   if (n.type != NodeType::kPhone) return true;
                   number = *storage::GetString(n.properties, "number");
                   return false;
                 })
                  .ok());
  ASSERT_EQ(number.size(), 13u);
  std::string spaced = "0" + number.substr(3, 5) + " " + number.substr(8);
  auto hits = engine_->Search(spaced, 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->front().type, NodeType::kPhone);

  auto graph = engine_->Expand(hits->front().id, 100);
  ASSERT_TRUE(graph.ok() && graph->has_value());
  const storage::Subgraph& g = **graph;
  EXPECT_EQ(g.nodes.front().id, hits->front().id);
  EXPECT_EQ(g.edges.size(), g.total_neighbors);
  EXPECT_FALSE(g.truncated);
  for (const auto& e : g.edges) {
    EXPECT_TRUE(e.from == g.nodes.front().id || e.to == g.nodes.front().id);
    EXPECT_FALSE(e.provenance.fir.empty());
  }
}

TEST_F(EngineTest, ExpandCapsAndSaysSo) {
  auto txn = engine_->store().BeginRead();
  storage::NodeId station = 0;
  ASSERT_TRUE(txn->ForEachNode([&](const storage::Node& n) {
                   if (n.type == NodeType::kStation) station = n.id;
                   return station == 0;
                 })
                  .ok());
  auto full = engine_->Expand(station, 10000);
  ASSERT_TRUE(full.ok() && full->has_value());
  ASSERT_GT((*full)->total_neighbors, 2u);
  auto capped = engine_->Expand(station, 2);
  ASSERT_TRUE(capped.ok() && capped->has_value());
  EXPECT_EQ((*capped)->edges.size(), 2u);
  EXPECT_EQ((*capped)->nodes.size(), 3u);
  EXPECT_TRUE((*capped)->truncated);
  EXPECT_EQ((*capped)->total_neighbors, (*full)->total_neighbors);
}

TEST_F(EngineTest, ExpandOfUnknownIdIsNotFoundAsAValue) {
  auto graph = engine_->Expand(987654321, 10);
  ASSERT_TRUE(graph.ok());
  EXPECT_FALSE(graph->has_value());
  auto hood = engine_->Neighborhood(987654321, {});
  ASSERT_TRUE(hood.ok());
  EXPECT_FALSE(hood->has_value());
}

TEST_F(EngineTest, TwoHopsFromACaseReachesItsPeoplesPhones) {
  auto hits = engine_->Search("IPC", 1);  // not a term: names and FIRs only match whole
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
  auto txn = engine_->store().BeginRead();
  storage::NodeId fir = 0;
  ASSERT_TRUE(txn->ForEachNode([&](const storage::Node& n) {
                   if (n.type == NodeType::kCase) fir = n.id;
                   return fir == 0;
                 })
                  .ok());
  auto one = engine_->Neighborhood(
      fir, {.hops = 1, .per_node_limit = 100, .max_nodes = 1000, .filter = {}});
  auto two = engine_->Neighborhood(
      fir, {.hops = 2, .per_node_limit = 100, .max_nodes = 1000, .filter = {}});
  ASSERT_TRUE(one.ok() && one->has_value() && two.ok() && two->has_value());
  EXPECT_GT((*two)->nodes.size(), (*one)->nodes.size());
  bool phone = false;
  for (const auto& n : (*two)->nodes) phone |= n.type == NodeType::kPhone;
  EXPECT_TRUE(phone) << "the first FIR's persons should have phones";
}

}  // namespace
}  // namespace sutra::engine
