// Resolver: the entity-resolution pipeline on in-memory person records, end to end.
//
//   normalise -> block -> compare -> train (u from random pairs, m and λ by EM) -> score
//   -> cluster
//
// Input records are as a source writes them (names in any script or spelling); the result is
// a person (cluster) per record and what the run learned and saw. No labels are used: the same
// settings serve every data set apart from the mapping of its columns to PersonInput.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/er/blocking.h"
#include "algorithms/er/clustering.h"
#include "algorithms/er/comparison.h"
#include "algorithms/er/fellegi_sunter.h"
#include "algorithms/er/name_normalizer.h"
#include "algorithms/er/term_frequency.h"
#include "storage/status.h"

namespace sutra::algorithms::er {

// One person record as its source gives it; empty strings and nullopt mean "not given".
struct PersonInput {
  std::string id;
  std::string name;         // the full name as written (callers join given name and surname)
  std::string father_name;  // also read from "s/o X" inside `name` when empty
  // A date of birth: year first ("1984-03-02", "19840302", "1984") or day first ("02/03/1984");
  // a text whose year cannot be read counts as not given.
  std::string dob;
  std::optional<int> birth_year;
  std::optional<int> age;
  std::optional<int> age_year;  // the year the age was stated in
  std::string phone;
  std::string address;  // free text: street, locality, city, postcode, state
  std::string identifier;
  std::string email;  // compared with typos allowed, not as an identifier (people mistype it)
};

// The defaults are the settings measured in the README (one set for every data set).
struct ResolveOptions {
  // Weak blocking rules (a name word alone, a name word with an address word) only count while
  // few records share the key: a rare name, a name rare in its town.
  BlockingOptions blocking{.rule_caps = {{.prefix = "n:", .max_block_size = 20},
                                         {.prefix = "nw:", .max_block_size = 20}},
                           .max_pairs_per_record = 30};
  // Pairs below 0.8 never join records; two persons merge only if their cross pairs average
  // 0.3 (unscored pairs counting 0), so one strong but wrong link cannot chain two persons.
  ClusteringOptions clustering{.threshold = 0.8, .cohesion = 0.3};
  std::size_t random_pairs = 200000;  // for the starting u-probabilities
  unsigned threads = 0;               // for comparing and scoring pairs; 0: one per core
  std::uint64_t seed = 1;
  // EM re-estimates u as well: the non-matches among candidate pairs share blocking keys, so
  // they agree far more often than random pairs do; with u held at its random-pair values EM
  // explains that agreement by calling most candidates matches.
  EmOptions em{.update_u = true};
  // Reviewers' decisions on record pairs (indices into the inputs); they win over the model
  // (see ClusterConstraints). Records whose `identifier` is a strong identifier (a valid
  // Aadhaar number or PAN, strong_identifier.h) are never joined by the model to a person
  // holding one that plainly differs.
  std::vector<PairDecision> decisions;
};

struct Resolution {
  std::vector<ErRecord> records;       // normalised, in input order
  std::vector<std::uint32_t> cluster;  // per record: the smallest record index of its person
  std::vector<ScoredPair> scored;      // every candidate pair with its probability
  BlockingStats blocking;
  ClusterReport clustering;
  EmReport em;
  // Wall-clock seconds of each stage, in order ("normalise", "block", ...), for reports.
  std::vector<std::pair<std::string, double>> stage_seconds;
  FellegiSunterModel model{ErFieldSpecs()};
  std::vector<ValueFrequencies> frequencies;  // per field, for term-frequency adjustment
};

class Resolver {
 public:
  explicit Resolver(const NameNormalizer& normalizer) : normalizer_(normalizer) {}

  // The normalised form of one input record.
  ErRecord Normalize(const PersonInput& input) const;
  // The blocking keys of a normalised record, each prefixed by its rule:
  //   nn: first and last name word        ny: name word + birth year
  //   nd: name word + day and month       nf: name word + father's first name word
  //   na: name word + address number      nw: name word + address word (weak)
  //   n:  name word alone (weak)          ph: phone   id: identifier   em: e-mail   dob: date
  // Name and address words by their phonetic key. The weak rules are capped far below the
  // others (ResolveOptions::blocking).
  static std::vector<std::string> BlockingKeys(const ErRecord& record);

  StatusOr<Resolution> Resolve(const std::vector<PersonInput>& inputs,
                               const ResolveOptions& options = {}) const;

  // Scores one pair under a trained resolution, with the field-by-field explanation.
  static Weights Explain(const Resolution& resolution, std::uint32_t a, std::uint32_t b,
                         std::vector<FieldComparison>* comparisons = nullptr);

 private:
  const NameNormalizer& normalizer_;
};

}  // namespace sutra::algorithms::er
