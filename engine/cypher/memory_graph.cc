#include "engine/cypher/memory_graph.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

#include "engine/cypher/errors.h"

namespace sutra::cypher {
namespace {

using PropertyList = MemoryGraph::PropertyList;

// One relationship in a node's adjacency list. The lists are contiguous so that expansion is a
// scan over a vector; `other` is stored so the scan never touches the relationship record.
struct AdjEntry {
  Token type = 0;
  ElementId rel = 0;
  ElementId other = 0;
};

struct NodeRecord {
  bool alive = false;
  std::uint32_t self_loops = 0;  // relationships in both `out` and `in` (start == end)
  std::vector<Token> labels;     // sorted by token
  PropertyList properties;       // sorted by key token, no nulls
  // Relationships starting / ending here, grouped by type token (ascending) and in creation
  // order within a type, so a typed expansion scans only its type's range.
  std::vector<AdjEntry> out;
  std::vector<AdjEntry> in;
};

// A deleted relationship keeps its type and ends: `DELETE r RETURN type(r)` is valid Cypher.
// A record padded in by Rollback (see there) was never created.
struct RelRecord {
  bool created = false;
  bool alive = false;
  Token type = 0;
  ElementId start = 0;
  ElementId end = 0;
  PropertyList properties;  // sorted by key token, no nulls
};

// The nodes with one label, ascending by id, at most one entry per node. Removing a label or
// deleting a node leaves a stale entry (counted in `stale`) rather than shifting the vector;
// scans skip stale entries and the list is compacted once half of it is stale, so removals
// cost amortized O(1) and scans stay in id order.
struct LabelList {
  std::vector<ElementId> nodes;
  std::size_t stale = 0;
};

// Name <-> token, tokens dense from 0 in first-seen order.
class TokenTable {
 public:
  std::optional<Token> Find(std::string_view name) const {
    auto it = ids_.find(name);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  Token Intern(std::string_view name) {
    auto it = ids_.find(name);
    if (it != ids_.end()) return it->second;
    Token token = static_cast<Token>(names_.size());
    names_.emplace_back(name);
    ids_.emplace(std::string(name), token);
    return token;
  }
  std::string_view Name(Token token) const {
    if (token >= names_.size()) return {};
    return names_[token];
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, Token, Hash, std::equal_to<>> ids_;
};

bool TypeBefore(const AdjEntry& entry, Token type) { return entry.type < type; }
bool TypeAfter(Token type, const AdjEntry& entry) { return type < entry.type; }

// The [first, last) index range of `type` in a list grouped by type.
std::pair<std::size_t, std::size_t> TypeRange(const std::vector<AdjEntry>& list, Token type) {
  auto first = std::lower_bound(list.begin(), list.end(), type, TypeBefore);
  auto last = std::upper_bound(first, list.end(), type, TypeAfter);
  return {static_cast<std::size_t>(first - list.begin()),
          static_cast<std::size_t>(last - list.begin())};
}

// Adds an entry at the end of its type's group. Loading relationships type by type (as the
// CSV loader does) appends at the end, since new types get larger tokens.
void InsertGrouped(std::vector<AdjEntry>& list, const AdjEntry& entry) {
  if (list.empty() || list.back().type <= entry.type) {
    list.push_back(entry);
  } else {
    list.insert(std::upper_bound(list.begin(), list.end(), entry.type, TypeAfter), entry);
  }
}

void EraseGrouped(std::vector<AdjEntry>& list, Token type, ElementId rel) {
  auto [first, last] = TypeRange(list, type);
  for (std::size_t i = first; i < last; ++i) {
    if (list[i].rel == rel) {
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

// True when types[i] also appears before i (a filter like [:T|T] must not report twice).
bool RepeatedType(std::span<const Token> types, std::size_t i) {
  return std::find(types.begin(), types.begin() + static_cast<std::ptrdiff_t>(i), types[i]) !=
         types.begin() + static_cast<std::ptrdiff_t>(i);
}

bool KeyLess(const std::pair<Token, Value>& entry, Token key) { return entry.first < key; }

const Value* FindProperty(const PropertyList& properties, Token key) {
  auto it = std::lower_bound(properties.begin(), properties.end(), key, KeyLess);
  if (it == properties.end() || it->first != key) return nullptr;
  return &it->second;
}

// Sets or (for null) removes one property, keeping the list sorted.
void PutProperty(PropertyList& properties, Token key, const Value& value) {
  auto it = std::lower_bound(properties.begin(), properties.end(), key, KeyLess);
  bool present = it != properties.end() && it->first == key;
  if (value.is_null()) {
    if (present) properties.erase(it);
  } else if (present) {
    it->second = value;
  } else {
    properties.insert(it, {key, value});
  }
}

// Drops nulls and sorts by key; with duplicate keys the last one wins (as in SET).
void NormalizeProperties(PropertyList& properties) {
  // Fast path (bulk loads hand over sorted lists without nulls): stable_sort would allocate a
  // scratch buffer for every element created.
  bool normalized = true;
  for (std::size_t i = 0; i < properties.size() && normalized; ++i) {
    normalized = !properties[i].second.is_null() &&
                 (i == 0 || properties[i - 1].first < properties[i].first);
  }
  if (normalized) return;
  std::stable_sort(properties.begin(), properties.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  PropertyList::iterator out = properties.begin();
  for (auto it = properties.begin(); it != properties.end(); ++it) {
    auto next = std::next(it);
    if (next != properties.end() && next->first == it->first) continue;  // a later one wins
    if (it->second.is_null()) continue;
    if (out != it) *out = std::move(*it);
    ++out;
  }
  properties.erase(out, properties.end());
}

bool HasToken(const std::vector<Token>& sorted, Token token) {
  return std::binary_search(sorted.begin(), sorted.end(), token);
}

[[noreturn]] void ThrowMissing(const char* what, ElementId id) {
  ThrowRuntime(ErrorType::kEntityNotFound, "DeletedEntityAccess",
               std::string(what) + " " + std::to_string(id) +
                   " has been deleted or never existed in this graph");
}

// Scans entries [first, last) of one adjacency list. The list is re-read at every step (by
// index) so that a visitor which writes to the graph cannot make the loop read freed memory.
template <typename ListOf>
bool ScanRange(ListOf list_of, std::size_t first, std::size_t last, ElementId node, bool outgoing,
               bool skip_self_loops, const AdjacentVisitor& visit) {
  for (std::size_t i = first; i < last; ++i) {
    const std::vector<AdjEntry>& list = list_of();
    if (i >= list.size()) return true;
    const AdjEntry entry = list[i];
    if (skip_self_loops && entry.other == node) continue;
    if (!visit(Adjacent{entry.rel, entry.other, outgoing})) return false;
  }
  return true;
}

// Scans the entries of `types` (all when empty); false when the visitor stopped the scan.
template <typename ListOf>
bool ScanAdjacency(ListOf list_of, ElementId node, bool outgoing, bool skip_self_loops,
                   std::span<const Token> types, const AdjacentVisitor& visit) {
  if (types.empty()) {
    return ScanRange(list_of, 0, list_of().size(), node, outgoing, skip_self_loops, visit);
  }
  for (std::size_t t = 0; t < types.size(); ++t) {
    if (RepeatedType(types, t)) continue;
    auto [first, last] = TypeRange(list_of(), types[t]);
    if (!ScanRange(list_of, first, last, node, outgoing, skip_self_loops, visit)) return false;
  }
  return true;
}

std::size_t CountTyped(const std::vector<AdjEntry>& list, ElementId node, bool skip_self_loops,
                       std::span<const Token> types) {
  std::size_t count = 0;
  for (std::size_t t = 0; t < types.size(); ++t) {
    if (RepeatedType(types, t)) continue;
    auto [first, last] = TypeRange(list, types[t]);
    count += last - first;
    if (skip_self_loops) {
      for (std::size_t i = first; i < last; ++i) count -= list[i].other == node ? 1 : 0;
    }
  }
  return count;
}

// Hash of a scalar for the property index, consistent with Cypher `=`: numbers hash by their
// double value (1 = 1.0), so equal values share a bucket. Nullopt for values not indexed.
std::optional<std::size_t> IndexHash(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kInt:
    case ValueKind::kFloat: {
      double d = value.as_number();
      if (d == 0) d = 0;  // -0.0 = 0.0
      return std::hash<double>{}(d)*3 + 1;
    }
    case ValueKind::kString:
      return std::hash<std::string_view>{}(value.as_string()) * 3 + 2;
    case ValueKind::kBool:
      return value.as_bool() ? 3 : 6;
    default:
      return std::nullopt;
  }
}

}  // namespace

struct MemoryGraph::State {
  std::vector<NodeRecord> nodes;  // indexed by node id
  std::vector<RelRecord> rels;    // indexed by relationship id
  std::vector<LabelList> labels;  // indexed by label token (may be shorter than the token table)
  std::size_t live_nodes = 0;
  std::size_t live_rels = 0;

  const NodeRecord& Node(ElementId id) const {
    if (id >= nodes.size() || !nodes[id].alive) ThrowMissing("node", id);
    return nodes[id];
  }
  NodeRecord& Node(ElementId id) {
    if (id >= nodes.size() || !nodes[id].alive) ThrowMissing("node", id);
    return nodes[id];
  }
  const RelRecord& Rel(ElementId id) const {
    if (id >= rels.size() || !rels[id].alive) ThrowMissing("relationship", id);
    return rels[id];
  }
  RelRecord& Rel(ElementId id) {
    if (id >= rels.size() || !rels[id].alive) ThrowMissing("relationship", id);
    return rels[id];
  }
  LabelList& LabelNodes(Token label) {
    if (label >= labels.size()) labels.resize(label + 1);
    return labels[label];
  }
  bool IsListed(ElementId node, Token label) const {
    const NodeRecord& record = nodes[node];
    return record.alive && HasToken(record.labels, label);
  }
  // One more stale entry in `label`'s list; compacts the list when half of it is stale.
  void MarkStale(Token label) {
    LabelList& list = labels[label];
    ++list.stale;
    if (list.stale < 64 || list.stale * 2 < list.nodes.size()) return;
    std::erase_if(list.nodes, [&](ElementId node) { return !IsListed(node, label); });
    list.stale = 0;
  }
};

struct MemoryGraph::Names {
  TokenTable labels;
  TokenTable types;
  TokenTable keys;
};

// Hash indexes of (label, property key): value hash -> nodes. Writes that can add a match
// (CreateNode, SetNodeProperty, AddLabel) add entries; entries that no longer match (deleted
// node, removed label, changed value) stay and are filtered out at lookup. Rollback drops all.
struct MemoryGraph::IndexCache {
  static std::uint64_t Id(Token label, Token key) { return (std::uint64_t{label} << 32) | key; }
  static Token LabelOf(std::uint64_t id) { return static_cast<Token>(id >> 32); }
  static Token KeyOf(std::uint64_t id) { return static_cast<Token>(id & 0xffffffffu); }
  std::unordered_map<std::uint64_t, std::unordered_multimap<std::size_t, ElementId>> indexes;
};

// Adds `node` to the cached indexes on `label` (any when nullopt) and `key` (any when nullopt)
// that it belongs to.
void MemoryGraph::IndexNode(ElementId node, std::optional<Token> label, std::optional<Token> key) {
  if (!index_cache_) return;
  const NodeRecord& record = state_->nodes[node];
  for (auto& [id, index] : index_cache_->indexes) {
    Token index_label = IndexCache::LabelOf(id);
    Token index_key = IndexCache::KeyOf(id);
    if ((label && *label != index_label) || (key && *key != index_key)) continue;
    if (!HasToken(record.labels, index_label)) continue;
    const Value* property = FindProperty(record.properties, index_key);
    if (!property) continue;
    if (std::optional<std::size_t> hash = IndexHash(*property)) index.emplace(*hash, node);
  }
}

MemoryGraph::MemoryGraph() : state_(std::make_unique<State>()), names_(std::make_unique<Names>()) {}

MemoryGraph::~MemoryGraph() = default;

MemoryGraph::State& MemoryGraph::Writable() {
  if (!committed_) committed_ = std::make_unique<State>(*state_);
  return *state_;
}

// --- Names ---

std::optional<Token> MemoryGraph::FindLabel(std::string_view name) const {
  return names_->labels.Find(name);
}
std::optional<Token> MemoryGraph::FindRelType(std::string_view name) const {
  return names_->types.Find(name);
}
std::string_view MemoryGraph::LabelName(Token label) const { return names_->labels.Name(label); }
std::string_view MemoryGraph::RelTypeName(Token type) const { return names_->types.Name(type); }
Token MemoryGraph::InternLabel(std::string_view name) { return names_->labels.Intern(name); }
Token MemoryGraph::InternRelType(std::string_view name) { return names_->types.Intern(name); }
Token MemoryGraph::InternPropertyKey(std::string_view name) { return names_->keys.Intern(name); }

// --- Nodes ---

void MemoryGraph::ForEachNode(const NodeVisitor& visit) const {
  const State& s = *state_;
  for (std::size_t id = 0; id < s.nodes.size(); ++id) {
    if (s.nodes[id].alive && !visit(id)) return;
  }
}

void MemoryGraph::ForEachNodeWithLabel(Token label, const NodeVisitor& visit) const {
  const State& s = *state_;
  if (label >= s.labels.size()) return;
  for (std::size_t i = 0; i < s.labels[label].nodes.size(); ++i) {
    ElementId node = s.labels[label].nodes[i];
    if (s.IsListed(node, label) && !visit(node)) return;
  }
}

bool MemoryGraph::HasNode(ElementId node) const {
  return node < state_->nodes.size() && state_->nodes[node].alive;
}

std::vector<Token> MemoryGraph::NodeLabels(ElementId node) const {
  std::vector<Token> labels = state_->Node(node).labels;
  std::sort(labels.begin(), labels.end(),
            [this](Token a, Token b) { return names_->labels.Name(a) < names_->labels.Name(b); });
  return labels;
}

bool MemoryGraph::NodeHasLabel(ElementId node, Token label) const {
  return HasToken(state_->Node(node).labels, label);
}

Value MemoryGraph::NodeProperty(ElementId node, std::string_view key) const {
  const NodeRecord& record = state_->Node(node);
  std::optional<Token> token = names_->keys.Find(key);
  if (!token) return Value();
  const Value* value = FindProperty(record.properties, *token);
  return value ? *value : Value();
}

Map MemoryGraph::NodeProperties(ElementId node) const {
  Map map;
  for (const auto& [key, value] : state_->Node(node).properties) {
    map.emplace(names_->keys.Name(key), value);
  }
  return map;
}

bool MemoryGraph::FindNodesByProperty(Token label, std::string_view key, const Value& value,
                                      const NodeVisitor& visit) const {
  if (value.is_null()) return true;  // `n.key = null` is never true
  std::optional<std::size_t> hash = IndexHash(value);
  if (!hash) return false;
  std::optional<Token> key_token = names_->keys.Find(key);
  if (!key_token) return true;  // no node has ever had the key
  if (!index_cache_) index_cache_ = std::make_unique<IndexCache>();
  auto [it, inserted] = index_cache_->indexes.try_emplace(IndexCache::Id(label, *key_token));
  auto& index = it->second;
  if (inserted) {
    ForEachNodeWithLabel(label, [&](ElementId node) {
      const Value* property = FindProperty(state_->nodes[node].properties, *key_token);
      if (property) {
        if (std::optional<std::size_t> h = IndexHash(*property)) index.emplace(*h, node);
      }
      return true;
    });
  }
  auto [first, last] = index.equal_range(*hash);
  // Collect first (the visitor may write, which may change the index), keeping the entries
  // that still match: live, labelled, and holding a value of the same hash.
  std::vector<ElementId> matches;
  for (auto match = first; match != last; ++match) {
    ElementId node = match->second;
    if (!state_->IsListed(node, label)) continue;
    const Value* property = FindProperty(state_->nodes[node].properties, *key_token);
    if (property && IndexHash(*property) == hash) matches.push_back(node);
  }
  std::sort(matches.begin(), matches.end());
  matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
  for (ElementId node : matches) {
    if (!visit(node)) break;
  }
  return true;
}

// --- Relationships ---

void MemoryGraph::ForEachRelationship(const NodeVisitor& visit) const {
  const State& s = *state_;
  for (std::size_t id = 0; id < s.rels.size(); ++id) {
    if (s.rels[id].alive && !visit(id)) return;
  }
}

bool MemoryGraph::HasRelationship(ElementId rel) const {
  return rel < state_->rels.size() && state_->rels[rel].alive;
}

RelationshipInfo MemoryGraph::Relationship(ElementId rel) const {
  if (rel >= state_->rels.size() || !state_->rels[rel].created) {
    ThrowMissing("relationship", rel);
  }
  const RelRecord& record = state_->rels[rel];
  return RelationshipInfo{record.type, record.start, record.end};
}

Value MemoryGraph::RelProperty(ElementId rel, std::string_view key) const {
  const RelRecord& record = state_->Rel(rel);
  std::optional<Token> token = names_->keys.Find(key);
  if (!token) return Value();
  const Value* value = FindProperty(record.properties, *token);
  return value ? *value : Value();
}

Map MemoryGraph::RelProperties(ElementId rel) const {
  Map map;
  for (const auto& [key, value] : state_->Rel(rel).properties) {
    map.emplace(names_->keys.Name(key), value);
  }
  return map;
}

void MemoryGraph::Expand(ElementId node, ExpandDirection direction, std::span<const Token> types,
                         const AdjacentVisitor& visit) const {
  state_->Node(node);  // throws for a deleted or unknown node
  auto out = [this, node]() -> const std::vector<AdjEntry>& { return state_->nodes[node].out; };
  auto in = [this, node]() -> const std::vector<AdjEntry>& { return state_->nodes[node].in; };
  switch (direction) {
    case ExpandDirection::kOutgoing:
      ScanAdjacency(out, node, true, false, types, visit);
      return;
    case ExpandDirection::kIncoming:
      ScanAdjacency(in, node, false, false, types, visit);
      return;
    case ExpandDirection::kBoth:
      // A self-loop is in both lists: report it from `out` only.
      if (ScanAdjacency(out, node, true, false, types, visit)) {
        ScanAdjacency(in, node, false, true, types, visit);
      }
      return;
  }
}

std::size_t MemoryGraph::Degree(ElementId node, ExpandDirection direction,
                                std::span<const Token> types) const {
  const NodeRecord& record = state_->Node(node);
  switch (direction) {
    case ExpandDirection::kOutgoing:
      return types.empty() ? record.out.size() : CountTyped(record.out, node, false, types);
    case ExpandDirection::kIncoming:
      return types.empty() ? record.in.size() : CountTyped(record.in, node, false, types);
    case ExpandDirection::kBoth:
      if (types.empty()) return record.out.size() + record.in.size() - record.self_loops;
      return CountTyped(record.out, node, false, types) + CountTyped(record.in, node, true, types);
  }
  return 0;
}

// --- Writes ---

ElementId MemoryGraph::CreateNode(std::span<const std::string> labels, const Map& properties) {
  std::vector<Token> tokens;
  tokens.reserve(labels.size());
  for (const std::string& label : labels) tokens.push_back(InternLabel(label));
  PropertyList list;
  list.reserve(properties.size());
  for (const auto& [key, value] : properties) {
    if (!value.is_null()) list.emplace_back(InternPropertyKey(key), value);
  }
  return CreateNodeWithTokens(tokens, std::move(list));
}

ElementId MemoryGraph::CreateNodeWithTokens(std::span<const Token> labels,
                                            PropertyList properties) {
  State& s = Writable();
  NormalizeProperties(properties);
  std::vector<Token> sorted(labels.begin(), labels.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  ElementId id = s.nodes.size();
  // The new id is the largest, so appending keeps every label list sorted.
  for (Token label : sorted) s.LabelNodes(label).nodes.push_back(id);
  NodeRecord& record = s.nodes.emplace_back();
  record.alive = true;
  record.labels = std::move(sorted);
  record.properties = std::move(properties);
  ++s.live_nodes;
  IndexNode(id, std::nullopt, std::nullopt);
  return id;
}

ElementId MemoryGraph::CreateRelationship(std::string_view type, ElementId start, ElementId end,
                                          const Map& properties) {
  PropertyList list;
  list.reserve(properties.size());
  for (const auto& [key, value] : properties) {
    if (!value.is_null()) list.emplace_back(InternPropertyKey(key), value);
  }
  return CreateRelationshipWithTokens(InternRelType(type), start, end, std::move(list));
}

ElementId MemoryGraph::CreateRelationshipWithTokens(Token type, ElementId start, ElementId end,
                                                    PropertyList properties) {
  state_->Node(start);  // both ends must exist before anything changes
  state_->Node(end);
  State& s = Writable();
  NormalizeProperties(properties);
  ElementId id = s.rels.size();
  s.rels.push_back(RelRecord{true, true, type, start, end, std::move(properties)});
  InsertGrouped(s.nodes[start].out, AdjEntry{type, id, end});
  InsertGrouped(s.nodes[end].in, AdjEntry{type, id, start});
  if (start == end) ++s.nodes[start].self_loops;
  ++s.live_rels;
  return id;
}

void MemoryGraph::SetNodeProperty(ElementId node, std::string_view key, const Value& value) {
  state_->Node(node);
  if (value.is_null()) {
    std::optional<Token> token = names_->keys.Find(key);
    if (!token || !FindProperty(state_->nodes[node].properties, *token)) return;
    PutProperty(Writable().nodes[node].properties, *token, value);
    return;
  }
  Token token = InternPropertyKey(key);
  PutProperty(Writable().nodes[node].properties, token, value);
  IndexNode(node, std::nullopt, token);
}

void MemoryGraph::SetRelProperty(ElementId rel, std::string_view key, const Value& value) {
  state_->Rel(rel);
  if (value.is_null()) {
    std::optional<Token> token = names_->keys.Find(key);
    if (!token || !FindProperty(state_->rels[rel].properties, *token)) return;
    PutProperty(Writable().rels[rel].properties, *token, value);
    return;
  }
  Token token = InternPropertyKey(key);
  PutProperty(Writable().rels[rel].properties, token, value);
}

void MemoryGraph::AddLabel(ElementId node, std::string_view label) {
  state_->Node(node);
  Token token = InternLabel(label);
  if (HasToken(state_->nodes[node].labels, token)) return;
  State& s = Writable();
  std::vector<Token>& labels = s.nodes[node].labels;
  labels.insert(std::lower_bound(labels.begin(), labels.end(), token), token);
  LabelList& list = s.LabelNodes(token);
  auto it = std::lower_bound(list.nodes.begin(), list.nodes.end(), node);
  if (it != list.nodes.end() && *it == node) {
    --list.stale;  // the node had the label before; its entry is live again
  } else {
    list.nodes.insert(it, node);
  }
  IndexNode(node, token, std::nullopt);
}

void MemoryGraph::RemoveLabel(ElementId node, std::string_view label) {
  state_->Node(node);
  std::optional<Token> token = names_->labels.Find(label);
  if (!token || !HasToken(state_->nodes[node].labels, *token)) return;
  State& s = Writable();
  std::vector<Token>& labels = s.nodes[node].labels;
  labels.erase(std::lower_bound(labels.begin(), labels.end(), *token));
  s.MarkStale(*token);
}

void MemoryGraph::DeleteRelationship(ElementId rel) {
  if (rel >= state_->rels.size()) ThrowMissing("relationship", rel);
  if (!state_->rels[rel].alive) return;  // deleting twice in one query is allowed
  State& s = Writable();
  RelRecord& record = s.rels[rel];
  EraseGrouped(s.nodes[record.start].out, record.type, rel);
  EraseGrouped(s.nodes[record.end].in, record.type, rel);
  if (record.start == record.end) --s.nodes[record.start].self_loops;
  record.alive = false;
  record.properties = PropertyList();
  --s.live_rels;
}

void MemoryGraph::DeleteNode(ElementId node) {
  if (node >= state_->nodes.size()) ThrowMissing("node", node);
  const NodeRecord& current = state_->nodes[node];
  if (!current.alive) return;  // deleting twice in one query is allowed
  std::size_t degree = current.out.size() + current.in.size() - current.self_loops;
  if (degree > 0) {
    ThrowRuntime(ErrorType::kConstraintVerificationFailed, "DeleteConnectedNode",
                 "cannot delete node " + std::to_string(node) + " because it still has " +
                     std::to_string(degree) +
                     " relationship(s); delete them first or use DETACH DELETE");
  }
  State& s = Writable();
  NodeRecord& record = s.nodes[node];
  record.alive = false;
  for (Token label : record.labels) s.MarkStale(label);
  record.labels = std::vector<Token>();
  record.properties = PropertyList();
  record.out = std::vector<AdjEntry>();
  record.in = std::vector<AdjEntry>();
  --s.live_nodes;
}

void MemoryGraph::Commit() { committed_.reset(); }

// Ids handed out in the rolled-back transaction stay used (never reused): the restored state
// is padded with dead records up to the current sizes.
void MemoryGraph::Rollback() {
  if (!committed_) return;
  std::size_t node_ids = state_->nodes.size();
  std::size_t rel_ids = state_->rels.size();
  state_ = std::move(committed_);
  state_->nodes.resize(std::max(node_ids, state_->nodes.size()));
  state_->rels.resize(std::max(rel_ids, state_->rels.size()));
  index_cache_.reset();
}

std::size_t MemoryGraph::node_count() const { return state_->live_nodes; }
std::size_t MemoryGraph::relationship_count() const { return state_->live_rels; }

namespace {
// Grows capacity geometrically, so that many small hints do not copy the vector each time.
template <typename T>
void ReserveMore(std::vector<T>& v, std::size_t more) {
  std::size_t needed = v.size() + more;
  if (needed > v.capacity()) v.reserve(std::max(needed, v.capacity() + v.capacity() / 2));
}
}  // namespace

void MemoryGraph::Reserve(std::size_t nodes, std::size_t relationships) {
  State& s = Writable();
  ReserveMore(s.nodes, nodes);
  ReserveMore(s.rels, relationships);
}

void MemoryGraph::ReserveAdjacency(ElementId node, std::size_t out, std::size_t in) {
  state_->Node(node);
  NodeRecord& record = Writable().nodes[node];
  // Exact, not geometric: the caller gives the final counts of a bulk load.
  if (out > 0) record.out.reserve(record.out.size() + out);
  if (in > 0) record.in.reserve(record.in.size() + in);
}

}  // namespace sutra::cypher
