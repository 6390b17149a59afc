// Comparison levels: the vocabulary shared by field comparison and the Fellegi–Sunter model.
//
// A pair of records is compared field by field; each field yields a small integer level.
// Convention used throughout entity resolution: level 0 is the strongest agreement, higher levels
// agree less, the last level is plain disagreement, and kMissingLevel (-1) means at least one
// record lacks the field. Missing is not a level of the model: it carries no evidence either way.
#pragma once

#include <string>
#include <vector>

namespace sutra::algorithms::er {

using Level = int;
inline constexpr Level kMissingLevel = -1;

// One level per field, in the field order of the model that reads it.
using LevelVector = std::vector<Level>;

// What a model needs to know about a field: its name and the names of its levels, both single
// words without white space (they appear in explanations and in the model's text form).
struct FieldSpec {
  std::string name;
  std::vector<std::string> level_names;  // index = level; at least two
  // The exact-agreement level whose u-probability a value's frequency may replace (term
  // frequency adjustment), or kMissingLevel when the field has none.
  Level tf_level = kMissingLevel;
  // Whether the value's frequency is read relative to the field's average (see
  // FellegiSunterModel): for fields whose values many people share, such as names, where how
  // often two different people in the candidate pairs agree on a value grows with its frequency
  // like the average does. Fields whose values are mostly one person's own (a phone) keep the
  // plain frequency.
  bool tf_relative = false;
};

}  // namespace sutra::algorithms::er
