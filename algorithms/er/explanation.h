// Explanation: why the model scored a pair as it did, field by field, in a form that outlives
// the model (owned strings) for the CLI, the RPC layer and the SAME_AS edges.
#pragma once

#include <string>
#include <vector>

#include "algorithms/er/comparison.h"
#include "algorithms/er/fellegi_sunter.h"

namespace sutra::algorithms::er {

struct FieldExplanation {
  std::string field;         // "name", "father", ...
  std::string level;         // "exact", "jw94", "missing", ...
  std::string left, right;   // the compared values as shown to a person ("" when absent)
  double m = 0, u = 0;       // 0 when missing
  double weight = 0;         // log2(m / u); 0 when missing
  bool tf_adjusted = false;  // u came from the agreed value's frequency
};

struct Explanation {
  std::vector<FieldExplanation> fields;  // in ErField order
  double prior_weight = 0;
  double match_weight = 0;
  double probability = 0;
};

// Joins a score and the comparisons it came from (both in ErField order, as Compare and
// FellegiSunterModel::Score give them).
Explanation Explain(const Weights& weights, const std::vector<FieldComparison>& comparisons);

// One line for storage and logs: "name exact +7.91; father jw94 +4.10; birth missing 0; ...;
// prior -9.97 => 0.9981". Fields are in ErField order; weights have two decimals.
std::string ExplanationLine(const Explanation& explanation);

}  // namespace sutra::algorithms::er
