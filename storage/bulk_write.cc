// WriteTxn::UpsertNodes and WriteTxn::UpsertEdges: the loaders' path into the store.
//
// Each batch is resolved in memory first (which natural keys exist, which repeat within the
// batch, which ids the new elements get), then every sub-database is written in one pass in
// its own key order through one cursor. LMDB's cursor put checks the page it is already on
// before descending from the root, so sorted writes touch each page once instead of walking
// the tree for every entry. Ids are assigned in input order, as the one-at-a-time calls would.
#include <algorithm>
#include <functional>
#include <numeric>
#include <tuple>

#include "storage/deferred_indexes.h"
#include "storage/graph_store.h"
#include "storage/lmdb_util.h"
#include "storage/value_codec.h"

namespace sutra::storage {
namespace {

using lmdb::Cursor;
using lmdb::Error;
using lmdb::IdView;
using lmdb::Val;
using lmdb::View;

// Groups of equal keys: `order` sorts indices by (key, index); for each group, `first` is the
// smallest index (the occurrence that creates) and `last` the largest (whose values win).
struct KeyGroup {
  std::size_t begin, end;  // range in `order`
};

// An edge key (16 bytes, big-endian halves) as two integers: the same order, without memcmp.
struct EdgeKeyBits {
  std::uint64_t high, low;
  auto operator<=>(const EdgeKeyBits&) const = default;
};
EdgeKeyBits Bits(std::string_view key) {
  return {codec::ReadU64(key.substr(0, 8)), codec::ReadU64(key.substr(8, 8))};
}

template <typename Key>
std::vector<std::size_t> SortedOrder(const std::vector<Key>& keys) {
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
  });
  return order;
}

template <typename Key>
std::vector<KeyGroup> Groups(const std::vector<Key>& keys, const std::vector<std::size_t>& order) {
  std::vector<KeyGroup> groups;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && keys[order[j]] == keys[order[i]]) ++j;
    groups.push_back({i, j});
    i = j;
  }
  return groups;
}

StatusOr<std::optional<std::uint64_t>> FindId(Cursor& cursor, std::string_view key) {
  MDB_val k = Val(key), v;
  int rc = cursor.Get(k, v, MDB_SET);
  if (rc == MDB_NOTFOUND) return std::optional<std::uint64_t>();
  if (rc != 0) return Error("read index", rc);
  if (v.mv_size != 8) return Corruption("index entry of wrong size");
  return std::optional<std::uint64_t>(codec::ReadU64(View(v)));
}

// How a batch's elements map to ids. results[i]: the id of element i and whether it creates
// it; last_of[i]: the element whose values win for i's key (its last occurrence);
// existing: the groups whose key was stored before the batch.
struct Resolved {
  std::vector<UpsertResult> results;
  std::vector<std::size_t> last_of;
  std::vector<const KeyGroup*> existing;
};

// Looks up each group's key in `index` (in key order, through one cursor). Elements of a group
// whose key exists get its id; the first element of a new group creates it, with an id from
// `next_id` drawn in input order as one-at-a-time upserts would, and the others share that id.
StatusOr<Resolved> Resolve(MDB_txn* txn, MDB_dbi index, const std::vector<std::string>& keys,
                           const std::vector<std::size_t>& order,
                           const std::vector<KeyGroup>& groups,
                           const std::function<StatusOr<std::uint64_t>()>& next_id) {
  Resolved r;
  r.results.resize(keys.size());
  r.last_of.resize(keys.size());
  std::vector<std::size_t> creator(keys.size(), SIZE_MAX);
  Cursor cursor(txn, index);
  if (cursor.open_rc() != 0) return Error("open key cursor", cursor.open_rc());
  for (const KeyGroup& g : groups) {
    SUTRA_ASSIGN_OR_RETURN(auto stored, FindId(cursor, keys[order[g.begin]]));
    for (std::size_t k = g.begin; k < g.end; ++k) {
      r.last_of[order[k]] = order[g.end - 1];
      if (stored) {
        r.results[order[k]].id = *stored;
      } else {
        creator[order[k]] = order[g.begin];
      }
    }
    if (stored) r.existing.push_back(&g);
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (creator[i] == i) {
      SUTRA_ASSIGN_OR_RETURN(r.results[i].id, next_id());
      r.results[i].created = true;
    } else if (creator[i] != SIZE_MAX) {
      r.results[i].id = r.results[creator[i]].id;
    }
  }
  return r;
}

}  // namespace

Status WriteTxn::CursorPut(MDB_cursor* cursor, std::string_view key, std::string_view value,
                           unsigned flags, bool* existed) {
  MDB_val k = Val(key), v = Val(value);
  int rc = mdb_cursor_put(cursor, &k, &v, flags);
  NoteWrite(mdb_cursor_dbi(cursor));
  if (existed != nullptr) *existed = (rc == MDB_KEYEXIST);
  if (rc == MDB_KEYEXIST && existed != nullptr) return Status::Ok();
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0) return Error("write", rc);
  return Status::Ok();
}

Status WriteTxn::AddTermsSorted(std::vector<std::pair<std::string, NodeId>> terms) {
  for (auto& [term, node] : terms) {
    if (term.empty()) return InvalidArgument("an index term must not be empty");
    term = lmdb::BoundedKey(std::move(term));
  }
  if (deferred_ != nullptr) {
    for (const auto& [term, node] : terms) SUTRA_RETURN_IF_ERROR(AddTerm(term, node));
    return Status::Ok();
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<std::pair<NodeId, std::string>> reverse;
  {
    Cursor cursor(txn_, store_->dbis_->terms);
    if (cursor.open_rc() != 0) return Error("open term cursor", cursor.open_rc());
    for (const auto& [term, node] : terms) {
      bool existed = false;
      SUTRA_RETURN_IF_ERROR(
          CursorPut(cursor.get(), term, IdView(codec::U64Key(node)), MDB_NODUPDATA, &existed));
      if (!existed) reverse.emplace_back(node, lmdb::kTermTag + term);
    }
  }
  std::sort(reverse.begin(), reverse.end());
  Cursor index(txn_, store_->dbis_->node_index);
  if (index.open_rc() != 0) return Error("open index cursor", index.open_rc());
  for (const auto& [node, entry] : reverse) {
    bool existed = false;
    SUTRA_RETURN_IF_ERROR(
        CursorPut(index.get(), IdView(codec::U64Key(node)), entry, MDB_NODUPDATA, &existed));
  }
  return Status::Ok();
}

StatusOr<std::vector<UpsertResult>> WriteTxn::UpsertNodes(std::span<const NodeWrite> nodes) {
  std::vector<std::string> keys;
  keys.reserve(nodes.size());
  for (const NodeWrite& n : nodes) {
    if (n.key.empty()) return InvalidArgument("a node needs a non-empty natural key");
    keys.push_back(lmdb::NodeKey(n.type, n.key));
  }
  const std::vector<std::size_t> order = SortedOrder(keys);
  const std::vector<KeyGroup> groups = Groups(keys, order);
  SUTRA_ASSIGN_OR_RETURN(Resolved resolved,
                         Resolve(txn_, store_->dbis_->node_keys, keys, order, groups,
                                 [this] { return NextId(lmdb::kNextNodeId); }));
  std::vector<UpsertResult>& results = resolved.results;
  const std::vector<std::size_t>& last_of = resolved.last_of;
  // New nodes, in id order (= input order of their creators), each with the properties of its
  // key's last occurrence, appended at the end of `nodes`.
  {
    Cursor cursor(txn_, store_->dbis_->nodes);
    if (cursor.open_rc() != 0) return Error("open node cursor", cursor.open_rc());
    Cursor facts_cursor(txn_, store_->dbis_->node_facts);
    if (facts_cursor.open_rc() != 0) return Error("open node facts cursor", facts_cursor.open_rc());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (!results[i].created) continue;
      const NodeWrite& n = nodes[last_of[i]];
      SUTRA_RETURN_IF_ERROR(CursorPut(cursor.get(), IdView(codec::U64Key(results[i].id)),
                                      codec::EncodeNode(n.type, n.properties), MDB_APPEND));
      const auto facts = codec::EncodeNodeFacts(FactsOfNode(n.type, n.properties));
      SUTRA_RETURN_IF_ERROR(CursorPut(facts_cursor.get(), IdView(codec::U64Key(results[i].id)),
                                      {facts.data(), facts.size()}, MDB_APPEND));
    }
  }
  for (const KeyGroup* g : resolved.existing) {  // rare on loads: re-loaded or corrected records
    const NodeWrite& n = nodes[order[g->end - 1]];
    SUTRA_RETURN_IF_ERROR(UpsertNode(n.type, n.key, n.properties).status());
  }
  {
    Cursor cursor(txn_, store_->dbis_->node_keys);
    if (cursor.open_rc() != 0) return Error("open key cursor", cursor.open_rc());
    for (const KeyGroup& g : groups) {
      const std::size_t first = order[g.begin];
      if (!results[first].created) continue;
      SUTRA_RETURN_IF_ERROR(
          CursorPut(cursor.get(), keys[first], IdView(codec::U64Key(results[first].id)), 0));
    }
  }
  if (deferred_ != nullptr) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (results[i].created) {
        SUTRA_RETURN_IF_ERROR(IndexNode(results[i].id, lmdb::kNaturalKeyTag, keys[i]));
      }
    }
  } else {
    Cursor cursor(txn_, store_->dbis_->node_index);
    if (cursor.open_rc() != 0) return Error("open index cursor", cursor.open_rc());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (!results[i].created) continue;
      SUTRA_RETURN_IF_ERROR(CursorPut(cursor.get(), IdView(codec::U64Key(results[i].id)),
                                      lmdb::kNaturalKeyTag + keys[i], 0));
    }
  }
  std::vector<std::pair<std::string, NodeId>> terms;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (const std::string& term : nodes[i].terms) terms.emplace_back(term, results[i].id);
  }
  SUTRA_RETURN_IF_ERROR(AddTermsSorted(std::move(terms)));
  return results;
}

Status WriteTxn::CheckEndpoints(std::span<const EdgeWrite> edges) {
  auto missing = [](const EdgeWrite& e, NodeId id) {
    return InvalidArgument("edge " + std::string(EdgeTypeName(e.type)) + " refers to node " +
                           std::to_string(id) + ", which does not exist");
  };
  if (deferred_ != nullptr) {
    // A bulk load starts empty and deletes nothing: the nodes are exactly the ids handed out.
    SUTRA_ASSIGN_OR_RETURN(const std::uint64_t* next, Counter(lmdb::kNextNodeId));
    for (const EdgeWrite& e : edges) {
      for (NodeId id : {e.from, e.to}) {
        if (id == 0 || id >= *next) return missing(e, id);
      }
    }
    return Status::Ok();
  }
  // Checked in id order through one cursor.
  std::vector<NodeId> ends;
  ends.reserve(2 * edges.size());
  for (const EdgeWrite& e : edges) ends.insert(ends.end(), {e.from, e.to});
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  Cursor cursor(txn_, store_->dbis_->nodes);
  if (cursor.open_rc() != 0) return Error("open node cursor", cursor.open_rc());
  for (NodeId id : ends) {
    auto key = codec::U64Key(id);
    MDB_val k = Val(IdView(key)), v;
    int rc = cursor.Get(k, v, MDB_SET);
    if (rc == MDB_NOTFOUND) {
      return missing(*std::find_if(edges.begin(), edges.end(),
                                   [id](const EdgeWrite& w) { return w.from == id || w.to == id; }),
                     id);
    }
    if (rc != 0) return Error("read node", rc);
  }
  return Status::Ok();
}

StatusOr<std::vector<UpsertResult>> WriteTxn::DeferEdges(std::span<const EdgeWrite> edges) {
  SUTRA_RETURN_IF_ERROR(CheckEndpoints(edges));
  // Repeats inside the batch are resolved here, as UpsertEdges does (the first occurrence
  // creates, the last one's properties win); repeats across batches only when the load
  // finishes, because the edge keys of earlier batches are not in the tree yet.
  std::vector<std::string> keys;
  std::vector<EdgeKeyBits> bits;
  keys.reserve(edges.size());
  bits.reserve(edges.size());
  for (const EdgeWrite& e : edges) {
    keys.push_back(lmdb::EdgeKey(e.type, e.from, e.to, e.provenance, e.discriminator));
    bits.push_back(Bits(keys.back()));
  }
  const std::vector<std::size_t> order = SortedOrder(bits);
  std::vector<std::size_t> creator(edges.size()), last_of(edges.size());
  for (const KeyGroup& g : Groups(bits, order)) {
    for (std::size_t k = g.begin; k < g.end; ++k) {
      creator[order[k]] = order[g.begin];
      last_of[order[k]] = order[g.end - 1];
    }
  }
  std::vector<UpsertResult> results(edges.size());
  Cursor cursor(txn_, store_->dbis_->edges);
  if (cursor.open_rc() != 0) return Error("open edge cursor", cursor.open_rc());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (creator[i] != i) {
      results[i].id = results[creator[i]].id;
      continue;
    }
    const EdgeWrite& e = edges[i];
    SUTRA_ASSIGN_OR_RETURN(results[i].id, NextId(lmdb::kNextEdgeId));
    results[i].created = true;
    const auto id = codec::U64Key(results[i].id);
    const Edge edge{results[i].id, e.type, e.from, e.to, edges[last_of[i]].properties,
                    e.provenance};
    SUTRA_RETURN_IF_ERROR(
        CursorPut(cursor.get(), IdView(id), codec::EncodeEdge(edge, e.discriminator), MDB_APPEND));
    SUTRA_RETURN_IF_ERROR(deferred_->edge_keys.Add(keys[i], IdView(id)));
    const auto out = codec::EncodeAdjacency({e.type, Direction::kOut, e.to, results[i].id});
    const auto in = codec::EncodeAdjacency({e.type, Direction::kIn, e.from, results[i].id});
    SUTRA_RETURN_IF_ERROR(
        deferred_->adj.Add(IdView(codec::U64Key(e.from)), {out.data(), out.size()}));
    SUTRA_RETURN_IF_ERROR(deferred_->adj.Add(IdView(codec::U64Key(e.to)), {in.data(), in.size()}));
  }
  return results;
}

StatusOr<std::vector<UpsertResult>> WriteTxn::UpsertEdges(std::span<const EdgeWrite> edges) {
  if (deferred_ != nullptr) return DeferEdges(edges);
  // Both endpoints of every edge must exist.
  SUTRA_RETURN_IF_ERROR(CheckEndpoints(edges));
  std::vector<std::string> keys;
  keys.reserve(edges.size());
  for (const EdgeWrite& e : edges) {
    keys.push_back(lmdb::EdgeKey(e.type, e.from, e.to, e.provenance, e.discriminator));
  }
  std::vector<EdgeKeyBits> bits;
  bits.reserve(keys.size());
  for (const std::string& key : keys) bits.push_back(Bits(key));
  const std::vector<std::size_t> order = SortedOrder(bits);
  const std::vector<KeyGroup> groups = Groups(bits, order);
  SUTRA_ASSIGN_OR_RETURN(Resolved resolved,
                         Resolve(txn_, store_->dbis_->edge_keys, keys, order, groups,
                                 [this] { return NextId(lmdb::kNextEdgeId); }));
  std::vector<UpsertResult>& results = resolved.results;
  const std::vector<std::size_t>& last_of = resolved.last_of;
  // (node, entry) pairs to add, sorted as LMDB orders them: node id, then the entry's bytes,
  // which compare as (type, direction, neighbour, edge) integers.
  struct AdjacencyPut {
    NodeId node;
    Neighbor entry;
    auto Order() const {
      return std::tuple(node, entry.type, entry.direction, entry.node, entry.edge);
    }
  };
  std::vector<AdjacencyPut> adjacency;
  adjacency.reserve(2 * edges.size());
  {
    Cursor cursor(txn_, store_->dbis_->edges);
    if (cursor.open_rc() != 0) return Error("open edge cursor", cursor.open_rc());
    for (std::size_t i = 0; i < edges.size(); ++i) {
      if (!results[i].created) continue;
      const EdgeWrite& first = edges[i];
      Edge edge{results[i].id,   first.type, first.from, first.to, edges[last_of[i]].properties,
                first.provenance};
      SUTRA_RETURN_IF_ERROR(CursorPut(cursor.get(), IdView(codec::U64Key(edge.id)),
                                      codec::EncodeEdge(edge, first.discriminator), MDB_APPEND));
      adjacency.push_back({edge.from, {edge.type, Direction::kOut, edge.to, edge.id}});
      adjacency.push_back({edge.to, {edge.type, Direction::kIn, edge.from, edge.id}});
    }
  }
  for (const KeyGroup* g : resolved.existing) {
    const EdgeWrite& e = edges[order[g->end - 1]];
    SUTRA_RETURN_IF_ERROR(
        UpsertEdge(e.type, e.from, e.to, e.properties, e.provenance, e.discriminator).status());
  }
  {
    Cursor cursor(txn_, store_->dbis_->edge_keys);
    if (cursor.open_rc() != 0) return Error("open key cursor", cursor.open_rc());
    for (const KeyGroup& g : groups) {
      const std::size_t first = order[g.begin];
      if (!results[first].created) continue;
      SUTRA_RETURN_IF_ERROR(
          CursorPut(cursor.get(), keys[first], IdView(codec::U64Key(results[first].id)), 0));
    }
  }
  std::sort(adjacency.begin(), adjacency.end(),
            [](const AdjacencyPut& a, const AdjacencyPut& b) { return a.Order() < b.Order(); });
  Cursor cursor(txn_, store_->dbis_->adj);
  if (cursor.open_rc() != 0) return Error("open adjacency cursor", cursor.open_rc());
  for (const AdjacencyPut& put : adjacency) {
    auto entry = codec::EncodeAdjacency(put.entry);
    SUTRA_RETURN_IF_ERROR(
        CursorPut(cursor.get(), IdView(codec::U64Key(put.node)), {entry.data(), entry.size()}, 0));
  }
  return results;
}

}  // namespace sutra::storage
