// Engine: the one gateway through which the CLI and the RPC server read the crime graph.
//
// It owns an open GraphStore and answers the investigation questions of the walking skeleton:
// search by exact name / phone / vehicle / FIR number, expand a node's neighbourhood (with a cap
// that reports what was left out), and counts by node and edge type.
//
// Thread safety: after Open() returns, every const method may be called from any thread
// concurrently; each call reads one consistent snapshot (one LMDB read transaction).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/er/name_normalizer.h"
#include "algorithms/k_hop.h"
#include "engine/er/person_directory.h"
#include "engine/snapshot_cache.h"
#include "storage/graph_store.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::engine {

struct GraphStats {
  std::vector<std::pair<storage::NodeType, std::uint64_t>> nodes_by_type;  // every type, 0 too
  std::vector<std::pair<storage::EdgeType, std::uint64_t>> edges_by_type;  // every type, 0 too
  std::uint64_t total_nodes = 0;
  std::uint64_t total_edges = 0;
};

class Engine {
 public:
  // Opens an existing database directory read-only-in-spirit (the engine does not write in this
  // skeleton). NotFound when DIR holds no Sutra database.
  static StatusOr<std::unique_ptr<Engine>> Open(const std::filesystem::path& db_dir);

  // Exact lookup of `text` as a phone number (any common Indian spelling), a vehicle
  // registration (any spacing/case), an FIR number, or a person's name (case-insensitive, whole
  // name). At most `limit` nodes, in id order. An empty answer is not an error.
  StatusOr<std::vector<storage::Node>> Search(std::string_view text, std::size_t limit) const;

  // The node `id`, up to `limit` of its neighbours and the edges joining them to it.
  // std::nullopt when no node has that id. `total_neighbors` and `truncated` tell how many
  // neighbours exist beyond those returned.
  StatusOr<std::optional<storage::Subgraph>> Expand(storage::NodeId id, std::size_t limit) const;

  // Everything within `options.hops` links of `id` (either direction), with the caps of
  // algorithms::KHop; `total_neighbors` counts the links seen and `truncated` says whether any
  // were left out; `options.filter` limits the links followed. Runs on the current snapshot.
  // std::nullopt when no node has that id (or it is newer than the snapshot).
  StatusOr<std::optional<storage::Subgraph>> Neighborhood(
      storage::NodeId id, const algorithms::KHopOptions& options) const;

  // Ranked persons (not records) for an investigator's query: name, father's name, age or birth
  // year, district (engine/er/person_directory.h). The person directory is built from one read
  // transaction on first use and then reused; FailedPrecondition before the first
  // `sutra resolve`.
  StatusOr<er::PersonSearchResult> SearchPersons(const er::PersonQuery& query) const;

  StatusOr<GraphStats> Stats() const;

  const storage::GraphStore& store() const { return *store_; }
  // For the writers beside the queries: the audit log, reviewers' decisions, Cypher writes.
  storage::GraphStore& store() { return *store_; }

  // The in-memory snapshot the link-analysis algorithms run on (engine/snapshot_cache.h): built
  // on first use, rebuilt in the background after writes, never waited for once built. Hold
  // the pointer for the duration of one query so that all of it sees one view.
  StatusOr<std::shared_ptr<const Snapshot>> CurrentSnapshot() const { return snapshots_.Current(); }
  // A snapshot that includes every write committed so far (built now if need be): for a caller
  // that has just written.
  StatusOr<std::shared_ptr<const Snapshot>> FreshSnapshot() const { return snapshots_.Refresh(); }

 private:
  explicit Engine(std::unique_ptr<storage::GraphStore> store)
      : store_(std::move(store)), snapshots_(*store_) {}

  StatusOr<const er::PersonDirectory*> Directory() const;

  std::unique_ptr<storage::GraphStore> store_;
  mutable std::once_flag directory_once_;
  mutable Status directory_status_;
  mutable std::unique_ptr<algorithms::er::NameNormalizer> normalizer_;
  mutable std::unique_ptr<er::PersonDirectory> directory_;
  SnapshotCache snapshots_;  // after store_, which it reads
};

}  // namespace sutra::engine
