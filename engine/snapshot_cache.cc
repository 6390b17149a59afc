#include "engine/snapshot_cache.h"

#include <chrono>

#include "engine/snapshot.h"

namespace sutra::engine {

SnapshotCache::~SnapshotCache() {
  std::lock_guard lock(rebuild_mutex_);
  if (rebuild_.joinable()) rebuild_.join();
}

StatusOr<std::shared_ptr<const Snapshot>> SnapshotCache::Build() const {
  const auto start = std::chrono::steady_clock::now();
  SUTRA_ASSIGN_OR_RETURN(auto txn, store_.BeginRead());
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->view_id = txn.ViewId();
  SUTRA_ASSIGN_OR_RETURN(snapshot->graph_version, txn.GraphVersion());
  SUTRA_ASSIGN_OR_RETURN(snapshot->graph, BuildSnapshot(txn));
  snapshot->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

StatusOr<std::shared_ptr<const Snapshot>> SnapshotCache::Current() const {
  std::shared_ptr<const Snapshot> current = current_.load();
  if (current == nullptr) {
    std::lock_guard lock(first_build_);
    current = current_.load();
    if (current == nullptr) {
      SUTRA_ASSIGN_OR_RETURN(current, Build());
      current_.store(current);
    }
    return current;
  }
  // Only a write to the graph makes the snapshot stale; audit entries and engine state, written
  // by every audited read, do not. A failure to read the version only delays the rebuild.
  auto last = store_.LastGraphVersion();
  if (last.ok() && current->graph_version < *last) StartRebuild();
  return current;
}

StatusOr<std::shared_ptr<const Snapshot>> SnapshotCache::Refresh() const {
  SUTRA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> fresh, Build());
  // A concurrent rebuild may have swapped in a newer view meanwhile: keep whichever is newer.
  std::shared_ptr<const Snapshot> seen = current_.load();
  while ((seen == nullptr || seen->view_id < fresh->view_id) &&
         !current_.compare_exchange_weak(seen, fresh)) {
  }
  return current_.load();
}

void SnapshotCache::StartRebuild() const {
  if (rebuilding_.exchange(true)) return;  // one rebuild at a time
  std::lock_guard lock(rebuild_mutex_);
  if (rebuild_.joinable()) rebuild_.join();  // the previous one has finished: it cleared the flag
  rebuild_ = std::thread([this] {
    auto fresh = Refresh();
    {
      std::lock_guard status_lock(status_mutex_);
      rebuild_status_ = fresh.status();
    }
    rebuilding_ = false;
  });
}

Status SnapshotCache::last_rebuild_status() const {
  std::lock_guard lock(status_mutex_);
  return rebuild_status_;
}

}  // namespace sutra::engine
