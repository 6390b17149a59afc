#include "storage/graph_store.h"

#include <lmdb.h>
#include <xxhash.h>

#include <cstdio>
#include <ctime>
#include <system_error>

#include "storage/value_codec.h"

namespace sutra::storage {

struct GraphStore::Dbis {
  MDB_dbi nodes = 0;
  MDB_dbi edges = 0;
  MDB_dbi adj = 0;
  MDB_dbi node_keys = 0;
  MDB_dbi edge_keys = 0;
  MDB_dbi terms = 0;
  MDB_dbi meta = 0;
};

namespace {

constexpr std::string_view kSchemaKey = "schema_version";
constexpr std::string_view kNextNodeId = "next_node_id";
constexpr std::string_view kNextEdgeId = "next_edge_id";
constexpr std::string_view kNextBatch = "next_batch";
// LMDB's default maximum key size is 511 bytes. Longer keys keep a readable prefix and end in
// a stable 64-bit hash of the whole text, so they stay unique in practice and never fail.
constexpr std::size_t kMaxKeyBytes = 480;

Status LmdbError(std::string_view operation, int rc) {
  std::string message = std::string(operation) + ": " + mdb_strerror(rc);
  if (rc == MDB_MAP_FULL) message += " (the database map is full)";
  return IoError(std::move(message));
}

MDB_val Val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}
std::string_view View(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

std::string BoundedKey(std::string key) {
  if (key.size() <= kMaxKeyBytes) return key;
  char hash[20];
  std::snprintf(hash, sizeof hash, "#%016llx",
                static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  key.resize(kMaxKeyBytes - 17);
  key += hash;
  return key;
}

std::string NodeKey(NodeType type, std::string_view key) {
  std::string k(1, static_cast<char>(type));
  k += key;
  return BoundedKey(std::move(k));
}

std::string EdgeKey(EdgeType type, NodeId from, NodeId to, const Provenance& p,
                    std::string_view discriminator) {
  std::string k(1, static_cast<char>(type));
  auto f = codec::U64Key(from);
  auto t = codec::U64Key(to);
  k.append(f.data(), 8);
  k.append(t.data(), 8);
  k += p.fir;
  k.push_back('\0');
  k += p.station;
  k.push_back('\0');
  k += discriminator;
  return BoundedKey(std::move(k));
}

// RAII for a cursor; LMDB cursors of read-only transactions must be closed before the txn ends.
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

 private:
  MDB_cursor* cursor_ = nullptr;
  int rc_;
};

StatusOr<std::optional<std::string_view>> Get(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
  if (rc != 0) return LmdbError("read", rc);
  return std::optional<std::string_view>(View(v));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ReadTxn

ReadTxn::ReadTxn(ReadTxn&& other) noexcept
    : store_(other.store_), txn_(other.txn_), owns_txn_(other.owns_txn_) {
  other.txn_ = nullptr;
}

ReadTxn& ReadTxn::operator=(ReadTxn&& other) noexcept {
  if (this != &other) {
    if (owns_txn_ && txn_ != nullptr) mdb_txn_abort(txn_);
    store_ = other.store_;
    txn_ = other.txn_;
    owns_txn_ = other.owns_txn_;
    other.txn_ = nullptr;
  }
  return *this;
}

ReadTxn::~ReadTxn() {
  if (owns_txn_ && txn_ != nullptr) mdb_txn_abort(txn_);
}

StatusOr<std::optional<Node>> ReadTxn::GetNode(NodeId id) const {
  auto key = codec::U64Key(id);
  SUTRA_ASSIGN_OR_RETURN(auto bytes, Get(txn_, store_->dbis_->nodes, {key.data(), key.size()}));
  if (!bytes) return std::optional<Node>();
  SUTRA_ASSIGN_OR_RETURN(Node node, codec::DecodeNode(id, *bytes));
  return std::optional<Node>(std::move(node));
}

StatusOr<std::optional<Edge>> ReadTxn::GetEdge(EdgeId id) const {
  auto key = codec::U64Key(id);
  SUTRA_ASSIGN_OR_RETURN(auto bytes, Get(txn_, store_->dbis_->edges, {key.data(), key.size()}));
  if (!bytes) return std::optional<Edge>();
  SUTRA_ASSIGN_OR_RETURN(Edge edge, codec::DecodeEdge(id, *bytes));
  return std::optional<Edge>(std::move(edge));
}

StatusOr<std::optional<NodeId>> ReadTxn::FindNode(NodeType type, std::string_view key) const {
  SUTRA_ASSIGN_OR_RETURN(auto bytes, Get(txn_, store_->dbis_->node_keys, NodeKey(type, key)));
  if (!bytes) return std::optional<NodeId>();
  if (bytes->size() != 8) return Corruption("natural-key entry of wrong size");
  return std::optional<NodeId>(codec::ReadU64(*bytes));
}

Status ReadTxn::ForEachNeighbor(NodeId node,
                                const std::function<bool(const Neighbor&)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->adj);
  if (cursor.open_rc() != 0) return LmdbError("open adjacency cursor", cursor.open_rc());
  auto key_bytes = codec::U64Key(node);
  MDB_val key = Val({key_bytes.data(), key_bytes.size()}), page;
  int rc = mdb_cursor_get(cursor.get(), &key, &page, MDB_SET);
  if (rc == MDB_NOTFOUND) return Status::Ok();
  if (rc != 0) return LmdbError("read adjacency", rc);
  // DUPFIXED: MDB_GET_MULTIPLE / MDB_NEXT_MULTIPLE hand back a page of fixed-size entries at a
  // time, so a hub's thousands of neighbours cost a few calls, not one per edge.
  rc = mdb_cursor_get(cursor.get(), &key, &page, MDB_GET_MULTIPLE);
  while (rc == 0) {
    std::string_view entries = View(page);
    for (std::size_t off = 0; off + codec::kAdjacencySize <= entries.size();
         off += codec::kAdjacencySize) {
      SUTRA_ASSIGN_OR_RETURN(Neighbor n,
                             codec::DecodeAdjacency(entries.substr(off, codec::kAdjacencySize)));
      if (!visit(n)) return Status::Ok();
    }
    rc = mdb_cursor_get(cursor.get(), &key, &page, MDB_NEXT_MULTIPLE);
  }
  if (rc != MDB_NOTFOUND) return LmdbError("read adjacency", rc);
  return Status::Ok();
}

StatusOr<std::uint64_t> ReadTxn::CountNeighbors(NodeId node) const {
  Cursor cursor(txn_, store_->dbis_->adj);
  if (cursor.open_rc() != 0) return LmdbError("open adjacency cursor", cursor.open_rc());
  auto key_bytes = codec::U64Key(node);
  MDB_val key = Val({key_bytes.data(), key_bytes.size()}), value;
  int rc = mdb_cursor_get(cursor.get(), &key, &value, MDB_SET);
  if (rc == MDB_NOTFOUND) return std::uint64_t{0};
  if (rc != 0) return LmdbError("read adjacency", rc);
  std::size_t count = 0;
  rc = mdb_cursor_count(cursor.get(), &count);
  if (rc != 0) return LmdbError("count adjacency", rc);
  return static_cast<std::uint64_t>(count);
}

StatusOr<std::vector<NodeId>> ReadTxn::LookupTerm(std::string_view term, std::size_t limit) const {
  std::vector<NodeId> ids;
  Cursor cursor(txn_, store_->dbis_->terms);
  if (cursor.open_rc() != 0) return LmdbError("open term cursor", cursor.open_rc());
  std::string bounded = BoundedKey(std::string(term));
  MDB_val key = Val(bounded), value;
  int rc = mdb_cursor_get(cursor.get(), &key, &value, MDB_SET);
  while (rc == 0 && ids.size() < limit) {
    if (value.mv_size != 8) return Corruption("term entry of wrong size for '" + bounded + "'");
    ids.push_back(codec::ReadU64(View(value)));
    rc = mdb_cursor_get(cursor.get(), &key, &value, MDB_NEXT_DUP);
  }
  if (rc != 0 && rc != MDB_NOTFOUND) return LmdbError("read terms", rc);
  return ids;
}

Status ReadTxn::ForEachNode(const std::function<bool(const Node&)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->nodes);
  if (cursor.open_rc() != 0) return LmdbError("open node cursor", cursor.open_rc());
  MDB_val key, value;
  int rc;
  while ((rc = mdb_cursor_get(cursor.get(), &key, &value, MDB_NEXT)) == 0) {
    if (key.mv_size != 8) return Corruption("node key of wrong size");
    SUTRA_ASSIGN_OR_RETURN(Node node, codec::DecodeNode(codec::ReadU64(View(key)), View(value)));
    if (!visit(node)) return Status::Ok();
  }
  if (rc != MDB_NOTFOUND) return LmdbError("scan nodes", rc);
  return Status::Ok();
}

Status ReadTxn::ForEachEdge(const std::function<bool(const Edge&)>& visit) const {
  Cursor cursor(txn_, store_->dbis_->edges);
  if (cursor.open_rc() != 0) return LmdbError("open edge cursor", cursor.open_rc());
  MDB_val key, value;
  int rc;
  while ((rc = mdb_cursor_get(cursor.get(), &key, &value, MDB_NEXT)) == 0) {
    if (key.mv_size != 8) return Corruption("edge key of wrong size");
    SUTRA_ASSIGN_OR_RETURN(Edge edge, codec::DecodeEdge(codec::ReadU64(View(key)), View(value)));
    if (!visit(edge)) return Status::Ok();
  }
  if (rc != MDB_NOTFOUND) return LmdbError("scan edges", rc);
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// WriteTxn

Status WriteTxn::Put(unsigned dbi, std::string_view key, std::string_view value, unsigned flags,
                     bool* existed) {
  MDB_val k = Val(key), v = Val(value);
  int rc = mdb_put(txn_, dbi, &k, &v, flags);
  if (existed != nullptr) *existed = (rc == MDB_KEYEXIST);
  if (rc == MDB_KEYEXIST && existed != nullptr) return Status::Ok();
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0) return LmdbError("write", rc);
  return Status::Ok();
}

StatusOr<std::uint64_t> WriteTxn::NextId(std::string_view counter) {
  SUTRA_ASSIGN_OR_RETURN(auto bytes, Get(txn_, store_->dbis_->meta, counter));
  std::uint64_t next = 1;
  if (bytes) {
    if (bytes->size() != 8) return Corruption("counter '" + std::string(counter) + "' is damaged");
    next = codec::ReadU64(*bytes);
  }
  auto stored = codec::U64Key(next + 1);
  SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->meta, counter, {stored.data(), 8}, 0));
  return next;
}

StatusOr<UpsertResult> WriteTxn::UpsertNode(NodeType type, std::string_view key,
                                            const Properties& properties) {
  if (key.empty()) return InvalidArgument("a node needs a non-empty natural key");
  const std::string natural_key = NodeKey(type, key);
  SUTRA_ASSIGN_OR_RETURN(auto existing, Get(txn_, store_->dbis_->node_keys, natural_key));
  UpsertResult result;
  if (existing) {
    if (existing->size() != 8) return Corruption("natural-key entry of wrong size");
    result.id = codec::ReadU64(*existing);
    SUTRA_ASSIGN_OR_RETURN(auto old, reader_.GetNode(result.id));
    if (old && old->properties == properties) return result;  // unchanged: write nothing
  } else {
    SUTRA_ASSIGN_OR_RETURN(result.id, NextId(kNextNodeId));
    result.created = true;
    auto id_bytes = codec::U64Key(result.id);
    SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->node_keys, natural_key, {id_bytes.data(), 8}, 0));
  }
  auto id_bytes = codec::U64Key(result.id);
  SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->nodes, {id_bytes.data(), 8},
                            codec::EncodeNode(type, properties), 0));
  return result;
}

StatusOr<UpsertResult> WriteTxn::UpsertEdge(EdgeType type, NodeId from, NodeId to,
                                            const Properties& properties,
                                            const Provenance& provenance,
                                            std::string_view discriminator) {
  for (NodeId end : {from, to}) {
    SUTRA_ASSIGN_OR_RETURN(auto node, reader_.GetNode(end));
    if (!node) {
      return InvalidArgument("edge " + std::string(EdgeTypeName(type)) + " refers to node " +
                             std::to_string(end) + ", which does not exist");
    }
  }
  const std::string natural_key = EdgeKey(type, from, to, provenance, discriminator);
  SUTRA_ASSIGN_OR_RETURN(auto existing, Get(txn_, store_->dbis_->edge_keys, natural_key));
  Edge edge{0, type, from, to, properties, provenance};
  UpsertResult result;
  if (existing) {
    if (existing->size() != 8) return Corruption("edge-key entry of wrong size");
    result.id = codec::ReadU64(*existing);
    SUTRA_ASSIGN_OR_RETURN(auto old, reader_.GetEdge(result.id));
    if (old && old->properties == properties) return result;
    if (old) edge.provenance.batch = old->provenance.batch;  // first assertion keeps its batch
  } else {
    SUTRA_ASSIGN_OR_RETURN(result.id, NextId(kNextEdgeId));
    result.created = true;
    auto id_bytes = codec::U64Key(result.id);
    SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->edge_keys, natural_key, {id_bytes.data(), 8}, 0));
    auto out = codec::EncodeAdjacency({type, Direction::kOut, to, result.id});
    auto in = codec::EncodeAdjacency({type, Direction::kIn, from, result.id});
    auto from_key = codec::U64Key(from);
    auto to_key = codec::U64Key(to);
    SUTRA_RETURN_IF_ERROR(
        Put(store_->dbis_->adj, {from_key.data(), 8}, {out.data(), out.size()}, 0));
    SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->adj, {to_key.data(), 8}, {in.data(), in.size()}, 0));
  }
  auto id_bytes = codec::U64Key(result.id);
  SUTRA_RETURN_IF_ERROR(
      Put(store_->dbis_->edges, {id_bytes.data(), 8}, codec::EncodeEdge(edge), 0));
  return result;
}

Status WriteTxn::AddTerm(std::string_view term, NodeId node) {
  if (term.empty()) return InvalidArgument("an index term must not be empty");
  auto id_bytes = codec::U64Key(node);
  bool existed = false;
  return Put(store_->dbis_->terms, BoundedKey(std::string(term)), {id_bytes.data(), 8},
             MDB_NODUPDATA, &existed);
}

StatusOr<std::uint64_t> WriteTxn::NewBatch(std::string_view description) {
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t batch, NextId(kNextBatch));
  auto batch_key = codec::U64Key(batch);
  std::string key = "batch/";
  key.append(batch_key.data(), 8);
  std::string value = std::to_string(static_cast<long long>(std::time(nullptr)));
  value += ' ';
  value += description;
  SUTRA_RETURN_IF_ERROR(Put(store_->dbis_->meta, key, value, 0));
  return batch;
}

// ---------------------------------------------------------------------------------------------
// GraphStore

GraphStore::GraphStore(std::filesystem::path dir, MDB_env* env, std::unique_ptr<Dbis> dbis,
                       std::size_t map_size)
    : dir_(std::move(dir)), env_(env), dbis_(std::move(dbis)), map_size_(map_size) {}

GraphStore::~GraphStore() { mdb_env_close(env_); }

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
  if (rc != 0) return LmdbError("create LMDB environment", rc);
  // Owns env until the GraphStore takes it.
  std::unique_ptr<MDB_env, decltype(&mdb_env_close)> env_guard(env, &mdb_env_close);
  if ((rc = mdb_env_set_maxdbs(env, 16)) != 0) return LmdbError("configure LMDB", rc);
  if ((rc = mdb_env_set_mapsize(env, options.initial_map_size)) != 0) {
    return LmdbError("set map size", rc);
  }
  if ((rc = mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0664)) != 0) {
    return LmdbError("open database '" + dir.string() + "'", rc).WithContext("GraphStore::Open");
  }
  MDB_envinfo info;
  mdb_env_info(env, &info);

  auto dbis = std::make_unique<Dbis>();
  MDB_txn* txn = nullptr;
  if ((rc = mdb_txn_begin(env, nullptr, 0, &txn)) != 0) return LmdbError("begin", rc);
  struct Spec {
    const char* name;
    MDB_dbi* dbi;
    unsigned flags;
  };
  const Spec specs[] = {
      {"nodes", &dbis->nodes, 0},
      {"edges", &dbis->edges, 0},
      {"adj", &dbis->adj, MDB_DUPSORT | MDB_DUPFIXED},
      {"node_keys", &dbis->node_keys, 0},
      {"edge_keys", &dbis->edge_keys, 0},
      {"terms", &dbis->terms, MDB_DUPSORT | MDB_DUPFIXED},
      {"meta", &dbis->meta, 0},
  };
  for (const Spec& spec : specs) {
    if ((rc = mdb_dbi_open(txn, spec.name, spec.flags | MDB_CREATE, spec.dbi)) != 0) {
      mdb_txn_abort(txn);
      return LmdbError(std::string("open sub-database ") + spec.name, rc);
    }
  }
  MDB_val key = Val(kSchemaKey), value;
  rc = mdb_get(txn, dbis->meta, &key, &value);
  if (rc == MDB_NOTFOUND) {
    auto version = codec::U64Key(kSchemaVersion);
    MDB_val v = Val({version.data(), 8});
    rc = mdb_put(txn, dbis->meta, &key, &v, 0);
  } else if (rc == 0) {
    std::uint64_t found = value.mv_size == 8 ? codec::ReadU64(View(value)) : 0;
    if (found != kSchemaVersion) {
      mdb_txn_abort(txn);
      return FailedPrecondition("database '" + dir.string() + "' has schema version " +
                                std::to_string(found) + "; this sutra reads schema version " +
                                std::to_string(kSchemaVersion) +
                                ". Use the sutra release that wrote it, or re-load the data.");
    }
  }
  if (rc != 0) {
    mdb_txn_abort(txn);
    return LmdbError("read schema version", rc);
  }
  if ((rc = mdb_txn_commit(txn)) != 0) return LmdbError("commit", rc);
  return std::unique_ptr<GraphStore>(
      new GraphStore(dir, env_guard.release(), std::move(dbis), info.me_mapsize));
}

StatusOr<ReadTxn> GraphStore::BeginRead() const {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  if (rc != 0) return LmdbError("begin read transaction", rc);
  return ReadTxn(this, txn, /*owns_txn=*/true);
}

Status GraphStore::Update(const std::function<Status(WriteTxn&)>& body) {
  for (;;) {
    MDB_txn* txn = nullptr;
    int rc = mdb_txn_begin(env_, nullptr, 0, &txn);
    if (rc != 0) return LmdbError("begin write transaction", rc);
    WriteTxn writer(this, txn);
    Status status = body(writer);
    bool map_full = writer.map_full_;
    if (status.ok() && !map_full) {
      rc = mdb_txn_commit(txn);
      if (rc == 0) return Status::Ok();
      if (rc != MDB_MAP_FULL) return LmdbError("commit", rc);
      map_full = true;  // commit already freed txn
    } else {
      mdb_txn_abort(txn);
    }
    if (!map_full) return status;
    // Nothing of the aborted transaction is stored; grow the map and run the body again.
    // TODO(test): concurrent readers during growth are covered by issue 3's crash suite.
    std::size_t grown = map_size_ * 2;
    if ((rc = mdb_env_set_mapsize(env_, grown)) != 0) return LmdbError("grow map", rc);
    map_size_ = grown;
  }
}

}  // namespace sutra::storage
