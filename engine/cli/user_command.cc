// `sutra user add|list|disable|passwd|assign|unassign|grant`: the accounts of the people who use
// Sutra (engine/policy/users.h). The command acts on the database directly, as the operator:
// the OS user running it, with full rights, every change audited under that name.
//
// Passwords never appear on the command line (where `ps` and the shell history would show
// them). They are read, in this order of preference, from:
//   - the environment variable SUTRA_PASSWORD, for scripts;
//   - the terminal, without echo, typed twice, when stdin is one;
//   - otherwise the first line of stdin (`printf '%s\n' "$pw" | sutra user add ...`).

#include <termios.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "engine/cli/commands.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/principal.h"
#include "engine/policy/users.h"
#include "storage/graph_store.h"

namespace sutra::cli {
namespace {

namespace policy = engine::policy;

struct UserArgs {
  std::string db;
  std::string name;
  std::string role;
  std::string jurisdiction;
  std::string case_ref;
  std::string reason;
  std::string until;
  Format format = Format::kTable;
};

// The principal of a command run on the database directly (helper_common: the operator).
policy::Principal OperatorPrincipal() {
  return policy::Principal{OsUserName(), policy::Role::kOperator,
                           policy::Jurisdiction{policy::JurisdictionLevel::kNational, ""},
                           "cli:" + std::to_string(getpid())};
}

// One line typed at the terminal with echo off.
std::optional<std::string> ReadHidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  if (!read) return std::nullopt;
  return line;
}

// The new password for `name`, from SUTRA_PASSWORD, the terminal or stdin (see the top).
StatusOr<std::string> ReadNewPassword(const std::string& name) {
  if (const char* env = std::getenv("SUTRA_PASSWORD"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  if (isatty(STDIN_FILENO)) {
    std::optional<std::string> first = ReadHidden("New password for " + name + ": ");
    if (!first) return InvalidArgument("password: nothing was typed");
    std::optional<std::string> second = ReadHidden("Type it again: ");
    if (!second || *second != *first) {
      return InvalidArgument("password: the two entries differ; nothing was changed");
    }
    return *first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) {
    return InvalidArgument(
        "password: none given; set SUTRA_PASSWORD or write it as the first line of stdin");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// An error from the directory whose message starts with a field name, with that name written
// as the option the user gave ("case: ..." -> "--case: ...").
Status NameOption(const Status& status) {
  for (const char* field : {"case:", "reason:", "until:", "role:", "password:"}) {
    if (status.message().starts_with(field)) {
      return Status(status.code(), "--" + status.message());
    }
  }
  return status;
}

// --case: a Case node id, or the Case's natural key "STATION|FIR".
StatusOr<storage::NodeId> ResolveCase(const storage::GraphStore& store, const std::string& text) {
  storage::NodeId id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error == std::errc() && end == text.data() + text.size()) return id;
  SUTRA_ASSIGN_OR_RETURN(storage::ReadTxn txn, store.BeginRead());
  SUTRA_ASSIGN_OR_RETURN(std::optional<storage::NodeId> found,
                         txn.FindNode(storage::NodeType::kCase, text));
  if (!found) {
    return InvalidArgument("--case '" + text +
                           "': no such Case; give its node id or its key STATION|FIR");
  }
  return *found;
}

// Opens the database and runs `body` with a directory acting for the operator.
int WithDirectory(std::string_view command, const UserArgs& args,
                  const std::function<Status(storage::GraphStore&, policy::UserDirectory&,
                                             const policy::Principal&)>& body) {
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail(command, store.status());
  policy::AuditLog audit(**store, policy::SystemClock(), storage::GraphStore::Durability::kSynced);
  policy::UserDirectory users(**store, audit);
  const Status status = body(**store, users, OperatorPrincipal());
  if (!status.ok()) return Fail(command, NameOption(status));
  return kExitOk;
}

int RunAdd(const UserArgs& args) {
  const std::optional<policy::Role> role = policy::ParseRole(args.role);
  if (!role || *role == policy::Role::kOperator) {
    return Fail("user add", InvalidArgument("--role '" + args.role +
                                            "': choose investigator, analyst, supervisor, "
                                            "auditor or administrator"));
  }
  const std::optional<policy::Jurisdiction> jurisdiction =
      policy::ParseJurisdiction(args.jurisdiction);
  if (!jurisdiction) {
    return Fail("user add", InvalidArgument("--jurisdiction '" + args.jurisdiction +
                                            "': write station:CODE, district:NAME, "
                                            "state:NAME or national"));
  }
  if (Status name = policy::CheckUserName(args.name); !name.ok()) return Fail("user add", name);
  StatusOr<std::string> password = ReadNewPassword(args.name);
  if (!password.ok()) return Fail("user add", password.status());
  return WithDirectory("user add", args, [&](auto&, auto& users, const auto& actor) -> Status {
    SUTRA_RETURN_IF_ERROR(users.Add(actor, args.name, *role, *jurisdiction, *password));
    std::cout << "sutra: added user " << args.name << " (" << policy::RoleName(*role) << ", "
              << policy::JurisdictionText(*jurisdiction) << ")\n";
    return Status::Ok();
  });
}

int RunList(const UserArgs& args) {
  return WithDirectory("user list", args, [&](auto&, auto& users, const auto& actor) -> Status {
    SUTRA_ASSIGN_OR_RETURN(std::vector<policy::UserRecord> records, users.List(actor));
    OutputTable table{
        {"name", "role", "jurisdiction", "created", "failed_logins", "locked", "disabled"}, {}};
    for (const policy::UserRecord& user : records) {
      table.rows.push_back({user.name, std::string(policy::RoleName(user.role)),
                            policy::JurisdictionText(user.jurisdiction), user.created,
                            user.failed_logins, user.locked, user.disabled});
    }
    Print(table, args.format, std::cout);
    return Status::Ok();
  });
}

int RunDisable(const UserArgs& args) {
  return WithDirectory("user disable", args, [&](auto&, auto& users, const auto& actor) {
    SUTRA_RETURN_IF_ERROR(users.Disable(actor, args.name));
    std::cout << "sutra: disabled user " << args.name << "\n";
    return Status::Ok();
  });
}

int RunPasswd(const UserArgs& args) {
  if (Status name = policy::CheckUserName(args.name); !name.ok()) {
    return Fail("user passwd", name);
  }
  StatusOr<std::string> password = ReadNewPassword(args.name);
  if (!password.ok()) return Fail("user passwd", password.status());
  return WithDirectory("user passwd", args, [&](auto&, auto& users, const auto& actor) {
    SUTRA_RETURN_IF_ERROR(users.SetPassword(actor, args.name, *password));
    std::cout << "sutra: set the password of " << args.name << " (account unlocked)\n";
    return Status::Ok();
  });
}

int RunAssign(const UserArgs& args, bool assign) {
  const char* command = assign ? "user assign" : "user unassign";
  return WithDirectory(command, args, [&](auto& store, auto& users, const auto& actor) -> Status {
    SUTRA_ASSIGN_OR_RETURN(storage::NodeId case_id, ResolveCase(store, args.case_ref));
    if (assign) {
      SUTRA_RETURN_IF_ERROR(users.AssignCase(actor, args.name, case_id));
      std::cout << "sutra: assigned case " << case_id << " to " << args.name << "\n";
    } else {
      SUTRA_RETURN_IF_ERROR(users.UnassignCase(actor, args.name, case_id));
      std::cout << "sutra: unassigned case " << case_id << " from " << args.name << "\n";
    }
    return Status::Ok();
  });
}

int RunGrant(const UserArgs& args) {
  StatusOr<std::chrono::system_clock::time_point> until = policy::ParseGrantUntil(args.until);
  if (!until.ok())
    return Fail("user grant",
                Status(until.status().code(), "--until: " + until.status().message()));
  return WithDirectory("user grant", args, [&](auto& store, auto& users, const auto& actor) {
    SUTRA_ASSIGN_OR_RETURN(storage::NodeId case_id, ResolveCase(store, args.case_ref));
    SUTRA_RETURN_IF_ERROR(users.GrantAccess(actor, args.name, case_id, args.reason, *until));
    std::cout << "sutra: granted " << args.name << " access to case " << case_id << " until "
              << policy::UtcTimeText(*until) << "\n";
    return Status::Ok();
  });
}

CLI::App* AddNamed(CLI::App& parent, const std::string& name, const std::string& help,
                   UserArgs& args) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  AddDbOption(*cmd, args.db);
  cmd->add_option("name", args.name, "User name: 1 to 64 of a-z 0-9 . _ -")->required();
  return cmd;
}

}  // namespace

void AddUserCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<UserArgs>();
  CLI::App* user = app.add_subcommand(
      "user",
      "Manage the accounts of Sutra's users, their case assignments and supervisor grants.\n"
      "Acts as the operator (the OS user); every change is written to the audit log.");
  user->require_subcommand(1);
  user->footer(
      "Passwords (12 characters or more) are read from the environment variable\n"
      "SUTRA_PASSWORD if set, else typed at the terminal without echo (twice), else taken from\n"
      "the first line of stdin. They are stored only as Argon2id hashes. Five wrong passwords\n"
      "in a row lock an account; `sutra user passwd` unlocks it.");

  CLI::App* add = AddNamed(*user, "add", "Create an account", *args);
  add->add_option("--role", args->role,
                  "investigator, analyst, supervisor, auditor or administrator")
      ->required();
  add->add_option("--jurisdiction", args->jurisdiction,
                  "station:CODE, district:NAME, state:NAME or national")
      ->required();
  add->callback([args, &exit_code] { exit_code = RunAdd(*args); });

  CLI::App* list = user->add_subcommand("list", "List the accounts (no password hashes)");
  AddDbOption(*list, args->db);
  AddFormatOption(*list, args->format);
  list->callback([args, &exit_code] { exit_code = RunList(*args); });

  CLI::App* disable = AddNamed(*user, "disable", "Disable an account for good", *args);
  disable->callback([args, &exit_code] { exit_code = RunDisable(*args); });

  CLI::App* passwd =
      AddNamed(*user, "passwd", "Set a new password; unlocks a locked account", *args);
  passwd->callback([args, &exit_code] { exit_code = RunPasswd(*args); });

  const char* case_help = "The Case (FIR): its node id, or its key STATION|FIR";
  CLI::App* assign = AddNamed(*user, "assign", "Assign a case to a user", *args);
  assign->add_option("--case", args->case_ref, case_help)->required();
  assign->callback([args, &exit_code] { exit_code = RunAssign(*args, true); });

  CLI::App* unassign = AddNamed(*user, "unassign", "Take a case away from a user", *args);
  unassign->add_option("--case", args->case_ref, case_help)->required();
  unassign->callback([args, &exit_code] { exit_code = RunAssign(*args, false); });

  CLI::App* grant = AddNamed(
      *user, "grant", "Let a user see a case outside their jurisdiction until a date", *args);
  grant->add_option("--case", args->case_ref, case_help)->required();
  grant->add_option("--reason", args->reason, "Why (mandatory; shown to the reviewer)")->required();
  grant
      ->add_option("--until", args->until,
                   "Last day (YYYY-MM-DD, through its end, UTC) or time "
                   "(YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])")
      ->required();
  grant->callback([args, &exit_code] { exit_code = RunGrant(*args); });
}

}  // namespace sutra::cli
