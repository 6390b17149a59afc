#include "algorithms/er/comparison.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>

#include "algorithms/er/similarity.h"

namespace sutra::algorithms::er {
namespace {

constexpr std::string_view kMissingName = "missing";
constexpr std::size_t kPhoneDigits = 10;

constexpr std::array<std::string_view, 5> kNameLevelNames = {"exact", "jw>=0.94", "jw>=0.88",
                                                             "tokens>=0.80", "different"};
constexpr std::array<std::string_view, 4> kBirthLevelNames = {"same_year", "within_1", "within_3",
                                                              "different"};
constexpr std::array<std::string_view, 2> kEqualLevelNames = {"equal", "different"};
constexpr std::array<std::string_view, 4> kAddressLevelNames = {"contained", "half", "some",
                                                                "none"};

struct FieldInfo {
  std::string_view name;
  const std::string_view* level_names;
  std::size_t level_count;
  Level tf_level;
};

template <std::size_t N>
constexpr FieldInfo Info(std::string_view name, const std::array<std::string_view, N>& levels,
                         Level tf_level) {
  return {name, levels.data(), N, tf_level};
}

// Indexed by ErField.
constexpr std::array<FieldInfo, kErFieldCount> kFields = {
    Info("name", kNameLevelNames, AsLevel(NameLevel::kExact)),
    Info("father", kNameLevelNames, AsLevel(NameLevel::kExact)),
    Info("birth", kBirthLevelNames, kMissingLevel),
    Info("phone", kEqualLevelNames, AsLevel(PhoneLevel::kEqual)),
    Info("address", kAddressLevelNames, kMissingLevel),
    Info("identifier", kEqualLevelNames, AsLevel(IdentifierLevel::kEqual)),
};

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) {
    if (token.empty()) continue;
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string JoinSorted(std::vector<std::string> tokens) {
  std::sort(tokens.begin(), tokens.end());
  return Join(tokens);
}

std::string PhoneDigits(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.size() > kPhoneDigits) digits.erase(0, digits.size() - kPhoneDigits);
  return digits;
}

std::string BirthText(const BirthInfo& birth) {
  if (birth.birth_year) return std::to_string(*birth.birth_year);
  if (birth.age && birth.reference_year) {
    return std::to_string(*birth.reference_year - *birth.age) + " (age " +
           std::to_string(*birth.age) + " in " + std::to_string(*birth.reference_year) + ")";
  }
  return "";
}

FieldComparison Make(ErField field, Level level, std::string left, std::string right) {
  FieldComparison c;
  c.field = field;
  c.level = level;
  c.level_name = ErLevelName(field, level);
  c.left = std::move(left);
  c.right = std::move(right);
  return c;
}

FieldComparison CompareNames(ErField field, const std::vector<std::string>& a,
                             const std::vector<std::string>& b) {
  std::string left = Join(a);
  std::string right = Join(b);
  if (left.empty() || right.empty()) return Make(field, kMissingLevel, left, right);
  const std::string sorted_left = JoinSorted(a);
  const std::string sorted_right = JoinSorted(b);
  NameLevel level = NameLevel::kDifferent;
  std::string tf_key;
  if (sorted_left == sorted_right) {
    level = NameLevel::kExact;
    tf_key = sorted_left;
  } else {
    const double jw = std::max(JaroWinkler(left, right), JaroWinkler(sorted_left, sorted_right));
    if (jw >= kJaroWinklerHigh) {
      level = NameLevel::kJaroWinkler94;
    } else if (jw >= kJaroWinklerLow) {
      level = NameLevel::kJaroWinkler88;
    } else if (TokenSetSimilarity(a, b) >= kTokenSetThreshold) {
      level = NameLevel::kTokenSet80;
    }
  }
  FieldComparison c = Make(field, AsLevel(level), std::move(left), std::move(right));
  c.tf_key = std::move(tf_key);
  return c;
}

FieldComparison CompareBirth(const BirthInfo& a, const BirthInfo& b) {
  const std::optional<int> ya = DerivedBirthYear(a);
  const std::optional<int> yb = DerivedBirthYear(b);
  if (!ya || !yb) return Make(ErField::kBirth, kMissingLevel, BirthText(a), BirthText(b));
  const int gap = std::abs(*ya - *yb);
  BirthLevel level = BirthLevel::kDifferent;
  if (gap == 0) {
    level = BirthLevel::kSameYear;
  } else if (gap == 1) {
    level = BirthLevel::kWithin1;
  } else if (gap <= 3) {
    level = BirthLevel::kWithin3;
  }
  return Make(ErField::kBirth, AsLevel(level), BirthText(a), BirthText(b));
}

FieldComparison CompareExact(ErField field, std::string left, std::string right, Level equal,
                             Level different) {
  if (left.empty() || right.empty()) return Make(field, kMissingLevel, left, right);
  const bool same = left == right;
  FieldComparison c = Make(field, same ? equal : different, left, right);
  if (same) c.tf_key = std::move(left);
  return c;
}

FieldComparison CompareAddress(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  std::set<std::string> sa(a.begin(), a.end());
  std::set<std::string> sb(b.begin(), b.end());
  sa.erase("");
  sb.erase("");
  if (sa.empty() || sb.empty()) return Make(ErField::kAddress, kMissingLevel, Join(a), Join(b));
  std::size_t shared = 0;
  for (const std::string& token : sa) shared += sb.count(token);
  const std::size_t smaller = std::min(sa.size(), sb.size());
  AddressLevel level = AddressLevel::kNone;
  if (shared == smaller) {
    level = AddressLevel::kContained;
  } else if (2 * shared >= smaller) {
    level = AddressLevel::kHalf;
  } else if (shared > 0) {
    level = AddressLevel::kSome;
  }
  return Make(ErField::kAddress, AsLevel(level), Join(a), Join(b));
}

}  // namespace

std::optional<int> DerivedBirthYear(const BirthInfo& birth) {
  if (birth.birth_year) return birth.birth_year;
  if (birth.age && birth.reference_year) return *birth.reference_year - *birth.age;
  return std::nullopt;
}

std::vector<FieldComparison> Compare(const ErRecord& left, const ErRecord& right) {
  std::vector<FieldComparison> out;
  out.reserve(kErFieldCount);
  out.push_back(CompareNames(ErField::kName, left.name_tokens, right.name_tokens));
  out.push_back(CompareNames(ErField::kFather, left.father_tokens, right.father_tokens));
  out.push_back(CompareBirth(left.birth, right.birth));
  out.push_back(CompareExact(ErField::kPhone, PhoneDigits(left.phone), PhoneDigits(right.phone),
                             AsLevel(PhoneLevel::kEqual), AsLevel(PhoneLevel::kDifferent)));
  out.push_back(CompareAddress(left.address_tokens, right.address_tokens));
  out.push_back(CompareExact(ErField::kIdentifier, left.identifier, right.identifier,
                             AsLevel(IdentifierLevel::kEqual),
                             AsLevel(IdentifierLevel::kDifferent)));
  return out;
}

LevelVector Levels(const std::vector<FieldComparison>& comparisons) {
  LevelVector levels;
  levels.reserve(comparisons.size());
  for (const FieldComparison& c : comparisons) levels.push_back(c.level);
  return levels;
}

std::vector<FieldSpec> ErFieldSpecs() {
  std::vector<FieldSpec> specs;
  for (const FieldInfo& info : kFields) {
    FieldSpec spec;
    spec.name = std::string(info.name);
    for (std::size_t l = 0; l < info.level_count; ++l) {
      spec.level_names.emplace_back(info.level_names[l]);
    }
    spec.tf_level = info.tf_level;
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::string_view ErFieldName(ErField field) { return kFields[static_cast<int>(field)].name; }

std::string_view ErLevelName(ErField field, Level level) {
  const FieldInfo& info = kFields[static_cast<int>(field)];
  if (level < 0 || static_cast<std::size_t>(level) >= info.level_count) return kMissingName;
  return info.level_names[level];
}

std::string TfKey(const ErRecord& record, ErField field) {
  switch (field) {
    case ErField::kName:
      return JoinSorted(record.name_tokens);
    case ErField::kFather:
      return JoinSorted(record.father_tokens);
    case ErField::kPhone:
      return PhoneDigits(record.phone);
    case ErField::kIdentifier:
      return record.identifier;
    case ErField::kBirth:
    case ErField::kAddress:
      return "";
  }
  return "";
}

}  // namespace sutra::algorithms::er
