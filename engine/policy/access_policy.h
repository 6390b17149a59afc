// The access policy: what a principal may do, and how much of each subject it may see
// (DESIGN.md, "Policy and audit"). Pure decisions over facts the caller supplies; the guarded
// engine (engine/guarded_engine.h) gathers the facts, applies the decision and audits it.
//
// The matrix, for the case operations (search, expand, path, query, export, merge):
//   auditor, administrator   denied: they see no case data (auditors read the audit log,
//                            administrators manage users)
//   investigator             may search, expand, find paths, query and export; not merge
//   analyst, supervisor      as an investigator, and may merge duplicate records
//   operator                 everything (the `sutra` command on the database files)
// and for audit reads: auditor and operator only.
// Every case operation needs a stated purpose and a case reference (an FIR in the database);
// the operator states a purpose, and a case reference when there is one.
//
// How much of a subject (a node) a permitted operation shows depends on where it lies:
//   in the principal's jurisdiction, on a case assigned to them, or granted by a supervisor
//                            full detail
//   outside                  search: a hit, with only the type and the holding station;
//                            expand, path, query, export, merge: nothing (the call is denied
//                            when the subject is the one asked for; nodes met on the way are
//                            shown as hits)
//   break-glass              full detail outside too, with a mandatory reason, flagged for
//                            review
// Identities of juveniles and of victims of sexual offences are withheld from every role unless
// the purpose states the need ("juvenile", "victim-identity") and the subject is in full view;
// analysts cannot state a need (pattern work does not require identities).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/policy/principal.h"

namespace sutra::engine::policy {

enum class Operation { kSearch, kExpand, kPath, kQuery, kExport, kMerge, kAuditRead };
std::string_view OperationName(Operation operation);  // "search", "expand", ...

// Why the caller is looking: every case operation states one.
struct Purpose {
  std::string text;      // "investigation of a chain snatching", free text, required
  std::string case_ref;  // an FIR number as registered ("0087/2021"), required
  bool break_glass = false;
  std::string break_glass_reason;  // required with break_glass
  // Protected identities the duty needs: "juvenile", "victim-identity".
  std::vector<std::string> needs;
};

inline constexpr std::string_view kNeedJuvenile = "juvenile";
inline constexpr std::string_view kNeedVictimIdentity = "victim-identity";

struct Decision {
  bool allowed = false;
  std::string rule;  // names the rule that decided: "role:auditor-no-case-data", ...
};

// The gate before anything is read: role, operation and the shape of the purpose (whether the
// case reference names an FIR in the database is the caller's check).
Decision DecideOperation(const Principal& principal, Operation operation, const Purpose& purpose);

// Where a subject lies relative to the principal (the caller works it out).
enum class Relation { kInJurisdiction, kAssigned, kGranted, kOutside };

enum class Disclosure { kNone, kHitOnly, kFull };
struct SubjectDecision {
  Disclosure disclosure = Disclosure::kNone;
  std::string_view rule;  // a static text: "in-jurisdiction", "assigned-case", "granted", "break-glass",
                     // "outside-jurisdiction:hit-only", "outside-jurisdiction:denied"
};
SubjectDecision DecideSubject(const Principal& principal, Operation operation, Relation relation,
                              const Purpose& purpose);

// Whether a protected identity is shown: the need stated, a role that may state it, and the
// subject in full view.
bool MayRevealProtected(const Principal& principal, const Purpose& purpose,
                        std::string_view need);

}  // namespace sutra::engine::policy
