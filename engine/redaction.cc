#include "engine/redaction.h"

#include <algorithm>
#include <array>

#include "algorithms/csr_graph.h"

namespace sutra::engine {
namespace {

constexpr std::array<std::string_view, 11> kIdentityKeys{
    "name", "alias",      "relative_name", "relation", "phone",      "address",
    "age",  "birth_year", "date_of_birth", "gender",   "identifiers"};

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

}  // namespace

bool IsIdentityProperty(std::string_view key) {
  return std::find(kIdentityKeys.begin(), kIdentityKeys.end(), key) != kIdentityKeys.end();
}

std::vector<std::string> ProtectionFlagNames(std::uint8_t bits) {
  std::vector<std::string> names;
  if (bits & algorithms::kAcquitted) names.emplace_back("acquitted");
  if (bits & algorithms::kDischarged) names.emplace_back("discharged");
  if (bits & algorithms::kWrongfulArrest) names.emplace_back("wrongful_arrest");
  if (bits & algorithms::kJuvenile) names.emplace_back("juvenile");
  if (bits & algorithms::kSexualOffenceVictim) names.emplace_back("sexual_offence_victim");
  return names;
}

AnswerNode Present(storage::Node node, const NodePresentation& how) {
  AnswerNode answer;
  answer.flags = ProtectionFlagNames(how.protection);
  if (how.disclosure != policy::Disclosure::kFull) {
    node.properties.clear();
    node.properties.emplace("holding_stations", Join(how.holding_stations, ";"));
    answer.flags.emplace_back("hit-only");
    answer.node = std::move(node);
    return answer;
  }
  const bool person =
      node.type == storage::NodeType::kPersonRecord || node.type == storage::NodeType::kPerson;
  std::vector<std::string> withheld;
  if (person && (how.protection & algorithms::kJuvenile) && !how.reveal_juvenile) {
    withheld.emplace_back("juvenile");
  }
  if (person && (how.protection & algorithms::kSexualOffenceVictim) && !how.reveal_victim) {
    withheld.emplace_back("sexual_offence_victim");
  }
  if (!withheld.empty()) {
    std::erase_if(node.properties,
                  [](const auto& entry) { return IsIdentityProperty(entry.first); });
    std::string why = "identity withheld (" + Join(withheld, ", ") + "); state the need";
    why += (how.protection & algorithms::kJuvenile) && !how.reveal_juvenile ? " 'juvenile'" : "";
    why += (how.protection & algorithms::kSexualOffenceVictim) && !how.reveal_victim
               ? " 'victim-identity'"
               : "";
    node.properties.emplace("redacted", why);
    for (const auto& fact : withheld) answer.flags.push_back(fact + ":redacted");
  }
  answer.node = std::move(node);
  return answer;
}

}  // namespace sutra::engine
