// FakeClient: an in-memory rpc::Client for the viewer's unit tests. Test-only.
//
// It answers like the server does (rpc/sutra.capnp): one account (kUser / kPassword) logs in;
// an investigation needs a purpose; Search matches a node's display label exactly (ignoring
// ASCII case) in id order; Expand returns the node, up to `limit` of its links in edge order and
// the nodes at their other ends, with the total number of links and a truncation flag. Nodes
// marked with MarkHitOnly() come back as the access policy shows a node outside the user's
// reach (type and holding station only, flag "hit-only"), and expanding one is refused;
// MarkIdentityWithheld() adds "juvenile:redacted" and drops the name. The retired
// unauthenticated Search and Expand answer PermissionDenied, as a current server does.
#pragma once

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "rpc/client.h"
#include "storage/model.h"

namespace sutra::viewer::testing {

class FakeClient : public rpc::Client {
 public:
  static constexpr char kUser[] = "tester";
  static constexpr char kPassword[] = "fake-password-123";

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

  void MarkHitOnly(storage::NodeId id, std::string station) { hit_only_[id] = std::move(station); }
  void MarkIdentityWithheld(storage::NodeId id) { withheld_.insert(id); }

  StatusOr<std::unique_ptr<rpc::Session>> Login(std::string_view user,
                                                std::string_view password) override {
    ++calls_;
    if (user != kUser || password != kPassword) {
      return PermissionDenied("login refused: unknown user or wrong password");
    }
    return std::unique_ptr<rpc::Session>(std::make_unique<FakeSession>(*this));
  }

  StatusOr<std::vector<storage::Node>> Search(std::string_view, std::uint32_t) override {
    ++calls_;
    return PermissionDenied("Sutra.search no longer reads case data: log in");
  }
  StatusOr<std::optional<storage::Subgraph>> Expand(storage::NodeId, std::uint32_t) override {
    ++calls_;
    return PermissionDenied("Sutra.expand no longer reads case data: log in");
  }

  StatusOr<rpc::ServerStats> Stats() override {
    ++calls_;
    rpc::ServerStats stats;
    stats.nodes_by_type.emplace_back("all", nodes_.size());
    stats.edges_by_type.emplace_back("all", edges_.size());
    return stats;
  }

  int calls() const { return calls_; }
  // The purpose of the latest investigation opened.
  const rpc::InvestigationPurpose& last_purpose() const { return last_purpose_; }

 private:
  class FakeInvestigation : public rpc::Investigation {
   public:
    explicit FakeInvestigation(FakeClient& client) : client_(client) {}
    StatusOr<std::vector<rpc::FlaggedNode>> Search(std::string_view text,
                                                   std::uint32_t limit) override {
      ++client_.calls_;
      std::vector<rpc::FlaggedNode> hits;
      for (const auto& [id, node] : client_.nodes_) {
        if (Lower(storage::DisplayLabel(node)) == Lower(text) && hits.size() < limit) {
          hits.push_back(client_.Shown(node));
        }
      }
      return hits;
    }
    StatusOr<std::optional<rpc::FlaggedSubgraph>> Expand(storage::NodeId id,
                                                         std::uint32_t limit) override {
      ++client_.calls_;
      if (!client_.nodes_.contains(id)) return std::optional<rpc::FlaggedSubgraph>();
      if (client_.hit_only_.contains(id)) {
        return PermissionDenied("expand of node " + std::to_string(id) +
                                " denied (rule outside-jurisdiction:denied)");
      }
      rpc::FlaggedSubgraph sub;
      sub.nodes.push_back(client_.Shown(client_.nodes_.at(id)));
      std::set<storage::NodeId> added{id};
      for (const storage::Edge& e : client_.edges_) {
        if (e.from != id && e.to != id) continue;
        ++sub.total_neighbors;
        if (sub.edges.size() >= limit) continue;
        storage::NodeId other = e.from == id ? e.to : e.from;
        if (added.insert(other).second)
          sub.nodes.push_back(client_.Shown(client_.nodes_.at(other)));
        sub.edges.push_back(e);
      }
      sub.truncated = sub.edges.size() < sub.total_neighbors;
      return std::optional<rpc::FlaggedSubgraph>(std::move(sub));
    }
    // The viewer does not use these; the fake refuses them so a test that starts to is noticed.
    StatusOr<std::optional<rpc::FlaggedSubgraph>> Neighborhood(storage::NodeId, std::uint32_t,
                                                               std::uint32_t) override {
      return FailedPrecondition("FakeClient does not serve neighborhood");
    }
    StatusOr<std::optional<rpc::PathsAnswer>> Paths(storage::NodeId, storage::NodeId,
                                                    std::uint32_t) override {
      return FailedPrecondition("FakeClient does not serve paths");
    }
    StatusOr<rpc::QueryAnswer> Query(std::string_view) override {
      return FailedPrecondition("FakeClient does not serve query");
    }

   private:
    FakeClient& client_;
  };

  class FakeSession : public rpc::Session {
   public:
    explicit FakeSession(FakeClient& client) : client_(client) {}
    StatusOr<std::unique_ptr<rpc::Investigation>> Investigate(
        const rpc::InvestigationPurpose& purpose) override {
      ++client_.calls_;
      if (purpose.text.empty()) return InvalidArgument("purpose: state why you are looking");
      client_.last_purpose_ = purpose;
      return std::unique_ptr<rpc::Investigation>(std::make_unique<FakeInvestigation>(client_));
    }
    Status Logout() override { return Status::Ok(); }
    StatusOr<rpc::SessionUser> WhoAmI() override {
      return rpc::SessionUser{kUser, "investigator", "station:MH-PUN-0012"};
    }

   private:
    FakeClient& client_;
  };

  // `node` as the policy shows it to the fake's one user.
  rpc::FlaggedNode Shown(const storage::Node& node) const {
    rpc::FlaggedNode out{node, {}};
    if (auto it = hit_only_.find(node.id); it != hit_only_.end()) {
      out.node.properties.clear();
      out.node.properties[rpc::kHoldingStationsProperty] = it->second;
      out.flags.emplace_back(rpc::kFlagHitOnly);
    } else if (withheld_.contains(node.id)) {
      out.node.properties.erase("name");
      out.flags.emplace_back("juvenile");
      out.flags.emplace_back(rpc::kFlagJuvenileRedacted);
    }
    return out;
  }

  static std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  }

  std::map<storage::NodeId, storage::Node> nodes_;
  std::vector<storage::Edge> edges_;
  std::map<storage::NodeId, std::string> hit_only_;
  std::set<storage::NodeId> withheld_;
  storage::NodeId next_node_ = 1;
  storage::EdgeId next_edge_ = 1;
  int calls_ = 0;
  rpc::InvestigationPurpose last_purpose_;
};

}  // namespace sutra::viewer::testing
