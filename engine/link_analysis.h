// Link analysis for investigators and analysts, on the engine's current snapshot: paths
// between two nodes, who is central, which groups hang together, and the crime patterns
// (co-accused, shared phones and vehicles, repeat offenders across districts, templates).
//
// This is the layer the CLI, the query language and RPC call. It picks the snapshot, runs the
// algorithms of algorithms/ and answers in the data model's terms (stored nodes and edges read
// from one read transaction, each node with its protection flags), so no caller sees dense ids.
//
// Association measures — centrality, communities and patterns — leave out links from
// acquitted or discharged cases and wrongful arrests unless the caller sets
// `filter.exclude_exonerated = false`; AssociationFilter() is that default. Paths and
// neighbourhoods show such links (an investigator must see how things are connected) and
// flag the nodes instead.
//
// Thread safety: every function may be called from any thread; each reads one snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/link_filter.h"
#include "algorithms/paths.h"
#include "engine/answer_nodes.h"
#include "engine/engine.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::engine {

// Links from exonerating outcomes left out, and police stations left out as nodes: every FIR
// is registered at one, so through a station everyone is two links from everyone.
algorithms::LinkFilter AssociationFilter();

// --- paths -------------------------------------------------------------------------------

enum class PathMode { kShortest, kKShortest, kAllSimple };

struct PathQuery {
  storage::NodeId from = 0;
  storage::NodeId to = 0;
  PathMode mode = PathMode::kShortest;
  std::size_t k = 3;                // kKShortest
  std::uint32_t max_length = 6;     // kAllSimple (and a bound for the others)
  algorithms::PathOptions options;  // cost, filter, hub avoidance, caps
};

struct FoundPath {
  std::vector<AnswerNode> nodes;     // from `from` to `to`
  std::vector<storage::Edge> edges;  // edges[i] joins nodes[i] and nodes[i + 1]
  double cost = 0;
};

struct PathAnswer {
  std::vector<FoundPath> paths;  // ascending cost; empty when none exists under the filter
  bool capped = false;           // a search cap stopped the search: more or shorter may exist
  std::uint64_t visited = 0;
};

// NotFound when either node does not exist in the snapshot.
StatusOr<PathAnswer> FindPaths(const Engine& engine, const PathQuery& query);

// --- centrality --------------------------------------------------------------------------

enum class CentralityMeasure { kDegree, kBetweenness, kCloseness, kPageRank, kEigenvector };
std::optional<CentralityMeasure> ParseCentralityMeasure(std::string_view name);
std::string_view CentralityMeasureName(CentralityMeasure measure);

struct CentralityQuery {
  CentralityMeasure measure = CentralityMeasure::kPageRank;
  algorithms::LinkFilter filter = AssociationFilter();
  std::size_t top = 20;
  // Only nodes of these types are listed (all nodes still take part in the computation):
  // Bit(NodeType) bits; 0 lists every type.
  std::uint32_t list_types = 0;
  bool weighted = false;  // degree, PageRank and eigenvector weigh links by strength
  // Betweenness: exact up to kExactBetweennessNodes nodes; above, this many sampled sources
  // (the answer is then an estimate, and says so). Closeness: above that size, computed only
  // for this many highest-degree nodes.
  std::size_t sample = 64;
};

inline constexpr std::size_t kExactBetweennessNodes = 50000;

struct RankedNode {
  AnswerNode node;
  double score = 0;
};

struct CentralityAnswer {
  std::vector<RankedNode> top;
  std::size_t nodes = 0, links = 0;  // of the graph the measure ran on (after the filter)
  bool estimated = false;            // sampled betweenness, or closeness of a subset
  std::string method;                // how it was computed, for the reader
};

StatusOr<CentralityAnswer> RankByCentrality(const Engine& engine, const CentralityQuery& query);

// --- components and communities ------------------------------------------------------------

struct CommunityQuery {
  algorithms::LinkFilter filter = AssociationFilter();
  bool weighted = true;  // repeated links (several shared cases, many calls) tie closer
  double resolution = 1.0;
  std::size_t top = 10;            // communities listed, largest first
  std::size_t members = 10;        // members listed per community, most linked first
  std::size_t min_size = 2;        // communities smaller than this are counted, not listed
  std::uint32_t member_types = 0;  // Bit(NodeType) of the members listed; 0: every type
};

struct CommunitySummary {
  std::uint32_t id = 0;
  std::size_t size = 0;
  std::vector<AnswerNode> members;  // the most linked first, at most `members`
};

struct CommunityAnswer {
  double modularity = 0;
  std::size_t communities = 0;  // all of them, singletons included
  std::size_t nodes = 0, links = 0;
  std::vector<CommunitySummary> listed;
};

StatusOr<CommunityAnswer> FindCommunities(const Engine& engine, const CommunityQuery& query);

struct ComponentAnswer {
  std::size_t components = 0;
  std::size_t nodes = 0, links = 0;
  std::vector<std::size_t> largest;  // sizes of the largest components, descending (at most 10)
  // The component of `of`, when asked: its size and up to `members` of its nodes.
  std::optional<CommunitySummary> of_node;
};

StatusOr<ComponentAnswer> FindComponents(const Engine& engine, const algorithms::LinkFilter& filter,
                                         std::optional<storage::NodeId> of,
                                         std::size_t members = 20);

}  // namespace sutra::engine
