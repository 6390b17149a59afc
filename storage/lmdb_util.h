// Internal to storage/: the LMDB handles of a GraphStore and small helpers around the C API.
// Only storage's .cc files include this header (it includes <lmdb.h>).
#pragma once

#include <lmdb.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::storage {

// The named sub-databases (layout: graph_store.h).
struct GraphStore::Dbis {
  MDB_dbi nodes = 0;
  MDB_dbi edges = 0;
  MDB_dbi adj = 0;
  MDB_dbi node_keys = 0;
  MDB_dbi edge_keys = 0;
  MDB_dbi terms = 0;
  MDB_dbi node_index = 0;
  MDB_dbi blocks = 0;
  MDB_dbi node_facts = 0;  // node id -> NodeFacts, beside every node (derived; see model.h)
  MDB_dbi audit = 0;
  MDB_dbi meta = 0;
};

namespace lmdb {

// Tags of the entries in `node_index`, the reverse index from a node to what names it.
inline constexpr char kNaturalKeyTag = 'K';
inline constexpr char kTermTag = 'T';
inline constexpr char kBlockTag = 'B';

inline constexpr std::string_view kNextNodeId = "next_node_id";
inline constexpr std::string_view kNextEdgeId = "next_edge_id";
inline constexpr std::string_view kNextBatch = "next_batch";
inline constexpr std::string_view kNextAudit = "next_audit";
// Grows with every commit that changed the graph or its indexes (not `meta` or `audit` alone).
inline constexpr std::string_view kGraphVersion = "graph_version";
inline constexpr std::string_view kSchemaKey = "schema_version";
inline constexpr std::string_view kBatchPrefix = "batch/";
// Engine state entries (ReadTxn::GetState) live in `meta` under this prefix.
inline constexpr std::string_view kStatePrefix = "state/";
// Present while a bulk load runs (bulk_load.h); a database holding it is incomplete.
inline constexpr std::string_view kBulkLoadKey = "bulk_load_running";

Status Error(std::string_view operation, int rc);

inline MDB_val Val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}
// An id key (codec::U64Key) as bytes; valid as long as `bytes` is.
inline std::string_view IdView(const std::array<char, 8>& bytes) { return {bytes.data(), 8}; }
inline std::string_view View(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

// mdb_get: std::nullopt when absent. The view is valid until the transaction writes or ends.
StatusOr<std::optional<std::string_view>> Get(MDB_txn* txn, MDB_dbi dbi, std::string_view key);

// Keys longer than LMDB's limit (511 bytes) keep a readable prefix and end in a stable 64-bit
// hash of the whole text, so they stay unique in practice and never fail.
std::string BoundedKey(std::string key);
// node_keys key: node type byte + natural key.
std::string NodeKey(NodeType type, std::string_view key);
// edge_keys key: a 16-byte hash of type, endpoints, the asserting FIR and station, and the
// discriminator.
std::string EdgeKey(EdgeType type, NodeId from, NodeId to, const Provenance& provenance,
                    std::string_view discriminator);

// A cursor closed on scope exit. open_rc() is the result of mdb_cursor_open.
class Cursor {
 public:
  Cursor(MDB_txn* txn, MDB_dbi dbi) { rc_ = mdb_cursor_open(txn, dbi, &cursor_); }
  ~Cursor() {
    if (rc_ == 0) mdb_cursor_close(cursor_);
  }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  int open_rc() const { return rc_; }
  MDB_cursor* get() const { return cursor_; }
  // mdb_cursor_get with the key and value passed in and out.
  int Get(MDB_val& key, MDB_val& value, MDB_cursor_op op) {
    return mdb_cursor_get(cursor_, &key, &value, op);
  }

 private:
  MDB_cursor* cursor_ = nullptr;
  int rc_;
};

}  // namespace lmdb
}  // namespace sutra::storage
