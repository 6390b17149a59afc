// ChartModel: the viewer-side state of one link chart — which nodes and edges are on it, where
// each node sits, what is selected, and how much of each expanded node's neighbourhood is shown.
//
// The UI re-reads this model every frame and draws it; the Session (session.h) is the only code
// that adds server answers to it, the layout (layout.h) moves positions, and the chart view
// (chart_view.h) moves a node the user drags. It holds copies of server data (storage::Node and
// storage::Edge values as the RPC client returned them) and never talks to the server.
//
// Invariants: node ids are unique on a chart, and so are edge ids; every edge's endpoints are on
// the chart; the selection, when set, names a node on the chart. Nodes keep the order in which
// they were added ("chart order"), which makes placement and layout deterministic.
//
// Thread safety: none; the viewer uses it from its one UI thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rpc/answers.h"
#include "storage/model.h"

namespace sutra::viewer {

// A point or a vector in chart ("world") coordinates.
struct Vec2 {
  float x = 0;
  float y = 0;
};

struct ChartNode {
  storage::Node node;
  // What the chart writes beside it: storage::DisplayLabel(node), or for a node the access
  // policy shows only as a hit "held at STATION", or "[identity withheld]" for a protected
  // person whose identity the server withheld (see ChartLabel).
  std::string label;
  // Sensitive facts about it, see SensitiveFlags(), followed by the server's policy flags
  // (rpc/answers.h: "juvenile:redacted", ...) except "hit-only", which is `hit_only`.
  std::vector<std::string> flags;
  bool hit_only = false;           // outside the user's reach: type and holding station only
  bool identity_withheld = false;  // a protected identity the user's purpose does not reveal
  Vec2 position;
  bool pinned = false;  // held by the user's drag: the layout leaves it where it is

  // Expansion state, counted in links (adjacency entries), as the engine counts and caps an
  // expansion: after an expansion `shown_links` counts the node's links the server returned and
  // `total_links` the links it says exist. `truncated` means some were left out; the chart then
  // shows "shown/total" on the node.
  bool expanded = false;
  std::uint64_t shown_links = 0;
  std::uint64_t total_links = 0;
  bool truncated = false;
  std::uint32_t expand_limit = 0;  // the cap the last expansion asked for

  std::uint32_t placed_children = 0;  // neighbours placed around it so far (placement only)
};

struct ChartEdge {
  storage::Edge edge;
  std::vector<std::string> flags;  // sensitive facts carried by the link
};

// Sensitive facts written in a node's or an edge's properties, as short lower-case words for
// display ("wrongful_arrest", "juvenile", "sexual_offence_victim", "acquitted", "discharged"):
//  - a string property "flags" holding ';'- or ','-separated words,
//  - a boolean property true among juvenile / wrongful_arrest / sexual_offence_victim / sensitive,
//  - a case "status" of acquitted or discharged (an outcome that must not count against anyone).
// The order is stable (the order of discovery above) and without duplicates.
std::vector<std::string> SensitiveFlags(const storage::Properties& properties);

// The label the chart shows for `node`: "held at MH-PUN-0027" for a hit-only node (its holding
// stations, ", "-joined), "[identity withheld]" for a person or record whose identity was
// withheld, else storage::DisplayLabel.
std::string ChartLabel(const rpc::FlaggedNode& node);
inline constexpr char kIdentityWithheldLabel[] = "[identity withheld]";

class ChartModel {
 public:
  // Adds `node`, or refreshes the stored copy of a node already on the chart (which keeps its
  // position and expansion state). A new node is placed near `anchor` when that is on the chart
  // (around it, at a distance of about one edge), otherwise on a spiral around the origin.
  // Placement depends only on the order of calls and on ids, so it is reproducible.
  // A node as the server showed it, with its policy flags (see ChartNode::label and flags).
  ChartNode& AddFlaggedNode(const rpc::FlaggedNode& node, std::optional<storage::NodeId> anchor);
  // A node without policy flags.
  ChartNode& AddNode(const storage::Node& node, std::optional<storage::NodeId> anchor);

  // Adds `edge` unless it is already on the chart. Returns false, and adds nothing, when either
  // endpoint is not on the chart.
  bool AddEdge(const storage::Edge& edge);

  // Merges the answer of expanding `center` with cap `limit`: every node of `answer` (new ones
  // placed around `center`), every edge, and the shown/total counts of `center`.
  void MergeExpansion(storage::NodeId center, const rpc::FlaggedSubgraph& answer,
                      std::uint32_t limit);
  void MergeExpansion(storage::NodeId center, const storage::Subgraph& answer, std::uint32_t limit);

  // Removes a node and every edge touching it; clears the selection if it was that node.
  // Returns false when the node is not on the chart.
  bool RemoveNode(storage::NodeId id);
  void Clear();

  const ChartNode* FindNode(storage::NodeId id) const;
  ChartNode* FindNode(storage::NodeId id);
  // The first node, in chart order, whose label equals `label` ignoring ASCII case.
  const ChartNode* FindByLabel(std::string_view label) const;

  // Nodes in chart order. Positions may be changed through mutable_nodes() (layout, dragging);
  // nothing else about the vector may be changed through it.
  const std::vector<ChartNode>& nodes() const { return nodes_; }
  std::vector<ChartNode>& mutable_nodes() { return nodes_; }
  // Index of a node in nodes(), for code that keeps per-node arrays (the layout).
  std::optional<std::size_t> IndexOf(storage::NodeId id) const;

  const std::vector<ChartEdge>& edges() const { return edges_; }
  // Edges touching `id`, in chart order.
  std::vector<const ChartEdge*> EdgesOf(storage::NodeId id) const;

  // Selects a node on the chart, or clears the selection with std::nullopt. Selecting a node
  // that is not on the chart clears the selection.
  void Select(std::optional<storage::NodeId> id);
  std::optional<storage::NodeId> selected() const { return selected_; }
  const ChartNode* selected_node() const;

  // Increases whenever nodes or edges are added or removed (not when positions move), so the
  // layout knows to start again.
  std::uint64_t revision() const { return revision_; }

 private:
  Vec2 PlaceNear(ChartNode& anchor) const;
  Vec2 PlaceOnSpiral();
  void RebuildIndex();

  std::vector<ChartNode> nodes_;
  std::unordered_map<storage::NodeId, std::size_t> node_index_;
  std::vector<ChartEdge> edges_;
  std::unordered_set<storage::EdgeId> edge_ids_;
  std::optional<storage::NodeId> selected_;
  std::uint64_t revision_ = 0;
  std::uint32_t spiral_count_ = 0;  // nodes placed without an anchor so far
};

}  // namespace sutra::viewer
