#include "ingest/id_map.h"

#include <xxhash.h>

namespace sutra::ingest {
namespace {

XXH128_hash_t Hash(std::string_view id) {
  XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  if (h.high64 == 0 && h.low64 == 0) h.low64 = 1;  // (0, 0) marks an empty slot
  return h;
}

}  // namespace

void IdMap::Clear() {
  slots_.clear();
  size_ = 0;
}

void IdMap::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.high == 0 && s.low == 0) continue;
    std::size_t i = s.low & mask;
    while (slots_[i].high != 0 || slots_[i].low != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

bool IdMap::Insert(std::string_view id, std::uint64_t node) {
  if ((size_ + 1) * 10 > slots_.size() * 7) Grow();  // load factor at most 0.7
  const XXH128_hash_t h = Hash(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h.low64 & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.high == h.high64 && s.low == h.low64) return false;
    if (s.high == 0 && s.low == 0) {
      s = {h.high64, h.low64, node};
      ++size_;
      return true;
    }
  }
}

std::optional<std::uint64_t> IdMap::Find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const XXH128_hash_t h = Hash(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h.low64 & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.high == h.high64 && s.low == h.low64) return s.node;
    if (s.high == 0 && s.low == 0) return std::nullopt;
  }
}

}  // namespace sutra::ingest
