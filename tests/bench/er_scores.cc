#include "tests/bench/er_scores.h"

#include <map>
#include <unordered_map>
#include <utility>

namespace sutra::bench {

ErScores ScoreResolution(const std::vector<std::uint64_t>& cluster,
                         const std::vector<std::string>& truth) {
  std::unordered_map<std::uint64_t, std::uint64_t> predicted_size;
  std::unordered_map<std::string, std::uint64_t> true_size;
  std::map<std::pair<std::uint64_t, std::string>, std::uint64_t> both;
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    ++predicted_size[cluster[i]];
    ++true_size[truth[i]];
    ++both[{cluster[i], truth[i]}];
  }
  auto pairs = [](std::uint64_t n) { return n * (n - 1) / 2; };
  std::uint64_t predicted = 0, actual = 0, correct = 0;
  for (const auto& [c, n] : predicted_size) predicted += pairs(n);
  for (const auto& [t, n] : true_size) actual += pairs(n);
  for (const auto& [k, n] : both) correct += pairs(n);
  ErScores s;
  s.precision = predicted == 0 ? 1 : static_cast<double>(correct) / static_cast<double>(predicted);
  s.recall = actual == 0 ? 1 : static_cast<double>(correct) / static_cast<double>(actual);
  s.f1 = s.precision + s.recall == 0 ? 0 : 2 * s.precision * s.recall / (s.precision + s.recall);
  double bp = 0, br = 0;
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    const auto common = static_cast<double>(both[{cluster[i], truth[i]}]);
    bp += common / static_cast<double>(predicted_size[cluster[i]]);
    br += common / static_cast<double>(true_size[truth[i]]);
  }
  if (!cluster.empty()) {
    s.bcubed_precision = bp / static_cast<double>(cluster.size());
    s.bcubed_recall = br / static_cast<double>(cluster.size());
    s.bcubed_f1 = 2 * s.bcubed_precision * s.bcubed_recall / (s.bcubed_precision + s.bcubed_recall);
  }
  return s;
}

ErScores ScoreResolution(const std::vector<std::uint32_t>& cluster,
                         const std::vector<std::string>& truth) {
  return ScoreResolution(std::vector<std::uint64_t>(cluster.begin(), cluster.end()), truth);
}

}  // namespace sutra::bench
