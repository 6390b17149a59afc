// The options every `sutra` command that reads case data takes, and the guarded engine they
// open (engine/guarded_engine.h): the command acts as the operator — the OS user — or, with
// --as, as a stored user who logs in; either way each read states a purpose and is audited.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "engine/guarded_engine.h"
#include "engine/policy/audit_log.h"

namespace sutra::cli {

struct AccessArgs {
  std::string purpose;
  std::string case_ref;
  std::vector<std::string> needs;
  std::string break_glass;
  std::string as_user;
};

// Adds --purpose (or $SUTRA_PURPOSE; required), --case (or $SUTRA_CASE), --need,
// --break-glass REASON and --as USER to `command`.
void AddAccessOptions(CLI::App& command, AccessArgs& args);

struct GuardedSession {
  std::unique_ptr<engine::Engine> engine;
  std::unique_ptr<engine::policy::AuditLog> audit;
  std::unique_ptr<engine::GuardedEngine> guarded;
  engine::AccessContext context;
};

// Opens `db` and the principal: the operator (OS user, national, session "cli:<pid>"), or with
// --as the stored user after a login (password from $SUTRA_PASSWORD, else the first line of
// standard input). A failed login is audited and refused.
StatusOr<std::unique_ptr<GuardedSession>> OpenGuardedSession(const std::string& db,
                                                             const AccessArgs& args);

}  // namespace sutra::cli
