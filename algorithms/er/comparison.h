// Field comparison: how two person records agree, field by field, as small integer levels.
//
// The record type is generic on purpose: any source (FIR accused, arrest memo, a case diary)
// maps its columns into ErRecord, with tokens already normalised by the name normaliser. Compare
// yields one FieldComparison per field in ErField order; the levels feed the Fellegi–Sunter model
// and the values and level names feed explanations ("father: exact (ramesh / ramesh)").
// Level 0 of each field is its strongest agreement; kMissingLevel means either side lacks it.
// All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/er/levels.h"

namespace sutra::algorithms::er {

// What a record says about when the person was born. A full date of birth is reduced to its
// year by the caller; an age is only meaningful with the year it was recorded in.
struct BirthInfo {
  std::optional<int> birth_year;
  std::optional<int> age;
  std::optional<int> reference_year;  // the year `age` was stated (usually the FIR's year)
};

// The birth year a record implies: birth_year if present, else reference_year - age. An age
// makes the year uncertain by one (the birthday may not have passed); the levels allow for that.
std::optional<int> DerivedBirthYear(const BirthInfo& birth);

struct ErRecord {
  std::string id;
  std::vector<std::string> name_tokens;
  std::vector<std::string> father_tokens;  // father's or husband's name
  BirthInfo birth;
  std::string phone;  // any punctuation; the last ten digits are compared
  std::vector<std::string> address_tokens;
  std::string identifier;  // an identity number of one agreed kind, compared exactly
};

enum class ErField : int { kName = 0, kFather, kBirth, kPhone, kAddress, kIdentifier };
inline constexpr int kErFieldCount = 6;

// Levels per field, strongest agreement first. Names and fathers' names share NameLevel.
enum class NameLevel : Level {
  kExact = 0,      // the same tokens, in any order
  kJaroWinkler94,  // JW of the joined tokens >= 0.94 (as written or with tokens sorted)
  kJaroWinkler88,  // the same at >= 0.88
  kTokenSet80,     // TokenSetSimilarity >= 0.80 (initials, reordered or missing parts)
  kDifferent,
};
enum class BirthLevel : Level { kSameYear = 0, kWithin1, kWithin3, kDifferent };
enum class PhoneLevel : Level { kEqual = 0, kDifferent };
enum class AddressLevel : Level {
  kContained = 0,  // every distinct token of the shorter address is in the other
  kHalf,           // at least half of them are
  kSome,           // at least one is
  kNone,
};
enum class IdentifierLevel : Level { kEqual = 0, kDifferent };

template <typename LevelEnum>
constexpr Level AsLevel(LevelEnum level) {
  return static_cast<Level>(level);
}

inline constexpr double kJaroWinklerHigh = 0.94;
inline constexpr double kJaroWinklerLow = 0.88;
inline constexpr double kTokenSetThreshold = 0.80;

struct FieldComparison {
  ErField field = ErField::kName;
  Level level = kMissingLevel;
  std::string_view level_name;  // static text, valid for the life of the program
  std::string left;             // the compared values as shown to a person
  std::string right;
  // For the field's exact-agreement level (FieldSpec::tf_level), the agreed value in the form
  // the value-frequency table counts (see TfKey); empty at every other level.
  std::string tf_key;
};

// Compares two records, one entry per field in ErField order.
std::vector<FieldComparison> Compare(const ErRecord& left, const ErRecord& right);

// The level vector of a comparison, for the model.
LevelVector Levels(const std::vector<FieldComparison>& comparisons);

// Field names and level names in ErField order, with the exact levels that take term-frequency
// adjustment (name, father, phone, identifier).
std::vector<FieldSpec> ErFieldSpecs();
std::string_view ErFieldName(ErField field);
std::string_view ErLevelName(ErField field, Level level);  // "missing" for kMissingLevel

// The value of `field` in the form a value-frequency table counts: the sorted tokens joined by
// spaces for names, the last ten digits of the phone, the identifier; empty when the record lacks
// it or the field takes no term-frequency adjustment.
std::string TfKey(const ErRecord& record, ErField field);

}  // namespace sutra::algorithms::er
