// Scores of an entity resolution against ground truth, as the evaluation table prints them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sutra::bench {

struct ErScores {
  double precision = 0, recall = 0, f1 = 0;                       // over record pairs
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;  // per record, averaged
};

// Pairwise and B-cubed scores of the predicted person of each record (`cluster`) against its
// true person (`truth`); both have one entry per record. With no predicted (or no true) pairs
// precision (recall) is 1.
ErScores ScoreResolution(const std::vector<std::uint64_t>& cluster,
                         const std::vector<std::string>& truth);
ErScores ScoreResolution(const std::vector<std::uint32_t>& cluster,
                         const std::vector<std::string>& truth);

}  // namespace sutra::bench
