#include "datasets/generator/identity.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "datasets/generator/dates.h"
#include "datasets/generator/devanagari.h"
#include "datasets/generator/spelling_variants.h"

namespace sutra::gen {
namespace {

using enum Tradition;

constexpr std::string_view kTeluguCastes[] = {"Reddy", "Naidu", "Rao", "Goud", "Yadav", "Chowdary"};
constexpr std::string_view kMuslimWomen[] = {"Bano", "Begum", "Khatoon"};
// Ages are judged against this day when deciding whether a woman is married.
const int kReferenceDay = DayNumber(2022, 1, 1);

std::string_view PickSkewed(std::span<const std::string_view> names, Rng& rng) {
  return names[rng.Skewed(names.size())];
}

// A man's given name for the father (or husband) of `p`, other than p's own.
std::string_view PickElder(const Identity& p, std::span<const std::string_view> names, Rng& rng) {
  std::string_view name = PickSkewed(names, rng);
  if (p.given.starts_with(name)) name = names[rng.Below(names.size())];
  return name;
}

std::string Join(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return fmt::format("{} {}", a, b);
}

std::string Initial(std::string_view word) {
  return word.empty() ? std::string() : fmt::format("{}.", word.front());
}

// The surname a man of a Hindi-belt family writes; "Kumar" is a common middle or last name
// that is not the family's.
std::string_view HindiFamilyName(Rng& rng) {
  std::span<const std::string_view> surnames = PoolFor(kHindi).surnames;
  std::string_view family = PickSkewed(surnames, rng);
  return family == "Kumar" ? surnames[1 + rng.Below(surnames.size() - 1)] : family;
}

void BuildNorthIndian(Identity& p, const NamePool& pool, bool married, Rng& rng) {
  const std::string_view father = PickElder(p, pool.male, rng);
  std::string_view family =
      p.tradition == kHindi ? HindiFamilyName(rng) : PickSkewed(pool.surnames, rng);
  p.style = NameStyle::kGivenSurname;
  if (p.tradition == kPunjabi) {
    const bool clan = rng.Chance(0.6);
    p.given = Join(p.given, p.female() ? "Kaur" : "Singh");
    p.surname = clan ? std::string(family) : "";
    p.relative = Join(Join(father, "Singh"), clan ? family : "");
  } else if (p.tradition == kMuslim) {
    if (!p.female() && p.given.find(' ') == std::string::npos && rng.Chance(0.25)) {
      p.given = Join("Mohammad", p.given);
    }
    const double with_surname = p.female() ? 0.4 : 0.6;
    if (rng.Chance(with_surname)) {
      p.surname = family;
    } else if (p.female() && rng.Chance(0.5)) {
      p.surname = kMuslimWomen[rng.Below(std::size(kMuslimWomen))];
    }
    p.relative = Join(father, rng.Chance(0.6) ? family : "");
  } else {
    if (p.tradition == kHindi && !p.female() && rng.Chance(0.3)) {
      p.surname = "Kumar";  // "Rajesh Kumar", son of "Ram Prasad Yadav"
    } else if (p.tradition == kHindi && p.female() && rng.Chance(0.35)) {
      p.surname = married ? "Devi" : "Kumari";
    } else {
      p.surname = family;
    }
    if (p.tradition == kHindi && !p.female() && rng.Chance(0.12)) p.given = Join(p.given, "Kumar");
    p.relative = Join(father, family);
  }
  if (married) {
    const std::string_view spouse = PickSkewed(pool.male, rng);
    p.relative =
        p.tradition == kPunjabi ? Join(Join(spouse, "Singh"), p.surname) : Join(spouse, family);
  }
}

void BuildWestIndian(Identity& p, const NamePool& pool, bool married, Rng& rng) {
  std::string father(PickElder(p, pool.male, rng));
  if (p.tradition == kGujarati && rng.Chance(0.6)) father += "bhai";
  if (p.tradition == kGujarati && p.female() && rng.Chance(0.3)) p.given += "ben";
  const std::string_view family = PickSkewed(pool.surnames, rng);
  p.style = NameStyle::kGivenMiddleSurname;
  p.surname = family;
  p.middle = married ? std::string(PickSkewed(pool.male, rng)) : father;
  p.relative = Join(p.middle, family);
}

void BuildSouthIndian(Identity& p, const NamePool& pool, bool married, Rng& rng) {
  const std::string_view father = PickElder(p, pool.male, rng);
  const std::string_view spouse = PickSkewed(pool.male, rng);
  if (p.tradition == kTelugu) {
    const std::string_view family = PickSkewed(pool.surnames, rng);
    p.style = NameStyle::kFamilyGiven;
    p.initial_source = family;
    if (rng.Chance(0.3)) p.surname = kTeluguCastes[rng.Below(std::size(kTeluguCastes))];
    p.relative = Join(family, married ? spouse : father);
    p.habit = rng.Chance(0.6) ? 1 : 0;
    return;
  }
  const double with_surname = p.tradition == kKannada     ? 0.5
                              : p.tradition == kMalayalam ? 0.4
                                                          : 0.08;
  if (rng.Chance(with_surname)) {
    p.style = NameStyle::kGivenSurname;
    p.surname = PickSkewed(pool.surnames, rng);
    p.relative = Join(married ? spouse : father, p.surname);
    return;
  }
  p.style = NameStyle::kInitialGiven;
  p.initial_source = father;
  p.relative = married ? spouse : father;
  // Tamils mostly write the initial first, Malayalis after the name.
  const int first = p.tradition == kMalayalam ? 20 : p.tradition == kKannada ? 50 : 60;
  const int roll = static_cast<int>(rng.Below(100));
  p.habit = roll < first ? 0 : roll < first + (100 - first) / 2 ? 1 : 2;
}

bool IsInitial(std::string_view word) { return word.size() <= 2 && word.back() == '.'; }

void SplitWords(std::string_view text, std::vector<std::string>& words) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// The words of the name in the person's usual layout, or a variant of it: initials expanded or
// contracted (`initials`), name order swapped (`swap`).
void Layout(const Identity& p, bool initials, bool swap, Rng& rng,
            std::vector<std::string>& words) {
  std::string given = p.given;
  switch (p.style) {
    case NameStyle::kGivenSurname: {
      std::vector<std::string> given_words;
      SplitWords(given, given_words);
      if (initials && !p.surname.empty()) {
        if (given_words.size() >= 2 && rng.Chance(0.5)) {
          SplitWords(given, words);  // "Gurpreet Singh" for "Gurpreet Singh Sandhu"
          return;
        }
        for (const std::string& w : given_words) words.push_back(Initial(w));
        words.push_back(p.surname);
        return;
      }
      if (swap && !p.surname.empty()) words.push_back(p.surname);
      SplitWords(given, words);
      if (!swap) SplitWords(p.surname, words);
      return;
    }
    case NameStyle::kGivenMiddleSurname:
      if (swap) {
        words.push_back(p.surname);
        SplitWords(given, words);
        words.push_back(p.middle);
      } else {
        SplitWords(given, words);
        if (!initials) {
          words.push_back(p.middle);
        } else if (rng.Chance(0.5)) {
          words.push_back(Initial(p.middle));
        }
        words.push_back(p.surname);
      }
      return;
    case NameStyle::kInitialGiven: {
      const std::string initial = Initial(p.initial_source);
      if (initials) {
        const int form = static_cast<int>(rng.Below(5));
        if (form < 2) words.push_back(p.initial_source);
        SplitWords(given, words);
        if (form >= 2 && form < 4) words.push_back(p.initial_source);
        if (form == 4) {
          words.push_back(p.female() ? (p.husband ? "w/o" : "d/o") : "s/o");
          words.push_back(p.initial_source);
        }
      } else {
        const bool front = (p.habit == 0) != swap;
        if (front) words.push_back(initial);
        SplitWords(given, words);
        if (!front) words.push_back(p.habit == 1 ? initial.substr(0, 1) : initial);
      }
      SplitWords(p.surname, words);
      return;
    }
    case NameStyle::kFamilyGiven: {
      const bool contracted = (p.habit == 1) != initials;
      if (swap) {
        SplitWords(given, words);
        words.push_back(p.surname.empty() ? p.initial_source : p.surname);
        return;
      }
      words.push_back(contracted ? Initial(p.initial_source) : p.initial_source);
      SplitWords(given, words);
      SplitWords(p.surname, words);
      return;
    }
  }
}

// Index of a word that spelling variation may touch, or -1.
int PickWord(const std::vector<std::string>& words, std::size_t min_size, Rng& rng) {
  int candidates[8];
  int count = 0;
  for (std::size_t i = 0; i < words.size() && count < 8; ++i) {
    if (words[i].size() >= min_size && !IsInitial(words[i]) &&
        words[i].find('/') == std::string::npos) {
      candidates[count++] = static_cast<int>(i);
    }
  }
  return count == 0 ? -1 : candidates[rng.Below(static_cast<std::uint64_t>(count))];
}

void VarySpelling(std::vector<std::string>& words, bool female, const SpellingRates& rates,
                  Rng& rng) {
  // "Mohammad" is written in many ways in almost every record.
  for (std::string& w : words) {
    if (w == "Mohammad" && rng.Chance(std::min(1.0, 2 * rates.transliteration))) {
      w = AlternativeSpelling(w, rng);
    }
  }
  if (rng.Chance(rates.transliteration)) {
    const int i = PickWord(words, 3, rng);
    if (i >= 0) {
      std::string& w = words[static_cast<std::size_t>(i)];
      if (HasAlternativeSpelling(w) && rng.Chance(0.6)) {
        w = AlternativeSpelling(w, rng);
      } else {
        Transliterate(w, female, rng);
      }
    }
  }
  if (rng.Chance(rates.typo)) {
    const int i = PickWord(words, 4, rng);
    if (i >= 0) MakeTypo(words[static_cast<std::size_t>(i)], rng);
  }
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

int AgeOn(int birth_day, int day) {
  const CivilDate b = ToCivil(birth_day);
  const CivilDate d = ToCivil(day);
  int age = d.year - b.year;
  if (d.month < b.month || (d.month == b.month && d.day < b.day)) --age;
  return age;
}

Identity MakeIdentity(Tradition tradition, char gender, int birth_day, Rng& rng) {
  Identity p;
  p.tradition = tradition;
  p.gender = gender;
  p.birth_day = birth_day;
  const NamePool& pool = PoolFor(tradition);
  const bool female_name = gender != 'M';
  p.given = PickSkewed(female_name ? pool.female : pool.male, rng);
  const bool married = gender == 'F' && AgeOn(birth_day, kReferenceDay) >= 22 && rng.Chance(0.75);
  p.husband = married;
  switch (tradition) {
    case kHindi:
    case kPunjabi:
    case kBengali:
    case kMuslim:
    case kChristian:
      BuildNorthIndian(p, pool, married, rng);
      break;
    case kMarathi:
    case kGujarati:
      BuildWestIndian(p, pool, married, rng);
      break;
    case kTamil:
    case kTelugu:
    case kKannada:
    case kMalayalam:
      BuildSouthIndian(p, pool, married, rng);
      break;
  }
  return p;
}

std::string FullName(const Identity& p) {
  switch (p.style) {
    case NameStyle::kGivenMiddleSurname:
      return fmt::format("{} {} {}", p.given, p.middle, p.surname);
    case NameStyle::kFamilyGiven:
      return Join(Join(p.initial_source, p.given), p.surname);
    case NameStyle::kInitialGiven:
    case NameStyle::kGivenSurname:
      break;
  }
  return Join(p.given, p.surname);
}

namespace {

// Surnames that say what a woman is rather than which family she is from.
bool WomansSurname(std::string_view s) {
  return s == "Devi" || s == "Kumari" || s == "Bano" || s == "Begum" || s == "Khatoon";
}

}  // namespace

void MakeChildOf(Identity& child, const Identity& father) {
  child.tradition = father.tradition;
  child.style = father.style;
  child.habit = father.habit;
  child.husband = false;
  child.relative = FullName(father);
  switch (father.style) {
    case NameStyle::kGivenSurname:
      if (!(child.female() && WomansSurname(child.surname))) child.surname = father.surname;
      break;
    case NameStyle::kGivenMiddleSurname:
      child.middle = father.given;
      child.surname = father.surname;
      break;
    case NameStyle::kInitialGiven:
      child.initial_source = father.given.substr(0, father.given.find(' '));
      child.surname = father.surname;
      child.relative = father.given;
      break;
    case NameStyle::kFamilyGiven:
      child.initial_source = father.initial_source;
      child.surname = father.surname;
      break;
  }
}

void MarryTo(Identity& wife, const Identity& husband) {
  wife.husband = true;
  wife.relative = FullName(husband);
  if (wife.style == NameStyle::kGivenMiddleSurname && husband.style == wife.style) {
    wife.middle = husband.given;
    wife.surname = husband.surname;
  } else if (wife.style == NameStyle::kGivenSurname && !husband.surname.empty() &&
             !WomansSurname(wife.surname) && wife.tradition != Tradition::kPunjabi) {
    wife.surname = husband.surname;
  }
}

void RenderName(const Identity& person, const SpellingRates& rates, Rng& rng,
                PersonRecord& record) {
  std::vector<std::string> words;
  words.reserve(6);
  const bool initials = rng.Chance(rates.initials);
  const bool swap = rng.Chance(rates.swap_order);
  Layout(person, initials, swap, rng, words);
  VarySpelling(words, person.female(), rates, rng);
  std::string name = JoinWords(words);
  if (!person.title.empty()) name = fmt::format("{} {}", person.title, name);
  const bool devanagari = WrittenInDevanagari(person.tradition) && rng.Chance(rates.devanagari);
  if (devanagari) name = ToDevanagari(name, person.female());

  record.alias.clear();
  if (!person.alias.empty() && rng.Chance(rates.alias_written)) {
    if (rng.Chance(rates.alias_in_name)) {
      const bool hindi_belt =
          person.tradition == kHindi || person.tradition == kMuslim || person.tradition == kMarathi;
      switch (rng.Below(hindi_belt ? 4 : 3)) {
        case 0:
          name = fmt::format("{} @ {}", person.alias, name);
          break;
        case 1:
          name = fmt::format("{} @ {}", name, person.alias);
          break;
        case 2:
          name = fmt::format("{} alias {}", name, person.alias);
          break;
        default:
          name = fmt::format("{} urf {}", name, person.alias);
          break;
      }
    } else {
      record.alias = person.alias;
    }
  }
  record.name = std::move(name);

  record.relative_name.clear();
  record.relation = {};
  if (!person.relative.empty() && !rng.Chance(rates.drop_relative)) {
    words.clear();
    SplitWords(person.relative, words);
    VarySpelling(words, false, rates, rng);
    record.relative_name = JoinWords(words);
    if (devanagari) record.relative_name = ToDevanagari(record.relative_name, false);
    record.relation = person.husband ? "husband" : "father";
  }
}

void RenderAge(const Identity& person, int day, const SpellingRates& rates, Rng& rng,
               PersonRecord& record) {
  record.age = -1;
  record.birth_year = -1;
  record.dob.clear();
  const int age = AgeOn(person.birth_day, day);
  const CivilDate birth = ToCivil(person.birth_day);
  auto guessed_age = [&] {
    if (!rng.Chance(rates.age_noise)) return age;
    if (age >= 20 && rng.Chance(0.3)) return (age + 2) / 5 * 5;  // "about 35"
    const int off = rng.Chance(0.6) ? 1 : 2;
    return std::clamp(rng.Chance(0.5) ? age + off : age - off, 0, 120);
  };
  auto full_dob = [&] {
    // Documents with an unknown birth day often say 1 January.
    const int d = rng.Chance(0.1) ? DayNumber(birth.year, 1, 1) : person.birth_day;
    record.dob = "";
    AppendIsoDate(d, record.dob);
  };
  const int roll = age < 18 ? 0 : static_cast<int>(rng.Below(100));
  if (roll < 58) {
    record.age = guessed_age();
  } else if (roll < 66) {
    record.birth_year =
        rng.Chance(rates.age_noise / 2) ? birth.year + (rng.Chance(0.5) ? 1 : -1) : birth.year;
  } else if (roll < 71) {
    record.age = guessed_age();
    record.birth_year = birth.year;
  } else if (roll < 81) {
    full_dob();
  } else if (roll < 85) {
    record.dob = fmt::format("{:04}-{:02}", birth.year, birth.month);
  } else if (roll < 88) {
    record.dob = fmt::format("{:04}", birth.year);
  } else if (roll < 93) {
    record.age = guessed_age();
    full_dob();
  }
}

std::string WritePhone(std::uint64_t number, Rng& rng) {
  const int roll = static_cast<int>(rng.Below(100));
  const std::uint64_t head = number / 100000, tail = number % 100000;
  if (roll < 25) return fmt::format("{} {:05}", head, tail);
  if (roll < 40) return fmt::format("+91-{}", number);
  if (roll < 55) return fmt::format("0{}", number);
  if (roll < 90) return fmt::format("{}", number);
  if (roll < 95) return fmt::format("+91 {} {:05}", head, tail);
  return fmt::format("91{}", number);
}

}  // namespace sutra::gen
