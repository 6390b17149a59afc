// Retention: person records kept no longer than their purpose needs (issue 8).
//
// A RetentionPolicy names, per category of record, how many years after its case was registered
// (the case's "registered_on"; Sutra holds no judgment date) a record is erased or
// pseudonymised (erasure.h says what each removes). The categories:
//   wrongful_arrest                 records flagged wrongful_arrest: erase after `years`
//   juvenile                        records flagged juvenile: erase after `years`, or
//                                   `years_after_18` years after the person turned 18, whichever
//                                   comes first (18 is counted from the earliest birthday the
//                                   record allows: its date of birth, else 1 January of its
//                                   birth year, else the day after its case's registration
//                                   date less (stated age + 1) years)
//   acquitted_or_discharged         records with a role in `roles` (default accused, arrested) in
//                                   a case whose status is acquitted or discharged: erase after
//                                   `years`
//   closed_case_victims_witnesses   records with a role in `roles` (default victim, complainant,
//                                   witness) in a case whose status is in `statuses` (default
//                                   closed): pseudonymise after `years`
// A record due under several rules is erased when any erase rule is due (the earliest such
// rule is reported), else pseudonymised. A pseudonymised record is not pseudonymised again, and
// an erased one is gone, so applying the same policy twice changes nothing the second time.
// Statuses compare case-insensitively with spaces and hyphens read as underscores
// ("charge-sheeted" = "charge_sheeted").
//
// Sutra's defaults (chosen for this tool, not taken from any law; set the periods your law and
// orders require in a policy file):
//   wrongful_arrest 1, juvenile 3 (years_after_18 1), acquitted_or_discharged 7,
//   closed_case_victims_witnesses 10.
//
// The policy file is JSON; every member is optional and an omitted one keeps its default:
//   {
//     "rules": {
//       "wrongful_arrest": {"years": 1},
//       "juvenile": {"years": 3, "years_after_18": 1},
//       "acquitted_or_discharged": {"years": 7, "roles": ["accused", "arrested"]},
//       "closed_case_victims_witnesses": {"years": 10, "statuses": ["closed"],
//                                         "roles": ["victim", "complainant", "witness"]}
//     }
//   }
// and {"enabled": false} in place of a rule's settings turns that rule off.
// Years are whole numbers from 0 to 200. An unknown member, a wrong type or an out-of-range
// value is an error naming the file and the member ("policy.json: rules.juvenile.years: ...").
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/policy/audit_log.h"
#include "engine/policy/principal.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::policy {

struct RetentionRule {
  std::string name;  // "wrongful_arrest", ... (the member name in the policy file)
  bool enabled = true;
  bool erase = true;  // false: pseudonymise
  int years = 0;
  int years_after_18 = -1;                 // juvenile only; -1 elsewhere
  std::vector<std::string> roles = {};     // role words ("accused", ...); empty: any role
  std::vector<std::string> statuses = {};  // case statuses, normalised; empty: any status
  bool needs_flag = false;                 // the record must carry property `flag` = true
  std::string flag = {};
};

// The four rules in the order above; a policy file changes their settings.
struct RetentionPolicy {
  std::vector<RetentionRule> rules;
  // One line for the audit log: "wrongful_arrest=1y;juvenile=3y/18+1y;...;x=off".
  std::string Summary() const;
};

RetentionPolicy DefaultRetentionPolicy();
// `source` names the text in errors (the file name).
StatusOr<RetentionPolicy> ParseRetentionPolicy(std::string_view json_text, std::string_view source);
// NotFound when the file cannot be read.
StatusOr<RetentionPolicy> LoadRetentionPolicy(const std::filesystem::path& file);

enum class RetentionActionKind { kErase, kPseudonymise };
std::string_view RetentionActionName(RetentionActionKind kind);  // "erase", "pseudonymise"

struct RetentionAction {
  storage::NodeId record = 0;
  std::string record_id;  // the source's record id (no name: plans are printed and audited)
  RetentionActionKind action = RetentionActionKind::kErase;
  std::string rule;
  std::string due;  // YYYY-MM-DD, on or before the plan's date
};

struct RetentionPlan {
  std::vector<RetentionAction> actions;  // in record id order
  std::uint64_t records_examined = 0;
  // Records with no dated case (no role edge to a Case with a valid registered_on): no rule can
  // date them, so none applies.
  std::uint64_t undated = 0;
};

// Every action due on `now`'s UTC date.
StatusOr<RetentionPlan> PlanRetention(const storage::ReadTxn& txn, const RetentionPolicy& policy,
                                      std::chrono::system_clock::time_point now);

struct RuleCount {
  std::string rule;
  std::string action;
  std::uint64_t due = 0;
  std::uint64_t applied = 0;  // 0 in a dry run
};

struct RetentionReport {
  bool dry_run = false;
  std::string as_of;  // YYYY-MM-DD
  RetentionPlan plan;
  std::vector<RuleCount> counts;  // one per rule of the policy, in its order
  std::uint64_t applied = 0;
  std::uint64_t summary_audit_seq = 0;
};

// Plans and applies in one write transaction: every erasure and pseudonymisation with its audit
// entry (reason "retention:<rule>", purpose "retention"), then one summary entry (operation
// "retention": the policy summary, the date, counts per rule). A dry run writes only the
// summary entry (parameter dry_run true) and changes no record. Operator, administrator and
// supervisor only; another role gets PermissionDenied after an audited refusal.
StatusOr<RetentionReport> ApplyRetention(storage::GraphStore& store, AuditLog& audit,
                                         const Principal& actor, const RetentionPolicy& policy,
                                         std::chrono::system_clock::time_point now, bool dry_run);

// "2031-05-17" -> that day at 00:00 UTC; InvalidArgument naming the text otherwise.
StatusOr<std::chrono::system_clock::time_point> ParseIsoDate(std::string_view text);

}  // namespace sutra::engine::policy
