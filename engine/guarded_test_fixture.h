// The committed sample loaded once, with a GuardedEngine over it, for the access-matrix and
// redaction tests: principals are built directly (the policy decides on role and
// jurisdiction); assignments and grants are written through the UserDirectory.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "engine/guarded_engine.h"
#include "engine/policy/users.h"
#include "ingest/loader.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine {

class GuardedSample : public ::testing::Test {
 protected:
  // Fixed so that grants' expiry is deterministic.
  static std::chrono::system_clock::time_point Now() {
    return std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + std::chrono::hours(10);
  }

  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    {
      auto store = storage::GraphStore::Open(tmp_->path(), {.create_if_missing = true});
      ASSERT_TRUE(store.ok()) << store.status().message();
      auto report = ingest::LoadCsvBundle(**store, SUTRA_SAMPLE_DIR, {});
      ASSERT_TRUE(report.ok()) << report.status().message();
    }
    auto engine = Engine::Open(tmp_->path());
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    engine_ = engine->release();
    audit_ = new policy::AuditLog(engine_->store(), [] { return Now(); });
    guarded_ = new GuardedEngine(*engine_, *audit_, [] { return Now(); });
  }
  static void TearDownTestSuite() {
    delete guarded_;
    delete audit_;
    delete engine_;
    delete tmp_;
  }

  static storage::NodeId NodeNamed(std::string_view text) {
    auto nodes = engine_->Search(text, 2);
    EXPECT_TRUE(nodes.ok() && nodes->size() == 1) << text;
    return nodes.ok() && !nodes->empty() ? (*nodes)[0].id : 0;
  }
  static storage::NodeId CaseNode(std::string_view key) {
    auto txn = engine_->store().BeginRead();
    auto id = txn->FindNode(storage::NodeType::kCase, key);
    EXPECT_TRUE(id.ok() && id->has_value()) << key;
    return id.ok() && id->has_value() ? **id : 0;
  }
  static std::uint64_t AuditEntries() {
    auto txn = engine_->store().BeginRead();
    auto last = txn->LastAudit();
    return last.ok() && last->has_value() ? (*last)->first : 0;
  }
  static policy::AuditRecord LastEntry() {
    policy::AuditRecord last;
    auto txn = engine_->store().BeginRead();
    EXPECT_TRUE(policy::ForEachAuditRecord(*txn, AuditEntries(), [&](const policy::AuditRecord& r) {
                  last = r;
                  return true;
                }).ok());
    return last;
  }
  static AccessContext Context(std::string user, policy::Role role, std::string jurisdiction) {
    AccessContext context;
    context.principal.user = std::move(user);
    context.principal.role = role;
    context.principal.jurisdiction = *policy::ParseJurisdiction(jurisdiction);
    context.principal.session = "test";
    context.purpose.text = "access matrix test";
    context.purpose.case_ref = "0087/2021";
    return context;
  }

  // Inline: each test program that includes the fixture shares one sample.
  static inline testing::TempDir* tmp_ = nullptr;
  static inline Engine* engine_ = nullptr;
  static inline policy::AuditLog* audit_ = nullptr;
  static inline GuardedEngine* guarded_ = nullptr;
};

}  // namespace sutra::engine
