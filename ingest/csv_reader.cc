#include "ingest/csv_reader.h"

namespace sutra::ingest {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

void CsvReader::SkipToNextLine() {
  while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
  if (pos_ < text_.size()) {
    ++pos_;
    ++line_;
  }
}

std::optional<CsvRecord> CsvReader::Next() {
  // Skip blank lines (LF or CRLF).
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return std::nullopt;

  CsvRecord record;
  record.line = line_;
  std::string field;
  bool quoted = false;       // inside an open quoted field
  bool after_quote = false;  // a quoted field was closed; only a separator may follow
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (quoted) {
      ++pos_;
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
      ++pos_;
      continue;
    }
    if (c == '\n' || (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ||
        (c == '\r' && pos_ + 1 == text_.size())) {
      pos_ += (c == '\r' && pos_ + 1 < text_.size()) ? 2 : 1;
      ++line_;
      record.fields.push_back(std::move(field));
      return record;
    }
    if (after_quote) {
      record.error = "text after a closing quote (a quote inside a field must be doubled: \"\")";
      SkipToNextLine();
      return record;
    }
    if (c == '"') {
      if (!field.empty()) {
        record.error =
            "a quote inside an unquoted field (enclose the field in quotes and "
            "double the inner quote)";
        SkipToNextLine();
        return record;
      }
      quoted = true;
      ++pos_;
      continue;
    }
    field.push_back(c);
    ++pos_;
  }
  if (quoted) {
    record.error = "a quoted field is not closed before the end of the file";
    return record;
  }
  record.fields.push_back(std::move(field));
  return record;
}

}  // namespace sutra::ingest
