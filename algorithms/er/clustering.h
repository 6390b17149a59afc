// Clustering: from scored record pairs to persons.
//
// Connected components over the pairs above a threshold chain unrelated people together: one
// wrong link (a shared common name, a data-entry slip) between two people's record groups puts
// every record of both into one "person", and a frequent name can chain hundreds. Here a link
// only merges two clusters when the merged cluster stays cohesive.
//
// Rule (greedy average linkage, unscored pairs counted as 0). Pairs are taken in descending
// probability; a pair below ClusteringOptions::threshold never joins anything. When a pair links
// two different clusters A and B, they merge only if the average probability over all
// |A| * |B| cross pairs (a in A, b in B) is at least ClusteringOptions::cohesion, where a cross
// pair that was never scored (blocking did not propose it) counts as probability 0. Scored pairs
// below the threshold still count towards that average with their probability.
//
// Why: one wrong link between two large clusters cannot merge them, because almost all of their
// cross pairs are unscored or low and the average stays far below the cohesion; a true duplicate
// group, by contrast, is scored high on most of its cross pairs. A chain a-b-c-d scored only
// between neighbours stops growing: {a, b} against {c} averages half of p(b, c).
//
// Constraints (ClusterConstraints) come before the model. A reviewer's "same" decision merges
// its two records' clusters first, whatever the scores; a reviewer's "different" decision keeps
// its two records in different persons for good (a "same" decision that would break one is
// skipped and counted). Records may carry a strong identifier (a checksummed Aadhaar number,
// say): the model never merges two clusters holding identifiers that plainly differ; only a
// reviewer can. Decided pairs count with probability 1 ("same") or 0 ("different").
//
// Limits, by construction: a merge is never undone, so a wrong link scored higher than every
// correct link around it still joins its two records before their true groups have formed (the
// groups then stay apart from each other, as the average between them falls below the cohesion).
// With cohesion 0 the result is exactly the connected components of the pairs >= threshold.
//
// Cost: per cluster, a hash map from each neighbouring cluster to the sum of scored cross
// probabilities; on a merge the smaller map is folded into the larger. O(P log P) for P pairs,
// memory O(records + P).
//
// Pure function; safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sutra::algorithms::er {

struct ScoredPair {
  std::uint32_t a = 0, b = 0;
  double probability = 0;
};

struct ClusteringOptions {
  double threshold = 0.5;  // pairs below this never join records
  double cohesion = 0.5;   // see Cluster()
};

// A reviewer's decision about two records; it wins over the model.
struct PairDecision {
  std::uint32_t a = 0, b = 0;
  bool same = false;  // true: one person; false: never in one person
};

// What the model may not override. Empty by default.
struct ClusterConstraints {
  std::vector<PairDecision> decisions;  // a pair decided twice keeps its last decision
  // Per record, a strong identifier or "" for none; empty vector when no record has one.
  std::vector<std::string> strong_ids;
  // Whether two different strong identifiers are plainly different people's (not one number
  // with a typing error). Unset: any two different identifiers are.
  std::function<bool(std::string_view, std::string_view)> plainly_differ;
};

// What the constraints did in one run.
struct ClusterReport {
  std::size_t same_applied = 0;      // reviewer "same" decisions that merged or were already met
  std::size_t same_conflicting = 0;  // "same" decisions skipped: they would break a "different"
  std::size_t refused_by_identifier = 0;  // model merges refused on strong identifiers
};

// Groups records into persons. Returns, for each of record_count records, its cluster's id:
// the smallest record index in the cluster.
//
// Input: a and b below record_count (asserted). Pairs with a == b are ignored; a pair given more
// than once (in either order) counts once, with its highest probability. Probabilities are read
// as given in [0, 1]; NaN counts as 0. Ties in probability are taken in (a, b) order, so the
// result is deterministic. The cohesion test allows a relative rounding error of 1e-12, so a
// clique whose pairs all equal the cohesion does merge.
// Decisions and strong ids must name records below record_count (asserted).
std::vector<std::uint32_t> Cluster(std::size_t record_count, std::vector<ScoredPair> pairs,
                                   const ClusteringOptions& options = {},
                                   const ClusterConstraints& constraints = {},
                                   ClusterReport* report = nullptr);

}  // namespace sutra::algorithms::er
