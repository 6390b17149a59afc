// Internal to storage/: the indexes a BulkLoad writes when it finishes instead of entry by
// entry (bulk_load.h). Each sorter holds (key, value) pairs exactly as they will be stored in
// its sub-database; the write transaction that produced them commits or rolls them back.
#pragma once

#include <filesystem>

#include "storage/external_sort.h"

namespace sutra::storage {

// The sorters share `budget_bytes` (adjacency, the largest, takes half).
struct DeferredIndexes {
  DeferredIndexes(const std::filesystem::path& dir, std::size_t budget_bytes)
      : adj(dir, "adj", budget_bytes / 2, 8),
        edge_keys(dir, "edge_keys", budget_bytes / 4, 16),
        terms(dir, "terms", budget_bytes / 8),
        node_index(dir, "node_index", budget_bytes / 8, 8),
        blocks(dir, "blocks", budget_bytes / 8) {}

  Status Commit() {
    for (ExternalSorter* s : All()) SUTRA_RETURN_IF_ERROR(s->Commit());
    return Status::Ok();
  }
  void Rollback() {
    for (ExternalSorter* s : All()) s->Rollback();
  }
  std::array<ExternalSorter*, 5> All() { return {&adj, &edge_keys, &terms, &node_index, &blocks}; }

  ExternalSorter adj;         // node id -> 24-byte adjacency entry
  ExternalSorter edge_keys;   // 16-byte edge key -> edge id
  ExternalSorter terms;       // term -> node id
  ExternalSorter node_index;  // node id -> tagged name
  ExternalSorter blocks;      // blocking key -> record id
};

}  // namespace sutra::storage
