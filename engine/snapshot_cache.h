// SnapshotCache: the engine's current in-memory snapshot of the graph, kept fresh after writes
// without ever making a reader wait (DESIGN.md, "Engine").
//
// A snapshot is immutable and shared: readers take a shared_ptr to the current one and keep it
// for as long as their query runs. When the store has committed a write since the current
// snapshot's view (by this process or another; see storage::ReadTxn::GraphVersion), the next reader
// starts one rebuild on a background thread and goes on with the current snapshot; when the rebuild
// finishes it is swapped in atomically, and the old one is freed when its last reader lets go. Only
// the very first snapshot is built while the caller waits, since there is nothing older to serve.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "algorithms/csr_graph.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine {

struct Snapshot {
  algorithms::CsrGraph graph;
  std::uint64_t view_id = 0;        // storage::ReadTxn::ViewId() of the view it was built from
  std::uint64_t graph_version = 0;  // storage::ReadTxn::GraphVersion() of that view
  double build_seconds = 0;         // how long the build took
};

class SnapshotCache {
 public:
  explicit SnapshotCache(const storage::GraphStore& store) : store_(store) {}
  ~SnapshotCache();  // waits for a rebuild in flight
  SnapshotCache(const SnapshotCache&) = delete;
  SnapshotCache& operator=(const SnapshotCache&) = delete;

  // The current snapshot. Builds the first one while the caller waits; afterwards never waits:
  // a stale snapshot is returned while its successor is built in the background.
  StatusOr<std::shared_ptr<const Snapshot>> Current() const;

  // Builds a snapshot of the store as it is now and swaps it in before returning: for a caller
  // that has just written and must see its own write. Readers meanwhile keep the old one.
  StatusOr<std::shared_ptr<const Snapshot>> Refresh() const;

  // The status of the last background rebuild (OK when none failed), for `sutra stats` and
  // operators: a failing rebuild leaves readers on an old snapshot, which must not go unseen.
  Status last_rebuild_status() const;

 private:
  StatusOr<std::shared_ptr<const Snapshot>> Build() const;
  void StartRebuild() const;

  const storage::GraphStore& store_;
  mutable std::atomic<std::shared_ptr<const Snapshot>> current_;
  mutable std::mutex first_build_;  // held only while the very first snapshot is built
  mutable std::atomic<bool> rebuilding_ = false;  // a rebuild thread is running
  mutable std::mutex rebuild_mutex_;              // guards rebuild_
  mutable std::thread rebuild_;
  mutable std::mutex status_mutex_;  // guards rebuild_status_
  mutable Status rebuild_status_;
};

}  // namespace sutra::engine
