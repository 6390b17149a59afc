// A file written through a large in-memory buffer: callers append text to buffer() and call
// MaybeFlush() after each row; the buffer goes to the file with one fwrite() whenever it holds
// more than a few megabytes. Also the text escaping that the sinks share.
//
// Thread safety: an OutputFile belongs to one thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace sutra::gen {

class OutputFile {
 public:
  // Creates or truncates `path`.
  static StatusOr<std::unique_ptr<OutputFile>> Create(const std::filesystem::path& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::string& buffer() { return buffer_; }
  Status MaybeFlush() { return buffer_.size() >= kFlushAt ? Flush() : Status::Ok(); }
  // Flushes and closes; the file is complete only if this returns OK.
  Status Close();
  std::uint64_t bytes_written() const { return bytes_written_; }

 private:
  static constexpr std::size_t kFlushAt = 4 << 20;
  OutputFile(std::FILE* file, std::filesystem::path path);
  Status Flush();

  std::FILE* file_;
  std::filesystem::path path_;
  std::string buffer_;
  std::uint64_t bytes_written_ = 0;
};

// Appends `value` as one CSV field: as it is, or in double quotes (with quotes doubled) when it
// holds a comma, a quote or a line break (RFC 4180).
void AppendCsvField(std::string& out, std::string_view value);

// Appends `value` as a JSON string literal (quotes, backslashes and control characters escaped;
// other UTF-8 passes through).
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace sutra::gen
