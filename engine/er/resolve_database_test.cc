// Entity resolution on a database: persons and SAME_AS edges, stable ids, reviewers' decisions
// that survive re-runs, split after merge, incremental matching, explanations and search. On
// the committed generated sample (datasets/gen100: 100 FIRs, 342 person records, truth.csv).

#include "engine/er/resolve_database.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "algorithms/er/spelling_table.h"
#include "engine/er/er_state.h"
#include "engine/er/person_directory.h"
#include "engine/er/stored_records.h"
#include "ingest/loader.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine::er {
namespace {

using storage::EdgeType;
using storage::NodeId;

const algorithms::er::NameNormalizer& Normalizer() {
  static const auto* normalizer = new algorithms::er::NameNormalizer(std::move(
      algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default()).value()));
  return *normalizer;
}

class ResolveDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::GraphStore::Open(tmp_.path(), {.create_if_missing = true});
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    auto report = ingest::LoadCsvBundle(*store_, SUTRA_GEN100_DIR, {});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    options_.actor = "test";
    options_.resolve.random_pairs = 20000;
  }

  ResolveDbReport Resolve() {
    auto report = ResolveDatabase(*store_, Normalizer(), options_);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : ResolveDbReport{};
  }

  std::vector<StoredRecord> Records() {
    auto txn = store_->BeginRead();
    auto records = LoadPersonRecords(*txn);
    EXPECT_TRUE(records.ok());
    return *records;
  }

  // Every record has exactly one SAME_AS edge, to a Person; returns record -> person.
  std::map<NodeId, NodeId> PersonsOfRecords() {
    std::map<NodeId, NodeId> out;
    auto txn = store_->BeginRead();
    for (const StoredRecord& r : Records()) {
      int same_as = 0;
      EXPECT_TRUE(txn->ForEachNeighbor(r.id,
                                       [&](const storage::Neighbor& n) {
                                         if (n.type == EdgeType::kSameAs &&
                                             n.direction == storage::Direction::kOut) {
                                           ++same_as;
                                           out[r.id] = n.node;
                                         }
                                         return true;
                                       })
                      .ok());
      EXPECT_EQ(same_as, 1) << "record " << r.id;
    }
    return out;
  }

  std::string GraphHash() {
    auto txn = store_->BeginRead();
    return *txn->ContentHash(storage::ReadTxn::HashScope::kGraphOnly);
  }

  Status Decide(NodeId a, NodeId b, bool same) {
    return store_->Update([&](storage::WriteTxn& w) {
      return WriteDecision(w, {.a = a, .b = b, .same = same, .by = "asha", .at = 1, .note = "ok"});
    });
  }

  testing::TempDir tmp_;
  std::unique_ptr<storage::GraphStore> store_;
  ResolveDbOptions options_;
};

TEST_F(ResolveDatabaseTest, EveryRecordJoinsOnePersonWithScoreAndExplanation) {
  const ResolveDbReport report = Resolve();
  EXPECT_EQ(report.records, 342u);
  EXPECT_EQ(report.persons_created, report.persons);
  const auto persons = PersonsOfRecords();
  EXPECT_EQ(persons.size(), report.records);
  EXPECT_EQ(std::set<NodeId>([&] {
              std::set<NodeId> s;
              for (auto [r, p] : persons) s.insert(p);
              return s;
            }())
                .size(),
            report.persons);
  auto txn = store_->BeginRead();
  std::size_t explained = 0;
  ASSERT_TRUE(txn->ForEachEdge([&](const storage::Edge& e) {
                   if (e.type != EdgeType::kSameAs) return true;
                   const auto score = e.properties.find("score");
                   EXPECT_NE(score, e.properties.end());
                   EXPECT_EQ(storage::GetString(e.properties, "decided_by"), "model");
                   const auto text = storage::GetString(e.properties, "explanation");
                   if (text && text->starts_with("with record ")) ++explained;
                   return true;
                 })
                  .ok());
  EXPECT_GT(explained, 0u) << "no record was matched with another";
}

TEST_F(ResolveDatabaseTest, ARunOnUnchangedDataChangesNothing) {
  Resolve();
  const auto before = PersonsOfRecords();
  const std::string hash = GraphHash();
  const ResolveDbReport again = Resolve();
  EXPECT_EQ(again.records_moved, 0u);
  EXPECT_EQ(again.persons_created, 0u);
  EXPECT_EQ(PersonsOfRecords(), before);
  EXPECT_EQ(GraphHash(), hash);
}

TEST_F(ResolveDatabaseTest, RejectSplitsAMergeForGoodAndLosesNothing) {
  Resolve();
  auto persons = PersonsOfRecords();
  std::map<NodeId, std::vector<NodeId>> members;
  for (auto [record, person] : persons) members[person].push_back(record);
  auto merged = std::find_if(members.begin(), members.end(),
                             [](const auto& m) { return m.second.size() >= 2; });
  ASSERT_NE(merged, members.end()) << "the sample has repeat offenders";
  const NodeId person = merged->first;
  const NodeId a = merged->second[0], b = merged->second[1];
  ASSERT_TRUE(Decide(a, b, false).ok());
  const ResolveDbReport split = Resolve();
  EXPECT_EQ(split.decisions_applied, 0u);
  persons = PersonsOfRecords();
  EXPECT_NE(persons[a], persons[b]);
  // The old person keeps one side; every record still has its one SAME_AS.
  EXPECT_TRUE(persons[a] == person || persons[b] == person);
  EXPECT_EQ(persons.size(), split.records);
  // And a later run keeps them apart.
  Resolve();
  persons = PersonsOfRecords();
  EXPECT_NE(persons[a], persons[b]);
}

TEST_F(ResolveDatabaseTest, AcceptMergesAndTheReviewerIsRecordedOnEveryRun) {
  Resolve();
  auto persons = PersonsOfRecords();
  NodeId a = 0, b = 0;
  for (auto [record, person] : persons) {
    if (a == 0) {
      a = record;
    } else if (person != persons[a]) {
      b = record;
      break;
    }
  }
  ASSERT_NE(b, 0u);
  ASSERT_TRUE(Decide(a, b, true).ok());
  for (int run = 0; run < 2; ++run) {
    const ResolveDbReport report = Resolve();
    EXPECT_EQ(report.decisions_applied, 1u);
    persons = PersonsOfRecords();
    EXPECT_EQ(persons[a], persons[b]) << "run " << run;
  }
  auto txn = store_->BeginRead();
  ASSERT_TRUE(txn->ForEachNeighbor(a,
                                   [&](const storage::Neighbor& n) {
                                     if (n.type != EdgeType::kSameAs) return true;
                                     auto edge = txn->GetEdge(n.edge);
                                     EXPECT_EQ(
                                         storage::GetString((*edge)->properties, "decided_by"),
                                         "reviewer:asha");
                                     return true;
                                   })
                  .ok());
  auto decisions = ReadDecisions(*txn);
  ASSERT_TRUE(decisions.ok());
  ASSERT_EQ(decisions->size(), 1u);
  EXPECT_EQ(decisions->front().by, "asha");
  EXPECT_TRUE(decisions->front().same);
}

TEST_F(ResolveDatabaseTest, IncrementalMatchesRecordsLoadedAfterTheFullRun) {
  auto before_model = ResolveIncremental(*store_, Normalizer(), options_);
  EXPECT_EQ(before_model.status().code(), StatusCode::kFailedPrecondition);
  Resolve();
  const auto full = PersonsOfRecords();
  // Take one record from each of ten multi-record persons out of the resolution, as if newly
  // loaded.
  std::map<NodeId, int> size;
  for (auto [r, p] : full) ++size[p];
  std::vector<NodeId> fresh;
  std::set<NodeId> taken;
  ASSERT_TRUE(store_
                  ->Update([&](storage::WriteTxn& w) -> Status {
                    for (const StoredRecord& r : Records()) {
                      if (fresh.size() == 10 || size[r.person] < 2) continue;
                      if (!taken.insert(r.person).second) continue;
                      SUTRA_RETURN_IF_ERROR(w.DeleteEdge(r.same_as).status());
                      fresh.push_back(r.id);
                    }
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_FALSE(fresh.empty());
  auto report = ResolveIncremental(*store_, Normalizer(), options_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records_moved, fresh.size());
  const auto after = PersonsOfRecords();  // every record has one SAME_AS again
  std::size_t back = 0;
  for (NodeId r : fresh) back += after.at(r) == full.at(r) ? 1 : 0;
  EXPECT_GE(back, fresh.size() * 7 / 10) << "records found their person again";
}

TEST_F(ResolveDatabaseTest, AModelOfAnotherVersionIsRefusedNotUsed) {
  Resolve();
  algorithms::er::FieldSpec only;
  only.name = "name";
  only.level_names = {"exact", "different"};
  const algorithms::er::FellegiSunterModel old({only});
  ASSERT_TRUE(store_->Update([&](storage::WriteTxn& w) { return WriteModel(w, old); }).ok());
  auto incremental = ResolveIncremental(*store_, Normalizer(), options_);
  EXPECT_EQ(incremental.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(incremental.status().message().find("another version"), std::string::npos);
  // A full run retrains it.
  Resolve();
  EXPECT_TRUE(ResolveIncremental(*store_, Normalizer(), options_).ok());
}

TEST_F(ResolveDatabaseTest, ExplainAndSearchUseTheStoredModel) {
  auto none = ExplainRecords(*store_, Normalizer(), "R0000001", "R0000002");
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);
  Resolve();
  auto e = ExplainRecords(*store_, Normalizer(), "R0000001", "R0000002");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->record_a, "R0000001");
  EXPECT_EQ(e->explanation.fields.size(), static_cast<std::size_t>(algorithms::er::kErFieldCount));
  EXPECT_EQ(e->explanation.fields[0].field, "name");
  EXPECT_GE(e->explanation.probability, 0.0);
  EXPECT_LE(e->explanation.probability, 1.0);
  EXPECT_EQ(ExplainRecords(*store_, Normalizer(), "R0000001", "nope").status().code(),
            StatusCode::kNotFound);

  auto txn = store_->BeginRead();
  auto directory = PersonDirectory::Load(*txn, Normalizer());
  ASSERT_TRUE(directory.ok());
  const StoredRecord some = Records()[5];
  PersonQuery q;
  q.name = some.name;
  q.father = some.input.father_name;
  auto found = (*directory)->Search(q);
  ASSERT_TRUE(found.ok());
  ASSERT_FALSE(found->persons.empty());
  bool hit = false;
  for (const PersonHit& p : found->persons) hit |= p.person == some.person;
  EXPECT_TRUE(hit) << "searching a record's own name finds its person";
  EXPECT_FALSE(found->persons.front().firs.empty());
  q.district = "no such district";
  EXPECT_TRUE((*directory)->Search(q)->persons.empty());
}

}  // namespace
}  // namespace sutra::engine::er
