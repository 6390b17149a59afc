// IdMap: the ids a bundle gives its own rows (location ids such as "L0001234"), mapped to the
// node ids they were stored under, for rows of later files that refer to them.
//
// A bundle of a million FIRs holds millions of such ids, looked up at random, so the map is a
// flat open-addressing table of 24-byte slots (a 128-bit hash of the id, the node id) rather
// than a node-based std::unordered_map of strings: about a third of the memory and one cache
// miss per lookup. Two different ids share a 128-bit hash with negligible probability.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sutra::ingest {

class IdMap {
 public:
  // False (and nothing changed) when `id` is in the map already.
  bool Insert(std::string_view id, std::uint64_t node);
  std::optional<std::uint64_t> Find(std::string_view id) const;
  bool Contains(std::string_view id) const { return Find(id).has_value(); }
  void Clear();

 private:
  struct Slot {
    std::uint64_t high = 0, low = 0;  // hash of the id; both 0: empty
    std::uint64_t node = 0;
  };
  void Grow();
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace sutra::ingest
