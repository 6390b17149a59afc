// Test support for the entity-resolution tests: the default normaliser, a crowd of distinct
// people (so that unsupervised training learns how rarely strangers agree), and valid Aadhaar
// numbers.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "algorithms/er/name_normalizer.h"
#include "algorithms/er/resolver.h"
#include "algorithms/er/spelling_table.h"
#include "algorithms/er/strong_identifier.h"

namespace sutra::algorithms::er::testing_people {

inline const NameNormalizer& Normalizer() {
  static const NameNormalizer* normalizer =
      new NameNormalizer(std::move(NameNormalizer::Create(SpellingTable::Default()).value()));
  return *normalizer;
}

// `count` people drawn from common given names, surnames, fathers, years and streets; ids "s0"...
inline std::vector<PersonInput> Strangers(std::mt19937& rng, int count) {
  const std::vector<std::string> given = {"Amit",    "Vijay",  "Sunil",  "Ravi",   "Anil",
                                          "Manoj",   "Arun",   "Deepak", "Sanjay", "Ashok",
                                          "Prakash", "Mahesh", "Ramesh", "Ganesh", "Dinesh"};
  const std::vector<std::string> surname = {"Sharma", "Patil", "Yadav", "Reddy", "Nair",
                                            "Gupta",  "Singh", "Khan",  "Das",   "Iyer"};
  std::vector<PersonInput> out;
  for (int i = 0; i < count; ++i) {
    PersonInput r;
    r.id = "s" + std::to_string(i);
    r.name = given[rng() % given.size()] + " " + surname[rng() % surname.size()];
    r.father_name = given[rng() % given.size()];
    r.birth_year = 1950 + static_cast<int>(rng() % 50);
    r.address = std::to_string(1 + rng() % 200) + " Station Road";
    out.push_back(r);
  }
  return out;
}

// A valid Aadhaar number: 11 random digits, the first 2-9, and the Verhoeff check digit.
inline std::string RandomAadhaar(std::mt19937& rng) {
  std::string digits(1, static_cast<char>('2' + rng() % 8));
  for (int i = 0; i < 10; ++i) digits.push_back(static_cast<char>('0' + rng() % 10));
  for (char check = '0'; check <= '9'; ++check) {
    if (VerhoeffValid(digits + check)) return digits + check;
  }
  ADD_FAILURE() << "no check digit for " << digits;
  return digits;
}

}  // namespace sutra::algorithms::er::testing_people
