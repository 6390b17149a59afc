// AuditLog: what is appended reads back field for field, in one unbroken chain, from one
// thread or several, inside a caller's transaction or on its own, flushed in the background.
#include "engine/policy/audit_log.h"

#include <gtest/gtest.h>
#include <time.h>

#include <thread>

#include "engine/policy/audit_report.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine::policy {
namespace {

using std::chrono::milliseconds;

TimePoint At(std::string_view text) { return *ParseAuditTime(text); }

AuditRecord FullRecord() {
  AuditRecord r;
  r.user = "inspector.patil";
  r.role = "investigator";
  r.jurisdiction = "station:MH-PUN-0012";
  r.session = "s-81f2";
  r.purpose = "investigation";
  r.case_ref = "MH-PUN-0012|0042/2026";
  r.operation = "expand";
  r.parameters = {{"node", "1042"}, {"hops", "2"}, {"name", "\"quoted\", with comma\nand line"}};
  r.allowed = true;
  r.rule = "in-jurisdiction";
  r.break_glass = true;
  r.reason = "suspect absconding: immediate danger";
  SetDisclosed(r, {1042, 7, 7, 99});
  r.subjects = {7, 1042};
  r.flags = {"acquitted", "juvenile:redacted"};
  return r;
}

void ExpectSameRecord(const AuditRecord& a, const AuditRecord& b) {
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.user, b.user);
  EXPECT_EQ(a.role, b.role);
  EXPECT_EQ(a.jurisdiction, b.jurisdiction);
  EXPECT_EQ(a.session, b.session);
  EXPECT_EQ(a.purpose, b.purpose);
  EXPECT_EQ(a.case_ref, b.case_ref);
  EXPECT_EQ(a.operation, b.operation);
  EXPECT_EQ(a.parameters, b.parameters);
  EXPECT_EQ(a.allowed, b.allowed);
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.break_glass, b.break_glass);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.disclosed, b.disclosed);
  EXPECT_EQ(a.disclosed_count, b.disclosed_count);
  EXPECT_EQ(a.disclosed_digest, b.disclosed_digest);
  EXPECT_EQ(a.subjects, b.subjects);
  EXPECT_EQ(a.flags, b.flags);
}

std::vector<AuditRecord> ReadAll(const storage::GraphStore& store) {
  std::vector<AuditRecord> out;
  auto txn = store.BeginRead();
  EXPECT_TRUE(txn.ok());
  Status s = ForEachAuditRecord(*txn, 1, [&](const AuditRecord& r) {
    out.push_back(r);
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::GraphStore::Open(dir_.path(), {.create_if_missing = true});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
  }
  Clock FixedClock() {
    return [this] { return now_; };
  }
  testing::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  TimePoint now_ = At("2026-11-30T08:15:20.123Z");
};

TEST(SetDisclosedTest, ListsSortedDistinctIdsAndDigestsLargeAnswers) {
  AuditRecord small;
  SetDisclosed(small, {5, 3, 5, 1});
  EXPECT_EQ(small.disclosed, (std::vector<std::uint64_t>{1, 3, 5}));
  EXPECT_EQ(small.disclosed_count, 3u);
  EXPECT_EQ(small.disclosed_digest.size(), 64u);

  AuditRecord same;
  SetDisclosed(same, {1, 5, 3});
  EXPECT_EQ(same.disclosed_digest, small.disclosed_digest);  // order and repeats do not matter

  std::vector<std::uint64_t> many;
  for (std::uint64_t id = 1; id <= kMaxListedIds + 1; ++id) many.push_back(id);
  AuditRecord large;
  SetDisclosed(large, many);
  EXPECT_TRUE(large.disclosed.empty());
  EXPECT_EQ(large.disclosed_count, kMaxListedIds + 1);
  EXPECT_NE(large.disclosed_digest, small.disclosed_digest);
}

TEST(AuditTimeTest, FormatsUtcWithMillisecondsAndParsesTheFormsTheCliTakes) {
  EXPECT_EQ(FormatAuditTime(At("2026-11-30T08:15:20.123Z")), "2026-11-30T08:15:20.123Z");
  EXPECT_EQ(FormatAuditTime(At("2026-11-30")), "2026-11-30T00:00:00.000Z");
  EXPECT_EQ(FormatAuditTime(*ParseAuditTime("2026-11-30", /*end_of_day=*/true)),
            "2026-12-01T00:00:00.000Z");
  EXPECT_EQ(FormatAuditTime(At("2026-11-30T08:00Z")), "2026-11-30T08:00:00.000Z");
  EXPECT_EQ(FormatAuditTime(At("2026-11-30T13:30:00+05:30")), "2026-11-30T08:00:00.000Z");
  for (const char* bad : {"", "30-11-2026", "2026-02-30", "2026-11-30T25:00:00Z",
                          "2026-11-30T08:00:00Q", "2026-11-30T08", "yesterday", "2999-01-01"}) {
    EXPECT_FALSE(ParseAuditTime(bad).has_value()) << bad;
  }
}

TEST_F(AuditLogTest, EveryFieldReadsBackAsAppendedWithSeqAndTimeSet) {
  AuditLog log(*store_, FixedClock(), storage::GraphStore::Durability::kSynced);
  AuditRecord record = FullRecord();
  record.seq = 999;  // set by the log, whatever the caller put there
  auto seq = log.Append(record);
  ASSERT_TRUE(seq.ok()) << seq.status().ToString();
  EXPECT_EQ(*seq, 1u);

  const std::vector<AuditRecord> read = ReadAll(*store_);
  ASSERT_EQ(read.size(), 1u);
  AuditRecord expected = FullRecord();
  expected.seq = 1;
  expected.time = "2026-11-30T08:15:20.123Z";
  ExpectSameRecord(read[0], expected);
}

TEST_F(AuditLogTest, SequenceNumbersCountFromOneAndTheChainHeadIsTheLastEntry) {
  AuditLog log(*store_, FixedClock(), storage::GraphStore::Durability::kSynced);
  for (std::uint64_t i = 1; i <= 3; ++i) {
    auto seq = log.Append(FullRecord());
    ASSERT_TRUE(seq.ok());
    EXPECT_EQ(*seq, i);
  }
  auto txn = store_->BeginRead();
  ASSERT_TRUE(txn.ok());
  auto head = ReadChainHead(*txn);
  ASSERT_TRUE(head.ok() && head->has_value());
  EXPECT_EQ((*head)->seq, 3u);
  auto check = VerifyAuditChain(*txn, **head);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->intact) << check->problem;
  EXPECT_EQ(check->entries, 3u);

  std::vector<std::uint64_t> from_two;
  ASSERT_TRUE(ForEachAuditRecord(*txn, 2, [&](const AuditRecord& r) {
                from_two.push_back(r.seq);
                return true;
              }).ok());
  EXPECT_EQ(from_two, (std::vector<std::uint64_t>{2, 3}));
}

TEST_F(AuditLogTest, ChainHeadTextRoundTripsAndBadTextIsExplained) {
  const ChainHead head{17, std::string(64, 'a')};
  const std::string text = FormatChainHead(head);
  EXPECT_EQ(text, "sutra-audit-head 17 " + std::string(64, 'a') + "\n");
  auto parsed = ParseChainHead(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->seq, 17u);
  EXPECT_EQ(parsed->hash, head.hash);

  auto wrong_magic = ParseChainHead("audit-head 17 " + head.hash);
  ASSERT_FALSE(wrong_magic.ok());
  EXPECT_NE(wrong_magic.status().message().find("sutra-audit-head <seq> <hash>"),
            std::string::npos);
  auto bad_seq = ParseChainHead("sutra-audit-head x17 " + head.hash);
  ASSERT_FALSE(bad_seq.ok());
  EXPECT_NE(bad_seq.status().message().find("'x17'"), std::string::npos);
  auto short_hash = ParseChainHead("sutra-audit-head 17 abc");
  ASSERT_FALSE(short_hash.ok());
  EXPECT_NE(short_hash.status().message().find("64 lower-case hex"), std::string::npos);
}

TEST_F(AuditLogTest, AppendInCommitsWithTheCallersTransactionAndVanishesWhenItAborts) {
  AuditLog log(*store_, FixedClock(), storage::GraphStore::Durability::kSynced);
  // Aborted: neither the node nor the entry is stored, and no sequence number is used up.
  Status aborted = store_->Update([&](storage::WriteTxn& txn) -> Status {
    SUTRA_RETURN_IF_ERROR(txn.UpsertNode(storage::NodeType::kCase, "S|1", {}).status());
    SUTRA_ASSIGN_OR_RETURN(std::uint64_t seq, log.AppendIn(txn, FullRecord()));
    EXPECT_EQ(seq, 1u);
    return FailedPrecondition("the write was refused");
  });
  EXPECT_FALSE(aborted.ok());
  EXPECT_TRUE(ReadAll(*store_).empty());
  {
    auto txn = store_->BeginRead();
    ASSERT_TRUE(txn.ok());
    auto node = txn->FindNode(storage::NodeType::kCase, "S|1");
    ASSERT_TRUE(node.ok());
    EXPECT_FALSE(node->has_value());
  }

  // Committed: both, and the entry chains on as usual.
  Status committed = store_->Update([&](storage::WriteTxn& txn) -> Status {
    SUTRA_RETURN_IF_ERROR(txn.UpsertNode(storage::NodeType::kCase, "S|1", {}).status());
    return log.AppendIn(txn, FullRecord()).status();
  });
  ASSERT_TRUE(committed.ok()) << committed.ToString();
  ASSERT_TRUE(log.Append(FullRecord()).ok());
  const std::vector<AuditRecord> read = ReadAll(*store_);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].seq, 1u);
  EXPECT_EQ(read[1].seq, 2u);
  auto txn = store_->BeginRead();
  ASSERT_TRUE(txn.ok());
  auto node = txn->FindNode(storage::NodeType::kCase, "S|1");
  ASSERT_TRUE(node.ok());
  EXPECT_TRUE(node->has_value());
  auto check = VerifyAuditChain(*txn, std::nullopt);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->intact) << check->problem;
}

TEST_F(AuditLogTest, TwoThreadsAppendingKeepOneUnbrokenChain) {
  AuditLog log(*store_);  // system clock, deferred durability: the production setting
  constexpr int kPerThread = 60;
  std::vector<std::uint64_t> seqs[2];
  auto work = [&](int t) {
    for (int i = 0; i < kPerThread; ++i) {
      AuditRecord r = FullRecord();
      r.user = "user" + std::to_string(t);
      auto seq = log.Append(r);
      ASSERT_TRUE(seq.ok()) << seq.status().ToString();
      seqs[t].push_back(*seq);
    }
  };
  std::thread first(work, 0), second(work, 1);
  first.join();
  second.join();

  std::vector<std::uint64_t> all = seqs[0];
  all.insert(all.end(), seqs[1].begin(), seqs[1].end());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i + 1);

  auto txn = store_->BeginRead();
  ASSERT_TRUE(txn.ok());
  auto check = VerifyAuditChain(*txn, std::nullopt);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->intact) << check->problem;
  EXPECT_EQ(check->entries, 2u * kPerThread);
}

double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

TEST_F(AuditLogTest, DeferredEntriesAreFlushedWithoutBusyWaitingAndSurviveReopening) {
  {
    AuditLog log(*store_, FixedClock(), storage::GraphStore::Durability::kDeferred,
                 milliseconds(20));
    ASSERT_TRUE(log.Append(FullRecord()).ok());
    // The flusher waits on a condition variable: idle, it costs (almost) no CPU.
    const double cpu_before = ProcessCpuSeconds();
    std::this_thread::sleep_for(milliseconds(300));
    EXPECT_LT(ProcessCpuSeconds() - cpu_before, 0.1);
    ASSERT_TRUE(log.Append(FullRecord()).ok());
    ASSERT_TRUE(log.Sync().ok());
  }
  store_.reset();
  auto reopened = storage::GraphStore::Open(dir_.path(), {});
  ASSERT_TRUE(reopened.ok());
  const std::vector<AuditRecord> read = ReadAll(**reopened);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[1].seq, 2u);
}

TEST_F(AuditLogTest, ClosingALogWithALongFlushIntervalDoesNotWaitForIt) {
  const auto start = std::chrono::steady_clock::now();
  {
    AuditLog log(*store_, FixedClock(), storage::GraphStore::Durability::kDeferred,
                 std::chrono::seconds(30));
    ASSERT_TRUE(log.Append(FullRecord()).ok());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(ReadAll(*store_).size(), 1u);
}

}  // namespace
}  // namespace sutra::engine::policy
