#include "engine/policy/audit_anomalies.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

namespace sutra::engine::policy {
namespace {

using std::chrono::minutes;

struct Timed {
  const AuditRecord* record = nullptr;
  TimePoint time;
};

// A run of entries: the indices [first, last] of a user's time-ordered list.
struct Run {
  std::size_t first = 0;
  std::size_t last = 0;
};

// Slides a window shorter than `window` over `items` (time-ordered) and returns the runs where
// `qualifies` holds, overlapping windows merged. `add`/`remove` keep the caller's window state.
template <typename Add, typename Remove, typename Qualifies>
std::vector<Run> SlidingRuns(const std::vector<Timed>& items, minutes window, Add add,
                             Remove remove, Qualifies qualifies) {
  std::vector<Run> runs;
  std::size_t left = 0;
  for (std::size_t right = 0; right < items.size(); ++right) {
    add(items[right]);
    while (items[right].time - items[left].time >= window) remove(items[left++]);
    if (!qualifies(right - left + 1)) continue;
    if (!runs.empty() && runs.back().last + 1 >= left) {
      runs.back().last = right;  // overlaps (or touches) the run before
    } else {
      runs.push_back({left, right});
    }
  }
  return runs;
}

std::vector<Run> CountRuns(const std::vector<Timed>& items, minutes window, std::size_t min_count) {
  return SlidingRuns(
      items, window, [](const Timed&) {}, [](const Timed&) {},
      [min_count](std::size_t count) { return count >= min_count; });
}

std::vector<std::uint64_t> Seqs(const std::vector<Timed>& items, const Run& run) {
  std::vector<std::uint64_t> seqs;
  for (std::size_t i = run.first; i <= run.last; ++i) seqs.push_back(items[i].record->seq);
  std::sort(seqs.begin(), seqs.end());
  return seqs;
}

std::string OffsetText(minutes offset) {
  const long total = std::abs(static_cast<long>(offset.count()));
  return fmt::format("UTC{}{:02}:{:02}", offset.count() < 0 ? '-' : '+', total / 60, total % 60);
}

// "23:14" at UTC + `offset`.
std::string LocalClock(TimePoint time, minutes offset) {
  const TimePoint local = time + offset;
  const auto in_day =
      std::chrono::floor<minutes>(local - std::chrono::floor<std::chrono::days>(local));
  return fmt::format("{:02}:{:02}", in_day.count() / 60, in_day.count() % 60);
}

bool AtNight(TimePoint time, const AnomalyOptions& options) {
  const TimePoint local = time + options.utc_offset;
  const minutes in_day =
      std::chrono::floor<minutes>(local - std::chrono::floor<std::chrono::days>(local));
  const minutes start = options.night_start, end = options.night_end;
  if (start == end) return true;  // a night of 24 hours: bursts at any hour
  if (start < end) return in_day >= start && in_day < end;
  return in_day >= start || in_day < end;
}

std::string Times(std::size_t n) { return n == 1 ? "once" : fmt::format("{} times", n); }

std::string Between(const std::string& first, const std::string& last) {
  return first == last ? fmt::format("at {}", first)
                       : fmt::format("between {} and {}", first, last);
}

void ManySubjects(const std::string& user, const std::vector<Timed>& all,
                  const AnomalyOptions& options, std::vector<Anomaly>& out) {
  std::vector<Timed> lookups;
  for (const Timed& t : all) {
    if (!t.record->subjects.empty()) lookups.push_back(t);
  }
  std::map<std::uint64_t, std::size_t> subjects;  // in the window: subject -> entries naming it
  std::map<std::string, std::size_t> cases;       // in the window: case ("" none) -> entries
  auto add = [&](const Timed& t) {
    for (std::uint64_t s : t.record->subjects) ++subjects[s];
    ++cases[t.record->case_ref];
  };
  auto drop = [](auto& counts, const auto& key) {
    if (--counts[key] == 0) counts.erase(key);
  };
  auto remove = [&](const Timed& t) {
    for (std::uint64_t s : t.record->subjects) drop(subjects, s);
    drop(cases, t.record->case_ref);
  };
  auto qualifies = [&](std::size_t) {
    const bool one_case = cases.size() == 1 && !cases.begin()->first.empty();
    return subjects.size() > options.max_distinct_subjects && !one_case;
  };
  for (const Run& run : SlidingRuns(lookups, options.subject_window, add, remove, qualifies)) {
    std::vector<std::uint64_t> distinct;
    std::vector<std::string> run_cases;
    bool without_case = false;
    for (std::size_t i = run.first; i <= run.last; ++i) {
      const AuditRecord& r = *lookups[i].record;
      distinct.insert(distinct.end(), r.subjects.begin(), r.subjects.end());
      if (r.case_ref.empty()) {
        without_case = true;
      } else {
        run_cases.push_back(r.case_ref);
      }
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::sort(run_cases.begin(), run_cases.end());
    run_cases.erase(std::unique(run_cases.begin(), run_cases.end()), run_cases.end());
    std::string case_text;
    if (run_cases.empty()) {
      case_text = "with no case stated";
    } else {
      case_text =
          fmt::format("under {} case{}{}", run_cases.size(), run_cases.size() == 1 ? "" : "s",
                      without_case ? " and some with no case stated" : "");
    }
    const std::string& first = lookups[run.first].record->time;
    const std::string& last = lookups[run.last].record->time;
    out.push_back(
        {user, "many-subjects", Seqs(lookups, run), first,
         fmt::format("{} looked up {} distinct persons {} (more than {} within {} h), {}", user,
                     distinct.size(), Between(first, last), options.max_distinct_subjects,
                     std::chrono::duration_cast<std::chrono::hours>(options.subject_window).count(),
                     case_text)});
  }
}

void OddHourBursts(const std::string& user, const std::vector<Timed>& all,
                   const AnomalyOptions& options, std::vector<Anomaly>& out) {
  std::vector<Timed> night;
  for (const Timed& t : all) {
    if (AtNight(t.time, options)) night.push_back(t);
  }
  for (const Run& run : CountRuns(night, options.burst_window, options.odd_hours_burst)) {
    const std::size_t n = run.last - run.first + 1;
    out.push_back(
        {user, "odd-hours-burst", Seqs(night, run), night[run.first].record->time,
         fmt::format("{} made {} accesses between {} and {} local time ({}) on {}", user, n,
                     LocalClock(night[run.first].time, options.utc_offset),
                     LocalClock(night[run.last].time, options.utc_offset),
                     OffsetText(options.utc_offset),
                     FormatAuditTime(night[run.first].time + options.utc_offset).substr(0, 10))});
  }
}

void RepeatedDenials(const std::string& user, const std::vector<Timed>& all,
                     const AnomalyOptions& options, std::vector<Anomaly>& out) {
  std::vector<Timed> denied;
  for (const Timed& t : all) {
    if (!t.record->allowed) denied.push_back(t);
  }
  for (const Run& run : CountRuns(denied, options.denial_window, options.repeated_denials)) {
    const std::string& first = denied[run.first].record->time;
    const std::string& last = denied[run.last].record->time;
    out.push_back({user, "repeated-denials", Seqs(denied, run), first,
                   fmt::format("{} was denied access {} {}", user, Times(run.last - run.first + 1),
                               Between(first, last))});
  }
}

}  // namespace

std::vector<Anomaly> FindAnomalies(const std::vector<AuditRecord>& records,
                                   const AnomalyOptions& options) {
  std::vector<Anomaly> out;
  std::map<std::string, std::vector<Timed>> timed_by_user;  // entries with a readable time
  std::map<std::string, std::vector<const AuditRecord*>> outside_by_user;
  for (const AuditRecord& r : records) {
    if (std::optional<TimePoint> time = ParseAuditTime(r.time)) {
      timed_by_user[r.user].push_back({&r, *time});
    }
    if (r.rule.starts_with("outside-jurisdiction")) outside_by_user[r.user].push_back(&r);
    if (r.break_glass) {
      out.push_back({r.user,
                     "break-glass",
                     {r.seq},
                     r.time,
                     fmt::format("{} used break-glass for {} at {}{}: \"{}\"", r.user,
                                 r.operation.empty() ? "an access" : r.operation, r.time,
                                 r.case_ref.empty() ? std::string(" with no case stated")
                                                    : fmt::format(" on case {}", r.case_ref),
                                 r.reason)});
    }
  }
  for (const auto& [user, entries] : outside_by_user) {
    std::vector<std::uint64_t> seqs;
    for (const AuditRecord* r : entries) seqs.push_back(r->seq);
    std::sort(seqs.begin(), seqs.end());
    out.push_back(
        {user, "outside-jurisdiction", seqs, entries.front()->time,
         fmt::format("{} looked outside their jurisdiction {} {}", user, Times(entries.size()),
                     Between(entries.front()->time, entries.back()->time))});
  }
  for (auto& [user, timed] : timed_by_user) {
    std::stable_sort(timed.begin(), timed.end(),
                     [](const Timed& a, const Timed& b) { return a.time < b.time; });
    ManySubjects(user, timed, options, out);
    OddHourBursts(user, timed, options, out);
    RepeatedDenials(user, timed, options, out);
  }
  std::stable_sort(out.begin(), out.end(), [](const Anomaly& a, const Anomaly& b) {
    const std::uint64_t first_a = a.entries.empty() ? 0 : a.entries.front();
    const std::uint64_t first_b = b.entries.empty() ? 0 : b.entries.front();
    return std::tie(first_a, a.rule) < std::tie(first_b, b.rule);
  });
  return out;
}

StatusOr<std::vector<Anomaly>> FindAnomalies(const storage::ReadTxn& txn,
                                             std::optional<TimePoint> since,
                                             std::optional<TimePoint> until,
                                             const AnomalyOptions& options) {
  AuditFilter filter;
  filter.since = since;
  filter.until = until;
  SUTRA_ASSIGN_OR_RETURN(std::vector<AuditRecord> records, QueryAudit(txn, filter));
  return FindAnomalies(records, options);
}

std::string FormatAnomalies(const std::vector<Anomaly>& anomalies, ReportFormat format) {
  auto entries_text = [](const Anomaly& a, std::string_view separator) {
    return fmt::format("{}", fmt::join(a.entries, separator));
  };
  switch (format) {
    case ReportFormat::kTable: {
      if (anomalies.empty()) return "No anomaly found.\n";
      std::vector<std::vector<std::string>> rows;
      for (const Anomaly& a : anomalies) {
        constexpr std::size_t kShown = 10;
        std::string entries =
            a.entries.size() <= kShown
                ? entries_text(a, ",")
                : fmt::format("{} +{} more",
                              fmt::join(a.entries.begin(), a.entries.begin() + kShown, ","),
                              a.entries.size() - kShown);
        rows.push_back({a.rule, a.user, entries, a.first_time, a.description});
      }
      return FormatTextTable({"rule", "user", "entries", "first", "what was seen"}, rows) +
             fmt::format("{} finding{}\n", anomalies.size(), anomalies.size() == 1 ? "" : "s");
    }
    case ReportFormat::kJson: {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const Anomaly& a : anomalies) {
        out.push_back({{"rule", a.rule},
                       {"user", a.user},
                       {"entries", a.entries},
                       {"first_time", a.first_time},
                       {"description", a.description}});
      }
      return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    }
    case ReportFormat::kCsv: {
      std::string out = "rule,user,entries,first_time,description\r\n";
      for (const Anomaly& a : anomalies) {
        out += fmt::format("{},{},{},{},{}\r\n", CsvField(a.rule), CsvField(a.user),
                           CsvField(entries_text(a, ";")), CsvField(a.first_time),
                           CsvField(a.description));
      }
      return out;
    }
  }
  return {};
}

}  // namespace sutra::engine::policy
