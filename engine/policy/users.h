// UserDirectory: the accounts of the people who use Sutra — their role, jurisdiction and
// Argon2id credential — with the case assignments and supervisor grants the access policy
// reads (DESIGN.md, "Policy and audit").
//
// Everything lives in the store's engine state, one JSON value per key:
//   user/<name>                 the account (UserRecord)
//   assign/<name>/<case id>     {"by", "time"}: the user works this case
//   grant/<name>/<case id>      {"by", "reason", "until", "time"}: a supervisor let the user
//                               see this case in full until `until`
// Names are [a-z0-9._-], so "/" separates the parts of a key unambiguously.
//
// Every call that acts for a principal writes exactly one audit entry (audit_log.h), allowed or
// denied, in the same transaction as the change it makes, so that a change and its record
// commit together or not at all. Parameters never include a password.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/policy/audit_log.h"
#include "engine/policy/clock.h"
#include "engine/policy/password.h"
#include "engine/policy/principal.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::policy {

// The 5th wrong password in a row locks an account until an administrator resets its password.
inline constexpr int kMaxFailedLogins = 5;
inline constexpr std::size_t kMaxUserNameLength = 64;
inline constexpr std::size_t kMaxGrantReasonLength = 1000;

struct UserRecord {
  std::string name;
  Role role = Role::kInvestigator;
  Jurisdiction jurisdiction;
  std::string password_hash;  // Argon2id string (password.h)
  std::string created;        // UTC, ISO-8601 (UtcTimeText)
  int failed_logins = 0;      // consecutive wrong passwords since the last good login or reset
  bool locked = false;        // set by the kMaxFailedLogins-th failure; cleared by SetPassword
  bool disabled = false;      // set by Disable; a disabled account never logs in again
};

// OK when `name` is 1 to 64 characters of [a-z0-9._-]; otherwise InvalidArgument naming it.
Status CheckUserName(std::string_view name);

// The account `name`, or nothing. Reads one state entry.
StatusOr<std::optional<UserRecord>> FindUser(const storage::ReadTxn& txn, std::string_view name);

// The queries of the access policy: one state read each, no audit (the policy's decision is
// audited by its caller).
// Whether `user` is assigned to Case `case_id`.
StatusOr<bool> IsAssigned(const storage::ReadTxn& txn, std::string_view user,
                          storage::NodeId case_id);
// Whether `user` holds a grant for Case `case_id` that has not expired at `now` (a grant is
// good up to and including its `until`).
StatusOr<bool> HasGrant(const storage::ReadTxn& txn, std::string_view user, storage::NodeId case_id,
                        std::chrono::system_clock::time_point now);
// The cases `user` is assigned to, in ascending id order.
StatusOr<std::vector<storage::NodeId>> AssignedCases(const storage::ReadTxn& txn,
                                                     std::string_view user);

// "2026-11-30T08:15:20.123Z", and back. ParseUtcTime takes "YYYY-MM-DD" (midnight UTC) or
// "YYYY-MM-DDTHH:MM[:SS[.fff]]" with an optional "Z" or "+HH:MM"/"-HH:MM" offset (UTC when
// none; a space may stand for the "T"); InvalidArgument says what is wrong.
std::string UtcTimeText(std::chrono::system_clock::time_point time);
StatusOr<std::chrono::system_clock::time_point> ParseUtcTime(std::string_view text);
// As ParseUtcTime, but a bare date means the end of that day (23:59:59.999 UTC): a grant
// "until 2026-12-31" covers the 31st.
StatusOr<std::chrono::system_clock::time_point> ParseGrantUntil(std::string_view text);

// Safe to use from several threads: each call is one write transaction of its own.
class UserDirectory {
 public:
  // Accounts live in `store`; every call is recorded in `audit` (which must write to the same
  // store). `cost` is the Argon2id cost of new hashes: kMinimal is for tests only.
  UserDirectory(storage::GraphStore& store, AuditLog& audit, Clock clock = SystemClock(),
                PasswordCost cost = PasswordCost::kInteractive);

  // Creates account `name`. Administrators and operators only (PermissionDenied otherwise);
  // InvalidArgument for a bad name, the operator role (it belongs to the OS user running the
  // CLI, never to a stored account), a jurisdiction without its code, or a password breaking
  // the rules (password.h); AlreadyExists when the name is taken (also by a disabled account).
  Status Add(const Principal& actor, std::string_view name, Role role,
             const Jurisdiction& jurisdiction, std::string_view password);

  // Every account in name order. Administrators, operators and auditors only.
  StatusOr<std::vector<UserRecord>> List(const Principal& actor);

  // Disables `name` for good (its history stays). Administrators and operators only.
  // NotFound for an unknown name.
  Status Disable(const Principal& actor, std::string_view name);

  // Sets a new password; also unlocks the account and clears its failure count. Administrators,
  // operators, and the user themself.
  Status SetPassword(const Principal& actor, std::string_view name, std::string_view password);

  // Checks `name`'s password and returns the principal (its session left empty: see
  // sessions.h). An unknown name and a wrong password get the same PermissionDenied message,
  // so that no one learns which names exist; the audit entry's rule tells them apart. A wrong
  // password counts a failure; the kMaxFailedLogins-th locks the account. Locked and disabled
  // accounts are refused without checking the password. A good password clears the count.
  StatusOr<Principal> Login(std::string_view name, std::string_view password);

  // Case assignments and grants: supervisors and operators only. `case_id` must be a Case
  // node (NotFound otherwise) and `user` an account. A grant needs a reason and an `until`
  // later than now; a new grant for the same user and case replaces the old one.
  Status AssignCase(const Principal& actor, std::string_view user, storage::NodeId case_id);
  Status UnassignCase(const Principal& actor, std::string_view user, storage::NodeId case_id);
  Status GrantAccess(const Principal& actor, std::string_view user, storage::NodeId case_id,
                     std::string_view reason, std::chrono::system_clock::time_point until);

  // The account `name` (NotFound when there is none). Not audited: for the CLI and the access
  // policy, which audit what they do with it.
  StatusOr<UserRecord> Get(std::string_view name) const;

 private:
  struct Call;
  // Runs one audited call: see users.cc.
  Status Run(Call& call);
  // A hash to verify unknown names against, so that they take as long as wrong passwords.
  const std::string& DecoyHash();

  storage::GraphStore& store_;
  AuditLog& audit_;
  Clock clock_;
  PasswordCost cost_;
  std::once_flag decoy_once_;
  std::string decoy_hash_;
};

}  // namespace sutra::engine::policy
