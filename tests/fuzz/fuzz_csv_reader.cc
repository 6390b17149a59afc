// Fuzzes the RFC 4180 reader (ingest/csv_reader.h) with arbitrary bytes: it must terminate,
// never read out of bounds, and report lines in order.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/csv_reader.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sutra::ingest::CsvReader reader(text);
  std::size_t records = 0, last_line = 0, field_bytes = 0;
  while (auto record = reader.Next()) {
    SUTRA_FUZZ_CHECK(++records <= size + 1);  // every record consumes input
    SUTRA_FUZZ_CHECK(record->line > last_line);
    last_line = record->line;
    if (record->error.empty()) SUTRA_FUZZ_CHECK(!record->fields.empty());
    for (const auto& field : record->fields) field_bytes += field.size();
    SUTRA_FUZZ_CHECK(field_bytes <= size);  // fields are made of input bytes only
  }
  return 0;
}
