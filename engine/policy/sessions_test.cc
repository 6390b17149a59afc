// Sessions: random ids, the 30-minute idle expiry on an injected clock, logout, and the audit
// entries their ends leave (engine/policy/sessions.h).

#include "engine/policy/sessions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <set>
#include <thread>

#include "engine/policy/audit_log.h"
#include "storage/graph_store.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine::policy {
namespace {

using std::chrono::minutes;

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.create_if_missing = true;
    store_ = storage::GraphStore::Open(tmp_.path() / "db", options).value();
    audit_ = std::make_unique<AuditLog>(*store_, clock_);
    table_ = std::make_unique<SessionTable>(clock_, kDefaultSessionIdleTimeout, audit_.get());
  }
  static Principal Asha() {
    return Principal{"asha.patil", Role::kInvestigator,
                     Jurisdiction{JurisdictionLevel::kDistrict, "Pune"}, ""};
  }
  std::vector<AuditRecord> AuditEntries() const {
    std::vector<AuditRecord> records;
    storage::ReadTxn txn = store_->BeginRead().value();
    EXPECT_TRUE(ForEachAuditRecord(txn, 1, [&](const AuditRecord& record) {
                  records.push_back(record);
                  return true;
                }).ok());
    return records;
  }

  testing::TempDir tmp_;
  std::atomic<std::int64_t> minutes_{0};
  Clock clock_ = [this] {
    return std::chrono::system_clock::time_point(std::chrono::hours(500000)) +
           minutes(minutes_.load());
  };
  std::unique_ptr<storage::GraphStore> store_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<SessionTable> table_;
};

TEST_F(SessionsTest, IdsAre32RandomBytesInHexAndTouchReturnsThePrincipal) {
  const std::string id = table_->Open(Asha()).value();
  EXPECT_EQ(id.size(), 64u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_NE(table_->Open(Asha()).value(), id);
  StatusOr<Principal> principal = table_->Touch(id);
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->user, "asha.patil");
  EXPECT_EQ(principal->role, Role::kInvestigator);
  EXPECT_EQ(principal->session, id);
  EXPECT_EQ(table_->Touch("not-a-session").status().code(), StatusCode::kPermissionDenied);
}

TEST_F(SessionsTest, SessionsExpireAfter30MinutesIdleAndUseRestartsTheTimer) {
  const std::string id = table_->Open(Asha()).value();
  minutes_ = 29;
  ASSERT_TRUE(table_->Touch(id).ok());
  minutes_ = 58;  // 29 minutes after the last use, 58 after the login
  ASSERT_TRUE(table_->Touch(id).ok());
  minutes_ = 89;  // 31 minutes idle
  const Status expired = table_->Touch(id).status();
  EXPECT_EQ(expired.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(expired.message(), "session expired after 30 minutes idle; log in again");
  EXPECT_EQ(table_->size(), 0u);
  // Gone for good: a later touch does not find it at all.
  EXPECT_EQ(table_->Touch(id).status().message(), "unknown session; log in again");

  const std::vector<AuditRecord> records = AuditEntries();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].operation, "session-expired");
  EXPECT_EQ(records[0].user, "asha.patil");
  EXPECT_EQ(records[0].session, id);
}

TEST_F(SessionsTest, TheIdleTimeoutIsConfigurable) {
  SessionTable short_table(clock_, std::chrono::seconds(5 * 60));
  const std::string id = short_table.Open(Asha()).value();
  minutes_ = 4;
  EXPECT_TRUE(short_table.Touch(id).ok());
  minutes_ = 10;
  EXPECT_EQ(short_table.Touch(id).status().message(),
            "session expired after 5 minutes idle; log in again");
}

TEST_F(SessionsTest, CloseLogsOutAndIsAudited) {
  const std::string id = table_->Open(Asha()).value();
  ASSERT_TRUE(table_->Close(id).ok());
  EXPECT_EQ(table_->Touch(id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(table_->Close(id).code(), StatusCode::kNotFound);
  const std::vector<AuditRecord> records = AuditEntries();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].operation, "logout");
  EXPECT_EQ(records[0].session, id);
}

TEST_F(SessionsTest, SweepEndsOnlyExpiredSessionsAndCloseAllOfOnlyThatUsersSessions) {
  const std::string old_session = table_->Open(Asha()).value();
  minutes_ = 20;
  const std::string recent = table_->Open(Asha()).value();
  Principal ravi = Asha();
  ravi.user = "ravi.kale";
  const std::string ravis = table_->Open(ravi).value();
  minutes_ = 35;
  EXPECT_EQ(table_->Sweep().value(), 1u);
  EXPECT_FALSE(table_->Touch(old_session).ok());
  EXPECT_TRUE(table_->Touch(recent).ok());
  EXPECT_EQ(table_->CloseAllOf("asha.patil").value(), 1u);
  EXPECT_FALSE(table_->Touch(recent).ok());
  EXPECT_TRUE(table_->Touch(ravis).ok());
  const std::vector<AuditRecord> records = AuditEntries();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].operation, "session-expired");
  EXPECT_EQ(records[0].session, old_session);
  EXPECT_EQ(records[1].operation, "logout");
  EXPECT_EQ(records[1].session, recent);
}

TEST_F(SessionsTest, ManyThreadsOpenAndTouchSessionsAtOnce) {
  constexpr int kThreads = 4;
  constexpr int kEach = 50;
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        ids[t].push_back(table_->Open(Asha()).value());
        EXPECT_TRUE(table_->Touch(ids[t].back()).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> distinct;
  for (const auto& some : ids) distinct.insert(some.begin(), some.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(table_->size(), distinct.size());
}

}  // namespace
}  // namespace sutra::engine::policy
