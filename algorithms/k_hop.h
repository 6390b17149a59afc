// KHop: who is within k links of a node — the investigator's first question.
//
// Breadth-first from `start`, following links in either direction. Hubs must neither freeze
// the answer nor be cut silently: a node is expanded through at most `per_node_limit` of its
// links, the answer holds at most `max_nodes` nodes, and `left_out` counts the links that were
// seen but not followed because of either cap, so the caller can say "showing 50 of 1,204".
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/link_filter.h"

namespace sutra::algorithms {

struct KHopOptions {
  int hops = 1;                      // 0 returns only the start node
  std::size_t per_node_limit = 100;  // links followed from any one node
  std::size_t max_nodes = 1000;      // nodes in the answer, the start included
  // Per-hop limits: per_hop_nodes[d - 1] is the most nodes first reached at hop d (hops past
  // the end of the list have none), e.g. {50, 200}: 50 direct contacts, 200 at two links.
  std::vector<std::size_t> per_hop_nodes = {};
  LinkFilter filter = {};  // links the filter refuses are neither followed nor counted
};

struct KHopResult {
  std::vector<DenseId> nodes;          // BFS order; nodes[0] is the start
  std::vector<int> depth;              // depth[i] is the hop count of nodes[i]
  std::vector<storage::EdgeId> edges;  // the links followed, each once
  std::uint64_t left_out = 0;          // links not followed because of a cap
};

// Any number of threads may call it at once on one graph; each thread keeps a mark per node of
// the largest graph it has walked (8 bytes a node), so a call costs what it reaches.
KHopResult KHop(const CsrGraph& graph, DenseId start, const KHopOptions& options);

}  // namespace sutra::algorithms
