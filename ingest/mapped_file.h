// MappedFile: a whole input file as text, memory-mapped read-only. Loaders stream through it;
// its pages are page cache that the kernel can drop, not heap, so a file of any size costs the
// loader no memory of its own.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace sutra::ingest {

class MappedFile {
 public:
  // NotFound naming the file when it cannot be opened; an empty file maps to empty text.
  static StatusOr<MappedFile> Open(const std::filesystem::path& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view text() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace sutra::ingest
