#include "engine/answer_nodes.h"

namespace sutra::engine {

StatusOr<std::vector<AnswerNode>> ReadAnswerNodes(const storage::ReadTxn& txn,
                                                  const algorithms::CsrGraph& graph,
                                                  std::span<const algorithms::DenseId> ids) {
  std::vector<AnswerNode> nodes;
  nodes.reserve(ids.size());
  for (algorithms::DenseId v : ids) {
    SUTRA_ASSIGN_OR_RETURN(auto node, txn.GetNode(graph.node(v).id));
    if (!node) continue;
    std::vector<std::string> flags = storage::ProtectionFlags(*node);
    nodes.push_back({std::move(*node), std::move(flags)});
  }
  return nodes;
}

}  // namespace sutra::engine
