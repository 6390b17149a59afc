#include "algorithms/er/blocking.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>
#include <string_view>

namespace sutra::algorithms::er {

std::vector<std::pair<std::uint32_t, std::uint32_t>> CandidatePairs(
    const std::vector<std::vector<std::string>>& keys, const BlockingOptions& options,
    BlockingStats* stats) {
  assert(keys.size() <= std::numeric_limits<std::uint32_t>::max());
  BlockingStats local;

  // (key hash, record), sorted: each run of equal hashes is one block, its records ascending.
  // Sorting flat integers is far cheaper than a map from strings to record lists.
  std::size_t entry_count = 0;
  for (const auto& record_keys : keys) entry_count += record_keys.size();
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  entries.reserve(entry_count);
  const std::hash<std::string_view> hasher;
  for (std::size_t record = 0; record < keys.size(); ++record) {
    for (const std::string& key : keys[record]) {
      entries.emplace_back(static_cast<std::uint64_t>(hasher(key)),
                           static_cast<std::uint32_t>(record));
    }
  }
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());

  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::size_t begin = 0; begin < entries.size();) {
    std::size_t end = begin + 1;
    while (end < entries.size() && entries[end].first == entries[begin].first) ++end;
    const std::size_t block_size = end - begin;
    ++local.keys;
    if (block_size > options.max_block_size) {
      ++local.blocks_skipped;
      local.records_in_skipped += block_size;
    } else {
      for (std::size_t x = begin; x < end; ++x) {
        for (std::size_t y = x + 1; y < end; ++y) {
          pairs.emplace_back(entries[x].second, entries[y].second);
        }
      }
    }
    begin = end;
  }

  // Records sharing several keys appear once per shared key.
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  local.pairs = pairs.size();
  if (stats != nullptr) *stats = local;
  return pairs;
}

}  // namespace sutra::algorithms::er
