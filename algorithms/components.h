// Connected components of an UndirectedGraph: which persons, cases, phones and vehicles hang
// together at all under a LinkFilter, the first cut of any network before closer analysis.
//
// Thread safety: a pure function of its argument; any number of calls may run at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "algorithms/undirected_graph.h"

namespace sutra::algorithms {

struct Components {
  // component[v] for each local id v. Components are numbered 0.. in the order of their
  // smallest local id, so equal graphs give equal numbers whatever the traversal.
  std::vector<std::uint32_t> component;
  // sizes[c] is the number of nodes in component c; every entry is at least 1.
  std::vector<std::uint64_t> sizes;

  std::size_t count() const { return sizes.size(); }
};

// An isolated node is a component of its own. O(nodes + links), one thread.
Components ConnectedComponents(const UndirectedGraph& graph);

}  // namespace sutra::algorithms
