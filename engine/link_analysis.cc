#include "engine/link_analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <span>

#include "algorithms/centrality.h"
#include "algorithms/communities.h"
#include "algorithms/components.h"
#include "algorithms/undirected_graph.h"
#include "engine/answer_nodes.h"

namespace sutra::engine {
namespace {

using algorithms::DenseId;
using algorithms::LocalId;
using algorithms::UndirectedGraph;

StatusOr<DenseId> DenseOf(const algorithms::CsrGraph& graph, storage::NodeId id) {
  auto v = graph.Find(id);
  if (!v) {
    return NotFound(
        fmt::format("no node has id {} (find ids with `sutra search`; a node "
                    "written in the last moments may not be in the snapshot yet)",
                    id));
  }
  return *v;
}

StatusOr<std::vector<double>> Scores(const UndirectedGraph& view, const CentralityQuery& query,
                                     CentralityAnswer& answer) {
  const bool large = view.node_count() > kExactBetweennessNodes;
  switch (query.measure) {
    case CentralityMeasure::kDegree:
      answer.method = query.weighted ? "sum of link strengths" : "distinct neighbours";
      return algorithms::Degree(view, query.weighted);
    case CentralityMeasure::kBetweenness: {
      algorithms::BetweennessOptions options;
      if (large) {
        options.sample = query.sample;
        answer.estimated = true;
        answer.method = fmt::format(
            "estimated from {} sampled sources (Brandes), scaled to the "
            "whole graph",
            query.sample);
      } else {
        answer.method = "exact (Brandes), each pair of nodes counted once";
      }
      return algorithms::Betweenness(view, options);
    }
    case CentralityMeasure::kCloseness: {
      algorithms::ClosenessOptions options;
      if (large) {
        const std::vector<double> degree = algorithms::Degree(view);
        for (const auto& [v, d] : algorithms::TopK(degree, query.sample))
          options.nodes.push_back(v);
        answer.estimated = true;
        answer.method = fmt::format(
            "computed for the {} most linked nodes only (a graph this "
            "large needs a search from every node)",
            options.nodes.size());
      } else {
        answer.method = "within each node's component: (reached - 1) / sum of distances";
      }
      return algorithms::Closeness(view, options);
    }
    case CentralityMeasure::kPageRank: {
      algorithms::PageRankOptions options;
      options.weighted = query.weighted;
      answer.method = "PageRank, damping 0.85, links both ways";
      return algorithms::PageRank(view, options);
    }
    case CentralityMeasure::kEigenvector: {
      algorithms::EigenvectorOptions options;
      options.weighted = query.weighted;
      answer.method = "principal eigenvector, largest = 1";
      return algorithms::Eigenvector(view, options);
    }
  }
  return InvalidArgument("unknown centrality measure");
}

}  // namespace

algorithms::LinkFilter AssociationFilter() {
  algorithms::LinkFilter filter;
  filter.exclude_exonerated = true;
  filter.node_types &= ~algorithms::Bit(storage::NodeType::kStation);
  return filter;
}

StatusOr<PathAnswer> FindPaths(const Engine& engine, const PathQuery& query) {
  SUTRA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, engine.CurrentSnapshot());
  const algorithms::CsrGraph& graph = snapshot->graph;
  SUTRA_ASSIGN_OR_RETURN(DenseId from, DenseOf(graph, query.from));
  SUTRA_ASSIGN_OR_RETURN(DenseId to, DenseOf(graph, query.to));
  algorithms::PathOptions options = query.options;
  options.max_length = std::min(options.max_length, query.max_length);
  StatusOr<algorithms::PathSearch> search = InvalidArgument("no path mode");
  switch (query.mode) {
    case PathMode::kShortest:
      search = algorithms::ShortestPath(graph, from, to, options);
      break;
    case PathMode::kKShortest:
      search = algorithms::KShortestPaths(graph, from, to, query.k, options);
      break;
    case PathMode::kAllSimple:
      search = algorithms::AllSimplePaths(graph, from, to, query.max_length, options);
      break;
  }
  SUTRA_RETURN_IF_ERROR(search.status());
  PathAnswer answer;
  answer.capped = search->capped;
  answer.visited = search->visited;
  SUTRA_ASSIGN_OR_RETURN(auto txn, engine.store().BeginRead());
  for (const algorithms::Path& path : search->paths) {
    FoundPath found;
    found.cost = path.cost;
    SUTRA_ASSIGN_OR_RETURN(found.nodes, ReadAnswerNodes(txn, graph, path.nodes));
    for (storage::EdgeId id : path.edges) {
      SUTRA_ASSIGN_OR_RETURN(auto edge, txn.GetEdge(id));
      if (edge) found.edges.push_back(std::move(*edge));
    }
    // A path through something deleted since the snapshot is no longer a path: leave it out.
    if (found.nodes.size() == path.nodes.size() && found.edges.size() == path.edges.size()) {
      answer.paths.push_back(std::move(found));
    }
  }
  return answer;
}

std::optional<CentralityMeasure> ParseCentralityMeasure(std::string_view name) {
  for (auto m :
       {CentralityMeasure::kDegree, CentralityMeasure::kBetweenness, CentralityMeasure::kCloseness,
        CentralityMeasure::kPageRank, CentralityMeasure::kEigenvector}) {
    if (CentralityMeasureName(m) == name) return m;
  }
  return std::nullopt;
}

std::string_view CentralityMeasureName(CentralityMeasure measure) {
  switch (measure) {
    case CentralityMeasure::kDegree:
      return "degree";
    case CentralityMeasure::kBetweenness:
      return "betweenness";
    case CentralityMeasure::kCloseness:
      return "closeness";
    case CentralityMeasure::kPageRank:
      return "pagerank";
    case CentralityMeasure::kEigenvector:
      return "eigenvector";
  }
  return "";
}

StatusOr<CentralityAnswer> RankByCentrality(const Engine& engine, const CentralityQuery& query) {
  SUTRA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, engine.CurrentSnapshot());
  const algorithms::CsrGraph& graph = snapshot->graph;
  const UndirectedGraph view = UndirectedGraph::FromSnapshot(graph, query.filter);
  CentralityAnswer answer;
  answer.nodes = view.node_count();
  answer.links = view.edge_count();
  SUTRA_ASSIGN_OR_RETURN(std::vector<double> scores, Scores(view, query, answer));
  // Rank only the listed types: unlisted nodes drop out before the top is taken.
  if (query.list_types != 0) {
    for (LocalId v = 0; v < view.node_count(); ++v) {
      if ((query.list_types & algorithms::Bit(graph.node(view.snapshot_id(v)).type)) == 0) {
        scores[v] = -1;
      }
    }
  }
  std::vector<DenseId> ids;
  std::vector<double> top_scores;
  for (const auto& [v, score] : algorithms::TopK(scores, query.top)) {
    if (score < 0) break;
    ids.push_back(view.snapshot_id(v));
    top_scores.push_back(score);
  }
  SUTRA_ASSIGN_OR_RETURN(auto txn, engine.store().BeginRead());
  SUTRA_ASSIGN_OR_RETURN(std::vector<AnswerNode> nodes, ReadAnswerNodes(txn, graph, ids));
  for (std::size_t i = 0, n = 0; i < ids.size() && n < nodes.size(); ++i) {
    if (nodes[n].node.id != graph.node(ids[i]).id) continue;  // deleted since the snapshot
    answer.top.push_back({std::move(nodes[n++]), top_scores[i]});
  }
  return answer;
}

namespace {

// The summary of one group of nodes (a community or a component): its size and its most
// linked members of the listed types.
StatusOr<CommunitySummary> Summarise(const storage::ReadTxn& txn, const algorithms::CsrGraph& graph,
                                     const UndirectedGraph& view, std::uint32_t id,
                                     std::vector<LocalId> members, std::size_t listed,
                                     std::uint32_t member_types) {
  CommunitySummary summary;
  summary.id = id;
  summary.size = members.size();
  if (member_types != 0) {
    std::erase_if(members, [&](LocalId v) {
      return (member_types & algorithms::Bit(graph.node(view.snapshot_id(v)).type)) == 0;
    });
  }
  const std::size_t shown = std::min(listed, members.size());
  std::partial_sort(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(shown),
                    members.end(), [&](LocalId a, LocalId b) {
                      return view.degree(a) != view.degree(b) ? view.degree(a) > view.degree(b)
                                                              : a < b;
                    });
  std::vector<DenseId> ids;
  for (std::size_t i = 0; i < shown; ++i) ids.push_back(view.snapshot_id(members[i]));
  SUTRA_ASSIGN_OR_RETURN(summary.members, ReadAnswerNodes(txn, graph, ids));
  return summary;
}

// Members of each group, from a group number per node.
std::vector<std::vector<LocalId>> Groups(std::span<const std::uint32_t> group_of,
                                         std::size_t groups) {
  std::vector<std::vector<LocalId>> members(groups);
  for (LocalId v = 0; v < group_of.size(); ++v) members[group_of[v]].push_back(v);
  return members;
}

}  // namespace

StatusOr<CommunityAnswer> FindCommunities(const Engine& engine, const CommunityQuery& query) {
  SUTRA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, engine.CurrentSnapshot());
  const algorithms::CsrGraph& graph = snapshot->graph;
  const UndirectedGraph view = UndirectedGraph::FromSnapshot(graph, query.filter);
  algorithms::CommunityOptions options;
  options.weighted = query.weighted;
  options.resolution = query.resolution;
  options.refine = true;  // a community an investigator reads must hang together
  SUTRA_ASSIGN_OR_RETURN(algorithms::Communities found,
                         algorithms::DetectCommunities(view, options));
  CommunityAnswer answer;
  answer.modularity = found.modularity;
  answer.communities = found.count();
  answer.nodes = view.node_count();
  answer.links = view.edge_count();
  std::vector<std::vector<LocalId>> members = Groups(found.community, found.count());
  std::vector<std::uint32_t> order(members.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return members[a].size() > members[b].size();
  });
  SUTRA_ASSIGN_OR_RETURN(auto txn, engine.store().BeginRead());
  for (std::uint32_t c : order) {
    if (answer.listed.size() == query.top || members[c].size() < query.min_size) break;
    SUTRA_ASSIGN_OR_RETURN(
        CommunitySummary summary,
        Summarise(txn, graph, view, c, std::move(members[c]), query.members, query.member_types));
    answer.listed.push_back(std::move(summary));
  }
  return answer;
}

StatusOr<ComponentAnswer> FindComponents(const Engine& engine, const algorithms::LinkFilter& filter,
                                         std::optional<storage::NodeId> of, std::size_t members) {
  SUTRA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, engine.CurrentSnapshot());
  const algorithms::CsrGraph& graph = snapshot->graph;
  const UndirectedGraph view = UndirectedGraph::FromSnapshot(graph, filter);
  const algorithms::Components found = algorithms::ConnectedComponents(view);
  ComponentAnswer answer;
  answer.components = found.count();
  answer.nodes = view.node_count();
  answer.links = view.edge_count();
  std::vector<std::size_t> sizes(found.sizes.begin(), found.sizes.end());
  std::sort(sizes.begin(), sizes.end(), std::greater<>());
  sizes.resize(std::min<std::size_t>(sizes.size(), 10));
  answer.largest = std::move(sizes);
  if (of) {
    SUTRA_ASSIGN_OR_RETURN(DenseId v, DenseOf(graph, *of));
    auto local = view.local_id(v);
    if (!local) {
      return InvalidArgument(fmt::format("node {} is of a type the filter leaves out", *of));
    }
    const std::uint32_t c = found.component[*local];
    std::vector<LocalId> in_component;
    for (LocalId u = 0; u < view.node_count(); ++u) {
      if (found.component[u] == c) in_component.push_back(u);
    }
    SUTRA_ASSIGN_OR_RETURN(auto txn, engine.store().BeginRead());
    SUTRA_ASSIGN_OR_RETURN(CommunitySummary summary,
                           Summarise(txn, graph, view, c, std::move(in_component), members, 0));
    answer.of_node = std::move(summary);
  }
  return answer;
}

}  // namespace sutra::engine
