// FakeClient: an in-memory rpc::Client for the viewer's unit tests. Test-only.
//
// It answers like the engine does (engine/engine.h): Search matches a node's display label
// exactly (ignoring ASCII case) in id order; Expand returns the node, up to `limit` of its links
// in edge order and the nodes at their other ends, with the total number of links and a
// truncation flag.
#pragma once

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "rpc/client.h"
#include "storage/model.h"

namespace sutra::viewer::testing {

class FakeClient : public rpc::Client {
 public:
  storage::NodeId AddNode(storage::NodeType type, std::string label_property, std::string label) {
    storage::Node node;
    node.id = next_node_++;
    node.type = type;
    node.properties[std::move(label_property)] = std::move(label);
    nodes_[node.id] = node;
    return node.id;
  }
  storage::Node& node(storage::NodeId id) { return nodes_.at(id); }

  void AddEdge(storage::EdgeType type, storage::NodeId from, storage::NodeId to) {
    storage::Edge edge;
    edge.id = next_edge_++;
    edge.type = type;
    edge.from = from;
    edge.to = to;
    edge.provenance = {"0001/2024", "MH-PUN-0012", 1};
    edges_.push_back(edge);
  }

  StatusOr<std::vector<storage::Node>> Search(std::string_view text, std::uint32_t limit) override {
    ++calls_;
    std::vector<storage::Node> hits;
    for (const auto& [id, node] : nodes_) {
      if (Lower(storage::DisplayLabel(node)) == Lower(text) && hits.size() < limit) {
        hits.push_back(node);
      }
    }
    return hits;
  }

  StatusOr<std::optional<storage::Subgraph>> Expand(storage::NodeId id,
                                                    std::uint32_t limit) override {
    ++calls_;
    if (!nodes_.contains(id)) return std::optional<storage::Subgraph>();
    storage::Subgraph sub;
    sub.nodes.push_back(nodes_.at(id));
    std::set<storage::NodeId> added{id};
    for (const storage::Edge& e : edges_) {
      if (e.from != id && e.to != id) continue;
      ++sub.total_neighbors;
      if (sub.edges.size() >= limit) continue;
      storage::NodeId other = e.from == id ? e.to : e.from;
      if (added.insert(other).second) sub.nodes.push_back(nodes_.at(other));
      sub.edges.push_back(e);
    }
    sub.truncated = sub.edges.size() < sub.total_neighbors;
    return std::optional<storage::Subgraph>(std::move(sub));
  }

  StatusOr<rpc::ServerStats> Stats() override {
    ++calls_;
    rpc::ServerStats stats;
    stats.nodes_by_type.emplace_back("all", nodes_.size());
    stats.edges_by_type.emplace_back("all", edges_.size());
    return stats;
  }

  int calls() const { return calls_; }

 private:
  static std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  }

  std::map<storage::NodeId, storage::Node> nodes_;
  std::vector<storage::Edge> edges_;
  storage::NodeId next_node_ = 1;
  storage::EdgeId next_edge_ = 1;
  int calls_ = 0;
};

}  // namespace sutra::viewer::testing
