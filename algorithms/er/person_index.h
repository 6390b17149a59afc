// PersonIndex: resolved person records held in memory, for the two questions asked of them one
// record at a time — "whom is this new record the same as?" (incremental resolution) and "which
// persons fit what the suspect told us?" (search).
//
// It reuses what a full resolution learned: the trained Fellegi–Sunter model, the blocking keys
// (Resolver::BlockingKeys) and the clustering rule. A record's candidates are the records sharing
// one of its blocking keys (keys held by more than BlockingOptions::max_block_size records are
// skipped, as in a full run); each is scored; the scores are gathered per person.
//
// Joining rule (Decide), the clustering rule applied to a cluster of one: a person takes the new
// record only when its best pair reaches ClusteringOptions::threshold and the record's average
// probability over *all* of the person's records (unscored ones count 0) reaches the cohesion,
// and when no strong identifier of the person plainly differs from the record's. Of the persons
// that qualify, the one with the highest average wins (then the highest best pair, then the
// smallest person id). A record that joins no one is a new person.
//
// Term frequencies are counted over the records present at Seal(); records added later are
// matched but do not change them. Cost per lookup: the candidates' comparisons, O(keys + c), each
// on the fast path (CompareLevels on prepared records, FellegiSunterModel::MatchProbability).
//
// Thread safety: Find/Decide/Explain are const and may run concurrently; Add and Seal need
// exclusive access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "algorithms/er/clustering.h"
#include "algorithms/er/comparison.h"
#include "algorithms/er/fellegi_sunter.h"
#include "algorithms/er/resolver.h"
#include "algorithms/er/term_frequency.h"

namespace sutra::algorithms::er {

// How one person fits a record.
struct PersonMatch {
  std::uint64_t person = 0;
  double best_probability = 0;    // of the best-scoring pair with one of the person's records
  double average = 0;             // over all the person's records, unscored ones counting 0
  std::uint32_t best_record = 0;  // index (PersonIndex::record) of that best record
  std::uint32_t records_scored = 0;
};

struct PersonLookup {
  std::vector<PersonMatch> persons;  // best first (see Find)
  std::size_t records_compared = 0;
  std::size_t blocks_skipped = 0;  // keys too common to use
};

class PersonIndex {
 public:
  PersonIndex(FellegiSunterModel model, const ResolveOptions& options);

  // Adds a resolved record of `person`; `strong_id` is its StrongIdentifier() or "". Returns
  // its index.
  std::uint32_t Add(ErRecord record, std::uint64_t person, std::string strong_id = {});
  // Counts term frequencies over the records added so far; call once before the first lookup.
  void Seal();

  // Persons with at least one record scored against `query` at `min_probability` or more,
  // ranked by best pair probability, then average, then person id; at most `limit`.
  PersonLookup Find(const ErRecord& query, double min_probability, std::size_t limit) const;
  // The person `record` joins under the joining rule, or nullopt for a new person.
  std::optional<PersonMatch> Decide(const ErRecord& record, std::string_view strong_id) const;
  // The field-by-field score of `query` against record `index`.
  Weights Explain(const ErRecord& query, std::uint32_t index,
                  std::vector<FieldComparison>* comparisons = nullptr) const;

  std::size_t size() const { return records_.size(); }
  const ErRecord& record(std::uint32_t index) const { return records_[index]; }
  std::uint64_t person_of(std::uint32_t index) const { return person_[index]; }
  std::size_t person_size(std::uint64_t person) const;
  const FellegiSunterModel& model() const { return model_; }

 private:
  // Every person scored against `query` with its sums, before ranking or rules.
  PersonLookup Gather(const ErRecord& query) const;
  void AddRecordFrequencies(const ErRecord& record);

  FellegiSunterModel model_;
  ResolveOptions options_;
  // Deques: PreparedRecord points at its record, so records never move.
  std::deque<ErRecord> records_;
  std::deque<PreparedRecord> prepared_;
  std::vector<std::uint64_t> person_;
  // Per record, kErFieldCount entries: the frequency of its own value per field (TF).
  std::vector<std::optional<double>> record_tf_;
  // Blocking key hash -> records holding it.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> blocks_;
  struct PersonInfo {
    std::uint32_t size = 0;
    std::vector<std::string> strong_ids;
  };
  std::unordered_map<std::uint64_t, PersonInfo> persons_;
  std::vector<ValueFrequencies> frequencies_;
};

}  // namespace sutra::algorithms::er
