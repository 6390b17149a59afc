#include "engine/cli/access_options.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/policy/users.h"

namespace sutra::cli {

void AddAccessOptions(CLI::App& command, AccessArgs& args) {
  command
      .add_option("--purpose", args.purpose,
                  "Why you are looking (recorded in the audit log with every answer); or set "
                  "SUTRA_PURPOSE")
      ->envname("SUTRA_PURPOSE");
  command
      .add_option("--case", args.case_ref,
                  "The FIR your duty serves (\"0087/2021\" or \"STATION|0087/2021\"); required "
                  "with --as, or set SUTRA_CASE")
      ->envname("SUTRA_CASE");
  command.add_option("--need", args.needs,
                     "A protected identity your duty needs: juvenile, victim-identity "
                     "(repeatable; without it such identities are withheld)");
  command.add_option("--break-glass", args.break_glass,
                     "Emergency access outside your jurisdiction, with the REASON; flagged for "
                     "review");
  command.add_option("--as", args.as_user,
                     "Act as this Sutra user rather than as the operator (password from "
                     "SUTRA_PASSWORD or the first line of standard input)");
}

namespace {

StatusOr<std::string> ReadPassword() {
  if (const char* env = std::getenv("SUTRA_PASSWORD"); env != nullptr) return std::string(env);
  std::string line;
  if (!std::getline(std::cin, line)) {
    return InvalidArgument("--as: no password: set SUTRA_PASSWORD or give it on standard input");
  }
  return line;
}

}  // namespace

StatusOr<std::unique_ptr<GuardedSession>> OpenGuardedSession(const std::string& db,
                                                             const AccessArgs& args) {
  if (args.purpose.empty()) {
    return InvalidArgument(
        "--purpose: state why you are looking (e.g. --purpose \"investigation of FIR "
        "0087/2021\"); every read of case data is recorded with its purpose. Scripts may set "
        "SUTRA_PURPOSE");
  }
  if (!args.break_glass.empty() && args.break_glass.size() < 10) {
    return InvalidArgument("--break-glass: give the reason in words (at least 10 characters)");
  }
  auto session = std::make_unique<GuardedSession>();
  SUTRA_ASSIGN_OR_RETURN(session->engine, engine::Engine::Open(db));
  session->audit = std::make_unique<engine::policy::AuditLog>(session->engine->store());
  engine::policy::Principal& who = session->context.principal;
  if (args.as_user.empty()) {
    who.user = OsUserName();
    who.role = engine::policy::Role::kOperator;
    who.jurisdiction = {engine::policy::JurisdictionLevel::kNational, ""};
  } else {
    SUTRA_ASSIGN_OR_RETURN(std::string password, ReadPassword());
    engine::policy::UserDirectory users(session->engine->store(), *session->audit);
    SUTRA_ASSIGN_OR_RETURN(who, users.Login(args.as_user, password));
  }
  who.session = "cli:" + std::to_string(getpid());
  engine::policy::Purpose& purpose = session->context.purpose;
  purpose.text = args.purpose;
  purpose.case_ref = args.case_ref;
  purpose.needs = args.needs;
  purpose.break_glass = !args.break_glass.empty();
  purpose.break_glass_reason = args.break_glass;
  for (const std::string& need : args.needs) {
    if (need != engine::policy::kNeedJuvenile && need != engine::policy::kNeedVictimIdentity) {
      return InvalidArgument("--need '" + need + "': the needs are juvenile and victim-identity");
    }
  }
  session->guarded = std::make_unique<engine::GuardedEngine>(*session->engine, *session->audit);
  return session;
}

}  // namespace sutra::cli
