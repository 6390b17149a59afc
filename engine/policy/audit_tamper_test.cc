// Tampering with the stored audit log behind Sutra's back (raw LMDB, as an administrator with
// the files could) is detected by VerifyAuditChain, which names the entry: a flipped byte, a
// deleted entry, two swapped entries, a truncated tail and a rewritten chain (the last two
// against an exported head).
#include <gtest/gtest.h>
#include <lmdb.h>

#include "engine/policy/audit_codec.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/audit_report.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine::policy {
namespace {

std::string Key(std::uint64_t seq) {
  std::string key;
  for (int shift = 56; shift >= 0; shift -= 8) key += static_cast<char>((seq >> shift) & 0xFF);
  return key;
}

// The `audit` sub-database opened with LMDB directly, in one write transaction committed when
// the object dies. The store must be closed meanwhile (one environment per process).
class RawAudit {
 public:
  explicit RawAudit(const std::filesystem::path& dir) {
    EXPECT_EQ(mdb_env_create(&env_), 0);
    EXPECT_EQ(mdb_env_set_maxdbs(env_, 16), 0);
    EXPECT_EQ(mdb_env_set_mapsize(env_, std::size_t{1} << 30), 0);
    EXPECT_EQ(mdb_env_open(env_, dir.c_str(), 0, 0664), 0);
    EXPECT_EQ(mdb_txn_begin(env_, nullptr, 0, &txn_), 0);
    EXPECT_EQ(mdb_dbi_open(txn_, "audit", 0, &dbi_), 0);
  }
  ~RawAudit() {
    EXPECT_EQ(mdb_txn_commit(txn_), 0);
    mdb_env_close(env_);
  }
  RawAudit(const RawAudit&) = delete;
  RawAudit& operator=(const RawAudit&) = delete;

  std::string Get(std::uint64_t seq) {
    std::string key = Key(seq);
    MDB_val k{key.size(), key.data()}, v{};
    EXPECT_EQ(mdb_get(txn_, dbi_, &k, &v), 0) << "entry " << seq;
    return std::string(static_cast<const char*>(v.mv_data), v.mv_size);
  }
  void Put(std::uint64_t seq, std::string value) {
    std::string key = Key(seq);
    MDB_val k{key.size(), key.data()}, v{value.size(), value.data()};
    EXPECT_EQ(mdb_put(txn_, dbi_, &k, &v, 0), 0);
  }
  void Delete(std::uint64_t seq) {
    std::string key = Key(seq);
    MDB_val k{key.size(), key.data()};
    EXPECT_EQ(mdb_del(txn_, dbi_, &k, nullptr), 0);
  }

 private:
  MDB_env* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
  MDB_dbi dbi_ = 0;
};

class AuditTamperTest : public ::testing::Test {
 protected:
  static constexpr std::uint64_t kEntries = 6;

  void SetUp() override {
    Open(/*create=*/true);
    AuditLog log(*store_, SystemClock(), storage::GraphStore::Durability::kSynced);
    for (std::uint64_t i = 1; i <= kEntries; ++i) {
      AuditRecord r;
      r.user = "user" + std::to_string(i);
      r.role = "investigator";
      r.operation = "search";
      r.allowed = true;
      r.rule = "in-jurisdiction";
      r.subjects = {i * 10};
      ASSERT_TRUE(log.Append(r).ok());
    }
    auto txn = store_->BeginRead();
    ASSERT_TRUE(txn.ok());
    auto head = ReadChainHead(*txn);
    ASSERT_TRUE(head.ok() && head->has_value());
    head_ = **head;
  }

  void Open(bool create = false) {
    auto opened = storage::GraphStore::Open(dir_.path(), {.create_if_missing = create});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
  }

  // Closes the store, lets `edit` change the raw log, reopens.
  void Tamper(const std::function<void(RawAudit&)>& edit) {
    store_.reset();
    {
      RawAudit raw(dir_.path());
      edit(raw);
    }
    Open();
  }

  ChainCheck Verify(const std::optional<ChainHead>& exported = std::nullopt) {
    auto txn = store_->BeginRead();
    EXPECT_TRUE(txn.ok());
    auto check = VerifyAuditChain(*txn, exported);
    EXPECT_TRUE(check.ok()) << check.status().ToString();
    return check.ok() ? *check : ChainCheck{};
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  ChainHead head_;
};

TEST_F(AuditTamperTest, AnUntouchedLogIsIntactAlsoAgainstItsExportedHead) {
  const ChainCheck check = Verify(head_);
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.entries, kEntries);
}

TEST_F(AuditTamperTest, FlippingAnyOneByteOfAnEntryIsDetectedAndTheEntryNamed) {
  std::string original;
  Tamper([&](RawAudit& raw) { original = raw.Get(3); });
  // Every byte of the hash, the separator and the content, one at a time.
  for (std::size_t pos = 0; pos < original.size(); pos += (pos < 70 ? 1 : 5)) {
    Tamper([&](RawAudit& raw) {
      std::string flipped = original;
      flipped[pos] = static_cast<char>(flipped[pos] ^ 0x01);
      raw.Put(3, flipped);
    });
    const ChainCheck check = Verify();
    EXPECT_FALSE(check.intact) << "byte " << pos;
    EXPECT_EQ(check.first_bad, 3u) << "byte " << pos;
    EXPECT_NE(check.problem.find("entry 3 was altered"), std::string::npos)
        << "byte " << pos << ": " << check.problem;
  }
  Tamper([&](RawAudit& raw) { raw.Put(3, original); });
  EXPECT_TRUE(Verify(head_).intact);
}

TEST_F(AuditTamperTest, AContentChangedWithAMatchingHashIsCaughtByTheNextEntrysLink) {
  // A forger who rehashes the entry he changed: entry 3 is self-consistent, entry 4 no longer
  // names its hash.
  Tamper([&](RawAudit& raw) {
    auto decoded = audit_codec::DecodeContent(audit_codec::SplitEntry(raw.Get(3))->content);
    ASSERT_TRUE(decoded.ok());
    decoded->record.user = "someone.else";
    raw.Put(3,
            audit_codec::EncodeEntry(audit_codec::EncodeContent(decoded->record, decoded->prev)));
  });
  const ChainCheck check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad, 4u);
  EXPECT_NE(check.problem.find("entry 4 does not follow entry 3"), std::string::npos)
      << check.problem;
}

TEST_F(AuditTamperTest, AnEntryThatNoLongerDecodesIsNamed) {
  Tamper([&](RawAudit& raw) { raw.Put(2, audit_codec::EncodeEntry("not an entry")); });
  const ChainCheck check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad, 2u);
  EXPECT_NE(check.problem.find("entry 2 was altered: its content is not a JSON object"),
            std::string::npos)
      << check.problem;
  // Reading the records stops there with an error naming it.
  auto txn = store_->BeginRead();
  ASSERT_TRUE(txn.ok());
  Status read = ForEachAuditRecord(*txn, 1, [](const AuditRecord&) { return true; });
  EXPECT_EQ(read.code(), StatusCode::kCorruption);
  EXPECT_NE(read.message().find("audit entry 2"), std::string::npos) << read.ToString();
}

TEST_F(AuditTamperTest, DeletingAnEntryFromTheMiddleNamesTheMissingSequenceNumber) {
  Tamper([](RawAudit& raw) { raw.Delete(4); });
  const ChainCheck check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad, 4u);
  EXPECT_NE(check.problem.find("entry 4 is missing"), std::string::npos) << check.problem;
}

TEST_F(AuditTamperTest, DeletingTheFirstEntriesIsDetected) {
  Tamper([](RawAudit& raw) {
    raw.Delete(1);
    raw.Delete(2);
  });
  const ChainCheck check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad, 1u);
  EXPECT_NE(check.problem.find("entries 1..2 are missing"), std::string::npos) << check.problem;
  EXPECT_NE(check.problem.find("starts at entry 3"), std::string::npos) << check.problem;
}

TEST_F(AuditTamperTest, SwappingTwoEntriesNamesTheFirstOutOfPlace) {
  Tamper([](RawAudit& raw) {
    std::string two = raw.Get(2), five = raw.Get(5);
    raw.Put(2, five);
    raw.Put(5, two);
  });
  const ChainCheck check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad, 2u);
  EXPECT_NE(check.problem.find("entry 2 is out of place: it holds the content of entry 5"),
            std::string::npos)
      << check.problem;
}

TEST_F(AuditTamperTest, TruncatingTheTailIsDetectedAgainstTheExportedHead) {
  Tamper([](RawAudit& raw) {
    raw.Delete(5);
    raw.Delete(6);
  });
  // The rest is a consistent chain: only the head kept elsewhere shows what is gone.
  EXPECT_TRUE(Verify().intact);
  const ChainCheck check = Verify(head_);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad, 5u);
  EXPECT_NE(check.problem.find("entries 5..6 are missing from the tail"), std::string::npos)
      << check.problem;
}

TEST_F(AuditTamperTest, AChainRewrittenFromSomeEntryOnIsCaughtAgainstTheExportedHead) {
  Tamper([](RawAudit& raw) {
    std::string prev = std::string(audit_codec::SplitEntry(raw.Get(3))->hash);
    for (std::uint64_t seq = 4; seq <= kEntries; ++seq) {
      auto decoded = audit_codec::DecodeContent(audit_codec::SplitEntry(raw.Get(seq))->content);
      ASSERT_TRUE(decoded.ok());
      decoded->record.subjects = {};  // hide who was looked at
      const std::string content = audit_codec::EncodeContent(decoded->record, prev);
      prev = audit_codec::Sha256Hex(content);
      raw.Put(seq, audit_codec::EncodeEntry(content));
    }
  });
  EXPECT_TRUE(Verify().intact);  // a perfect forgery, as far as the log alone can tell
  const ChainCheck check = Verify(head_);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_bad, kEntries);
  EXPECT_NE(check.problem.find("entry 6 differs from the exported head"), std::string::npos)
      << check.problem;
}

TEST_F(AuditTamperTest, NoEntryIsChainedAfterALastEntryThatDoesNotDecode) {
  Tamper([](RawAudit& raw) { raw.Put(kEntries, "garbage"); });
  AuditLog log(*store_, SystemClock(), storage::GraphStore::Durability::kSynced);
  auto appended = log.Append(AuditRecord{});
  ASSERT_FALSE(appended.ok());
  EXPECT_EQ(appended.status().code(), StatusCode::kCorruption);
  EXPECT_NE(appended.status().message().find("audit entry 6 does not decode"), std::string::npos)
      << appended.status().ToString();
}

}  // namespace
}  // namespace sutra::engine::policy
