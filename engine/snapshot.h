// Building the in-memory CSR snapshot of the whole graph from one read transaction.
#pragma once

#include "algorithms/csr_graph.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine {

// Scans every node and every edge visible to `txn` into a CsrGraph. The snapshot is a plain
// structure: it holds no LMDB memory and outlives the transaction.
StatusOr<algorithms::CsrGraph> BuildSnapshot(const storage::ReadTxn& txn);

}  // namespace sutra::engine
