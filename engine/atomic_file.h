// AtomicFile: an export file written under a temporary name beside its target and renamed
// onto it when complete, so a failed or abandoned export never leaves half a file and never
// touches an existing target. Files are created owner-readable only (they hold police
// records). Not thread-safe: one writer per file.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include "storage/status.h"

namespace sutra::engine {

namespace export_file {
namespace fs = std::filesystem;
inline std::string ErrnoText(int error) { return std::generic_category().message(error); }

// A file written under a temporary name beside `target` and renamed onto it when complete.
// The temporary file is removed when the object dies before Publish().
class AtomicFile {
 public:
  static StatusOr<std::unique_ptr<AtomicFile>> Create(const fs::path& target) {
    std::error_code ec;
    if (fs::is_directory(target, ec)) {
      return InvalidArgument(target.string() + " is a directory; name the file to write inside it");
    }
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      const int error = errno;
      return IoError("cannot create " + target.string() + ": " + ErrnoText(error) +
                     (error == ENOENT ? " (does its directory exist?)" : ""));
    }
    return std::make_unique<AtomicFile>(target, fs::path(pattern), fd);
  }

  // Takes ownership of `fd`, open on the temporary file `temp`; use Create().
  AtomicFile(fs::path target, fs::path temp, int fd)
      : target_(std::move(target)), temp_(std::move(temp)), fd_(fd) {}

  ~AtomicFile() {
    if (fd_ >= 0) close(fd_);
    if (!published_) unlink(temp_.c_str());
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Append(std::string_view text) {
    buffer_.append(text);
    return buffer_.size() >= kFlushBytes ? Flush() : Status::Ok();
  }

  // Writes what is buffered, syncs the file to disk and closes it.
  Status Close() {
    SUTRA_RETURN_IF_ERROR(Flush());
    if (fsync(fd_) != 0) return WriteError(errno);
    const int fd = std::exchange(fd_, -1);
    if (close(fd) != 0) return WriteError(errno);
    return Status::Ok();
  }

  // Renames the closed file onto the target.
  Status Publish() {
    if (rename(temp_.c_str(), target_.c_str()) != 0) {
      return IoError("cannot rename " + temp_.string() + " to " + target_.string() + ": " +
                     ErrnoText(errno));
    }
    published_ = true;
    return Status::Ok();
  }

  const fs::path& target() const { return target_; }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

  Status Flush() {
    std::string_view rest = buffer_;
    while (!rest.empty()) {
      const ssize_t n = write(fd_, rest.data(), rest.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return WriteError(errno);
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
    buffer_.clear();
    return Status::Ok();
  }

  Status WriteError(int error) const {
    return IoError("cannot write " + target_.string() + ": " + ErrnoText(error));
  }

  fs::path target_;
  fs::path temp_;
  int fd_;
  std::string buffer_;
  bool published_ = false;
};
}  // namespace export_file

using export_file::AtomicFile;

}  // namespace sutra::engine
