#include "algorithms/er/candidate_scoring.h"

#include <algorithm>
#include <string>
#include <thread>
#include <unordered_map>

#include "algorithms/parallel.h"

namespace sutra::algorithms::er {
namespace {

std::string PatternKey(const Level* levels) {
  return std::string(reinterpret_cast<const char*>(levels), kErFieldCount * sizeof(Level));
}

}  // namespace

ComparedPairs CompareCandidates(const std::vector<PreparedRecord>& records,
                                const CandidateList& candidates, unsigned threads) {
  const unsigned parts = SliceCount(threads, candidates.size());
  ComparedPairs out;
  out.pattern_of.resize(candidates.size());
  // Each slice numbers its own patterns; the numbers are mapped to shared ones afterwards.
  struct Local {
    std::unordered_map<std::string, std::uint32_t> index;
    std::vector<LevelVector> patterns;
    std::vector<double> counts;
  };
  std::vector<Local> locals(parts);
  ForSlices(candidates.size(), parts, [&](std::size_t begin, std::size_t end, unsigned part) {
    Local& local = locals[part];
    Level levels[kErFieldCount];
    for (std::size_t i = begin; i < end; ++i) {
      CompareLevels(records[candidates[i].first], records[candidates[i].second], levels);
      auto [it, added] = local.index.emplace(PatternKey(levels),
                                             static_cast<std::uint32_t>(local.patterns.size()));
      if (added) {
        local.patterns.emplace_back(levels, levels + kErFieldCount);
        local.counts.push_back(0);
      }
      local.counts[it->second] += 1;
      out.pattern_of[i] = it->second;
    }
  });
  std::unordered_map<std::string, std::uint32_t> shared;
  for (unsigned part = 0; part < parts; ++part) {
    Local& local = locals[part];
    std::vector<std::uint32_t> remap(local.patterns.size());
    for (std::size_t p = 0; p < local.patterns.size(); ++p) {
      auto [it, added] = shared.emplace(PatternKey(local.patterns[p].data()),
                                        static_cast<std::uint32_t>(out.patterns.size()));
      if (added) {
        out.patterns.push_back(local.patterns[p]);
        out.counts.push_back(0);
      }
      out.counts[it->second] += local.counts[p];
      remap[p] = it->second;
    }
    const std::size_t begin = candidates.size() * part / parts;
    const std::size_t end = candidates.size() * (part + 1) / parts;
    for (std::size_t i = begin; i < end; ++i) out.pattern_of[i] = remap[out.pattern_of[i]];
  }
  return out;
}

std::vector<std::optional<double>> RecordFrequencies(const std::vector<ErRecord>& records,
                                                     const std::vector<ValueFrequencies>& tables) {
  const std::vector<FieldSpec> specs = ErFieldSpecs();
  std::vector<std::optional<double>> out(records.size() * kErFieldCount);
  for (std::size_t r = 0; r < records.size(); ++r) {
    for (int k = 0; k < kErFieldCount; ++k) {
      if (specs[k].tf_level == kMissingLevel || static_cast<std::size_t>(k) >= tables.size()) {
        continue;
      }
      const std::string key = TfKey(records[r], static_cast<ErField>(k));
      if (!key.empty()) out[r * kErFieldCount + k] = tables[k].Frequency(key);
    }
  }
  return out;
}

std::vector<ScoredPair> ScoreCandidates(const FellegiSunterModel& model,
                                        const ComparedPairs& compared,
                                        const CandidateList& candidates,
                                        const std::vector<std::optional<double>>& frequencies,
                                        unsigned threads) {
  std::vector<ScoredPair> out(candidates.size());
  // Patterns with no field at its term-frequency level score the same for every pair.
  std::vector<std::optional<double>> fixed(compared.patterns.size());
  std::vector<bool> uses_tf(compared.patterns.size(), false);
  for (std::size_t p = 0; p < compared.patterns.size(); ++p) {
    for (std::size_t k = 0; k < model.field_count(); ++k) {
      uses_tf[p] = uses_tf[p] || compared.patterns[p][k] == model.fields()[k].spec.tf_level;
    }
    if (!uses_tf[p]) fixed[p] = model.MatchProbability(compared.patterns[p]);
  }
  ForSlices(candidates.size(), SliceCount(threads, candidates.size()),
            [&](std::size_t begin, std::size_t end, unsigned) {
              for (std::size_t i = begin; i < end; ++i) {
                const auto [a, b] = candidates[i];
                const std::uint32_t p = compared.pattern_of[i];
                const double probability =
                    fixed[p] ? *fixed[p]
                             : model.MatchProbability(
                                   compared.patterns[p],
                                   std::span(frequencies)
                                       .subspan(std::size_t{a} * kErFieldCount, kErFieldCount));
                out[i] = {a, b, probability};
              }
            });
  return out;
}

}  // namespace sutra::algorithms::er
