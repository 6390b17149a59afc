// WriteTxn: upserts, deletes and index entries inside one write transaction.
#include <ctime>
#include <set>

#include "storage/deferred_indexes.h"
#include "storage/graph_store.h"
#include "storage/lmdb_util.h"
#include "storage/value_codec.h"

namespace sutra::storage {
namespace {

using lmdb::Error;
using lmdb::IdView;
using lmdb::Val;

}  // namespace

Status WriteTxn::Put(unsigned dbi, std::string_view key, std::string_view value, unsigned flags,
                     bool* existed) {
  MDB_val k = Val(key), v = Val(value);
  int rc = mdb_put(txn_, dbi, &k, &v, flags);
  NoteWrite(dbi);
  if (existed != nullptr) *existed = (rc == MDB_KEYEXIST);
  if (rc == MDB_KEYEXIST && existed != nullptr) return Status::Ok();
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0) return Error("write", rc);
  return Status::Ok();
}

Status WriteTxn::Del(unsigned dbi, std::string_view key, std::string_view value) {
  MDB_val k = Val(key), v = Val(value);
  int rc = mdb_del(txn_, dbi, &k, value.empty() ? nullptr : &v);
  NoteWrite(dbi);
  if (rc == MDB_NOTFOUND) return Status::Ok();
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0) return Error("delete", rc);
  return Status::Ok();
}

StatusOr<std::uint64_t*> WriteTxn::Counter(std::string_view counter) {
  for (auto& [name, next] : counters_) {
    if (name == counter) return &next;
  }
  SUTRA_ASSIGN_OR_RETURN(auto bytes, lmdb::Get(txn_, store_->dbis_->meta, counter));
  std::uint64_t next = 1;
  if (bytes) {
    if (bytes->size() != 8) return Corruption("counter '" + std::string(counter) + "' is damaged");
    next = codec::ReadU64(*bytes);
  }
  return &counters_.emplace_back(counter, next).second;
}

StatusOr<std::uint64_t> WriteTxn::NextId(std::string_view counter) {
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t * next, Counter(counter));
  return (*next)++;
}

void WriteTxn::NoteWrite(unsigned dbi) {
  if (dbi != store_->dbis_->meta && dbi != store_->dbis_->audit) graph_written_ = true;
}

Status WriteTxn::FlushCounters() {
  if (graph_written_) {
    SUTRA_ASSIGN_OR_RETURN(std::uint64_t * version, Counter(lmdb::kGraphVersion));
    ++*version;
    graph_written_ = false;  // FlushCounters may run again after a retry
  }
  for (const auto& [name, next] : counters_) {
    SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->meta, name, IdView(codec::U64Key(next)), 0));
  }
  return Status::Ok();
}

Status WriteTxn::IndexNode(NodeId node, char tag, std::string_view text) {
  std::string entry(1, tag);
  entry += text;
  if (deferred_ != nullptr) return deferred_->node_index.Add(IdView(codec::U64Key(node)), entry);
  bool existed = false;
  return Put(store_->dbis_->node_index, IdView(codec::U64Key(node)), entry, MDB_NODUPDATA,
             &existed);
}

Status WriteTxn::NodeExists(NodeId id, EdgeType type) {
  SUTRA_ASSIGN_OR_RETURN(auto bytes,
                         lmdb::Get(txn_, store_->dbis_->nodes, IdView(codec::U64Key(id))));
  if (bytes) return Status::Ok();
  return InvalidArgument("edge " + std::string(EdgeTypeName(type)) + " refers to node " +
                         std::to_string(id) + ", which does not exist");
}

StatusOr<UpsertResult> WriteTxn::UpsertNode(NodeType type, std::string_view key,
                                            const Properties& properties) {
  if (key.empty()) return InvalidArgument("a node needs a non-empty natural key");
  const std::string natural_key = lmdb::NodeKey(type, key);
  SUTRA_ASSIGN_OR_RETURN(auto existing, lmdb::Get(txn_, store_->dbis_->node_keys, natural_key));
  UpsertResult result;
  std::string encoded = codec::EncodeNode(type, properties);
  unsigned flags = 0;
  if (existing) {
    if (existing->size() != 8) return Corruption("natural-key entry of wrong size");
    result.id = codec::ReadU64(*existing);
    SUTRA_ASSIGN_OR_RETURN(auto old,
                           lmdb::Get(txn_, store_->dbis_->nodes, IdView(codec::U64Key(result.id))));
    if (old && *old == encoded) return result;  // unchanged: write nothing
  } else {
    SUTRA_ASSIGN_OR_RETURN(result.id, NextId(lmdb::kNextNodeId));
    result.created = true;
    flags = MDB_APPEND;  // new ids only grow, so the node goes at the end of `nodes`
    SUTRA_RETURN_IF_ERROR(
        Put(store_->dbis_->node_keys, natural_key, IdView(codec::U64Key(result.id)), 0));
    SUTRA_RETURN_IF_ERROR(IndexNode(result.id, lmdb::kNaturalKeyTag, natural_key));
  }
  SUTRA_RETURN_IF_ERROR(
      Put(store_->dbis_->nodes, IdView(codec::U64Key(result.id)), encoded, flags));
  const auto facts = codec::EncodeNodeFacts(FactsOfNode(type, properties));
  SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->node_facts, IdView(codec::U64Key(result.id)),
                            {facts.data(), facts.size()}, flags));
  return result;
}

StatusOr<UpsertResult> WriteTxn::UpsertEdge(EdgeType type, NodeId from, NodeId to,
                                            const Properties& properties,
                                            const Provenance& provenance,
                                            std::string_view discriminator) {
  if (deferred_ != nullptr) {
    const EdgeWrite edge{type, from, to, properties, provenance, std::string(discriminator)};
    SUTRA_ASSIGN_OR_RETURN(auto results, DeferEdges({&edge, 1}));
    return results[0];
  }
  SUTRA_RETURN_IF_ERROR(NodeExists(from, type));
  SUTRA_RETURN_IF_ERROR(NodeExists(to, type));
  const std::string natural_key = lmdb::EdgeKey(type, from, to, provenance, discriminator);
  SUTRA_ASSIGN_OR_RETURN(auto existing, lmdb::Get(txn_, store_->dbis_->edge_keys, natural_key));
  Edge edge{0, type, from, to, properties, provenance};
  UpsertResult result;
  unsigned flags = 0;
  if (existing) {
    if (existing->size() != 8) return Corruption("edge-key entry of wrong size");
    result.id = codec::ReadU64(*existing);
    SUTRA_ASSIGN_OR_RETURN(auto old, reader_.GetEdge(result.id));
    if (old && old->properties == properties) return result;
    if (old) edge.provenance.batch = old->provenance.batch;  // first assertion keeps its batch
  } else {
    SUTRA_ASSIGN_OR_RETURN(result.id, NextId(lmdb::kNextEdgeId));
    result.created = true;
    flags = MDB_APPEND;
    SUTRA_RETURN_IF_ERROR(
        Put(store_->dbis_->edge_keys, natural_key, IdView(codec::U64Key(result.id)), 0));
    auto out = codec::EncodeAdjacency({type, Direction::kOut, to, result.id});
    auto in = codec::EncodeAdjacency({type, Direction::kIn, from, result.id});
    SUTRA_RETURN_IF_ERROR(
        Put(store_->dbis_->adj, IdView(codec::U64Key(from)), {out.data(), out.size()}, 0));
    SUTRA_RETURN_IF_ERROR(
        Put(store_->dbis_->adj, IdView(codec::U64Key(to)), {in.data(), in.size()}, 0));
  }
  SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->edges, IdView(codec::U64Key(result.id)),
                            codec::EncodeEdge(edge, discriminator), flags));
  return result;
}

Status WriteTxn::RefuseInBulkLoad(std::string_view operation) const {
  if (deferred_ == nullptr) return Status::Ok();
  return FailedPrecondition(std::string(operation) +
                            " is not possible during a bulk load; finish the load first");
}

StatusOr<bool> WriteTxn::DeleteEdge(EdgeId id) {
  SUTRA_RETURN_IF_ERROR(RefuseInBulkLoad("deleting an edge"));
  auto id_key = codec::U64Key(id);
  SUTRA_ASSIGN_OR_RETURN(auto bytes, lmdb::Get(txn_, store_->dbis_->edges, IdView(id_key)));
  if (!bytes) return false;
  std::string discriminator;
  SUTRA_ASSIGN_OR_RETURN(Edge edge, codec::DecodeEdge(id, *bytes, &discriminator));
  auto out = codec::EncodeAdjacency({edge.type, Direction::kOut, edge.to, id});
  auto in = codec::EncodeAdjacency({edge.type, Direction::kIn, edge.from, id});
  SUTRA_RETURN_IF_ERROR(
      Del(store_->dbis_->adj, IdView(codec::U64Key(edge.from)), {out.data(), out.size()}));
  SUTRA_RETURN_IF_ERROR(
      Del(store_->dbis_->adj, IdView(codec::U64Key(edge.to)), {in.data(), in.size()}));
  SUTRA_RETURN_IF_ERROR(
      Del(store_->dbis_->edge_keys,
          lmdb::EdgeKey(edge.type, edge.from, edge.to, edge.provenance, discriminator)));
  SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->edges, IdView(id_key)));
  return true;
}

StatusOr<bool> WriteTxn::DeleteNode(NodeId id) {
  SUTRA_RETURN_IF_ERROR(RefuseInBulkLoad("deleting a node"));
  auto id_key = codec::U64Key(id);
  SUTRA_ASSIGN_OR_RETURN(auto bytes, lmdb::Get(txn_, store_->dbis_->nodes, IdView(id_key)));
  if (!bytes) return false;
  // Collect first: deleting while walking the same adjacency would move the cursor.
  std::set<EdgeId> edges;
  SUTRA_RETURN_IF_ERROR(reader_.ForEachNeighbor(id, [&](const Neighbor& n) {
    edges.insert(n.edge);
    return true;
  }));
  for (EdgeId edge : edges) SUTRA_RETURN_IF_ERROR(DeleteEdge(edge).status());

  std::vector<std::string> names;
  {
    lmdb::Cursor cursor(txn_, store_->dbis_->node_index);
    if (cursor.open_rc() != 0) return Error("open index cursor", cursor.open_rc());
    MDB_val key = Val(IdView(id_key)), value;
    int rc = cursor.Get(key, value, MDB_SET);
    while (rc == 0) {
      names.emplace_back(lmdb::View(value));
      rc = cursor.Get(key, value, MDB_NEXT_DUP);
    }
    if (rc != MDB_NOTFOUND) return Error("read node index", rc);
  }
  for (const std::string& name : names) {
    if (name.empty()) return Corruption("empty node-index entry of node " + std::to_string(id));
    std::string_view text = std::string_view(name).substr(1);
    switch (name[0]) {
      case lmdb::kNaturalKeyTag:
        SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->node_keys, text));
        break;
      case lmdb::kTermTag:
        SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->terms, text, IdView(id_key)));
        break;
      case lmdb::kBlockTag:
        SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->blocks, text, IdView(id_key)));
        break;
      default:
        return Corruption("unknown node-index entry of node " + std::to_string(id));
    }
  }
  SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->node_index, IdView(id_key)));
  SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->nodes, IdView(id_key)));
  SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->node_facts, IdView(id_key)));
  return true;
}

Status WriteTxn::AddTerm(std::string_view term, NodeId node) {
  if (term.empty()) return InvalidArgument("an index term must not be empty");
  const std::string key = lmdb::BoundedKey(std::string(term));
  if (deferred_ != nullptr) {
    SUTRA_RETURN_IF_ERROR(deferred_->terms.Add(key, IdView(codec::U64Key(node))));
    return IndexNode(node, lmdb::kTermTag, key);
  }
  bool existed = false;
  SUTRA_RETURN_IF_ERROR(
      Put(store_->dbis_->terms, key, IdView(codec::U64Key(node)), MDB_NODUPDATA, &existed));
  return existed ? Status::Ok() : IndexNode(node, lmdb::kTermTag, key);
}

Status WriteTxn::AddBlockingKey(std::string_view key, NodeId node) {
  if (key.empty()) return InvalidArgument("a blocking key must not be empty");
  const std::string bounded = lmdb::BoundedKey(std::string(key));
  if (deferred_ != nullptr) {
    SUTRA_RETURN_IF_ERROR(deferred_->blocks.Add(bounded, IdView(codec::U64Key(node))));
    return IndexNode(node, lmdb::kBlockTag, bounded);
  }
  bool existed = false;
  SUTRA_RETURN_IF_ERROR(
      Put(store_->dbis_->blocks, bounded, IdView(codec::U64Key(node)), MDB_NODUPDATA, &existed));
  return existed ? Status::Ok() : IndexNode(node, lmdb::kBlockTag, bounded);
}

Status WriteTxn::PutState(std::string_view key, std::string_view value) {
  if (key.empty() || key.size() > 400) {
    return InvalidArgument("a state key must have 1 to 400 bytes");
  }
  return Put(store_->dbis_->meta, std::string(lmdb::kStatePrefix) += key, value, 0);
}

StatusOr<bool> WriteTxn::DeleteState(std::string_view key) {
  const std::string full = std::string(lmdb::kStatePrefix) += key;
  SUTRA_ASSIGN_OR_RETURN(auto existing, lmdb::Get(txn_, store_->dbis_->meta, full));
  if (!existing) return false;
  SUTRA_RETURN_IF_ERROR(Del(store_->dbis_->meta, full));
  return true;
}

StatusOr<std::uint64_t> WriteTxn::NextAuditSequence() {
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t * next, Counter(lmdb::kNextAudit));
  return *next;
}

StatusOr<std::uint64_t> WriteTxn::AppendAudit(std::string_view entry) {
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t seq, NextId(lmdb::kNextAudit));
  SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->audit, IdView(codec::U64Key(seq)), entry, MDB_APPEND));
  return seq;
}

StatusOr<std::uint64_t> WriteTxn::NewBatch(std::string_view description) {
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t batch, NextId(lmdb::kNextBatch));
  std::string key(lmdb::kBatchPrefix);
  key += IdView(codec::U64Key(batch));
  std::string value = std::to_string(static_cast<long long>(std::time(nullptr)));
  value += ' ';
  value += description;
  SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->meta, key, value, 0));
  return batch;
}

}  // namespace sutra::storage
