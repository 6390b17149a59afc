#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

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
            AsLevel(BirthLevel::kDifferent));
  EXPECT_EQ(BirthLevelOf(year_1990, {std::nullopt, 34, std::nullopt}), kMissingLevel);
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
