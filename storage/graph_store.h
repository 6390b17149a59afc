// GraphStore: the crime graph as an LMDB property graph (DESIGN.md, "Storage").
//
// One LMDB environment per database directory, with named sub-databases:
//   nodes       node id (8-byte big-endian) -> encoded node           (value_codec.h)
//   edges       edge id (8-byte big-endian) -> encoded edge with provenance
//   adj         node id -> 24-byte adjacency entries, MDB_DUPSORT|MDB_DUPFIXED, in both
//               directions, so one cursor walk reads a whole neighbourhood in
//               (edge type, direction, neighbour) order and a type filter is one seek
//   node_keys   node type byte + natural key -> node id   (upsert by natural key)
//   edge_keys   16-byte hash of (edge type, from, to, FIR, station, discriminator) -> edge id
//   terms       exact-lookup term ("phone:+919822012345", "fir:...") -> node ids, DUPSORT
//   blocks      entity-resolution blocking key -> person-record ids, DUPSORT
//   node_index  node id -> what names it (tagged natural key, terms, blocking keys), DUPSORT:
//               the reverse index that lets a delete remove every entry of a node
//   audit       sequence number -> audit entry: append-only (no call changes or removes one)
//   meta        schema version, id counters, load batches
//
// Contracts:
// - Ids are assigned from counters in `meta` and never reused, not even after a delete.
// - A WriteTxn belongs to the thread that began it; only one is open at a time per store
//   (LMDB serialises writers). ReadTxns may be used from any thread (MDB_NOTLS) and see one
//   consistent snapshot for their whole life; they never block the writer.
// - Values returned are copies: they stay valid after the transaction ends.
// - A database written by another schema version is refused at Open() with both versions named.
// - A transaction is atomic: after a crash (even SIGKILL mid-write) the database holds every
//   committed transaction and nothing of any other.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model.h"
#include "storage/status.h"

struct MDB_cursor;
struct MDB_env;
struct MDB_txn;

namespace sutra::storage {

inline constexpr std::uint32_t kSchemaVersion = 2;

struct StoreOptions {
  bool create_if_missing = false;
  // Initial size of the memory map. It is a reservation of address space, not of disk: the
  // file grows as data is written. Update() grows the map when a write finds it full.
  std::size_t initial_map_size = std::size_t{1} << 30;
};

struct UpsertResult {
  std::uint64_t id = 0;
  bool created = false;  // false: an element with this natural key existed already
};

// Which adjacency entries a neighbourhood read returns; empty fields match everything.
struct NeighborFilter {
  std::optional<EdgeType> type = std::nullopt;
  std::optional<Direction> direction = std::nullopt;
};

// One element of WriteTxn::UpsertNodes: a node by natural key, with its lookup terms.
struct NodeWrite {
  NodeType type = NodeType::kCase;
  std::string key;
  Properties properties;
  std::vector<std::string> terms;
};

// One element of WriteTxn::UpsertEdges.
struct EdgeWrite {
  EdgeType type = EdgeType::kAccusedIn;
  NodeId from = 0;
  NodeId to = 0;
  Properties properties;
  Provenance provenance;
  std::string discriminator;
};

// Sizes read from LMDB's own statistics, without a scan.
struct EntryCounts {
  std::uint64_t nodes = 0;
  std::uint64_t edges = 0;
  std::uint64_t adjacency = 0;  // entries in both directions: twice the edges
};

// One problem found by ReadTxn::CheckIntegrity.
struct IntegrityProblem {
  std::string area;     // "adjacency", "edges", "edge_keys", "node_keys", "terms", ...
  std::string message;  // what disagrees, naming ids and keys
};

class GraphStore;
class BulkLoad;
struct DeferredIndexes;

// A read-only view of one consistent snapshot. Movable, not copyable; aborts on destruction.
class ReadTxn {
 public:
  ReadTxn(ReadTxn&& other) noexcept;
  ReadTxn& operator=(ReadTxn&& other) noexcept;
  ReadTxn(const ReadTxn&) = delete;
  ReadTxn& operator=(const ReadTxn&) = delete;
  ~ReadTxn();

  StatusOr<std::optional<Node>> GetNode(NodeId id) const;
  StatusOr<std::optional<Edge>> GetEdge(EdgeId id) const;
  // The id the next node created will get: every node created after this view has an id at
  // least this large (ids only grow).
  StatusOr<NodeId> NextNodeId() const;
  // The id of the node of `type` with natural key `key`, if any.
  StatusOr<std::optional<NodeId>> FindNode(NodeType type, std::string_view key) const;

  // Walks `node`'s adjacency with one cursor, in (edge type, direction, neighbour id) order,
  // calling `visit` for each entry that passes `filter` until it returns false. A type filter
  // seeks straight to that type's entries.
  Status ForEachNeighbor(NodeId node, const NeighborFilter& filter,
                         const std::function<bool(const Neighbor&)>& visit) const;
  Status ForEachNeighbor(NodeId node, const std::function<bool(const Neighbor&)>& visit) const {
    return ForEachNeighbor(node, {}, visit);
  }
  StatusOr<std::uint64_t> CountNeighbors(NodeId node) const;
  StatusOr<EntryCounts> CountEntries() const;
  // The smallest and largest node id, or nothing when there are no nodes. With CountEntries it
  // tells whether ids are contiguous (no node deleted), without a scan.
  StatusOr<std::optional<std::pair<NodeId, NodeId>>> NodeIdRange() const;

  // Ids of nodes indexed under `term` (see WriteTxn::AddTerm), in id order, at most `limit`.
  StatusOr<std::vector<NodeId>> LookupTerm(std::string_view term, std::size_t limit) const;
  // Ids of records filed under blocking key `key`, in id order, at most `limit`; and how many
  // records the key holds in all (for a frequency cap on common keys).
  StatusOr<std::vector<NodeId>> LookupBlock(std::string_view key, std::size_t limit) const;
  StatusOr<std::uint64_t> CountBlock(std::string_view key) const;

  // Full scans in id order; stop early when `visit` returns false.
  Status ForEachNode(const std::function<bool(const Node&)>& visit) const;
  Status ForEachEdge(const std::function<bool(const Edge&)>& visit) const;

  // Fast scans for snapshots: node types without decoding properties, and every node's
  // adjacency as one span per node (the span is valid only during the call).
  Status ScanNodeTypes(const std::function<void(NodeId, NodeType)>& visit) const;
  // Every node's facts (NodeFacts: type, protection bits, day), in id order. Reads the compact
  // facts the store keeps beside each node; a database written before they were kept has its
  // facts computed from its nodes' properties instead (slower, the same answer).
  Status ScanNodeFacts(const std::function<void(NodeId, const NodeFacts&)>& visit) const;
  Status ScanAdjacency(const std::function<void(NodeId, std::span<const Neighbor>)>& visit) const;
  // The adjacency rows of nodes with ids in [from, to), in ascending id order, or descending
  // when `descending` (each row's entries stay in their stored order either way).
  Status ScanAdjacency(NodeId from, NodeId to, bool descending,
                       const std::function<void(NodeId, std::span<const Neighbor>)>& visit) const;

  // A second read transaction on exactly this view, for a scan shared between threads (a
  // transaction serves one thread at a time). Unavailable when a write has committed since
  // this view began, or when the writer is waiting to grow the map (which waits for this
  // view to end: waiting for it here would never end); the caller then scans alone.
  StatusOr<ReadTxn> SameView() const;
  // The number of the last write committed before this view began; it grows with every
  // commit, so two views with the same number see the same data.
  std::uint64_t ViewId() const;
  // The number of the last write that changed the graph or its indexes before this view began.
  // Writes of engine state or audit entries alone leave it unchanged, so an in-memory copy of
  // the graph built at one graph version stays exact until it grows. 0 for a new database.
  StatusOr<std::uint64_t> GraphVersion() const;

  // Engine state (entity-resolution model, review queue, decisions...): a small key-value store
  // beside the graph, kept apart from the store's own counters. std::nullopt when absent.
  StatusOr<std::optional<std::string>> GetState(std::string_view key) const;
  // Every state entry whose key starts with `prefix`, in key order, until `visit` returns false.
  Status ForEachState(
      std::string_view prefix,
      const std::function<bool(std::string_view key, std::string_view value)>& visit) const;

  // The last audit entry (sequence number and bytes), or nothing when the log is empty.
  StatusOr<std::optional<std::pair<std::uint64_t, std::string>>> LastAudit() const;
  // Audit entries with sequence number >= `from`, in order, until `visit` returns false.
  Status ForEachAudit(std::uint64_t from,
                      const std::function<bool(std::uint64_t, std::string_view)>& visit) const;

  // Verifies that adjacency, edges and every index agree and reports each disagreement to
  // `report` (integrity_check.cc lists the checks). Returns an error only when the database
  // cannot be read at all.
  Status CheckIntegrity(const std::function<void(const IntegrityProblem&)>& report) const;

  // A 128-bit hash (hex) of the whole content in key order, leaving out only the load batches'
  // timestamps and the graph version (a count of commits), so two databases that hold the same
  // graph, indexes and counters hash equal. kGraphOnly hashes the graph and its indexes alone,
  // leaving out `meta` (counters, the record of load batches) and `audit`: loading the same input
  // again leaves it unchanged.
  enum class HashScope { kEverything, kGraphOnly };
  StatusOr<std::string> ContentHash(HashScope scope = HashScope::kEverything) const;

 private:
  friend class GraphStore;
  friend class WriteTxn;
  ReadTxn(const GraphStore* store, MDB_txn* txn, bool owns_txn)
      : store_(store), txn_(txn), owns_txn_(owns_txn) {}
  // Ends an owned transaction: resets it and hands the handle back to the store for reuse.
  void End();
  const GraphStore* store_;
  MDB_txn* txn_;
  bool owns_txn_;  // false for the reader borrowed by a WriteTxn
};

// The one write transaction of a store. Only reachable inside GraphStore::Update().
class WriteTxn {
 public:
  WriteTxn(const WriteTxn&) = delete;
  WriteTxn& operator=(const WriteTxn&) = delete;

  // Reads see this transaction's own writes.
  const ReadTxn& reader() const { return reader_; }

  // The node of `type` with natural key `key` (a station code, "STATION|FIR", a phone in E.164,
  // a record id...). Created with `properties` when absent; when present, its properties are
  // replaced by `properties` if they differ, so re-loading unchanged input writes nothing.
  StatusOr<UpsertResult> UpsertNode(NodeType type, std::string_view key,
                                    const Properties& properties);

  // The edge of `type` from -> to asserted by `provenance`'s FIR and station (and, where one
  // FIR asserts several such edges, e.g. many calls between two phones, told apart by
  // `discriminator`, e.g. the call's start time); created with `properties` when absent, else
  // its properties are replaced when they differ (the batch of an existing edge is kept).
  // Both endpoints must exist (InvalidArgument otherwise).
  StatusOr<UpsertResult> UpsertEdge(EdgeType type, NodeId from, NodeId to,
                                    const Properties& properties, const Provenance& provenance,
                                    std::string_view discriminator = {});

  // Bulk forms for loaders. The outcome is exactly that of calling UpsertNode (then AddTerm for
  // each term) or UpsertEdge for every element in order, results included; but each index is
  // written in one pass in key order, so LMDB's cursor stays on hot pages instead of
  // descending the tree from the root for every entry. An error leaves the transaction to be
  // aborted (GraphStore::Update does so).
  // Inside a BulkLoad (bulk_load.h) an edge stored by an earlier batch of the load is not
  // seen: it is reported created, and folded into its first occurrence when the load
  // finishes.
  StatusOr<std::vector<UpsertResult>> UpsertNodes(std::span<const NodeWrite> nodes);
  StatusOr<std::vector<UpsertResult>> UpsertEdges(std::span<const EdgeWrite> edges);

  // Removes the edge, both of its adjacency entries and its natural key. False when absent.
  // Deletes are refused (FailedPrecondition) inside a BulkLoad.
  StatusOr<bool> DeleteEdge(EdgeId id);
  // Removes the node with every edge touching it, its natural key, its lookup terms and
  // blocking keys. False when absent. Ids are not reused.
  StatusOr<bool> DeleteNode(NodeId id);

  // Indexes `node` under the exact lookup `term`. Adding the same pair twice is a no-op.
  Status AddTerm(std::string_view term, NodeId node);
  // Files record `node` under entity-resolution blocking key `key`. Idempotent.
  Status AddBlockingKey(std::string_view key, NodeId node);

  // Sets or replaces the engine state entry `key` (see ReadTxn::GetState); keys are at most
  // 400 bytes. DeleteState says whether the entry existed.
  Status PutState(std::string_view key, std::string_view value);
  StatusOr<bool> DeleteState(std::string_view key);

  // Appends an audit entry and returns its sequence number (1, 2, ...). Entries are never
  // changed or removed through this API.
  StatusOr<std::uint64_t> AppendAudit(std::string_view entry);
  // The sequence number the next AppendAudit in this transaction will return, for an entry
  // that names its own position (a hash chain).
  StatusOr<std::uint64_t> NextAuditSequence();

  // Records a new load batch with a description ("csv bundle datasets/sample") and returns its
  // number, for edge provenance.
  StatusOr<std::uint64_t> NewBatch(std::string_view description);

 private:
  friend class GraphStore;
  friend class BulkLoad;
  WriteTxn(const GraphStore* store, MDB_txn* txn, DeferredIndexes* deferred)
      : store_(store), txn_(txn), reader_(store, txn, /*owns_txn=*/false), deferred_(deferred) {}
  ~WriteTxn() = default;  // GraphStore::Update commits or aborts txn_
  // Id counters are read once per transaction and written back by FlushCounters() just before
  // the commit, instead of one read and one write of `meta` per id.
  StatusOr<std::uint64_t> NextId(std::string_view counter);
  // The cached next value of `counter`, read from `meta` on first use. Stable while this
  // transaction lives (counters_ is a deque).
  StatusOr<std::uint64_t*> Counter(std::string_view counter);
  Status FlushCounters();
  // Records that `dbi` was written: a write to anything but `meta` and `audit` changes the
  // graph, and FlushCounters then advances the graph version (ReadTxn::GraphVersion).
  void NoteWrite(unsigned dbi);
  // mdb_put that records MDB_MAP_FULL so that Update() can grow the map and retry.
  // `*existed` (when given) reports MDB_KEYEXIST instead of failing.
  Status Put(unsigned dbi, std::string_view key, std::string_view value, unsigned flags,
             bool* existed = nullptr);
  // mdb_del of one key (value empty) or one duplicate; absent entries are not an error.
  Status Del(unsigned dbi, std::string_view key, std::string_view value = {});
  // mdb_cursor_put with the same MDB_MAP_FULL bookkeeping as Put().
  Status CursorPut(MDB_cursor* cursor, std::string_view key, std::string_view value, unsigned flags,
                   bool* existed = nullptr);
  // Adds (term, node) pairs to `terms` in key order, and the reverse entries of those that
  // were new to `node_index`.
  Status AddTermsSorted(std::vector<std::pair<std::string, NodeId>> terms);
  // Adds an entry of a node's reverse index (see node_index above).
  Status IndexNode(NodeId node, char tag, std::string_view text);
  Status NodeExists(NodeId id, EdgeType type);
  // InvalidArgument naming the first edge whose endpoint does not exist.
  Status CheckEndpoints(std::span<const EdgeWrite> edges);
  // UpsertEdges inside a BulkLoad: edge records appended now, adjacency and edge keys deferred.
  StatusOr<std::vector<UpsertResult>> DeferEdges(std::span<const EdgeWrite> edges);
  Status RefuseInBulkLoad(std::string_view operation) const;

  const GraphStore* store_;
  MDB_txn* txn_;
  ReadTxn reader_;  // borrows txn_; never aborts it
  bool map_full_ = false;
  bool graph_written_ = false;                                       // see NoteWrite
  std::deque<std::pair<std::string_view, std::uint64_t>> counters_;  // next value of each
  // Set inside a BulkLoad: the indexes written at its end rather than now (bulk_load.h).
  DeferredIndexes* deferred_ = nullptr;
};

class GraphStore {
 public:
  // Opens (or, with create_if_missing, creates) the database in directory `dir`.
  // NotFound when `dir` holds no database and create_if_missing is false;
  // FailedPrecondition when the database has another schema version.
  static StatusOr<std::unique_ptr<GraphStore>> Open(const std::filesystem::path& dir,
                                                    const StoreOptions& options);
  ~GraphStore();
  GraphStore(const GraphStore&) = delete;
  GraphStore& operator=(const GraphStore&) = delete;

  StatusOr<ReadTxn> BeginRead() const;
  // The number of the last write committed to the database by any process: what
  // ReadTxn::ViewId() of a view begun now reports. Cheap (a reused read transaction, about a
  // microsecond), for deciding whether a snapshot built from an earlier view is stale.
  StatusOr<std::uint64_t> LastCommitId() const;

  // Runs `body` in one write transaction and commits it when `body` returns OK; any error
  // aborts the whole transaction, so nothing of it is stored. When the memory map fills up,
  // the transaction is aborted, the map doubled and `body` run again from the start: `body`
  // must reset any state it captures before it writes.
  // Refused (FailedPrecondition) while a BulkLoad of this store runs; it writes through
  // BulkLoad::Update instead.
  // Growing the map needs a moment with no read transaction open in this process: Update()
  // waits for open ReadTxns of this store to end before it grows the map.
  // kDeferred commits without waiting for the disk: the write is visible to every reader and
  // survives a crash of this process at once (the map is shared with the kernel), but a crash
  // of the machine may lose it until the next Sync() or synced commit. For the audit log's
  // one-entry writes, whose cost is otherwise the disk's flush.
  enum class Durability { kSynced, kDeferred };
  Status Update(const std::function<Status(WriteTxn&)>& body,
                Durability durability = Durability::kSynced);
  // Flushes every commit made so far to the disk.
  Status Sync() const;
  // GraphVersion() of a view begun now (cheap, like LastCommitId).
  StatusOr<std::uint64_t> LastGraphVersion() const;

  // Writes a consistent, compacted copy of the database into `out_dir` (which must not exist
  // or be empty) while readers and a writer go on using this one.
  Status Backup(const std::filesystem::path& out_dir) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  friend class ReadTxn;
  friend class WriteTxn;
  friend class BulkLoad;
  struct Dbis;
  GraphStore(std::filesystem::path dir, MDB_env* env, std::unique_ptr<Dbis> dbis,
             std::size_t map_size);

  // Lets the writer grow the map at a moment when no read transaction is open (LMDB's rule
  // for mdb_env_set_mapsize): readers register here; growth waits for them and holds new ones.
  // ReaderStarted returns an idle transaction to renew, or nullptr; ReaderEnded takes back
  // the reset transaction of a ReadTxn that ended (nullptr when it was aborted instead).
  MDB_txn* ReaderStarted() const;
  // As ReaderStarted, but instead of waiting while the map grows returns false.
  bool TryReaderStarted(MDB_txn** idle) const;
  // Counts a reader in and takes an idle transaction if there is one; readers_mutex_ held.
  MDB_txn* RegisterReader() const;
  // A read transaction, renewing `idle` when there is one; the reader is registered already.
  StatusOr<ReadTxn> StartRead(MDB_txn* idle) const;
  void ReaderEnded(MDB_txn* reset_txn) const;
  Status GrowMap();
  // Fills the node facts of a database written before they were kept (once, on open).
  Status BackfillNodeFacts();
  // Update() with the write transaction's deferred indexes (nullptr outside a BulkLoad); they
  // follow the transaction: kept when it commits, forgotten when it aborts.
  Status RunWrite(DeferredIndexes* deferred, const std::function<Status(WriteTxn&)>& body,
                  Durability durability = Durability::kSynced);

  std::filesystem::path dir_;
  MDB_env* env_;
  std::unique_ptr<Dbis> dbis_;
  std::size_t map_size_;
  bool bulk_load_running_ = false;  // set by BulkLoad: plain Update() is refused meanwhile
  // Held for a whole write in this process, so that a deferred commit's MDB_NOSYNC (an
  // environment flag) never applies to another thread's commit. LMDB serialises writers anyway.
  std::mutex write_mutex_;
  mutable std::mutex readers_mutex_;
  mutable std::condition_variable readers_changed_;
  mutable std::size_t open_readers_ = 0;  // guarded by readers_mutex_
  bool growing_ = false;                  // guarded by readers_mutex_
  // Ended read transactions kept reset (mdb_txn_reset) for reuse: renewing one skips the
  // allocation and the reader-table lock of a fresh mdb_txn_begin. Guarded by readers_mutex_.
  mutable std::vector<MDB_txn*> idle_readers_;
};

}  // namespace sutra::storage
