// CsrGraph: an immutable in-memory snapshot of the crime graph in compressed sparse row form,
// for whole-graph algorithms (DESIGN.md, "Engine"). Built by the engine from one storage scan;
// algorithms never see LMDB.
//
// Nodes are renumbered densely 0..n-1 in ascending id order. Every stored edge appears twice,
// once in each endpoint's row, with its direction from that endpoint's point of view, so
// traversals may follow links either way and filter by direction.
//
// Thread safety: immutable after Build(); any number of threads may read it.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "storage/huge_page_allocator.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::algorithms {

using DenseId = std::uint32_t;

// One end of an edge in a node's row: 12 bytes, because the arc array is the snapshot's bulk
// (two arcs per edge) and filling fresh memory is what a large snapshot build spends most on.
// Edge ids are kept to 48 bits (2.8e14 edges); larger ones are refused when building.
struct CsrArc {
  static constexpr storage::EdgeId kMaxEdgeId = (storage::EdgeId{1} << 48) - 1;

  static CsrArc Make(DenseId target, storage::EdgeType type, storage::Direction direction,
                     storage::EdgeId edge) {
    return {target, type, direction, static_cast<std::uint16_t>(edge >> 32),
            static_cast<std::uint32_t>(edge)};
  }
  storage::EdgeId edge() const { return (storage::EdgeId{edge_high} << 32) | edge_low; }
  // Rows are sorted by this key: (type, direction, target, edge).
  auto order() const { return std::tuple(type, direction, target, edge()); }

  // No default member initializers: sizing a large arc array then writes nothing (its
  // allocator default-initializes), and each arc is written exactly once.
  DenseId target;
  storage::EdgeType type;
  storage::Direction direction;
  std::uint16_t edge_high;
  std::uint32_t edge_low;
};
static_assert(sizeof(CsrArc) == 12);

// The arc array is the snapshot's bulk (16 bytes per arc, two arcs per edge): backed by huge
// pages so that filling it costs a page fault per 2 MiB rather than per 4 KiB.
using ArcArray = std::vector<CsrArc, storage::HugePageAllocator<CsrArc>>;

// Days since 1970-01-01 (negative before), or kNoDay when a node or link has no date.
inline constexpr std::int32_t kNoDay = storage::kNoDay;

// Facts about a node that decide what an answer may say about it (storage::ProtectionFlags in
// the snapshot's terms). A bit each, so a node carries any mix.
enum NodeFlag : std::uint8_t {
  kAcquitted = storage::kAcquittedBit,    // a case whose outcome was acquittal, and its accused
  kDischarged = storage::kDischargedBit,  // likewise for a discharge
  kWrongfulArrest = storage::kWrongfulArrestBit,  // a record marked as a wrongful arrest
  kJuvenile = storage::kJuvenileBit,              // a record of a juvenile
  kSexualOffenceVictim = storage::kSexualOffenceVictimBit,
};
// The flags that say the law found no guilt: links touching such a node are left out of
// association measures unless the caller asks for them.
inline constexpr std::uint8_t kExonerated = kAcquitted | kDischarged | kWrongfulArrest;

struct NodeEntry {
  storage::NodeId id = 0;
  storage::NodeType type = storage::NodeType::kCase;
  std::uint8_t flags = 0;     // NodeFlag bits
  std::int32_t day = kNoDay;  // a case's registration date; a person record takes its case's
};
static_assert(sizeof(NodeEntry) == 16);

struct EdgeEntry {
  storage::EdgeId id = 0;
  storage::EdgeType type = storage::EdgeType::kAccusedIn;
  storage::NodeId from = 0;
  storage::NodeId to = 0;
};

class CsrGraph {
 public:
  // Builds the snapshot. Edges whose endpoints are not among `nodes`, or whose id exceeds
  // CsrArc::kMaxEdgeId, are counted in dangling_edges() and left out (a consistent store has
  // none).
  static CsrGraph Build(std::vector<NodeEntry> nodes, const std::vector<EdgeEntry>& edges);

  class Builder;

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t arc_count() const { return arcs_.size(); }
  std::size_t dangling_edges() const { return dangling_edges_; }

  std::optional<DenseId> Find(storage::NodeId id) const;
  const NodeEntry& node(DenseId v) const { return nodes_[v]; }
  // v's arcs ordered by (edge type, direction, target).
  std::span<const CsrArc> arcs(DenseId v) const {
    return {arcs_.data() + offsets_[v], arcs_.data() + offsets_[v + 1]};
  }

  // The date of the link `arc` from v: the registration day of the case at either end, else
  // that of the person record at either end (which took its case's day), else kNoDay (a link
  // such as Phone-Phone or Person-Location that no FIR dates in the snapshot).
  std::int32_t ArcDay(DenseId v, const CsrArc& arc) const {
    const NodeEntry& a = nodes_[v];
    const NodeEntry& b = nodes_[arc.target];
    // The later of the two ends' days, so the answer is the same from either end (kNoDay is
    // the smallest int32, so a dated end wins over an undated one).
    auto day_if = [&](storage::NodeType type) {
      return std::max(a.type == type ? a.day : kNoDay, b.type == type ? b.day : kNoDay);
    };
    if (a.type == storage::NodeType::kCase || b.type == storage::NodeType::kCase) {
      return day_if(storage::NodeType::kCase);
    }
    return day_if(storage::NodeType::kPersonRecord);
  }
  // True when either end of the link carries an exonerating flag: the link comes from an
  // acquitted or discharged case or a wrongful arrest.
  bool ArcExonerated(DenseId v, const CsrArc& arc) const {
    return ((nodes_[v].flags | nodes_[arc.target].flags) & kExonerated) != 0;
  }

 private:
  // Gives each person record its case's day, and the acquitted/discharged flag of its case when
  // the record was accused or arrested in it (a victim of an acquitted case is not exonerated:
  // there was nothing to exonerate). Called once by Build() and Finish().
  void DeriveRecordFacts();

  std::vector<NodeEntry> nodes_;        // sorted by id
  std::vector<std::uint64_t> offsets_;  // size node_count() + 1
  ArcArray arcs_;
  std::size_t dangling_edges_ = 0;
};

// Builds a CsrGraph from arcs that arrive already in CSR order, as a scan of the store's
// adjacency yields them: each row's arcs sorted by (type, direction, target, edge). Each arc
// is checked as it is added, while it is in cache, so no second pass over the arcs is needed.
//
// Two writers may fill it at once, each on its own thread: Add() appends rows in ascending
// order from the front of the arc array, AddRowFromBack() places whole rows in descending
// order from its end. Every row the back writer adds must come after every row Add() gets;
// the caller splits the node range so. Together they must add exactly `arc_count` arcs (a
// count from the same view of the data), so that the two halves meet; neither writes outside
// the array whatever it is given.
//
// The arc array is allocated once, its pages made by a background thread while rows are added
// (filling fresh memory is what a large build spends most on).
class CsrGraph::Builder {
 public:
  // `nodes` in ascending id order.
  Builder(std::vector<NodeEntry> nodes, std::size_t arc_count);
  ~Builder();
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  std::size_t node_count() const { return nodes_.size(); }
  // Appends `arc` to node v's row. Returns false, and Finish() reports why, if v is out of
  // range or before the current row, the target is out of range, the arc sorts before the
  // row's previous one, or the array is full; later calls are then ignored.
  bool Add(DenseId v, const CsrArc& arc) {
    if (!front_.problem.empty()) return false;
    if (v >= nodes_.size() || v + 1 < front_.next_row || arc.target >= nodes_.size() ||
        front_.pos == arcs_.size()) {
      return FailFront(v, arc);
    }
    while (front_.next_row <= v) offsets_[front_.next_row++] = front_.pos;
    if (front_.pos > offsets_[v] && arc.order() < arcs_[front_.pos - 1].order()) {
      return FailFront(v, arc);
    }
    arcs_[front_.pos++] = arc;
    return true;
  }
  // Places node v's whole row, before the rows placed so far from the back. Returns false, and
  // Finish() reports why, on the same faults as Add() (v must descend) or when the row does
  // not fit; later calls are then ignored.
  bool AddRowFromBack(DenseId v, std::span<const CsrArc> row);
  // Sets node v's type, flags and day (not its id), for a caller that reads node facts on a
  // third thread while the two writers add arcs: safe alongside Add() and AddRowFromBack(),
  // which read only the node count and ids. Out-of-range v is ignored (Finish() would not
  // notice, so the caller checks ids against its own range).
  void SetNodeFacts(DenseId v, storage::NodeType type, std::uint8_t flags, std::int32_t day) {
    if (v >= nodes_.size()) return;
    nodes_[v].type = type;
    nodes_[v].flags = flags;
    nodes_[v].day = day;
  }
  // The graph, or InvalidArgument naming the first violation (including nodes out of order, and
  // a number of arcs other than announced).
  StatusOr<CsrGraph> Finish() &&;

 private:
  // What each writer alone touches: its position in the arc array, the rows whose start it
  // has set (front: [0, next_row); back: [next_row, n]), its first fault.
  struct Writer {
    std::size_t pos = 0;
    std::size_t next_row = 0;
    std::string problem;
  };
  bool FailFront(DenseId v, const CsrArc& arc);
  void StopPopulating();

  std::vector<NodeEntry> nodes_;
  std::vector<std::uint64_t> offsets_;
  ArcArray arcs_;
  Writer front_, back_;
  std::atomic<bool> stop_populating_ = false;
  std::thread populate_;
};

}  // namespace sutra::algorithms
