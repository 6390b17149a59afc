#include "engine/er/person_directory.h"

#include <algorithm>

#include "algorithms/er/strong_identifier.h"
#include "engine/er/er_state.h"

namespace sutra::engine::er {
namespace {

// Unresolved records stand for themselves under keys that no Person node id reaches.
constexpr std::uint64_t kUnresolvedBit = std::uint64_t{1} << 63;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void AddUnique(std::vector<std::string>& to, const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    if (!v.empty() && std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
  }
}

}  // namespace

PersonDirectory::PersonDirectory(const algorithms::er::NameNormalizer& normalizer,
                                 algorithms::er::PersonIndex index,
                                 std::vector<StoredRecord> records)
    : normalizer_(normalizer), index_(std::move(index)), records_(std::move(records)) {}

StatusOr<std::unique_ptr<PersonDirectory>> PersonDirectory::Load(
    const storage::ReadTxn& txn, const algorithms::er::NameNormalizer& normalizer) {
  SUTRA_ASSIGN_OR_RETURN(auto model, ReadModel(txn));
  if (!model) {
    return FailedPrecondition(
        "person search needs resolved persons: run `sutra resolve --db DIR` first");
  }
  SUTRA_ASSIGN_OR_RETURN(auto records, LoadPersonRecords(txn));
  algorithms::er::PersonIndex index(std::move(*model), algorithms::er::ResolveOptions{});
  const algorithms::er::Resolver resolver(normalizer);
  std::unique_ptr<PersonDirectory> directory(
      new PersonDirectory(normalizer, std::move(index), std::move(records)));
  for (std::uint32_t i = 0; i < directory->records_.size(); ++i) {
    const StoredRecord& r = directory->records_[i];
    const std::uint64_t person = r.person != 0 ? r.person : (r.id | kUnresolvedBit);
    directory->index_.Add(resolver.Normalize(r.input), person,
                          algorithms::er::StrongIdentifier(r.input.identifier).value_or(""));
    directory->members_[person].push_back(i);
  }
  directory->index_.Seal();
  return directory;
}

StatusOr<PersonSearchResult> PersonDirectory::Search(const PersonQuery& q) const {
  if (q.name.empty()) return InvalidArgument("a person search needs a name");
  algorithms::er::PersonInput input;
  input.name = q.name;
  input.father_name = q.father;
  input.age = q.age;
  input.age_year = q.reference_year;
  input.birth_year = q.birth_year;
  const algorithms::er::ErRecord query = algorithms::er::Resolver(normalizer_).Normalize(input);
  // Ask for every match: the district filter comes after the ranking.
  const auto lookup = index_.Find(query, q.min_probability, index_.size());
  PersonSearchResult out;
  out.records_compared = lookup.records_compared;
  out.keys_too_common = lookup.blocks_skipped;
  const std::string district = Lower(q.district);
  for (const auto& match : lookup.persons) {
    if (out.persons.size() >= q.limit) break;
    PersonHit hit;
    hit.person = match.person & ~kUnresolvedBit;
    hit.resolved = (match.person & kUnresolvedBit) == 0;
    const StoredRecord& best = records_[match.best_record];
    hit.name = best.name;
    hit.matched_record = best.input.id;
    hit.probability = match.best_probability;
    std::vector<algorithms::er::FieldComparison> comparisons;
    const auto weights = index_.Explain(query, match.best_record, &comparisons);
    hit.explanation = algorithms::er::Explain(weights, comparisons);
    const auto& members = members_.at(match.person);
    hit.records = members.size();
    for (std::uint32_t i : members) {
      AddUnique(hit.firs, records_[i].firs);
      AddUnique(hit.districts, {records_[i].district});
      AddUnique(hit.flags, records_[i].flags);
    }
    if (!district.empty() &&
        std::none_of(hit.districts.begin(), hit.districts.end(),
                     [&](const std::string& d) { return Lower(d) == district; })) {
      continue;
    }
    out.persons.push_back(std::move(hit));
  }
  return out;
}

}  // namespace sutra::engine::er
