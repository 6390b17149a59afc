// ReadTxn::CheckIntegrity and ReadTxn::ContentHash: whole-database checks used by
// `sutra check`, the crash-safety suite and backups.
//
// The checks, each reported as its own problem:
//   nodes       every node decodes
//   node_facts  every node has the facts its properties give, and no facts outlive a node
//   edges       every edge decodes; both its endpoints exist; both its adjacency entries exist;
//               its natural key in edge_keys points back to it
//   adjacency   every entry belongs to an existing node, names an existing edge of its type
//               whose endpoints match the entry's direction, and has its mirror entry at the
//               other end
//   edge_keys   every entry points to an existing edge
//   node_keys   every entry points to an existing node of the key's type, and the node's
//               reverse index names the key
//   terms, blocks  every entry points to an existing node whose reverse index names it
//   node_index  every reverse entry belongs to an existing node and its forward entry exists
//   meta        the id counters are above every id in use
#include <xxhash.h>

#include <cstdio>
#include <cstring>

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

// Walks every (key, value) of `dbi` in order; duplicates of DUPSORT databases one by one.
Status ForEachEntry(MDB_txn* txn, MDB_dbi dbi,
                    const std::function<Status(std::string_view, std::string_view)>& visit) {
  Cursor cursor(txn, dbi);
  if (cursor.open_rc() != 0) return Error("open cursor", cursor.open_rc());
  MDB_val key, value;
  int rc;
  while ((rc = cursor.Get(key, value, MDB_NEXT)) == 0) {
    SUTRA_RETURN_IF_ERROR(visit(View(key), View(value)));
  }
  if (rc != MDB_NOTFOUND) return Error("scan", rc);
  return Status::Ok();
}

// Exact (key, duplicate) lookups in one DUPSORT database through one reused cursor.
class DupProbe {
 public:
  DupProbe(MDB_txn* txn, MDB_dbi dbi) : cursor_(txn, dbi) {}
  bool Has(std::string_view key, std::string_view value) {
    MDB_val k = Val(key), v = Val(value);
    return cursor_.open_rc() == 0 && cursor_.Get(k, v, MDB_GET_BOTH) == 0;
  }

 private:
  Cursor cursor_;
};

bool HasKey(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  MDB_val k = Val(key), v;
  return mdb_get(txn, dbi, &k, &v) == 0;
}

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

}  // namespace

Status ReadTxn::CheckIntegrity(const std::function<void(const IntegrityProblem&)>& report) const {
  const GraphStore::Dbis& d = *store_->dbis_;
  auto problem = [&](std::string area, std::string message) {
    report({std::move(area), std::move(message)});
  };
  NodeId max_node = 0;
  EdgeId max_edge = 0;
  DupProbe adj(txn_, d.adj), node_index(txn_, d.node_index), terms(txn_, d.terms),
      blocks(txn_, d.blocks);

  SUTRA_RETURN_IF_ERROR(ForEachEntry(txn_, d.nodes, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return problem("nodes", "key of wrong size: " + Hex(k)), Status::Ok();
    NodeId id = codec::ReadU64(k);
    max_node = std::max(max_node, id);
    auto node = codec::DecodeNode(id, v);
    if (!node.ok()) return problem("nodes", node.status().message()), Status::Ok();
    // The facts kept beside the node must be those its properties give.
    SUTRA_ASSIGN_OR_RETURN(auto kept, lmdb::Get(txn_, d.node_facts, k));
    NodeFacts facts;
    if (!kept || !codec::DecodeNodeFacts(*kept, &facts)) {
      problem("node_facts", "node " + std::to_string(id) + " has no readable facts");
    } else if (facts != FactsOfNode(node->type, node->properties)) {
      problem("node_facts",
              "the facts kept for node " + std::to_string(id) + " disagree with its properties");
    }
    return Status::Ok();
  }));

  SUTRA_RETURN_IF_ERROR(ForEachEntry(txn_, d.node_facts, [&](std::string_view k, std::string_view) {
    if (!HasKey(txn_, d.nodes, k)) {
      problem("node_facts", "facts of a node that does not exist: " + Hex(k));
    }
    return Status::Ok();
  }));

  SUTRA_RETURN_IF_ERROR(ForEachEntry(txn_, d.edges, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return problem("edges", "key of wrong size: " + Hex(k)), Status::Ok();
    EdgeId id = codec::ReadU64(k);
    max_edge = std::max(max_edge, id);
    std::string disc;
    auto edge = codec::DecodeEdge(id, v, &disc);
    if (!edge.ok()) return problem("edges", edge.status().message()), Status::Ok();
    const std::string name = "edge " + std::to_string(id) + " (" +
                             std::string(EdgeTypeName(edge->type)) + " " +
                             std::to_string(edge->from) + " -> " + std::to_string(edge->to) + ")";
    for (NodeId end : {edge->from, edge->to}) {
      if (!HasKey(txn_, d.nodes, IdView(codec::U64Key(end)))) {
        problem("edges", name + " refers to missing node " + std::to_string(end));
      }
    }
    auto out = codec::EncodeAdjacency({edge->type, Direction::kOut, edge->to, id});
    auto in = codec::EncodeAdjacency({edge->type, Direction::kIn, edge->from, id});
    if (!adj.Has(IdView(codec::U64Key(edge->from)), {out.data(), out.size()})) {
      problem("edges",
              name + " has no outgoing adjacency entry at node " + std::to_string(edge->from));
    }
    if (!adj.Has(IdView(codec::U64Key(edge->to)), {in.data(), in.size()})) {
      problem("edges",
              name + " has no incoming adjacency entry at node " + std::to_string(edge->to));
    }
    auto key = lmdb::EdgeKey(edge->type, edge->from, edge->to, edge->provenance, disc);
    auto found = lmdb::Get(txn_, d.edge_keys, key);
    if (!found.ok() || !*found || found->value().size() != 8 || codec::ReadU64(**found) != id) {
      problem("edge_keys", name + " is missing from the natural-key index");
    }
    return Status::Ok();
  }));

  SUTRA_RETURN_IF_ERROR(ForEachEntry(txn_, d.adj, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return problem("adjacency", "key of wrong size: " + Hex(k)), Status::Ok();
    NodeId node = codec::ReadU64(k);
    auto n = codec::DecodeAdjacency(v);
    if (!n.ok())
      return problem("adjacency", "node " + std::to_string(node) + ": " + n.status().message()),
             Status::Ok();
    const std::string name =
        "entry at node " + std::to_string(node) + " for edge " + std::to_string(n->edge);
    if (!HasKey(txn_, d.nodes, k)) problem("adjacency", name + ": the node does not exist");
    auto edge_bytes = lmdb::Get(txn_, d.edges, IdView(codec::U64Key(n->edge)));
    if (!edge_bytes.ok() || !*edge_bytes) {
      return problem("adjacency", name + ": the edge does not exist (dangling entry)"),
             Status::Ok();
    }
    auto edge = codec::DecodeEdge(n->edge, **edge_bytes);
    if (!edge.ok()) return Status::Ok();  // reported under "edges"
    const bool out = n->direction == Direction::kOut;
    if (edge->type != n->type || (out ? edge->from : edge->to) != node ||
        (out ? edge->to : edge->from) != n->node) {
      problem("adjacency", name + ": disagrees with the edge's type or endpoints");
    }
    auto mirror =
        codec::EncodeAdjacency({n->type, out ? Direction::kIn : Direction::kOut, node, n->edge});
    if (!adj.Has(IdView(codec::U64Key(n->node)), {mirror.data(), mirror.size()})) {
      problem("adjacency", name + ": no mirror entry at node " + std::to_string(n->node));
    }
    return Status::Ok();
  }));

  SUTRA_RETURN_IF_ERROR(
      ForEachEntry(txn_, d.edge_keys, [&](std::string_view k, std::string_view v) {
        if (v.size() != 8 || !HasKey(txn_, d.edges, v)) {
          problem("edge_keys", "key " + Hex(k) + " points to a missing edge");
        }
        return Status::Ok();
      }));

  auto check_forward = [&](const char* area, MDB_dbi dbi, char tag, bool value_is_id) {
    return ForEachEntry(txn_, dbi, [&, area, tag](std::string_view k, std::string_view v) {
      std::string_view id_bytes = value_is_id ? v : std::string_view();
      if (id_bytes.size() != 8) {
        return problem(area, "entry " + Hex(k) + " has a malformed id"), Status::Ok();
      }
      NodeId id = codec::ReadU64(id_bytes);
      auto node = lmdb::Get(txn_, d.nodes, id_bytes);
      if (!node.ok() || !*node) {
        return problem(area, "entry " + Hex(k) + " points to missing node " + std::to_string(id)),
               Status::Ok();
      }
      if (tag == lmdb::kNaturalKeyTag &&
          (k.empty() || (**node).size() < 2 || k[0] != (**node)[1])) {
        problem(area,
                "entry " + Hex(k) + " points to node " + std::to_string(id) + " of another type");
      }
      std::string reverse(1, tag);
      reverse += k;
      if (!node_index.Has(id_bytes, reverse)) {
        problem(area, "entry " + Hex(k) + " is missing from node " + std::to_string(id) +
                          "'s reverse index");
      }
      return Status::Ok();
    });
  };
  SUTRA_RETURN_IF_ERROR(check_forward("node_keys", d.node_keys, lmdb::kNaturalKeyTag, true));
  SUTRA_RETURN_IF_ERROR(check_forward("terms", d.terms, lmdb::kTermTag, true));
  SUTRA_RETURN_IF_ERROR(check_forward("blocks", d.blocks, lmdb::kBlockTag, true));

  SUTRA_RETURN_IF_ERROR(
      ForEachEntry(txn_, d.node_index, [&](std::string_view k, std::string_view v) {
        const std::string node = k.size() == 8 ? std::to_string(codec::ReadU64(k)) : Hex(k);
        if (!HasKey(txn_, d.nodes, k)) {
          return problem("node_index", "entries of missing node " + node), Status::Ok();
        }
        if (v.empty()) return problem("node_index", "empty entry of node " + node), Status::Ok();
        std::string_view text = v.substr(1);
        bool present = v[0] == lmdb::kNaturalKeyTag ? HasKey(txn_, d.node_keys, text)
                       : v[0] == lmdb::kTermTag     ? terms.Has(text, k)
                       : v[0] == lmdb::kBlockTag    ? blocks.Has(text, k)
                                                    : false;
        if (!present) {
          problem("node_index", "node " + node + " names " + Hex(v) + ", which is not indexed");
        }
        return Status::Ok();
      }));

  for (auto [counter, max_id] :
       {std::pair{lmdb::kNextNodeId, max_node}, std::pair{lmdb::kNextEdgeId, max_edge}}) {
    SUTRA_ASSIGN_OR_RETURN(auto next, lmdb::Get(txn_, d.meta, counter));
    std::uint64_t value = next && next->size() == 8 ? codec::ReadU64(*next) : 1;
    if (value <= max_id) {
      problem("meta", std::string(counter) + " is " + std::to_string(value) + " but id " +
                          std::to_string(max_id) + " is in use");
    }
  }
  return Status::Ok();
}

StatusOr<std::string> ReadTxn::ContentHash(HashScope scope) const {
  const GraphStore::Dbis& d = *store_->dbis_;
  XXH3_state_t* state = XXH3_createState();
  if (state == nullptr) return Internal("cannot allocate a hash state");
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> owner(state, &XXH3_freeState);
  XXH3_128bits_reset(state);
  const std::pair<const char*, MDB_dbi> all[] = {{"nodes", d.nodes},
                                                 {"edges", d.edges},
                                                 {"adj", d.adj},
                                                 {"node_keys", d.node_keys},
                                                 {"edge_keys", d.edge_keys},
                                                 {"terms", d.terms},
                                                 {"node_index", d.node_index},
                                                 {"blocks", d.blocks},
                                                 {"audit", d.audit},
                                                 {"meta", d.meta}};
  for (const auto& [name, sub] : all) {
    const MDB_dbi dbi = sub;  // a plain variable: lambdas may not capture structured bindings
    if (scope == HashScope::kGraphOnly && (dbi == d.audit || dbi == d.meta)) continue;
    XXH3_128bits_update(state, name, std::strlen(name) + 1);
    SUTRA_RETURN_IF_ERROR(ForEachEntry(txn_, dbi, [&](std::string_view k, std::string_view v) {
      // The graph version counts commits, not content: the same graph written in more
      // transactions has a larger one.
      if (dbi == d.meta && k == lmdb::kGraphVersion) return Status::Ok();
      std::string_view value = v;
      // A batch record is "<unix time> <description>": hash the description only.
      if (dbi == d.meta && k.starts_with(lmdb::kBatchPrefix)) {
        value = v.substr(std::min(v.size(), v.find(' ') + 1));
      }
      const std::uint64_t sizes[2] = {k.size(), value.size()};
      XXH3_128bits_update(state, sizes, sizeof sizes);
      XXH3_128bits_update(state, k.data(), k.size());
      XXH3_128bits_update(state, value.data(), value.size());
      return Status::Ok();
    }));
  }
  XXH128_hash_t hash = XXH3_128bits_digest(state);
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return std::string(hex);
}

}  // namespace sutra::storage
