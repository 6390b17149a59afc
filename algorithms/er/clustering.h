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

// Groups records into persons. Returns, for each of record_count records, its cluster's id:
// the smallest record index in the cluster.
//
// Input: a and b below record_count (asserted). Pairs with a == b are ignored; a pair given more
// than once (in either order) counts once, with its highest probability. Probabilities are read
// as given in [0, 1]; NaN counts as 0. Ties in probability are taken in (a, b) order, so the
// result is deterministic. The cohesion test allows a relative rounding error of 1e-12, so a
// clique whose pairs all equal the cohesion does merge.
std::vector<std::uint32_t> Cluster(std::size_t record_count, std::vector<ScoredPair> pairs,
                                   const ClusteringOptions& options = {});

}  // namespace sutra::algorithms::er
