// BulkLoad: deferred indexes written in key order at the end (bulk_load.h).
#include "storage/bulk_load.h"

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <system_error>
#include <thread>

#include "storage/bounded_queue.h"
#include "storage/deferred_indexes.h"
#include "storage/lmdb_util.h"
#include "storage/value_codec.h"

namespace sutra::storage {
namespace {

using lmdb::Error;
using lmdb::IdView;

// Pairs written per transaction when the deferred indexes are appended: large enough that
// commits are rare, small enough that a transaction's dirty pages stay well inside LMDB's
// per-transaction limit.
constexpr std::size_t kAppendChunkPairs = 500000;

}  // namespace

// A repeated assertion of an edge: `repeat` was created for the same edge key as `kept`.
struct BulkLoad::Repeat {
  EdgeId kept, repeat;
  auto operator<=>(const Repeat&) const = default;
};

BulkLoad::BulkLoad(GraphStore& store, std::unique_ptr<DeferredIndexes> deferred,
                   std::filesystem::path spill_dir)
    : store_(store), deferred_(std::move(deferred)), spill_dir_(std::move(spill_dir)) {}

BulkLoad::~BulkLoad() {
  if (!finished_) mdb_env_set_flags(store_.env_, MDB_NOSYNC, 0);
  if (!finished_) store_.bulk_load_running_ = false;
  deferred_.reset();  // removes the sorters' run files
  std::error_code ec;
  std::filesystem::remove_all(spill_dir_, ec);
}

StatusOr<std::unique_ptr<BulkLoad>> BulkLoad::Begin(GraphStore& store, std::string_view description,
                                                    const BulkLoadOptions& options) {
  if (store.bulk_load_running_) return FailedPrecondition("a bulk load is already running");
  const GraphStore::Dbis& d = *store.dbis_;
  SUTRA_RETURN_IF_ERROR(store.Update([&](WriteTxn& w) -> Status {
    for (MDB_dbi dbi : {d.nodes, d.edges, d.adj, d.node_keys, d.edge_keys, d.terms, d.node_index,
                        d.blocks, d.node_facts}) {
      MDB_stat stat;
      if (int rc = mdb_stat(w.txn_, dbi, &stat); rc != 0) return Error("read statistics", rc);
      if (stat.ms_entries != 0) {
        return FailedPrecondition("a bulk load needs an empty database, and '" +
                                  store.dir().string() +
                                  "' already holds data: load into a new directory, or load "
                                  "into this one with batched upserts");
      }
    }
    return w.Put(d.meta, lmdb::kBulkLoadKey, description, 0);
  }));
  std::filesystem::path spill_dir = (options.spill_dir.empty() ? store.dir() : options.spill_dir) /
                                    ("bulk-sort-" + std::to_string(::getpid()));
  auto deferred = std::make_unique<DeferredIndexes>(spill_dir, options.sort_budget_bytes);
  // The load is all or nothing as a whole (the mark above is durable): its own transactions
  // need not reach the disk one by one. Finish() syncs everything before removing the mark.
  if (int rc = mdb_env_set_flags(store.env_, MDB_NOSYNC, 1); rc != 0) {
    return Error("configure the bulk load", rc);
  }
  store.bulk_load_running_ = true;
  return std::unique_ptr<BulkLoad>(new BulkLoad(store, std::move(deferred), spill_dir));
}

Status BulkLoad::Update(const std::function<Status(WriteTxn&)>& body) {
  if (finished_) return FailedPrecondition("the bulk load has finished; use GraphStore::Update");
  return store_.RunWrite(deferred_.get(), body);
}

namespace {

// Sorted pairs on their way from the merging thread to the writing one, back to back.
struct Chunk {
  std::string bytes;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sizes;  // (key, value) sizes
};

}  // namespace

Status BulkLoad::AppendSorted(unsigned dbi, bool dupsort, ExternalSorter& sorter,
                              const std::function<bool(std::string_view, std::string_view)>& skip) {
  // Two chunks at most wait: the merge of the next overlaps the writing of the last.
  BoundedQueue<Chunk> queue(2);
  Status merge_status;
  std::thread merger([&] {
    Chunk chunk;
    merge_status = sorter.Merge([&](std::string_view key, std::string_view value) -> Status {
      if (skip && skip(key, value)) return Status::Ok();
      chunk.bytes.append(key);
      chunk.bytes.append(value);
      chunk.sizes.emplace_back(key.size(), value.size());
      if (chunk.sizes.size() < kAppendChunkPairs) return Status::Ok();
      if (!queue.Push(std::move(chunk))) return Internal("the bulk load's writer stopped");
      chunk = {};
      return Status::Ok();
    });
    if (merge_status.ok() && !chunk.sizes.empty()) queue.Push(std::move(chunk));
    queue.Close();
  });
  std::string last_key;  // of the previous chunk: a key's duplicates may span two chunks
  bool any = false;
  Status write_status;
  while (std::optional<Chunk> chunk = queue.Pop()) {
    write_status = store_.RunWrite(nullptr, [&](WriteTxn& w) -> Status {
      lmdb::Cursor cursor(w.txn_, dbi);
      if (cursor.open_rc() != 0) return Error("open cursor", cursor.open_rc());
      std::string_view previous = last_key;
      bool have_previous = any;
      std::size_t pos = 0;
      for (const auto& [key_size, value_size] : chunk->sizes) {
        const std::string_view key(chunk->bytes.data() + pos, key_size);
        const std::string_view value(chunk->bytes.data() + pos + key_size, value_size);
        pos += key_size + value_size;
        // MDB_APPEND for a key past the last one; the next duplicates of a key are appended
        // to it with MDB_APPENDDUP (MDB_APPEND would refuse a key equal to the last).
        const bool same_key = have_previous && key == previous;
        const unsigned flags =
            same_key ? MDB_APPENDDUP : (dupsort ? MDB_APPEND | MDB_APPENDDUP : MDB_APPEND);
        SUTRA_RETURN_IF_ERROR(w.CursorPut(cursor.get(), key, value, flags));
        previous = key;
        have_previous = true;
      }
      return Status::Ok();
    });
    if (!write_status.ok()) {
      queue.Stop();
      break;
    }
    const std::size_t last_size = chunk->sizes.back().first + chunk->sizes.back().second;
    last_key.assign(chunk->bytes.data() + chunk->bytes.size() - last_size,
                    chunk->sizes.back().first);
    any = true;
  }
  merger.join();
  SUTRA_RETURN_IF_ERROR(write_status);
  return merge_status;
}

Status BulkLoad::FoldRepeats(const std::vector<Repeat>& repeats) {
  if (repeats.empty()) return Status::Ok();
  return store_.RunWrite(nullptr, [&](WriteTxn& w) -> Status {
    const MDB_dbi edges = store_.dbis_->edges;
    for (std::size_t i = 0; i < repeats.size();) {
      std::size_t j = i;
      while (j < repeats.size() && repeats[j].kept == repeats[i].kept) ++j;
      // Upsert semantics: the first occurrence keeps its id and batch, the last one's
      // properties win.
      const EdgeId kept = repeats[i].kept, last = repeats[j - 1].repeat;
      const auto kept_key = codec::U64Key(kept), last_key = codec::U64Key(last);
      SUTRA_ASSIGN_OR_RETURN(auto kept_bytes, lmdb::Get(w.txn_, edges, IdView(kept_key)));
      SUTRA_ASSIGN_OR_RETURN(auto last_bytes, lmdb::Get(w.txn_, edges, IdView(last_key)));
      if (!kept_bytes || !last_bytes) return Corruption("a repeated edge's record is missing");
      std::string discriminator;
      SUTRA_ASSIGN_OR_RETURN(Edge edge, codec::DecodeEdge(kept, *kept_bytes, &discriminator));
      SUTRA_ASSIGN_OR_RETURN(Edge latest, codec::DecodeEdge(last, *last_bytes));
      if (latest.properties != edge.properties) {
        edge.properties = std::move(latest.properties);
        SUTRA_RETURN_IF_ERROR(
            w.Put(edges, IdView(kept_key), codec::EncodeEdge(edge, discriminator), 0));
      }
      for (std::size_t k = i; k < j; ++k) {
        SUTRA_RETURN_IF_ERROR(w.Del(edges, IdView(codec::U64Key(repeats[k].repeat))));
      }
      i = j;
    }
    return Status::Ok();
  });
}

StatusOr<BulkLoadSummary> BulkLoad::Finish() {
  if (finished_) return FailedPrecondition("the bulk load has finished already");
  const GraphStore::Dbis& d = *store_.dbis_;
  DeferredIndexes& deferred = *deferred_;
  // Edge keys first: equal keys are one edge asserted again; the smallest id (the first
  // occurrence) stays, the others are folded into it.
  std::vector<Repeat> repeats;
  std::string previous_key;
  EdgeId kept = 0;
  SUTRA_RETURN_IF_ERROR(AppendSorted(d.edge_keys, false, deferred.edge_keys,
                                     [&](std::string_view key, std::string_view value) {
                                       const EdgeId id = codec::ReadU64(value);
                                       if (kept != 0 && key == previous_key) {
                                         repeats.push_back({kept, id});
                                         return true;
                                       }
                                       previous_key.assign(key);
                                       kept = id;
                                       return false;
                                     }));
  std::sort(repeats.begin(), repeats.end());
  SUTRA_RETURN_IF_ERROR(FoldRepeats(repeats));
  std::vector<EdgeId> dropped;
  for (const Repeat& r : repeats) dropped.push_back(r.repeat);
  std::sort(dropped.begin(), dropped.end());
  SUTRA_RETURN_IF_ERROR(
      AppendSorted(d.adj, true, deferred.adj, [&](std::string_view, std::string_view entry) {
        return !dropped.empty() && std::binary_search(dropped.begin(), dropped.end(),
                                                      codec::ReadU64(entry.substr(16, 8)));
      }));
  SUTRA_RETURN_IF_ERROR(AppendSorted(d.terms, true, deferred.terms, nullptr));
  SUTRA_RETURN_IF_ERROR(AppendSorted(d.blocks, true, deferred.blocks, nullptr));
  SUTRA_RETURN_IF_ERROR(AppendSorted(d.node_index, true, deferred.node_index, nullptr));
  // Everything written so far reaches the disk before the mark goes, durably.
  if (int rc = mdb_env_sync(store_.env_, 1); rc != 0) return Error("sync the bulk load", rc);
  if (int rc = mdb_env_set_flags(store_.env_, MDB_NOSYNC, 0); rc != 0) {
    return Error("end the bulk load", rc);
  }
  SUTRA_RETURN_IF_ERROR(
      store_.RunWrite(nullptr, [&](WriteTxn& w) { return w.Del(d.meta, lmdb::kBulkLoadKey); }));
  finished_ = true;
  store_.bulk_load_running_ = false;
  deferred_.reset();  // removes the run files
  std::error_code ec;
  std::filesystem::remove_all(spill_dir_, ec);
  return BulkLoadSummary{repeats.size()};
}

}  // namespace sutra::storage
