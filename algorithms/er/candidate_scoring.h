// Comparing and scoring candidate pairs at scale, for Resolver::Resolve.
//
// Per pair only the levels are computed (CompareLevels on records prepared once), on several
// threads; the level vectors are collapsed into distinct patterns with counts, which is all EM
// needs; and each record's term frequencies are looked up once, not once per pair. The results
// equal those of Compare / TfFrequencies / FellegiSunterModel::Score pair by pair.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "algorithms/er/clustering.h"
#include "algorithms/er/comparison.h"
#include "algorithms/er/fellegi_sunter.h"
#include "algorithms/er/term_frequency.h"

namespace sutra::algorithms::er {

using CandidateList = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

struct ComparedPairs {
  std::vector<LevelVector> patterns;      // the distinct level vectors seen
  std::vector<double> counts;             // how many pairs each pattern stands for
  std::vector<std::uint32_t> pattern_of;  // per candidate pair, its pattern
};

// `threads` 0: one per hardware thread.
ComparedPairs CompareCandidates(const std::vector<PreparedRecord>& records,
                                const CandidateList& candidates, unsigned threads);

// Flat, kErFieldCount entries per record: for each field with term-frequency adjustment, the
// frequency of the record's own value (TfKey) in `tables`; nullopt for other fields and values
// never counted.
std::vector<std::optional<double>> RecordFrequencies(const std::vector<ErRecord>& records,
                                                     const std::vector<ValueFrequencies>& tables);

// The match probability of each candidate pair under `model`. A field at its exact level takes
// the agreed value's frequency, which is the first record's own (both hold the same value).
std::vector<ScoredPair> ScoreCandidates(const FellegiSunterModel& model,
                                        const ComparedPairs& compared,
                                        const CandidateList& candidates,
                                        const std::vector<std::optional<double>>& frequencies,
                                        unsigned threads);

}  // namespace sutra::algorithms::er
