#include "algorithms/components.h"

namespace sutra::algorithms {

Components ConnectedComponents(const UndirectedGraph& graph) {
  constexpr std::uint32_t kUnseen = UINT32_MAX;
  const std::size_t n = graph.node_count();
  Components result;
  result.component.assign(n, kUnseen);
  // Breadth-first from each unseen node in id order, which numbers components by their
  // smallest node. The queue is one flat array: every node enters it exactly once, so the
  // search of component c reads queue[begin..end) without ever reallocating.
  std::vector<LocalId> queue(n);
  std::size_t tail = 0;
  for (LocalId start = 0; start < n; ++start) {
    if (result.component[start] != kUnseen) continue;
    const auto id = static_cast<std::uint32_t>(result.sizes.size());
    const std::size_t begin = tail;
    result.component[start] = id;
    queue[tail++] = start;
    for (std::size_t head = begin; head < tail; ++head) {
      for (LocalId w : graph.neighbors(queue[head])) {
        if (result.component[w] != kUnseen) continue;
        result.component[w] = id;
        queue[tail++] = w;
      }
    }
    result.sizes.push_back(tail - begin);
  }
  return result;
}

}  // namespace sutra::algorithms
