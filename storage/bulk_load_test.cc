// A bulk load must store exactly what batched upserts of the same input store, whatever the
// sort budget (runs on disk or not), and must never leave a half-built database usable.
#include "storage/bulk_load.h"

#include <gtest/gtest.h>

#include <random>

#include "storage/external_sort.h"
#include "storage/graph_store.h"
#include "tests/support/temp_dir.h"

namespace sutra::storage {
namespace {

std::unique_ptr<GraphStore> Open(const std::filesystem::path& dir) {
  return std::move(GraphStore::Open(dir, {.create_if_missing = true})).value();
}

// A random graph in batches: nodes with terms (keys repeat across batches), then edges among
// them, with a blocking key per person record.
struct Input {
  std::vector<std::vector<NodeWrite>> node_batches;
  std::vector<std::vector<std::pair<int, int>>> edge_batches;  // indexes into created nodes
};

Input RandomInput(unsigned seed, int batches) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  Input in;
  for (int b = 0; b < batches; ++b) {
    auto& nodes = in.node_batches.emplace_back();
    for (int i = 0; i < 200; ++i) {
      NodeWrite w;
      w.type = pick(3) == 0 ? NodeType::kPhone : NodeType::kPersonRecord;
      w.key = "k" + std::to_string(pick(500));
      w.properties = {{"name", "person " + std::to_string(pick(1000))}};
      if (pick(2)) w.terms.push_back("t:" + std::to_string(pick(300)));
      nodes.push_back(std::move(w));
    }
    auto& edges = in.edge_batches.emplace_back();
    for (int i = 0; i < 600; ++i) edges.emplace_back(pick(1000), pick(1000));
  }
  return in;
}

constexpr EdgeType kTypes[] = {EdgeType::kAccusedIn, EdgeType::kUses, EdgeType::kCalled};

// Loads `in` through `update`, returning how many edges were asserted.
template <typename UpdateFn>
void Load(const Input& in, UpdateFn update, bool repeat_edges) {
  std::vector<NodeId> ids;
  std::vector<EdgeWrite> previous;  // the last batch's edges
  for (std::size_t b = 0; b < in.node_batches.size(); ++b) {
    ASSERT_TRUE(update([&](WriteTxn& w) -> Status {
                  SUTRA_ASSIGN_OR_RETURN(auto results, w.UpsertNodes(in.node_batches[b]));
                  for (const auto& r : results) {
                    if (r.created) ids.push_back(r.id);
                    SUTRA_RETURN_IF_ERROR(w.AddBlockingKey("b" + std::to_string(r.id % 7), r.id));
                  }
                  return Status::Ok();
                }).ok());
    std::vector<EdgeWrite> edges;
    for (std::size_t i = 0; i < in.edge_batches[b].size(); ++i) {
      // With repeats, the edges from the 400th on assert the first 200 again (repeats inside
      // one batch), with other properties.
      const std::size_t j = repeat_edges && i >= 400 ? i - 400 : i;
      const auto [from, to] = in.edge_batches[b][j];
      EdgeWrite e;
      e.type = kTypes[j % 3];
      e.from = ids[from % ids.size()];
      e.to = ids[to % ids.size()];
      e.provenance = {"0001/2024", "MH-PUN-0012", 1};
      e.discriminator = std::to_string(b * 1000 + j);
      e.properties = {{"seen", std::int64_t(i)}};
      edges.push_back(std::move(e));
    }
    if (repeat_edges && !previous.empty()) {
      // The first 100 edges of the batch before, asserted again with other properties.
      for (std::size_t i = 0; i < 100; ++i) {
        edges.push_back(previous[i]);
        edges.back().properties = {{"seen", std::int64_t(10000 + i)}};
      }
    }
    ASSERT_TRUE(update([&](WriteTxn& w) { return w.UpsertEdges(edges).status(); }).ok());
    previous = edges;
  }
}

std::string Hash(GraphStore& store) { return store.BeginRead().value().ContentHash().value(); }

std::vector<IntegrityProblem> Problems(GraphStore& store) {
  std::vector<IntegrityProblem> problems;
  EXPECT_TRUE(store.BeginRead()
                  .value()
                  .CheckIntegrity([&](const IntegrityProblem& p) { problems.push_back(p); })
                  .ok());
  return problems;
}

class BulkLoadBudget : public ::testing::TestWithParam<std::size_t> {};

TEST_P(BulkLoadBudget, StoresWhatBatchedUpsertsStore) {
  testing::TempDir tmp;
  const Input in = RandomInput(7, 6);
  auto batched = Open(tmp.path() / "batched");
  Load(
      in, [&](auto body) { return batched->Update(body); }, false);

  auto bulk_store = Open(tmp.path() / "bulk");
  auto bulk =
      BulkLoad::Begin(*bulk_store, "test", {.spill_dir = {}, .sort_budget_bytes = GetParam()});
  ASSERT_TRUE(bulk.ok()) << bulk.status().ToString();
  Load(
      in, [&](auto body) { return (*bulk)->Update(body); }, false);
  auto summary = (*bulk)->Finish();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->repeated_edges, 0u);
  EXPECT_TRUE(Problems(*bulk_store).empty());
  EXPECT_EQ(Hash(*bulk_store), Hash(*batched));
  // Nothing of the sort is left behind.
  for (const auto& entry : std::filesystem::directory_iterator(tmp.path() / "bulk")) {
    EXPECT_EQ(entry.path().filename().string().rfind("bulk-sort", 0), std::string::npos);
  }
}

// 4 KiB forces dozens of runs on disk and a k-way merge; 64 MiB sorts in memory.
INSTANTIATE_TEST_SUITE_P(Budgets, BulkLoadBudget,
                         ::testing::Values(std::size_t{4} << 10, std::size_t{64} << 20));

TEST(BulkLoad, RepeatedEdgesAreFoldedIntoTheirFirstOccurrence) {
  testing::TempDir tmp;
  const Input in = RandomInput(11, 4);
  auto store = Open(tmp.path() / "db");
  auto bulk = BulkLoad::Begin(*store, "test", {.spill_dir = {}, .sort_budget_bytes = 8 << 10});
  ASSERT_TRUE(bulk.ok());
  Load(
      in, [&](auto body) { return (*bulk)->Update(body); }, true);
  auto summary = (*bulk)->Finish();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_GT(summary->repeated_edges, 0u);
  EXPECT_TRUE(Problems(*store).empty());

  auto batched = Open(tmp.path() / "batched");
  Load(
      in, [&](auto body) { return batched->Update(body); }, true);
  // Same edges (by key), same properties (the last assertion's), same neighbourhoods; only
  // the ids the repeats took differ.
  auto a = store->BeginRead().value();
  auto b = batched->BeginRead().value();
  EXPECT_EQ(a.CountEntries().value().edges, b.CountEntries().value().edges);
  EXPECT_EQ(a.CountEntries().value().adjacency, b.CountEntries().value().adjacency);
  std::multiset<std::tuple<int, NodeId, NodeId, std::string>> edges_a, edges_b;
  auto collect = [](const ReadTxn& r, auto& out) {
    ASSERT_TRUE(r.ForEachEdge([&](const Edge& e) {
                   out.emplace(static_cast<int>(e.type), e.from, e.to,
                               ValueToString(e.properties.at("seen")));
                   return true;
                 }).ok());
  };
  collect(a, edges_a);
  collect(b, edges_b);
  EXPECT_EQ(edges_a, edges_b);
}

TEST(BulkLoad, RefusesADatabaseThatHoldsData) {
  testing::TempDir tmp;
  auto store = Open(tmp.path());
  ASSERT_TRUE(store
                  ->Update([](WriteTxn& w) {
                    return w.UpsertNode(NodeType::kPhone, "+919822012345", {}).status();
                  })
                  .ok());
  auto bulk = BulkLoad::Begin(*store, "test");
  ASSERT_FALSE(bulk.ok());
  EXPECT_EQ(bulk.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(bulk.status().message().find("empty database"), std::string::npos);
}

TEST(BulkLoad, AnInterruptedLoadIsRefusedAtOpen) {
  testing::TempDir tmp;
  {
    auto store = Open(tmp.path());
    auto bulk = BulkLoad::Begin(*store, "csv bundle firs/");
    ASSERT_TRUE(bulk.ok());
    ASSERT_TRUE((*bulk)
                    ->Update([](WriteTxn& w) {
                      return w.UpsertNode(NodeType::kPhone, "+919822012345", {}).status();
                    })
                    .ok());
    // No Finish(): as if the process had died here.
  }
  auto reopened = GraphStore::Open(tmp.path(), {});
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(reopened.status().message().find("unfinished bulk load (csv bundle firs/)"),
            std::string::npos)
      << reopened.status().message();
}

TEST(BulkLoad, OtherWritesAndDeletesWaitForTheEnd) {
  testing::TempDir tmp;
  auto store = Open(tmp.path());
  auto bulk = BulkLoad::Begin(*store, "test");
  ASSERT_TRUE(bulk.ok());
  EXPECT_EQ(store->Update([](WriteTxn&) { return Status::Ok(); }).code(),
            StatusCode::kFailedPrecondition);
  NodeId id = 0;
  ASSERT_TRUE((*bulk)
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_ASSIGN_OR_RETURN(auto r, w.UpsertNode(NodeType::kPhone, "+91", {}));
                    id = r.id;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ((*bulk)->Update([&](WriteTxn& w) { return w.DeleteNode(id).status(); }).code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE((*bulk)->Finish().ok());
  EXPECT_TRUE(store->Update([&](WriteTxn& w) { return w.DeleteNode(id).status(); }).ok());
}

TEST(ExternalSorter, MergesRunsInOrderWithoutRepeatsAndForgetsRolledBackPairs) {
  testing::TempDir tmp;
  ExternalSorter sorter(tmp.path(), "t", 256);
  std::mt19937 rng(3);
  std::set<std::pair<std::string, std::string>> expected;
  for (int txn = 0; txn < 50; ++txn) {
    std::vector<std::pair<std::string, std::string>> added;
    for (int i = 0; i < 20; ++i) {
      std::string key(1 + rng() % 12, 'a' + static_cast<char>(rng() % 3));
      std::string value = std::to_string(rng() % 5);
      ASSERT_TRUE(sorter.Add(key, value).ok());
      added.emplace_back(key, value);
    }
    if (txn % 5 == 4) {
      sorter.Rollback();
    } else {
      ASSERT_TRUE(sorter.Commit().ok());
      expected.insert(added.begin(), added.end());
    }
  }
  std::vector<std::pair<std::string, std::string>> merged;
  ASSERT_TRUE(sorter
                  .Merge([&](std::string_view k, std::string_view v) {
                    merged.emplace_back(k, v);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(merged, std::vector(expected.begin(), expected.end()));
}

}  // namespace
}  // namespace sutra::storage
