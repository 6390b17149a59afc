#include "engine/policy/users.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <functional>
#include <nlohmann/json.hpp>
#include <utility>

namespace sutra::engine::policy {

using nlohmann::json;
using TimePoint = std::chrono::system_clock::time_point;

namespace {

constexpr std::string_view kUserPrefix = "user/";
constexpr std::string_view kLoginFailed = "login failed: unknown user or wrong password";
constexpr std::string_view kAccountLocked =
    "account locked after 5 failed logins; an administrator must reset the password";
static_assert(kMaxFailedLogins == 5, "kAccountLocked names the limit");

std::string UserKey(std::string_view name) { return std::string(kUserPrefix) + std::string(name); }
std::string AssignPrefix(std::string_view user) { return fmt::format("assign/{}/", user); }
std::string AssignKey(std::string_view user, storage::NodeId id) {
  return fmt::format("assign/{}/{}", user, id);
}
std::string GrantKey(std::string_view user, storage::NodeId id) {
  return fmt::format("grant/{}/{}", user, id);
}

bool HasRole(const Principal& actor, std::initializer_list<Role> roles) {
  return std::find(roles.begin(), roles.end(), actor.role) != roles.end();
}

// ---- Account records as JSON -------------------------------------------------------------

std::string EncodeUser(const UserRecord& user) {
  const json value{{"name", user.name},
                   {"role", RoleName(user.role)},
                   {"jurisdiction", JurisdictionText(user.jurisdiction)},
                   {"password_hash", user.password_hash},
                   {"created", user.created},
                   {"failed_logins", user.failed_logins},
                   {"locked", user.locked},
                   {"disabled", user.disabled}};
  return value.dump();
}

StatusOr<UserRecord> DecodeUser(std::string_view key, std::string_view text) {
  const json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto corrupt = [&](std::string_view what) {
    return Corruption(fmt::format("engine state {}: {}; the account record is damaged", key, what));
  };
  if (!value.is_object()) return corrupt("not a JSON object");
  auto text_field = [&](const char* name) -> const std::string* {
    const auto it = value.find(name);
    return it != value.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
  };
  const std::string* name = text_field("name");
  const std::string* role = text_field("role");
  const std::string* jurisdiction = text_field("jurisdiction");
  const std::string* hash = text_field("password_hash");
  const std::string* created = text_field("created");
  if (!name || !role || !jurisdiction || !hash || !created)
    return corrupt("a text field is missing");
  const auto failed = value.find("failed_logins");
  const auto locked = value.find("locked");
  const auto disabled = value.find("disabled");
  if (failed == value.end() || !failed->is_number_integer() || locked == value.end() ||
      !locked->is_boolean() || disabled == value.end() || !disabled->is_boolean()) {
    return corrupt("failed_logins, locked or disabled is missing or of the wrong type");
  }
  const std::optional<Role> parsed_role = ParseRole(*role);
  const std::optional<Jurisdiction> parsed_jurisdiction = ParseJurisdiction(*jurisdiction);
  if (!parsed_role) return corrupt("unknown role '" + *role + "'");
  if (!parsed_jurisdiction) return corrupt("bad jurisdiction '" + *jurisdiction + "'");
  return UserRecord{*name,    *parsed_role,       *parsed_jurisdiction, *hash,
                    *created, failed->get<int>(), locked->get<bool>(),  disabled->get<bool>()};
}

// ---- Time text -------------------------------------------------------------------------

// Reads exactly `width` digits at `pos` (advancing it); false when they are not there.
bool ReadDigits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  const char* begin = text.data() + pos;
  const auto [end, error] = std::from_chars(begin, begin + width, out);
  if (error != std::errc() || end != begin + width) return false;
  pos += width;
  return true;
}

bool ReadChar(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

// ---- Free functions ------------------------------------------------------------------------

Status CheckUserName(std::string_view name) {
  if (name.empty() || name.size() > kMaxUserNameLength) {
    return InvalidArgument(fmt::format("user name: must have 1 to {} characters, has {}",
                                       kMaxUserNameLength, name.size()));
  }
  for (const char c : name) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!allowed) {
      return InvalidArgument(fmt::format(
          "user name '{}': only lower-case letters, digits, '.', '_' and '-' are allowed", name));
    }
  }
  return Status::Ok();
}

StatusOr<std::optional<UserRecord>> FindUser(const storage::ReadTxn& txn, std::string_view name) {
  if (!CheckUserName(name).ok()) return std::optional<UserRecord>();
  const std::string key = UserKey(name);
  SUTRA_ASSIGN_OR_RETURN(std::optional<std::string> text, txn.GetState(key));
  if (!text) return std::optional<UserRecord>();
  SUTRA_ASSIGN_OR_RETURN(UserRecord user, DecodeUser(key, *text));
  return std::optional<UserRecord>(std::move(user));
}

StatusOr<bool> IsAssigned(const storage::ReadTxn& txn, std::string_view user,
                          storage::NodeId case_id) {
  SUTRA_ASSIGN_OR_RETURN(std::optional<std::string> entry, txn.GetState(AssignKey(user, case_id)));
  return entry.has_value();
}

StatusOr<bool> HasGrant(const storage::ReadTxn& txn, std::string_view user, storage::NodeId case_id,
                        TimePoint now) {
  const std::string key = GrantKey(user, case_id);
  SUTRA_ASSIGN_OR_RETURN(std::optional<std::string> entry, txn.GetState(key));
  if (!entry) return false;
  const json value = json::parse(*entry, nullptr, /*allow_exceptions=*/false);
  const auto until = value.is_object() ? value.find("until") : value.end();
  if (!value.is_object() || until == value.end() || !until->is_string()) {
    return Corruption("engine state " + key + ": the grant has no 'until' time");
  }
  SUTRA_ASSIGN_OR_RETURN(TimePoint expiry, ParseUtcTime(until->get<std::string>()));
  return now <= expiry;
}

StatusOr<std::vector<storage::NodeId>> AssignedCases(const storage::ReadTxn& txn,
                                                     std::string_view user) {
  const std::string prefix = AssignPrefix(user);
  std::vector<storage::NodeId> cases;
  Status bad;
  SUTRA_RETURN_IF_ERROR(txn.ForEachState(prefix, [&](std::string_view key, std::string_view) {
    const std::string_view id_text = key.substr(prefix.size());
    storage::NodeId id = 0;
    const auto [end, error] = std::from_chars(id_text.begin(), id_text.end(), id);
    if (error != std::errc() || end != id_text.end()) {
      bad = Corruption(fmt::format("engine state {}: the case id is not a number", key));
      return false;
    }
    cases.push_back(id);
    return true;
  }));
  SUTRA_RETURN_IF_ERROR(bad);
  std::sort(cases.begin(), cases.end());  // keys sort as text, "10" before "9"
  return cases;
}

std::string UtcTimeText(TimePoint time) {
  const auto millis =
      std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch()).count();
  const std::time_t seconds =
      static_cast<std::time_t>(millis >= 0 ? millis / 1000 : (millis - 999) / 1000);
  const int fraction = static_cast<int>(millis - static_cast<long long>(seconds) * 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", parts.tm_year + 1900,
                     parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                     fraction);
}

StatusOr<TimePoint> ParseUtcTime(std::string_view text) {
  auto bad = [&](std::string_view what) {
    return InvalidArgument(fmt::format(
        "time '{}': {}; write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]", text, what));
  };
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!ReadDigits(text, pos, 4, year) || !ReadChar(text, pos, '-') ||
      !ReadDigits(text, pos, 2, month) || !ReadChar(text, pos, '-') ||
      !ReadDigits(text, pos, 2, day)) {
    return bad("the date is not YYYY-MM-DD");
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return bad("no such date");
  std::chrono::minutes offset{0};
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return bad("unexpected text after the date");
    ++pos;
    if (!ReadDigits(text, pos, 2, hour) || !ReadChar(text, pos, ':') ||
        !ReadDigits(text, pos, 2, minute)) {
      return bad("the time of day is not HH:MM");
    }
    if (ReadChar(text, pos, ':') && !ReadDigits(text, pos, 2, second)) {
      return bad("the seconds are not two digits");
    }
    if (ReadChar(text, pos, '.')) {
      const std::size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return bad("no digits after the decimal point");
      for (std::size_t i = start; i < start + 3; ++i) {  // milliseconds; finer is dropped
        millis = millis * 10 + (i < pos ? text[i] - '0' : 0);
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return bad("no such time of day");
    if (ReadChar(text, pos, 'Z')) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const int sign = text[pos] == '+' ? 1 : -1;
      ++pos;
      int offset_hours = 0, offset_minutes = 0;
      if (!ReadDigits(text, pos, 2, offset_hours) || !ReadChar(text, pos, ':') ||
          !ReadDigits(text, pos, 2, offset_minutes) || offset_hours > 14 || offset_minutes > 59) {
        return bad("the UTC offset is not +HH:MM or -HH:MM");
      }
      offset = sign * std::chrono::minutes(offset_hours * 60 + offset_minutes);
    }
    if (pos != text.size()) return bad("unexpected text after the time");
  }
  return TimePoint(std::chrono::sys_days(date)) + std::chrono::hours(hour) +
         std::chrono::minutes(minute) + std::chrono::seconds(second) +
         std::chrono::milliseconds(millis) - offset;
}

StatusOr<TimePoint> ParseGrantUntil(std::string_view text) {
  SUTRA_ASSIGN_OR_RETURN(TimePoint time, ParseUtcTime(text));
  if (text.size() == 10) time += std::chrono::days(1) - std::chrono::milliseconds(1);
  return time;
}

// ---- UserDirectory -------------------------------------------------------------------------

// One audited call. `decide` runs inside the write transaction: it sets `decision` (what the
// caller gets) and the record's rule, and writes only when the decision is OK — except Login,
// which counts a failure. An error it returns (the store failing) aborts everything, audit
// entry included. The record's who/what are filled by the caller; allowed/reason here.
struct UserDirectory::Call {
  AuditRecord record;
  std::function<Status(storage::WriteTxn&, AuditRecord&, Status& decision)> decide;
};

namespace {

AuditRecord RecordFor(const Principal& actor, std::string operation,
                      std::vector<std::pair<std::string, std::string>> parameters) {
  AuditRecord record;
  record.user = actor.user;
  record.role = std::string(RoleName(actor.role));
  record.jurisdiction = JurisdictionText(actor.jurisdiction);
  record.session = actor.session;
  record.operation = std::move(operation);
  record.parameters = std::move(parameters);
  return record;
}

std::string RoleRule(const Principal& actor) { return "role:" + std::string(RoleName(actor.role)); }

// The decision for an actor whose role may not do `what`, and its rule.
Status RefuseRole(const Principal& actor, AuditRecord& record, std::string_view what,
                  std::string_view who_may) {
  record.rule = RoleRule(actor) + ":not-permitted";
  return PermissionDenied(fmt::format("{}: a user with role {} may not {}; {} may",
                                      record.operation, RoleName(actor.role), what, who_may));
}

// The Case node `case_id` exists: the decision, or an error when the store fails.
Status CheckCase(const storage::ReadTxn& txn, storage::NodeId case_id, Status& decision) {
  SUTRA_ASSIGN_OR_RETURN(std::optional<storage::Node> node, txn.GetNode(case_id));
  if (!node) {
    decision = NotFound(fmt::format(
        "case: no node {} in the database; give the node id of a Case (an FIR)", case_id));
  } else if (node->type != storage::NodeType::kCase) {
    decision = InvalidArgument(fmt::format("case: node {} is a {}, not a Case (an FIR)", case_id,
                                           storage::NodeTypeName(node->type)));
  }
  return Status::Ok();
}

}  // namespace

UserDirectory::UserDirectory(storage::GraphStore& store, AuditLog& audit, Clock clock,
                             PasswordCost cost)
    : store_(store), audit_(audit), clock_(std::move(clock)), cost_(cost) {}

Status UserDirectory::Run(Call& call) {
  Status decision;
  const Status written = store_.Update([&](storage::WriteTxn& txn) -> Status {
    AuditRecord record = call.record;  // afresh: Update may run this again
    decision = Status::Ok();
    SUTRA_RETURN_IF_ERROR(call.decide(txn, record, decision));
    record.allowed = decision.ok();
    if (!decision.ok()) {
      if (record.rule.empty()) record.rule = "invalid-request";
      record.reason = decision.message();
    }
    return audit_.AppendIn(txn, std::move(record)).status();
  });
  SUTRA_RETURN_IF_ERROR(written);
  return decision;
}

const std::string& UserDirectory::DecoyHash() {
  std::call_once(decoy_once_, [this] {
    StatusOr<std::string> hash = HashPassword("decoy password for unknown names", cost_);
    decoy_hash_ = hash.ok() ? *hash : std::string();
  });
  return decoy_hash_;
}

Status UserDirectory::Add(const Principal& actor, std::string_view name, Role role,
                          const Jurisdiction& jurisdiction, std::string_view password) {
  const bool permitted = HasRole(actor, {Role::kAdministrator, Role::kOperator});
  // Hash before the write transaction (Argon2id is slow by design), and only for a call that
  // can succeed.
  Status input = CheckUserName(name);
  if (input.ok() && role == Role::kOperator) {
    input = InvalidArgument(
        "role: operator is the OS user running the sutra command, not a role for an account; "
        "choose investigator, analyst, supervisor, auditor or administrator");
  }
  const bool coded = jurisdiction.level == JurisdictionLevel::kNational;
  if (input.ok() && coded != jurisdiction.code.empty()) {
    input = InvalidArgument("jurisdiction '" + JurisdictionText(jurisdiction) +
                            "': a station, district or state needs its code; national has none");
  }
  std::string hash;
  if (permitted && input.ok()) {
    StatusOr<std::string> hashed = HashPassword(password, cost_);
    if (hashed.ok())
      hash = std::move(hashed).value();
    else
      input = hashed.status();
  }
  Call call{RecordFor(actor, "user-add",
                      {{"name", std::string(name)},
                       {"role", std::string(RoleName(role))},
                       {"jurisdiction", JurisdictionText(jurisdiction)}}),
            {}};
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    if (!permitted) {
      decision = RefuseRole(actor, record, "add users", "administrators and operators");
      return Status::Ok();
    }
    if (!input.ok()) {
      decision = input;
      return Status::Ok();
    }
    SUTRA_ASSIGN_OR_RETURN(std::optional<std::string> existing,
                           txn.reader().GetState(UserKey(name)));
    if (existing) {
      record.rule = RoleRule(actor);
      decision = AlreadyExists(
          fmt::format("user '{}' exists already (perhaps disabled); choose another name", name));
      return Status::Ok();
    }
    record.rule = RoleRule(actor);
    const UserRecord user{std::string(name),     role, jurisdiction, hash,
                          UtcTimeText(clock_()), 0,    false,        false};
    return txn.PutState(UserKey(name), EncodeUser(user));
  };
  return Run(call);
}

StatusOr<std::vector<UserRecord>> UserDirectory::List(const Principal& actor) {
  std::vector<UserRecord> users;
  Call call{RecordFor(actor, "user-list", {}), {}};
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    users.clear();
    if (!HasRole(actor, {Role::kAdministrator, Role::kOperator, Role::kAuditor})) {
      decision = RefuseRole(actor, record, "list users", "administrators, auditors and operators");
      return Status::Ok();
    }
    record.rule = RoleRule(actor);
    Status bad;
    SUTRA_RETURN_IF_ERROR(
        txn.reader().ForEachState(kUserPrefix, [&](std::string_view key, std::string_view value) {
          StatusOr<UserRecord> user = DecodeUser(key, value);
          if (!user.ok())
            bad = user.status();
          else
            users.push_back(std::move(user).value());
          return bad.ok();
        }));
    record.parameters.emplace_back("count", std::to_string(users.size()));
    return bad;
  };
  SUTRA_RETURN_IF_ERROR(Run(call));
  return users;
}

Status UserDirectory::Disable(const Principal& actor, std::string_view name) {
  Call call{RecordFor(actor, "user-disable", {{"name", std::string(name)}}), {}};
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    if (!HasRole(actor, {Role::kAdministrator, Role::kOperator})) {
      decision = RefuseRole(actor, record, "disable users", "administrators and operators");
      return Status::Ok();
    }
    record.rule = RoleRule(actor);
    SUTRA_ASSIGN_OR_RETURN(std::optional<UserRecord> user, FindUser(txn.reader(), name));
    if (!user) {
      decision = NotFound(fmt::format("user '{}' does not exist", name));
      return Status::Ok();
    }
    user->disabled = true;
    return txn.PutState(UserKey(name), EncodeUser(*user));
  };
  return Run(call);
}

Status UserDirectory::SetPassword(const Principal& actor, std::string_view name,
                                  std::string_view password) {
  const bool self = actor.user == name && actor.role != Role::kOperator;
  const bool permitted = self || HasRole(actor, {Role::kAdministrator, Role::kOperator});
  Status input = Status::Ok();
  std::string hash;
  if (permitted) {
    StatusOr<std::string> hashed = HashPassword(password, cost_);
    if (hashed.ok())
      hash = std::move(hashed).value();
    else
      input = hashed.status();
  }
  Call call{RecordFor(actor, "user-passwd", {{"name", std::string(name)}}), {}};
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    if (!permitted) {
      decision = RefuseRole(actor, record, "set another user's password",
                            "administrators, operators and the user themself");
      return Status::Ok();
    }
    record.rule = self ? "self" : RoleRule(actor);
    if (!input.ok()) {
      decision = input;
      return Status::Ok();
    }
    SUTRA_ASSIGN_OR_RETURN(std::optional<UserRecord> user, FindUser(txn.reader(), name));
    if (!user) {
      decision = NotFound(fmt::format("user '{}' does not exist", name));
      return Status::Ok();
    }
    user->password_hash = hash;
    user->failed_logins = 0;
    user->locked = false;
    return txn.PutState(UserKey(name), EncodeUser(*user));
  };
  return Run(call);
}

StatusOr<Principal> UserDirectory::Login(std::string_view name, std::string_view password) {
  // Verify outside the write transaction: Argon2id takes a tenth of a second and 64 MiB by
  // design, and the writer lock is shared with every audit append of the process.
  std::optional<UserRecord> seen;
  {
    SUTRA_ASSIGN_OR_RETURN(storage::ReadTxn txn, store_.BeginRead());
    SUTRA_ASSIGN_OR_RETURN(seen, FindUser(txn, name));
  }
  std::string verified_hash;  // the hash `password` was checked against, if any
  bool good = false;
  if (seen && !seen->locked && !seen->disabled) {
    good = VerifyPassword(seen->password_hash, password);
    verified_hash = seen->password_hash;
  } else if (!seen) {
    VerifyPassword(DecoyHash(), password);  // as long as a wrong password takes
  }

  const std::string shown_name(name.substr(0, kMaxUserNameLength));
  Principal principal;
  AuditRecord base;
  base.user = shown_name;
  base.operation = "login";
  Call call{base, {}};
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    SUTRA_ASSIGN_OR_RETURN(std::optional<UserRecord> user, FindUser(txn.reader(), name));
    if (!user) {
      record.rule = "unknown-user";
      decision = PermissionDenied(std::string(kLoginFailed));
      return Status::Ok();
    }
    record.role = std::string(RoleName(user->role));
    record.jurisdiction = JurisdictionText(user->jurisdiction);
    if (user->disabled) {
      record.rule = "account-disabled";
      decision = PermissionDenied("account disabled; ask an administrator");
      return Status::Ok();
    }
    if (user->locked) {
      record.rule = "account-locked";
      decision = PermissionDenied(std::string(kAccountLocked));
      return Status::Ok();
    }
    // The account changed since it was read (a new password, an unlock): check again.
    const bool ok =
        user->password_hash == verified_hash ? good : VerifyPassword(user->password_hash, password);
    if (ok) {
      record.rule = "password-ok";
      principal = Principal{user->name, user->role, user->jurisdiction, ""};
      if (user->failed_logins == 0) return Status::Ok();
      user->failed_logins = 0;
      return txn.PutState(UserKey(name), EncodeUser(*user));
    }
    ++user->failed_logins;
    if (user->failed_logins >= kMaxFailedLogins) {
      user->locked = true;
      record.rule = "wrong-password:account-locked";
      decision = PermissionDenied(std::string(kAccountLocked));
    } else {
      record.rule = "wrong-password";
      decision = PermissionDenied(std::string(kLoginFailed));
    }
    record.parameters = {{"failed_logins", std::to_string(user->failed_logins)}};
    return txn.PutState(UserKey(name), EncodeUser(*user));
  };
  SUTRA_RETURN_IF_ERROR(Run(call));
  return principal;
}

Status UserDirectory::AssignCase(const Principal& actor, std::string_view user,
                                 storage::NodeId case_id) {
  Call call{
      RecordFor(actor, "assign", {{"user", std::string(user)}, {"case", std::to_string(case_id)}}),
      {}};
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    if (!HasRole(actor, {Role::kSupervisor, Role::kOperator})) {
      decision = RefuseRole(actor, record, "assign cases", "supervisors and operators");
      return Status::Ok();
    }
    record.rule = RoleRule(actor);
    SUTRA_ASSIGN_OR_RETURN(std::optional<UserRecord> account, FindUser(txn.reader(), user));
    if (!account) {
      decision = NotFound(fmt::format("user '{}' does not exist", user));
      return Status::Ok();
    }
    SUTRA_RETURN_IF_ERROR(CheckCase(txn.reader(), case_id, decision));
    if (!decision.ok()) return Status::Ok();
    const json entry{{"by", actor.user}, {"time", UtcTimeText(clock_())}};
    return txn.PutState(AssignKey(user, case_id), entry.dump());
  };
  return Run(call);
}

Status UserDirectory::UnassignCase(const Principal& actor, std::string_view user,
                                   storage::NodeId case_id) {
  Call call{RecordFor(actor, "unassign",
                      {{"user", std::string(user)}, {"case", std::to_string(case_id)}}),
            {}};
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    if (!HasRole(actor, {Role::kSupervisor, Role::kOperator})) {
      decision = RefuseRole(actor, record, "unassign cases", "supervisors and operators");
      return Status::Ok();
    }
    record.rule = RoleRule(actor);
    if (!CheckUserName(user).ok()) {
      decision = CheckUserName(user);
      return Status::Ok();
    }
    SUTRA_ASSIGN_OR_RETURN(bool removed, txn.DeleteState(AssignKey(user, case_id)));
    if (!removed) {
      decision = NotFound(fmt::format("user '{}' is not assigned to case {}", user, case_id));
    }
    return Status::Ok();
  };
  return Run(call);
}

Status UserDirectory::GrantAccess(const Principal& actor, std::string_view user,
                                  storage::NodeId case_id, std::string_view reason,
                                  TimePoint until) {
  const TimePoint now = clock_();
  Call call{RecordFor(actor, "grant",
                      {{"user", std::string(user)},
                       {"case", std::to_string(case_id)},
                       {"until", UtcTimeText(until)}}),
            {}};
  call.record.reason = std::string(reason);
  call.decide = [&](storage::WriteTxn& txn, AuditRecord& record, Status& decision) -> Status {
    if (!HasRole(actor, {Role::kSupervisor, Role::kOperator})) {
      decision = RefuseRole(actor, record, "grant access to cases", "supervisors and operators");
      return Status::Ok();
    }
    record.rule = RoleRule(actor);
    const bool blank = reason.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (blank || reason.size() > kMaxGrantReasonLength) {
      decision = InvalidArgument(
          fmt::format("reason: a grant needs a reason of 1 to {} characters, for the reviewer",
                      kMaxGrantReasonLength));
      return Status::Ok();
    }
    if (until <= now) {
      decision = InvalidArgument("until: " + UtcTimeText(until) +
                                 " has passed; a grant must end in the future");
      return Status::Ok();
    }
    SUTRA_ASSIGN_OR_RETURN(std::optional<UserRecord> account, FindUser(txn.reader(), user));
    if (!account) {
      decision = NotFound(fmt::format("user '{}' does not exist", user));
      return Status::Ok();
    }
    SUTRA_RETURN_IF_ERROR(CheckCase(txn.reader(), case_id, decision));
    if (!decision.ok()) return Status::Ok();
    const json entry{{"by", actor.user},
                     {"reason", reason},
                     {"until", UtcTimeText(until)},
                     {"time", UtcTimeText(now)}};
    return txn.PutState(GrantKey(user, case_id), entry.dump());
  };
  return Run(call);
}

StatusOr<UserRecord> UserDirectory::Get(std::string_view name) const {
  SUTRA_ASSIGN_OR_RETURN(storage::ReadTxn txn, store_.BeginRead());
  SUTRA_ASSIGN_OR_RETURN(std::optional<UserRecord> user, FindUser(txn, name));
  if (!user) return Status(StatusCode::kNotFound, fmt::format("user '{}' does not exist", name));
  return std::move(*user);
}

}  // namespace sutra::engine::policy
