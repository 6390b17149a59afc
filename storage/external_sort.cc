// ExternalSorter: in-memory sort of each run by a key prefix, runs on disk, k-way merge.
#include "storage/external_sort.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>
#include <system_error>
#include <thread>

namespace sutra::storage {
namespace {

constexpr std::size_t kHeaderSize = 4;
constexpr std::size_t kMaxPart = 0xffff;
constexpr std::size_t kReadBuffer = std::size_t{1} << 20;

// One record of the arena or of a run file, by view.
struct Pair {
  std::string_view key, value;
};

std::uint16_t ReadU16(const char* p) {
  return static_cast<std::uint16_t>(static_cast<std::uint8_t>(p[0]) |
                                    static_cast<std::uint8_t>(p[1]) << 8);
}

Pair PairAt(const char* record) {
  const std::uint16_t key_size = ReadU16(record), value_size = ReadU16(record + 2);
  return {{record + kHeaderSize, key_size}, {record + kHeaderSize + key_size, value_size}};
}

// LMDB's default order (mdb_cmp_memn): memcmp over the common length, then shorter first.
int CompareBytes(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n); c != 0) return c;
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

int ComparePairs(const Pair& a, const Pair& b) {
  if (int c = CompareBytes(a.key, b.key); c != 0) return c;
  return CompareBytes(a.value, b.value);
}

// Up to 8 bytes from `p` as a big-endian integer, zero-padded.
std::uint64_t Word(const char* p, std::size_t size) {
  unsigned char bytes[8] = {};
  std::memcpy(bytes, p, std::min<std::size_t>(8, size));
  std::uint64_t v;
  std::memcpy(&v, bytes, 8);
  return __builtin_bswap64(v);
}

Status WriteAll(std::FILE* file, const char* data, std::size_t size, const std::string& path) {
  if (size != 0 && std::fwrite(data, 1, size, file) != size) {
    return IoError("cannot write sort run '" + path + "': " + std::strerror(errno) +
                   " (is the disk full?)");
  }
  return Status::Ok();
}

}  // namespace

// Reads a run file's records in order through a fixed buffer.
class ExternalSorter::RunReader {
 public:
  explicit RunReader(std::filesystem::path path) : path_(std::move(path)) {}
  ~RunReader() {
    if (file_ != nullptr) std::fclose(file_);
  }
  RunReader(const RunReader&) = delete;
  RunReader& operator=(const RunReader&) = delete;

  Status Open() {
    file_ = std::fopen(path_.c_str(), "rb");
    if (file_ == nullptr) {
      return IoError("cannot read sort run '" + path_.string() + "': " + std::strerror(errno));
    }
    buffer_.resize(kReadBuffer);
    return Next();
  }
  bool done() const { return done_; }
  const Pair& current() const { return current_; }

  // Moves to the next record; done() once the file is exhausted.
  Status Next() {
    pos_ = next_;
    SUTRA_RETURN_IF_ERROR(Ensure(kHeaderSize));
    if (end_ - pos_ < kHeaderSize) {
      if (end_ != pos_) return Corruption("sort run '" + path_.string() + "' is truncated");
      done_ = true;
      return Status::Ok();
    }
    const std::size_t size = kHeaderSize + ReadU16(&buffer_[pos_]) + ReadU16(&buffer_[pos_ + 2]);
    SUTRA_RETURN_IF_ERROR(Ensure(size));
    if (end_ - pos_ < size) return Corruption("sort run '" + path_.string() + "' is truncated");
    current_ = PairAt(&buffer_[pos_]);
    next_ = pos_ + size;
    return Status::Ok();
  }

 private:
  // Makes at least `size` bytes from pos_ available, unless the file ends first.
  Status Ensure(std::size_t size) {
    if (end_ - pos_ >= size || eof_) return Status::Ok();
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    next_ -= pos_;
    pos_ = 0;
    if (buffer_.size() < size) buffer_.resize(size);
    while (end_ < buffer_.size() && !eof_) {
      const std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
      end_ += got;
      if (got == 0) {
        if (std::ferror(file_)) return IoError("cannot read sort run '" + path_.string() + "'");
        eof_ = true;
      }
    }
    return Status::Ok();
  }

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, next_ = 0, end_ = 0;
  bool eof_ = false, done_ = false;
  Pair current_;
};

ExternalSorter::ExternalSorter(std::filesystem::path dir, std::string name,
                               std::size_t budget_bytes, std::size_t key_size)
    : dir_(std::move(dir)),
      name_(std::move(name)),
      budget_bytes_(budget_bytes),
      key_size_(key_size) {}

ExternalSorter::~ExternalSorter() {
  static_cast<void>(WaitForSpill());  // the run files are removed below either way
  std::error_code ec;
  for (const auto& run : runs_) std::filesystem::remove(run, ec);
}

Status ExternalSorter::Add(std::string_view key, std::string_view value) {
  if (key.size() > kMaxPart || value.size() > kMaxPart) {
    return InvalidArgument("a sorted pair is longer than 65,535 bytes");
  }
  if (key_size_ != 0 && key.size() != key_size_) {
    return Internal("sorter " + name_ + " takes keys of " + std::to_string(key_size_) + " bytes");
  }
  // Reserved once: growing by doubling would copy the arena and touch fresh pages each time.
  if (arena_.capacity() < SpillAt()) arena_.reserve(SpillAt() + SpillAt() / 4);
  const char header[kHeaderSize] = {
      static_cast<char>(key.size() & 0xff), static_cast<char>(key.size() >> 8),
      static_cast<char>(value.size() & 0xff), static_cast<char>(value.size() >> 8)};
  arena_.insert(arena_.end(), header, header + kHeaderSize);
  arena_.insert(arena_.end(), key.begin(), key.end());
  arena_.insert(arena_.end(), value.begin(), value.end());
  ++pending_pairs_;
  return Status::Ok();
}

void ExternalSorter::Rollback() {
  arena_.resize(committed_bytes_);
  pending_pairs_ = 0;
}

Status ExternalSorter::Commit() {
  arena_pairs_ += pending_pairs_;
  pending_pairs_ = 0;
  committed_bytes_ = arena_.size();
  if (arena_.size() < SpillAt()) return Status::Ok();
  // The full arena is sorted and written by a background thread while pairs go on arriving
  // in the other one (whose capacity the last spill left).
  SUTRA_RETURN_IF_ERROR(WaitForSpill());
  std::swap(arena_, spilling_);
  const std::uint64_t pairs = arena_pairs_;
  arena_.clear();
  committed_bytes_ = 0;
  arena_pairs_ = 0;
  const std::filesystem::path path = NextRunPath();
  spiller_ = std::thread([this, pairs, path] { spill_status_ = WriteRun(spilling_, pairs, path); });
  return Status::Ok();
}

Status ExternalSorter::WaitForSpill() {
  if (spiller_.joinable()) spiller_.join();
  Status status = std::move(spill_status_);
  spill_status_ = Status::Ok();
  return status;
}

namespace {

// Each entry carries the first 24 bytes of its record's order as integers, so that most
// comparisons touch no record: with keys of one size, key and value concatenated order as
// (key, value) does; with keys of varying size, only the first 8 key bytes can be used. Equal
// words fall back to comparing the records in full.
template <typename Entry>
Entry MakeEntry(const Pair& p, std::size_t offset, std::size_t key_size) {
  Entry e{{0, 0, 0}, offset};
  if (key_size == 0) {
    e.words[0] = Word(p.key.data(), p.key.size());
    return e;
  }
  char bytes[24] = {};
  const std::size_t from_key = std::min<std::size_t>(24, p.key.size());
  std::memcpy(bytes, p.key.data(), from_key);
  std::memcpy(bytes + from_key, p.value.data(), std::min(24 - from_key, p.value.size()));
  for (int i = 0; i < 3; ++i) e.words[i] = Word(bytes + 8 * i, 8);
  return e;
}

std::size_t RecordSize(const Pair& p) { return kHeaderSize + p.key.size() + p.value.size(); }

}  // namespace

void ExternalSorter::SortRecords(const Arena& arena, std::uint64_t pairs) {
  entries_.clear();
  entries_.reserve(pairs);
  for (std::size_t pos = 0; pos < arena.size();) {
    const Pair p = PairAt(&arena[pos]);
    entries_.push_back(MakeEntry<SortEntry>(p, pos, key_size_));
    pos += RecordSize(p);
  }
  std::sort(entries_.begin(), entries_.end(), [&](const SortEntry& a, const SortEntry& b) {
    for (int i = 0; i < 3; ++i) {
      if (a.words[i] != b.words[i]) return a.words[i] < b.words[i];
    }
    return ComparePairs(PairAt(&arena[a.offset]), PairAt(&arena[b.offset])) < 0;
  });
}

std::filesystem::path ExternalSorter::NextRunPath() {
  runs_.push_back(dir_ / (name_ + "." + std::to_string(runs_.size()) + ".run"));
  return runs_.back();
}

Status ExternalSorter::WriteRun(Arena& arena, std::uint64_t pairs,
                                const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return IoError("cannot create sort directory '" + dir_.string() + "': " + ec.message());
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return IoError("cannot create sort run '" + path.string() + "': " + std::strerror(errno));
  }
  std::vector<char> out;
  out.reserve(kReadBuffer);
  Status status;
  SortRecords(arena, pairs);
  for (const SortEntry& e : entries_) {
    const char* record = &arena[e.offset];
    const std::size_t size = RecordSize(PairAt(record));
    if (out.size() + size > kReadBuffer) {
      status = WriteAll(file, out.data(), out.size(), path.string());
      if (!status.ok()) break;
      out.clear();
    }
    out.insert(out.end(), record, record + size);
  }
  if (status.ok()) status = WriteAll(file, out.data(), out.size(), path.string());
  if (std::fclose(file) != 0 && status.ok()) {
    status = IoError("cannot write sort run '" + path.string() + "' (is the disk full?)");
  }
  arena.clear();  // keeps its capacity for the next run
  return status;
}

Status ExternalSorter::Merge(
    const std::function<Status(std::string_view, std::string_view)>& visit) {
  Rollback();  // only committed pairs are merged
  SUTRA_RETURN_IF_ERROR(WaitForSpill());
  std::string last;  // the previous pair's key and value, back to back
  std::size_t last_key_size = 0;
  bool any = false;
  auto emit = [&](const Pair& p) -> Status {
    // Key and value are adjacent in every record, so one comparison covers both.
    const std::string_view record(p.key.data(), p.key.size() + p.value.size());
    if (any && p.key.size() == last_key_size && record == last) return Status::Ok();
    any = true;
    last.assign(record);
    last_key_size = p.key.size();
    return visit(p.key, p.value);
  };
  if (runs_.empty()) {  // everything fits in memory: no file at all
    SortRecords(arena_, arena_pairs_);
    for (const SortEntry& e : entries_) SUTRA_RETURN_IF_ERROR(emit(PairAt(&arena_[e.offset])));
    arena_ = {};
    entries_ = {};
    return Status::Ok();
  }
  if (arena_pairs_ != 0) {
    SUTRA_RETURN_IF_ERROR(WriteRun(arena_, arena_pairs_, NextRunPath()));
    arena_pairs_ = 0;
    committed_bytes_ = 0;
  }
  arena_ = {};
  spilling_ = {};
  entries_ = {};
  std::vector<std::unique_ptr<RunReader>> readers;
  for (const auto& run : runs_) {
    readers.push_back(std::make_unique<RunReader>(run));
    SUTRA_RETURN_IF_ERROR(readers.back()->Open());
  }
  auto greater = [&](std::size_t a, std::size_t b) {
    return ComparePairs(readers[a]->current(), readers[b]->current()) > 0;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(greater)> heap(greater);
  for (std::size_t i = 0; i < readers.size(); ++i) {
    if (!readers[i]->done()) heap.push(i);
  }
  while (!heap.empty()) {
    const std::size_t i = heap.top();
    heap.pop();
    SUTRA_RETURN_IF_ERROR(emit(readers[i]->current()));
    SUTRA_RETURN_IF_ERROR(readers[i]->Next());
    if (!readers[i]->done()) heap.push(i);
  }
  return Status::Ok();
}

}  // namespace sutra::storage
