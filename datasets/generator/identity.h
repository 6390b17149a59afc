// A true person of the generated world and how one record writes them.
//
// An Identity is the ground truth: the name as the person would spell it, the father's or
// husband's name, birth date, phone, home. A PersonRecord is one FIR's rendering of it, through
// the habits and accidents of record keeping controlled by SpellingRates: initials expanded or
// not, name order swapped, transliteration variants, typing errors, Devanagari script, an alias
// in the name or its own column, a missing father's name, an age that is a guess.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "datasets/generator/fir.h"
#include "datasets/generator/name_pools.h"
#include "datasets/generator/random.h"

namespace sutra::gen {

struct Identity {
  std::uint32_t number = 0;  // the truth person id is "P" + 7 digits of it
  Tradition tradition = Tradition::kHindi;
  NameStyle style = NameStyle::kGivenSurname;
  char gender = 'M';           // 'M', 'F' or 'T'
  std::string given;           // may hold two words: "Senthil Kumar", "Mohammad Irfan"
  std::string middle;          // father's or husband's given name (kGivenMiddleSurname)
  std::string surname;         // family, clan or caste name; may be empty
  std::string initial_source;  // word whose first letter is the initial (kInitialGiven,
                               // kFamilyGiven)
  std::string relative;        // father's or husband's name as the family writes it
  bool husband = false;        // `relative` is the husband
  std::string alias;           // nickname, or empty
  std::string_view title;      // rank written before an officer's name ("PSI"), or empty
  std::uint8_t habit = 0;      // the person's usual layout among the style's options
  int birth_day = 0;           // days since 1970-01-01
  std::uint64_t phone = 0;     // 10-digit mobile number, 0 for none
  const Location* home = nullptr;
  int home_district = -1;
  int gang = -1;

  bool female() const { return gender == 'F'; }
};

// A person with a name from `tradition`, the given gender and birth day. Common names are
// more likely (Rng::Skewed), so different people often share a name.
Identity MakeIdentity(Tradition tradition, char gender, int birth_day, Rng& rng);

// The name as the family writes it in full: "Ganesh Tukaram Pawar", "Gaddam Ramesh",
// "Ramesh" (a Tamil name without its initial).
std::string FullName(const Identity& p);

// Makes `child`, built from the father's tradition, a child of `father` in that tradition's
// naming: same family name, the father's name as relative, initial or middle name.
void MakeChildOf(Identity& child, const Identity& father);

// Makes `wife` the wife of `husband`: his name as relative (relation husband) and, where the
// tradition does so, his family name and given name.
void MarryTo(Identity& wife, const Identity& husband);

struct SpellingRates {
  double transliteration = 0.30;
  double typo = 0.05;
  double devanagari = 0.03;
  double swap_order = 0.08;
  double initials = 0.15;
  double drop_relative = 0.20;
  double alias_written = 0.70;
  double alias_in_name = 0.30;
  double age_noise = 0.30;
};

// Fills name, alias, relative_name and relation of `record` from `person`.
void RenderName(const Identity& person, const SpellingRates& rates, Rng& rng, PersonRecord& record);

// Fills age, birth_year and dob of `record` for a registration on `day`: mostly an age (a guess
// off by a year or two at rate `age_noise`), sometimes a birth year or a full or partial date
// of birth. Children always get an age.
void RenderAge(const Identity& person, int day, const SpellingRates& rates, Rng& rng,
               PersonRecord& record);

// A common way of writing the mobile number: "98220 12345", "+91-9822012345", "09822012345",
// "9822012345", "+91 98220 12345" or "919822012345".
std::string WritePhone(std::uint64_t number, Rng& rng);

// Whole years between `birth_day` and `day`.
int AgeOn(int birth_day, int day);

}  // namespace sutra::gen
