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

// What a record says about when the person was born. A date of birth gives the year and, when
// the caller could read them, the month and day; an age is only meaningful with the year it was
// recorded in.
struct BirthInfo {
  std::optional<int> birth_year;
  std::optional<int> age;
  std::optional<int> reference_year;  // the year `age` was stated (usually the FIR's year)
  // Both set, or neither: the month and day of a full date of birth in birth_year, as written
  // (0-99: a mistyped "19973015" keeps month 30, so that a swap or slip is still seen). The
  // date levels (exact, typo, within a month) need all three.
  std::optional<int> birth_month = std::nullopt;
  std::optional<int> birth_day = std::nullopt;
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
  std::string email;       // lower case; compared with typos allowed (it is typed by hand)
};

enum class ErField : int { kName = 0, kFather, kBirth, kPhone, kAddress, kIdentifier, kEmail };
inline constexpr int kErFieldCount = 7;

// Levels per field, strongest agreement first. Names and fathers' names share NameLevel.
enum class NameLevel : Level {
  kExact = 0,      // the same tokens, in any order
  kJaroWinkler94,  // JW of the joined tokens >= 0.94 (as written or with tokens sorted)
  kJaroWinkler88,  // the same at >= 0.88
  kTokenSet80,     // TokenSetSimilarity >= 0.80 (initials, reordered or missing parts)
  kContained,      // TokenContainment >= 0.88: one side lacks name words the other has
  kDifferent,
};
// Dates are compared in full when both records have one; otherwise, and below the date levels,
// by the years alone (a year derived from an age may be one off: the birthday may not have
// passed). The ten-year level catches a mistyped decade digit.
enum class BirthLevel : Level {
  kExactDate = 0,  // the same full date
  kDateTypo,       // one digit of YYYYMMDD wrong, two adjacent digits swapped, one of year,
                   // month and day wrong, or day and month swapped
  kWithinMonth,    // full dates at most 31 days apart
  kSameYear,
  kWithin1,  // years one apart
  kWithin3,
  kWithin10,
  kDifferent,
};
// Two records whose names are different (NameLevel::kDifferent) and whose phones are equal get
// kMissingLevel for the phone: a phone that people of other names give (a household's, a police
// station's, a lawyer's) says nothing about one person, and counted as agreement it joined a
// station's officers into one person.
enum class PhoneLevel : Level { kEqual = 0, kDifferent };
// An address word counts as shared when the other address has it or, for a word without digits,
// a word with Jaro-Winkler >= kJaroWinklerHigh ("bradfofrd", "bradford"); numbers must be equal.
enum class AddressLevel : Level {
  kContained = 0,  // every distinct token of the shorter address is in the other
  kHalf,           // at least half of them are
  kSome,           // at least one is
  kNone,
};
enum class IdentifierLevel : Level { kEqual = 0, kDifferent };
enum class EmailLevel : Level {
  kExact = 0,
  kSimilar,  // Jaro-Winkler >= kJaroWinklerLow on the whole address, or on the user part and on
             // the domain alike; and the digits of the user parts at most one edit apart
             // ("lola.brown12" and "lola.brown57" are namesakes, not a typo)
  kDifferent,
};

template <typename LevelEnum>
constexpr Level AsLevel(LevelEnum level) {
  return static_cast<Level>(level);
}

inline constexpr double kJaroWinklerHigh = 0.94;
inline constexpr double kJaroWinklerLow = 0.88;
inline constexpr double kTokenSetThreshold = 0.80;
inline constexpr double kContainmentThreshold = 0.88;

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

// The forms of a record that comparison reads, computed once per record rather than once per
// pair. Holds a pointer to the record, which must outlive it.
struct PreparedRecord {
  const ErRecord* record = nullptr;
  std::string name, name_sorted;  // tokens joined by spaces; sorted first
  std::string father, father_sorted;
  std::string phone;                       // the last ten digits
  std::vector<std::string> address;        // distinct non-empty tokens, sorted
  std::vector<std::string> address_words;  // those of them that hold no digit
};
PreparedRecord Prepare(const ErRecord& record);

// The levels Compare gives (kErFieldCount of them, into `levels`), without the display text:
// the fast path for training and scoring many pairs.
void CompareLevels(const PreparedRecord& a, const PreparedRecord& b, Level* levels);

// The level vector of a comparison, for the model.
LevelVector Levels(const std::vector<FieldComparison>& comparisons);

// Field names and level names in ErField order, with the exact levels that take term-frequency
// adjustment (name, father, phone, identifier, email).
std::vector<FieldSpec> ErFieldSpecs();
std::string_view ErFieldName(ErField field);
std::string_view ErLevelName(ErField field, Level level);  // "missing" for kMissingLevel

// The value of `field` in the form a value-frequency table counts: the sorted tokens joined by
// spaces for names, the last ten digits of the phone, the identifier, the e-mail address; empty
// when the record lacks it or the field takes no term-frequency adjustment.
std::string TfKey(const ErRecord& record, ErField field);

}  // namespace sutra::algorithms::er
