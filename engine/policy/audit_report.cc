#include "engine/policy/audit_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sutra::engine::policy {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;

// Reads exactly `width` digits at `pos` of `text`.
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::string JoinIds(const std::vector<std::uint64_t>& ids, std::string_view separator) {
  return fmt::format("{}", fmt::join(ids, separator));
}

// The subjects column of the table: a few ids, then how many more.
std::string SubjectsCell(const std::vector<std::uint64_t>& ids) {
  constexpr std::size_t kShown = 5;
  if (ids.size() <= kShown) return JoinIds(ids, ",");
  std::vector<std::uint64_t> shown(ids.begin(), ids.begin() + kShown);
  return fmt::format("{} +{} more", JoinIds(shown, ","), ids.size() - kShown);
}

std::string Decision(const AuditRecord& r) {
  std::string text = r.allowed ? "allowed" : "denied";
  if (r.break_glass) text += " (break-glass)";
  return text;
}

std::size_t DisplayWidth(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

std::string FormatAuditTime(TimePoint time) {
  const auto ms = std::chrono::floor<milliseconds>(time);
  const auto day = std::chrono::floor<days>(ms);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{ms - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                     clock.subseconds().count());
}

std::optional<TimePoint> ParseAuditTime(std::string_view text, bool end_of_day) {
  // YYYY-MM-DD
  auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  // system_clock counts nanoseconds: years far from now do not fit (and are typing errors).
  if (*year < 1900 || *year > 2200) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  TimePoint midnight = std::chrono::sys_days(date);
  if (text.size() == 10) return end_of_day ? midnight + days(1) : midnight;

  // T HH:MM [:SS [.fraction]]
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  auto hour = Digits(text, 11, 2), minute = Digits(text, 14, 2);
  if (!hour || !minute || text[13] != ':' || *hour > 23 || *minute > 59) return std::nullopt;
  milliseconds offset_in_day = std::chrono::hours(*hour) + std::chrono::minutes(*minute);
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    auto second = Digits(text, pos + 1, 2);
    if (!second || *second > 59) return std::nullopt;
    offset_in_day += std::chrono::seconds(*second);
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const std::size_t start = pos;
      int millis = 0, scale = 100;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        millis += (text[pos] - '0') * scale;  // digits past the third are dropped
        scale /= 10;
        ++pos;
      }
      if (pos == start) return std::nullopt;
      offset_in_day += milliseconds(millis);
    }
  }
  TimePoint time = midnight + offset_in_day;

  // Z, ±HH:MM or nothing (UTC)
  const std::string_view zone = text.substr(pos);
  if (zone.empty() || zone == "Z") return time;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
    return std::nullopt;
  }
  auto zone_hours = Digits(zone, 1, 2), zone_minutes = Digits(zone, 4, 2);
  if (!zone_hours || !zone_minutes || *zone_hours > 14 || *zone_minutes > 59) return std::nullopt;
  const auto zone_offset = std::chrono::hours(*zone_hours) + std::chrono::minutes(*zone_minutes);
  // Local time = UTC + offset, so UTC = local - offset.
  return zone[0] == '+' ? time - zone_offset : time + zone_offset;
}

bool MatchesFilter(const AuditFilter& filter, const AuditRecord& record) {
  if (filter.user && record.user != *filter.user) return false;
  if (filter.operation && record.operation != *filter.operation) return false;
  if (filter.since || filter.until) {
    const std::optional<TimePoint> time = ParseAuditTime(record.time);
    if (!time) return false;  // a time bound cannot place an entry without a readable time
    if (filter.since && *time < *filter.since) return false;
    if (filter.until && *time >= *filter.until) return false;
  }
  if (!filter.subjects.empty()) {
    auto named = [&](const std::vector<std::uint64_t>& ids) {
      return std::any_of(ids.begin(), ids.end(), [&](std::uint64_t id) {
        return std::find(filter.subjects.begin(), filter.subjects.end(), id) !=
               filter.subjects.end();
      });
    };
    if (!named(record.subjects) && !named(record.disclosed)) return false;
  }
  return true;
}

StatusOr<std::vector<std::uint64_t>> SubjectIds(const storage::ReadTxn& txn, std::uint64_t node) {
  std::vector<std::uint64_t> ids{node};
  SUTRA_ASSIGN_OR_RETURN(std::optional<storage::Node> found, txn.GetNode(node));
  if (found && found->type == storage::NodeType::kPerson) {
    const storage::NeighborFilter same_as{.type = storage::EdgeType::kSameAs,
                                          .direction = storage::Direction::kIn};
    SUTRA_RETURN_IF_ERROR(txn.ForEachNeighbor(node, same_as, [&](const storage::Neighbor& n) {
      ids.push_back(n.node);
      return true;
    }));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

StatusOr<std::vector<AuditRecord>> QueryAudit(const storage::ReadTxn& txn,
                                              const AuditFilter& filter) {
  std::vector<AuditRecord> out;
  SUTRA_RETURN_IF_ERROR(ForEachAuditRecord(txn, 1, [&](const AuditRecord& record) {
    if (MatchesFilter(filter, record)) out.push_back(record);
    return true;
  }));
  return out;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string FormatTextTable(const std::vector<std::string>& columns,
                            const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const std::string& column : columns) widths.push_back(DisplayWidth(column));
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      if (i > 0) text += "  ";
      text += cells[i];
      if (i + 1 < cells.size()) text.append(widths[i] - DisplayWidth(cells[i]), ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text;
    out += '\n';
  };
  line(columns);
  std::vector<std::string> rule;
  for (std::size_t width : widths) rule.emplace_back(width, '-');
  line(rule);
  for (const auto& row : rows) line(row);
  return out;
}

std::string FormatAuditRecords(const std::vector<AuditRecord>& records, ReportFormat format) {
  switch (format) {
    case ReportFormat::kTable: {
      if (records.empty()) return "No audit entry matches.\n";
      std::vector<std::vector<std::string>> rows;
      for (const AuditRecord& r : records) {
        rows.push_back({std::to_string(r.seq), r.time, r.user, r.role, r.operation, r.purpose,
                        r.case_ref, Decision(r), r.rule, SubjectsCell(r.subjects),
                        std::to_string(r.disclosed_count), r.reason});
      }
      return FormatTextTable({"seq", "time", "user", "role", "operation", "purpose", "case",
                              "decision", "rule", "subjects", "disclosed", "reason"},
                             rows) +
             fmt::format("{} entr{}\n", records.size(), records.size() == 1 ? "y" : "ies");
    }
    case ReportFormat::kJson: {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const AuditRecord& r : records) {
        nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
        for (const auto& [name, value] : r.parameters) parameters[name] = value;
        out.push_back({{"seq", r.seq},
                       {"time", r.time},
                       {"user", r.user},
                       {"role", r.role},
                       {"jurisdiction", r.jurisdiction},
                       {"session", r.session},
                       {"purpose", r.purpose},
                       {"case", r.case_ref},
                       {"operation", r.operation},
                       {"parameters", std::move(parameters)},
                       {"allowed", r.allowed},
                       {"rule", r.rule},
                       {"break_glass", r.break_glass},
                       {"reason", r.reason},
                       {"disclosed", r.disclosed},
                       {"disclosed_count", r.disclosed_count},
                       {"disclosed_digest", r.disclosed_digest},
                       {"subjects", r.subjects},
                       {"flags", r.flags}});
      }
      return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    }
    case ReportFormat::kCsv: {
      std::string out =
          "seq,time,user,role,jurisdiction,session,purpose,case,operation,parameters,allowed,"
          "rule,break_glass,reason,disclosed,disclosed_count,disclosed_digest,subjects,flags\r\n";
      for (const AuditRecord& r : records) {
        std::vector<std::string> parameters;
        for (const auto& [name, value] : r.parameters) parameters.push_back(name + "=" + value);
        const std::vector<std::string> cells{std::to_string(r.seq),
                                             r.time,
                                             r.user,
                                             r.role,
                                             r.jurisdiction,
                                             r.session,
                                             r.purpose,
                                             r.case_ref,
                                             r.operation,
                                             fmt::format("{}", fmt::join(parameters, ";")),
                                             r.allowed ? "true" : "false",
                                             r.rule,
                                             r.break_glass ? "true" : "false",
                                             r.reason,
                                             JoinIds(r.disclosed, ";"),
                                             std::to_string(r.disclosed_count),
                                             r.disclosed_digest,
                                             JoinIds(r.subjects, ";"),
                                             fmt::format("{}", fmt::join(r.flags, ";"))};
        for (std::size_t i = 0; i < cells.size(); ++i) {
          if (i > 0) out += ',';
          out += CsvField(cells[i]);
        }
        out += "\r\n";
      }
      return out;
    }
  }
  return {};
}

}  // namespace sutra::engine::policy
