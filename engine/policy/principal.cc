#include "engine/policy/principal.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sutra::engine::policy {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleNames{{
    {Role::kInvestigator, "investigator"},
    {Role::kAnalyst, "analyst"},
    {Role::kSupervisor, "supervisor"},
    {Role::kAuditor, "auditor"},
    {Role::kAdministrator, "administrator"},
    {Role::kOperator, "operator"},
}};

constexpr std::array<std::pair<JurisdictionLevel, std::string_view>, 3> kLevelNames{{
    {JurisdictionLevel::kStation, "station"},
    {JurisdictionLevel::kDistrict, "district"},
    {JurisdictionLevel::kState, "state"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [value, text] : kRoleNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string JurisdictionText(const Jurisdiction& jurisdiction) {
  if (jurisdiction.level == JurisdictionLevel::kNational) return "national";
  for (const auto& [level, name] : kLevelNames) {
    if (level == jurisdiction.level) return std::string(name) + ":" + jurisdiction.code;
  }
  return "unknown";
}

std::optional<Jurisdiction> ParseJurisdiction(std::string_view text) {
  if (text == "national") return Jurisdiction{JurisdictionLevel::kNational, ""};
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon + 1 == text.size()) return std::nullopt;
  const std::string_view level = text.substr(0, colon);
  for (const auto& [value, name] : kLevelNames) {
    if (name == level) return Jurisdiction{value, std::string(text.substr(colon + 1))};
  }
  return std::nullopt;
}

}  // namespace sutra::engine::policy
