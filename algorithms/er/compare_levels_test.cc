// CompareLevels (the fast path on prepared records) gives exactly the levels of Compare.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "algorithms/er/comparison.h"
#include "algorithms/er/similarity.h"

namespace sutra::algorithms::er {
namespace {

ErRecord RandomRecord(std::mt19937& rng) {
  const std::vector<std::string> words = {"ram", "raam", "kumar", "kumaar", "singh", "devi", "",
                                          "12",  "mg",   "road",  "rd",     "pune",  "puna"};
  auto some = [&](int most) {
    std::vector<std::string> out;
    const int n = static_cast<int>(rng() % (most + 1));
    for (int i = 0; i < n; ++i) out.push_back(words[rng() % words.size()]);
    return out;
  };
  ErRecord r;
  r.name_tokens = some(3);
  r.father_tokens = some(2);
  if (rng() % 3 != 0) r.birth.birth_year = 1980 + static_cast<int>(rng() % 15);
  if (rng() % 3 == 0) {
    r.birth.birth_month = 1 + static_cast<int>(rng() % 12);
    r.birth.birth_day = 1 + static_cast<int>(rng() % 31);
    if (!r.birth.birth_year) r.birth.birth_year = 1990;
  }
  if (rng() % 4 == 0) {
    r.birth.age = 20 + static_cast<int>(rng() % 30);
    r.birth.reference_year = 2020;
  }
  const std::vector<std::string> phones = {"", "+91 98220 12345", "9822012345", "9822012346"};
  r.phone = phones[rng() % phones.size()];
  r.address_tokens = some(4);
  const std::vector<std::string> ids = {"", "A1", "A2"};
  r.identifier = ids[rng() % ids.size()];
  const std::vector<std::string> emails = {"", "ram.k12@mail.in", "ram.k13@mail.in", "x@y.z"};
  r.email = emails[rng() % emails.size()];
  return r;
}

TEST(CompareLevels, AgreesWithCompareOnRandomRecords) {
  std::mt19937 rng(17);
  for (int i = 0; i < 20000; ++i) {
    const ErRecord a = RandomRecord(rng), b = RandomRecord(rng);
    const PreparedRecord pa = Prepare(a), pb = Prepare(b);
    Level fast[kErFieldCount];
    CompareLevels(pa, pb, fast);
    const LevelVector slow = Levels(Compare(a, b));
    ASSERT_EQ(slow.size(), static_cast<std::size_t>(kErFieldCount));
    for (int k = 0; k < kErFieldCount; ++k) {
      ASSERT_EQ(fast[k], slow[k]) << "pair " << i << ", field " << ErFieldName(ErField(k));
    }
  }
}

TEST(JaroWinklerFrom, IsExactAtOrAboveTheFloorAndBelowItOtherwise) {
  std::mt19937 rng(5);
  for (int i = 0; i < 20000; ++i) {
    std::string a, b;
    const int la = static_cast<int>(rng() % 12), lb = static_cast<int>(rng() % 12);
    for (int k = 0; k < la; ++k) a.push_back(static_cast<char>('a' + rng() % 4));
    for (int k = 0; k < lb; ++k) b.push_back(static_cast<char>('a' + rng() % 4));
    for (double floor : {0.0, 0.5, 0.88, 0.94}) {
      const double full = JaroWinkler(a, b);
      const double bounded = JaroWinklerFrom(a, b, floor);
      if (full >= floor) {
        ASSERT_DOUBLE_EQ(bounded, full) << a << " / " << b << " at " << floor;
      } else {
        ASSERT_LT(bounded, floor) << a << " / " << b << " at " << floor;
      }
    }
  }
}

TEST(TokenSimilarity, EqualsTheTwoMeasuresComputedApart) {
  std::mt19937 rng(9);
  const std::vector<std::string> words = {"",  "r",  "ram", "raam", "kumar", "kumaar",
                                          "k", "देव", "देवी", "sīta", "sita",  "senthil"};
  for (int i = 0; i < 5000; ++i) {
    std::vector<std::string> a, b;
    for (int k = static_cast<int>(rng() % 5); k > 0; --k) a.push_back(words[rng() % words.size()]);
    for (int k = static_cast<int>(rng() % 5); k > 0; --k) b.push_back(words[rng() % words.size()]);
    const TokenSimilarities both = TokenSimilarity(a, b);
    ASSERT_DOUBLE_EQ(both.set, TokenSetSimilarity(a, b)) << i;
    ASSERT_DOUBLE_EQ(both.containment, TokenContainment(a, b)) << i;
  }
}

}  // namespace
}  // namespace sutra::algorithms::er
