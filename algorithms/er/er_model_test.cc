#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "algorithms/er/blocking.h"
#include "algorithms/er/comparison.h"
#include "algorithms/er/fellegi_sunter.h"
#include "algorithms/er/similarity.h"
#include "algorithms/er/term_frequency.h"

namespace sutra::algorithms::er {
namespace {

using Tokens = std::vector<std::string>;

// ---- Similarity ----

TEST(JaroWinkler, GoldenValues) {
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.961, 5e-4);
  EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.840, 5e-4);
  EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.813, 5e-4);
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("ram", ""), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
}

TEST(JaroWinkler, CountsCodePointsNotBytes) {
  // Two code points, one matching: Jaro 2/3, prefix 1. Counting bytes would give about 0.82.
  EXPECT_NEAR(JaroWinkler("a\u00e9", "a\u00e8"), 2.0 / 3.0 + 0.1 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(JaroWinkler("\u0930\u093e\u092e", "\u0930\u093e\u092e"), 1.0);
  // A malformed byte is one U+FFFD and does not read past the end.
  EXPECT_EQ(DecodeUtf8("a\xe0\xa4"), std::u32string(U"a\uFFFD\uFFFD"));
  EXPECT_EQ(DecodeUtf8("\xe0\xa4\xb0"), std::u32string(U"\u0930"));
}

std::string RandomString(std::mt19937& rng) {
  static const std::vector<std::string> kAlphabet = {"a", "b", "c", "d", "e", "\u0930", "\u092e"};
  std::uniform_int_distribution<int> length(0, 9);
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string out;
  for (int n = length(rng); n > 0; --n) out += kAlphabet[pick(rng)];
  return out;
}

TEST(JaroWinkler, SymmetricAndBoundedOnRandomStrings) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 3000; ++trial) {
    const std::string a = RandomString(rng);
    const std::string b = RandomString(rng);
    const double ab = JaroWinkler(a, b);
    EXPECT_GE(ab, 0.0);
    EXPECT_LE(ab, 1.0);
    EXPECT_NEAR(ab, JaroWinkler(b, a), 1e-12) << a << " / " << b;
    EXPECT_DOUBLE_EQ(JaroWinkler(a, a), 1.0);
    EXPECT_GE(ab, Jaro(a, b));
  }
}

TEST(TokenSetSimilarity, OrderDoesNotMatter) {
  EXPECT_DOUBLE_EQ(TokenSetSimilarity({"r", "senthil", "kumar"}, {"senthil", "kumar", "r"}), 1.0);
}

TEST(TokenSetSimilarity, InitialsMatchWeakly) {
  const double with_initial = TokenSetSimilarity({"r", "senthil", "kumar"}, {"r", "s", "kumar"});
  EXPECT_NEAR(with_initial, 2.0 * (1.0 + kInitialScore + 1.0) / 6.0, 1e-12);
  EXPECT_LT(with_initial, 1.0);
  EXPECT_GE(with_initial, kTokenSetThreshold);
  // An initial that starts no token of the other side earns nothing.
  EXPECT_LT(TokenSetSimilarity({"p", "senthil", "kumar"}, {"r", "s", "kumar"}), with_initial);
  EXPECT_DOUBLE_EQ(TokenSetSimilarity({"r"}, {"p"}), 0.0);
}

TEST(TokenSetSimilarity, EmptyAndUnrelated) {
  EXPECT_DOUBLE_EQ(TokenSetSimilarity({}, {}), 1.0);
  EXPECT_DOUBLE_EQ(TokenSetSimilarity({"ram"}, {}), 0.0);
  EXPECT_DOUBLE_EQ(TokenSetSimilarity({"", "ram"}, {"ram"}), 1.0);
  EXPECT_DOUBLE_EQ(TokenSetSimilarity({"abc"}, {"xyz"}), 0.0);
  // A dropped token costs as much as a wrong one: 2 * 2 / 5.
  EXPECT_NEAR(TokenSetSimilarity({"senthil", "kumar"}, {"r", "senthil", "kumar"}), 0.8, 1e-12);
}

TEST(TokenContainment, ShorterSideFoundInLonger) {
  EXPECT_DOUBLE_EQ(TokenContainment({"brown"}, {"lola", "brown"}), 1.0);
  EXPECT_DOUBLE_EQ(TokenContainment({"lola", "brown"}, {"brown"}), 1.0);
  EXPECT_DOUBLE_EQ(TokenContainment({"l"}, {"lola", "brown"}), kInitialScore);
  EXPECT_DOUBLE_EQ(TokenContainment({"harry"}, {"lola", "brown"}), 0.0);
  EXPECT_DOUBLE_EQ(TokenContainment({}, {"lola"}), 0.0);
  EXPECT_GE(TokenContainment({"senthil", "kumar"}, {"r", "senthil", "kumar"}),
            TokenSetSimilarity({"senthil", "kumar"}, {"r", "senthil", "kumar"}));
}

TEST(TokenSetSimilarity, SymmetricAndBoundedOnRandomTokens) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> count(0, 5);
  for (int trial = 0; trial < 500; ++trial) {
    Tokens a(count(rng));
    Tokens b(count(rng));
    for (std::string& t : a) t = RandomString(rng);
    for (std::string& t : b) t = RandomString(rng);
    const double ab = TokenSetSimilarity(a, b);
    EXPECT_GE(ab, 0.0);
    EXPECT_LE(ab, 1.0 + 1e-12);
    EXPECT_NEAR(ab, TokenSetSimilarity(b, a), 1e-12);
    const double contained = TokenContainment(a, b);
    EXPECT_NEAR(contained, TokenContainment(b, a), 1e-12);
    EXPECT_LE(contained, 1.0 + 1e-12);
    // Dice over both sides never exceeds the share of the shorter side that is found.
    auto has_token = [](const Tokens& t) {
      return std::any_of(t.begin(), t.end(), [](const std::string& x) { return !x.empty(); });
    };
    if (has_token(a) && has_token(b)) {
      EXPECT_GE(contained + 1e-12, ab);
    }
  }
}

// ---- Comparison ----

Level NameLevelOf(const Tokens& a, const Tokens& b) {
  ErRecord left;
  ErRecord right;
  left.name_tokens = a;
  right.name_tokens = b;
  return Compare(left, right)[static_cast<int>(ErField::kName)].level;
}

TEST(Compare, NameLevels) {
  EXPECT_EQ(NameLevelOf({"senthil", "kumar"}, {"kumar", "senthil"}), AsLevel(NameLevel::kExact));
  EXPECT_EQ(NameLevelOf({"dharmendra"}, {"dharmender"}), AsLevel(NameLevel::kJaroWinkler94));
  EXPECT_EQ(NameLevelOf({"ramesh"}, {"rameshwar"}), AsLevel(NameLevel::kJaroWinkler88));
  // Joined strings that share a long prefix are caught by Jaro-Winkler already; initials that
  // scramble the joined string are left to the token-set level.
  EXPECT_EQ(NameLevelOf({"r", "senthil", "kumar"}, {"r", "s", "kumar"}),
            AsLevel(NameLevel::kJaroWinkler88));
  EXPECT_EQ(NameLevelOf({"ramesh", "kumar", "singh"}, {"r", "k", "singh"}),
            AsLevel(NameLevel::kTokenSet80));
  EXPECT_EQ(NameLevelOf({"ramesh"}, {"suresh"}), AsLevel(NameLevel::kDifferent));
  EXPECT_EQ(NameLevelOf({}, {"suresh"}), kMissingLevel);
}

Level BirthLevelOf(const BirthInfo& a, const BirthInfo& b) {
  ErRecord left;
  ErRecord right;
  left.birth = a;
  right.birth = b;
  return Compare(left, right)[static_cast<int>(ErField::kBirth)].level;
}

TEST(Compare, BirthYearFromAgeOrYear) {
  const BirthInfo year_1990{1990, std::nullopt, std::nullopt};
  EXPECT_EQ(DerivedBirthYear({std::nullopt, 34, 2024}), 1990);
  EXPECT_EQ(DerivedBirthYear({std::nullopt, 34, std::nullopt}), std::nullopt);
  EXPECT_EQ(BirthLevelOf(year_1990, {std::nullopt, 34, 2024}), AsLevel(BirthLevel::kSameYear));
  EXPECT_EQ(BirthLevelOf(year_1990, {std::nullopt, 35, 2024}), AsLevel(BirthLevel::kWithin1));
  EXPECT_EQ(BirthLevelOf(year_1990, {1988, std::nullopt, std::nullopt}),
            AsLevel(BirthLevel::kWithin3));
  EXPECT_EQ(BirthLevelOf({std::nullopt, 30, 2020}, {1993, std::nullopt, std::nullopt}),
            AsLevel(BirthLevel::kWithin3));
  EXPECT_EQ(BirthLevelOf(year_1990, {1986, std::nullopt, std::nullopt}),
            AsLevel(BirthLevel::kWithin10));
  EXPECT_EQ(BirthLevelOf(year_1990, {1979, std::nullopt, std::nullopt}),
            AsLevel(BirthLevel::kDifferent));
  EXPECT_EQ(BirthLevelOf(year_1990, {std::nullopt, 34, std::nullopt}), kMissingLevel);
}

BirthInfo Date(int year, int month, int day) {
  BirthInfo birth;
  birth.birth_year = year;
  birth.birth_month = month;
  birth.birth_day = day;
  return birth;
}

TEST(Compare, BirthDateLevels) {
  const BirthInfo dob = Date(1983, 11, 6);
  EXPECT_EQ(BirthLevelOf(dob, Date(1983, 11, 6)), AsLevel(BirthLevel::kExactDate));
  // Slips: one digit, two adjacent digits swapped, day and month swapped, a whole component.
  EXPECT_EQ(BirthLevelOf(dob, Date(1983, 11, 8)), AsLevel(BirthLevel::kDateTypo));
  EXPECT_EQ(BirthLevelOf(dob, Date(1938, 11, 6)), AsLevel(BirthLevel::kDateTypo));
  EXPECT_EQ(BirthLevelOf(dob, Date(1983, 6, 11)), AsLevel(BirthLevel::kDateTypo));
  EXPECT_EQ(BirthLevelOf(dob, Date(2003, 11, 6)), AsLevel(BirthLevel::kDateTypo));
  // A mistyped month out of range still compares digit by digit.
  EXPECT_EQ(BirthLevelOf(dob, Date(1983, 71, 6)), AsLevel(BirthLevel::kDateTypo));
  // Two components wrong: by how far apart the dates or years are.
  EXPECT_EQ(BirthLevelOf(dob, Date(1983, 12, 1)), AsLevel(BirthLevel::kWithinMonth));
  EXPECT_EQ(BirthLevelOf(Date(1983, 12, 20), Date(1984, 1, 17)), AsLevel(BirthLevel::kWithinMonth));
  EXPECT_EQ(BirthLevelOf(dob, Date(1983, 2, 15)), AsLevel(BirthLevel::kSameYear));
  EXPECT_EQ(BirthLevelOf(dob, Date(1984, 2, 15)), AsLevel(BirthLevel::kWithin1));
  EXPECT_EQ(BirthLevelOf(Date(1974, 10, 5), Date(1984, 10, 3)), AsLevel(BirthLevel::kWithin10));
  EXPECT_EQ(BirthLevelOf(dob, Date(1960, 2, 15)), AsLevel(BirthLevel::kDifferent));
  // A year alone against a full date compares the years.
  EXPECT_EQ(BirthLevelOf(dob, {1983, std::nullopt, std::nullopt}), AsLevel(BirthLevel::kSameYear));
  ErRecord a;
  a.birth = dob;
  EXPECT_EQ(Compare(a, a)[static_cast<int>(ErField::kBirth)].left, "1983-11-06");
}

Level EmailLevelOf(const std::string& a, const std::string& b, std::string* tf_key = nullptr) {
  ErRecord left;
  ErRecord right;
  left.email = a;
  right.email = b;
  const FieldComparison c = Compare(left, right)[static_cast<int>(ErField::kEmail)];
  if (tf_key != nullptr) *tf_key = c.tf_key;
  return c.level;
}

TEST(Compare, EmailLevels) {
  std::string tf_key;
  EXPECT_EQ(EmailLevelOf("lola.b@martinez.net", "lola.b@martinez.net", &tf_key),
            AsLevel(EmailLevel::kExact));
  EXPECT_EQ(tf_key, "lola.b@martinez.net");
  EXPECT_EQ(EmailLevelOf("lola.b@martinez.net", "lola.b@martniez.net", &tf_key),
            AsLevel(EmailLevel::kSimilar));
  EXPECT_TRUE(tf_key.empty());
  EXPECT_EQ(EmailLevelOf("robert255@smith.net", "roberta25@smith.net"),
            AsLevel(EmailLevel::kSimilar));
  // Namesakes' addresses: the numbers differ by more than one slip.
  EXPECT_EQ(EmailLevelOf("lola.brown12@gmail.com", "lola.brown57@gmail.com"),
            AsLevel(EmailLevel::kDifferent));
  EXPECT_EQ(EmailLevelOf("lola.brown12@gmail.com", "lola.brown2@gmail.com"),
            AsLevel(EmailLevel::kSimilar));
  // The '@' typed in the wrong place.
  EXPECT_EQ(EmailLevelOf("h.k@sharp.com", "h.k.sharpp@com"), AsLevel(EmailLevel::kSimilar));
  EXPECT_EQ(EmailLevelOf("lola.b@martinez.net", "theodore.m@taylor.com"),
            AsLevel(EmailLevel::kDifferent));
  EXPECT_EQ(EmailLevelOf("", "theodore.m@taylor.com"), kMissingLevel);
}

TEST(Compare, NameWithAMissingWordIsContained) {
  EXPECT_EQ(NameLevelOf({"elizabeth", "wright"}, {"wright"}), AsLevel(NameLevel::kContained));
  EXPECT_EQ(NameLevelOf({"wright"}, {"elizabeth", "wrihgt"}), AsLevel(NameLevel::kContained));
  EXPECT_EQ(NameLevelOf({"harry"}, {"lola", "brown"}), AsLevel(NameLevel::kDifferent));
  // An initial alone is not enough.
  EXPECT_EQ(NameLevelOf({"l"}, {"lola", "brown"}), AsLevel(NameLevel::kDifferent));
}

// A station's or a household's phone, given by people of different names, is not compared.
TEST(Compare, PhoneSharedByDifferentNamesIsNotCompared) {
  ErRecord officer, other_officer, same_officer;
  officer.name_tokens = {"vinod", "nair"};
  other_officer.name_tokens = {"shaji", "nambiar"};
  same_officer.name_tokens = {"vinod", "nair"};
  for (ErRecord* r : {&officer, &other_officer, &same_officer}) r->phone = "+91 98470 12345";
  const auto phone = static_cast<std::size_t>(ErField::kPhone);
  const std::vector<FieldComparison> others = Compare(officer, other_officer);
  EXPECT_EQ(others[0].level, AsLevel(NameLevel::kDifferent));
  EXPECT_EQ(others[phone].level, kMissingLevel);
  EXPECT_TRUE(others[phone].tf_key.empty());
  EXPECT_EQ(others[phone].left, "9847012345");  // still shown
  const std::vector<FieldComparison> same = Compare(officer, same_officer);
  EXPECT_EQ(same[phone].level, AsLevel(PhoneLevel::kEqual));
  EXPECT_EQ(same[phone].tf_key, "9847012345");
  // Different phones stay different whatever the names.
  other_officer.phone = "9847099999";
  EXPECT_EQ(Compare(officer, other_officer)[phone].level, AsLevel(PhoneLevel::kDifferent));
  Level levels[kErFieldCount];
  const PreparedRecord a = Prepare(officer), b = Prepare(same_officer);
  CompareLevels(a, b, levels);
  EXPECT_EQ(levels[phone], AsLevel(PhoneLevel::kEqual));
}

TEST(Compare, AllFieldsInOrderWithValues) {
  ErRecord a;
  a.name_tokens = {"senthil", "kumar"};
  a.father_tokens = {"ramasamy"};
  a.birth = {std::nullopt, 34, 2024};
  a.phone = "+91 98765-43210";
  a.address_tokens = {"rampur", "sadar", "meerut"};
  a.identifier = "X123";
  ErRecord b = a;
  b.father_tokens.clear();
  b.birth = {1990, std::nullopt, std::nullopt};
  b.phone = "9876543210";
  b.address_tokens = {"rampur", "meerut"};
  b.identifier = "Y999";
  const std::vector<FieldComparison> c = Compare(a, b);
  ASSERT_EQ(c.size(), static_cast<std::size_t>(kErFieldCount));
  for (int k = 0; k < kErFieldCount; ++k) EXPECT_EQ(c[k].field, static_cast<ErField>(k));
  EXPECT_EQ(c[0].level_name, "exact");
  EXPECT_EQ(c[0].tf_key, "kumar senthil");
  EXPECT_EQ(c[1].level, kMissingLevel);
  EXPECT_EQ(c[1].level_name, "missing");
  EXPECT_EQ(c[2].level_name, "same_year");
  EXPECT_EQ(c[2].left, "1990 (age 34 in 2024)");
  EXPECT_EQ(c[3].level, AsLevel(PhoneLevel::kEqual));
  EXPECT_EQ(c[3].tf_key, "9876543210");
  EXPECT_EQ(c[4].level, AsLevel(AddressLevel::kContained));
  EXPECT_EQ(c[5].level, AsLevel(IdentifierLevel::kDifferent));
  EXPECT_TRUE(c[5].tf_key.empty());
  EXPECT_EQ(Levels(c).size(), c.size());
  EXPECT_EQ(ErFieldSpecs().size(), c.size());
}

TEST(Compare, AddressOverlapLevels) {
  auto level = [](const Tokens& x, const Tokens& y) {
    ErRecord left;
    ErRecord right;
    left.address_tokens = x;
    right.address_tokens = y;
    return Compare(left, right)[static_cast<int>(ErField::kAddress)].level;
  };
  EXPECT_EQ(level({"a", "b", "c", "d"}, {"a", "b", "x", "y"}), AsLevel(AddressLevel::kHalf));
  EXPECT_EQ(level({"a", "b", "c", "d"}, {"a", "x", "y", "z"}), AsLevel(AddressLevel::kSome));
  EXPECT_EQ(level({"a", "b"}, {"x", "y"}), AsLevel(AddressLevel::kNone));
  EXPECT_EQ(level({}, {"x"}), kMissingLevel);
}

// ---- Fellegi–Sunter ----

// A known two-class model over four fields, from which level vectors are drawn.
struct SyntheticModel {
  std::vector<std::vector<double>> m = {
      {0.70, 0.15, 0.10, 0.05}, {0.80, 0.12, 0.08}, {0.85, 0.15}, {0.50, 0.25, 0.12, 0.08, 0.05}};
  std::vector<std::vector<double>> u = {
      {0.02, 0.05, 0.13, 0.80}, {0.05, 0.15, 0.80}, {0.30, 0.70}, {0.01, 0.04, 0.10, 0.25, 0.60}};
  double lambda = 0.15;
  double missing_rate = 0.05;

  std::vector<FieldSpec> Specs() const {
    std::vector<FieldSpec> specs;
    for (std::size_t k = 0; k < m.size(); ++k) {
      FieldSpec spec;
      spec.name = "f" + std::to_string(k);
      for (std::size_t l = 0; l < m[k].size(); ++l)
        spec.level_names.push_back("l" + std::to_string(l));
      spec.tf_level = 0;
      specs.push_back(std::move(spec));
    }
    return specs;
  }

  LevelVector Draw(std::mt19937& rng, bool match) const {
    std::bernoulli_distribution missing(missing_rate);
    LevelVector levels;
    for (std::size_t k = 0; k < m.size(); ++k) {
      const std::vector<double>& p = match ? m[k] : u[k];
      std::discrete_distribution<Level> level(p.begin(), p.end());
      const Level l = level(rng);
      levels.push_back(missing(rng) ? kMissingLevel : l);
    }
    return levels;
  }

  std::vector<LevelVector> Candidates(std::mt19937& rng, int count) const {
    std::bernoulli_distribution is_match(lambda);
    std::vector<LevelVector> pairs;
    for (int i = 0; i < count; ++i) pairs.push_back(Draw(rng, is_match(rng)));
    return pairs;
  }
};

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want, double tolerance,
                const std::string& what) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t l = 0; l < got.size(); ++l) {
    EXPECT_NEAR(got[l], want[l], tolerance) << what << " level " << l;
  }
}

TEST(FellegiSunter, EmRecoversKnownModel) {
  const SyntheticModel truth;
  std::mt19937 rng(42);
  FellegiSunterModel model(truth.Specs());
  ASSERT_TRUE(model.EstimateU(20000, [&] { return truth.Draw(rng, false); }).ok());
  const std::vector<LevelVector> candidates = truth.Candidates(rng, 20000);
  const StatusOr<EmReport> report = model.Estimate(candidates);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->converged);
  EXPECT_NEAR(model.lambda(), truth.lambda, 0.03);
  for (std::size_t k = 0; k < truth.m.size(); ++k) {
    ExpectNear(model.fields()[k].m, truth.m[k], 0.05, "m of field " + std::to_string(k));
    ExpectNear(model.fields()[k].u, truth.u[k], 0.05, "u of field " + std::to_string(k));
    for (double p : model.fields()[k].m) EXPECT_GT(p, 0.0);
  }
}

TEST(FellegiSunter, EmCanAlsoEstimateU) {
  const SyntheticModel truth;
  std::mt19937 rng(43);
  FellegiSunterModel model(truth.Specs());
  const std::vector<LevelVector> candidates = truth.Candidates(rng, 20000);
  EmOptions options;
  options.update_u = true;
  options.max_iterations = 1000;
  const StatusOr<EmReport> report = model.Estimate(candidates, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_NEAR(model.lambda(), truth.lambda, 0.03);
  for (std::size_t k = 0; k < truth.m.size(); ++k) {
    ExpectNear(model.fields()[k].m, truth.m[k], 0.05, "m of field " + std::to_string(k));
    ExpectNear(model.fields()[k].u, truth.u[k], 0.05, "u of field " + std::to_string(k));
  }
}

// Field 2 made to mislead: its level 0 is commoner among non-matches than among matches.
SyntheticModel FlippedModel() {
  SyntheticModel model;
  model.m[2] = {0.30, 0.70};
  model.u[2] = {0.70, 0.30};
  return model;
}

bool FactorsNonIncreasing(const FieldParams& f) {
  for (std::size_t l = 1; l < f.m.size(); ++l) {
    if (f.m[l] / f.u[l] > f.m[l - 1] / f.u[l - 1] * (1 + 1e-9)) return false;
  }
  return true;
}

TEST(FellegiSunter, MonotoneEmKeepsLevelsInOrderOfEvidence) {
  const SyntheticModel truth = FlippedModel();
  for (const bool update_u : {false, true}) {
    std::mt19937 rng(44);
    FellegiSunterModel model(truth.Specs());
    ASSERT_TRUE(model.EstimateU(20000, [&] { return truth.Draw(rng, false); }).ok());
    FellegiSunterModel unconstrained = model;
    const std::vector<LevelVector> candidates = truth.Candidates(rng, 20000);
    EmOptions options;
    options.update_u = update_u;
    options.max_iterations = 1000;
    ASSERT_TRUE(model.Estimate(candidates, options).ok());
    for (const FieldParams& f : model.fields()) {
      EXPECT_TRUE(FactorsNonIncreasing(f)) << f.spec.name << " update_u=" << update_u;
      EXPECT_NEAR(std::accumulate(f.m.begin(), f.m.end(), 0.0), 1.0, 1e-9);
      EXPECT_NEAR(std::accumulate(f.u.begin(), f.u.end(), 0.0), 1.0, 1e-9);
    }
    // The misleading field is pooled to no evidence either way; the others are still learned.
    const FieldParams& flipped = model.fields()[2];
    EXPECT_NEAR(flipped.m[0] / flipped.u[0], 1.0, 1e-9);
    EXPECT_GT(model.fields()[0].m[0] / model.fields()[0].u[0], 10.0);
    EXPECT_NEAR(model.lambda(), truth.lambda, 0.05);

    options.monotone = false;
    ASSERT_TRUE(unconstrained.Estimate(candidates, options).ok());
    EXPECT_FALSE(FactorsNonIncreasing(unconstrained.fields()[2]));
  }
}

TEST(FellegiSunter, RejectsMalformedLevelVectors) {
  FellegiSunterModel model(SyntheticModel().Specs());
  const std::vector<LevelVector> too_short = {{0, 0, 0}};
  EXPECT_EQ(model.Estimate(too_short).status().code(), StatusCode::kInvalidArgument);
  const std::vector<LevelVector> out_of_range = {{0, 0, 2, 0}};
  const Status status = model.EstimateU(out_of_range);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("f2"), std::string::npos) << status.message();
  EXPECT_FALSE(model.Estimate(std::vector<LevelVector>{}).ok());
}

FellegiSunterModel TrainedModel() {
  const SyntheticModel truth;
  FellegiSunterModel model(truth.Specs());
  model.set_lambda(truth.lambda);
  for (std::size_t k = 0; k < truth.m.size(); ++k) {
    model.set_m(k, truth.m[k]);
    model.set_u(k, truth.u[k]);
  }
  return model;
}

TEST(FellegiSunter, ExplanationSumsToMatchWeight) {
  const FellegiSunterModel model = TrainedModel();
  const LevelVector levels = {0, kMissingLevel, 1, 4};
  const Weights w = model.Score(levels);
  double sum = w.prior_weight;
  for (const FieldWeight& f : w.fields) sum += f.weight;
  EXPECT_NEAR(sum, w.match_weight, 1e-12);
  EXPECT_NEAR(w.prior_weight, std::log2(0.15 / 0.85), 1e-12);
  EXPECT_NEAR(w.fields[0].weight, std::log2(0.70 / 0.02), 1e-12);
  EXPECT_EQ(w.fields[1].level_name, "missing");
  EXPECT_DOUBLE_EQ(w.fields[1].weight, 0.0);
  EXPECT_EQ(w.fields[3].field, "f3");
  EXPECT_LT(w.fields[3].weight, 0.0);
  EXPECT_NEAR(w.probability, 1.0 / (1.0 + std::exp2(-w.match_weight)), 1e-12);
  // More agreement means a higher probability.
  EXPECT_GT(model.Score(LevelVector{0, 0, 0, 0}).probability, w.probability);
}

TEST(FellegiSunter, CommonValueWeighsLessThanRareOne) {
  const FellegiSunterModel model = TrainedModel();
  const LevelVector levels = {0, 0, 0, 0};
  const std::vector<std::optional<double>> common = {0.2, std::nullopt, std::nullopt, std::nullopt};
  const std::vector<std::optional<double>> rare = {1e-3, std::nullopt, std::nullopt, std::nullopt};
  const std::vector<std::optional<double>> unseen_floor = {1e-9, std::nullopt, std::nullopt,
                                                           std::nullopt};
  const Weights plain = model.Score(levels);
  const Weights with_common = model.Score(levels, common);
  const Weights with_rare = model.Score(levels, rare);
  EXPECT_LT(with_common.fields[0].weight, with_rare.fields[0].weight);
  EXPECT_LT(with_common.match_weight, plain.match_weight);  // 0.2 is above the average u 0.02
  EXPECT_TRUE(with_common.fields[0].tf_adjusted);
  EXPECT_FALSE(with_common.fields[1].tf_adjusted);
  EXPECT_DOUBLE_EQ(with_common.fields[0].u, 0.2);
  EXPECT_DOUBLE_EQ(model.Score(levels, unseen_floor).fields[0].u, model.tf_min_u());
  // The frequency is read only at the exact level.
  const Weights not_exact = model.Score(LevelVector{1, 0, 0, 0}, common);
  EXPECT_FALSE(not_exact.fields[0].tf_adjusted);
}

// A name field whose u the candidate pairs raised from 0.01 (random pairs) to 0.2: a value's
// frequency is read against the random-pair average, so a value as frequent as that average
// weighs what the field's exact level does, a rarer one more, a commoner one no less.
TEST(FellegiSunter, RelativeTermFrequencyIsReadAgainstTheAverage) {
  FieldSpec spec;
  spec.name = "name";
  spec.level_names = {"exact", "different"};
  spec.tf_level = 0;
  spec.tf_relative = true;
  FellegiSunterModel model({spec});
  std::vector<LevelVector> random_pairs(100, LevelVector{1});
  random_pairs[0] = {0};
  ASSERT_TRUE(model.EstimateU(random_pairs, 0.0).ok());
  EXPECT_DOUBLE_EQ(model.fields()[0].tf_mean_u, 0.01);
  model.set_m(0, {0.9, 0.1});
  model.set_u(0, {0.2, 0.8});  // as EM with update_u leaves it
  const LevelVector exact = {0};
  auto weight = [&](double frequency) {
    return model.Score(exact, std::vector<std::optional<double>>{frequency}).fields[0].weight;
  };
  EXPECT_NEAR(weight(0.01), std::log2(0.9 / 0.2), 1e-9);
  EXPECT_NEAR(weight(0.001), std::log2(0.9 / 0.02), 1e-9);
  // A value commoner than the average weighs what the level does, no less.
  EXPECT_NEAR(weight(0.03), std::log2(0.9 / 0.2), 1e-9);
  EXPECT_DOUBLE_EQ(model.MatchProbability(exact, std::vector<std::optional<double>>{0.001}),
                   model.Score(exact, std::vector<std::optional<double>>{0.001}).probability);
  // A plain field reads the frequency as u itself.
  spec.tf_relative = false;
  FellegiSunterModel plain({spec});
  ASSERT_TRUE(plain.EstimateU(random_pairs, 0.0).ok());
  EXPECT_EQ(plain.fields()[0].tf_mean_u, 0.0);
  plain.set_m(0, {0.9, 0.1});
  plain.set_u(0, {0.2, 0.8});
  EXPECT_NEAR(plain.Score(exact, std::vector<std::optional<double>>{0.001}).fields[0].weight,
              std::log2(0.9 / 0.001), 1e-9);

  // The text form keeps the average; a model written without it reads frequencies plainly.
  const std::string text = model.Serialize();
  const StatusOr<FellegiSunterModel> parsed = FellegiSunterModel::Parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->Serialize(), text);
  EXPECT_EQ(parsed->fields()[0].tf_mean_u, 0.01);
  EXPECT_TRUE(parsed->fields()[0].spec.tf_relative);
  std::string old_text = text;
  const std::string field_line = "field name 2 0";
  ASSERT_NE(old_text.find(field_line + " 0.01\n"), std::string::npos) << text;
  const std::size_t mean = old_text.find(field_line) + field_line.size();
  old_text.erase(mean, old_text.find('\n', mean) - mean);
  const StatusOr<FellegiSunterModel> old_model = FellegiSunterModel::Parse(old_text);
  ASSERT_TRUE(old_model.ok()) << old_model.status().ToString();
  EXPECT_EQ(old_model->fields()[0].tf_mean_u, 0.0);
  std::string bad_mean = text;
  bad_mean.replace(mean, 5, " 0.01x");
  EXPECT_FALSE(FellegiSunterModel::Parse(bad_mean).ok());
}

TEST(FellegiSunter, TermFrequenciesFromRecords) {
  std::vector<ErRecord> records(10);
  for (std::size_t i = 0; i < records.size(); ++i) {
    records[i].name_tokens = {i < 6 ? "kumar" : "jaswinder"};
    records[i].phone = std::to_string(9000000000 + i);
  }
  const std::vector<ValueFrequencies> tables = CountValues(records);
  const auto common = TfFrequencies(Compare(records[0], records[1]), tables);
  const auto rare = TfFrequencies(Compare(records[7], records[8]), tables);
  ASSERT_TRUE(common[0] && rare[0]);
  EXPECT_DOUBLE_EQ(*common[0], 0.6);
  EXPECT_DOUBLE_EQ(*rare[0], 0.4);
  EXPECT_FALSE(common[3]);  // different phones: no agreed value

  // A record repeated in every identifying field is one holder of its values, not two; the
  // same name with another phone is another holder.
  records.push_back(records[7]);
  records.push_back(records[7]);
  records.back().phone = "8000000000";
  const std::vector<ValueFrequencies> repeated = CountValues(records);
  EXPECT_EQ(repeated[0].total(), 11u);
  EXPECT_DOUBLE_EQ(*repeated[0].Frequency("jaswinder"), 5.0 / 11.0);
  EXPECT_DOUBLE_EQ(*repeated[3].Frequency("9000000007"), 1.0 / 11.0);
}

TEST(FellegiSunter, SerializeRoundTrips) {
  FellegiSunterModel model = TrainedModel();
  model.set_tf_min_u(1e-5);
  const std::string text = model.Serialize();
  const StatusOr<FellegiSunterModel> parsed = FellegiSunterModel::Parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->Serialize(), text);
  EXPECT_EQ(parsed->lambda(), model.lambda());
  EXPECT_EQ(parsed->fields()[3].u, model.fields()[3].u);
  EXPECT_EQ(parsed->fields()[2].spec.level_names, model.fields()[2].spec.level_names);

  std::string broken = text;
  broken.replace(broken.find("lambda"), 6, "lambada");
  const Status status = FellegiSunterModel::Parse(broken).status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("line 2"), std::string::npos) << status.message();
  EXPECT_FALSE(FellegiSunterModel::Parse(text.substr(0, text.rfind("level"))).ok());
}

// Damaged model files are user input: every mutation either parses or fails with a Status.
TEST(FellegiSunter, ParseSurvivesDamagedText) {
  const std::string text = TrainedModel().Serialize();
  std::mt19937 rng(5);
  std::uniform_int_distribution<std::size_t> position(0, text.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string damaged = text;
    for (int edits = 1 + trial % 3; edits > 0; --edits) {
      damaged[position(rng)] = static_cast<char>(byte(rng));
    }
    const StatusOr<FellegiSunterModel> parsed = FellegiSunterModel::Parse(damaged);
    if (parsed.ok()) {
      EXPECT_EQ(parsed->field_count(), 4u);
    }
  }
}

// ---- Blocking ----

TEST(Blocking, RuleCapSkipsOnlyItsOwnLargeBlocks) {
  const std::vector<std::vector<std::string>> keys = {
      {"n:kumar", "ny:kumar|1990"}, {"n:kumar", "ny:kumar|1990"}, {"n:kumar"}, {"x:1"}, {"x:1"}};
  BlockingOptions options;
  options.rule_caps = {{.prefix = "n:", .max_block_size = 2}};
  BlockingStats stats;
  using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  EXPECT_EQ(CandidatePairs(keys, options, &stats), (Pairs{{0, 1}, {3, 4}}));
  EXPECT_EQ(stats.blocks_skipped, 1u);
  EXPECT_EQ(stats.records_in_skipped, 3u);
  options.rule_caps = {{.prefix = "n:", .max_block_size = 3}};
  EXPECT_EQ(CandidatePairs(keys, options), (Pairs{{0, 1}, {0, 2}, {1, 2}, {3, 4}}));
  // The general cap still bounds a rule's own.
  options.max_block_size = 2;
  EXPECT_EQ(CandidatePairs(keys, options), (Pairs{{0, 1}, {3, 4}}));
}

TEST(FellegiSunter, ErFieldSpecsMakeAModel) {
  FellegiSunterModel model(ErFieldSpecs());
  ErRecord a;
  a.name_tokens = {"kumar"};
  const Weights w = model.Score(Levels(Compare(a, a)));
  EXPECT_EQ(w.fields[0].level_name, "exact");
  EXPECT_EQ(w.fields[5].level_name, "missing");
}

}  // namespace
}  // namespace sutra::algorithms::er
