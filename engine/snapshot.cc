#include "engine/snapshot.h"

#include <chrono>
#include <limits>
#include <optional>
#include <thread>

namespace sutra::engine {

namespace {
// Below this many nodes one thread scans alone: a second one would cost more than it saves.
constexpr std::size_t kMinNodesToShare = 4096;

// The node properties the snapshot keeps as facts (see algorithms::NodeEntry), read only from
// cases and person records.
constexpr std::uint32_t kFactTypes = (1u << static_cast<int>(storage::NodeType::kCase)) |
                                     (1u << static_cast<int>(storage::NodeType::kPersonRecord));
enum FactKey { kRegisteredOn, kStatus, kWrongfulArrest, kJuvenile, kSexualOffenceVictim };
constexpr std::string_view kFactKeyNames[] = {"registered_on", "status", "wrongful_arrest",
                                              "juvenile", "sexual_offence_victim"};
constexpr std::span<const std::string_view> kFactKeys{kFactKeyNames};

}  // namespace

std::int32_t DayNumber(std::string_view date) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return algorithms::kNoDay;
  auto digits = [&](std::size_t at, std::size_t n, auto& out) {
    for (std::size_t i = at; i < at + n; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      out = out * 10 + (date[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return algorithms::kNoDay;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return algorithms::kNoDay;
  return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

algorithms::NodeEntry FactsOf(storage::NodeId id, storage::NodeType type,
                              std::span<const std::optional<storage::Value>> facts) {
  algorithms::NodeEntry node{id, type};
  if (facts.size() != std::size(kFactKeyNames)) return node;
  auto text = [&](FactKey k) -> std::string_view {
    const auto* s = facts[k] ? std::get_if<std::string>(&*facts[k]) : nullptr;
    return s ? std::string_view(*s) : std::string_view();
  };
  auto yes = [&](FactKey k) { return facts[k] == storage::Value(true); };
  node.day = DayNumber(text(kRegisteredOn));
  if (text(kStatus) == "acquitted") node.flags |= algorithms::kAcquitted;
  if (text(kStatus) == "discharged") node.flags |= algorithms::kDischarged;
  if (yes(kWrongfulArrest)) node.flags |= algorithms::kWrongfulArrest;
  if (yes(kJuvenile)) node.flags |= algorithms::kJuvenile;
  if (yes(kSexualOffenceVictim)) node.flags |= algorithms::kSexualOffenceVictim;
  return node;
}

// Two scans, no property decoding: node types (to number the nodes densely in id order), then
// the adjacency, whose rows arrive in node id order with entries already in CSR arc order.
StatusOr<algorithms::CsrGraph> BuildSnapshot(const storage::ReadTxn& txn) {
  constexpr algorithms::DenseId kAbsent = std::numeric_limits<algorithms::DenseId>::max();
  SUTRA_ASSIGN_OR_RETURN(storage::EntryCounts counts, txn.CountEntries());
  std::vector<algorithms::NodeEntry> nodes;
  nodes.reserve(counts.nodes);
  SUTRA_RETURN_IF_ERROR(
      txn.ScanNodeFacts(kFactTypes, kFactKeys,
                        [&](storage::NodeId id, storage::NodeType type,
                            std::span<const std::optional<storage::Value>> facts) {
                          nodes.push_back(FactsOf(id, type, facts));
                        }));
  if (nodes.size() >= kAbsent) return FailedPrecondition("too many nodes for one snapshot");
  // Ids come from a counter, so they are usually contiguous (holes appear only after deletes):
  // then a node's dense number is its id minus the first id, with no table to look up, which
  // spares a cache miss per arc on a large graph. Otherwise a direct table maps id to number.
  const std::size_t node_count = nodes.size();
  const storage::NodeId first_id = nodes.empty() ? 0 : nodes.front().id;
  const bool contiguous = nodes.empty() || nodes.back().id - first_id + 1 == nodes.size();
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
  for (const Status* s : {&scanned, &back_scanned, &front_problem, &back_problem}) {
    SUTRA_RETURN_IF_ERROR(*s);
  }
  return std::move(builder).Finish();
}

}  // namespace sutra::engine
