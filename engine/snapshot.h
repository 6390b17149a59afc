// Building the in-memory CSR snapshot of the whole graph from one read transaction.
#pragma once

#include "algorithms/csr_graph.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine {

// Scans every node and every edge visible to `txn` into a CsrGraph. The snapshot is a plain
// structure: it holds no LMDB memory and outlives the transaction.
StatusOr<algorithms::CsrGraph> BuildSnapshot(const storage::ReadTxn& txn);

// "2023-04-17" (or a longer ISO time starting so) as days since 1970-01-01; kNoDay when the
// text is not such a date.
std::int32_t DayNumber(std::string_view date);

// A node's snapshot entry from the properties ScanNodeFacts read for it.
algorithms::NodeEntry FactsOf(storage::NodeId id, storage::NodeType type,
                              std::span<const std::optional<storage::Value>> facts);

}  // namespace sutra::engine
