// Splitting a loop over records, pairs or nodes across threads, for heavy stages of the
// resolver and of the link-analysis algorithms.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace sutra::algorithms {

// How many slices `work` items are worth: `threads` (0: one per hardware thread), but fewer
// when a slice would hold under 20,000 items, where a thread costs more than it saves.
inline unsigned SliceCount(unsigned threads, std::size_t work) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr std::size_t kMinPerSlice = 20000;
  return static_cast<unsigned>(
      std::max<std::size_t>(1, std::min<std::size_t>(threads, work / kMinPerSlice)));
}

// Runs body(begin, end, slice) over `slices` contiguous slices of [0, n), each on a thread of its
// own (the first on the calling thread), and returns when all are done.
template <typename Body>
void ForSlices(std::size_t n, unsigned slices, const Body& body) {
  std::vector<std::thread> workers;
  for (unsigned s = 1; s < slices; ++s) {
    workers.emplace_back([&, s] { body(n * s / slices, n * (s + 1) / slices, s); });
  }
  body(0, n / slices, 0u);
  for (std::thread& w : workers) w.join();
}

}  // namespace sutra::algorithms
