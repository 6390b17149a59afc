// Private to the CSV loaders: what csv_load.cc (generic node and relationship files) shares
// with ldbc_load.cc (the LDBC SNB folder). The public interface is csv_load.h.
#pragma once

#include <cstddef>
#include <string>

namespace sutra::cypher::csv_internal {

// Throws the loader's error: ArgumentError with detail "CsvLoadError" (see csv_load.h).
[[noreturn]] void ThrowLoad(const std::string& message);

// An upper bound of the records in the CSV file at `path` (its line count), for capacity
// hints. Throws like the loader when the file cannot be read.
std::size_t CountCsvLines(const std::string& path, char delimiter);

}  // namespace sutra::cypher::csv_internal
