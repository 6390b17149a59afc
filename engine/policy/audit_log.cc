// AuditLog: appends hash-chained entries (audit_codec.h has the stored form) and, for deferred
// durability, flushes them to the disk from a background thread.
#include "engine/policy/audit_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine/policy/audit_codec.h"
#include "engine/policy/audit_report.h"

namespace sutra::engine::policy {
namespace {

// Chains `record` (its time set) after the last entry of `txn`'s view and appends it.
StatusOr<std::uint64_t> AppendChained(storage::WriteTxn& txn, AuditRecord record) {
  SUTRA_ASSIGN_OR_RETURN(auto last, txn.reader().LastAudit());
  std::string prev;
  if (last) {
    // Fail closed: an entry that cannot be chained to the one before would hide the break.
    auto entry = audit_codec::SplitEntry(last->second);
    if (!entry.ok()) {
      return Corruption(
          fmt::format("audit entry {} does not decode ({}), so no entry can be chained after it; "
                      "run `sutra audit verify` and restore the database from a backup",
                      last->first, entry.status().message()));
    }
    prev = std::string(entry->hash);
  }
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t seq, txn.NextAuditSequence());
  record.seq = seq;
  const std::string value = audit_codec::EncodeEntry(audit_codec::EncodeContent(record, prev));
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t stored, txn.AppendAudit(value));
  if (stored != seq) {
    return Internal(
        fmt::format("audit entry stored as {} after announcing sequence number {}", stored, seq));
  }
  return seq;
}

}  // namespace

void SetDisclosed(AuditRecord& record, std::vector<std::uint64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string packed;
  packed.reserve(ids.size() * 8);
  for (std::uint64_t id : ids) {
    for (int shift = 56; shift >= 0; shift -= 8) packed += static_cast<char>((id >> shift) & 0xFF);
  }
  record.disclosed_count = ids.size();
  record.disclosed_digest = audit_codec::Sha256Hex(packed);
  if (ids.size() <= kMaxListedIds) {
    record.disclosed = std::move(ids);
  } else {
    record.disclosed.clear();
  }
}

// Syncs the store at most `interval` after the first append not yet on the disk. One sync
// covers every commit before it, so a burst of appends costs one flush.
struct AuditLog::Flusher {
  Flusher(storage::GraphStore& store, std::chrono::milliseconds interval)
      : store(store), interval(interval), thread([this] { Run(); }) {}

  ~Flusher() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_one();
    thread.join();
  }

  void NoteAppend() {
    {
      std::lock_guard lock(mutex);
      if (dirty) return;  // a flush is already due
      dirty = true;
      dirty_since = std::chrono::steady_clock::now();
    }
    wake.notify_one();
  }

  void Run() {
    std::unique_lock lock(mutex);
    while (true) {
      wake.wait(lock, [this] { return dirty || stopping; });
      if (stopping) return;  // the destructor of AuditLog syncs once more
      wake.wait_until(lock, dirty_since + interval, [this] { return stopping; });
      dirty = false;
      lock.unlock();
      // An error here has no caller to go to; the next Sync() or synced commit retries.
      (void)store.Sync();
      lock.lock();
    }
  }

  storage::GraphStore& store;
  const std::chrono::milliseconds interval;
  std::mutex mutex;
  std::condition_variable wake;
  bool dirty = false;
  bool stopping = false;
  std::chrono::steady_clock::time_point dirty_since;
  std::thread thread;  // last: starts once the members above exist
};

AuditLog::AuditLog(storage::GraphStore& store, Clock clock,
                   storage::GraphStore::Durability durability,
                   std::chrono::milliseconds flush_interval)
    : store_(store), clock_(std::move(clock)), durability_(durability) {
  if (durability_ == storage::GraphStore::Durability::kDeferred) {
    flusher_ = std::make_unique<Flusher>(store_, flush_interval);
  }
}

AuditLog::~AuditLog() {
  flusher_.reset();  // joins the thread
  if (durability_ == storage::GraphStore::Durability::kDeferred) (void)store_.Sync();
}

StatusOr<std::uint64_t> AuditLog::Append(AuditRecord record) {
  std::uint64_t seq = 0;
  const std::string time = FormatAuditTime(clock_());
  // Update() may run the body again after growing the map: it starts from `record` each time.
  Status written = store_.Update(
      [&](storage::WriteTxn& txn) -> Status {
        AuditRecord attempt = record;
        attempt.time = time;
        SUTRA_ASSIGN_OR_RETURN(seq, AppendChained(txn, std::move(attempt)));
        return Status::Ok();
      },
      durability_);
  SUTRA_RETURN_IF_ERROR(written);
  if (flusher_) flusher_->NoteAppend();
  return seq;
}

StatusOr<std::uint64_t> AuditLog::AppendIn(storage::WriteTxn& txn, AuditRecord record) {
  record.time = FormatAuditTime(clock_());
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t seq, AppendChained(txn, std::move(record)));
  // The caller commits later; a flush that comes before that commit misses it, so the caller's
  // own Update durability is what counts for this entry.
  if (flusher_) flusher_->NoteAppend();
  return seq;
}

Status AuditLog::Sync() { return store_.Sync(); }

}  // namespace sutra::engine::policy
