#include "engine/policy/retention.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <utility>

#include "engine/policy/erasure.h"

namespace sutra::engine::policy {
namespace {

using nlohmann::json;
using storage::Direction;
using storage::EdgeType;
using storage::NodeId;
using storage::NodeType;
using storage::Properties;

constexpr int kMaxYears = 200;

std::string NormaliseStatus(std::string_view status) {
  std::string out;
  for (char c : status) {
    out.push_back(c == ' ' || c == '-'
                      ? '_'
                      : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// The role word of a role edge ("accused", ...), "" for other edges.
std::string_view RoleWord(EdgeType type) {
  switch (type) {
    case EdgeType::kAccusedIn:
      return "accused";
    case EdgeType::kVictimIn:
      return "victim";
    case EdgeType::kComplainantIn:
      return "complainant";
    case EdgeType::kWitnessIn:
      return "witness";
    case EdgeType::kArrestedIn:
      return "arrested";
    default:
      return "";
  }
}

// --- dates: days since 1970-01-01 (storage::DayNumber) ---

std::int32_t AddYears(std::int32_t day, int years) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{day}}};
  ymd += std::chrono::years{years};
  if (!ymd.ok()) ymd = year_month_day_last{ymd.year(), month_day_last{ymd.month()}};  // 29 Feb
  return sys_days{ymd}.time_since_epoch().count();
}

std::string IsoDay(std::int32_t day) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::int32_t DayOf(std::chrono::system_clock::time_point t) {
  return static_cast<std::int32_t>(
      std::chrono::floor<std::chrono::days>(t).time_since_epoch().count());
}

// The earliest day the record allows for its birth (retention.h, juvenile), kNoDay if unknown.
std::int32_t EarliestBirth(const Properties& props, std::int32_t case_day) {
  const std::string dob = storage::GetString(props, "dob").value_or("");
  if (dob.size() == 4) return storage::DayNumber(dob + "-01-01");
  if (dob.size() == 7) return storage::DayNumber(dob + "-01");
  if (dob.size() == 10) return storage::DayNumber(dob);
  if (auto year = storage::GetInt(props, "birth_year")) {
    return storage::DayNumber(fmt::format("{:04}-01-01", *year));
  }
  if (auto age = storage::GetInt(props, "age"); age && case_day != storage::kNoDay) {
    return AddYears(case_day, -static_cast<int>(*age + 1)) + 1;
  }
  return storage::kNoDay;
}

// --- the policy file ---

struct FileError {
  std::string_view source;
  Status operator()(const std::string& member, const std::string& what) const {
    return InvalidArgument(fmt::format("{}: {}: {}", source, member, what));
  }
};

StatusOr<int> ReadYears(const json& value, const std::string& member, const FileError& error) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > kMaxYears) {
    return error(member, fmt::format("must be a whole number of years from 0 to {}, not {}",
                                     kMaxYears, value.dump()));
  }
  return value.get<int>();
}

StatusOr<std::vector<std::string>> ReadWords(const json& value, const std::string& member,
                                             const FileError& error, bool roles) {
  if (!value.is_array() || value.empty()) {
    return error(member, "must be a non-empty list of strings, not " + value.dump());
  }
  std::vector<std::string> out;
  for (const json& item : value) {
    if (!item.is_string() || item.get<std::string>().empty()) {
      return error(member, "must list non-empty strings; " + item.dump() + " is not one");
    }
    const std::string word = NormaliseStatus(item.get<std::string>());
    if (roles && !storage::RoleEdgeType(word)) {
      return error(
          member, "'" + word + "' is not a role (accused, victim, complainant, witness, arrested)");
    }
    out.push_back(word);
  }
  return out;
}

Status ReadRule(const json& settings, RetentionRule& rule, const FileError& error) {
  const std::string base = "rules." + rule.name;
  if (!settings.is_object()) return error(base, "must be an object, not " + settings.dump());
  for (const auto& [key, value] : settings.items()) {
    const std::string member = base + "." + key;
    if (key == "enabled") {
      if (!value.is_boolean()) return error(member, "must be true or false, not " + value.dump());
      rule.enabled = value.get<bool>();
    } else if (key == "years") {
      SUTRA_ASSIGN_OR_RETURN(rule.years, ReadYears(value, member, error));
    } else if (key == "years_after_18" && rule.years_after_18 >= 0) {
      SUTRA_ASSIGN_OR_RETURN(rule.years_after_18, ReadYears(value, member, error));
    } else if (key == "roles" && !rule.roles.empty()) {
      SUTRA_ASSIGN_OR_RETURN(rule.roles, ReadWords(value, member, error, true));
    } else if (key == "statuses" && rule.name == "closed_case_victims_witnesses") {
      SUTRA_ASSIGN_OR_RETURN(rule.statuses, ReadWords(value, member, error, false));
    } else {
      return error(member, "is not a setting of this rule (see engine/policy/retention.h)");
    }
  }
  return Status::Ok();
}

// --- planning ---

struct CaseFacts {
  std::int32_t day = storage::kNoDay;
  std::string status;
};

struct RecordFacts {
  NodeId id = 0;
  std::string record_id;
  Properties props;                                        // only the keys planning reads
  std::vector<std::pair<std::string_view, NodeId>> roles;  // role word, case
};

constexpr std::string_view kPlanningKeys[] = {
    "record_id", "dob", "birth_year", "age", "juvenile", "wrongful_arrest", "pseudonymised"};

// The day `rule` falls due for `record`, or kNoDay when none of its cases matches the rule
// (its flag, if any, is checked by the caller).
std::int32_t DueDay(const RetentionRule& rule, const RecordFacts& record,
                    const std::map<NodeId, CaseFacts>& cases) {
  std::int32_t latest = storage::kNoDay;  // the latest matching case: the record's last use
  for (const auto& [role, case_id] : record.roles) {
    if (!rule.roles.empty() &&
        std::find(rule.roles.begin(), rule.roles.end(), role) == rule.roles.end()) {
      continue;
    }
    auto it = cases.find(case_id);
    if (it == cases.end() || it->second.day == storage::kNoDay) continue;
    if (!rule.statuses.empty() && std::find(rule.statuses.begin(), rule.statuses.end(),
                                            it->second.status) == rule.statuses.end()) {
      continue;
    }
    latest = std::max(latest, it->second.day);
  }
  if (latest == storage::kNoDay) return storage::kNoDay;
  std::int32_t due = AddYears(latest, rule.years);
  if (rule.years_after_18 >= 0) {
    const std::int32_t born = EarliestBirth(record.props, latest);
    if (born != storage::kNoDay) due = std::min(due, AddYears(born, 18 + rule.years_after_18));
  }
  return due;
}

bool Flagged(const Properties& props, std::string_view flag) {
  auto it = props.find(flag);
  return it != props.end() && std::get_if<bool>(&it->second) != nullptr &&
         std::get<bool>(it->second);
}

}  // namespace

std::string RetentionPolicy::Summary() const {
  std::string out;
  for (const RetentionRule& rule : rules) {
    if (!out.empty()) out += ';';
    out += rule.name + "=";
    if (!rule.enabled) {
      out += "off";
      continue;
    }
    out += std::to_string(rule.years) + "y";
    if (rule.years_after_18 >= 0) out += "/18+" + std::to_string(rule.years_after_18) + "y";
    out += rule.erase ? ":erase" : ":pseudonymise";
  }
  return out;
}

RetentionPolicy DefaultRetentionPolicy() {
  RetentionPolicy policy;
  RetentionRule wrongful{.name = "wrongful_arrest", .years = 1};
  wrongful.needs_flag = true;
  wrongful.flag = "wrongful_arrest";
  RetentionRule juvenile{.name = "juvenile", .years = 3, .years_after_18 = 1};
  juvenile.needs_flag = true;
  juvenile.flag = "juvenile";
  RetentionRule acquitted{.name = "acquitted_or_discharged", .years = 7};
  acquitted.roles = {"accused", "arrested"};
  acquitted.statuses = {"acquitted", "discharged"};
  RetentionRule closed{.name = "closed_case_victims_witnesses", .erase = false, .years = 10};
  closed.roles = {"victim", "complainant", "witness"};
  closed.statuses = {"closed"};
  policy.rules = {wrongful, juvenile, acquitted, closed};
  return policy;
}

StatusOr<RetentionPolicy> ParseRetentionPolicy(std::string_view json_text,
                                               std::string_view source) {
  const FileError error{source};
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    return InvalidArgument(
        fmt::format("{}: not valid JSON (at byte {}): {}", source, e.byte, e.what()));
  }
  if (!doc.is_object()) return error("(top level)", "must be an object {\"rules\": {...}}");
  RetentionPolicy policy = DefaultRetentionPolicy();
  for (const auto& [key, value] : doc.items()) {
    if (key != "rules") return error(key, "is not a member of a retention policy (only \"rules\")");
    if (!value.is_object()) return error("rules", "must be an object keyed by rule name");
    for (const auto& [name, settings] : value.items()) {
      auto rule = std::find_if(policy.rules.begin(), policy.rules.end(),
                               [&](const RetentionRule& r) { return r.name == name; });
      if (rule == policy.rules.end()) {
        return error("rules." + name,
                     "is not a rule (wrongful_arrest, juvenile, acquitted_or_discharged, "
                     "closed_case_victims_witnesses)");
      }
      SUTRA_RETURN_IF_ERROR(ReadRule(settings, *rule, error));
    }
  }
  return policy;
}

StatusOr<RetentionPolicy> LoadRetentionPolicy(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound("cannot read the retention policy file " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return ParseRetentionPolicy(text.str(), file.string());
}

std::string_view RetentionActionName(RetentionActionKind kind) {
  return kind == RetentionActionKind::kErase ? "erase" : "pseudonymise";
}

StatusOr<std::chrono::system_clock::time_point> ParseIsoDate(std::string_view text) {
  const std::int32_t day = text.size() == 10 ? storage::DayNumber(text) : storage::kNoDay;
  if (day == storage::kNoDay) {
    return InvalidArgument("'" + std::string(text) + "' is not a date YYYY-MM-DD");
  }
  return std::chrono::system_clock::time_point{std::chrono::sys_days{std::chrono::days{day}}};
}

StatusOr<RetentionPlan> PlanRetention(const storage::ReadTxn& txn, const RetentionPolicy& policy,
                                      std::chrono::system_clock::time_point now) {
  const std::int32_t today = DayOf(now);
  std::map<NodeId, CaseFacts> cases;
  std::vector<RecordFacts> records;
  SUTRA_RETURN_IF_ERROR(txn.ForEachNode([&](const storage::Node& node) {
    if (node.type == NodeType::kCase) {
      cases[node.id] = {
          storage::DayNumber(storage::GetString(node.properties, "registered_on").value_or("")),
          NormaliseStatus(storage::GetString(node.properties, "status").value_or(""))};
    } else if (node.type == NodeType::kPersonRecord) {
      RecordFacts r;
      r.id = node.id;
      for (std::string_view key : kPlanningKeys) {
        if (auto it = node.properties.find(key); it != node.properties.end()) r.props.insert(*it);
      }
      r.record_id = storage::GetString(r.props, "record_id").value_or("");
      records.push_back(std::move(r));
    }
    return true;
  }));

  RetentionPlan plan;
  for (RecordFacts& record : records) {
    ++plan.records_examined;
    SUTRA_RETURN_IF_ERROR(
        txn.ForEachNeighbor(record.id, {.type = std::nullopt, .direction = Direction::kOut},
                            [&](const storage::Neighbor& n) {
                              if (std::string_view role = RoleWord(n.type); !role.empty()) {
                                record.roles.emplace_back(role, n.node);
                              }
                              return true;
                            }));
    const bool dated = std::any_of(record.roles.begin(), record.roles.end(), [&](const auto& r) {
      auto it = cases.find(r.second);
      return it != cases.end() && it->second.day != storage::kNoDay;
    });
    if (!dated) {
      ++plan.undated;
      continue;
    }
    const RetentionRule* chosen = nullptr;
    std::int32_t chosen_due = 0;
    for (const RetentionRule& rule : policy.rules) {
      if (!rule.enabled) continue;
      if (rule.needs_flag && !Flagged(record.props, rule.flag)) continue;
      if (!rule.erase && Flagged(record.props, "pseudonymised")) continue;
      const std::int32_t due = DueDay(rule, record, cases);
      if (due == storage::kNoDay || due > today) continue;
      // Erasure wins over pseudonymisation; among rules of one kind the earliest due.
      const bool better = chosen == nullptr || (rule.erase && !chosen->erase) ||
                          (rule.erase == chosen->erase && due < chosen_due);
      if (better) chosen = &rule, chosen_due = due;
    }
    if (chosen == nullptr) continue;
    plan.actions.push_back(
        {record.id, record.record_id,
         chosen->erase ? RetentionActionKind::kErase : RetentionActionKind::kPseudonymise,
         chosen->name, IsoDay(chosen_due)});
  }
  return plan;
}

StatusOr<RetentionReport> ApplyRetention(storage::GraphStore& store, AuditLog& audit,
                                         const Principal& actor, const RetentionPolicy& policy,
                                         std::chrono::system_clock::time_point now, bool dry_run) {
  RetentionReport report;
  report.dry_run = dry_run;
  report.as_of = IsoDay(DayOf(now));
  auto summary = [&]() {
    AuditRecord entry = ActorEntry(actor, "retention", "retention");
    entry.parameters = {{"dry_run", dry_run ? "true" : "false"},
                        {"as_of", report.as_of},
                        {"policy", policy.Summary()},
                        {"records_examined", std::to_string(report.plan.records_examined)},
                        {"undated", std::to_string(report.plan.undated)}};
    for (const RuleCount& count : report.counts) {
      entry.parameters.emplace_back(count.rule + ".due", std::to_string(count.due));
      entry.parameters.emplace_back(count.rule + ".applied", std::to_string(count.applied));
    }
    return entry;
  };
  if (!MayErase(actor.role)) {
    AuditRecord entry = summary();
    entry.allowed = false;
    entry.rule = "role:" + std::string(RoleName(actor.role)) + "-may-not-erase";
    entry.reason = "only an operator, administrator or supervisor may apply retention";
    SUTRA_RETURN_IF_ERROR(audit.Append(std::move(entry)).status());
    return Status(StatusCode::kPermissionDenied,
                  std::string(RoleName(actor.role)) + " '" + actor.user +
                      "' may not apply retention: only an operator, administrator or "
                      "supervisor may");
  }
  auto count_due = [&]() {
    report.counts.clear();
    for (const RetentionRule& rule : policy.rules) {
      RuleCount count{rule.name, rule.erase ? "erase" : "pseudonymise", 0, 0};
      for (const RetentionAction& a : report.plan.actions) count.due += a.rule == rule.name;
      report.counts.push_back(count);
    }
  };

  if (dry_run) {
    SUTRA_ASSIGN_OR_RETURN(storage::ReadTxn txn, store.BeginRead());
    SUTRA_ASSIGN_OR_RETURN(report.plan, PlanRetention(txn, policy, now));
    count_due();
    SUTRA_ASSIGN_OR_RETURN(report.summary_audit_seq, audit.Append(summary()));
    return report;
  }

  SUTRA_RETURN_IF_ERROR(store.Update([&](storage::WriteTxn& w) -> Status {
    report.applied = 0;  // Update() may run this again after growing the map
    SUTRA_ASSIGN_OR_RETURN(report.plan, PlanRetention(w.reader(), policy, now));
    count_due();
    for (const RetentionAction& action : report.plan.actions) {
      const std::string reason = "retention:" + action.rule;
      if (action.action == RetentionActionKind::kErase) {
        SUTRA_RETURN_IF_ERROR(
            EraseRecordIn(w, audit, actor, action.record, reason, "retention").status());
      } else {
        SUTRA_RETURN_IF_ERROR(
            PseudonymiseRecordIn(w, audit, actor, action.record, reason, "retention").status());
      }
      ++report.applied;
      for (RuleCount& count : report.counts) count.applied += count.rule == action.rule;
    }
    SUTRA_ASSIGN_OR_RETURN(report.summary_audit_seq, audit.AppendIn(w, summary()));
    return Status::Ok();
  }));
  return report;
}

}  // namespace sutra::engine::policy
