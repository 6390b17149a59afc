#include "viewer/chart_model.h"

#include <algorithm>
#include <cmath>

namespace sutra::viewer {
namespace {

// About one ideal edge length of the layout (layout.h), so that a freshly expanded star starts
// close to where the layout will leave it and settles in few steps.
constexpr float kSpawnDistance = 150.0f;
constexpr float kGoldenAngle = 2.39996323f;  // radians; spreads successive points evenly

// A fixed, well-mixed function of an id (splitmix64's finaliser): used to give every node its
// own starting angle without any randomness, so charts are reproducible.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

float AngleOf(std::uint64_t id) {
  return static_cast<float>(Mix(id) % 6283) / 1000.0f;  // [0, 2*pi)
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

void AddFlag(std::vector<std::string>& flags, std::string word) {
  if (word.empty()) return;
  if (std::find(flags.begin(), flags.end(), word) == flags.end()) flags.push_back(std::move(word));
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::vector<std::string> SensitiveFlags(const storage::Properties& properties) {
  std::vector<std::string> flags;
  if (auto listed = storage::GetString(properties, "flags")) {
    std::string_view rest = *listed;
    while (!rest.empty()) {
      std::size_t cut = rest.find_first_of(";,");
      AddFlag(flags, Trimmed(rest.substr(0, cut)));
      if (cut == std::string_view::npos) break;
      rest.remove_prefix(cut + 1);
    }
  }
  for (std::string_view key :
       {"juvenile", "wrongful_arrest", "sexual_offence_victim", "sensitive"}) {
    auto it = properties.find(key);
    if (it == properties.end()) continue;
    if (const bool* b = std::get_if<bool>(&it->second); b != nullptr && *b) {
      AddFlag(flags, std::string(key));
    }
  }
  if (auto status = storage::GetString(properties, "status")) {
    if (*status == "acquitted" || *status == "discharged") AddFlag(flags, *status);
  }
  return flags;
}

std::string ChartLabel(const rpc::FlaggedNode& flagged) {
  const storage::Node& node = flagged.node;
  if (rpc::HasFlag(flagged, rpc::kFlagHitOnly)) {
    std::string stations(
        storage::GetString(node.properties, rpc::kHoldingStationsProperty).value_or(""));
    std::replace(stations.begin(), stations.end(), ';', ',');
    std::string spaced;
    for (char c : stations) {
      spaced += c;
      if (c == ',') spaced += ' ';
    }
    return spaced.empty() ? "held elsewhere" : "held at " + spaced;
  }
  const bool withheld = rpc::HasFlag(flagged, rpc::kFlagJuvenileRedacted) ||
                        rpc::HasFlag(flagged, rpc::kFlagVictimRedacted);
  if (withheld &&
      (node.type == storage::NodeType::kPersonRecord || node.type == storage::NodeType::kPerson)) {
    return kIdentityWithheldLabel;
  }
  return storage::DisplayLabel(node);
}

namespace {

// The flags a chart node shows: the facts in its properties, then the server's, each once.
std::vector<std::string> ChartFlags(const rpc::FlaggedNode& node) {
  std::vector<std::string> flags = SensitiveFlags(node.node.properties);
  for (const std::string& flag : node.flags) {
    // A hit is told apart by its colour and its "held at" label, not by a sensitive-fact badge.
    if (flag != rpc::kFlagHitOnly) AddFlag(flags, flag);
  }
  return flags;
}

void Describe(ChartNode& out, const rpc::FlaggedNode& node) {
  out.node = node.node;
  out.label = ChartLabel(node);
  out.flags = ChartFlags(node);
  out.hit_only = rpc::HasFlag(node, rpc::kFlagHitOnly);
  out.identity_withheld = rpc::HasFlag(node, rpc::kFlagJuvenileRedacted) ||
                          rpc::HasFlag(node, rpc::kFlagVictimRedacted);
}

}  // namespace

ChartNode& ChartModel::AddNode(const storage::Node& node, std::optional<storage::NodeId> anchor) {
  return AddFlaggedNode(rpc::FlaggedNode{node, {}}, anchor);
}

void ChartModel::MergeExpansion(storage::NodeId center, const storage::Subgraph& answer,
                                std::uint32_t limit) {
  rpc::FlaggedSubgraph flagged;
  for (const storage::Node& node : answer.nodes) flagged.nodes.push_back({node, {}});
  flagged.edges = answer.edges;
  flagged.total_neighbors = answer.total_neighbors;
  flagged.truncated = answer.truncated;
  MergeExpansion(center, flagged, limit);
}

ChartNode& ChartModel::AddFlaggedNode(const rpc::FlaggedNode& node,
                                      std::optional<storage::NodeId> anchor) {
  if (ChartNode* existing = FindNode(node.node.id)) {
    Describe(*existing, node);
    return *existing;
  }
  ChartNode added;
  Describe(added, node);
  ChartNode* anchor_node = anchor ? FindNode(*anchor) : nullptr;
  added.position = anchor_node != nullptr ? PlaceNear(*anchor_node) : PlaceOnSpiral();
  node_index_[node.node.id] = nodes_.size();
  nodes_.push_back(std::move(added));
  ++revision_;
  return nodes_.back();
}

bool ChartModel::AddEdge(const storage::Edge& edge) {
  if (edge_ids_.contains(edge.id)) return true;
  if (!node_index_.contains(edge.from) || !node_index_.contains(edge.to)) return false;
  edge_ids_.insert(edge.id);
  edges_.push_back(ChartEdge{edge, SensitiveFlags(edge.properties)});
  ++revision_;
  return true;
}

void ChartModel::MergeExpansion(storage::NodeId center, const rpc::FlaggedSubgraph& answer,
                                std::uint32_t limit) {
  // The centre first (it is in the answer), so its neighbours can be placed around it.
  for (const rpc::FlaggedNode& node : answer.nodes) {
    if (node.node.id == center) AddFlaggedNode(node, std::nullopt);
  }
  for (const rpc::FlaggedNode& node : answer.nodes) {
    if (node.node.id != center) AddFlaggedNode(node, center);
  }
  std::uint64_t links = 0;
  for (const storage::Edge& edge : answer.edges) {
    AddEdge(edge);
    if (edge.from == center || edge.to == center) ++links;
  }
  if (ChartNode* c = FindNode(center)) {
    c->expanded = true;
    c->expand_limit = limit;
    c->shown_links = links;
    c->total_links = std::max<std::uint64_t>(answer.total_neighbors, links);
    c->truncated = answer.truncated || c->total_links > links;
  }
}

bool ChartModel::RemoveNode(storage::NodeId id) {
  auto it = node_index_.find(id);
  if (it == node_index_.end()) return false;
  nodes_.erase(nodes_.begin() + static_cast<std::ptrdiff_t>(it->second));
  std::erase_if(edges_, [&](const ChartEdge& e) {
    bool touches = e.edge.from == id || e.edge.to == id;
    if (touches) edge_ids_.erase(e.edge.id);
    return touches;
  });
  if (selected_ == id) selected_.reset();
  RebuildIndex();
  ++revision_;
  return true;
}

void ChartModel::Clear() {
  nodes_.clear();
  node_index_.clear();
  edges_.clear();
  edge_ids_.clear();
  selected_.reset();
  spiral_count_ = 0;
  ++revision_;
}

const ChartNode* ChartModel::FindNode(storage::NodeId id) const {
  auto it = node_index_.find(id);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

ChartNode* ChartModel::FindNode(storage::NodeId id) {
  auto it = node_index_.find(id);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

const ChartNode* ChartModel::FindByLabel(std::string_view label) const {
  for (const ChartNode& n : nodes_) {
    if (EqualsIgnoringAsciiCase(n.label, label)) return &n;
  }
  return nullptr;
}

std::optional<std::size_t> ChartModel::IndexOf(storage::NodeId id) const {
  auto it = node_index_.find(id);
  if (it == node_index_.end()) return std::nullopt;
  return it->second;
}

std::vector<const ChartEdge*> ChartModel::EdgesOf(storage::NodeId id) const {
  std::vector<const ChartEdge*> out;
  for (const ChartEdge& e : edges_) {
    if (e.edge.from == id || e.edge.to == id) out.push_back(&e);
  }
  return out;
}

void ChartModel::Select(std::optional<storage::NodeId> id) {
  if (id && !node_index_.contains(*id)) id.reset();
  selected_ = id;
}

const ChartNode* ChartModel::selected_node() const {
  return selected_ ? FindNode(*selected_) : nullptr;
}

Vec2 ChartModel::PlaceNear(ChartNode& anchor) const {
  // Successive neighbours of one anchor go round it by the golden angle, starting from an angle
  // of the anchor's own, so siblings spread out and two anchors' stars do not start aligned.
  std::uint32_t k = anchor.placed_children++;
  float angle = AngleOf(anchor.node.id) + kGoldenAngle * static_cast<float>(k);
  float radius = kSpawnDistance * (1.0f + 0.08f * static_cast<float>(k / 8));
  return {anchor.position.x + radius * std::cos(angle),
          anchor.position.y + radius * std::sin(angle)};
}

Vec2 ChartModel::PlaceOnSpiral() {
  // Successive unanchored nodes go round by the golden angle, so unrelated search hits start
  // apart from one another; when the chart has nodes already, just outside them, so that a new
  // hit does not start tangled in an existing network.
  std::uint32_t i = spiral_count_++;
  if (nodes_.empty()) return {0.0f, 0.0f};
  Vec2 centre;
  for (const ChartNode& n : nodes_) {
    centre.x += n.position.x;
    centre.y += n.position.y;
  }
  centre.x /= static_cast<float>(nodes_.size());
  centre.y /= static_cast<float>(nodes_.size());
  float extent = 0.0f;
  for (const ChartNode& n : nodes_) {
    extent = std::max(extent, std::hypot(n.position.x - centre.x, n.position.y - centre.y));
  }
  float radius = extent + kSpawnDistance * 1.5f;
  float angle = kGoldenAngle * static_cast<float>(i);
  return {centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)};
}

void ChartModel::RebuildIndex() {
  node_index_.clear();
  for (std::size_t i = 0; i < nodes_.size(); ++i) node_index_[nodes_[i].node.id] = i;
}

}  // namespace sutra::viewer
