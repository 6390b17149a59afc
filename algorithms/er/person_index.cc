#include "algorithms/er/person_index.h"

#include <algorithm>
#include <functional>
#include <string_view>

#include "algorithms/er/candidate_scoring.h"
#include "algorithms/er/strong_identifier.h"

namespace sutra::algorithms::er {
namespace {

std::uint64_t KeyHash(std::string_view key) { return std::hash<std::string_view>{}(key); }

}  // namespace

PersonIndex::PersonIndex(FellegiSunterModel model, const ResolveOptions& options)
    : model_(std::move(model)), options_(options) {}

std::uint32_t PersonIndex::Add(ErRecord record, std::uint64_t person, std::string strong_id) {
  const auto index = static_cast<std::uint32_t>(records_.size());
  for (const std::string& key : Resolver::BlockingKeys(record)) {
    std::vector<std::uint32_t>& block = blocks_[KeyHash(key)];
    if (block.empty() || block.back() != index) block.push_back(index);
  }
  PersonInfo& info = persons_[person];
  ++info.size;
  if (!strong_id.empty() && std::find(info.strong_ids.begin(), info.strong_ids.end(), strong_id) ==
                                info.strong_ids.end()) {
    info.strong_ids.push_back(std::move(strong_id));
  }
  records_.push_back(std::move(record));
  prepared_.push_back(Prepare(records_.back()));
  person_.push_back(person);
  if (!frequencies_.empty()) AddRecordFrequencies(records_.back());
  return index;
}

void PersonIndex::AddRecordFrequencies(const ErRecord& record) {
  const std::vector<std::optional<double>> own = RecordFrequencies({record}, frequencies_);
  record_tf_.insert(record_tf_.end(), own.begin(), own.end());
}

void PersonIndex::Seal() {
  frequencies_ = CountValues(std::vector<ErRecord>(records_.begin(), records_.end()));
  record_tf_ =
      RecordFrequencies(std::vector<ErRecord>(records_.begin(), records_.end()), frequencies_);
}

std::size_t PersonIndex::person_size(std::uint64_t person) const {
  auto it = persons_.find(person);
  return it == persons_.end() ? 0 : it->second.size;
}

Weights PersonIndex::Explain(const ErRecord& query, std::uint32_t index,
                             std::vector<FieldComparison>* comparisons) const {
  std::vector<FieldComparison> c = Compare(query, records_[index]);
  const Weights w = model_.Score(Levels(c), TfFrequencies(c, frequencies_));
  if (comparisons != nullptr) *comparisons = std::move(c);
  return w;
}

PersonLookup PersonIndex::Gather(const ErRecord& query) const {
  PersonLookup out;
  std::vector<std::uint32_t> candidates;
  for (const std::string& key : Resolver::BlockingKeys(query)) {
    auto it = blocks_.find(KeyHash(key));
    if (it == blocks_.end()) continue;
    if (it->second.size() > options_.blocking.max_block_size) {
      ++out.blocks_skipped;
      continue;
    }
    candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  out.records_compared = candidates.size();

  const PreparedRecord prepared_query = Prepare(query);
  Level levels[kErFieldCount];
  std::unordered_map<std::uint64_t, PersonMatch> by_person;
  for (std::uint32_t index : candidates) {
    // The agreed value's frequency is the candidate's own (both hold the same value).
    CompareLevels(prepared_query, prepared_[index], levels);
    const double p = model_.MatchProbability(
        levels, std::span(record_tf_).subspan(std::size_t{index} * kErFieldCount, kErFieldCount));
    PersonMatch& m = by_person[person_[index]];
    m.person = person_[index];
    m.average += p;  // a sum until divided below
    ++m.records_scored;
    if (m.records_scored == 1 || p > m.best_probability) {
      m.best_probability = p;
      m.best_record = index;
    }
  }
  out.persons.reserve(by_person.size());
  for (auto& [person, m] : by_person) {
    m.average /= static_cast<double>(std::max<std::size_t>(1, person_size(person)));
    out.persons.push_back(m);
  }
  return out;
}

PersonLookup PersonIndex::Find(const ErRecord& query, double min_probability,
                               std::size_t limit) const {
  PersonLookup out = Gather(query);
  std::erase_if(out.persons,
                [&](const PersonMatch& m) { return m.best_probability < min_probability; });
  std::sort(out.persons.begin(), out.persons.end(), [](const PersonMatch& a, const PersonMatch& b) {
    if (a.best_probability != b.best_probability) return a.best_probability > b.best_probability;
    if (a.average != b.average) return a.average > b.average;
    return a.person < b.person;
  });
  if (out.persons.size() > limit) out.persons.resize(limit);
  return out;
}

std::optional<PersonMatch> PersonIndex::Decide(const ErRecord& record,
                                               std::string_view strong_id) const {
  const ClusteringOptions& rule = options_.clustering;
  std::optional<PersonMatch> best;
  for (const PersonMatch& m : Gather(record).persons) {
    if (m.best_probability < rule.threshold || m.average < rule.cohesion * (1.0 - 1e-12)) continue;
    if (!strong_id.empty()) {
      const auto& ids = persons_.at(m.person).strong_ids;
      if (std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
            return StrongIdentifiersDiffer(id, strong_id);
          })) {
        continue;
      }
    }
    if (!best || m.average > best->average ||
        (m.average == best->average &&
         (m.best_probability > best->best_probability ||
          (m.best_probability == best->best_probability && m.person < best->person)))) {
      best = m;
    }
  }
  return best;
}

}  // namespace sutra::algorithms::er
