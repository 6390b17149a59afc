// `sutra audit` as an overseer uses it: verify (exit 0 intact, 3 tampered with the entry named,
// 1 on errors), head export and verification against it, report filters and formats, and the
// anomaly review. Every audit sub-command is itself recorded, which the tests rely on to fill
// the log; tampering is done on the raw LMDB files as someone with access to them could.
#include <gtest/gtest.h>
#include <lmdb.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/graph_store.h"
#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;
using nlohmann::json;

std::string Key(std::uint64_t seq) {
  std::string key;
  for (int shift = 56; shift >= 0; shift -= 8) key += static_cast<char>((seq >> shift) & 0xFF);
  return key;
}

// Runs `edit` on the raw `audit` sub-database in one committed LMDB write transaction.
void EditRawAudit(const std::filesystem::path& db,
                  const std::function<void(MDB_txn*, MDB_dbi)>& edit) {
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  ASSERT_EQ(mdb_env_set_maxdbs(env, 16), 0);
  ASSERT_EQ(mdb_env_set_mapsize(env, std::size_t{1} << 30), 0);
  ASSERT_EQ(mdb_env_open(env, db.c_str(), 0, 0664), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  MDB_dbi dbi = 0;
  ASSERT_EQ(mdb_dbi_open(txn, "audit", 0, &dbi), 0);
  edit(txn, dbi);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
}

void FlipByte(MDB_txn* txn, MDB_dbi dbi, std::uint64_t seq, std::size_t pos) {
  std::string key = Key(seq);
  MDB_val k{key.size(), key.data()}, v{};
  ASSERT_EQ(mdb_get(txn, dbi, &k, &v), 0);
  std::string value(static_cast<const char*>(v.mv_data), v.mv_size);
  ASSERT_LT(pos, value.size());
  value[pos] = static_cast<char>(value[pos] ^ 0x01);
  MDB_val changed{value.size(), value.data()};
  ASSERT_EQ(mdb_put(txn, dbi, &k, &changed, 0), 0);
}

void Delete(MDB_txn* txn, MDB_dbi dbi, std::uint64_t seq) {
  std::string key = Key(seq);
  MDB_val k{key.size(), key.data()};
  ASSERT_EQ(mdb_del(txn, dbi, &k, nullptr), 0);
}

// A UTC offset, "+HH:MM" or "-HH:MM", under which it is now about half past one at night.
std::string OffsetMakingItNight() {
  const auto now = std::chrono::system_clock::now();
  const auto minute_of_day =
      std::chrono::floor<std::chrono::minutes>(now - std::chrono::floor<std::chrono::days>(now))
          .count();
  long offset = (90 - minute_of_day) % 1440;  // local 01:30
  if (offset < -720) offset += 1440;
  if (offset > 720) offset -= 1440;
  const long magnitude = offset < 0 ? -offset : offset;
  char text[8];
  std::snprintf(text, sizeof text, "%c%02ld:%02ld", offset < 0 ? '-' : '+', magnitude / 60,
                magnitude % 60);
  return text;
}

class AuditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() / "db";
    auto store = storage::GraphStore::Open(dir_, {.create_if_missing = true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    db_ = Quote(dir_);
  }
  CliRun Audit(const std::string& args) { return Sutra("audit " + args); }
  testing::TempDir tmp_;
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(AuditCli, VerifyOfAnUntouchedLogSucceedsAndRecordsItself) {
  CliRun first = Audit("verify --db " + db_);
  EXPECT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("audit log intact: 0 entries"), std::string::npos) << first.out;
  // The first check was recorded after it read the log; the next one sees and checks that entry.
  CliRun second = Audit("verify --db " + db_);
  EXPECT_EQ(second.exit_code, 0) << second.out;
  EXPECT_NE(second.out.find("audit log intact: 1 entry"), std::string::npos) << second.out;

  CliRun report = Audit("report --db " + db_ + " --format json");
  ASSERT_EQ(report.exit_code, 0) << report.out;
  const json entries = json::parse(report.out);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["operation"], "audit-read");
  EXPECT_EQ(entries[0]["role"], "operator");
  EXPECT_EQ(entries[0]["rule"], "operator");
  EXPECT_EQ(entries[0]["allowed"], true);
  EXPECT_EQ(entries[0]["parameters"]["command"], "verify");
  EXPECT_EQ(entries[0]["parameters"]["result"], "intact");
  EXPECT_EQ(entries[0]["jurisdiction"], "national");
  EXPECT_TRUE(entries[0]["session"].get<std::string>().starts_with("cli:"));
}

TEST_F(AuditCli, AFlippedByteIsReportedWithTheEntryAndExitCode3) {
  for (int i = 0; i < 4; ++i) ASSERT_EQ(Audit("verify --db " + db_).exit_code, 0);
  EditRawAudit(dir_, [](MDB_txn* txn, MDB_dbi dbi) { FlipByte(txn, dbi, 2, 100); });
  CliRun run = Audit("verify --db " + db_);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_NE(run.out.find("TAMPERED"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("entry 2 was altered: its hash does not match its content"),
            std::string::npos)
      << run.out;
  // Reading records of a log whose entries no longer decode is refused, naming the entry.
  EditRawAudit(dir_, [](MDB_txn* txn, MDB_dbi dbi) { FlipByte(txn, dbi, 3, 64); });
  CliRun report = Audit("report --db " + db_);
  EXPECT_EQ(report.exit_code, 1) << report.out;
  EXPECT_NE(report.out.find("audit entry 3 does not decode"), std::string::npos) << report.out;
}

TEST_F(AuditCli, ADeletedEntryIsNamed) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Audit("verify --db " + db_).exit_code, 0);
  EditRawAudit(dir_, [](MDB_txn* txn, MDB_dbi dbi) { Delete(txn, dbi, 3); });
  CliRun deleted = Audit("verify --db " + db_);
  EXPECT_EQ(deleted.exit_code, 3) << deleted.out;
  EXPECT_NE(deleted.out.find("entry 3 is missing"), std::string::npos) << deleted.out;
}

TEST_F(AuditCli, SwappedEntriesAreNamed) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Audit("verify --db " + db_).exit_code, 0);
  EditRawAudit(dir_, [](MDB_txn* txn, MDB_dbi dbi) {
    std::string k2 = Key(2), k4 = Key(4);
    MDB_val key2{k2.size(), k2.data()}, key4{k4.size(), k4.data()}, v2{}, v4{};
    ASSERT_EQ(mdb_get(txn, dbi, &key2, &v2), 0);
    ASSERT_EQ(mdb_get(txn, dbi, &key4, &v4), 0);
    std::string two(static_cast<const char*>(v2.mv_data), v2.mv_size);
    std::string four(static_cast<const char*>(v4.mv_data), v4.mv_size);
    MDB_val put2{four.size(), four.data()}, put4{two.size(), two.data()};
    ASSERT_EQ(mdb_put(txn, dbi, &key2, &put2, 0), 0);
    ASSERT_EQ(mdb_put(txn, dbi, &key4, &put4, 0), 0);
  });
  CliRun run = Audit("verify --db " + db_);
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_NE(run.out.find("entry 2 is out of place"), std::string::npos) << run.out;
}

TEST_F(AuditCli, ATruncatedTailIsCaughtAgainstTheExportedHead) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Audit("verify --db " + db_).exit_code, 0);
  const std::string head_file = Quote(tmp_.path() / "head.txt");
  CliRun head = Audit("head --db " + db_ + " --out " + head_file);
  ASSERT_EQ(head.exit_code, 0) << head.out;
  std::ifstream in(tmp_.path() / "head.txt");
  std::stringstream text;
  text << in.rdbuf();
  // Three checks, then the export itself: the head names entry 4.
  EXPECT_TRUE(text.str().starts_with("sutra-audit-head 4 ")) << text.str();

  CliRun intact = Audit("verify --db " + db_ + " --head " + head_file);
  EXPECT_EQ(intact.exit_code, 0) << intact.out;
  EXPECT_NE(intact.out.find("entry 4 matches the exported head"), std::string::npos) << intact.out;

  EditRawAudit(dir_, [](MDB_txn* txn, MDB_dbi dbi) {
    for (std::uint64_t seq = 3; seq <= 5; ++seq) Delete(txn, dbi, seq);
  });
  CliRun cut = Audit("verify --db " + db_ + " --head " + head_file);
  EXPECT_EQ(cut.exit_code, 3) << cut.out;
  EXPECT_NE(cut.out.find("entries 3..4 are missing from the tail"), std::string::npos) << cut.out;
}

TEST_F(AuditCli, ATruncatedTailIsCaughtWithoutAHeadByTheStoresEntryCount) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Audit("verify --db " + db_).exit_code, 0);
  EditRawAudit(dir_, [](MDB_txn* txn, MDB_dbi dbi) { Delete(txn, dbi, 3); });
  CliRun cut = Audit("verify --db " + db_);
  EXPECT_EQ(cut.exit_code, 3) << cut.out;
  EXPECT_NE(cut.out.find("entry 3 is missing from the tail"), std::string::npos) << cut.out;
  // That check was recorded as entry 4, after the gap, which stays visible.
  CliRun again = Audit("verify --db " + db_);
  EXPECT_EQ(again.exit_code, 3) << again.out;
  EXPECT_NE(again.out.find("entry 3 is missing (removed): the log goes from entry 2 to entry 4"),
            std::string::npos)
      << again.out;
}

TEST_F(AuditCli, BadHeadFilesAndTimesAreErrorsNamingTheOption) {
  std::ofstream(tmp_.path() / "bad-head.txt") << "not a head\n";
  CliRun bad_head = Audit("verify --db " + db_ + " --head " + Quote(tmp_.path() / "bad-head.txt"));
  EXPECT_EQ(bad_head.exit_code, 1) << bad_head.out;
  EXPECT_NE(bad_head.out.find("--head"), std::string::npos) << bad_head.out;
  CliRun no_head = Audit("verify --db " + db_ + " --head " + Quote(tmp_.path() / "missing"));
  EXPECT_EQ(no_head.exit_code, 1) << no_head.out;

  CliRun bad_since = Audit("report --db " + db_ + " --since 30/11/2026");
  EXPECT_EQ(bad_since.exit_code, 1) << bad_since.out;
  EXPECT_NE(bad_since.out.find("--since '30/11/2026'"), std::string::npos) << bad_since.out;
  CliRun bad_subject = Audit("report --db " + db_ + " --subject Ravi");
  EXPECT_EQ(bad_subject.exit_code, 1) << bad_subject.out;
  EXPECT_NE(bad_subject.out.find("--subject 'Ravi'"), std::string::npos) << bad_subject.out;
  CliRun bad_offset = Audit("anomalies --db " + db_ + " --utc-offset 5:30");
  EXPECT_EQ(bad_offset.exit_code, 1) << bad_offset.out;
  EXPECT_NE(bad_offset.out.find("--utc-offset '5:30'"), std::string::npos) << bad_offset.out;
  CliRun no_db = Audit("verify --db " + Quote(tmp_.path() / "nothing-here"));
  EXPECT_EQ(no_db.exit_code, 1) << no_db.out;
}

TEST_F(AuditCli, ReportFiltersAndFormats) {
  for (int i = 0; i < 2; ++i) ASSERT_EQ(Audit("verify --db " + db_).exit_code, 0);
  CliRun all = Audit("report --db " + db_ + " --format json");
  ASSERT_EQ(all.exit_code, 0) << all.out;
  const std::string user = json::parse(all.out)[0]["user"].get<std::string>();

  CliRun table = Audit("report --db " + db_ + " --user " + Quote(user));
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("seq  time"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("audit-read"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("3 entries"), std::string::npos) << table.out;  // 2 checks, 1 report

  CliRun nobody = Audit("report --db " + db_ + " --user nobody.at.all");
  EXPECT_EQ(nobody.exit_code, 0) << nobody.out;
  EXPECT_NE(nobody.out.find("No audit entry matches."), std::string::npos) << nobody.out;

  CliRun csv = Audit("report --db " + db_ + " --format csv --operation audit-read");
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  EXPECT_TRUE(csv.out.starts_with("seq,time,user,role,")) << csv.out;
  EXPECT_NE(csv.out.find("\r\n1,"), std::string::npos) << csv.out;

  CliRun future = Audit("report --db " + db_ + " --since 2199-01-01 --format json");
  ASSERT_EQ(future.exit_code, 0) << future.out;
  EXPECT_TRUE(json::parse(future.out).empty());
  CliRun past = Audit("report --db " + db_ + " --until 2000-01-01 --format json");
  EXPECT_TRUE(json::parse(past.out).empty());
}

TEST_F(AuditCli, AnomaliesFlagANightBurstAndNothingByDay) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Audit("verify --db " + db_).exit_code, 0);
  const std::string night = OffsetMakingItNight();
  CliRun found =
      Audit("anomalies --db " + db_ + " --burst 3 --utc-offset=" + night + " --format json");
  ASSERT_EQ(found.exit_code, 0) << found.out;
  const json findings = json::parse(found.out);
  ASSERT_EQ(findings.size(), 1u) << found.out;
  EXPECT_EQ(findings[0]["rule"], "odd-hours-burst");
  EXPECT_EQ(findings[0]["entries"], json({1, 2, 3}));

  // The same entries outside the night given are no burst at odd hours.
  CliRun quiet =
      Audit("anomalies --db " + db_ + " --burst 3 --night 02:00-02:01 --utc-offset=" + night);
  ASSERT_EQ(quiet.exit_code, 0) << quiet.out;
  EXPECT_NE(quiet.out.find("No anomaly found."), std::string::npos) << quiet.out;

  CliRun table = Audit("anomalies --db " + db_ + " --burst 3 --utc-offset=" + night);
  EXPECT_NE(table.out.find("odd-hours-burst"), std::string::npos) << table.out;
  CliRun csv =
      Audit("anomalies --db " + db_ + " --burst 3 --utc-offset=" + night + " --format csv");
  EXPECT_TRUE(csv.out.starts_with("rule,user,entries,first_time,description\r\nodd-hours-burst,"))
      << csv.out;
}

}  // namespace
}  // namespace sutra
