#include "engine/snapshot.h"

#include <chrono>
#include <limits>
#include <optional>
#include <thread>

namespace sutra::engine {

namespace {
// Below this many nodes one thread scans alone: a second one would cost more than it saves.
constexpr std::size_t kMinNodesToShare = 4096;

}  // namespace

// Two scans: node facts (types, and the few properties kept as facts), and the adjacency,
// whose rows arrive in node id order with entries already in CSR arc order. Node ids come from
// a counter, so they are usually contiguous (holes appear only after deletes): then a node's
// dense number is its id minus the first id, known before any node is read, and the facts are
// read on a third transaction alongside the adjacency scan. Otherwise the facts are read first
// and a direct table maps id to number.
StatusOr<algorithms::CsrGraph> BuildSnapshot(const storage::ReadTxn& txn) {
  constexpr algorithms::DenseId kAbsent = std::numeric_limits<algorithms::DenseId>::max();
  SUTRA_ASSIGN_OR_RETURN(storage::EntryCounts counts, txn.CountEntries());
  if (counts.nodes >= kAbsent) return FailedPrecondition("too many nodes for one snapshot");
  SUTRA_ASSIGN_OR_RETURN(auto range, txn.NodeIdRange());
  const bool contiguous = !range || range->second - range->first + 1 == counts.nodes;
  StatusOr<storage::ReadTxn> facts_txn =
      contiguous && counts.nodes >= kMinNodesToShare
          ? txn.SameView()
          : StatusOr<storage::ReadTxn>(Unavailable("small or holed graph"));
  const bool facts_alongside = facts_txn.ok();
  std::vector<algorithms::NodeEntry> nodes;
  if (facts_alongside) {
    nodes.resize(counts.nodes);
    for (std::size_t v = 0; v < nodes.size(); ++v) nodes[v].id = range->first + v;
  } else {
    nodes.reserve(counts.nodes);
    SUTRA_RETURN_IF_ERROR(txn.ScanNodeFacts([&](storage::NodeId id, const storage::NodeFacts& f) {
      nodes.push_back({id, f.type, f.protection, f.day});
    }));
    if (nodes.size() != counts.nodes) {
      return Unavailable("the node count changed during the scan; build again");
    }
  }
  const std::size_t node_count = nodes.size();
  const storage::NodeId first_id = nodes.empty() ? 0 : nodes.front().id;
  std::vector<algorithms::DenseId> dense;
  if (!contiguous) {
    dense.assign(nodes.back().id + 1, kAbsent);
    for (std::size_t v = 0; v < nodes.size(); ++v) {
      dense[nodes[v].id] = static_cast<algorithms::DenseId>(v);
    }
  }
  auto dense_of = [&](storage::NodeId id) -> algorithms::DenseId {
    if (contiguous) {
      return id >= first_id && id - first_id < node_count
                 ? static_cast<algorithms::DenseId>(id - first_id)
                 : kAbsent;
    }
    return id < dense.size() ? dense[id] : kAbsent;
  };
  // Two threads share the adjacency scan when a second transaction on the same view is to be
  // had: one walks the lower half of the ids upwards from the front of the arc array, the
  // other the upper half downwards from its end; the halves meet because the arc count comes
  // from the same view.
  const storage::NodeId split_id = node_count == 0 ? 0 : nodes[node_count / 2].id;
  StatusOr<storage::ReadTxn> twin = node_count >= kMinNodesToShare
                                        ? txn.SameView()
                                        : StatusOr<storage::ReadTxn>(Unavailable("small graph"));
  algorithms::CsrGraph::Builder builder(std::move(nodes), counts.adjacency);

  Status facts_scanned, facts_problem;
  std::thread facts_reader;
  if (facts_alongside) {
    facts_reader = std::thread([&] {
      facts_scanned =
          facts_txn->ScanNodeFacts([&](storage::NodeId id, const storage::NodeFacts& f) {
            const algorithms::DenseId v = dense_of(id);
            if (v == kAbsent) {
              if (facts_problem.ok()) {
                facts_problem = Corruption("node " + std::to_string(id) +
                                           " lies outside the node id range (run `sutra check`)");
              }
              return;
            }
            builder.SetNodeFacts(v, f.type, f.protection, f.day);
          });
    });
  }
  // Joins the facts reader on every path out, before `builder` and the transaction go.
  struct JoinOnExit {
    std::thread& thread;
    ~JoinOnExit() {
      if (thread.joinable()) thread.join();
    }
  } join_facts{facts_reader};

  // Turns stored neighbours into arcs; the first fault found is kept in `problem`.
  auto to_arc = [&](storage::NodeId id, const storage::Neighbor& n,
                    Status& problem) -> std::optional<algorithms::CsrArc> {
    const algorithms::DenseId target = dense_of(n.node);
    if (target == kAbsent) {
      problem = Corruption("adjacency of node " + std::to_string(id) + " names missing node " +
                           std::to_string(n.node) + " (run `sutra check`)");
      return std::nullopt;
    }
    if (n.edge > algorithms::CsrArc::kMaxEdgeId) {
      problem = FailedPrecondition("edge " + std::to_string(n.edge) +
                                   " has an id too large for the in-memory snapshot");
      return std::nullopt;
    }
    return algorithms::CsrArc::Make(target, n.type, n.direction, n.edge);
  };
  auto row_of = [&](storage::NodeId id, Status& problem) -> algorithms::DenseId {
    const algorithms::DenseId v = dense_of(id);
    if (v == kAbsent) {
      problem = Corruption("adjacency of node " + std::to_string(id) +
                           ", which does not exist (run `sutra check`)");
    }
    return v;
  };
  auto out_of_order = [](storage::NodeId id) {
    return Corruption("the adjacency of node " + std::to_string(id) +
                      " is not in key order (run `sutra check`)");
  };

  Status front_problem;
  auto front = [&](storage::NodeId id, std::span<const storage::Neighbor> row) {
    if (!front_problem.ok()) return;
    const algorithms::DenseId v = row_of(id, front_problem);
    for (std::size_t i = 0; i < row.size() && front_problem.ok(); ++i) {
      std::optional<algorithms::CsrArc> arc = to_arc(id, row[i], front_problem);
      if (arc && !builder.Add(v, *arc)) front_problem = out_of_order(id);
    }
  };
  Status scanned, back_scanned, back_problem;
  if (twin.ok()) {
    std::thread back([&] {
      std::vector<algorithms::CsrArc> arcs;
      back_scanned = twin->ScanAdjacency(
          split_id, std::numeric_limits<storage::NodeId>::max(), /*descending=*/true,
          [&](storage::NodeId id, std::span<const storage::Neighbor> row) {
            if (!back_problem.ok()) return;
            const algorithms::DenseId v = row_of(id, back_problem);
            arcs.clear();
            for (std::size_t i = 0; i < row.size() && back_problem.ok(); ++i) {
              if (auto arc = to_arc(id, row[i], back_problem)) arcs.push_back(*arc);
            }
            if (back_problem.ok() && !builder.AddRowFromBack(v, arcs)) {
              back_problem = out_of_order(id);
            }
          });
    });
    scanned = txn.ScanAdjacency(0, split_id, /*descending=*/false, front);
    back.join();
  } else {
    scanned = txn.ScanAdjacency(front);
  }
  if (facts_reader.joinable()) facts_reader.join();
  for (const Status* s :
       {&scanned, &back_scanned, &front_problem, &back_problem, &facts_scanned, &facts_problem}) {
    SUTRA_RETURN_IF_ERROR(*s);
  }
  return std::move(builder).Finish();
}

}  // namespace sutra::engine
