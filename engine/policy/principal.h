// Principal: who is asking, in what capacity and over what area — the subject of every access
// decision and of every audit entry (DESIGN.md, "Policy and audit").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sutra::engine::policy {

// What a user is for. Each role sees only what its duty needs (access_policy.h decides):
//   investigator   works cases: full detail in their jurisdiction or on cases assigned to them
//   analyst        studies patterns and reviews duplicates in their jurisdiction
//   supervisor     as an investigator, and grants others access to cases
//   auditor        reads the audit log; sees no case data
//   administrator  manages users; sees no case data
//   operator       the `sutra` command on the database directly, as an OS user: full access,
//                  still audited, still bound to a stated purpose
enum class Role { kInvestigator, kAnalyst, kSupervisor, kAuditor, kAdministrator, kOperator };

// "investigator", "analyst", ... (lower case), and back; std::nullopt for an unknown name.
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// The area a user's duty covers. `code` is a station code ("MH-PUN-0012") for kStation, a
// district name for kDistrict, a state name for kState, empty for kNational. Districts and
// states are compared as the Station nodes spell them, case-insensitively.
enum class JurisdictionLevel { kStation, kDistrict, kState, kNational };
struct Jurisdiction {
  JurisdictionLevel level = JurisdictionLevel::kNational;
  std::string code;
  bool operator==(const Jurisdiction&) const = default;
};

// "station:MH-PUN-0012", "district:Pune", "state:Maharashtra", "national" — the form the CLI
// takes and the audit log records. ParseJurisdiction returns std::nullopt for anything else
// (a level it does not know, or a missing code).
std::string JurisdictionText(const Jurisdiction& jurisdiction);
std::optional<Jurisdiction> ParseJurisdiction(std::string_view text);

struct Principal {
  std::string user;  // the login name, or the OS user name for an operator
  Role role = Role::kOperator;
  Jurisdiction jurisdiction;
  std::string session;  // the session id (sessions.h), "cli:<pid>" for an operator
};

}  // namespace sutra::engine::policy
