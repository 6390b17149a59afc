// Loads a CSV bundle (layout: datasets/README.md) into a GraphStore.
//
// Every row is parsed and validated whole before anything is written; a bad row is reported
// with file, line and reason and nothing of it is stored, and rows that refer to a rejected row
// (a person in a rejected FIR) are rejected too, naming the row they depend on. Good rows are
// written in one write transaction per load (all or nothing for the rows accepted).
// Loading is idempotent (upsert by natural key).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::ingest {

struct RowError {
  std::string file;      // path as given
  std::size_t line = 0;  // 1-based physical line where the record starts
  std::string reason;
  std::string ToString() const;  // "FILE:LINE: reason"
};

struct LoadOptions {
  bool strict = false;  // any rejected row: write nothing at all
};

struct LoadReport {
  std::uint64_t batch = 0;  // load batch number recorded as edge provenance
  std::uint64_t rows_read = 0;
  std::uint64_t rows_loaded = 0;
  std::uint64_t nodes_created = 0;
  std::uint64_t edges_created = 0;
  std::vector<RowError> rejected;
};

// Returns an error Status only when nothing could be loaded at all (missing required file,
// unreadable header, a database failure, or --strict with a rejected row); otherwise a report,
// whose `rejected` lists the rows left out.
StatusOr<LoadReport> LoadCsvBundle(storage::GraphStore& store, const std::filesystem::path& dir,
                                   const LoadOptions& options);

}  // namespace sutra::ingest
