#include "engine/cypher_store_graph.h"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "engine/cypher/errors.h"
#include "ingest/normalize.h"

namespace sutra::engine {
namespace {

using cypher::Adjacent;
using cypher::ElementId;
using cypher::ErrorType;
using cypher::ExpandDirection;
using cypher::Token;
using storage::Direction;
using storage::EdgeType;
using storage::NodeType;

// Bounds the per-query property caches: a query over millions of nodes must not keep them all.
constexpr std::size_t kMaxCachedElements = 1 << 16;
// Engine-state keys under which the natural key (node) or discriminator (edge) of an element
// that Cypher created or renamed is kept: the store does not hand them back, and rewriting an
// element's properties goes through its natural key.
constexpr std::string_view kNodeKeyState = "cypher.node_key.";
constexpr std::string_view kEdgeKeyState = "cypher.edge_key.";

[[noreturn]] void ThrowStatus(const Status& status, std::string_view doing) {
  std::string message = "Sutra store: " + std::string(doing) + ": " + status.ToString();
  if (status.message().find("map is full") != std::string::npos) {
    message += " (the database has been grown; run the query again)";
  }
  throw StoreGraphError(message);
}

template <typename T>
T Check(StatusOr<T> result, std::string_view doing) {
  if (!result.ok()) ThrowStatus(result.status(), doing);
  return std::move(result).value();
}

void Check(const Status& status, std::string_view doing) {
  if (!status.ok()) ThrowStatus(status, doing);
}

cypher::Value ToCypher(const storage::Value& value) {
  return std::visit([](const auto& v) { return cypher::Value(v); }, value);
}

// A Cypher property value as the store holds it; lists, maps and graph elements are refused.
storage::Value ToStore(std::string_view key, const cypher::Value& value) {
  switch (value.kind()) {
    case cypher::ValueKind::kBool:
      return value.as_bool();
    case cypher::ValueKind::kInt:
      return value.as_int();
    case cypher::ValueKind::kFloat:
      return value.as_float();
    case cypher::ValueKind::kString:
      return value.as_string();
    default:
      break;
  }
  cypher::ThrowRuntime(ErrorType::kTypeError, "InvalidPropertyType",
                       "property '" + std::string(key) + "' holds a " +
                           (value.is_list()  ? "list"
                            : value.is_map() ? "map"
                                             : "graph element") +
                           ", but Sutra's store holds only scalar properties (integer, float, "
                           "boolean, string)");
}

std::string ValidNames(bool nodes) {
  std::string out;
  if (nodes) {
    for (NodeType t : storage::kAllNodeTypes)
      out += (out.empty() ? "" : ", ") + std::string(storage::NodeTypeName(t));
  } else {
    for (EdgeType t : storage::kAllEdgeTypes)
      out += (out.empty() ? "" : ", ") + std::string(storage::EdgeTypeName(t));
  }
  return out;
}

NodeType NodeTypeOrThrow(std::string_view label) {
  if (auto type = storage::ParseNodeType(label)) return *type;
  cypher::ThrowRuntime(ErrorType::kSemanticError, "InvalidLabel",
                       "Sutra's graph has no label '" + std::string(label) +
                           "'; a node's label is one of: " + ValidNames(true));
}

// Relationship provenance appears as these properties; they cannot be set.
bool IsProvenanceKey(std::string_view key) {
  return key == "fir" || key == "station" || key == "batch";
}

// The exact-lookup term under which ingest files a node's `key` property (ingest/normalize.h),
// or nothing when that property is not indexed. Cypher writes file the same terms, so a lookup
// finds every node whose property has the value.
std::optional<std::string> IndexTerm(NodeType type, std::string_view key, std::string_view value) {
  if (value.empty()) return std::nullopt;  // ingest files no term for an empty name
  switch (type) {
    case NodeType::kCase:
      if (key == "fir_number") return ingest::FirTerm(value);
      break;
    case NodeType::kPhone:
      if (key == "number") return ingest::PhoneTerm(value);
      break;
    case NodeType::kVehicle:
      if (key == "registration") return ingest::VehicleTerm(value);
      break;
    case NodeType::kPersonRecord:
      if (key == "name") return ingest::NameTerm(value);
      break;
    case NodeType::kStation:
      if (key == "code") return ingest::StationTerm(value);
      if (key == "name") return ingest::NameTerm(value);
      break;
    default:
      break;
  }
  return std::nullopt;
}

// The natural key ingest gives a node (ingest/row_mapping.cc), from its properties.
std::optional<std::string> IngestNodeKey(const storage::Node& node) {
  auto get = [&](std::string_view key) {
    return storage::GetString(node.properties, key).value_or("");
  };
  switch (node.type) {
    case NodeType::kStation:
      return get("code");
    case NodeType::kPhone:
      return get("number");
    case NodeType::kVehicle:
      return get("registration");
    case NodeType::kPerson:
      return get("person_id");
    case NodeType::kCase:
      return get("station_code") + "|" + get("fir_number");
    case NodeType::kPersonRecord:
      return get("station_code") + "|" + get("fir_number") + "|" + get("record_id");
    case NodeType::kLocation:
      return ingest::FoldForLookup(get("state")) + "|" + ingest::FoldForLookup(get("district")) +
             "|" + ingest::FoldForLookup(get("address"));
  }
  return std::nullopt;
}

// The discriminator ingest gives an edge: a call's start time, else none.
std::string IngestDiscriminator(const storage::Edge& edge) {
  if (edge.type != EdgeType::kCalled) return "";
  return storage::GetString(edge.properties, "started_at").value_or("");
}

std::vector<std::optional<EdgeType>> TypeFilters(std::span<const Token> types) {
  std::vector<std::optional<EdgeType>> out;
  if (types.empty()) {
    out.push_back(std::nullopt);
    return out;
  }
  for (Token t : types) {
    if (t >= 1 && t <= static_cast<Token>(EdgeType::kCalled))
      out.push_back(static_cast<EdgeType>(t));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<Direction> DirectionFilter(ExpandDirection direction) {
  switch (direction) {
    case ExpandDirection::kOutgoing:
      return Direction::kOut;
    case ExpandDirection::kIncoming:
      return Direction::kIn;
    case ExpandDirection::kBoth:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

// The store's one write transaction, held open across the calls of a query. GraphStore only
// offers writes inside Update(body); a worker thread runs Update and parks inside `body` until
// the query commits or rolls back, while the query thread uses the WriteTxn it handed over (the
// worker is blocked meanwhile, so the transaction is used by one thread at a time, and LMDB's
// writer lock is taken and released by the worker, the thread that began it).
class StoreGraph::WriteSession {
 public:
  explicit WriteSession(storage::GraphStore& store) {
    worker_ = std::thread([this, &store] {
      Status status = store.Update([this](storage::WriteTxn& txn) -> Status {
        std::unique_lock lock(mutex_);
        if (txn_handed_over_) {
          // Update runs the body again after growing a full map; this query's writes were in
          // the aborted transaction and are gone.
          return FailedPrecondition(
              "the database map is full; it has been grown and the query's writes undone");
        }
        txn_ = &txn;
        txn_handed_over_ = true;
        changed_.notify_all();
        changed_.wait(lock, [this] { return decision_.has_value(); });
        txn_ = nullptr;
        return *decision_ ? Status::Ok() : FailedPrecondition("rolled back");
      });
      std::lock_guard lock(mutex_);
      result_ = std::move(status);
      done_ = true;
      changed_.notify_all();
    });
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return txn_ != nullptr || done_; });
    if (txn_ == nullptr) {
      lock.unlock();
      worker_.join();
      ThrowStatus(result_, "begin a write");
    }
  }

  ~WriteSession() {
    if (worker_.joinable()) Abort();
  }

  storage::WriteTxn& txn() { return *txn_; }

  // Commits and returns the status of the commit.
  Status Commit() { return Finish(true); }
  void Abort() { (void)Finish(false); }

 private:
  Status Finish(bool commit) {
    {
      std::lock_guard lock(mutex_);
      if (!done_) decision_ = commit;
      changed_.notify_all();
    }
    worker_.join();
    return commit ? result_ : Status::Ok();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  storage::WriteTxn* txn_ = nullptr;  // guarded by mutex_ until handed over
  bool txn_handed_over_ = false;
  std::optional<bool> decision_;  // true: commit
  bool done_ = false;
  Status result_;
  std::thread worker_;
};

StoreGraph::StoreGraph(storage::GraphStore& store, const Engine* engine, StoreGraphOptions options)
    : store_(store), engine_(engine), options_(std::move(options)) {}

// Engine exposes its store read-only because it does not write itself; the store object is not
// const (the engine owns it through a unique_ptr), so writing through it is well-defined.
StoreGraph::StoreGraph(const Engine& engine, StoreGraphOptions options)
    : StoreGraph(const_cast<storage::GraphStore&>(engine.store()), &engine, std::move(options)) {}

StoreGraph::~StoreGraph() { Rollback(); }

// --- Transactions and caches ---

const storage::ReadTxn& StoreGraph::Reader() const {
  if (write_) return write_->txn().reader();
  if (!read_) {
    read_.emplace(Check(store_.BeginRead(), "begin a read"));
    if (engine_ != nullptr && options_.use_snapshot) {
      auto snapshot = engine_->CurrentSnapshot();
      // The snapshot holds exactly this view's graph when no graph write came between them.
      auto version = read_->GraphVersion();
      if (snapshot.ok() && version.ok() && (*snapshot)->graph_version == *version) {
        snapshot_ = *snapshot;
      }
    }
  }
  return *read_;
}

const algorithms::CsrGraph* StoreGraph::Csr() const {
  if (write_) return nullptr;
  Reader();
  return snapshot_ ? &snapshot_->graph : nullptr;
}

bool StoreGraph::UsingSnapshot() const { return Csr() != nullptr; }

storage::WriteTxn& StoreGraph::Writer() {
  if (!write_) {
    // The write must begin at the view the query has read so far: a write committed by another
    // process since then would make the query's reads and writes disagree.
    std::optional<std::uint64_t> view;
    if (read_) view = read_->ViewId();
    // A growing map waits for this process's readers: end ours before the writer starts.
    read_.reset();
    snapshot_.reset();
    write_ = std::make_unique<WriteSession>(store_);
    // A write transaction's id is one past the last commit, which a read view's id is.
    if (view && write_->txn().reader().ViewId() != *view + 1) {
      write_.reset();
      throw StoreGraphError(
          "Sutra store: the database changed while the query read it; run the query again");
    }
  }
  return write_->txn();
}

void StoreGraph::EndQuery() {
  read_.reset();
  snapshot_.reset();
  batch_.reset();
  created_ = 0;
  types_.clear();
  all_types_known_ = false;
  nodes_.clear();
  edges_.clear();
}

void StoreGraph::Commit() {
  Status status;
  if (write_) {
    status = write_->Commit();
    write_.reset();
  }
  EndQuery();
  if (!status.ok()) ThrowStatus(status, "commit");
}

void StoreGraph::Rollback() {
  if (write_) {
    write_->Abort();
    write_.reset();
  }
  EndQuery();
}

const storage::Node* StoreGraph::CachedNode(storage::NodeId id) const {
  auto it = nodes_.find(id);
  if (it == nodes_.end()) {
    if (nodes_.size() >= kMaxCachedElements) nodes_.clear();
    it = nodes_.emplace(id, Check(Reader().GetNode(id), "read a node")).first;
    if (it->second) types_.emplace(id, it->second->type);
  }
  return it->second ? &*it->second : nullptr;
}

const storage::Edge* StoreGraph::CachedEdge(storage::EdgeId id) const {
  auto it = edges_.find(id);
  if (it == edges_.end()) {
    if (edges_.size() >= kMaxCachedElements) edges_.clear();
    it = edges_.emplace(id, Check(Reader().GetEdge(id), "read a relationship")).first;
  }
  return it->second ? &*it->second : nullptr;
}

void StoreGraph::ForgetNode(storage::NodeId id) { nodes_.erase(id); }
void StoreGraph::ForgetEdge(storage::EdgeId id) { edges_.erase(id); }

std::optional<NodeType> StoreGraph::TypeOf(storage::NodeId id) const {
  if (const algorithms::CsrGraph* csr = Csr()) {
    if (auto v = csr->Find(id)) return csr->node(*v).type;
    return std::nullopt;
  }
  if (auto it = types_.find(id); it != types_.end()) return it->second;
  if (all_types_known_) return std::nullopt;
  const storage::Node* node = CachedNode(id);
  if (node == nullptr) return std::nullopt;
  return node->type;
}

// --- Names ---

std::optional<Token> StoreGraph::FindLabel(std::string_view name) const {
  if (auto type = storage::ParseNodeType(name)) return static_cast<Token>(*type);
  return std::nullopt;
}

std::optional<Token> StoreGraph::FindRelType(std::string_view name) const {
  if (auto type = storage::ParseEdgeType(name)) return static_cast<Token>(*type);
  return std::nullopt;
}

std::string_view StoreGraph::LabelName(Token label) const {
  return storage::NodeTypeName(static_cast<NodeType>(label));
}

std::string_view StoreGraph::RelTypeName(Token type) const {
  return storage::EdgeTypeName(static_cast<EdgeType>(type));
}

// --- Nodes ---

void StoreGraph::ForEachNodeWithLabel(Token label, const cypher::NodeVisitor& visit) const {
  if (const algorithms::CsrGraph* csr = Csr()) {
    for (algorithms::DenseId v = 0; v < csr->node_count(); ++v) {
      const algorithms::NodeEntry& entry = csr->node(v);
      if (static_cast<Token>(entry.type) == label && !visit(entry.id)) return;
    }
    return;
  }
  // One scan of node types (no property decoding) answers every later label question of this
  // query too. Ids are collected first: the visitor may write.
  if (!all_types_known_) {
    types_.clear();
    Check(Reader().ScanNodeTypes([&](storage::NodeId id, NodeType type) { types_[id] = type; }),
          "scan nodes");
    all_types_known_ = true;
  }
  std::vector<storage::NodeId> ids;
  for (const auto& [id, type] : types_) {
    if (label == 0 || static_cast<Token>(type) == label) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  for (storage::NodeId id : ids) {
    if (!visit(id)) return;
  }
}

void StoreGraph::ForEachNode(const cypher::NodeVisitor& visit) const {
  if (const algorithms::CsrGraph* csr = Csr()) {
    for (algorithms::DenseId v = 0; v < csr->node_count(); ++v) {
      if (!visit(csr->node(v).id)) return;
    }
    return;
  }
  ForEachNodeWithLabel(0, visit);  // token 0 is no label: every node
}

bool StoreGraph::HasNode(ElementId node) const { return TypeOf(node).has_value(); }

std::vector<Token> StoreGraph::NodeLabels(ElementId node) const {
  if (auto type = TypeOf(node)) return {static_cast<Token>(*type)};
  return {};
}

bool StoreGraph::NodeHasLabel(ElementId node, Token label) const {
  auto type = TypeOf(node);
  return type && static_cast<Token>(*type) == label;
}

cypher::Value StoreGraph::NodeProperty(ElementId node, std::string_view key) const {
  const storage::Node* n = CachedNode(node);
  if (n == nullptr) return {};
  auto it = n->properties.find(key);
  return it == n->properties.end() ? cypher::Value() : ToCypher(it->second);
}

cypher::Map StoreGraph::NodeProperties(ElementId node) const {
  cypher::Map out;
  if (const storage::Node* n = CachedNode(node)) {
    for (const auto& [key, value] : n->properties) out.emplace(key, ToCypher(value));
  }
  return out;
}

bool StoreGraph::FindNodesByProperty(Token label, std::string_view key, const cypher::Value& value,
                                     const cypher::NodeVisitor& visit) const {
  if (label < 1 || label > static_cast<Token>(NodeType::kStation) || !value.is_string()) {
    return false;
  }
  const auto type = static_cast<NodeType>(label);
  auto term = IndexTerm(type, key, value.as_string());
  if (!term) return false;
  std::vector<storage::NodeId> ids = Check(
      Reader().LookupTerm(*term, std::numeric_limits<std::size_t>::max()), "look up an index term");
  for (storage::NodeId id : ids) {
    if (TypeOf(id) == type && !visit(id)) break;
  }
  return true;
}

// --- Relationships ---

void StoreGraph::ForEachRelationship(const cypher::NodeVisitor& visit) const {
  std::vector<storage::EdgeId> ids;
  if (const algorithms::CsrGraph* csr = Csr()) {
    for (algorithms::DenseId v = 0; v < csr->node_count(); ++v) {
      for (const algorithms::CsrArc& arc : csr->arcs(v)) {
        if (arc.direction == Direction::kOut) ids.push_back(arc.edge());
      }
    }
  } else {
    Check(Reader().ScanAdjacency([&](storage::NodeId, std::span<const storage::Neighbor> row) {
      for (const storage::Neighbor& n : row) {
        if (n.direction == Direction::kOut) ids.push_back(n.edge);
      }
    }),
          "scan relationships");
  }
  std::sort(ids.begin(), ids.end());
  for (storage::EdgeId id : ids) {
    if (!visit(id)) return;
  }
}

bool StoreGraph::HasRelationship(ElementId rel) const { return CachedEdge(rel) != nullptr; }

cypher::RelationshipInfo StoreGraph::Relationship(ElementId rel) const {
  const storage::Edge* edge = CachedEdge(rel);
  if (edge == nullptr) {
    cypher::ThrowRuntime(ErrorType::kEntityNotFound, "DeletedEntityAccess",
                         "relationship " + std::to_string(rel) + " does not exist");
  }
  return {static_cast<Token>(edge->type), edge->from, edge->to};
}

cypher::Value StoreGraph::RelProperty(ElementId rel, std::string_view key) const {
  const storage::Edge* edge = CachedEdge(rel);
  if (edge == nullptr) return {};
  if (IsProvenanceKey(key)) {
    cypher::Map all = RelProperties(rel);
    auto it = all.find(key);
    return it == all.end() ? cypher::Value() : it->second;
  }
  auto it = edge->properties.find(key);
  return it == edge->properties.end() ? cypher::Value() : ToCypher(it->second);
}

cypher::Map StoreGraph::RelProperties(ElementId rel) const {
  cypher::Map out;
  const storage::Edge* edge = CachedEdge(rel);
  if (edge == nullptr) return out;
  for (const auto& [key, value] : edge->properties) out.emplace(key, ToCypher(value));
  if (!edge->provenance.fir.empty()) out["fir"] = edge->provenance.fir;
  if (!edge->provenance.station.empty()) out["station"] = edge->provenance.station;
  if (edge->provenance.batch != 0) {
    out["batch"] = static_cast<std::int64_t>(edge->provenance.batch);
  }
  return out;
}

void StoreGraph::Expand(ElementId node, ExpandDirection direction, std::span<const Token> types,
                        const cypher::AdjacentVisitor& visit) const {
  const auto wanted = DirectionFilter(direction);
  const auto filters = TypeFilters(types);
  if (const algorithms::CsrGraph* csr = Csr()) {
    auto v = csr->Find(node);
    if (!v) return;
    std::span<const algorithms::CsrArc> row = csr->arcs(*v);
    for (const auto& type : filters) {
      auto first = row.begin(), last = row.end();
      if (type) {
        // Rows are sorted by (type, direction, target): one type is a contiguous range.
        first = std::partition_point(row.begin(), row.end(),
                                     [&](const algorithms::CsrArc& a) { return a.type < *type; });
        last = std::partition_point(first, row.end(),
                                    [&](const algorithms::CsrArc& a) { return a.type == *type; });
      }
      for (auto it = first; it != last; ++it) {
        if (wanted && it->direction != *wanted) continue;
        // A self-loop has an out and an in arc; in both directions it is reported once.
        if (!wanted && it->direction == Direction::kIn && it->target == *v) continue;
        if (!visit(
                Adjacent{it->edge(), csr->node(it->target).id, it->direction == Direction::kOut})) {
          return;
        }
      }
    }
    return;
  }
  // From the store: while writing, collect first (the visitor may write to the adjacency the
  // cursor walks); else visit straight from the cursor.
  std::vector<Adjacent> collected;
  bool stopped = false;
  for (const auto& type : filters) {
    storage::NeighborFilter filter{type, wanted};
    Check(Reader().ForEachNeighbor(
              node, filter,
              [&](const storage::Neighbor& n) {
                if (!wanted && n.direction == Direction::kIn && n.node == node) {
                  return true;
                }
                Adjacent adjacent{n.edge, n.node, n.direction == Direction::kOut};
                if (write_) {
                  collected.push_back(adjacent);
                  return true;
                }
                stopped = !visit(adjacent);
                return !stopped;
              }),
          "read adjacency");
    if (stopped) return;
  }
  for (const Adjacent& adjacent : collected) {
    if (!visit(adjacent)) return;
  }
}

std::size_t StoreGraph::Degree(ElementId node, ExpandDirection direction,
                               std::span<const Token> types) const {
  std::size_t count = 0;
  Expand(node, direction, types, [&](const Adjacent&) {
    ++count;
    return true;
  });
  return count;
}

// --- Writes ---

std::uint64_t StoreGraph::Batch() {
  if (!batch_) {
    batch_ = Check(Writer().NewBatch("analyst annotation (cypher) by " + options_.actor),
                   "record the query's batch");
  }
  return *batch_;
}

std::string StoreGraph::NewKey() {
  const std::uint64_t batch = Batch();
  return "cypher:" + std::to_string(batch) + ":" + std::to_string(++created_);
}

std::string StoreGraph::NodeKeyOf(const storage::Node& node) {
  storage::WriteTxn& w = Writer();
  const std::string state_key = std::string(kNodeKeyState) + std::to_string(node.id);
  if (auto key = Check(w.reader().GetState(state_key), "read a node key")) return *key;
  if (auto key = IngestNodeKey(node); key && !key->empty()) {
    auto found = Check(w.reader().FindNode(node.type, *key), "find a node");
    if (found == node.id) return *key;
  }
  throw StoreGraphError("Sutra store: the natural key of node " + std::to_string(node.id) +
                        " cannot be found, so its properties cannot be changed");
}

std::string StoreGraph::DiscriminatorOf(const storage::Edge& edge) {
  const std::string state_key = std::string(kEdgeKeyState) + std::to_string(edge.id);
  if (auto key = Check(Writer().reader().GetState(state_key), "read a relationship key")) {
    return *key;
  }
  return IngestDiscriminator(edge);
}

void StoreGraph::IndexProperty(storage::NodeId id, NodeType type, std::string_view key,
                               const storage::Value& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) return;
  if (auto term = IndexTerm(type, key, *text)) Check(Writer().AddTerm(*term, id), "index a node");
}

ElementId StoreGraph::CreateNode(std::span<const std::string> labels,
                                 const cypher::Map& properties) {
  if (labels.size() != 1) {
    cypher::ThrowRuntime(
        ErrorType::kSemanticError, "InvalidLabel",
        "a node of Sutra's graph has exactly one label, its type (one of: " + ValidNames(true) +
            "); this one would have " + std::to_string(labels.size()));
  }
  const NodeType type = NodeTypeOrThrow(labels[0]);
  storage::Properties props;
  for (const auto& [key, value] : properties) {
    if (!value.is_null()) props.emplace(key, ToStore(key, value));
  }
  const std::string key = NewKey();
  storage::WriteTxn& w = Writer();
  auto result = Check(w.UpsertNode(type, key, props), "create a node");
  if (!result.created) throw StoreGraphError("Sutra store: new node key '" + key + "' was taken");
  Check(w.PutState(std::string(kNodeKeyState) + std::to_string(result.id), key),
        "record a node key");
  for (const auto& [name, value] : props) IndexProperty(result.id, type, name, value);
  types_[result.id] = type;
  ForgetNode(result.id);
  return result.id;
}

ElementId StoreGraph::CreateRelationship(std::string_view type_name, ElementId start, ElementId end,
                                         const cypher::Map& properties) {
  auto type = storage::ParseEdgeType(type_name);
  if (!type) {
    cypher::ThrowRuntime(ErrorType::kSemanticError, "InvalidRelationshipType",
                         "Sutra's graph has no relationship type '" + std::string(type_name) +
                             "'; the types are: " + ValidNames(false));
  }
  storage::Properties props;
  storage::Provenance provenance;
  for (const auto& [key, value] : properties) {
    if (value.is_null()) continue;
    if (key == "fir" || key == "station") {
      if (!value.is_string()) {
        cypher::ThrowRuntime(
            ErrorType::kTypeError, "InvalidPropertyType",
            "property '" + key + "' of a relationship is its provenance: a string");
      }
      (key == "fir" ? provenance.fir : provenance.station) = value.as_string();
    } else if (key == "batch") {
      cypher::ThrowRuntime(ErrorType::kSemanticError, "InvalidProperty",
                           "property 'batch' of a relationship is assigned by Sutra's store");
    } else {
      props.emplace(key, ToStore(key, value));
    }
  }
  provenance.batch = Batch();
  const std::string discriminator = NewKey();
  storage::WriteTxn& w = Writer();
  auto result = Check(w.UpsertEdge(*type, start, end, props, provenance, discriminator),
                      "create a relationship");
  Check(w.PutState(std::string(kEdgeKeyState) + std::to_string(result.id), discriminator),
        "record a relationship key");
  ForgetEdge(result.id);
  return result.id;
}

void StoreGraph::SetNodeProperty(ElementId node, std::string_view key, const cypher::Value& value) {
  storage::WriteTxn& w = Writer();
  auto stored = Check(w.reader().GetNode(node), "read a node");
  if (!stored) {
    cypher::ThrowRuntime(ErrorType::kEntityNotFound, "DeletedEntityAccess",
                         "node " + std::to_string(node) + " does not exist");
  }
  const std::string natural_key = NodeKeyOf(*stored);
  storage::Node updated = *stored;
  if (value.is_null()) {
    updated.properties.erase(std::string(key));
  } else {
    updated.properties[std::string(key)] = ToStore(key, value);
  }
  auto result =
      Check(w.UpsertNode(updated.type, natural_key, updated.properties), "set a property");
  if (result.id != node || result.created) {
    throw StoreGraphError("Sutra store: node " + std::to_string(node) +
                          " is filed under another key");
  }
  // When the key was derived from properties this write changes, keep it explicitly.
  if (IngestNodeKey(updated) != natural_key) {
    Check(w.PutState(std::string(kNodeKeyState) + std::to_string(node), natural_key),
          "record a node key");
  }
  if (!value.is_null())
    IndexProperty(node, updated.type, key, updated.properties.at(std::string(key)));
  ForgetNode(node);
}

void StoreGraph::SetRelProperty(ElementId rel, std::string_view key, const cypher::Value& value) {
  if (IsProvenanceKey(key)) {
    cypher::ThrowRuntime(ErrorType::kSemanticError, "InvalidProperty",
                         "property '" + std::string(key) +
                             "' is the relationship's provenance and cannot change; delete the "
                             "relationship and create another");
  }
  storage::WriteTxn& w = Writer();
  auto stored = Check(w.reader().GetEdge(rel), "read a relationship");
  if (!stored) {
    cypher::ThrowRuntime(ErrorType::kEntityNotFound, "DeletedEntityAccess",
                         "relationship " + std::to_string(rel) + " does not exist");
  }
  const std::string discriminator = DiscriminatorOf(*stored);
  storage::Edge updated = *stored;
  if (value.is_null()) {
    updated.properties.erase(std::string(key));
  } else {
    updated.properties[std::string(key)] = ToStore(key, value);
  }
  auto result = Check(w.UpsertEdge(updated.type, updated.from, updated.to, updated.properties,
                                   updated.provenance, discriminator),
                      "set a property");
  if (result.id != rel || result.created) {
    // The edge was filed under another key: the new edge just written is rolled back with the
    // query.
    throw StoreGraphError(
        "Sutra store: relationship " + std::to_string(rel) +
        " is filed under a key that cannot be found; its properties cannot change");
  }
  if (IngestDiscriminator(updated) != discriminator) {
    Check(w.PutState(std::string(kEdgeKeyState) + std::to_string(rel), discriminator),
          "record a relationship key");
  }
  ForgetEdge(rel);
}

void StoreGraph::AddLabel(ElementId node, std::string_view label) {
  if (NodeHasLabel(node, static_cast<Token>(NodeTypeOrThrow(label)))) return;  // nothing to add
  cypher::ThrowRuntime(
      ErrorType::kSemanticError, "InvalidLabel",
      "cannot add label '" + std::string(label) + "' to node " + std::to_string(node) +
          ": a node of Sutra's graph has one label, its type, which cannot change");
}

void StoreGraph::RemoveLabel(ElementId node, std::string_view label) {
  auto type = storage::ParseNodeType(label);
  if (!type || !NodeHasLabel(node, static_cast<Token>(*type))) return;  // nothing to remove
  cypher::ThrowRuntime(
      ErrorType::kSemanticError, "InvalidLabel",
      "cannot remove label '" + std::string(label) + "' from node " + std::to_string(node) +
          ": a node of Sutra's graph has one label, its type, which cannot change");
}

void StoreGraph::DeleteRelationship(ElementId rel) {
  storage::WriteTxn& w = Writer();
  Check(w.DeleteEdge(rel), "delete a relationship");
  Check(w.DeleteState(std::string(kEdgeKeyState) + std::to_string(rel)),
        "delete a relationship key");
  ForgetEdge(rel);
}

void StoreGraph::DeleteNode(ElementId node) {
  storage::WriteTxn& w = Writer();
  // The store would delete the node's relationships with it; they are gone from the caches too.
  Check(w.reader().ForEachNeighbor(node,
                                   [&](const storage::Neighbor& n) {
                                     edges_.erase(n.edge);
                                     return true;
                                   }),
        "read adjacency");
  Check(w.DeleteNode(node), "delete a node");
  Check(w.DeleteState(std::string(kNodeKeyState) + std::to_string(node)), "delete a node key");
  ForgetNode(node);
  types_.erase(node);
}

}  // namespace sutra::engine
