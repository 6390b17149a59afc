// ExternalSorter: sorts more (key, value) byte pairs than fit in memory, for bulk loads.
//
// Pairs are buffered in an arena. When a transaction's pairs are committed and the arena holds
// half the budget, the arena is sorted and written to a temporary file (a run); Merge()
// streams every pair back in (key, value) order, where keys and values compare as LMDB's
// default comparator does (memcmp over the common length, then the shorter first). Writing
// that stream with MDB_APPEND builds an LMDB tree page by page, each page written once.
//
// Pairs added since the last Commit() can be taken back with Rollback(), so the sorter follows
// the write transaction it shadows: an aborted transaction leaves nothing behind in it.
// A full arena is sorted and written by a background thread while pairs go on arriving in a
// second one, so the writer rarely waits for the disk. Memory: the two arenas (about the
// budget, plus one transaction's pairs, in all), the sort index of one, and, while merging,
// one read buffer per run; independent of how many pairs are sorted in all.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/huge_page_allocator.h"
#include "storage/status.h"

namespace sutra::storage {

class ExternalSorter {
 public:
  // Runs are written to `dir` (created if missing) as `<name>.<n>.run` and removed by the
  // destructor. Keys and values longer than 65,535 bytes are refused by Add().
  // `key_size`: the size of every key when all have the same (ids, hashes), which lets the
  // sort compare the first 24 bytes of key and value as integers; 0 when keys vary.
  ExternalSorter(std::filesystem::path dir, std::string name, std::size_t budget_bytes,
                 std::size_t key_size = 0);
  ~ExternalSorter();
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  Status Add(std::string_view key, std::string_view value);
  // Makes the pairs added so far permanent, spilling a run when the arena is over budget.
  Status Commit();
  // Forgets the pairs added since the last Commit().
  void Rollback();

  // Calls `visit` for every committed pair in order; a pair equal to the one before it is
  // passed once. Stops at the first error `visit` returns. The views are valid during the call
  // only. May be called once; the sorter holds nothing afterwards.
  Status Merge(const std::function<Status(std::string_view key, std::string_view value)>& visit);

 private:
  class RunReader;
  // A record of the arena in sort order: the first 24 bytes of its (key, value) order as
  // integers, and where it is.
  struct SortEntry {
    std::uint64_t words[3];
    std::size_t offset;
  };
  // Records: u16 key size | u16 value size | key | value.
  using Arena = std::vector<char, HugePageAllocator<char>>;

  // An arena is spilled once it holds half the budget: two arenas exist, one filling while the
  // other is sorted and written.
  std::size_t SpillAt() const { return budget_bytes_ / 2; }
  // Fills entries_ with `arena`'s records (`pairs` of them) in (key, value) order.
  void SortRecords(const Arena& arena, std::uint64_t pairs);
  // Sorts `arena` into a run file at `path` and empties it (keeping its capacity).
  Status WriteRun(Arena& arena, std::uint64_t pairs, const std::filesystem::path& path);
  // Names the next run file and records it (for the merge and for removal).
  std::filesystem::path NextRunPath();
  // Waits for the background spill, if any, and returns how it went.
  Status WaitForSpill();

  std::filesystem::path dir_;
  std::string name_;
  std::size_t budget_bytes_;
  std::size_t key_size_;
  Arena arena_;     // filling
  Arena spilling_;  // being written by spiller_, or empty; keeps its capacity for the swap
  // Used by whoever sorts: the spiller, or Merge() once the spiller has been waited for.
  std::vector<SortEntry, HugePageAllocator<SortEntry>> entries_;
  std::thread spiller_;
  Status spill_status_;  // the last spill's outcome, set by spiller_
  std::size_t committed_bytes_ = 0;
  std::uint64_t arena_pairs_ = 0;    // committed pairs still in the arena
  std::uint64_t pending_pairs_ = 0;  // pairs added since the last Commit()
  std::vector<std::filesystem::path> runs_;
};

}  // namespace sutra::storage
