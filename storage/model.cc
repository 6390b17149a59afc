#include "storage/model.h"

#include <array>
#include <chrono>
#include <utility>

namespace sutra::storage {
namespace {

constexpr std::array<std::pair<NodeType, std::string_view>, 7> kNodeNames = {{
    {NodeType::kCase, "Case"},
    {NodeType::kPersonRecord, "PersonRecord"},
    {NodeType::kPerson, "Person"},
    {NodeType::kVehicle, "Vehicle"},
    {NodeType::kPhone, "Phone"},
    {NodeType::kLocation, "Location"},
    {NodeType::kStation, "Station"},
}};

constexpr std::array<std::pair<EdgeType, std::string_view>, 15> kEdgeNames = {{
    {EdgeType::kAccusedIn, "ACCUSED_IN"},
    {EdgeType::kVictimIn, "VICTIM_IN"},
    {EdgeType::kComplainantIn, "COMPLAINANT_IN"},
    {EdgeType::kWitnessIn, "WITNESS_IN"},
    {EdgeType::kArrestedIn, "ARRESTED_IN"},
    {EdgeType::kSameAs, "SAME_AS"},
    {EdgeType::kUses, "USES"},
    {EdgeType::kOwns, "OWNS"},
    {EdgeType::kDrove, "DROVE"},
    {EdgeType::kResidesAt, "RESIDES_AT"},
    {EdgeType::kOccurredAt, "OCCURRED_AT"},
    {EdgeType::kRegisteredAt, "REGISTERED_AT"},
    {EdgeType::kSeizedIn, "SEIZED_IN"},
    {EdgeType::kUsedIn, "USED_IN"},
    {EdgeType::kCalled, "CALLED"},
}};

constexpr std::array<std::pair<std::string_view, EdgeType>, 5> kRoles = {{
    {"accused", EdgeType::kAccusedIn},
    {"victim", EdgeType::kVictimIn},
    {"complainant", EdgeType::kComplainantIn},
    {"witness", EdgeType::kWitnessIn},
    {"arrested", EdgeType::kArrestedIn},
}};

// The property that labels each node type on a chart.
std::string_view LabelProperty(NodeType type) {
  switch (type) {
    case NodeType::kCase:
      return "fir_number";
    case NodeType::kPersonRecord:
    case NodeType::kPerson:
      return "name";
    case NodeType::kVehicle:
      return "registration";
    case NodeType::kPhone:
      return "number";
    case NodeType::kLocation:
      return "address";
    case NodeType::kStation:
      return "name";
  }
  return "name";
}

}  // namespace

std::string_view NodeTypeName(NodeType type) {
  for (const auto& [t, name] : kNodeNames) {
    if (t == type) return name;
  }
  return "Unknown";
}

std::optional<NodeType> ParseNodeType(std::string_view name) {
  for (const auto& [t, n] : kNodeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view EdgeTypeName(EdgeType type) {
  for (const auto& [t, name] : kEdgeNames) {
    if (t == type) return name;
  }
  return "UNKNOWN";
}

std::optional<EdgeType> ParseEdgeType(std::string_view name) {
  for (const auto& [t, n] : kEdgeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::optional<EdgeType> RoleEdgeType(std::string_view role) {
  for (const auto& [r, t] : kRoles) {
    if (r == role) return t;
  }
  return std::nullopt;
}

std::string ValueToString(const Value& value) {
  struct Visitor {
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const {
      std::string s = std::to_string(v);
      // std::to_string prints six decimals; trim trailing zeros but keep one digit after '.'.
      while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
      return s;
    }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& v) const { return v; }
  };
  return std::visit(Visitor{}, value);
}

std::string DisplayLabel(const Node& node) {
  if (auto label = GetString(node.properties, LabelProperty(node.type)); label && !label->empty()) {
    return *label;
  }
  return std::string(NodeTypeName(node.type)) + " " + std::to_string(node.id);
}

std::vector<std::string> ProtectionFlags(const Node& node) {
  std::vector<std::string> flags;
  if (node.type == NodeType::kCase) {
    auto status = GetString(node.properties, "status");
    if (status == "acquitted" || status == "discharged") flags.push_back(*status);
  }
  for (const char* flag : {"wrongful_arrest", "juvenile", "sexual_offence_victim"}) {
    auto it = node.properties.find(flag);
    if (it != node.properties.end() && it->second == Value(true)) flags.emplace_back(flag);
  }
  return flags;
}

std::int32_t DayNumber(std::string_view date) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return kNoDay;
  auto digits = [&](std::size_t at, std::size_t n, auto& out) {
    for (std::size_t i = at; i < at + n; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      out = out * 10 + (date[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return kNoDay;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return kNoDay;
  return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

NodeFacts FactsOfNode(NodeType type, const Properties& properties) {
  NodeFacts facts{type, 0, kNoDay};
  if (type != NodeType::kCase && type != NodeType::kPersonRecord) return facts;
  auto yes = [&](std::string_view key) {
    auto it = properties.find(key);
    return it != properties.end() && it->second == Value(true);
  };
  if (type == NodeType::kCase) {
    facts.day = DayNumber(GetString(properties, "registered_on").value_or(""));
    const auto status = GetString(properties, "status");
    if (status == "acquitted") facts.protection |= kAcquittedBit;
    if (status == "discharged") facts.protection |= kDischargedBit;
  }
  if (yes("wrongful_arrest")) facts.protection |= kWrongfulArrestBit;
  if (yes("juvenile")) facts.protection |= kJuvenileBit;
  if (yes("sexual_offence_victim")) facts.protection |= kSexualOffenceVictimBit;
  return facts;
}

std::optional<std::string> GetString(const Properties& props, std::string_view key) {
  auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return std::nullopt;
}

std::optional<std::int64_t> GetInt(const Properties& props, std::string_view key) {
  auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(&it->second)) return *i;
  return std::nullopt;
}

}  // namespace sutra::storage
