#include "engine/jurisdiction_index.h"

#include <algorithm>

#include "ingest/normalize.h"

namespace sutra::engine {
namespace {

using algorithms::CsrGraph;
using algorithms::DenseId;
using storage::Direction;
using storage::EdgeType;
using storage::NodeId;
using storage::NodeType;

bool IsRoleInCase(EdgeType type) {
  return type == EdgeType::kAccusedIn || type == EdgeType::kVictimIn ||
         type == EdgeType::kComplainantIn || type == EdgeType::kWitnessIn ||
         type == EdgeType::kArrestedIn;
}

std::string Text(const storage::Node& node, std::string_view key) {
  for (const auto& [name, value] : node.properties) {
    if (name != key) continue;
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
  }
  return {};
}

std::string Folded(std::string_view text) { return ingest::FoldForLookup(text); }

// Appends the dense ids of the cases that anchor v (see the header), without repeats.
void AnchorsInSnapshot(const CsrGraph& g, DenseId v, std::vector<DenseId>& out) {
  auto record_cases = [&](DenseId record) {
    for (const auto& arc : g.arcs(record)) {
      if (IsRoleInCase(arc.type) && arc.direction == Direction::kOut) out.push_back(arc.target);
    }
  };
  auto person_cases = [&](DenseId person) {
    for (const auto& arc : g.arcs(person)) {
      if (arc.type == EdgeType::kSameAs && arc.direction == Direction::kIn)
        record_cases(arc.target);
    }
  };
  switch (g.node(v).type) {
    case NodeType::kCase:
      out.push_back(v);
      break;
    case NodeType::kPersonRecord:
      record_cases(v);
      break;
    case NodeType::kPerson:
      person_cases(v);
      break;
    case NodeType::kStation:
      break;
    case NodeType::kPhone:
    case NodeType::kVehicle:
    case NodeType::kLocation:
      for (const auto& arc : g.arcs(v)) {
        switch (g.node(arc.target).type) {
          case NodeType::kCase:
            out.push_back(arc.target);
            break;
          case NodeType::kPersonRecord:
            record_cases(arc.target);
            break;
          case NodeType::kPerson:
            person_cases(arc.target);
            break;
          default:
            break;
        }
      }
      break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

StatusOr<std::shared_ptr<const JurisdictionIndex>> JurisdictionIndex::Build(
    std::shared_ptr<const Snapshot> snapshot, const storage::ReadTxn& txn) {
  std::shared_ptr<JurisdictionIndex> index(new JurisdictionIndex());
  const CsrGraph& g = snapshot->graph;
  const std::size_t n = g.node_count();
  // Stations first: few (one per police station), read with their district and state.
  for (DenseId v = 0; v < n; ++v) {
    if (g.node(v).type != NodeType::kStation) continue;
    SUTRA_ASSIGN_OR_RETURN(auto node, txn.GetNode(g.node(v).id));
    if (!node) continue;  // deleted since the snapshot
    index->station_of_node_.emplace(node->id, static_cast<std::uint32_t>(index->stations_.size()));
    index->stations_.push_back({node->id, Text(*node, "code"), Folded(Text(*node, "district")),
                                Folded(Text(*node, "state"))});
  }
  index->case_station_.assign(n, Anchor::kNoStation);
  for (DenseId v = 0; v < n; ++v) {
    if (g.node(v).type != NodeType::kCase) continue;
    for (const auto& arc : g.arcs(v)) {
      if (arc.type == EdgeType::kRegisteredAt && arc.direction == Direction::kOut) {
        index->case_station_[v] = index->StationIndexOf(g.node(arc.target).id);
        break;
      }
    }
  }
  index->offsets_.reserve(n + 1);
  index->offsets_.push_back(0);
  std::vector<DenseId> scratch;
  for (DenseId v = 0; v < n; ++v) {
    scratch.clear();
    AnchorsInSnapshot(g, v, scratch);
    index->anchors_.insert(index->anchors_.end(), scratch.begin(), scratch.end());
    index->offsets_.push_back(static_cast<std::uint32_t>(index->anchors_.size()));
  }
  index->snapshot_ = std::move(snapshot);
  return std::shared_ptr<const JurisdictionIndex>(std::move(index));
}

std::uint32_t JurisdictionIndex::StationIndexOf(NodeId station) const {
  auto it = station_of_node_.find(station);
  return it == station_of_node_.end() ? Anchor::kNoStation : it->second;
}

StatusOr<std::uint32_t> JurisdictionIndex::CaseStation(NodeId case_id,
                                                       const storage::ReadTxn& txn) const {
  std::uint32_t station = Anchor::kNoStation;
  SUTRA_RETURN_IF_ERROR(
      txn.ForEachNeighbor(case_id, {.type = EdgeType::kRegisteredAt, .direction = Direction::kOut},
                          [&](const storage::Neighbor& neighbor) {
                            station = StationIndexOf(neighbor.node);
                            return false;
                          }));
  return station;
}

Status JurisdictionIndex::Locate(NodeId id, NodeType type, const storage::ReadTxn& txn,
                                 std::vector<Anchor>& out) const {
  out.clear();
  const CsrGraph& g = snapshot_->graph;
  if (auto dense = g.Find(id)) {
    for (std::uint32_t i = offsets_[*dense]; i < offsets_[*dense + 1]; ++i) {
      const DenseId c = anchors_[i];
      out.push_back({g.node(c).id, case_station_[c]});
    }
    return Status::Ok();
  }
  // Newer than the snapshot: the same walk through the store.
  std::vector<NodeId> cases;
  auto record_cases = [&](NodeId record) {
    return txn.ForEachNeighbor(record, {.type = std::nullopt, .direction = Direction::kOut},
                               [&](const storage::Neighbor& nb) {
                                 if (IsRoleInCase(nb.type)) cases.push_back(nb.node);
                                 return true;
                               });
  };
  auto person_cases = [&](NodeId person) -> Status {
    std::vector<NodeId> records;
    SUTRA_RETURN_IF_ERROR(
        txn.ForEachNeighbor(person, {.type = EdgeType::kSameAs, .direction = Direction::kIn},
                            [&](const storage::Neighbor& nb) {
                              records.push_back(nb.node);
                              return true;
                            }));
    for (NodeId record : records) SUTRA_RETURN_IF_ERROR(record_cases(record));
    return Status::Ok();
  };
  switch (type) {
    case NodeType::kCase:
      cases.push_back(id);
      break;
    case NodeType::kPersonRecord:
      SUTRA_RETURN_IF_ERROR(record_cases(id));
      break;
    case NodeType::kPerson:
      SUTRA_RETURN_IF_ERROR(person_cases(id));
      break;
    case NodeType::kStation:
      break;
    default: {
      std::vector<storage::Neighbor> around;
      SUTRA_RETURN_IF_ERROR(txn.ForEachNeighbor(id, [&](const storage::Neighbor& nb) {
        around.push_back(nb);
        return true;
      }));
      for (const auto& nb : around) {
        SUTRA_ASSIGN_OR_RETURN(auto node, txn.GetNode(nb.node));
        if (!node) continue;
        if (node->type == NodeType::kCase) cases.push_back(nb.node);
        if (node->type == NodeType::kPersonRecord) SUTRA_RETURN_IF_ERROR(record_cases(nb.node));
        if (node->type == NodeType::kPerson) SUTRA_RETURN_IF_ERROR(person_cases(nb.node));
      }
    }
  }
  std::sort(cases.begin(), cases.end());
  cases.erase(std::unique(cases.begin(), cases.end()), cases.end());
  for (NodeId c : cases) {
    std::uint32_t station = Anchor::kNoStation;
    if (auto dense = g.Find(c)) {
      station = case_station_[*dense];
    } else {
      SUTRA_ASSIGN_OR_RETURN(station, CaseStation(c, txn));
    }
    out.push_back({c, station});
  }
  return Status::Ok();
}

std::vector<bool> JurisdictionIndex::StationMask(const policy::Jurisdiction& jurisdiction) const {
  using policy::JurisdictionLevel;
  std::vector<bool> mask(stations_.size(), false);
  const std::string folded = Folded(jurisdiction.code);
  for (std::size_t i = 0; i < stations_.size(); ++i) {
    const StationInfo& s = stations_[i];
    switch (jurisdiction.level) {
      case JurisdictionLevel::kNational:
        mask[i] = true;
        break;
      case JurisdictionLevel::kState:
        mask[i] = s.state == folded;
        break;
      case JurisdictionLevel::kDistrict:
        mask[i] = s.district == folded;
        break;
      case JurisdictionLevel::kStation:
        mask[i] = s.code == jurisdiction.code;
        break;
    }
  }
  return mask;
}

}  // namespace sutra::engine
