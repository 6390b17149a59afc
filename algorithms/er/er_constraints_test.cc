// Reviewer decisions and strong identifiers in clustering: what the model may not override.

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "algorithms/er/clustering.h"
#include "algorithms/er/strong_identifier.h"

namespace sutra::algorithms::er {
namespace {

using Ids = std::vector<std::uint32_t>;

ScoredPair P(std::uint32_t a, std::uint32_t b, double p) { return {a, b, p}; }
ClusteringOptions Options() { return {.threshold = 0.8, .cohesion = 0.5}; }

// Three records that the model scores as one person.
std::vector<ScoredPair> Triangle() { return {P(0, 1, 0.99), P(0, 2, 0.99), P(1, 2, 0.99)}; }

TEST(ClusterConstraints, ReviewerSameMergesRecordsTheModelNeverScored) {
  ClusterConstraints c;
  c.decisions = {{.a = 3, .b = 1, .same = true}};
  ClusterReport report;
  EXPECT_EQ(Cluster(4, {}, Options(), c, &report), (Ids{0, 1, 2, 1}));
  EXPECT_EQ(report.same_applied, 1u);
}

TEST(ClusterConstraints, ReviewerDifferentSplitsWhatTheModelJoins) {
  EXPECT_EQ(Cluster(3, Triangle(), Options()), (Ids{0, 0, 0}));
  ClusterConstraints c;
  c.decisions = {{.a = 2, .b = 0, .same = false}};
  const Ids ids = Cluster(3, Triangle(), Options(), c);
  EXPECT_NE(ids[0], ids[2]);
}

TEST(ClusterConstraints, LastDecisionOnAPairWins) {
  ClusterConstraints c;
  c.decisions = {{.a = 0, .b = 1, .same = false}, {.a = 1, .b = 0, .same = true}};
  EXPECT_EQ(Cluster(2, {}, Options(), c), (Ids{0, 0}));
  c.decisions = {{.a = 0, .b = 1, .same = true}, {.a = 0, .b = 1, .same = false}};
  EXPECT_EQ(Cluster(2, {P(0, 1, 0.99)}, Options(), c), (Ids{0, 1}));
}

TEST(ClusterConstraints, SameThatWouldBreakADifferentIsSkippedAndCounted) {
  ClusterConstraints c;
  c.decisions = {{.a = 0, .b = 1, .same = true},
                 {.a = 1, .b = 2, .same = true},
                 {.a = 0, .b = 2, .same = false}};
  ClusterReport report;
  const Ids ids = Cluster(3, {}, Options(), c, &report);
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_NE(ids[0], ids[2]);
  EXPECT_EQ(report.same_applied, 1u);
  EXPECT_EQ(report.same_conflicting, 1u);
}

TEST(ClusterConstraints, DifferentStrongIdsKeepTheModelFromMerging) {
  ClusterConstraints c;
  c.strong_ids = {"aadhaar:1", "aadhaar:2", ""};
  ClusterReport report;
  const Ids ids = Cluster(3, Triangle(), Options(), c, &report);
  EXPECT_NE(ids[0], ids[1]);
  EXPECT_GE(report.refused_by_identifier, 1u);
  // A record without an identifier joins one of them, not both (that would join 0 and 1).
  EXPECT_TRUE(ids[2] == ids[0] || ids[2] == ids[1]);
  // When the rule says the two identifiers are one slip apart, the model may merge.
  c.plainly_differ = [](std::string_view, std::string_view) { return false; };
  EXPECT_EQ(Cluster(3, Triangle(), Options(), c), (Ids{0, 0, 0}));
}

TEST(ClusterConstraints, ReviewerSameOverridesStrongIds) {
  ClusterConstraints c;
  c.strong_ids = {"aadhaar:1", "aadhaar:2"};
  c.decisions = {{.a = 0, .b = 1, .same = true}};
  EXPECT_EQ(Cluster(2, {P(0, 1, 0.99)}, Options(), c), (Ids{0, 0}));
}

// The property: without a reviewer's "same", no person holds two strong identifiers that
// plainly differ, and no person holds two records a reviewer kept apart, whatever the scores.
TEST(ClusterConstraints, RandomScoresNeverBreakIdentifiersOrDecisions) {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = std::uniform_int_distribution<std::uint32_t>(2, 30)(rng);
    std::vector<ScoredPair> pairs;
    const int pair_count = std::uniform_int_distribution<int>(0, 120)(rng);
    std::uniform_int_distribution<std::uint32_t> record(0, n - 1);
    std::uniform_real_distribution<double> probability(0.5, 1.0);
    for (int i = 0; i < pair_count; ++i)
      pairs.push_back(P(record(rng), record(rng), probability(rng)));
    ClusterConstraints c;
    c.strong_ids.resize(n);
    for (auto& id : c.strong_ids) {
      const int kind = std::uniform_int_distribution<int>(0, 4)(rng);
      if (kind > 0) id = "aadhaar:" + std::to_string(kind);
    }
    const int decision_count = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int i = 0; i < decision_count; ++i) {
      c.decisions.push_back({.a = record(rng), .b = record(rng), .same = false});
    }
    const Ids ids = Cluster(n, pairs, {.threshold = 0.6, .cohesion = 0.0}, c);
    for (std::uint32_t a = 0; a < n; ++a) {
      for (std::uint32_t b = a + 1; b < n; ++b) {
        if (ids[a] != ids[b]) continue;
        const std::string &x = c.strong_ids[a], &y = c.strong_ids[b];
        EXPECT_FALSE(!x.empty() && !y.empty() && x != y)
            << "round " << round << ": " << a << "," << b;
      }
    }
    for (const PairDecision& d : c.decisions) {
      if (d.a != d.b) {
        EXPECT_NE(ids[d.a], ids[d.b]) << "round " << round;
      }
    }
  }
}

TEST(StrongIdentifier, AadhaarNeedsAValidVerhoeffCheckDigit) {
  // 234123412346 is valid (check digit 6); every single-digit change of it is not.
  EXPECT_EQ(StrongIdentifier("2341 2341 2346"), "aadhaar:234123412346");
  EXPECT_EQ(StrongIdentifier("2341-2341-2346"), "aadhaar:234123412346");
  const std::string valid = "234123412346";
  for (std::size_t i = 0; i < valid.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == valid[i]) continue;
      std::string slip = valid;
      slip[i] = d;
      EXPECT_FALSE(VerhoeffValid(slip)) << slip;
    }
    if (i + 1 < valid.size() && valid[i] != valid[i + 1]) {
      std::string swap = valid;
      std::swap(swap[i], swap[i + 1]);
      EXPECT_FALSE(VerhoeffValid(swap)) << swap;
    }
  }
  EXPECT_EQ(StrongIdentifier("134123412346"), std::nullopt);  // cannot start with 0 or 1
  EXPECT_EQ(StrongIdentifier("6988048"), std::nullopt);       // FEBRL's numbers are not strong
  EXPECT_EQ(StrongIdentifier("robert255@smith.net"), std::nullopt);
}

TEST(StrongIdentifier, PanOneSlipApartMayBeOnePerson) {
  EXPECT_EQ(StrongIdentifier("abcpe1234f"), "pan:ABCPE1234F");
  EXPECT_EQ(StrongIdentifier("ABCXE1234F"), std::nullopt);                    // X is no holder type
  EXPECT_FALSE(StrongIdentifiersDiffer("pan:ABCPE1234F", "pan:ABCPE1243F"));  // adjacent swap
  EXPECT_FALSE(StrongIdentifiersDiffer("pan:ABCPE1234F", "pan:ABCPE1235F"));  // one digit
  EXPECT_TRUE(StrongIdentifiersDiffer("pan:ABCPE1234F", "pan:ABCPE9934F"));
  EXPECT_TRUE(StrongIdentifiersDiffer("aadhaar:234123412346", "aadhaar:999941057055"));
  EXPECT_FALSE(StrongIdentifiersDiffer("aadhaar:234123412346", "pan:ABCPE1234F"));
}

}  // namespace
}  // namespace sutra::algorithms::er
