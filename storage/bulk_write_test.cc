// The bulk upserts must be indistinguishable from the one-at-a-time calls: same results, same
// stored content (ids, properties, indexes, counters).
#include <gtest/gtest.h>

#include <random>

#include "storage/graph_store.h"
#include "tests/support/temp_dir.h"

namespace sutra::storage {
namespace {

std::unique_ptr<GraphStore> Open(const std::filesystem::path& dir) {
  return std::move(GraphStore::Open(dir, {.create_if_missing = true})).value();
}

TEST(BulkWrite, SameResultsAndContentAsOneAtATime) {
  testing::TempDir tmp;
  auto bulk = Open(tmp.path() / "bulk");
  auto single = Open(tmp.path() / "single");
  std::mt19937 rng(99);
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  std::uint64_t nodes_so_far = 0;
  for (int round = 0; round < 30; ++round) {
    // Nodes: keys from a small pool, so batches repeat keys and hit keys stored earlier.
    std::vector<NodeWrite> nodes;
    for (int i = 0, n = 1 + pick(40); i < n; ++i) {
      NodeWrite w;
      w.type = pick(2) ? NodeType::kPhone : NodeType::kPersonRecord;
      w.key = "k" + std::to_string(pick(60));
      w.properties = {{"v", std::int64_t{pick(3)}}};
      if (pick(2)) w.terms.push_back("t:" + std::to_string(pick(20)));
      nodes.push_back(std::move(w));
    }
    std::vector<UpsertResult> bulk_nodes, single_nodes;
    ASSERT_TRUE(bulk->Update([&](WriteTxn& w) -> Status {
                      SUTRA_ASSIGN_OR_RETURN(bulk_nodes, w.UpsertNodes(nodes));
                      return Status::Ok();
                    })
                    .ok());
    ASSERT_TRUE(single
                    ->Update([&](WriteTxn& w) -> Status {
                      single_nodes.clear();
                      for (const NodeWrite& n : nodes) {
                        SUTRA_ASSIGN_OR_RETURN(auto r, w.UpsertNode(n.type, n.key, n.properties));
                        for (const auto& t : n.terms) SUTRA_RETURN_IF_ERROR(w.AddTerm(t, r.id));
                        single_nodes.push_back(r);
                      }
                      return Status::Ok();
                    })
                    .ok());
    ASSERT_EQ(bulk_nodes.size(), single_nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      EXPECT_EQ(bulk_nodes[i].id, single_nodes[i].id) << "round " << round << " node " << i;
      EXPECT_EQ(bulk_nodes[i].created, single_nodes[i].created) << "round " << round;
      nodes_so_far = std::max(nodes_so_far, bulk_nodes[i].id);
    }
    // Edges among existing nodes, again with repeats inside the batch and across batches.
    std::vector<EdgeWrite> edges;
    for (int i = 0, n = pick(50); i < n; ++i) {
      EdgeWrite e;
      e.type = pick(2) ? EdgeType::kCalled : EdgeType::kUses;
      e.from = 1 + rng() % nodes_so_far;
      e.to = 1 + rng() % nodes_so_far;
      e.properties = {{"w", std::int64_t{pick(2)}}};
      e.provenance = {"F" + std::to_string(pick(3)), "S", static_cast<std::uint64_t>(round)};
      e.discriminator = pick(4) ? "" : "d";
      edges.push_back(std::move(e));
    }
    std::vector<UpsertResult> bulk_edges, single_edges;
    ASSERT_TRUE(bulk->Update([&](WriteTxn& w) -> Status {
                      SUTRA_ASSIGN_OR_RETURN(bulk_edges, w.UpsertEdges(edges));
                      return Status::Ok();
                    })
                    .ok());
    ASSERT_TRUE(single
                    ->Update([&](WriteTxn& w) -> Status {
                      single_edges.clear();
                      for (const EdgeWrite& e : edges) {
                        SUTRA_ASSIGN_OR_RETURN(
                            auto r, w.UpsertEdge(e.type, e.from, e.to, e.properties, e.provenance,
                                                 e.discriminator));
                        single_edges.push_back(r);
                      }
                      return Status::Ok();
                    })
                    .ok());
    for (std::size_t i = 0; i < edges.size(); ++i) {
      EXPECT_EQ(bulk_edges[i].id, single_edges[i].id) << "round " << round << " edge " << i;
      EXPECT_EQ(bulk_edges[i].created, single_edges[i].created) << "round " << round;
    }
  }
  EXPECT_EQ(*bulk->BeginRead()->ContentHash(), *single->BeginRead()->ContentHash());
  std::size_t problems = 0;
  ASSERT_TRUE(bulk->BeginRead()->CheckIntegrity([&](const IntegrityProblem&) { ++problems; }).ok());
  EXPECT_EQ(problems, 0u);
}

TEST(BulkWrite, EdgeToAMissingNodeFailsTheWholeBatch) {
  testing::TempDir tmp;
  auto store = Open(tmp.path());
  Status s = store->Update([&](WriteTxn& w) -> Status {
    SUTRA_ASSIGN_OR_RETURN(auto n,
                           w.UpsertNodes(std::vector<NodeWrite>{{NodeType::kPhone, "a", {}, {}}}));
    EdgeWrite e;
    e.type = EdgeType::kCalled;
    e.from = n[0].id;
    e.to = 77;
    return w.UpsertEdges(std::vector<EdgeWrite>{e}).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("node 77"), std::string::npos) << s.message();
  std::size_t count = 0;
  ASSERT_TRUE(store->BeginRead()->ForEachNode([&](const Node&) { return ++count, true; }).ok());
  EXPECT_EQ(count, 0u);
}

}  // namespace
}  // namespace sutra::storage
