// Entity resolution on a database: PersonRecords become Person nodes joined by SAME_AS edges.
//
// Full run (ResolveDatabase): every PersonRecord is resolved afresh with the reviewers'
// decisions (er_state.h) as constraints. Person ids are stable across runs: each new person
// keeps the existing Person node that held most of its records (each old Person goes to at most
// one new person, the one holding most of its records; ties to the smaller id), so re-running on
// unchanged data changes nothing, and a merge or split moves only the records that moved. A
// Person left with no records is kept, marked status "merged" with "merged_into" naming the
// person that took most of its records, so that ids quoted in case files still lead somewhere.
// Every record gets exactly one SAME_AS edge (a record alone is a person of one), carrying
// "score" (its best pair's probability with another record of the person, 1 for a person of
// one), "explanation" (that pair's field-by-field line, ExplanationLine) and "decided_by"
// ("model", or "reviewer:NAME" when a reviewer's "same" decision put it there). The trained
// model and the review queue (pairs in the uncertain band) are stored with the result, all in
// one write transaction: a failed run leaves the previous resolution whole.
//
// Incremental run (ResolveIncremental): records without a SAME_AS edge are matched one at a
// time against the resolved persons with the stored model (PersonIndex's joining rule), join
// the person they fit or become new persons, and are then matched against by later records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/er/explanation.h"
#include "algorithms/er/name_normalizer.h"
#include "algorithms/er/resolver.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::er {

struct ResolveDbOptions {
  algorithms::er::ResolveOptions resolve;
  // Pairs scored in [review_low, review_high) go to the review queue.
  double review_low = 0.2;
  double review_high = 0.9;
  std::string actor;  // who ran it, for the load batch's description
};

struct ResolveDbReport {
  std::size_t records = 0;
  std::size_t candidate_pairs = 0;
  std::size_t persons = 0;  // full run: persons holding records; incremental: persons touched
  std::size_t persons_created = 0;  // new Person nodes
  std::size_t persons_retired = 0;  // Person nodes left without records ("merged")
  std::size_t records_moved = 0;    // records whose person changed (new records included)
  std::size_t review_pairs = 0;     // the queue after the run
  std::size_t decisions_applied = 0;
  std::size_t decisions_conflicting = 0;
  std::size_t refused_by_identifier = 0;
  double load_seconds = 0, resolve_seconds = 0, write_seconds = 0;
  std::vector<std::pair<std::string, double>> resolve_stages;  // Resolution::stage_seconds
};

StatusOr<ResolveDbReport> ResolveDatabase(storage::GraphStore& store,
                                          const algorithms::er::NameNormalizer& normalizer,
                                          const ResolveDbOptions& options);

// FailedPrecondition when no full run has stored a model yet.
StatusOr<ResolveDbReport> ResolveIncremental(storage::GraphStore& store,
                                             const algorithms::er::NameNormalizer& normalizer,
                                             const ResolveDbOptions& options);

// The two records as the stored model scores them, field by field. `a` and `b` name
// PersonRecords by node id or by the source's record id ("R0000001"); NotFound when none has
// it, InvalidArgument when a record id is held by several (use the node id then).
// FailedPrecondition when no full run stored a model.
struct RecordPairExplanation {
  std::string record_a, record_b;  // the sources' record ids
  storage::NodeId node_a = 0, node_b = 0;
  algorithms::er::Explanation explanation;
  bool same_person = false;  // whether the current resolution puts them in one person
};
StatusOr<RecordPairExplanation> ExplainRecords(const storage::GraphStore& store,
                                               const algorithms::er::NameNormalizer& normalizer,
                                               std::string_view a, std::string_view b);

}  // namespace sutra::engine::er
