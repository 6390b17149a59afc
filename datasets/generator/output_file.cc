#include "datasets/generator/output_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace sutra::gen {

StatusOr<std::unique_ptr<OutputFile>> OutputFile::Create(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return IoError(
        fmt::format("{}: cannot create the file: {}", path.string(), std::strerror(errno)));
  }
  return std::unique_ptr<OutputFile>(new OutputFile(file, path));
}

OutputFile::OutputFile(std::FILE* file, std::filesystem::path path)
    : file_(file), path_(std::move(path)) {
  buffer_.reserve(kFlushAt + (1 << 16));
}

OutputFile::~OutputFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status OutputFile::Flush() {
  if (buffer_.empty()) return Status::Ok();
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return IoError(fmt::format("{}: write failed: {}", path_.string(), std::strerror(errno)));
  }
  bytes_written_ += buffer_.size();
  buffer_.clear();
  return Status::Ok();
}

Status OutputFile::Close() {
  Status status = Flush();
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (status.ok() && rc != 0) {
    status = IoError(fmt::format("{}: close failed: {}", path_.string(), std::strerror(errno)));
  }
  return status;
}

void AppendCsvField(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(value);
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendJsonString(std::string& out, std::string_view value) {
  out += '"';
  std::size_t clean = 0;  // start of the run not yet copied
  for (std::size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(value.substr(clean, i - clean));
    clean = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(value.substr(clean));
  out += '"';
}

}  // namespace sutra::gen
