// AnswerNode: a node as an answer shows it — read from the store, with the protection flags
// that every answer must carry (storage::ProtectionFlags) — and the one way algorithms' dense
// ids become such nodes.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "algorithms/csr_graph.h"
#include "storage/graph_store.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::engine {

struct AnswerNode {
  storage::Node node;
  std::vector<std::string> flags;  // storage::ProtectionFlags(node)
};

// The nodes behind snapshot ids `ids`, in order, read through `txn`. The snapshot may be older
// than `txn`: a node deleted since is left out (callers compare ids when they need to know).
StatusOr<std::vector<AnswerNode>> ReadAnswerNodes(const storage::ReadTxn& txn,
                                                  const algorithms::CsrGraph& graph,
                                                  std::span<const algorithms::DenseId> ids);

}  // namespace sutra::engine
