// Deletes, filters, blocking keys, audit entries, integrity checks, backups and map growth
// under concurrent readers.
#include <gtest/gtest.h>
#include <lmdb.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "storage/graph_store.h"
#include "storage/value_codec.h"
#include "tests/support/temp_dir.h"

namespace sutra::storage {
namespace {

// A small graph: a case, two records (accused, victim), one phone both use.
struct Small {
  NodeId fir = 0, accused = 0, victim = 0, phone = 0;
  EdgeId accused_in = 0;
};

Small Build(GraphStore& store) {
  Small g;
  Status s = store.Update([&](WriteTxn& w) -> Status {
    SUTRA_ASSIGN_OR_RETURN(auto c, w.UpsertNode(NodeType::kCase, "S|1", {}));
    SUTRA_ASSIGN_OR_RETURN(auto a, w.UpsertNode(NodeType::kPersonRecord, "A", {}));
    SUTRA_ASSIGN_OR_RETURN(auto v, w.UpsertNode(NodeType::kPersonRecord, "V", {}));
    SUTRA_ASSIGN_OR_RETURN(auto p, w.UpsertNode(NodeType::kPhone, "+919822012345", {}));
    g = {c.id, a.id, v.id, p.id, 0};
    Provenance prov{"1", "S", 1};
    SUTRA_ASSIGN_OR_RETURN(auto e, w.UpsertEdge(EdgeType::kAccusedIn, a.id, c.id, {}, prov));
    g.accused_in = e.id;
    SUTRA_RETURN_IF_ERROR(w.UpsertEdge(EdgeType::kVictimIn, v.id, c.id, {}, prov).status());
    SUTRA_RETURN_IF_ERROR(w.UpsertEdge(EdgeType::kUses, a.id, p.id, {}, prov).status());
    SUTRA_RETURN_IF_ERROR(w.UpsertEdge(EdgeType::kUses, v.id, p.id, {}, prov).status());
    SUTRA_RETURN_IF_ERROR(w.AddTerm("phone:+919822012345", p.id));
    SUTRA_RETURN_IF_ERROR(w.AddTerm("name:a", a.id));
    return w.AddBlockingKey("fam:shinde", a.id);
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return g;
}

std::vector<IntegrityProblem> Problems(const GraphStore& store) {
  std::vector<IntegrityProblem> found;
  auto txn = store.BeginRead();
  EXPECT_TRUE(txn->CheckIntegrity([&](const IntegrityProblem& p) { found.push_back(p); }).ok());
  return found;
}

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() {
    store_ = std::move(GraphStore::Open(tmp_.path() / "db", {.create_if_missing = true})).value();
    g_ = Build(*store_);
  }
  // Runs `edit` on the raw LMDB environment, as a bug or a broken disk might.
  void Tamper(const std::function<void(MDB_txn*, MDB_dbi (*)(MDB_txn*, const char*))>& edit) {
    store_.reset();
    MDB_env* env;
    ASSERT_EQ(mdb_env_create(&env), 0);
    mdb_env_set_maxdbs(env, 16);
    ASSERT_EQ(mdb_env_open(env, (tmp_.path() / "db").c_str(), 0, 0664), 0);
    MDB_txn* txn;
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    edit(txn, [](MDB_txn* t, const char* name) {
      MDB_dbi dbi = 0;
      EXPECT_EQ(mdb_dbi_open(t, name, 0, &dbi), 0);
      return dbi;
    });
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
    store_ = std::move(GraphStore::Open(tmp_.path() / "db", {})).value();
  }
  testing::TempDir tmp_;
  std::unique_ptr<GraphStore> store_;
  Small g_;
};

TEST_F(StoreTest, AFreshGraphPassesTheIntegrityCheck) { EXPECT_TRUE(Problems(*store_).empty()); }

TEST_F(StoreTest, FiltersByEdgeTypeAndDirection) {
  auto txn = store_->BeginRead();
  std::vector<Neighbor> seen;
  auto collect = [&](const Neighbor& n) { return seen.push_back(n), true; };
  ASSERT_TRUE(txn->ForEachNeighbor(g_.accused, {.type = EdgeType::kUses}, collect).ok());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].node, g_.phone);
  seen.clear();
  ASSERT_TRUE(txn->ForEachNeighbor(g_.fir, {.type = EdgeType::kVictimIn}, collect).ok());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].node, g_.victim);
  seen.clear();
  ASSERT_TRUE(txn->ForEachNeighbor(g_.fir, {.direction = Direction::kOut}, collect).ok());
  EXPECT_TRUE(seen.empty());
  ASSERT_TRUE(txn->ForEachNeighbor(g_.phone, {.type = EdgeType::kCalled}, collect).ok());
  EXPECT_TRUE(seen.empty());
}

TEST_F(StoreTest, ScanAdjacencyAgreesWithPerNodeReads) {
  auto txn = store_->BeginRead();
  std::size_t entries = 0;
  ASSERT_TRUE(txn->ScanAdjacency([&](NodeId node, std::span<const Neighbor> row) {
                   std::vector<Neighbor> direct;
                   EXPECT_TRUE(
                       txn->ForEachNeighbor(
                              node, [&](const Neighbor& n) { return direct.push_back(n), true; })
                           .ok());
                   EXPECT_EQ(std::vector<Neighbor>(row.begin(), row.end()), direct);
                   entries += row.size();
                 })
                  .ok());
  EXPECT_EQ(entries, 8u);  // 4 edges, both directions
  std::size_t nodes = 0;
  ASSERT_TRUE(txn->ScanNodeTypes([&](NodeId, NodeType) { ++nodes; }).ok());
  EXPECT_EQ(nodes, 4u);
}

TEST_F(StoreTest, RangedScansAscendingAndDescendingSeeTheSameRows) {
  // A node without edges (an id with no adjacency key) sits between the others.
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) {
                    return w.UpsertNode(NodeType::kVehicle, "MH12AB1234", {}).status();
                  })
                  .ok());
  auto txn = store_->BeginRead();
  using Rows = std::vector<std::pair<NodeId, std::vector<Neighbor>>>;
  auto scan = [&](NodeId from, NodeId to, bool descending) {
    Rows rows;
    EXPECT_TRUE(txn->ScanAdjacency(from, to, descending,
                                   [&](NodeId node, std::span<const Neighbor> row) {
                                     rows.emplace_back(node, std::vector(row.begin(), row.end()));
                                   })
                    .ok());
    return rows;
  };
  const Rows all = scan(0, 1000, false);
  ASSERT_EQ(all.size(), 4u);
  for (NodeId from = 0; from <= 6; ++from) {
    for (NodeId to = from; to <= 7; ++to) {
      Rows expected;
      for (const auto& r : all) {
        if (r.first >= from && r.first < to) expected.push_back(r);
      }
      EXPECT_EQ(scan(from, to, false), expected) << from << ".." << to;
      std::reverse(expected.begin(), expected.end());
      EXPECT_EQ(scan(from, to, true), expected) << from << ".." << to << " descending";
    }
  }
}

TEST_F(StoreTest, SameViewIsRefusedOnceAWriteHasCommitted) {
  auto txn = store_->BeginRead();
  auto twin = txn->SameView();
  ASSERT_TRUE(twin.ok()) << twin.status().ToString();
  EXPECT_EQ(twin->NextNodeId().value(), txn->NextNodeId().value());
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) {
                    return w.UpsertNode(NodeType::kPhone, "+919822099999", {}).status();
                  })
                  .ok());
  auto late = txn->SameView();
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kUnavailable);
}

TEST_F(StoreTest, DeleteNodeRemovesItsEdgesKeysTermsAndBlocksButNotOthers) {
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_ASSIGN_OR_RETURN(bool deleted, w.DeleteNode(g_.accused));
                    EXPECT_TRUE(deleted);
                    SUTRA_ASSIGN_OR_RETURN(bool again, w.DeleteNode(g_.accused));
                    EXPECT_FALSE(again);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(Problems(*store_).empty());
  {
    auto txn = store_->BeginRead();
    EXPECT_FALSE(txn->GetNode(g_.accused)->has_value());
    EXPECT_FALSE(txn->GetEdge(g_.accused_in)->has_value());
    EXPECT_FALSE(txn->FindNode(NodeType::kPersonRecord, "A")->has_value());
    EXPECT_TRUE(txn->LookupTerm("name:a", 10)->empty());
    EXPECT_EQ(*txn->CountBlock("fam:shinde"), 0u);
    EXPECT_EQ(*txn->CountNeighbors(g_.fir), 1u);  // the victim's link stays
    EXPECT_EQ(*txn->CountNeighbors(g_.phone), 1u);
    EXPECT_EQ(txn->LookupTerm("phone:+919822012345", 10)->size(), 1u);
  }
  NodeId again = 0;
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_ASSIGN_OR_RETURN(auto r, w.UpsertNode(NodeType::kPersonRecord, "A", {}));
                    again = r.id;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GT(again, g_.phone);  // ids are never reused
}

TEST_F(StoreTest, DeleteEdgeRemovesBothAdjacencyEntries) {
  ASSERT_TRUE(
      store_->Update([&](WriteTxn& w) { return w.DeleteEdge(g_.accused_in).status(); }).ok());
  EXPECT_TRUE(Problems(*store_).empty());
  auto txn = store_->BeginRead();
  EXPECT_EQ(*txn->CountNeighbors(g_.fir), 1u);
  EXPECT_EQ(*txn->CountNeighbors(g_.accused), 1u);  // its phone
}

TEST_F(StoreTest, BlockingKeysAndAuditEntries) {
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_RETURN_IF_ERROR(w.AddBlockingKey("fam:shinde", g_.victim));
                    SUTRA_RETURN_IF_ERROR(w.AddBlockingKey("fam:shinde", g_.victim));
                    for (const char* entry : {"first", "second", "third"}) {
                      SUTRA_RETURN_IF_ERROR(w.AppendAudit(entry).status());
                    }
                    return Status::Ok();
                  })
                  .ok());
  auto txn = store_->BeginRead();
  EXPECT_EQ(*txn->LookupBlock("fam:shinde", 10), (std::vector<NodeId>{g_.accused, g_.victim}));
  EXPECT_EQ(*txn->CountBlock("fam:shinde"), 2u);
  std::vector<std::pair<std::uint64_t, std::string>> audit;
  ASSERT_TRUE(
      txn->ForEachAudit(2, [&](std::uint64_t seq,
                               std::string_view e) { return audit.emplace_back(seq, e), true; })
          .ok());
  EXPECT_EQ(audit,
            (std::vector<std::pair<std::uint64_t, std::string>>{{2, "second"}, {3, "third"}}));
}

TEST_F(StoreTest, StateEntriesAreKeptApartFromCountersAndScannedByPrefix) {
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_RETURN_IF_ERROR(w.PutState("er/review/1", "a"));
                    SUTRA_RETURN_IF_ERROR(w.PutState("er/review/2", "b"));
                    SUTRA_RETURN_IF_ERROR(w.PutState("er/model", "m"));
                    SUTRA_RETURN_IF_ERROR(w.PutState("er/review/1", "a2"));
                    // A state key named like a counter does not touch the counter.
                    return w.PutState("next_node_id", "x");
                  })
                  .ok());
  EXPECT_FALSE(store_->Update([](WriteTxn& w) { return w.PutState("", "v"); }).ok());
  {
    auto txn = store_->BeginRead();
    EXPECT_EQ(*txn->GetState("er/model"), std::optional<std::string>("m"));
    EXPECT_EQ(*txn->GetState("er/absent"), std::nullopt);
    std::vector<std::pair<std::string, std::string>> review;
    ASSERT_TRUE(txn->ForEachState("er/review/",
                                  [&](std::string_view k, std::string_view v) {
                                    return review.emplace_back(k, v), true;
                                  })
                    .ok());
    EXPECT_EQ(review, (std::vector<std::pair<std::string, std::string>>{{"er/review/1", "a2"},
                                                                        {"er/review/2", "b"}}));
    const NodeId next = *txn->NextNodeId();
    EXPECT_GT(next, g_.victim);
  }
  bool existed = false;
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_ASSIGN_OR_RETURN(existed, w.DeleteState("er/review/1"));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(existed);
  EXPECT_EQ(*store_->BeginRead()->GetState("er/review/1"), std::nullopt);
  EXPECT_TRUE(Problems(*store_).empty());
}

std::map<NodeId, NodeFacts> AllFacts(const GraphStore& store) {
  std::map<NodeId, NodeFacts> facts;
  auto txn = store.BeginRead();
  EXPECT_TRUE(txn->ScanNodeFacts([&](NodeId id, const NodeFacts& f) { facts[id] = f; }).ok());
  return facts;
}

// The facts a snapshot reads follow every way a node is written: created one by one or in
// bulk, updated (a case's outcome changes to acquittal), deleted.
TEST_F(StoreTest, NodeFactsFollowCreatesUpdatesAndDeletes) {
  NodeId record = 0;
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) -> Status {
                    SUTRA_RETURN_IF_ERROR(
                        w.UpsertNode(NodeType::kCase, "S|1",
                                     {{"registered_on", std::string("2021-03-04")},
                                      {"status", std::string("under_investigation")}})
                            .status());
                    std::vector<NodeWrite> bulk{
                        {NodeType::kPersonRecord, "R9", {{"wrongful_arrest", true}}, {}}};
                    SUTRA_ASSIGN_OR_RETURN(auto created, w.UpsertNodes(bulk));
                    record = created[0].id;
                    return Status::Ok();
                  })
                  .ok());
  auto facts = AllFacts(*store_);
  EXPECT_EQ(facts[g_.fir], (NodeFacts{NodeType::kCase, 0, DayNumber("2021-03-04")}));
  EXPECT_EQ(facts[record], (NodeFacts{NodeType::kPersonRecord, kWrongfulArrestBit, kNoDay}));
  EXPECT_EQ(facts[g_.phone], (NodeFacts{NodeType::kPhone, 0, kNoDay}));
  ASSERT_TRUE(store_
                  ->Update([&](WriteTxn& w) -> Status {
                    return w
                        .UpsertNode(NodeType::kCase, "S|1",
                                    {{"registered_on", std::string("2021-03-04")},
                                     {"status", std::string("acquitted")}})
                        .status();
                  })
                  .ok());
  EXPECT_EQ(AllFacts(*store_)[g_.fir].protection, kAcquittedBit);
  ASSERT_TRUE(store_->Update([&](WriteTxn& w) { return w.DeleteNode(record).status(); }).ok());
  EXPECT_FALSE(AllFacts(*store_).contains(record));
  EXPECT_TRUE(Problems(*store_).empty());
}

// A database written before facts were kept gets them when it is opened, the same as if
// they had been kept all along.
TEST_F(StoreTest, ADatabaseWithoutNodeFactsGetsThemOnOpen) {
  const auto before = AllFacts(*store_);
  Tamper([&](MDB_txn* txn, auto open) { ASSERT_EQ(mdb_drop(txn, open(txn, "node_facts"), 0), 0); });
  EXPECT_EQ(AllFacts(*store_), before);
  EXPECT_TRUE(Problems(*store_).empty());
}

TEST_F(StoreTest, CheckFindsNodeFactsThatDisagreeWithTheNode) {
  Tamper([&](MDB_txn* txn, auto open) {
    auto wrong = codec::EncodeNodeFacts({NodeType::kCase, kAcquittedBit, kNoDay});
    auto key = codec::U64Key(g_.fir);
    MDB_val k{8, key.data()}, v{wrong.size(), wrong.data()};
    ASSERT_EQ(mdb_put(txn, open(txn, "node_facts"), &k, &v, 0), 0);
  });
  auto problems = Problems(*store_);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].area, "node_facts");
  EXPECT_NE(problems[0].message.find("disagree"), std::string::npos) << problems[0].message;
}

TEST_F(StoreTest, CheckFindsADanglingAdjacencyEntry) {
  Tamper([&](MDB_txn* txn, auto open) {
    auto entry = codec::EncodeAdjacency({EdgeType::kCalled, Direction::kOut, g_.victim, 999});
    auto key = codec::U64Key(g_.phone);
    MDB_val k{8, key.data()}, v{entry.size(), entry.data()};
    ASSERT_EQ(mdb_put(txn, open(txn, "adj"), &k, &v, 0), 0);
  });
  auto problems = Problems(*store_);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].area, "adjacency");
  EXPECT_NE(problems[0].message.find("edge 999"), std::string::npos) << problems[0].message;
  EXPECT_NE(problems[0].message.find("dangling"), std::string::npos) << problems[0].message;
}

TEST_F(StoreTest, CheckFindsAMissingIndexEntry) {
  Tamper([&](MDB_txn* txn, auto open) {
    std::string term = "phone:+919822012345";
    MDB_val k{term.size(), term.data()};
    ASSERT_EQ(mdb_del(txn, open(txn, "terms"), &k, nullptr), 0);
  });
  auto problems = Problems(*store_);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].area, "node_index");
  EXPECT_NE(problems[0].message.find("phone:+919822012345"), std::string::npos);
}

TEST_F(StoreTest, CheckFindsAMissingMirrorAndAMissingEdgeKey) {
  Tamper([&](MDB_txn* txn, auto open) {
    auto entry =
        codec::EncodeAdjacency({EdgeType::kAccusedIn, Direction::kIn, g_.accused, g_.accused_in});
    auto key = codec::U64Key(g_.fir);
    MDB_val k{8, key.data()}, v{entry.size(), entry.data()};
    ASSERT_EQ(mdb_del(txn, open(txn, "adj"), &k, &v), 0);
  });
  auto problems = Problems(*store_);
  ASSERT_EQ(problems.size(), 2u);  // the edge lacks its entry; the other end lacks its mirror
  EXPECT_EQ(problems[0].area, "edges");
  EXPECT_EQ(problems[1].area, "adjacency");
  EXPECT_NE(problems[1].message.find("no mirror"), std::string::npos);
}

TEST_F(StoreTest, BackupIsAConsistentCopyWithTheSameContent) {
  ASSERT_TRUE(store_->Backup(tmp_.path() / "copy").ok());
  auto copy = GraphStore::Open(tmp_.path() / "copy", {});
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(*(*copy)->BeginRead()->ContentHash(), *store_->BeginRead()->ContentHash());
  EXPECT_TRUE(Problems(**copy).empty());
  Status again = store_->Backup(tmp_.path() / "copy");
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
}

TEST_F(StoreTest, ContentHashChangesWithContentOnly) {
  const std::string before = *store_->BeginRead()->ContentHash();
  EXPECT_EQ(*store_->BeginRead()->ContentHash(), before);
  ASSERT_TRUE(store_->Update([&](WriteTxn& w) { return w.AddTerm("name:v", g_.victim); }).ok());
  EXPECT_NE(*store_->BeginRead()->ContentHash(), before);
}

// Readers on other threads keep reading while the writer fills a tiny map again and again.
TEST(GraphStoreGrowth, MapGrowsWhileReadersRead) {
  testing::TempDir tmp;
  auto store = std::move(GraphStore::Open(tmp.path(), {.create_if_missing = true,
                                                       .initial_map_size = 256 * 1024}))
                   .value();
  std::atomic<bool> done{false};
  std::atomic<std::uint64_t> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        auto txn = store->BeginRead();
        ASSERT_TRUE(txn.ok());
        std::uint64_t n = 0;
        ASSERT_TRUE(txn->ForEachNode([&](const Node&) { return ++n, true; }).ok());
        ++reads;
      }
    });
  }
  for (int batch = 0; batch < 20; ++batch) {
    ASSERT_TRUE(store
                    ->Update([&](WriteTxn& w) -> Status {
                      for (int i = 0; i < 300; ++i) {
                        SUTRA_RETURN_IF_ERROR(w.UpsertNode(NodeType::kPhone,
                                                           std::to_string(batch * 1000 + i),
                                                           {{"pad", std::string(200, 'x')}})
                                                  .status());
                      }
                      return Status::Ok();
                    })
                    .ok());
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_GT(reads.load(), 0u);
  auto txn = store->BeginRead();
  std::uint64_t n = 0;
  ASSERT_TRUE(txn->ForEachNode([&](const Node&) { return ++n, true; }).ok());
  EXPECT_EQ(n, 6000u);
}

}  // namespace
}  // namespace sutra::storage
