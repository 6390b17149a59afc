// Accounts, passwords, lockout, case assignments and grants, and the audit entry each call
// leaves (engine/policy/users.h, password.h).

#include "engine/policy/users.h"

#include <gtest/gtest.h>

#include <memory>

#include "engine/policy/audit_log.h"
#include "engine/policy/password.h"
#include "storage/graph_store.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine::policy {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using TimePoint = std::chrono::system_clock::time_point;

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kWrong = "wrong horse battery";
const Jurisdiction kPune{JurisdictionLevel::kDistrict, "Pune"};

// ---- Passwords ------------------------------------------------------------------------------

TEST(Password, HashIsArgon2idAndVerifiesOnlyTheRightPassword) {
  StatusOr<std::string> hash = HashPassword(kPassword, PasswordCost::kMinimal);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$")) << *hash;
  EXPECT_EQ(hash->find(kPassword), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*hash, kPassword));
  EXPECT_FALSE(VerifyPassword(*hash, kWrong));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  // A fresh salt each time: equal passwords do not give equal hashes.
  EXPECT_NE(*hash, HashPassword(kPassword, PasswordCost::kMinimal).value());
}

TEST(Password, InteractiveCostUsesLibsodiumsInteractiveLimits) {
  StatusOr<std::string> hash = HashPassword(kPassword, PasswordCost::kInteractive);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, kPassword));
}

TEST(Password, ShortPasswordsAreRefusedWithTheRule) {
  const Status status = HashPassword("eleven char", PasswordCost::kMinimal).status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("at least 12"), std::string::npos) << status.message();
  EXPECT_TRUE(CheckPasswordRules("twelve chars").ok());
  // Characters, not bytes: eleven Devanagari letters are 33 bytes but still too short.
  EXPECT_FALSE(CheckPasswordRules("कखगघङचछजझञट").ok());
  EXPECT_TRUE(CheckPasswordRules("कखगघङचछजझञटठ").ok());
  EXPECT_FALSE(CheckPasswordRules(std::string(kMaxPasswordBytes + 1, 'x')).ok());
}

TEST(Password, DamagedOrForeignHashesNeverVerify) {
  EXPECT_FALSE(VerifyPassword("", kPassword));
  EXPECT_FALSE(VerifyPassword("plain text", kPassword));
  std::string hash = HashPassword(kPassword, PasswordCost::kMinimal).value();
  hash.back() = hash.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword(hash, kPassword));
}

// ---- Times ---------------------------------------------------------------------------------

TEST(UtcTime, FormatsAndParsesIsoTimes) {
  const TimePoint time = std::chrono::sys_days(std::chrono::year(2026) / 11 / 30) + hours(8) +
                         minutes(15) + std::chrono::milliseconds(20123);
  EXPECT_EQ(UtcTimeText(time), "2026-11-30T08:15:20.123Z");
  EXPECT_EQ(ParseUtcTime("2026-11-30T08:15:20.123Z").value(), time);
  EXPECT_EQ(ParseUtcTime("2026-11-30T13:45:20.123+05:30").value(), time);
  EXPECT_EQ(UtcTimeText(ParseUtcTime("2026-11-30").value()), "2026-11-30T00:00:00.000Z");
  EXPECT_EQ(UtcTimeText(ParseGrantUntil("2026-12-31").value()), "2026-12-31T23:59:59.999Z");
  EXPECT_EQ(UtcTimeText(ParseGrantUntil("2026-12-31 18:00").value()), "2026-12-31T18:00:00.000Z");
  for (const char* bad : {"", "2026-02-30", "2026-1-1", "2026-01-01T25:00", "31/12/2026",
                          "2026-01-01T10:00+5", "2026-01-01 10:00 IST"}) {
    const Status status = ParseUtcTime(bad).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(status.message().find("YYYY-MM-DD"), std::string::npos) << status.message();
  }
}

// ---- The directory ---------------------------------------------------------------------------

class UsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.create_if_missing = true;
    store_ = storage::GraphStore::Open(tmp_.path() / "db", options).value();
    ASSERT_TRUE(store_
                    ->Update([&](storage::WriteTxn& txn) -> Status {
                      SUTRA_ASSIGN_OR_RETURN(auto fir, txn.UpsertNode(storage::NodeType::kCase,
                                                                      "MH-PUN-0012|0087/2021", {}));
                      SUTRA_ASSIGN_OR_RETURN(auto phone, txn.UpsertNode(storage::NodeType::kPhone,
                                                                        "+919822012345", {}));
                      case_id_ = fir.id;
                      phone_id_ = phone.id;
                      return Status::Ok();
                    })
                    .ok());
    audit_ = std::make_unique<AuditLog>(*store_, clock_);
    users_ = std::make_unique<UserDirectory>(*store_, *audit_, clock_, PasswordCost::kMinimal);
  }

  static Principal As(Role role, std::string user = "actor") {
    return Principal{std::move(user), role, Jurisdiction{}, "s-1"};
  }
  void AddUser(const std::string& name, Role role = Role::kInvestigator) {
    ASSERT_TRUE(users_->Add(As(Role::kAdministrator), name, role, kPune, kPassword).ok());
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
  std::uint64_t AuditCount() const {
    std::uint64_t count = 0;
    storage::ReadTxn txn = store_->BeginRead().value();
    EXPECT_TRUE(txn.ForEachAudit(1,
                                 [&](std::uint64_t, std::string_view) {
                                   ++count;
                                   return true;
                                 })
                    .ok());
    return count;
  }
  AuditRecord LastAudit() const {
    std::vector<AuditRecord> records = AuditEntries();
    EXPECT_FALSE(records.empty());
    return records.empty() ? AuditRecord{} : records.back();
  }

  testing::TempDir tmp_;
  TimePoint now_ = std::chrono::sys_days(std::chrono::year(2026) / 11 / 30) + hours(9);
  Clock clock_ = [this] { return now_; };
  std::unique_ptr<storage::GraphStore> store_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<UserDirectory> users_;
  storage::NodeId case_id_ = 0;
  storage::NodeId phone_id_ = 0;
};

TEST_F(UsersTest, AddStoresTheAccountWithAnArgon2idHash) {
  AddUser("asha.patil");
  const UserRecord user = users_->Get("asha.patil").value();
  EXPECT_EQ(user.role, Role::kInvestigator);
  EXPECT_EQ(user.jurisdiction, kPune);
  EXPECT_TRUE(user.password_hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(user.password_hash, kPassword));
  EXPECT_EQ(user.created, "2026-11-30T09:00:00.000Z");
  EXPECT_EQ(user.failed_logins, 0);
  EXPECT_FALSE(user.locked || user.disabled);
  EXPECT_EQ(users_->Get("nobody").status().code(), StatusCode::kNotFound);
}

TEST_F(UsersTest, LoginReturnsThePrincipalOfTheAccount) {
  AddUser("asha.patil", Role::kSupervisor);
  StatusOr<Principal> principal = users_->Login("asha.patil", kPassword);
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->user, "asha.patil");
  EXPECT_EQ(principal->role, Role::kSupervisor);
  EXPECT_EQ(principal->jurisdiction, kPune);
  EXPECT_TRUE(principal->session.empty());
  const AuditRecord record = LastAudit();
  EXPECT_EQ(record.operation, "login");
  EXPECT_TRUE(record.allowed);
  EXPECT_EQ(record.rule, "password-ok");
  EXPECT_EQ(record.role, "supervisor");
}

TEST_F(UsersTest, FiveWrongPasswordsLockTheAccountUntilAnAdministratorResetsIt) {
  AddUser("asha.patil");
  for (int attempt = 1; attempt <= 4; ++attempt) {
    const Status status = users_->Login("asha.patil", kWrong).status();
    EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(status.message(), "login failed: unknown user or wrong password");
    EXPECT_EQ(users_->Get("asha.patil")->failed_logins, attempt);
  }
  const Status fifth = users_->Login("asha.patil", kWrong).status();
  EXPECT_EQ(fifth.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(fifth.message(),
            "account locked after 5 failed logins; an administrator must reset the password");
  EXPECT_TRUE(users_->Get("asha.patil")->locked);
  EXPECT_EQ(LastAudit().rule, "wrong-password:account-locked");

  // The right password no longer helps.
  const Status sixth = users_->Login("asha.patil", kPassword).status();
  EXPECT_EQ(sixth.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(sixth.message().find("account locked"), std::string::npos);
  EXPECT_EQ(LastAudit().rule, "account-locked");

  const char* fresh = "a brand new passphrase";
  ASSERT_TRUE(users_->SetPassword(As(Role::kAdministrator), "asha.patil", fresh).ok());
  const UserRecord reset = users_->Get("asha.patil").value();
  EXPECT_FALSE(reset.locked);
  EXPECT_EQ(reset.failed_logins, 0);
  EXPECT_FALSE(users_->Login("asha.patil", kPassword).ok());  // the old one is gone
  EXPECT_TRUE(users_->Login("asha.patil", fresh).ok());
}

TEST_F(UsersTest, AGoodLoginClearsTheFailureCount) {
  AddUser("asha.patil");
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(users_->Login("asha.patil", kWrong).ok());
  ASSERT_TRUE(users_->Login("asha.patil", kPassword).ok());
  EXPECT_EQ(users_->Get("asha.patil")->failed_logins, 0);
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(users_->Login("asha.patil", kWrong).ok());
  EXPECT_FALSE(users_->Get("asha.patil")->locked);  // 4 in a row, not 8 in all
  EXPECT_TRUE(users_->Login("asha.patil", kPassword).ok());
}

TEST_F(UsersTest, UnknownNamesAndWrongPasswordsLookAlikeExceptInTheAudit) {
  AddUser("asha.patil");
  const Status unknown = users_->Login("no.such.user", kPassword).status();
  const AuditRecord unknown_record = LastAudit();
  const Status wrong = users_->Login("asha.patil", kWrong).status();
  const AuditRecord wrong_record = LastAudit();
  EXPECT_EQ(unknown.code(), wrong.code());
  EXPECT_EQ(unknown.message(), wrong.message());
  EXPECT_FALSE(unknown_record.allowed);
  EXPECT_EQ(unknown_record.rule, "unknown-user");
  EXPECT_EQ(unknown_record.user, "no.such.user");
  EXPECT_EQ(wrong_record.rule, "wrong-password");
  // A name that could never be an account is refused the same way, not as an error.
  EXPECT_EQ(users_->Login("Bad Name/../x", kPassword).status().message(), unknown.message());
}

TEST_F(UsersTest, DisabledAccountsCannotLogIn) {
  AddUser("asha.patil");
  ASSERT_TRUE(users_->Disable(As(Role::kAdministrator), "asha.patil").ok());
  EXPECT_TRUE(users_->Get("asha.patil")->disabled);
  const Status status = users_->Login("asha.patil", kPassword).status();
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(status.message().find("disabled"), std::string::npos);
  EXPECT_EQ(LastAudit().rule, "account-disabled");
}

TEST_F(UsersTest, EachRoleMayOrMayNotManageUsersAndEveryCallIsAuditedOnce) {
  struct Expect {
    Role role;
    bool add, list, disable;
  };
  const std::vector<Expect> matrix{
      {Role::kInvestigator, false, false, false}, {Role::kAnalyst, false, false, false},
      {Role::kSupervisor, false, false, false},   {Role::kAuditor, false, true, false},
      {Role::kAdministrator, true, true, true},   {Role::kOperator, true, true, true},
  };
  int n = 0;
  for (const Expect& expect : matrix) {
    const Principal actor = As(expect.role, "actor" + std::to_string(n));
    const std::string name = "user" + std::to_string(n++);
    SCOPED_TRACE(std::string(RoleName(expect.role)));
    AddUser(name);  // as an administrator, so that Disable has a target
    std::uint64_t before = AuditCount();

    const Status add = users_->Add(actor, name + "b", Role::kAnalyst, kPune, kPassword);
    EXPECT_EQ(add.ok(), expect.add) << add.ToString();
    if (!expect.add) {
      EXPECT_EQ(add.code(), StatusCode::kPermissionDenied);
    }
    EXPECT_EQ(users_->Get(name + "b").ok(), expect.add);
    EXPECT_EQ(AuditCount(), ++before);
    AuditRecord record = LastAudit();
    EXPECT_EQ(record.operation, "user-add");
    EXPECT_EQ(record.allowed, expect.add);
    EXPECT_EQ(record.user, actor.user);
    EXPECT_EQ(record.role, RoleName(expect.role));

    const StatusOr<std::vector<UserRecord>> list = users_->List(actor);
    EXPECT_EQ(list.ok(), expect.list) << list.status().ToString();
    EXPECT_EQ(AuditCount(), ++before);
    EXPECT_EQ(LastAudit().operation, "user-list");
    EXPECT_EQ(LastAudit().allowed, expect.list);

    const Status disable = users_->Disable(actor, name);
    EXPECT_EQ(disable.ok(), expect.disable) << disable.ToString();
    EXPECT_EQ(users_->Get(name)->disabled, expect.disable);
    EXPECT_EQ(AuditCount(), ++before);
    record = LastAudit();
    EXPECT_EQ(record.operation, "user-disable");
    EXPECT_EQ(record.allowed, expect.disable);
    if (!expect.disable) {
      EXPECT_FALSE(record.reason.empty());
    }
  }
}

TEST_F(UsersTest, BadAccountsAreRefusedAuditedAndNotStored) {
  const Principal admin = As(Role::kAdministrator);
  AddUser("asha.patil");
  struct Case {
    std::string name;
    Role role;
    Jurisdiction jurisdiction;
    std::string password;
    StatusCode code;
    std::string mentions;
  };
  const std::vector<Case> cases{
      {"Asha", Role::kAnalyst, kPune, kPassword, StatusCode::kInvalidArgument, "user name"},
      {std::string(65, 'a'), Role::kAnalyst, kPune, kPassword, StatusCode::kInvalidArgument,
       "1 to 64"},
      {"ops", Role::kOperator, kPune, kPassword, StatusCode::kInvalidArgument, "operator"},
      {"nocode",
       Role::kAnalyst,
       {JurisdictionLevel::kStation, ""},
       kPassword,
       StatusCode::kInvalidArgument,
       "jurisdiction"},
      {"shorty", Role::kAnalyst, kPune, "short", StatusCode::kInvalidArgument, "at least 12"},
      {"asha.patil", Role::kAnalyst, kPune, kPassword, StatusCode::kAlreadyExists, "exists"},
  };
  for (const Case& c : cases) {
    const std::uint64_t before = AuditCount();
    const Status status = users_->Add(admin, c.name, c.role, c.jurisdiction, c.password);
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status.ToString();
    EXPECT_NE(status.message().find(c.mentions), std::string::npos) << status.message();
    EXPECT_EQ(AuditCount(), before + 1) << c.name;
    EXPECT_FALSE(LastAudit().allowed);
  }
  EXPECT_EQ(users_->Get("asha.patil")->role, Role::kInvestigator);  // not overwritten
  EXPECT_EQ(users_->List(admin)->size(), 1u);
}

TEST_F(UsersTest, UsersMaySetTheirOwnPasswordButNoOneElses) {
  AddUser("asha.patil");
  AddUser("ravi.kale");
  const Principal asha{"asha.patil", Role::kInvestigator, kPune, "s-2"};
  EXPECT_TRUE(users_->SetPassword(asha, "asha.patil", "my own new password").ok());
  EXPECT_EQ(LastAudit().rule, "self");
  const Status other = users_->SetPassword(asha, "ravi.kale", "not my password!");
  EXPECT_EQ(other.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(users_->Login("ravi.kale", kPassword).ok());
  EXPECT_EQ(users_->SetPassword(As(Role::kAdministrator), "ghost", kPassword).code(),
            StatusCode::kNotFound);
}

TEST_F(UsersTest, NoAuditEntryHoldsAPassword) {
  AddUser("asha.patil");
  ASSERT_TRUE(users_->SetPassword(As(Role::kOperator), "asha.patil", "second password here").ok());
  EXPECT_FALSE(users_->Login("asha.patil", kWrong).ok());
  for (const AuditRecord& record : AuditEntries()) {
    for (const auto& [name, value] : record.parameters) {
      EXPECT_EQ(value.find("password here"), std::string::npos) << record.operation;
      EXPECT_EQ(value.find(kPassword), std::string::npos) << record.operation;
      EXPECT_EQ(value.find(kWrong), std::string::npos) << record.operation;
      EXPECT_EQ(value.find("$argon2id$"), std::string::npos) << record.operation;
    }
  }
}

TEST_F(UsersTest, SupervisorsAssignCasesThatTheAccessPolicyCanRead) {
  AddUser("asha.patil");
  const Principal supervisor = As(Role::kSupervisor, "sup");
  EXPECT_EQ(users_->AssignCase(As(Role::kInvestigator), "asha.patil", case_id_).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(users_->AssignCase(As(Role::kAdministrator), "asha.patil", case_id_).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(users_->AssignCase(supervisor, "asha.patil", phone_id_).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(users_->AssignCase(supervisor, "asha.patil", 999999).code(), StatusCode::kNotFound);
  EXPECT_EQ(users_->AssignCase(supervisor, "ghost", case_id_).code(), StatusCode::kNotFound);
  {
    storage::ReadTxn txn = store_->BeginRead().value();
    EXPECT_FALSE(IsAssigned(txn, "asha.patil", case_id_).value());
  }
  const std::uint64_t before = AuditCount();
  ASSERT_TRUE(users_->AssignCase(supervisor, "asha.patil", case_id_).ok());
  EXPECT_EQ(AuditCount(), before + 1);
  EXPECT_EQ(LastAudit().operation, "assign");
  {
    storage::ReadTxn txn = store_->BeginRead().value();
    EXPECT_TRUE(IsAssigned(txn, "asha.patil", case_id_).value());
    EXPECT_FALSE(IsAssigned(txn, "asha.patil", phone_id_).value());
    EXPECT_FALSE(IsAssigned(txn, "asha", case_id_).value());  // not a prefix match
    EXPECT_EQ(AssignedCases(txn, "asha.patil").value(), std::vector<storage::NodeId>{case_id_});
    EXPECT_TRUE(AssignedCases(txn, "asha").value().empty());
  }
  ASSERT_TRUE(users_->UnassignCase(supervisor, "asha.patil", case_id_).ok());
  EXPECT_EQ(users_->UnassignCase(supervisor, "asha.patil", case_id_).code(), StatusCode::kNotFound);
  storage::ReadTxn txn = store_->BeginRead().value();
  EXPECT_FALSE(IsAssigned(txn, "asha.patil", case_id_).value());
}

TEST_F(UsersTest, GrantsNeedAReasonAndAFutureEndAndExpire) {
  AddUser("asha.patil");
  const Principal supervisor = As(Role::kSupervisor, "sup");
  const TimePoint until = now_ + days(2);
  EXPECT_EQ(users_->GrantAccess(As(Role::kAnalyst), "asha.patil", case_id_, "help", until).code(),
            StatusCode::kPermissionDenied);
  const Status no_reason = users_->GrantAccess(supervisor, "asha.patil", case_id_, "  ", until);
  EXPECT_EQ(no_reason.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(no_reason.message().starts_with("reason:")) << no_reason.message();
  const Status past = users_->GrantAccess(supervisor, "asha.patil", case_id_, "help", now_);
  EXPECT_EQ(past.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(past.message().starts_with("until:")) << past.message();
  EXPECT_EQ(users_->GrantAccess(supervisor, "asha.patil", phone_id_, "help", until).code(),
            StatusCode::kInvalidArgument);

  const std::uint64_t before = AuditCount();
  ASSERT_TRUE(
      users_->GrantAccess(supervisor, "asha.patil", case_id_, "joint raid with Pune", until).ok());
  EXPECT_EQ(AuditCount(), before + 1);
  const AuditRecord record = LastAudit();
  EXPECT_EQ(record.operation, "grant");
  EXPECT_TRUE(record.allowed);
  EXPECT_EQ(record.reason, "joint raid with Pune");

  storage::ReadTxn txn = store_->BeginRead().value();
  EXPECT_TRUE(HasGrant(txn, "asha.patil", case_id_, now_).value());
  EXPECT_TRUE(HasGrant(txn, "asha.patil", case_id_, until).value());  // up to and including
  EXPECT_FALSE(HasGrant(txn, "asha.patil", case_id_, until + minutes(1)).value());
  EXPECT_FALSE(HasGrant(txn, "ravi.kale", case_id_, now_).value());
  EXPECT_FALSE(IsAssigned(txn, "asha.patil", case_id_).value());  // a grant is no assignment
}

}  // namespace
}  // namespace sutra::engine::policy
