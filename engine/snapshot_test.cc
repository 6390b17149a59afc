#include "engine/snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "tests/support/temp_dir.h"

namespace sutra::engine {
namespace {

using storage::EdgeType;
using storage::NodeType;

// The snapshot the engine builds from a scan equals the one CsrGraph::Build makes from the
// stored nodes and edges listed one by one: same nodes, same rows, same arcs.
void ExpectSnapshotMatchesStore(const storage::GraphStore& store) {
  auto txn = store.BeginRead();
  ASSERT_TRUE(txn.ok());
  auto scanned = BuildSnapshot(*txn);
  ASSERT_TRUE(scanned.ok()) << scanned.status().ToString();
  std::vector<algorithms::NodeEntry> nodes;
  std::vector<algorithms::EdgeEntry> edges;
  ASSERT_TRUE(txn->ForEachNode([&](const storage::Node& n) {
                   nodes.push_back({n.id, n.type});
                   return true;
                 })
                  .ok());
  ASSERT_TRUE(txn->ForEachEdge([&](const storage::Edge& e) {
                   edges.push_back({e.id, e.type, e.from, e.to});
                   return true;
                 })
                  .ok());
  const algorithms::CsrGraph expected = algorithms::CsrGraph::Build(nodes, edges);
  ASSERT_EQ(scanned->node_count(), expected.node_count());
  ASSERT_EQ(scanned->arc_count(), expected.arc_count());
  for (algorithms::DenseId v = 0; v < expected.node_count(); ++v) {
    EXPECT_EQ(scanned->node(v).id, expected.node(v).id);
    EXPECT_EQ(scanned->node(v).type, expected.node(v).type);
    auto got = scanned->arcs(v), want = expected.arcs(v);
    ASSERT_EQ(got.size(), want.size()) << "node " << expected.node(v).id;
    for (std::size_t a = 0; a < want.size(); ++a) {
      EXPECT_EQ(got[a].order(), want[a].order()) << "node " << expected.node(v).id;
    }
  }
}

class SnapshotTest : public ::testing::TestWithParam<int> {
 protected:
  // The parameter is the number of nodes: small graphs are scanned by one thread, large ones
  // by two sharing the work.
  void SetUp() override {
    const int node_count = GetParam();
    auto store = storage::GraphStore::Open(tmp_.path(), {.create_if_missing = true});
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    std::mt19937_64 rng(7);
    ASSERT_TRUE(store_
                    ->Update([&](storage::WriteTxn& w) -> Status {
                      std::vector<storage::NodeWrite> nodes;
                      for (int i = 0; i < node_count; ++i) {
                        nodes.push_back({i % 2 ? NodeType::kPhone : NodeType::kPersonRecord,
                                         "n" + std::to_string(i),
                                         {},
                                         {}});
                      }
                      SUTRA_ASSIGN_OR_RETURN(auto ids, w.UpsertNodes(nodes));
                      std::vector<storage::EdgeWrite> edges;
                      for (int i = 0; i < 7 * node_count; ++i) {
                        storage::EdgeWrite& e = edges.emplace_back();
                        e.type = i % 3 ? EdgeType::kUses : EdgeType::kCalled;
                        e.from = ids[rng() % ids.size()].id;
                        e.to = ids[rng() % ids.size()].id;
                        e.discriminator = std::to_string(i);
                      }
                      return w.UpsertEdges(edges).status();
                    })
                    .ok());
  }
  testing::TempDir tmp_;
  std::unique_ptr<storage::GraphStore> store_;
};

TEST_P(SnapshotTest, ScanOfContiguousIdsMatchesTheStoredGraph) {
  ExpectSnapshotMatchesStore(*store_);
}

TEST_P(SnapshotTest, ScanWithHolesLeftByDeletesMatchesTheStoredGraph) {
  // Deleting the first node, the one in the middle (where two threads split the scan) and the last
  // leaves ids that are no longer contiguous: the snapshot must number the survivors through its id
  // table.
  ASSERT_TRUE(store_
                  ->Update([&](storage::WriteTxn& w) -> Status {
                    for (storage::NodeId id : {storage::NodeId{1}, storage::NodeId(GetParam() / 2),
                                               storage::NodeId(GetParam())}) {
                      SUTRA_ASSIGN_OR_RETURN(bool deleted, w.DeleteNode(id));
                      if (!deleted) return NotFound("node " + std::to_string(id));
                    }
                    return Status::Ok();
                  })
                  .ok());
  ExpectSnapshotMatchesStore(*store_);
}

INSTANTIATE_TEST_SUITE_P(OneAndTwoThreads, SnapshotTest, ::testing::Values(60, 6000));

}  // namespace
}  // namespace sutra::engine
