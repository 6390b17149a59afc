// GraphStore: opening the environment, transactions, map growth and hot backups.
#include "storage/graph_store.h"

#include <algorithm>
#include <cstring>
#include <system_error>

#include "storage/deferred_indexes.h"
#include "storage/lmdb_util.h"
#include "storage/value_codec.h"

namespace sutra::storage {
namespace {

using lmdb::Error;
using lmdb::Val;
using lmdb::View;

// Comparators for the id-keyed sub-databases and the adjacency entries. Keys and entries are
// big-endian integers, so comparing them word by word as integers gives exactly memcmp's order
// (LMDB's default): the files stay readable and writable by LMDB's own tools, while the hot
// comparisons of a load skip the byte loop.
std::uint64_t LoadBigEndian(const void* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}

int CompareBytes(const MDB_val* a, const MDB_val* b) {
  const std::size_t n = std::min(a->mv_size, b->mv_size);
  if (int c = std::memcmp(a->mv_data, b->mv_data, n); c != 0) return c;
  return a->mv_size < b->mv_size ? -1 : a->mv_size > b->mv_size ? 1 : 0;
}

int CompareWords(const MDB_val* a, const MDB_val* b) {
  if (a->mv_size != b->mv_size || a->mv_size % 8 != 0) return CompareBytes(a, b);
  const char* x = static_cast<const char*>(a->mv_data);
  const char* y = static_cast<const char*>(b->mv_data);
  for (std::size_t off = 0; off < a->mv_size; off += 8) {
    const std::uint64_t u = LoadBigEndian(x + off), v = LoadBigEndian(y + off);
    if (u != v) return u < v ? -1 : 1;
  }
  return 0;
}

}  // namespace

GraphStore::GraphStore(std::filesystem::path dir, MDB_env* env, std::unique_ptr<Dbis> dbis,
                       std::size_t map_size)
    : dir_(std::move(dir)), env_(env), dbis_(std::move(dbis)), map_size_(map_size) {}

GraphStore::~GraphStore() {
  for (MDB_txn* txn : idle_readers_) mdb_txn_abort(txn);
  mdb_env_close(env_);
}

StatusOr<std::unique_ptr<GraphStore>> GraphStore::Open(const std::filesystem::path& dir,
                                                       const StoreOptions& options) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(dir / "data.mdb", ec);
  if (!exists && !options.create_if_missing) {
    return NotFound("no Sutra database in '" + dir.string() +
                    "' (load one first with `sutra ingest --db " + dir.string() + " ...`)");
  }
  if (!exists) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return IoError("cannot create '" + dir.string() + "': " + ec.message());
  }
  MDB_env* env = nullptr;
  int rc = mdb_env_create(&env);
  if (rc != 0) return Error("create LMDB environment", rc);
  std::unique_ptr<MDB_env, decltype(&mdb_env_close)> env_guard(env, &mdb_env_close);
  if ((rc = mdb_env_set_maxdbs(env, 16)) != 0) return Error("configure LMDB", rc);
  if ((rc = mdb_env_set_mapsize(env, options.initial_map_size)) != 0) {
    return Error("set map size", rc);
  }
  if ((rc = mdb_env_open(env, dir.c_str(), MDB_NOTLS | MDB_WRITEMAP, 0664)) != 0) {
    return Error("open database '" + dir.string() + "'", rc);
  }
  MDB_envinfo info;
  mdb_env_info(env, &info);

  auto dbis = std::make_unique<Dbis>();
  struct SubDatabase {
    const char* name;
    MDB_dbi Dbis::*dbi;
    unsigned flags;
  };
  static constexpr SubDatabase kSubDatabases[] = {
      {"nodes", &Dbis::nodes, 0},
      {"edges", &Dbis::edges, 0},
      {"adj", &Dbis::adj, MDB_DUPSORT | MDB_DUPFIXED},
      {"node_keys", &Dbis::node_keys, 0},
      {"edge_keys", &Dbis::edge_keys, 0},
      {"terms", &Dbis::terms, MDB_DUPSORT | MDB_DUPFIXED},
      {"node_index", &Dbis::node_index, MDB_DUPSORT},
      {"blocks", &Dbis::blocks, MDB_DUPSORT | MDB_DUPFIXED},
      {"node_facts", &Dbis::node_facts, 0},
      {"audit", &Dbis::audit, 0},
      {"meta", &Dbis::meta, 0},
  };
  MDB_txn* txn = nullptr;
  if ((rc = mdb_txn_begin(env, nullptr, 0, &txn)) != 0) return Error("begin", rc);
  std::unique_ptr<MDB_txn, decltype(&mdb_txn_abort)> txn_guard(txn, &mdb_txn_abort);
  // The schema version is read before any sub-database is created, so that a database of
  // another version is refused untouched.
  MDB_dbi meta;
  rc = mdb_dbi_open(txn, "meta", 0, &meta);
  if (rc == 0) {
    MDB_val key = Val(lmdb::kSchemaKey), value;
    rc = mdb_get(txn, meta, &key, &value);
    std::uint64_t found = (rc == 0 && value.mv_size == 8) ? codec::ReadU64(View(value)) : 0;
    if (found != kSchemaVersion) {
      return FailedPrecondition("database '" + dir.string() + "' has schema version " +
                                std::to_string(found) + "; this sutra reads schema version " +
                                std::to_string(kSchemaVersion) +
                                ". Use the sutra release that wrote it, or load the data again "
                                "into a new database.");
    }
    key = Val(lmdb::kBulkLoadKey);
    if (mdb_get(txn, meta, &key, &value) == 0) {
      return FailedPrecondition(
          "database '" + dir.string() + "' holds an unfinished bulk load (" +
          std::string(View(value)) +
          "): it was interrupted and is incomplete. A bulk load only ever writes into an empty "
          "database, so nothing else was stored there: remove the directory and load again.");
    }
  } else if (rc != MDB_NOTFOUND) {
    return Error("open sub-database meta", rc);
  }
  for (const SubDatabase& sub : kSubDatabases) {
    if ((rc = mdb_dbi_open(txn, sub.name, sub.flags | MDB_CREATE, &(dbis.get()->*sub.dbi))) != 0) {
      return Error(std::string("open sub-database ") + sub.name, rc);
    }
  }
  for (MDB_dbi dbi : {dbis->nodes, dbis->edges, dbis->adj, dbis->audit, dbis->node_facts}) {
    mdb_set_compare(txn, dbi, CompareWords);
  }
  mdb_set_dupsort(txn, dbis->adj, CompareWords);
  auto version = codec::U64Key(kSchemaVersion);
  MDB_val key = Val(lmdb::kSchemaKey), value = Val({version.data(), 8});
  if ((rc = mdb_put(txn, dbis->meta, &key, &value, 0)) != 0) return Error("write schema", rc);
  rc = mdb_txn_commit(txn_guard.release());
  if (rc != 0) return Error("commit", rc);
  std::unique_ptr<GraphStore> store(
      new GraphStore(dir, env_guard.release(), std::move(dbis), info.me_mapsize));
  SUTRA_RETURN_IF_ERROR(store->BackfillNodeFacts());
  return store;
}

Status GraphStore::BackfillNodeFacts() {
  auto stats = [this](MDB_txn* txn, MDB_dbi dbi) {
    MDB_stat stat{};
    mdb_stat(txn, dbi, &stat);
    return stat.ms_entries;
  };
  {
    SUTRA_ASSIGN_OR_RETURN(ReadTxn txn, BeginRead());
    const auto nodes = stats(txn.txn_, dbis_->nodes), facts = stats(txn.txn_, dbis_->node_facts);
    if (facts == nodes) return Status::Ok();
    if (facts != 0) {
      return Corruption("database '" + dir_.string() + "' keeps facts for " +
                        std::to_string(facts) + " of its " + std::to_string(nodes) +
                        " nodes (run `sutra check`, or restore from a backup)");
    }
  }
  return Update([this](WriteTxn& w) -> Status {
    lmdb::Cursor nodes(w.txn_, dbis_->nodes), facts(w.txn_, dbis_->node_facts);
    if (nodes.open_rc() != 0) return Error("open node cursor", nodes.open_rc());
    if (facts.open_rc() != 0) return Error("open node facts cursor", facts.open_rc());
    MDB_val key, value;
    int rc;
    while ((rc = nodes.Get(key, value, MDB_NEXT)) == 0) {
      const NodeId id = key.mv_size == 8 ? codec::ReadU64(View(key)) : 0;
      SUTRA_ASSIGN_OR_RETURN(Node node, codec::DecodeNode(id, View(value)));
      const auto encoded = codec::EncodeNodeFacts(FactsOfNode(node.type, node.properties));
      SUTRA_RETURN_IF_ERROR(
          w.CursorPut(facts.get(), View(key), {encoded.data(), encoded.size()}, MDB_APPEND));
    }
    if (rc != MDB_NOTFOUND) return Error("scan nodes", rc);
    return Status::Ok();
  });
}

MDB_txn* GraphStore::ReaderStarted() const {
  std::unique_lock lock(readers_mutex_);
  readers_changed_.wait(lock, [this] { return !growing_; });
  return RegisterReader();
}

bool GraphStore::TryReaderStarted(MDB_txn** idle) const {
  std::lock_guard lock(readers_mutex_);
  if (growing_) return false;
  *idle = RegisterReader();
  return true;
}

MDB_txn* GraphStore::RegisterReader() const {
  ++open_readers_;
  if (idle_readers_.empty()) return nullptr;
  MDB_txn* txn = idle_readers_.back();
  idle_readers_.pop_back();
  return txn;
}

void GraphStore::ReaderEnded(MDB_txn* reset_txn) const {
  std::lock_guard lock(readers_mutex_);
  --open_readers_;
  if (reset_txn != nullptr) idle_readers_.push_back(reset_txn);
  readers_changed_.notify_all();
}

StatusOr<ReadTxn> GraphStore::BeginRead() const { return StartRead(ReaderStarted()); }

StatusOr<std::uint64_t> GraphStore::LastCommitId() const {
  // Through a (reused, cheap) read transaction rather than mdb_env_info: that reads the meta
  // pages without registering as a reader, and would race with the writer remapping the file
  // when it grows the map.
  SUTRA_ASSIGN_OR_RETURN(ReadTxn txn, BeginRead());
  return txn.ViewId();
}

StatusOr<ReadTxn> GraphStore::StartRead(MDB_txn* idle) const {
  MDB_txn* txn = idle;
  int rc = txn != nullptr ? mdb_txn_renew(txn) : mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  if (rc != 0) {
    if (txn != nullptr) mdb_txn_abort(txn);
    ReaderEnded(nullptr);
    return Error("begin read transaction", rc);
  }
  return ReadTxn(this, txn, /*owns_txn=*/true);
}

Status GraphStore::GrowMap() {
  std::unique_lock lock(readers_mutex_);
  growing_ = true;
  readers_changed_.wait(lock, [this] { return open_readers_ == 0; });
  for (MDB_txn* txn : idle_readers_) mdb_txn_abort(txn);
  idle_readers_.clear();
  const std::size_t grown = map_size_ * 2;
  int rc = mdb_env_set_mapsize(env_, grown);
  if (rc == 0) map_size_ = grown;
  growing_ = false;
  readers_changed_.notify_all();
  return rc == 0 ? Status::Ok() : Error("grow the map to " + std::to_string(grown) + " bytes", rc);
}

Status GraphStore::Update(const std::function<Status(WriteTxn&)>& body, Durability durability) {
  if (bulk_load_running_) {
    return FailedPrecondition("a bulk load of this database is running; write through it");
  }
  return RunWrite(nullptr, body, durability);
}

Status GraphStore::Sync() const {
  if (int rc = mdb_env_sync(env_, 1); rc != 0) return Error("flush to disk", rc);
  return Status::Ok();
}

StatusOr<std::uint64_t> GraphStore::LastGraphVersion() const {
  SUTRA_ASSIGN_OR_RETURN(ReadTxn txn, BeginRead());
  return txn.GraphVersion();
}

Status GraphStore::RunWrite(DeferredIndexes* deferred, const std::function<Status(WriteTxn&)>& body,
                            Durability durability) {
  std::lock_guard write_lock(write_mutex_);
  const bool defer_sync = durability == Durability::kDeferred && !bulk_load_running_;
  for (;;) {
    MDB_txn* txn = nullptr;
    int rc = mdb_txn_begin(env_, nullptr, 0, &txn);
    if (rc != 0) return Error("begin write transaction", rc);
    WriteTxn writer(this, txn, deferred);
    Status status = body(writer);
    if (status.ok()) status = writer.FlushCounters();
    bool map_full = writer.map_full_;
    if (status.ok() && !map_full) {
      if (defer_sync) mdb_env_set_flags(env_, MDB_NOSYNC, 1);
      rc = mdb_txn_commit(txn);
      if (defer_sync) mdb_env_set_flags(env_, MDB_NOSYNC, 0);
      if (rc == 0) return deferred != nullptr ? deferred->Commit() : Status::Ok();
      if (deferred != nullptr) deferred->Rollback();
      if (rc != MDB_MAP_FULL) return Error("commit", rc);
      map_full = true;  // a failed commit has freed txn
    } else {
      mdb_txn_abort(txn);
      if (deferred != nullptr) deferred->Rollback();
    }
    if (!map_full) return status;
    // Nothing of the aborted transaction is stored; grow the map and run the body again.
    SUTRA_RETURN_IF_ERROR(GrowMap());
  }
}

Status GraphStore::Backup(const std::filesystem::path& out_dir) const {
  std::error_code ec;
  if (std::filesystem::exists(out_dir, ec) && !std::filesystem::is_empty(out_dir, ec)) {
    return FailedPrecondition("backup target '" + out_dir.string() +
                              "' is not empty; give a new or empty directory");
  }
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return IoError("cannot create '" + out_dir.string() + "': " + ec.message());
  // mdb_env_copy2 copies from one read transaction: a consistent snapshot, taken while other
  // readers and the writer go on. Compaction also drops free pages.
  MDB_txn* idle = ReaderStarted();
  int rc = mdb_env_copy2(env_, out_dir.c_str(), MDB_CP_COMPACT);
  ReaderEnded(idle);
  if (rc != 0) return Error("back up to '" + out_dir.string() + "'", rc);
  return Status::Ok();
}

}  // namespace sutra::storage
