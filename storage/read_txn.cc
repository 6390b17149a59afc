// ReadTxn: reads of one consistent snapshot (layout: graph_store.h).
#include <limits>
#include <vector>

#include "storage/graph_store.h"
#include "storage/lmdb_util.h"
#include "storage/value_codec.h"

namespace sutra::storage {
namespace {

using lmdb::Cursor;
using lmdb::Error;
using lmdb::Val;
using lmdb::View;

// Reads a DUPFIXED list of 8-byte ids stored under `key`.
StatusOr<std::vector<NodeId>> ReadIdList(MDB_txn* txn, MDB_dbi dbi, std::string_view key,
                                         std::size_t limit) {
  std::vector<NodeId> ids;
  Cursor cursor(txn, dbi);
  if (cursor.open_rc() != 0) return Error("open cursor", cursor.open_rc());
  std::string bounded = lmdb::BoundedKey(std::string(key));
  MDB_val k = Val(bounded), v;
  int rc = cursor.Get(k, v, MDB_SET);
  while (rc == 0 && ids.size() < limit) {
    if (v.mv_size != 8) return Corruption("id list entry of wrong size under '" + bounded + "'");
    ids.push_back(codec::ReadU64(View(v)));
    rc = cursor.Get(k, v, MDB_NEXT_DUP);
  }
  if (rc != 0 && rc != MDB_NOTFOUND) return Error("read id list", rc);
  return ids;
}

StatusOr<std::uint64_t> CountDuplicates(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  Cursor cursor(txn, dbi);
  if (cursor.open_rc() != 0) return Error("open cursor", cursor.open_rc());
  MDB_val k = Val(key), v;
  int rc = cursor.Get(k, v, MDB_SET);
  if (rc == MDB_NOTFOUND) return std::uint64_t{0};
  if (rc != 0) return Error("read", rc);
  std::size_t count = 0;
  rc = mdb_cursor_count(cursor.get(), &count);
  if (rc != 0) return Error("count", rc);
  return static_cast<std::uint64_t>(count);
}

Status BadEntry(NodeId node) {
  return Corruption("an adjacency entry of node " + std::to_string(node) +
                    " has an unknown edge type or direction (run `sutra check`)");
}

bool Passes(const Neighbor& n, const NeighborFilter& filter) {
  return (!filter.type || n.type == *filter.type) &&
         (!filter.direction || n.direction == *filter.direction);
}

}  // namespace

ReadTxn::ReadTxn(ReadTxn&& other) noexcept
    : store_(other.store_), txn_(other.txn_), owns_txn_(other.owns_txn_) {
  other.txn_ = nullptr;
}

ReadTxn& ReadTxn::operator=(ReadTxn&& other) noexcept {
  if (this != &other) {
    End();
    store_ = other.store_;
    txn_ = other.txn_;
    owns_txn_ = other.owns_txn_;
    other.txn_ = nullptr;
  }
  return *this;
}

ReadTxn::~ReadTxn() { End(); }

void ReadTxn::End() {
  if (owns_txn_ && txn_ != nullptr) {
    mdb_txn_reset(txn_);  // releases the snapshot; the handle is kept for the next reader
    store_->ReaderEnded(txn_);
    txn_ = nullptr;
  }
}

StatusOr<std::optional<Node>> ReadTxn::GetNode(NodeId id) const {
  auto key = codec::U64Key(id);
  SUTRA_ASSIGN_OR_RETURN(auto bytes, lmdb::Get(txn_, store_->dbis_->nodes, {key.data(), 8}));
  if (!bytes) return std::optional<Node>();
  SUTRA_ASSIGN_OR_RETURN(Node node, codec::DecodeNode(id, *bytes));
  return std::optional<Node>(std::move(node));
}

StatusOr<std::optional<Edge>> ReadTxn::GetEdge(EdgeId id) const {
  auto key = codec::U64Key(id);
  SUTRA_ASSIGN_OR_RETURN(auto bytes, lmdb::Get(txn_, store_->dbis_->edges, {key.data(), 8}));
  if (!bytes) return std::optional<Edge>();
  SUTRA_ASSIGN_OR_RETURN(Edge edge, codec::DecodeEdge(id, *bytes));
  return std::optional<Edge>(std::move(edge));
}

StatusOr<NodeId> ReadTxn::NextNodeId() const {
  SUTRA_ASSIGN_OR_RETURN(auto bytes, lmdb::Get(txn_, store_->dbis_->meta, lmdb::kNextNodeId));
  if (!bytes) return NodeId{1};
  if (bytes->size() != 8) return Corruption("counter 'next_node_id' is damaged");
  return codec::ReadU64(*bytes);
}

StatusOr<std::optional<NodeId>> ReadTxn::FindNode(NodeType type, std::string_view key) const {
  SUTRA_ASSIGN_OR_RETURN(auto bytes,
                         lmdb::Get(txn_, store_->dbis_->node_keys, lmdb::NodeKey(type, key)));
  if (!bytes) return std::optional<NodeId>();
  if (bytes->size() != 8) return Corruption("natural-key entry of wrong size");
  return std::optional<NodeId>(codec::ReadU64(*bytes));
}

Status ReadTxn::ForEachNeighbor(NodeId node, const NeighborFilter& filter,
                                const std::function<bool(const Neighbor&)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->adj);
  if (cursor.open_rc() != 0) return Error("open adjacency cursor", cursor.open_rc());
  auto key_bytes = codec::U64Key(node);
  MDB_val key = Val({key_bytes.data(), 8}), page;
  int rc;
  if (filter.type) {
    // Entries sort by (type, direction): seek to the first entry of the wanted type and stop
    // at the first entry past it.
    Neighbor first{*filter.type, filter.direction.value_or(Direction::kOut), 0, 0};
    auto probe = codec::EncodeAdjacency(first);
    page = Val({probe.data(), probe.size()});
    rc = cursor.Get(key, page, MDB_GET_BOTH_RANGE);
  } else {
    rc = cursor.Get(key, page, MDB_SET);
  }
  if (rc == MDB_NOTFOUND) return Status::Ok();
  if (rc != 0) return Error("read adjacency", rc);
  // DUPFIXED: MDB_GET_MULTIPLE / MDB_NEXT_MULTIPLE hand back a page of fixed-size entries at a
  // time, so a hub's thousands of neighbours cost a few calls, not one per edge. GET_MULTIPLE
  // returns the page from the cursor's current entry on.
  rc = cursor.Get(key, page, MDB_GET_MULTIPLE);
  while (rc == 0) {
    std::string_view entries = View(page);
    for (std::size_t off = 0; off + codec::kAdjacencySize <= entries.size();
         off += codec::kAdjacencySize) {
      Neighbor n;
      if (!codec::DecodeAdjacencyInto(entries.data() + off, &n)) return BadEntry(node);
      if (filter.type && n.type > *filter.type) return Status::Ok();
      if (Passes(n, filter) && !visit(n)) return Status::Ok();
    }
    rc = cursor.Get(key, page, MDB_NEXT_MULTIPLE);
  }
  if (rc != MDB_NOTFOUND) return Error("read adjacency", rc);
  return Status::Ok();
}

StatusOr<EntryCounts> ReadTxn::CountEntries() const {
  EntryCounts counts;
  for (auto [dbi, out] : {std::pair{store_->dbis_->nodes, &counts.nodes},
                          std::pair{store_->dbis_->edges, &counts.edges},
                          std::pair{store_->dbis_->adj, &counts.adjacency}}) {
    MDB_stat stat;
    int rc = mdb_stat(txn_, dbi, &stat);
    if (rc != 0) return Error("read statistics", rc);
    *out = stat.ms_entries;
  }
  return counts;
}

StatusOr<std::optional<std::pair<NodeId, NodeId>>> ReadTxn::NodeIdRange() const {
  Cursor cursor(txn_, store_->dbis_->nodes);
  if (cursor.open_rc() != 0) return Error("open node cursor", cursor.open_rc());
  MDB_val key, value;
  int rc = cursor.Get(key, value, MDB_FIRST);
  if (rc == MDB_NOTFOUND) return std::optional<std::pair<NodeId, NodeId>>();
  if (rc != 0) return Error("read first node", rc);
  if (key.mv_size != 8) return Corruption("node key of wrong size");
  const NodeId first = codec::ReadU64(View(key));
  if ((rc = cursor.Get(key, value, MDB_LAST)) != 0) return Error("read last node", rc);
  if (key.mv_size != 8) return Corruption("node key of wrong size");
  return std::optional(std::pair(first, codec::ReadU64(View(key))));
}

StatusOr<std::uint64_t> ReadTxn::CountNeighbors(NodeId node) const {
  auto key = codec::U64Key(node);
  return CountDuplicates(txn_, store_->dbis_->adj, {key.data(), 8});
}

StatusOr<std::vector<NodeId>> ReadTxn::LookupTerm(std::string_view term, std::size_t limit) const {
  return ReadIdList(txn_, store_->dbis_->terms, term, limit);
}

StatusOr<std::vector<NodeId>> ReadTxn::LookupBlock(std::string_view key, std::size_t limit) const {
  return ReadIdList(txn_, store_->dbis_->blocks, key, limit);
}

StatusOr<std::uint64_t> ReadTxn::CountBlock(std::string_view key) const {
  return CountDuplicates(txn_, store_->dbis_->blocks, lmdb::BoundedKey(std::string(key)));
}

StatusOr<std::optional<std::string>> ReadTxn::GetState(std::string_view key) const {
  SUTRA_ASSIGN_OR_RETURN(
      auto value, lmdb::Get(txn_, store_->dbis_->meta, std::string(lmdb::kStatePrefix) += key));
  if (!value) return std::optional<std::string>();
  return std::optional<std::string>(std::string(*value));
}

Status ReadTxn::ForEachState(
    std::string_view prefix,
    const std::function<bool(std::string_view key, std::string_view value)>& visit) const {
  const std::string full = std::string(lmdb::kStatePrefix) += prefix;
  Cursor cursor(txn_, store_->dbis_->meta);
  if (cursor.open_rc() != 0) return Error("open state cursor", cursor.open_rc());
  MDB_val key = Val(full), value;
  int rc = cursor.Get(key, value, MDB_SET_RANGE);
  for (; rc == 0; rc = cursor.Get(key, value, MDB_NEXT)) {
    const std::string_view k = View(key);
    if (!k.starts_with(full)) return Status::Ok();
    if (!visit(k.substr(lmdb::kStatePrefix.size()), View(value))) return Status::Ok();
  }
  if (rc != MDB_NOTFOUND) return Error("scan state", rc);
  return Status::Ok();
}

Status ReadTxn::ForEachNode(const std::function<bool(const Node&)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->nodes);
  if (cursor.open_rc() != 0) return Error("open node cursor", cursor.open_rc());
  MDB_val key, value;
  int rc;
  while ((rc = cursor.Get(key, value, MDB_NEXT)) == 0) {
    if (key.mv_size != 8) return Corruption("node key of wrong size");
    SUTRA_ASSIGN_OR_RETURN(Node node, codec::DecodeNode(codec::ReadU64(View(key)), View(value)));
    if (!visit(node)) return Status::Ok();
  }
  if (rc != MDB_NOTFOUND) return Error("scan nodes", rc);
  return Status::Ok();
}

Status ReadTxn::ForEachEdge(const std::function<bool(const Edge&)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->edges);
  if (cursor.open_rc() != 0) return Error("open edge cursor", cursor.open_rc());
  MDB_val key, value;
  int rc;
  while ((rc = cursor.Get(key, value, MDB_NEXT)) == 0) {
    if (key.mv_size != 8) return Corruption("edge key of wrong size");
    SUTRA_ASSIGN_OR_RETURN(Edge edge, codec::DecodeEdge(codec::ReadU64(View(key)), View(value)));
    if (!visit(edge)) return Status::Ok();
  }
  if (rc != MDB_NOTFOUND) return Error("scan edges", rc);
  return Status::Ok();
}

Status ReadTxn::ScanNodeTypes(const std::function<void(NodeId, NodeType)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->nodes);
  if (cursor.open_rc() != 0) return Error("open node cursor", cursor.open_rc());
  MDB_val key, value;
  int rc;
  while ((rc = cursor.Get(key, value, MDB_NEXT)) == 0) {
    if (key.mv_size != 8 || value.mv_size < 2) return Corruption("node entry of wrong size");
    auto type = static_cast<std::uint8_t>(View(value)[1]);
    if (type < 1 || type > static_cast<std::uint8_t>(NodeType::kStation)) {
      return Corruption("node " + std::to_string(codec::ReadU64(View(key))) +
                        " has an unknown type");
    }
    visit(codec::ReadU64(View(key)), static_cast<NodeType>(type));
  }
  if (rc != MDB_NOTFOUND) return Error("scan nodes", rc);
  return Status::Ok();
}

std::uint64_t ReadTxn::ViewId() const { return mdb_txn_id(txn_); }

Status ReadTxn::ScanNodeFacts(const std::function<void(NodeId, const NodeFacts&)>& visit) const {
  MDB_stat nodes_stat, facts_stat;
  if (int rc = mdb_stat(txn_, store_->dbis_->nodes, &nodes_stat); rc != 0) {
    return Error("read statistics", rc);
  }
  if (int rc = mdb_stat(txn_, store_->dbis_->node_facts, &facts_stat); rc != 0) {
    return Error("read statistics", rc);
  }
  const bool compact = facts_stat.ms_entries == nodes_stat.ms_entries;
  Cursor cursor(txn_, compact ? store_->dbis_->node_facts : store_->dbis_->nodes);
  if (cursor.open_rc() != 0) return Error("open node cursor", cursor.open_rc());
  std::vector<std::optional<Value>> values(std::size(kNodeFactKeys));
  MDB_val key, value;
  int rc;
  while ((rc = cursor.Get(key, value, MDB_NEXT)) == 0) {
    if (key.mv_size != 8) return Corruption("node entry of wrong size");
    const NodeId id = codec::ReadU64(View(key));
    NodeFacts facts;
    if (compact) {
      if (!codec::DecodeNodeFacts(View(value), &facts)) {
        return Corruption("the facts of node " + std::to_string(id) +
                          " do not decode (run `sutra check`)");
      }
    } else {
      // A database written before the facts were kept: read the few properties they need.
      const std::string_view bytes = View(value);
      if (bytes.size() < 2 || !codec::ReadNodeProperties(bytes, kNodeFactKeys, values)) {
        return Corruption("node " + std::to_string(id) +
                          " does not decode (run `sutra check`, or restore from a backup)");
      }
      Properties props;
      for (std::size_t k = 0; k < values.size(); ++k) {
        if (values[k]) props.emplace(kNodeFactKeys[k], std::move(*values[k]));
      }
      facts = FactsOfNode(static_cast<NodeType>(bytes[1]), props);
    }
    visit(id, facts);
  }
  if (rc != MDB_NOTFOUND) return Error("scan nodes", rc);
  return Status::Ok();
}

Status ReadTxn::ScanAdjacency(
    const std::function<void(NodeId, std::span<const Neighbor>)>& visit) const {
  return ScanAdjacency(0, std::numeric_limits<NodeId>::max(), false, visit);
}

Status ReadTxn::ScanAdjacency(
    NodeId from, NodeId to, bool descending,
    const std::function<void(NodeId, std::span<const Neighbor>)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->adj);
  if (cursor.open_rc() != 0) return Error("open adjacency cursor", cursor.open_rc());
  std::vector<Neighbor> row;
  const auto start = codec::U64Key(descending ? to : from);
  MDB_val key = Val({start.data(), 8}), page;
  // The first row: ascending, the first key >= from; descending, the last key < to.
  int rc = cursor.Get(key, page, MDB_SET_RANGE);
  if (descending) rc = cursor.Get(key, page, rc == 0 ? MDB_PREV_NODUP : MDB_LAST);
  while (rc == 0) {
    if (key.mv_size != 8) return Corruption("adjacency key of wrong size");
    const NodeId node = codec::ReadU64(View(key));
    if (descending ? node < from : node >= to) return Status::Ok();
    // Descending moves land on a key's last entry: go back to its first.
    if (descending && (rc = cursor.Get(key, page, MDB_FIRST_DUP)) != 0) break;
    row.clear();
    rc = cursor.Get(key, page, MDB_GET_MULTIPLE);
    while (rc == 0) {
      const std::size_t count = page.mv_size / codec::kAdjacencySize;
      const char* entries = static_cast<const char*>(page.mv_data);
      const std::size_t first = row.size();
      row.resize(first + count);
      for (std::size_t i = 0; i < count; ++i) {
        if (!codec::DecodeAdjacencyInto(entries + i * codec::kAdjacencySize, &row[first + i])) {
          return BadEntry(node);
        }
      }
      rc = cursor.Get(key, page, MDB_NEXT_MULTIPLE);
    }
    if (rc != MDB_NOTFOUND) break;
    visit(node, row);
    rc = cursor.Get(key, page, descending ? MDB_PREV_NODUP : MDB_NEXT_NODUP);
  }
  if (rc != MDB_NOTFOUND) return Error("scan adjacency", rc);
  return Status::Ok();
}

StatusOr<ReadTxn> ReadTxn::SameView() const {
  MDB_txn* idle = nullptr;
  if (!store_->TryReaderStarted(&idle)) {
    return Unavailable("the writer is waiting to grow the map");
  }
  SUTRA_ASSIGN_OR_RETURN(ReadTxn other, store_->StartRead(idle));
  if (mdb_txn_id(other.txn_) != mdb_txn_id(txn_)) {
    return Unavailable("a write has committed since this view began");
  }
  return other;
}

StatusOr<std::uint64_t> ReadTxn::GraphVersion() const {
  SUTRA_ASSIGN_OR_RETURN(auto bytes, lmdb::Get(txn_, store_->dbis_->meta, lmdb::kGraphVersion));
  if (!bytes) return std::uint64_t{0};
  if (bytes->size() != 8) return Corruption("the graph version counter is damaged");
  return codec::ReadU64(*bytes);
}

StatusOr<std::optional<std::pair<std::uint64_t, std::string>>> ReadTxn::LastAudit() const {
  Cursor cursor(txn_, store_->dbis_->audit);
  if (cursor.open_rc() != 0) return Error("open audit cursor", cursor.open_rc());
  MDB_val key, value;
  int rc = cursor.Get(key, value, MDB_LAST);
  if (rc == MDB_NOTFOUND) return std::optional<std::pair<std::uint64_t, std::string>>();
  if (rc != 0) return Error("read audit", rc);
  if (key.mv_size != 8) return Corruption("audit key of wrong size");
  return std::optional(std::pair(codec::ReadU64(View(key)), std::string(View(value))));
}

Status ReadTxn::ForEachAudit(
    std::uint64_t from, const std::function<bool(std::uint64_t, std::string_view)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->audit);
  if (cursor.open_rc() != 0) return Error("open audit cursor", cursor.open_rc());
  auto start = codec::U64Key(from);
  MDB_val key = Val({start.data(), 8}), value;
  int rc = cursor.Get(key, value, MDB_SET_RANGE);
  while (rc == 0) {
    if (key.mv_size != 8) return Corruption("audit key of wrong size");
    if (!visit(codec::ReadU64(View(key)), View(value))) return Status::Ok();
    rc = cursor.Get(key, value, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return Error("read audit", rc);
  return Status::Ok();
}

}  // namespace sutra::storage
