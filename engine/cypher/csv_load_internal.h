// Private to the CSV loaders: what csv_load.cc (generic node and relationship files) shares
// with ldbc_load.cc (the LDBC SNB folder). The public interface is csv_load.h.
//
// A file is loaded in two steps so that the LDBC loader can run the first on other threads:
// Parse*File reads and types a whole file without touching the graph or the key index (safe to
// run concurrently for different files), and Insert* writes the parsed rows, in file order, on
// the thread that owns the graph.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/cypher/csv_load.h"
#include "engine/cypher/memory_graph.h"

namespace sutra::cypher::csv_internal {

// Throws the loader's error: ArgumentError with detail "CsvLoadError" (see csv_load.h).
[[noreturn]] void ThrowLoad(const std::string& message);

// The end keys of a relationship file's rows, one per row, as integers or as strings according
// to the key kind of the end's label.
struct EndKeys {
  std::vector<std::int64_t> ints;
  std::vector<std::string> strings;
};

// A parsed file. Reading stops at the first bad row: `rows` holds the rows before it and
// `error` its error, which the insert step throws after writing `rows` (so a failed load leaves
// the rows before the bad one written, as csv_load.h promises).
struct ParsedFile {
  std::string path;
  // Per row: (column index, value) in column order, empty fields left out. The column indexes
  // are replaced by property key tokens on insertion. For relationship files they count the
  // property columns only (after the two key columns).
  std::vector<MemoryGraph::PropertyList> rows;
  std::vector<std::size_t> lines;      // the line each row starts on, for error messages
  std::vector<std::string> key_texts;  // node files with non-integer keys: each row's key text
  EndKeys start;                       // relationship files only
  EndKeys end;                         // relationship files only
  std::exception_ptr error;
};

// The index of spec.key_column among spec.columns (nullopt when there is none); throws when the
// key column is not declared or no columns are.
std::optional<std::size_t> NodeKeyColumn(const CsvNodeSpec& spec);

// Never throws: errors (including an unreadable file) end up in ParsedFile::error.
ParsedFile ParseNodeFile(const CsvNodeSpec& spec);
ParsedFile ParseRelFile(const CsvRelSpec& spec, bool integer_start_keys, bool integer_end_keys);

// Writes the parsed nodes, checking keys for duplicates and recording them in `keys`; then
// throws parsed.error if set. Returns the number of nodes created.
std::size_t InsertNodes(QueryGraph& graph, const CsvNodeSpec& spec, ParsedFile& parsed,
                        KeyIndex& keys);

// Looks up the nodes of every parsed row's keys: (start, end) pairs, two entries per row. At a
// key with no node it stops, drops the later rows and makes that the file's error.
std::vector<ElementId> ResolveEnds(const CsvRelSpec& spec, ParsedFile& parsed,
                                   const KeyIndex::LabelKeys& from, const KeyIndex::LabelKeys& to);

// Writes the relationships of the resolved rows, then throws parsed.error if set. Returns the
// number created. `ends` comes from ResolveEnds.
std::size_t InsertRelationships(QueryGraph& graph, const CsvRelSpec& spec, ParsedFile& parsed,
                                std::span<const ElementId> ends);

}  // namespace sutra::cypher::csv_internal
