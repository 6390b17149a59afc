#include "algorithms/er/blocking.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>
#include <string_view>
#include <unordered_map>

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
  // The cap of each key's block; the smallest wins should two rules' keys share a hash.
  auto cap_of = [&](const std::string& key) {
    for (const RuleCap& rule : options.rule_caps) {
      if (key.starts_with(rule.prefix)) {
        return std::min(rule.max_block_size, options.max_block_size);
      }
    }
    return options.max_block_size;
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  entries.reserve(entry_count);
  std::unordered_map<std::uint64_t, std::size_t> tighter_caps;
  const std::hash<std::string_view> hasher;
  for (std::size_t record = 0; record < keys.size(); ++record) {
    for (const std::string& key : keys[record]) {
      const auto hash = static_cast<std::uint64_t>(hasher(key));
      entries.emplace_back(hash, static_cast<std::uint32_t>(record));
      if (const std::size_t cap = cap_of(key); cap < options.max_block_size) {
        auto [it, added] = tighter_caps.emplace(hash, cap);
        if (!added) it->second = std::min(it->second, cap);
      }
    }
  }
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());

  // The blocks within their caps, as [begin, end) runs of `entries`.
  std::vector<std::pair<std::size_t, std::size_t>> blocks;
  for (std::size_t begin = 0; begin < entries.size();) {
    std::size_t end = begin + 1;
    while (end < entries.size() && entries[end].first == entries[begin].first) ++end;
    const std::size_t block_size = end - begin;
    ++local.keys;
    const auto tighter = tighter_caps.find(entries[begin].first);
    const std::size_t cap =
        tighter == tighter_caps.end() ? options.max_block_size : tighter->second;
    if (block_size > cap) {
      ++local.blocks_skipped;
      local.records_in_skipped += block_size;
    } else if (block_size > 1) {
      blocks.emplace_back(begin, end);
    }
    begin = end;
  }
  auto pairs_of = [](const std::pair<std::size_t, std::size_t>& block) {
    const std::size_t n = block.second - block.first;
    return n * (n - 1) / 2;
  };
  // The pair budget: the smallest blocks first, up to the largest block size whose blocks,
  // with all smaller ones, stay within it.
  if (options.max_pairs_per_record > 0) {
    std::stable_sort(blocks.begin(), blocks.end(), [](const auto& x, const auto& y) {
      return x.second - x.first < y.second - y.first;
    });
    const std::size_t budget = options.max_pairs_per_record * keys.size();
    std::size_t total = 0, keep = 0;
    for (std::size_t i = 0; i < blocks.size();) {
      std::size_t j = i, size_pairs = 0;
      while (j < blocks.size() &&
             blocks[j].second - blocks[j].first == blocks[i].second - blocks[i].first) {
        size_pairs += pairs_of(blocks[j++]);
      }
      if (total + size_pairs > budget) break;
      total += size_pairs;
      keep = i = j;
    }
    for (std::size_t i = keep; i < blocks.size(); ++i) {
      ++local.blocks_over_budget;
      local.records_in_skipped += blocks[i].second - blocks[i].first;
    }
    blocks.resize(keep);
  }
  std::size_t block_pairs = 0;
  for (const auto& block : blocks) block_pairs += pairs_of(block);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(block_pairs);
  for (const auto& [begin, end] : blocks) {
    for (std::size_t x = begin; x < end; ++x) {
      for (std::size_t y = x + 1; y < end; ++y) {
        pairs.emplace_back(entries[x].second, entries[y].second);
      }
    }
  }
  local.block_pairs = block_pairs;

  // Records sharing several keys appear once per shared key.
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  local.pairs = pairs.size();
  if (stats != nullptr) *stats = local;
  return pairs;
}

}  // namespace sutra::algorithms::er
