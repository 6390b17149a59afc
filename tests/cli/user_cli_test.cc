// `sutra user ...` as an administrator at the console uses it: accounts added with the password
// from SUTRA_PASSWORD or stdin, listed without hashes, disabled, reset (which unlocks), cases
// assigned and granted; errors that name the option; one audit entry per change.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "storage/graph_store.h"
#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;
using nlohmann::json;

constexpr const char* kPasswordEnv = "SUTRA_PASSWORD='correct horse battery' ";
constexpr const char* kFir = "'MH-PUN-0012|0087/2021'";  // a Case of the sample, by its key

class UserCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    dir_ = new std::filesystem::path(tmp_->path() / "db");
    db_ = new std::string(Quote(*dir_));
    CliRun ingest = Sutra("ingest --db " + *db_ + " " + SUTRA_SAMPLE_DIR);
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
    delete tmp_;
  }
  // `sutra ARGS` with `prefix` before it (environment settings, or a pipe into it).
  static CliRun SutraWith(const std::string& prefix, const std::string& args) {
    const testing::CommandRun run =
        testing::RunCommand(prefix + std::string(SUTRA_BIN) + " " + args);
    return {run.exit_code, run.out};
  }
  static CliRun Add(const std::string& name, const std::string& role = "investigator",
                    const std::string& jurisdiction = "district:Pune") {
    return SutraWith(kPasswordEnv, "user add --db " + *db_ + " " + name + " --role " + role +
                                       " --jurisdiction " + jurisdiction);
  }
  // The account as stored (engine state "user/<name>").
  static json Stored(const std::string& name) {
    auto store = storage::GraphStore::Open(*dir_, {}).value();
    storage::ReadTxn txn = store->BeginRead().value();
    const std::optional<std::string> text = txn.GetState("user/" + name).value();
    return text ? json::parse(*text) : json();
  }
  static void Store(const std::string& name, const json& record) {
    auto store = storage::GraphStore::Open(*dir_, {}).value();
    ASSERT_TRUE(store
                    ->Update([&](storage::WriteTxn& txn) {
                      return txn.PutState("user/" + name, record.dump());
                    })
                    .ok());
  }
  static std::uint64_t AuditCount() {
    auto store = storage::GraphStore::Open(*dir_, {}).value();
    storage::ReadTxn txn = store->BeginRead().value();
    const auto last = txn.LastAudit().value();
    return last ? last->first : 0;
  }
  static json ListJson() {
    CliRun run = Sutra("user list --db " + *db_ + " --format json");
    EXPECT_EQ(run.exit_code, 0) << run.out;
    return json::parse(run.out, nullptr, false);
  }
  static json Listed(const std::string& name) {
    const json rows = ListJson();
    if (!rows.is_array()) return json();
    for (const json& row : rows) {
      if (row.value("name", "") == name) return row;
    }
    return json();
  }

  static testing::TempDir* tmp_;
  static std::filesystem::path* dir_;
  static std::string* db_;
};
testing::TempDir* UserCli::tmp_ = nullptr;
std::filesystem::path* UserCli::dir_ = nullptr;
std::string* UserCli::db_ = nullptr;

TEST_F(UserCli, AddThenListShowsTheAccountButNoHash) {
  const std::uint64_t before = AuditCount();
  CliRun add = Add("asha.patil", "supervisor", "station:MH-PUN-0012");
  ASSERT_EQ(add.exit_code, 0) << add.out;
  EXPECT_NE(add.out.find("added user asha.patil (supervisor, station:MH-PUN-0012)"),
            std::string::npos)
      << add.out;
  EXPECT_EQ(AuditCount(), before + 1);
  EXPECT_TRUE(Stored("asha.patil").value("password_hash", "").starts_with("$argon2id$"));

  CliRun table = Sutra("user list --db " + *db_);
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("asha.patil"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("station:MH-PUN-0012"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("argon2"), std::string::npos) << table.out;
  const json row = Listed("asha.patil");
  EXPECT_EQ(row.value("role", ""), "supervisor");
  EXPECT_EQ(row.value("locked", true), false);
  EXPECT_FALSE(row.contains("password_hash"));

  CliRun again = Add("asha.patil");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.out.find("exists already"), std::string::npos) << again.out;
}

TEST_F(UserCli, ThePasswordMayComeFromTheFirstLineOfStdin) {
  CliRun add =
      SutraWith("printf 'a password from a pipe\\nsecond line\\n' | env -u SUTRA_PASSWORD ",
                "user add --db " + *db_ +
                    " ravi.kale --role analyst --jurisdiction "
                    "state:Maharashtra");
  ASSERT_EQ(add.exit_code, 0) << add.out;
  EXPECT_EQ(Listed("ravi.kale").value("jurisdiction", ""), "state:Maharashtra");

  CliRun none = SutraWith("env -u SUTRA_PASSWORD ", "user add --db " + *db_ +
                                                        " nopass --role analyst --jurisdiction "
                                                        "national < /dev/null");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.out.find("SUTRA_PASSWORD"), std::string::npos) << none.out;
}

TEST_F(UserCli, BadRolesJurisdictionsAndPasswordsAreRefusedByName) {
  CliRun role = Add("mira.joshi", "boss");
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_NE(role.out.find("--role 'boss'"), std::string::npos) << role.out;
  CliRun op = Add("mira.joshi", "operator");
  EXPECT_EQ(op.exit_code, 1);
  EXPECT_NE(op.out.find("--role 'operator'"), std::string::npos) << op.out;
  CliRun jurisdiction = Add("mira.joshi", "analyst", "county:Pune");
  EXPECT_EQ(jurisdiction.exit_code, 1);
  EXPECT_NE(jurisdiction.out.find("--jurisdiction 'county:Pune'"), std::string::npos)
      << jurisdiction.out;
  CliRun name = Add("Mira", "analyst");
  EXPECT_EQ(name.exit_code, 1);
  EXPECT_NE(name.out.find("user name 'Mira'"), std::string::npos) << name.out;
  CliRun short_password =
      SutraWith("SUTRA_PASSWORD=short ",
                "user add --db " + *db_ + " mira.joshi --role analyst --jurisdiction national");
  EXPECT_EQ(short_password.exit_code, 1);
  EXPECT_NE(short_password.out.find("at least 12"), std::string::npos) << short_password.out;
  EXPECT_TRUE(Stored("mira.joshi").is_null());
  CliRun no_db = Sutra("user list --db " + Quote(tmp_->path() / "nonexistent"));
  EXPECT_EQ(no_db.exit_code, 1) << no_db.out;
}

TEST_F(UserCli, DisableAndPasswdChangeTheAccount) {
  ASSERT_EQ(Add("kiran.more").exit_code, 0);
  // As if five wrong passwords had locked it.
  json record = Stored("kiran.more");
  const std::string old_hash = record["password_hash"];
  record["failed_logins"] = 5;
  record["locked"] = true;
  Store("kiran.more", record);
  EXPECT_EQ(Listed("kiran.more").value("locked", false), true);

  const std::uint64_t before = AuditCount();
  CliRun passwd =
      SutraWith("SUTRA_PASSWORD='a fresh passphrase' ", "user passwd --db " + *db_ + " kiran.more");
  ASSERT_EQ(passwd.exit_code, 0) << passwd.out;
  EXPECT_EQ(AuditCount(), before + 1);
  record = Stored("kiran.more");
  EXPECT_NE(record.value("password_hash", ""), old_hash);
  EXPECT_EQ(record.value("locked", true), false);
  EXPECT_EQ(record.value("failed_logins", -1), 0);

  CliRun disable = Sutra("user disable --db " + *db_ + " kiran.more");
  ASSERT_EQ(disable.exit_code, 0) << disable.out;
  EXPECT_EQ(Listed("kiran.more").value("disabled", false), true);
  CliRun ghost = Sutra("user disable --db " + *db_ + " ghost");
  EXPECT_EQ(ghost.exit_code, 1);
  EXPECT_NE(ghost.out.find("user 'ghost' does not exist"), std::string::npos) << ghost.out;
}

TEST_F(UserCli, AssignAndGrantNameTheCaseAndCheckTheirOptions) {
  ASSERT_EQ(Add("dev.rao").exit_code, 0);
  CliRun assign = Sutra("user assign --db " + *db_ + " dev.rao --case " + kFir);
  ASSERT_EQ(assign.exit_code, 0) << assign.out;
  EXPECT_NE(assign.out.find("assigned case"), std::string::npos) << assign.out;

  CliRun unknown = Sutra("user assign --db " + *db_ + " dev.rao --case 'XX-0000|1/2020'");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("--case 'XX-0000|1/2020'"), std::string::npos) << unknown.out;
  CliRun no_node = Sutra("user assign --db " + *db_ + " dev.rao --case 987654321");
  EXPECT_EQ(no_node.exit_code, 1);
  EXPECT_NE(no_node.out.find("--case: no node 987654321"), std::string::npos) << no_node.out;

  CliRun grant = Sutra("user grant --db " + *db_ + " dev.rao --case " + kFir +
                       " --reason 'joint operation' --until 2099-12-31");
  ASSERT_EQ(grant.exit_code, 0) << grant.out;
  EXPECT_NE(grant.out.find("until 2099-12-31T23:59:59.999Z"), std::string::npos) << grant.out;

  CliRun bad_date = Sutra("user grant --db " + *db_ + " dev.rao --case " + kFir +
                          " --reason 'joint operation' --until 31/12/2099");
  EXPECT_EQ(bad_date.exit_code, 1);
  EXPECT_NE(bad_date.out.find("--until"), std::string::npos) << bad_date.out;
  CliRun past = Sutra("user grant --db " + *db_ + " dev.rao --case " + kFir +
                      " --reason 'joint operation' --until 2001-01-01");
  EXPECT_EQ(past.exit_code, 1);
  EXPECT_NE(past.out.find("--until:"), std::string::npos) << past.out;
  CliRun blank = Sutra("user grant --db " + *db_ + " dev.rao --case " + kFir +
                       " --reason ' ' --until 2099-12-31");
  EXPECT_EQ(blank.exit_code, 1);
  EXPECT_NE(blank.out.find("--reason:"), std::string::npos) << blank.out;
  CliRun missing =
      Sutra("user grant --db " + *db_ + " dev.rao --case " + kFir + " --until 2099-12-31");
  EXPECT_NE(missing.exit_code, 0) << missing.out;
  EXPECT_NE(missing.out.find("--reason"), std::string::npos) << missing.out;
}

}  // namespace
}  // namespace sutra
