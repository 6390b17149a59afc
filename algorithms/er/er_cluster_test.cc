#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/er/blocking.h"
#include "algorithms/er/clustering.h"

namespace sutra::algorithms::er {
namespace {

using Keys = std::vector<std::vector<std::string>>;
using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
using Ids = std::vector<std::uint32_t>;

// ---- Blocking ----

// The definition, pair by pair: i < j share a key whose block (distinct records holding it) is
// within the cap.
Pairs BruteForcePairs(const Keys& keys, std::size_t max_block_size) {
  std::map<std::string, std::set<std::uint32_t>> blocks;
  for (std::uint32_t r = 0; r < keys.size(); ++r) {
    for (const std::string& key : keys[r]) blocks[key].insert(r);
  }
  Pairs pairs;
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    for (std::uint32_t j = i + 1; j < keys.size(); ++j) {
      for (const std::string& key : keys[i]) {
        const auto& block = blocks[key];
        if (block.size() <= max_block_size && block.count(j) > 0) {
          pairs.emplace_back(i, j);
          break;
        }
      }
    }
  }
  return pairs;
}

TEST(CandidatePairs, MatchesBruteForceOnRandomInputs) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    const std::size_t records = std::uniform_int_distribution<std::size_t>(0, 40)(rng);
    const int alphabet = std::uniform_int_distribution<int>(1, 12)(rng);
    Keys keys(records);
    for (auto& record_keys : keys) {
      const int count = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int k = 0; k < count; ++k) {
        const int rule = std::uniform_int_distribution<int>(0, 1)(rng);
        const int value = std::uniform_int_distribution<int>(0, alphabet - 1)(rng);
        record_keys.push_back((rule == 0 ? "ph:" : "tel:") + std::to_string(value));
      }
    }
    BlockingOptions options;
    options.max_block_size = std::uniform_int_distribution<std::size_t>(1, 12)(rng);
    BlockingStats stats;
    const Pairs pairs = CandidatePairs(keys, options, &stats);

    ASSERT_EQ(pairs, BruteForcePairs(keys, options.max_block_size)) << "round " << round;
    EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
    EXPECT_EQ(std::adjacent_find(pairs.begin(), pairs.end()), pairs.end());
    for (const auto& [i, j] : pairs) EXPECT_LT(i, j);
    EXPECT_EQ(stats.pairs, pairs.size());

    std::map<std::string, std::set<std::uint32_t>> blocks;
    for (std::uint32_t r = 0; r < records; ++r) {
      for (const std::string& key : keys[r]) blocks[key].insert(r);
    }
    std::size_t skipped = 0, in_skipped = 0;
    for (const auto& [key, block] : blocks) {
      if (block.size() > options.max_block_size) {
        ++skipped;
        in_skipped += block.size();
      }
    }
    EXPECT_EQ(stats.keys, blocks.size());
    EXPECT_EQ(stats.blocks_skipped, skipped);
    EXPECT_EQ(stats.records_in_skipped, in_skipped);
  }
}

TEST(CandidatePairs, SkipsAndCountsBlocksOverTheCap) {
  // Five records share a hub phone; only the rare name key of records 1 and 3 yields a pair.
  const Keys keys = {
      {"tel:100"}, {"tel:100", "ph:SNT"}, {"tel:100"}, {"tel:100", "ph:SNT"}, {"tel:100"}};
  BlockingOptions options;
  options.max_block_size = 4;
  BlockingStats stats;
  EXPECT_EQ(CandidatePairs(keys, options, &stats), (Pairs{{1, 3}}));
  EXPECT_EQ(stats.keys, 2u);
  EXPECT_EQ(stats.blocks_skipped, 1u);
  EXPECT_EQ(stats.records_in_skipped, 5u);
  EXPECT_EQ(stats.pairs, 1u);

  // At exactly the cap the block is expanded.
  options.max_block_size = 5;
  EXPECT_EQ(CandidatePairs(keys, options, &stats).size(), 10u);
  EXPECT_EQ(stats.blocks_skipped, 0u);
}

TEST(CandidatePairs, KeyRepeatedInARecordCountsOnce) {
  const Keys keys = {{"ph:A", "ph:A", "ph:A"}, {"ph:A"}, {}};
  BlockingOptions options;
  options.max_block_size = 2;
  BlockingStats stats;
  EXPECT_EQ(CandidatePairs(keys, options, &stats), (Pairs{{0, 1}}));
  EXPECT_EQ(stats.blocks_skipped, 0u);
}

TEST(CandidatePairs, RulePrefixesKeepEqualValuesApart) {
  const Keys keys = {{"ph:123"}, {"tel:123"}};
  EXPECT_TRUE(CandidatePairs(keys).empty());
  EXPECT_TRUE(CandidatePairs({}).empty());
}

// ---- Clustering ----

ScoredPair P(std::uint32_t a, std::uint32_t b, double probability) { return {a, b, probability}; }

ClusteringOptions Options(double threshold, double cohesion) {
  ClusteringOptions options;
  options.threshold = threshold;
  options.cohesion = cohesion;
  return options;
}

// Two people with three records each: every pair within a person at 0.95.
std::vector<ScoredPair> TwoTriangles() {
  return {P(0, 1, 0.95), P(0, 2, 0.95), P(1, 2, 0.95), P(3, 4, 0.95), P(3, 5, 0.95), P(4, 5, 0.95)};
}

TEST(Cluster, OneBadLinkDoesNotJoinTwoPeople) {
  auto pairs = TwoTriangles();
  pairs.push_back(P(2, 3, 0.9));  // strong, but 0.9 / 9 cross pairs = 0.1 on average
  EXPECT_EQ(Cluster(6, pairs), (Ids{0, 0, 0, 3, 3, 3}));
  // Connected components (cohesion 0) chain them into one.
  EXPECT_EQ(Cluster(6, pairs, Options(0.5, 0.0)), (Ids{0, 0, 0, 0, 0, 0}));
}

TEST(Cluster, BadLinkStrongerThanEverythingJoinsOnlyItsTwoRecords) {
  // The documented limit: the wrong link is taken first and its two records merge before their
  // groups form; the groups then stay apart (average 1.9 / 4 < 0.5), so nobody is chained.
  auto pairs = TwoTriangles();
  pairs.push_back(P(2, 3, 0.99));
  EXPECT_EQ(Cluster(6, pairs), (Ids{0, 0, 2, 2, 4, 4}));
}

TEST(Cluster, ChainOfNeighboursDoesNotBecomeOneCluster) {
  // {0,1} against {2}: (0.9 + 0) / 2 = 0.45 < 0.5.
  const std::vector<ScoredPair> chain = {P(0, 1, 0.9), P(1, 2, 0.9), P(2, 3, 0.9)};
  EXPECT_EQ(Cluster(4, chain), (Ids{0, 0, 2, 2}));
  // The middle link strongest: {1,2} forms and neither end can join it.
  EXPECT_EQ(Cluster(4, {P(0, 1, 0.9), P(1, 2, 0.95), P(2, 3, 0.9)}), (Ids{0, 1, 1, 3}));
  EXPECT_EQ(Cluster(4, chain, Options(0.5, 0.0)), (Ids{0, 0, 0, 0}));
}

TEST(Cluster, CliqueMerges) {
  std::vector<ScoredPair> clique;
  for (std::uint32_t a = 0; a < 6; ++a) {
    for (std::uint32_t b = a + 1; b < 6; ++b) clique.push_back(P(a, b, 0.7));
  }
  EXPECT_EQ(Cluster(7, clique), (Ids{0, 0, 0, 0, 0, 0, 6}));
  // Every pair exactly at the cohesion: the average equals it up to rounding, and merges.
  EXPECT_EQ(Cluster(7, clique, Options(0.7, 0.7)), (Ids{0, 0, 0, 0, 0, 0, 6}));
}

TEST(Cluster, ScoredPairsBelowThresholdCountInTheAverage) {
  // {0,1} against {2}: (0.9 + 0.3) / 2 = 0.6 joins; without the 0.3 pair, 0.45 does not.
  EXPECT_EQ(Cluster(3, {P(0, 1, 0.9), P(0, 2, 0.9), P(1, 2, 0.3)}), (Ids{0, 0, 0}));
  EXPECT_EQ(Cluster(3, {P(0, 1, 0.9), P(0, 2, 0.9)}), (Ids{0, 0, 2}));
  // Below the threshold alone, nothing joins, however low the cohesion.
  EXPECT_EQ(Cluster(2, {P(0, 1, 0.49)}, Options(0.5, 0.0)), (Ids{0, 1}));
}

TEST(Cluster, CanonicalisesInput) {
  // Reversed, repeated (highest kept), self and NaN pairs.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Cluster(4, {P(1, 0, 0.2), P(0, 1, 0.8), P(2, 2, 1.0), P(3, 2, nan)}),
            (Ids{0, 0, 2, 3}));
  EXPECT_EQ(Cluster(0, {}), Ids{});
  EXPECT_EQ(Cluster(3, {}), (Ids{0, 1, 2}));
}

// Connected components over pairs >= threshold, smallest member as id.
Ids Components(std::size_t n, const std::vector<ScoredPair>& pairs, double threshold) {
  Ids parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x];
    return x;
  };
  for (const ScoredPair& p : pairs) {
    if (p.probability < threshold) continue;
    const std::uint32_t a = find(p.a), b = find(p.b);
    parent[std::max(a, b)] = std::min(a, b);  // the root stays the smallest member
  }
  Ids ids(n);
  for (std::uint32_t r = 0; r < n; ++r) ids[r] = find(r);
  return ids;
}

std::vector<ScoredPair> RandomPairs(std::mt19937& rng, std::size_t n) {
  std::vector<ScoredPair> pairs;
  if (n < 2) return pairs;
  const std::size_t count = std::uniform_int_distribution<std::size_t>(0, 3 * n)(rng);
  std::uniform_int_distribution<std::uint32_t> record(0, static_cast<std::uint32_t>(n - 1));
  std::uniform_real_distribution<double> probability(0.0, 1.0);
  for (std::size_t k = 0; k < count; ++k) {
    // Coarse probabilities make ties and exact-threshold cases common.
    const double p = std::round(probability(rng) * 10.0) / 10.0;
    pairs.push_back(P(record(rng), record(rng), p));
  }
  return pairs;
}

TEST(Cluster, RandomInputsGiveConnectedPartitionsNamedBySmallestMember) {
  std::mt19937 rng(11);
  for (int round = 0; round < 500; ++round) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 30)(rng);
    const auto pairs = RandomPairs(rng, n);
    const ClusteringOptions options =
        Options(std::uniform_int_distribution<int>(1, 9)(rng) / 10.0,
                std::uniform_int_distribution<int>(0, 10)(rng) / 10.0);
    const Ids ids = Cluster(n, pairs, options);
    ASSERT_EQ(ids.size(), n);

    std::map<std::uint32_t, std::vector<std::uint32_t>> members;
    for (std::uint32_t r = 0; r < n; ++r) {
      ASSERT_LE(ids[r], r) << "round " << round;
      ASSERT_EQ(ids[ids[r]], ids[r]) << "round " << round;  // the id is a member of its cluster
      members[ids[r]].push_back(r);
    }
    // Each cluster is connected by its internal pairs >= threshold.
    for (const auto& [id, cluster] : members) {
      std::set<std::uint32_t> reached = {id};
      for (bool grew = true; grew;) {
        grew = false;
        for (const ScoredPair& p : pairs) {
          if (p.probability < options.threshold || ids[p.a] != id || ids[p.b] != id) continue;
          if (reached.count(p.a) != reached.count(p.b)) {
            reached.insert(p.a);
            reached.insert(p.b);
            grew = true;
          }
        }
      }
      EXPECT_EQ(reached.size(), cluster.size()) << "round " << round << " cluster " << id;
    }

    // The same pairs in another order and orientation give the same clusters.
    auto shuffled = pairs;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    for (ScoredPair& p : shuffled) std::swap(p.a, p.b);
    EXPECT_EQ(Cluster(n, shuffled, options), ids) << "round " << round;
  }
}

TEST(Cluster, ZeroCohesionIsConnectedComponents) {
  std::mt19937 rng(13);
  for (int round = 0; round < 500; ++round) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 30)(rng);
    const auto pairs = RandomPairs(rng, n);
    const double threshold = std::uniform_int_distribution<int>(0, 10)(rng) / 10.0;
    EXPECT_EQ(Cluster(n, pairs, Options(threshold, 0.0)), Components(n, pairs, threshold))
        << "round " << round;
  }
}

// The rule of Cluster() written out directly: a dense probability matrix, member lists, and the
// average recomputed from scratch for every candidate merge.
Ids ReferenceCluster(std::size_t n, std::vector<ScoredPair> pairs,
                     const ClusteringOptions& options) {
  std::vector<std::vector<double>> probability(n, std::vector<double>(n, 0.0));
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> best;
  for (ScoredPair p : pairs) {
    if (p.a == p.b) continue;
    if (p.a > p.b) std::swap(p.a, p.b);
    auto [it, inserted] = best.emplace(std::pair(p.a, p.b), p.probability);
    if (!inserted) it->second = std::max(it->second, p.probability);
  }
  std::vector<ScoredPair> order;
  for (const auto& [ab, p] : best) {
    probability[ab.first][ab.second] = probability[ab.second][ab.first] = p;
    if (p >= options.threshold) order.push_back(P(ab.first, ab.second, p));
  }
  std::stable_sort(order.begin(), order.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.probability > y.probability;
  });
  Ids ids(n);
  std::iota(ids.begin(), ids.end(), 0u);
  for (const ScoredPair& p : order) {
    const std::uint32_t a = ids[p.a], b = ids[p.b];
    if (a == b) continue;
    double sum = 0;
    std::size_t size_a = 0, size_b = 0;
    for (std::uint32_t x = 0; x < n; ++x) {
      size_a += ids[x] == a;
      size_b += ids[x] == b;
      for (std::uint32_t y = 0; y < n; ++y) {
        if (ids[x] == a && ids[y] == b) sum += probability[x][y];
      }
    }
    const double cross = static_cast<double>(size_a * size_b);
    if (sum < options.cohesion * cross * (1.0 - 1e-12)) continue;
    const std::uint32_t id = std::min(a, b);
    for (std::uint32_t& x : ids) {
      if (x == a || x == b) x = id;
    }
  }
  return ids;
}

TEST(Cluster, MatchesTheRuleComputedDirectly) {
  std::mt19937 rng(19);
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 25)(rng);
    const auto pairs = RandomPairs(rng, n);
    const ClusteringOptions options =
        Options(std::uniform_int_distribution<int>(1, 9)(rng) / 10.0,
                std::uniform_int_distribution<int>(0, 10)(rng) / 20.0);
    EXPECT_EQ(Cluster(n, pairs, options), ReferenceCluster(n, pairs, options)) << "round " << round;
  }
}

TEST(Cluster, HigherCohesionOnlySplits) {
  // Every cluster at a higher cohesion lies within one cluster at cohesion 0.
  std::mt19937 rng(17);
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 30)(rng);
    const auto pairs = RandomPairs(rng, n);
    const Ids coarse = Cluster(n, pairs, Options(0.5, 0.0));
    const Ids fine = Cluster(n, pairs, Options(0.5, 0.6));
    for (std::uint32_t r = 0; r < n; ++r) EXPECT_EQ(coarse[fine[r]], coarse[r]);
  }
}

}  // namespace
}  // namespace sutra::algorithms::er
