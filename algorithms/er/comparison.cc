#include "algorithms/er/comparison.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>

#include "algorithms/er/similarity.h"

namespace sutra::algorithms::er {
namespace {

constexpr std::string_view kMissingName = "missing";
constexpr std::size_t kPhoneDigits = 10;

constexpr std::array<std::string_view, 6> kNameLevelNames = {
    "exact", "jw>=0.94", "jw>=0.88", "tokens>=0.80", "contained", "different"};
constexpr std::array<std::string_view, 8> kBirthLevelNames = {
    "exact_date", "date_typo", "within_month", "same_year",
    "within_1",   "within_3",  "within_10",    "different"};
constexpr std::array<std::string_view, 2> kEqualLevelNames = {"equal", "different"};
constexpr std::array<std::string_view, 4> kAddressLevelNames = {"contained", "half", "some",
                                                                "none"};
constexpr std::array<std::string_view, 3> kEmailLevelNames = {"exact", "similar", "different"};

struct FieldInfo {
  std::string_view name;
  const std::string_view* level_names;
  std::size_t level_count;
  Level tf_level;
  bool tf_relative;
};

template <std::size_t N>
constexpr FieldInfo Info(std::string_view name, const std::array<std::string_view, N>& levels,
                         Level tf_level, bool tf_relative = false) {
  return {name, levels.data(), N, tf_level, tf_relative};
}

// Indexed by ErField. Names are shared by many people, so their frequencies are read relative
// to the average; a phone, an identifier or an e-mail address is mostly one person's own.
constexpr std::array<FieldInfo, kErFieldCount> kFields = {
    Info("name", kNameLevelNames, AsLevel(NameLevel::kExact), true),
    Info("father", kNameLevelNames, AsLevel(NameLevel::kExact), true),
    Info("birth", kBirthLevelNames, kMissingLevel),
    Info("phone", kEqualLevelNames, AsLevel(PhoneLevel::kEqual)),
    Info("address", kAddressLevelNames, kMissingLevel),
    Info("identifier", kEqualLevelNames, AsLevel(IdentifierLevel::kEqual)),
    Info("email", kEmailLevelNames, AsLevel(EmailLevel::kExact)),
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

bool HasDate(const BirthInfo& birth) {
  return birth.birth_year && birth.birth_month && birth.birth_day;
}

std::string BirthText(const BirthInfo& birth) {
  if (HasDate(birth)) {
    char text[16];
    std::snprintf(text, sizeof(text), "%04d-%02d-%02d", *birth.birth_year, *birth.birth_month,
                  *birth.birth_day);
    return text;
  }
  if (birth.birth_year) return std::to_string(*birth.birth_year);
  if (birth.age && birth.reference_year) {
    return std::to_string(*birth.reference_year - *birth.age) + " (age " +
           std::to_string(*birth.age) + " in " + std::to_string(*birth.reference_year) + ")";
  }
  return "";
}

bool ValidDate(const BirthInfo& birth) {
  return *birth.birth_month >= 1 && *birth.birth_month <= 12 && *birth.birth_day >= 1 &&
         *birth.birth_day <= 31;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil); the day
// may run past the month's end, as a mistyped one does.
long DayNumber(int year, int month, int day) {
  year -= month <= 2;
  const long era = (year >= 0 ? year : year - 399) / 400;
  const long year_of_era = year - era * 400;
  const long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Whether two different 8-digit dates are one keying slip apart: one digit replaced, two
// adjacent digits swapped, one of year, month and day wrong, or day and month swapped.
bool OneSlipApart(const BirthInfo& a, const BirthInfo& b) {
  char x[16], y[16];
  std::snprintf(x, sizeof(x), "%04d%02d%02d", *a.birth_year, *a.birth_month, *a.birth_day);
  std::snprintf(y, sizeof(y), "%04d%02d%02d", *b.birth_year, *b.birth_month, *b.birth_day);
  std::vector<int> differ;
  for (int i = 0; i < 8; ++i) {
    if (x[i] != y[i]) differ.push_back(i);
  }
  if (differ.size() == 1) return true;
  if (differ.size() == 2 && differ[1] == differ[0] + 1 && x[differ[0]] == y[differ[1]] &&
      x[differ[1]] == y[differ[0]]) {
    return true;
  }
  const int components = (*a.birth_year != *b.birth_year) + (*a.birth_month != *b.birth_month) +
                         (*a.birth_day != *b.birth_day);
  if (components == 1) return true;
  return *a.birth_year == *b.birth_year && *a.birth_month == *b.birth_day &&
         *a.birth_day == *b.birth_month;
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

// The name level from both sides' tokens, joined tokens and sorted joined tokens.
NameLevel NameLevelOf(const std::vector<std::string>& a, const std::string& left,
                      const std::string& sorted_left, const std::vector<std::string>& b,
                      const std::string& right, const std::string& sorted_right) {
  if (sorted_left == sorted_right) return NameLevel::kExact;
  double jw = JaroWinklerFrom(left, right, kJaroWinklerLow);
  if (left != sorted_left || right != sorted_right) {  // else the same strings again
    jw = std::max(jw, JaroWinklerFrom(sorted_left, sorted_right, kJaroWinklerLow));
  }
  if (jw >= kJaroWinklerHigh) return NameLevel::kJaroWinkler94;
  if (jw >= kJaroWinklerLow) return NameLevel::kJaroWinkler88;
  const TokenSimilarities tokens = TokenSimilarity(a, b);
  if (tokens.set >= kTokenSetThreshold) return NameLevel::kTokenSet80;
  if (tokens.containment >= kContainmentThreshold) return NameLevel::kContained;
  return NameLevel::kDifferent;
}

// The same, kMissingLevel when a side has no name.
Level NameFieldLevel(const std::vector<std::string>& a, const std::string& left,
                     const std::string& sorted_left, const std::vector<std::string>& b,
                     const std::string& right, const std::string& sorted_right) {
  if (left.empty() || right.empty()) return kMissingLevel;
  return AsLevel(NameLevelOf(a, left, sorted_left, b, right, sorted_right));
}

FieldComparison CompareNames(ErField field, const std::vector<std::string>& a,
                             const std::vector<std::string>& b) {
  std::string left = Join(a);
  std::string right = Join(b);
  const std::string sorted_left = JoinSorted(a);
  const std::string sorted_right = JoinSorted(b);
  const Level level = NameFieldLevel(a, left, sorted_left, b, right, sorted_right);
  FieldComparison c = Make(field, level, std::move(left), std::move(right));
  if (level == AsLevel(NameLevel::kExact)) c.tf_key = sorted_left;
  return c;
}

Level BirthLevelOf(const BirthInfo& a, const BirthInfo& b) {
  const std::optional<int> ya = DerivedBirthYear(a);
  const std::optional<int> yb = DerivedBirthYear(b);
  if (!ya || !yb) return kMissingLevel;
  const int gap = std::abs(*ya - *yb);
  BirthLevel level = BirthLevel::kDifferent;
  const bool dates = HasDate(a) && HasDate(b);
  if (dates && gap == 0 && *a.birth_month == *b.birth_month && *a.birth_day == *b.birth_day) {
    level = BirthLevel::kExactDate;
  } else if (dates && OneSlipApart(a, b)) {
    level = BirthLevel::kDateTypo;
  } else if (dates && ValidDate(a) && ValidDate(b) &&
             std::abs(DayNumber(*ya, *a.birth_month, *a.birth_day) -
                      DayNumber(*yb, *b.birth_month, *b.birth_day)) <= 31) {
    level = BirthLevel::kWithinMonth;
  } else if (gap == 0) {
    level = BirthLevel::kSameYear;
  } else if (gap == 1) {
    level = BirthLevel::kWithin1;
  } else if (gap <= 3) {
    level = BirthLevel::kWithin3;
  } else if (gap <= 10) {
    level = BirthLevel::kWithin10;
  }
  return AsLevel(level);
}

FieldComparison CompareBirth(const BirthInfo& a, const BirthInfo& b) {
  return Make(ErField::kBirth, BirthLevelOf(a, b), BirthText(a), BirthText(b));
}

// The user part and the domain of an address; the domain is empty without an '@'.
std::pair<std::string_view, std::string_view> SplitEmail(std::string_view email) {
  const std::size_t at = email.rfind('@');
  if (at == std::string_view::npos) return {email, {}};
  return {email.substr(0, at), email.substr(at + 1)};
}

std::string DigitsOf(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

// Whether two digit strings are at most one insertion, deletion or substitution apart.
bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + (i < a.size())) == b.substr(i + (i < b.size()));
  return a.substr(i) == b.substr(i + 1);
}

Level EmailLevelOf(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return kMissingLevel;
  EmailLevel level = EmailLevel::kDifferent;
  if (a == b) {
    level = EmailLevel::kExact;
  } else {
    const auto [user_a, domain_a] = SplitEmail(a);
    const auto [user_b, domain_b] = SplitEmail(b);
    // The numbers people add to a name ("lola.brown12", "lola.brown57") tell namesakes
    // apart: more than one slip in them is a different address however alike the rest is.
    const std::string digits_a = DigitsOf(user_a), digits_b = DigitsOf(user_b);
    const bool numbers_agree =
        digits_a.empty() || digits_b.empty() || WithinOneEdit(digits_a, digits_b);
    if (numbers_agree && (JaroWinkler(a, b) >= kJaroWinklerLow ||
                          (JaroWinkler(user_a, user_b) >= kJaroWinklerLow &&
                           JaroWinkler(domain_a, domain_b) >= kJaroWinklerLow))) {
      level = EmailLevel::kSimilar;
    }
  }
  return AsLevel(level);
}

FieldComparison CompareEmail(const std::string& a, const std::string& b) {
  FieldComparison c = Make(ErField::kEmail, EmailLevelOf(a, b), a, b);
  if (c.level == AsLevel(EmailLevel::kExact)) c.tf_key = a;
  return c;
}

Level ExactLevelOf(const std::string& left, const std::string& right, Level equal,
                   Level different) {
  if (left.empty() || right.empty()) return kMissingLevel;
  return left == right ? equal : different;
}

FieldComparison CompareExact(ErField field, std::string left, std::string right, Level equal,
                             Level different) {
  const Level level = ExactLevelOf(left, right, equal, different);
  FieldComparison c = Make(field, level, left, right);
  if (level == equal) c.tf_key = std::move(left);
  return c;
}

// The phone level given the name level: a phone two records of different names share (a
// household's, a station's, a lawyer's) is not compared.
Level PhoneFieldLevel(Level name_level, const std::string& left, const std::string& right) {
  const Level level =
      ExactLevelOf(left, right, AsLevel(PhoneLevel::kEqual), AsLevel(PhoneLevel::kDifferent));
  if (level == AsLevel(PhoneLevel::kEqual) && name_level == AsLevel(NameLevel::kDifferent)) {
    return kMissingLevel;
  }
  return level;
}

FieldComparison ComparePhone(Level name_level, std::string left, std::string right) {
  const Level level = PhoneFieldLevel(name_level, left, right);
  FieldComparison c = Make(ErField::kPhone, level, left, right);
  if (level == AsLevel(PhoneLevel::kEqual)) c.tf_key = std::move(left);
  return c;
}

bool IsNumber(const std::string& token) {
  return std::any_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `tokens` without empty ones and repeats, sorted.
std::vector<std::string> DistinctTokens(const std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (const std::string& t : tokens) {
    if (!t.empty()) out.push_back(t);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The tokens of DistinctTokens() that are not numbers.
std::vector<std::string> WordTokens(const std::vector<std::string>& distinct) {
  std::vector<std::string> out;
  for (const std::string& t : distinct) {
    if (!IsNumber(t)) out.push_back(t);
  }
  return out;
}

// The address level from both sides' DistinctTokens and their WordTokens.
Level AddressLevelOf(const std::vector<std::string>& a, const std::vector<std::string>& a_words,
                     const std::vector<std::string>& b, const std::vector<std::string>& b_words) {
  if (a.empty() || b.empty()) return kMissingLevel;
  const bool a_smaller = a.size() <= b.size();
  const std::vector<std::string>& sa = a_smaller ? a : b;  // the smaller set
  const std::vector<std::string>& sb = a_smaller ? b : a;
  const std::vector<std::string>& sb_words = a_smaller ? b_words : a_words;
  std::size_t shared = 0;
  for (const std::string& token : sa) {
    if (std::binary_search(sb.begin(), sb.end(), token)) {
      ++shared;
    } else if (!IsNumber(token)) {
      // A misspelt word ("bradfofrd") still counts; numbers (house, postcode) must be exact.
      shared += std::any_of(sb_words.begin(), sb_words.end(), [&](const std::string& other) {
        return JaroWinklerFrom(token, other, kJaroWinklerHigh) >= kJaroWinklerHigh;
      });
    }
  }
  const std::size_t smaller = sa.size();
  AddressLevel level = AddressLevel::kNone;
  if (shared == smaller) {
    level = AddressLevel::kContained;
  } else if (2 * shared >= smaller) {
    level = AddressLevel::kHalf;
  } else if (shared > 0) {
    level = AddressLevel::kSome;
  }
  return AsLevel(level);
}

FieldComparison CompareAddress(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  const std::vector<std::string> da = DistinctTokens(a), db = DistinctTokens(b);
  return Make(ErField::kAddress, AddressLevelOf(da, WordTokens(da), db, WordTokens(db)), Join(a),
              Join(b));
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
  out.push_back(ComparePhone(out[0].level, PhoneDigits(left.phone), PhoneDigits(right.phone)));
  out.push_back(CompareAddress(left.address_tokens, right.address_tokens));
  out.push_back(CompareExact(ErField::kIdentifier, left.identifier, right.identifier,
                             AsLevel(IdentifierLevel::kEqual),
                             AsLevel(IdentifierLevel::kDifferent)));
  out.push_back(CompareEmail(left.email, right.email));
  return out;
}

PreparedRecord Prepare(const ErRecord& record) {
  PreparedRecord p;
  p.record = &record;
  p.name = Join(record.name_tokens);
  p.name_sorted = JoinSorted(record.name_tokens);
  p.father = Join(record.father_tokens);
  p.father_sorted = JoinSorted(record.father_tokens);
  p.phone = PhoneDigits(record.phone);
  p.address = DistinctTokens(record.address_tokens);
  p.address_words = WordTokens(p.address);
  return p;
}

void CompareLevels(const PreparedRecord& a, const PreparedRecord& b, Level* levels) {
  const ErRecord& l = *a.record;
  const ErRecord& r = *b.record;
  levels[0] =
      NameFieldLevel(l.name_tokens, a.name, a.name_sorted, r.name_tokens, b.name, b.name_sorted);
  levels[1] = NameFieldLevel(l.father_tokens, a.father, a.father_sorted, r.father_tokens, b.father,
                             b.father_sorted);
  levels[2] = BirthLevelOf(l.birth, r.birth);
  levels[3] = PhoneFieldLevel(levels[0], a.phone, b.phone);
  levels[4] = AddressLevelOf(a.address, a.address_words, b.address, b.address_words);
  levels[5] = ExactLevelOf(l.identifier, r.identifier, AsLevel(IdentifierLevel::kEqual),
                           AsLevel(IdentifierLevel::kDifferent));
  levels[6] = EmailLevelOf(l.email, r.email);
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
    spec.tf_relative = info.tf_relative;
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
    case ErField::kEmail:
      return record.email;
    case ErField::kBirth:
    case ErField::kAddress:
      return "";
  }
  return "";
}

}  // namespace sutra::algorithms::er
