// JurisdictionIndex: where each node of the graph is held — the cases that anchor it and the
// stations that registered those cases — so that the access policy can tell in a few array
// reads whether a node lies in a principal's jurisdiction (engine/policy/access_policy.h).
//
// A node's anchor cases:
//   Case            itself
//   PersonRecord    the cases it appears in (accused, victim, complainant, witness, arrested)
//   Person          the anchor cases of its records (SAME_AS)
//   Phone, Vehicle, Location
//                   the cases linked to it directly, and the anchor cases of the records and
//                   persons linked to it
//   Station         none: a station is public and in every jurisdiction
// A case's station is the one it is REGISTERED_AT.
//
// Built from one engine snapshot (O(nodes + links)) and immutable after; nodes newer than the
// snapshot are located from the store instead (Locate), with the same answer.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "algorithms/csr_graph.h"
#include "engine/policy/principal.h"
#include "engine/snapshot_cache.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine {

struct StationInfo {
  storage::NodeId id = 0;
  std::string code, district, state;
};

// One anchor case of a node, with the index (into JurisdictionIndex::stations()) of the
// station that registered it, or kNoStation when it names none.
struct Anchor {
  static constexpr std::uint32_t kNoStation = UINT32_MAX;
  storage::NodeId case_id = 0;
  std::uint32_t station = kNoStation;
};

class JurisdictionIndex {
 public:
  static StatusOr<std::shared_ptr<const JurisdictionIndex>> Build(
      std::shared_ptr<const Snapshot> snapshot, const storage::ReadTxn& txn);

  // The anchors of node `id`: from the snapshot when it holds the node, else read through
  // `txn` (a node created since the snapshot). Appends to `out` (cleared first).
  Status Locate(storage::NodeId id, storage::NodeType type, const storage::ReadTxn& txn,
                std::vector<Anchor>& out) const;

  const std::vector<StationInfo>& stations() const { return stations_; }
  // True for each station (by index) inside `jurisdiction`; districts and states compare
  // case-insensitively.
  std::vector<bool> StationMask(const policy::Jurisdiction& jurisdiction) const;
  const Snapshot& snapshot() const { return *snapshot_; }

 private:
  JurisdictionIndex() = default;
  std::uint32_t StationIndexOf(storage::NodeId station) const;
  // The station index of a case read through `txn`.
  StatusOr<std::uint32_t> CaseStation(storage::NodeId case_id, const storage::ReadTxn& txn) const;

  std::shared_ptr<const Snapshot> snapshot_;
  std::vector<StationInfo> stations_;
  std::unordered_map<storage::NodeId, std::uint32_t> station_of_node_;
  // Per dense node: its anchors as dense case ids, in CSR form.
  std::vector<std::uint32_t> offsets_;
  std::vector<algorithms::DenseId> anchors_;
  // Per dense node that is a case: its station index (kNoStation otherwise).
  std::vector<std::uint32_t> case_station_;
};

}  // namespace sutra::engine
