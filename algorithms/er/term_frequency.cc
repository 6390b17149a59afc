#include "algorithms/er/term_frequency.h"

#include <unordered_set>

namespace sutra::algorithms::er {

void ValueFrequencies::Add(std::string_view value) {
  if (value.empty()) return;
  ++counts_[std::string(value)];
  ++total_;
}

std::optional<double> ValueFrequencies::Frequency(std::string_view value) const {
  if (total_ == 0) return std::nullopt;
  // TODO(perf): a transparent hash would spare this copy.
  const auto found = counts_.find(std::string(value));
  if (found == counts_.end()) return std::nullopt;
  return static_cast<double>(found->second) / static_cast<double>(total_);
}

std::vector<ValueFrequencies> CountValues(const std::vector<ErRecord>& records) {
  std::vector<ValueFrequencies> tables(kErFieldCount);
  // A record that repeats another in every identifying field (a person named again the same
  // way in another case) adds no new holder of its values: counting it again would make the
  // names of people with many records look common.
  std::unordered_set<std::string> seen;
  std::string signature;
  for (const ErRecord& record : records) {
    signature.clear();
    for (int k = 0; k < kErFieldCount; ++k) {
      signature += TfKey(record, static_cast<ErField>(k));
      signature += '\x1f';
    }
    if (const std::optional<int> year = DerivedBirthYear(record.birth)) {
      signature += std::to_string(*year);
    }
    if (!seen.insert(signature).second) continue;
    for (int k = 0; k < kErFieldCount; ++k) tables[k].Add(TfKey(record, static_cast<ErField>(k)));
  }
  return tables;
}

std::vector<std::optional<double>> TfFrequencies(const std::vector<FieldComparison>& comparisons,
                                                 const std::vector<ValueFrequencies>& tables) {
  std::vector<std::optional<double>> out(comparisons.size());
  for (std::size_t k = 0; k < comparisons.size(); ++k) {
    const FieldComparison& c = comparisons[k];
    const auto field = static_cast<std::size_t>(c.field);
    if (c.tf_key.empty() || field >= tables.size()) continue;
    out[k] = tables[field].Frequency(c.tf_key);
  }
  return out;
}

}  // namespace sutra::algorithms::er
