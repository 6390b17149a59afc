// GraphStore: the crime graph as an LMDB property graph (DESIGN.md, "Storage").
//
// One LMDB environment per database directory, with named sub-databases:
//   nodes      node id (8-byte big-endian) -> encoded node          (value_codec.h)
//   edges      edge id (8-byte big-endian) -> encoded edge
//   adj        node id -> 24-byte adjacency entries, MDB_DUPSORT|MDB_DUPFIXED, so one cursor
//              walk reads a whole neighbourhood in (edge type, direction, neighbour) order
//   node_keys  node type byte + natural key -> node id   (upsert by natural key)
//   edge_keys  edge type, from, to, FIR, station -> edge id (re-loading an FIR adds nothing)
//   terms      lookup term ("phone:+919822012345") -> node ids, MDB_DUPSORT (exact search)
//   meta       schema version, id counters, load batches
//
// Contracts:
// - Ids are assigned from counters in `meta` and never reused.
// - A WriteTxn belongs to the thread that began it; only one is open at a time per store
//   (LMDB serialises writers). ReadTxns may be used from any thread (MDB_NOTLS) and see one
//   consistent snapshot for their whole life; they never block the writer.
// - Values returned are copies: they stay valid after the transaction ends.
// - A database written by another schema version is refused at Open() with both versions named.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model.h"
#include "storage/status.h"

struct MDB_env;
struct MDB_txn;

namespace sutra::storage {

inline constexpr std::uint32_t kSchemaVersion = 1;

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

class GraphStore;

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
  // The id of the node of `type` with natural key `key`, if any.
  StatusOr<std::optional<NodeId>> FindNode(NodeType type, std::string_view key) const;

  // Walks `node`'s adjacency with one cursor, in (edge type, direction, neighbour id) order,
  // calling `visit` for each entry until it returns false.
  Status ForEachNeighbor(NodeId node, const std::function<bool(const Neighbor&)>& visit) const;
  StatusOr<std::uint64_t> CountNeighbors(NodeId node) const;

  // Ids of nodes indexed under `term` (see WriteTxn::AddTerm), in id order, at most `limit`.
  StatusOr<std::vector<NodeId>> LookupTerm(std::string_view term, std::size_t limit) const;

  // Full scans in id order; stop early when `visit` returns false.
  Status ForEachNode(const std::function<bool(const Node&)>& visit) const;
  Status ForEachEdge(const std::function<bool(const Edge&)>& visit) const;

 private:
  friend class GraphStore;
  friend class WriteTxn;
  ReadTxn(const GraphStore* store, MDB_txn* txn, bool owns_txn)
      : store_(store), txn_(txn), owns_txn_(owns_txn) {}
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

  // Indexes `node` under the exact lookup `term`. Adding the same pair twice is a no-op.
  Status AddTerm(std::string_view term, NodeId node);

  // Records a new load batch with a description ("csv bundle datasets/sample") and returns its
  // number, for edge provenance.
  StatusOr<std::uint64_t> NewBatch(std::string_view description);

 private:
  friend class GraphStore;
  WriteTxn(const GraphStore* store, MDB_txn* txn)
      : store_(store), txn_(txn), reader_(store, txn, /*owns_txn=*/false) {}
  ~WriteTxn() = default;  // GraphStore::Update commits or aborts txn_
  StatusOr<std::uint64_t> NextId(std::string_view counter);
  // mdb_put that records MDB_MAP_FULL so that Update() can grow the map and retry.
  Status Put(unsigned dbi, std::string_view key, std::string_view value, unsigned flags,
             bool* existed = nullptr);

  const GraphStore* store_;
  MDB_txn* txn_;
  ReadTxn reader_;  // borrows txn_; never aborts it
  bool map_full_ = false;
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

  // Runs `body` in one write transaction and commits it when `body` returns OK; any error
  // aborts the whole transaction, so nothing of it is stored. When the memory map fills up,
  // the transaction is aborted, the map doubled and `body` run again from the start: `body`
  // must reset any state it captures before it writes.
  Status Update(const std::function<Status(WriteTxn&)>& body);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  friend class ReadTxn;
  friend class WriteTxn;
  struct Dbis;
  GraphStore(std::filesystem::path dir, MDB_env* env, std::unique_ptr<Dbis> dbis,
             std::size_t map_size);

  std::filesystem::path dir_;
  MDB_env* env_;
  std::unique_ptr<Dbis> dbis_;
  std::size_t map_size_;
};

}  // namespace sutra::storage
