// An RFC 4180 CSV reader over text held in memory.
//
// Fields are separated by commas; a field may be enclosed in double quotes, and then may hold
// commas, newlines and doubled quotes (""). Line endings may be LF or CRLF; a UTF-8 byte-order
// mark at the start is skipped; blank lines are skipped. The reader never throws and never reads
// past the text: malformed input (a quote inside an unquoted field, text after a closing quote,
// a quoted field still open at the end of the file) yields a record carrying an error, after
// which reading resumes at the next line (or ends, for an unclosed quote).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sutra::ingest {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line on which the record starts
  std::vector<std::string> fields;
  std::string error;  // empty when the record parsed; otherwise why it did not
};

class CsvReader {
 public:
  // `text` must outlive the reader.
  explicit CsvReader(std::string_view text);

  // The next record, or std::nullopt at the end of the text.
  std::optional<CsvRecord> Next();
  // Bytes of the text consumed so far.
  std::size_t offset() const { return pos_; }

 private:
  void SkipToNextLine();
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace sutra::ingest
