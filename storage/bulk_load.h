// BulkLoad: the fast path for the first, large load into an empty database.
//
// Batched upserts (WriteTxn::UpsertNodes/UpsertEdges) insert every adjacency entry, edge key
// and term into a B-tree at a random place, and LMDB copies each page it changes once per
// transaction: with random edges nearly every page of `adj` is copied in every batch. A bulk
// load instead appends node and edge records (their ids only grow), writes natural keys as
// usual (loaders look nodes up by them while loading), and sorts the other indexes' entries
// outside the tree (ExternalSorter, spilling to disk). Finish() merges them and writes each
// index in key order with MDB_APPEND, every page once.
//
// Contracts:
// - Only into an empty database (no node, no edge); FailedPrecondition otherwise.
// - Writes go through BulkLoad::Update, one write transaction per call, with the same
//   WriteTxn API; GraphStore::Update is refused until Finish(). Deletes are refused.
// - Until Finish() returns, adjacency, edge keys, terms, blocking keys and node reverse index
//   are not in the database; node records, natural keys and edge records are.
// - The database is marked as holding a running bulk load from Begin() until Finish(): if the
//   process dies (or Finish() fails), GraphStore::Open refuses it and says to load again.
//   Nothing else is lost: the database was empty.
// - The result equals the batched upserts of the same input (same content hash) except when
//   the input asserts the same edge more than once: the repeats are folded into the first
//   occurrence (its id, the last occurrence's properties, as upserts do), but the ids they
//   took stay unused, so the edge id counter differs.
// - Memory: the sorters' arenas (about `sort_budget_bytes` in all, plus one batch) and a list
//   of repeated edges; independent of the input's size. Disk: the sorted runs, about the size
//   of the indexes, in `spill_dir`, removed at the end.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::storage {

struct DeferredIndexes;

struct BulkLoadOptions {
  // Where sorted runs go; empty: a "bulk-sort" directory inside the database directory.
  std::filesystem::path spill_dir = {};
  std::size_t sort_budget_bytes = std::size_t{128} << 20;
};

struct BulkLoadSummary {
  std::uint64_t repeated_edges = 0;  // edge assertions folded into an earlier identical edge
};

class BulkLoad {
 public:
  // Marks `store` (which must outlive this object) as bulk loading. `description` is kept in
  // the mark, for the message of an interrupted load.
  static StatusOr<std::unique_ptr<BulkLoad>> Begin(GraphStore& store, std::string_view description,
                                                   const BulkLoadOptions& options = {});
  // Without Finish(), leaves the database marked unfinished (see above).
  ~BulkLoad();
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;

  // GraphStore::Update for the load's writes.
  Status Update(const std::function<Status(WriteTxn&)>& body);

  // Writes the deferred indexes, folds repeated edges and removes the mark. Call once.
  StatusOr<BulkLoadSummary> Finish();

 private:
  BulkLoad(GraphStore& store, std::unique_ptr<DeferredIndexes> deferred,
           std::filesystem::path spill_dir);
  struct Repeat;
  // Writes a sorter's pairs into `dbi` with MDB_APPEND, in transactions of bounded size,
  // leaving out pairs `skip` rejects; `dupsort` for sub-databases with sorted duplicates.
  Status AppendSorted(unsigned dbi, bool dupsort, class ExternalSorter& sorter,
                      const std::function<bool(std::string_view, std::string_view)>& skip);
  // Gives each first occurrence of a repeated edge its last occurrence's properties and
  // removes the repeats' records.
  Status FoldRepeats(const std::vector<Repeat>& repeats);

  GraphStore& store_;
  std::unique_ptr<DeferredIndexes> deferred_;
  std::filesystem::path spill_dir_;
  bool finished_ = false;
};

}  // namespace sutra::storage
