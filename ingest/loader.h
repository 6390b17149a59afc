// The loader: CSV bundles and JSONL FIR feeds into a GraphStore, streaming, in batches.
//
// Inputs (layouts: datasets/README.md): a directory is a CSV bundle, a `.jsonl` file a feed of
// FIR documents. Each input is read once, front to back; rows are checked whole (formats,
// then references against what is stored), and accepted rows are written in batches of
// `batch_rows`, one write transaction per batch. A rejected row (or a whole JSONL FIR, which is
// all or nothing) is reported with file, line, field and reason, and nothing of it is stored;
// the good rows around it are loaded. Loading is idempotent: the same input twice changes
// nothing (upserts by natural key).
//
// Into an empty database the batches go through storage::BulkLoad, which writes the indexes
// in key order at the end: much faster for a first large load, and all or nothing as a whole.
//
// Memory: one batch of rows, plus, for a CSV bundle, its location ids (about 100 bytes each),
// which rows refer to across files; the input files are memory-mapped, not read into the heap.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::ingest {

struct RowError {
  std::string file;      // path as given
  std::size_t line = 0;  // 1-based physical line where the row (or FIR document) starts
  std::string field;     // column or JSON path at fault; "" when the row as a whole is
  std::string reason;
  std::string ToString() const;  // "FILE:LINE: reason"
};

struct LoadProgress {
  std::uint64_t rows_read = 0;
  std::uint64_t rows_rejected = 0;
  std::uint64_t bytes_read = 0;  // of bytes_total: every input file's size
  std::uint64_t bytes_total = 0;
  double seconds = 0;
};

struct LoadOptions {
  bool strict = false;     // any rejected row: write nothing at all (one transaction)
  bool allow_bulk = true;  // load an empty database through storage::BulkLoad
  std::size_t batch_rows = 20000;
  // Every rejected row, as CSV `file,line,field,reason`; empty: none written.
  std::filesystem::path rejects_file = {};
  // Called after every batch, and once at the end.
  std::function<void(const LoadProgress&)> progress = {};
};

struct LoadReport {
  std::uint64_t batch = 0;  // load batch number recorded as edge provenance
  std::uint64_t rows_read = 0;
  std::uint64_t rows_loaded = 0;
  std::uint64_t rows_rejected = 0;
  std::uint64_t nodes_created = 0;
  std::uint64_t edges_created = 0;
  bool bulk = false;  // loaded through storage::BulkLoad
  // The first kKeptRejects rejected rows (all of them go to the rejects file).
  static constexpr std::size_t kKeptRejects = 1000;
  std::vector<RowError> rejected;
};

// Loads every input under one load batch. Returns an error Status only when nothing could be
// loaded (an input that cannot be read, a bundle missing a required file or with a bad header,
// a database failure, or --strict with a rejected row); then nothing of this load is stored.
StatusOr<LoadReport> LoadInputs(storage::GraphStore& store,
                                const std::vector<std::filesystem::path>& inputs,
                                const LoadOptions& options);

// One CSV bundle directory.
inline StatusOr<LoadReport> LoadCsvBundle(storage::GraphStore& store,
                                          const std::filesystem::path& dir,
                                          const LoadOptions& options) {
  return LoadInputs(store, {dir}, options);
}

}  // namespace sutra::ingest
