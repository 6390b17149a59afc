#include "engine/snapshot_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "engine/snapshot.h"
#include "ingest/loader.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine {
namespace {

using storage::NodeType;

class SnapshotCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::GraphStore::Open(tmp_.path(), {.create_if_missing = true});
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    AddPhones(3);
  }
  void AddPhones(int count) {
    ASSERT_TRUE(
        store_
            ->Update([&](storage::WriteTxn& w) -> Status {
              for (int i = 0; i < count; ++i) {
                SUTRA_RETURN_IF_ERROR(
                    w.UpsertNode(NodeType::kPhone, "p" + std::to_string(next_++), {}).status());
              }
              return Status::Ok();
            })
            .ok());
  }
  testing::TempDir tmp_;
  std::unique_ptr<storage::GraphStore> store_;
  int next_ = 0;
};

TEST_F(SnapshotCacheTest, FirstSnapshotIsBuiltOnDemandAndReused) {
  SnapshotCache cache(*store_);
  auto first = cache.Current();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ((*first)->graph.node_count(), 3u);
  auto again = cache.Current();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), first->get()) << "an unchanged store must not cause a rebuild";
}

TEST_F(SnapshotCacheTest, AuditEntriesAndStateLeaveTheSnapshotCurrent) {
  // Every audited read appends an entry: that must not make the next reader rebuild the graph.
  SnapshotCache cache(*store_);
  auto first = cache.Current();
  ASSERT_TRUE(first.ok());
  const auto version = store_->LastGraphVersion();
  ASSERT_TRUE(store_
                  ->Update(
                      [](storage::WriteTxn& w) -> Status {
                        SUTRA_RETURN_IF_ERROR(w.AppendAudit("an entry").status());
                        return w.PutState("policy/x", "y");
                      },
                      storage::GraphStore::Durability::kDeferred)
                  .ok());
  EXPECT_EQ(*store_->LastGraphVersion(), *version);
  EXPECT_GT(*store_->LastCommitId(), (*first)->view_id);
  auto again = cache.Current();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), first->get());
  // A graph write does advance it.
  AddPhones(1);
  EXPECT_GT(*store_->LastGraphVersion(), *version);
}

TEST_F(SnapshotCacheTest, RefreshSeesTheCallersOwnWrite) {
  SnapshotCache cache(*store_);
  ASSERT_TRUE(cache.Current().ok());
  AddPhones(2);
  auto fresh = cache.Refresh();
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->graph.node_count(), 5u);
  EXPECT_EQ((*fresh)->view_id, *store_->LastCommitId());
}

// After a write, readers keep getting an answer at once (the old snapshot, which they may hold
// as long as they like) while the new one is built in the background and swapped in.
TEST_F(SnapshotCacheTest, WritesAreSwappedInBehindReaders) {
  SnapshotCache cache(*store_);
  auto old = cache.Current();
  ASSERT_TRUE(old.ok());
  AddPhones(4);
  std::shared_ptr<const Snapshot> seen = *old;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (seen->graph.node_count() != 7 && std::chrono::steady_clock::now() < deadline) {
    auto now = cache.Current();
    ASSERT_TRUE(now.ok());
    seen = *now;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(seen->graph.node_count(), 7u);
  EXPECT_EQ((*old)->graph.node_count(), 3u) << "a reader's snapshot never changes under it";
  EXPECT_TRUE(cache.last_rebuild_status().ok());
}

// The snapshot keeps the facts that protect people and date links: a case's registration day
// and acquittal, a record's flags, and the case's day and acquittal handed to its accused.
TEST(SnapshotFactsTest, CasesAndRecordsCarryDatesAndProtectionFlags) {
  testing::TempDir tmp;
  auto store = storage::GraphStore::Open(tmp.path(), {.create_if_missing = true});
  ASSERT_TRUE(store.ok());
  auto report = ingest::LoadCsvBundle(**store, SUTRA_SAMPLE_DIR, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto txn = (*store)->BeginRead();
  ASSERT_TRUE(txn.ok());
  auto graph = BuildSnapshot(*txn);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  int acquitted_cases = 0, flagged_records = 0, checked = 0;
  ASSERT_TRUE(txn->ForEachNode([&](const storage::Node& node) {
                   const auto v = graph->Find(node.id);
                   EXPECT_TRUE(v.has_value());
                   const algorithms::NodeEntry& entry = graph->node(*v);
                   const auto flags = storage::ProtectionFlags(node);
                   auto has = [&](std::string_view f) {
                     return std::find(flags.begin(), flags.end(), f) != flags.end();
                   };
                   EXPECT_EQ(has("wrongful_arrest"),
                             (entry.flags & algorithms::kWrongfulArrest) != 0);
                   EXPECT_EQ(has("juvenile"), (entry.flags & algorithms::kJuvenile) != 0);
                   if (node.type == NodeType::kCase) {
                     EXPECT_EQ(has("acquitted"), (entry.flags & algorithms::kAcquitted) != 0);
                     EXPECT_EQ(has("discharged"), (entry.flags & algorithms::kDischarged) != 0);
                     const auto date = storage::GetString(node.properties, "registered_on");
                     EXPECT_EQ(entry.day, storage::DayNumber(date.value_or("")));
                     EXPECT_NE(entry.day, algorithms::kNoDay);
                     acquitted_cases += has("acquitted") || has("discharged");
                     ++checked;
                   }
                   if (node.type == NodeType::kPersonRecord) {
                     // Every record belongs to one case and takes its day.
                     EXPECT_NE(entry.day, algorithms::kNoDay) << "record " << node.id;
                     flagged_records += (entry.flags & algorithms::kExonerated) != 0;
                   }
                   return true;
                 })
                  .ok());
  EXPECT_GT(checked, 0);
  if (acquitted_cases > 0) {
    EXPECT_GT(flagged_records, 0);
  }
}

TEST(DayNumberTest, ReadsIsoDatesAndRefusesOthers) {
  EXPECT_EQ(storage::DayNumber("1970-01-01"), 0);
  EXPECT_EQ(storage::DayNumber("1970-01-02"), 1);
  EXPECT_EQ(storage::DayNumber("1969-12-31"), -1);
  EXPECT_EQ(storage::DayNumber("2024-03-01"), storage::DayNumber("2024-02-28") + 2);  // a leap year
  EXPECT_EQ(storage::DayNumber("2018-05-10T02:27:04"), storage::DayNumber("2018-05-10"));
  EXPECT_EQ(storage::DayNumber("2023-02-30"), algorithms::kNoDay);
  EXPECT_EQ(storage::DayNumber("1988"), algorithms::kNoDay);
  EXPECT_EQ(storage::DayNumber("20x3-01-01"), algorithms::kNoDay);
}

}  // namespace
}  // namespace sutra::engine
