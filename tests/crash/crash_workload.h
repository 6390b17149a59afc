// The deterministic workload of the crash-safety suite, shared by the writer and the test.
//
// Batch b (0-based) is one write transaction: a load batch record, kRows phone nodes keyed
// "b<b>-<i>" with a lookup term each, a ring of CALLED edges among them, and one edge to the
// first node of batch b-1, so a batch also touches the pages of older data.
#pragma once

#include <string>

namespace sutra::crash {

inline constexpr int kBatches = 40;
inline constexpr int kRows = 250;

inline std::string RowKey(int batch, int row) {
  return "b" + std::to_string(batch) + "-" + std::to_string(row);
}

}  // namespace sutra::crash
