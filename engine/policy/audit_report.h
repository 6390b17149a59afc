// The audit report: "who looked at this person, when and why" — the entries of the audit log
// that match a filter, printed for people (table) or scripts (json, csv). Also the audit log's
// time format, shared by the log, the report, the anomaly review and the CLI.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/policy/audit_log.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::policy {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-11-30T08:15:20.123Z": UTC, milliseconds, fixed width (so entries' times sort as text).
std::string FormatAuditTime(TimePoint time);
// Reads "2026-11-30", "2026-11-30T08:00Z", "2026-11-30T08:00:00Z", "2026-11-30T08:00:00.123Z"
// and the same with an offset instead of Z ("+05:30", "-04:00"); a time without Z or offset is
// UTC. Years 1900 to 2200 only. A bare date is its midnight (UTC), or with `end_of_day` the midnight after it, so that
// "--until 2026-11-30" includes that whole day. std::nullopt for anything else.
std::optional<TimePoint> ParseAuditTime(std::string_view text, bool end_of_day = false);

// Which entries a report lists; an empty or unset field matches every entry.
struct AuditFilter {
  std::optional<std::string> user = std::nullopt;
  // Node ids: an entry matches when it names any of them among its `subjects` or `disclosed`
  // (SubjectIds gives a Person with its records).
  std::vector<std::uint64_t> subjects = {};
  std::optional<TimePoint> since = std::nullopt;  // entries at or after
  std::optional<TimePoint> until = std::nullopt;  // entries before
  std::optional<std::string> operation = std::nullopt;
};

bool MatchesFilter(const AuditFilter& filter, const AuditRecord& record);

// The ids an entry may name when it shows `node`: the node itself and, for a Person, every
// PersonRecord resolved to it (PersonRecord -[SAME_AS]-> Person), since an answer may have
// disclosed the records alone. A node no longer in the store (erased) is still its own id:
// who looked at it stays answerable. Sorted.
StatusOr<std::vector<std::uint64_t>> SubjectIds(const storage::ReadTxn& txn, std::uint64_t node);

// The matching entries in log order. An entry that does not decode is an error naming it.
StatusOr<std::vector<AuditRecord>> QueryAudit(const storage::ReadTxn& txn,
                                              const AuditFilter& filter);

enum class ReportFormat { kTable, kJson, kCsv };
// table: one line per entry with the columns a reviewer reads first (seq, time, user, role,
// operation, purpose, case, decision, rule, subjects, reason); json: an array with every field;
// csv: RFC 4180, a header row and every field (lists joined by ';', parameters "name=value").
std::string FormatAuditRecords(const std::vector<AuditRecord>& records, ReportFormat format);

// Helpers shared with the anomaly review's printing.
std::string CsvField(std::string_view text);  // RFC 4180 quoting where needed
// Aligned columns with a header rule.
std::string FormatTextTable(const std::vector<std::string>& columns,
                            const std::vector<std::vector<std::string>>& rows);

}  // namespace sutra::engine::policy
