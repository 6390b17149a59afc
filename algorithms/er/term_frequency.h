// Value frequencies for the term-frequency adjustment of the Fellegi–Sunter model.
//
// A ValueFrequencies table counts how many records carry each value of one field (in the TfKey
// form); Frequency(v) is count(v) / records counted. TfFrequencies turns a pair's comparisons into
// the per-field frequencies FellegiSunterModel::Score reads: only fields at their exact level get
// a frequency. Counts are built once per population and then read; const methods are safe to
// call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "algorithms/er/comparison.h"

namespace sutra::algorithms::er {

class ValueFrequencies {
 public:
  // Counts one record's value; empty values (the record lacks the field) are not counted.
  void Add(std::string_view value);

  // The share of counted records that carry `value`, or nullopt when nothing was counted or the
  // value was never seen (the caller then falls back to the field's average u).
  std::optional<double> Frequency(std::string_view value) const;

  std::uint64_t total() const { return total_; }

 private:
  std::unordered_map<std::string, std::uint64_t> counts_;
  std::uint64_t total_ = 0;
};

// One table per ErField, filled from the records of a population; a record whose every
// term-frequency key (TfKey) and derived birth year repeat an earlier record's is counted once,
// so that a value's frequency follows how many people hold it more than how often one person
// was recorded.
std::vector<ValueFrequencies> CountValues(const std::vector<ErRecord>& records);

// Per field, the frequency of the agreed value when the comparison has a tf_key, else nullopt.
// `tables` is indexed by ErField, as CountValues makes it.
std::vector<std::optional<double>> TfFrequencies(const std::vector<FieldComparison>& comparisons,
                                                 const std::vector<ValueFrequencies>& tables);

}  // namespace sutra::algorithms::er
