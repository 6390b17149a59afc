#include "storage/graph_store.h"

#include <gtest/gtest.h>
#include <lmdb.h>

#include "storage/value_codec.h"
#include "tests/support/temp_dir.h"

namespace sutra::storage {
namespace {

std::unique_ptr<GraphStore> OpenNew(const std::filesystem::path& dir) {
  auto store = GraphStore::Open(dir, {.create_if_missing = true});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return std::move(store).value();
}

TEST(GraphStore, OpenMissingDatabaseIsNotFoundWithHint) {
  testing::TempDir tmp;
  auto store = GraphStore::Open(tmp.path() / "nothing", {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_NE(store.status().message().find("sutra ingest"), std::string::npos);
}

TEST(GraphStore, PutThenGetAcrossReopen) {
  testing::TempDir tmp;
  NodeId phone = 0, person = 0;
  EdgeId uses = 0;
  {
    auto store = OpenNew(tmp.path());
    Status s = store->Update([&](WriteTxn& w) -> Status {
      SUTRA_ASSIGN_OR_RETURN(auto p, w.UpsertNode(NodeType::kPhone, "+919822012345",
                                                  {{"number", std::string("+919822012345")}}));
      SUTRA_ASSIGN_OR_RETURN(
          auto r, w.UpsertNode(NodeType::kPersonRecord, "R1", {{"name", std::string("Ramesh")}}));
      SUTRA_ASSIGN_OR_RETURN(
          auto e, w.UpsertEdge(EdgeType::kUses, r.id, p.id, {}, {"0001/2023", "MH-PUN-0012", 1}));
      phone = p.id;
      person = r.id;
      uses = e.id;
      return w.AddTerm("phone:+919822012345", p.id);
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  auto store = GraphStore::Open(tmp.path(), {});
  ASSERT_TRUE(store.ok());
  auto txn = (*store)->BeginRead();
  ASSERT_TRUE(txn.ok());
  auto node = txn->GetNode(person);
  ASSERT_TRUE(node.ok() && node->has_value());
  EXPECT_EQ(DisplayLabel(**node), "Ramesh");
  auto edge = txn->GetEdge(uses);
  ASSERT_TRUE(edge.ok() && edge->has_value());
  EXPECT_EQ((*edge)->provenance.station, "MH-PUN-0012");
  auto hits = txn->LookupTerm("phone:+919822012345", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(*hits, std::vector<NodeId>{phone});
  auto missing = txn->GetNode(999);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST(GraphStore, NeighbourhoodWalkSeesBothDirectionsInTypeOrder) {
  testing::TempDir tmp;
  auto store = OpenNew(tmp.path());
  NodeId fir = 0, a = 0, b = 0;
  ASSERT_TRUE(store
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_ASSIGN_OR_RETURN(auto c, w.UpsertNode(NodeType::kCase, "S|1", {}));
                    SUTRA_ASSIGN_OR_RETURN(auto r1, w.UpsertNode(NodeType::kPersonRecord, "A", {}));
                    SUTRA_ASSIGN_OR_RETURN(auto r2, w.UpsertNode(NodeType::kPersonRecord, "B", {}));
                    fir = c.id, a = r1.id, b = r2.id;
                    Provenance p{"1", "S", 1};
                    SUTRA_RETURN_IF_ERROR(
                        w.UpsertEdge(EdgeType::kVictimIn, b, fir, {}, p).status());
                    return w.UpsertEdge(EdgeType::kAccusedIn, a, fir, {}, p).status();
                  })
                  .ok());
  auto txn = store->BeginRead();
  ASSERT_TRUE(txn.ok());
  std::vector<Neighbor> seen;
  ASSERT_TRUE(txn->ForEachNeighbor(fir,
                                   [&](const Neighbor& n) {
                                     seen.push_back(n);
                                     return true;
                                   })
                  .ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].type, EdgeType::kAccusedIn);
  EXPECT_EQ(seen[0].direction, Direction::kIn);
  EXPECT_EQ(seen[0].node, a);
  EXPECT_EQ(seen[1].type, EdgeType::kVictimIn);
  EXPECT_EQ(seen[1].node, b);
  auto count = txn->CountNeighbors(fir);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2u);
  std::vector<Neighbor> from_a;
  ASSERT_TRUE(txn->ForEachNeighbor(a,
                                   [&](const Neighbor& n) {
                                     from_a.push_back(n);
                                     return true;
                                   })
                  .ok());
  ASSERT_EQ(from_a.size(), 1u);
  EXPECT_EQ(from_a[0].direction, Direction::kOut);
  EXPECT_EQ(from_a[0].node, fir);
}

TEST(GraphStore, UpsertByNaturalKeyIsIdempotent) {
  testing::TempDir tmp;
  auto store = OpenNew(tmp.path());
  auto write = [&](std::string name) {
    UpsertResult node, edge;
    Status s = store->Update([&](WriteTxn& w) -> Status {
      SUTRA_ASSIGN_OR_RETURN(
          node, w.UpsertNode(NodeType::kPersonRecord, "R7", {{"name", std::move(name)}}));
      SUTRA_ASSIGN_OR_RETURN(auto c, w.UpsertNode(NodeType::kCase, "S|9", {}));
      SUTRA_ASSIGN_OR_RETURN(edge,
                             w.UpsertEdge(EdgeType::kAccusedIn, node.id, c.id, {}, {"9", "S", 1}));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return std::pair(node, edge);
  };
  auto [n1, e1] = write("Vikas");
  auto [n2, e2] = write("Vikas");
  EXPECT_TRUE(n1.created);
  EXPECT_FALSE(n2.created);
  EXPECT_EQ(n1.id, n2.id);
  EXPECT_EQ(e1.id, e2.id);
  EXPECT_FALSE(e2.created);
  auto [n3, e3] = write("Bikash");  // corrected spelling replaces the properties
  EXPECT_EQ(n3.id, n1.id);
  auto txn = store->BeginRead();
  ASSERT_TRUE(txn.ok());
  EXPECT_EQ(DisplayLabel(**txn->GetNode(n1.id)), "Bikash");
  EXPECT_EQ(*txn->CountNeighbors(n1.id), 1u);
}

TEST(GraphStore, FailedUpdateStoresNothing) {
  testing::TempDir tmp;
  auto store = OpenNew(tmp.path());
  Status s = store->Update([&](WriteTxn& w) -> Status {
    SUTRA_ASSIGN_OR_RETURN(auto c, w.UpsertNode(NodeType::kCase, "S|1", {}));
    // Edge to a node that does not exist: the whole transaction must roll back.
    return w.UpsertEdge(EdgeType::kOccurredAt, c.id, 12345, {}, {}).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  auto txn = store->BeginRead();
  ASSERT_TRUE(txn.ok());
  int nodes = 0;
  ASSERT_TRUE(txn->ForEachNode([&](const Node&) { return ++nodes, true; }).ok());
  EXPECT_EQ(nodes, 0);
}

TEST(GraphStore, MapFullGrowsAndRetriesWithoutLoss) {
  testing::TempDir tmp;
  auto store =
      GraphStore::Open(tmp.path(), {.create_if_missing = true, .initial_map_size = 64 * 1024});
  ASSERT_TRUE(store.ok());
  int runs = 0;
  Status s = (*store)->Update([&](WriteTxn& w) -> Status {
    ++runs;
    for (int i = 0; i < 2000; ++i) {
      SUTRA_RETURN_IF_ERROR(w.UpsertNode(NodeType::kPhone, "P" + std::to_string(i),
                                         {{"number", std::string(100, 'x')}})
                                .status());
    }
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(runs, 1);
  auto txn = (*store)->BeginRead();
  int nodes = 0;
  ASSERT_TRUE(txn->ForEachNode([&](const Node&) { return ++nodes, true; }).ok());
  EXPECT_EQ(nodes, 2000);
}

TEST(GraphStore, RefusesOtherSchemaVersionNamingBoth) {
  testing::TempDir tmp;
  { OpenNew(tmp.path()); }
  // Rewrite the version as a future release would, with raw LMDB.
  MDB_env* env;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 16);
  ASSERT_EQ(mdb_env_open(env, tmp.path().c_str(), 0, 0664), 0);
  MDB_txn* txn;
  MDB_dbi meta;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, "meta", 0, &meta), 0);
  auto v = codec::U64Key(kSchemaVersion + 1);
  MDB_val key{14, const_cast<char*>("schema_version")}, val{8, v.data()};
  ASSERT_EQ(mdb_put(txn, meta, &key, &val, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);

  auto store = GraphStore::Open(tmp.path(), {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  const std::string message = store.status().message();
  EXPECT_NE(message.find("has schema version " + std::to_string(kSchemaVersion + 1)),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("reads schema version " + std::to_string(kSchemaVersion)),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace sutra::storage
