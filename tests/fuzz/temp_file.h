// One scratch file per fuzzing process, for parsers whose entry point takes a path. Rewritten
// for every input and removed when the process exits normally.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace sutra::fuzz {

class ScratchFile {
 public:
  explicit ScratchFile(std::string_view suffix)
      : path_(std::filesystem::temp_directory_path() /
              ("sutra-fuzz-" + std::to_string(::getpid()) + std::string(suffix))) {}
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Replaces the file's contents with `bytes` and returns its path.
  const std::filesystem::path& Write(std::string_view bytes) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path_;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace sutra::fuzz
