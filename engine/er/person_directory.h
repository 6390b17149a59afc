// PersonDirectory: the resolved persons of a database held in memory for national person
// search — the query an investigator types when a suspect gives a name ("Irfan, father Salim,
// about 32, from Pune district").
//
// Built once from one read transaction (the stored ER model, every PersonRecord normalised and
// indexed with its Person; a record not yet resolved stands for itself). A search scores the
// query against the records sharing a blocking key with it (PersonIndex::Find) and answers with
// persons, not records: each with its best match probability, that match's explanation, its
// FIRs and districts, and the protection flags found on any of its records or cases.
//
// Thread safety: Search is const and may be called concurrently.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "algorithms/er/explanation.h"
#include "algorithms/er/name_normalizer.h"
#include "algorithms/er/person_index.h"
#include "engine/er/stored_records.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::er {

struct PersonQuery {
  std::string name;  // required
  std::string father;
  std::optional<int> age;         // as the suspect states it, in `reference_year`
  std::optional<int> birth_year;  // instead of the age
  std::optional<int> reference_year;
  std::string district;  // keep persons with a record in this district (case-insensitive)
  double min_probability = 0.0;
  std::size_t limit = 20;
};

struct PersonHit {
  storage::NodeId person = 0;  // the Person node; for an unresolved record, the record itself
  bool resolved = true;
  std::string name;            // the name of the best-matching record
  double probability = 0;      // of the best-matching record
  std::string matched_record;  // its source record id
  algorithms::er::Explanation explanation;
  std::size_t records = 0;        // records of the person
  std::vector<std::string> firs;  // "STATION/FIR", every record's
  std::vector<std::string> districts;
  std::vector<std::string> flags;  // acquitted, wrongful_arrest, juvenile, ...
};

struct PersonSearchResult {
  std::vector<PersonHit> persons;  // best first
  std::size_t records_compared = 0;
  std::size_t keys_too_common = 0;  // blocking keys skipped as too frequent
};

class PersonDirectory {
 public:
  // FailedPrecondition when no full resolution has stored a model.
  static StatusOr<std::unique_ptr<PersonDirectory>> Load(
      const storage::ReadTxn& txn, const algorithms::er::NameNormalizer& normalizer);

  // InvalidArgument when the query has no name.
  StatusOr<PersonSearchResult> Search(const PersonQuery& query) const;

  std::size_t record_count() const { return records_.size(); }

 private:
  PersonDirectory(const algorithms::er::NameNormalizer& normalizer,
                  algorithms::er::PersonIndex index, std::vector<StoredRecord> records);

  const algorithms::er::NameNormalizer& normalizer_;
  algorithms::er::PersonIndex index_;
  std::vector<StoredRecord> records_;  // index i of records_ is record i of index_
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> members_;  // person -> records
};

}  // namespace sutra::engine::er
