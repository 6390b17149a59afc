#include "engine/engine.h"

#include <algorithm>
#include <set>

#include "algorithms/er/spelling_table.h"
#include "engine/snapshot.h"
#include "ingest/normalize.h"

namespace sutra::engine {
namespace {

using storage::Node;
using storage::NodeId;

// Exact-lookup terms that `text` could be, in the order an investigator most often means them.
std::vector<std::string> CandidateTerms(std::string_view text) {
  std::vector<std::string> terms;
  if (auto phone = ingest::NormalizeIndianMobile(text)) terms.push_back(ingest::PhoneTerm(*phone));
  if (auto reg = ingest::NormalizeVehicleRegistration(text)) {
    terms.push_back(ingest::VehicleTerm(*reg));
  }
  if (!ingest::FoldForLookup(text).empty()) {
    terms.push_back(ingest::FirTerm(text));
    terms.push_back(ingest::NameTerm(text));
    terms.push_back(ingest::StationTerm(text));
  }
  return terms;
}

// Reads the nodes and edges named by ids into `out`, keeping the ids' order. A missing one is
// corruption when the ids come from the same view (`ids_from_snapshot` false); when they come
// from a snapshot older than `txn`, it was deleted since and is left out, with the edges that
// touch it.
Status Materialise(const storage::ReadTxn& txn, const std::vector<NodeId>& nodes,
                   const std::vector<storage::EdgeId>& edges, storage::Subgraph& out,
                   bool ids_from_snapshot = false) {
  std::set<NodeId> present;
  for (NodeId id : nodes) {
    SUTRA_ASSIGN_OR_RETURN(auto node, txn.GetNode(id));
    if (!node && ids_from_snapshot) continue;
    if (!node)
      return Corruption("adjacency names node " + std::to_string(id) + ", which is missing");
    present.insert(id);
    out.nodes.push_back(std::move(*node));
  }
  for (storage::EdgeId id : edges) {
    SUTRA_ASSIGN_OR_RETURN(auto edge, txn.GetEdge(id));
    const bool ends_present = edge && present.contains(edge->from) && present.contains(edge->to);
    if (!ends_present && ids_from_snapshot) continue;
    if (!edge)
      return Corruption("adjacency names edge " + std::to_string(id) + ", which is missing");
    out.edges.push_back(std::move(*edge));
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<Engine>> Engine::Open(const std::filesystem::path& db_dir) {
  SUTRA_ASSIGN_OR_RETURN(auto store, storage::GraphStore::Open(db_dir, {}));
  return std::unique_ptr<Engine>(new Engine(std::move(store)));
}

StatusOr<std::vector<Node>> Engine::Search(std::string_view text, std::size_t limit) const {
  if (!ingest::IsValidUtf8(text)) return InvalidArgument("search text is not valid UTF-8");
  SUTRA_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  std::set<NodeId> ids;
  for (const std::string& term : CandidateTerms(text)) {
    SUTRA_ASSIGN_OR_RETURN(auto hits, txn.LookupTerm(term, limit));
    ids.insert(hits.begin(), hits.end());
  }
  std::vector<Node> nodes;
  for (NodeId id : ids) {
    if (nodes.size() == limit) break;
    SUTRA_ASSIGN_OR_RETURN(auto node, txn.GetNode(id));
    if (node) nodes.push_back(std::move(*node));
  }
  return nodes;
}

StatusOr<std::optional<storage::Subgraph>> Engine::Expand(NodeId id, std::size_t limit) const {
  SUTRA_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  SUTRA_ASSIGN_OR_RETURN(auto centre, txn.GetNode(id));
  if (!centre) return std::optional<storage::Subgraph>();
  storage::Subgraph graph;
  SUTRA_ASSIGN_OR_RETURN(graph.total_neighbors, txn.CountNeighbors(id));
  std::vector<NodeId> nodes{id};
  std::vector<storage::EdgeId> edges;
  std::set<NodeId> seen{id};
  SUTRA_RETURN_IF_ERROR(txn.ForEachNeighbor(id, [&](const storage::Neighbor& n) {
    if (edges.size() == limit) return false;
    edges.push_back(n.edge);
    if (seen.insert(n.node).second) nodes.push_back(n.node);
    return true;
  }));
  graph.truncated = edges.size() < graph.total_neighbors;
  SUTRA_RETURN_IF_ERROR(Materialise(txn, nodes, edges, graph));
  return std::optional<storage::Subgraph>(std::move(graph));
}

StatusOr<const er::PersonDirectory*> Engine::Directory() const {
  std::call_once(directory_once_, [this] {
    auto normalizer =
        algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default());
    if (!normalizer.ok()) {
      directory_status_ = normalizer.status();
      return;
    }
    normalizer_ = std::make_unique<algorithms::er::NameNormalizer>(std::move(*normalizer));
    auto txn = store_->BeginRead();
    if (!txn.ok()) {
      directory_status_ = txn.status();
      return;
    }
    auto directory = er::PersonDirectory::Load(*txn, *normalizer_);
    directory_status_ = directory.status();
    if (directory.ok()) directory_ = std::move(*directory);
  });
  if (!directory_status_.ok()) return directory_status_;
  return static_cast<const er::PersonDirectory*>(directory_.get());
}

StatusOr<er::PersonSearchResult> Engine::SearchPersons(const er::PersonQuery& query) const {
  SUTRA_ASSIGN_OR_RETURN(const er::PersonDirectory* directory, Directory());
  return directory->Search(query);
}

StatusOr<std::optional<storage::Subgraph>> Engine::Neighborhood(
    NodeId id, const algorithms::KHopOptions& options) const {
  SUTRA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, CurrentSnapshot());
  const algorithms::CsrGraph* graph = &snapshot->graph;
  auto start = graph->Find(id);
  if (!start) return std::optional<storage::Subgraph>();
  algorithms::KHopResult hop = algorithms::KHop(*graph, *start, options);
  std::vector<NodeId> nodes;
  for (algorithms::DenseId v : hop.nodes) nodes.push_back(graph->node(v).id);
  storage::Subgraph out;
  out.total_neighbors = hop.edges.size() + hop.left_out;
  out.truncated = hop.left_out > 0;
  SUTRA_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  SUTRA_RETURN_IF_ERROR(Materialise(txn, nodes, hop.edges, out, /*ids_from_snapshot=*/true));
  return std::optional<storage::Subgraph>(std::move(out));
}

StatusOr<GraphStats> Engine::Stats() const {
  SUTRA_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  std::map<storage::NodeType, std::uint64_t> nodes;
  std::map<storage::EdgeType, std::uint64_t> edges;
  SUTRA_RETURN_IF_ERROR(txn.ForEachNode([&](const Node& n) {
    ++nodes[n.type];
    return true;
  }));
  SUTRA_RETURN_IF_ERROR(txn.ForEachEdge([&](const storage::Edge& e) {
    ++edges[e.type];
    return true;
  }));
  GraphStats stats;
  for (storage::NodeType t : storage::kAllNodeTypes) {
    stats.nodes_by_type.emplace_back(t, nodes[t]);
    stats.total_nodes += nodes[t];
  }
  for (storage::EdgeType t : storage::kAllEdgeTypes) {
    stats.edges_by_type.emplace_back(t, edges[t]);
    stats.total_edges += edges[t];
  }
  return stats;
}

}  // namespace sutra::engine
