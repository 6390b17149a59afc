// Review of access: patterns in the audit log worth an overseer's look. Each is a lead for a
// person to follow up, not a verdict: a finding names the user, the rule that raised it, the
// entries behind it and one sentence saying what was seen.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/policy/audit_log.h"
#include "engine/policy/audit_report.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::policy {

// The rules and their thresholds. A window is a span of time of the given length anywhere in
// the period reviewed (not a calendar day or hour).
struct AnomalyOptions {
  // "many-subjects": more than `max_distinct_subjects` distinct persons and person records
  // (entries' `subjects`) looked up by one user within `subject_window`, when those lookups
  // do not all serve one and the same case (several cases, or none stated).
  std::size_t max_distinct_subjects = 25;
  std::chrono::minutes subject_window = std::chrono::hours(24);

  // "outside-jurisdiction": every entry whose rule starts with "outside-jurisdiction", one
  // finding per user. "break-glass": every break-glass entry, one finding each. No thresholds.

  // "odd-hours-burst": at least `odd_hours_burst` entries by one user within `burst_window`,
  // all at local times from `night_start` to `night_end` (wrapping past midnight when start
  // is later than end). Local time is UTC + `utc_offset`: India Standard Time by default.
  std::size_t odd_hours_burst = 10;
  std::chrono::minutes burst_window = std::chrono::hours(1);
  std::chrono::minutes utc_offset = std::chrono::minutes(5 * 60 + 30);
  std::chrono::minutes night_start = std::chrono::hours(22);
  std::chrono::minutes night_end = std::chrono::hours(6);

  // "repeated-denials": at least `repeated_denials` denied accesses by one user within
  // `denial_window`.
  std::size_t repeated_denials = 5;
  std::chrono::minutes denial_window = std::chrono::hours(1);
};

struct Anomaly {
  std::string user;
  std::string rule;                    // "many-subjects", "outside-jurisdiction", "break-glass",
                                       // "odd-hours-burst", "repeated-denials"
  std::vector<std::uint64_t> entries;  // sequence numbers, ascending
  std::string first_time;              // time of the first entry behind the finding
  std::string description;             // one sentence for the overseer
};

// Findings over `records` (in log order), ordered by their first entry, then by rule.
// Overlapping windows of one user and rule make one finding covering all their entries.
std::vector<Anomaly> FindAnomalies(const std::vector<AuditRecord>& records,
                                   const AnomalyOptions& options = {});
// The same over the log's entries from `since` to before `until` (unset: no bound).
StatusOr<std::vector<Anomaly>> FindAnomalies(const storage::ReadTxn& txn,
                                             std::optional<TimePoint> since,
                                             std::optional<TimePoint> until,
                                             const AnomalyOptions& options = {});

// table: rule, user, entries, first time, description ("No anomaly found." when empty);
// json: an array of objects; csv: RFC 4180 with a header row, entries joined by ';'.
std::string FormatAnomalies(const std::vector<Anomaly>& anomalies, ReportFormat format);

}  // namespace sutra::engine::policy
