#include "algorithms/er/blocking.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace sutra::algorithms::er {

void AppendBlockEntries(const std::vector<std::string>& keys, std::uint32_t record,
                        const BlockingOptions& options, std::vector<BlockEntry>& out) {
  const std::hash<std::string_view> hasher;
  for (const std::string& key : keys) {
    std::size_t cap = options.max_block_size;
    for (const RuleCap& rule : options.rule_caps) {
      if (key.starts_with(rule.prefix)) {
        cap = std::min(rule.max_block_size, options.max_block_size);
        break;
      }
    }
    out.push_back({static_cast<std::uint64_t>(hasher(key)), record,
                   static_cast<std::uint32_t>(std::min<std::size_t>(cap, UINT32_MAX))});
  }
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> CandidatePairs(
    const std::vector<std::vector<std::string>>& keys, const BlockingOptions& options,
    BlockingStats* stats) {
  assert(keys.size() <= std::numeric_limits<std::uint32_t>::max());
  std::vector<BlockEntry> entries;
  for (std::size_t record = 0; record < keys.size(); ++record) {
    AppendBlockEntries(keys[record], static_cast<std::uint32_t>(record), options, entries);
  }
  return CandidatePairs(std::move(entries), keys.size(), options, stats);
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> CandidatePairs(std::vector<BlockEntry> entries,
                                                                    std::size_t record_count,
                                                                    const BlockingOptions& options,
                                                                    BlockingStats* stats) {
  BlockingStats local;
  // Sorted by (key hash, record): each run of equal hashes is one block, its records ascending.
  // Sorting flat integers is far cheaper than a map from strings to record lists. A key
  // repeated in one record counts once.
  std::sort(entries.begin(), entries.end(), [](const BlockEntry& x, const BlockEntry& y) {
    return x.hash != y.hash ? x.hash < y.hash : x.record < y.record;
  });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const BlockEntry& x, const BlockEntry& y) {
                              return x.hash == y.hash && x.record == y.record;
                            }),
                entries.end());

  // The blocks within their caps, as [begin, end) runs of `entries`.
  std::vector<std::pair<std::size_t, std::size_t>> blocks;
  for (std::size_t begin = 0; begin < entries.size();) {
    std::size_t end = begin + 1;
    while (end < entries.size() && entries[end].hash == entries[begin].hash) ++end;
    const std::size_t block_size = end - begin;
    ++local.keys;
    // The smallest cap wins should two rules' keys share a hash.
    std::size_t cap = options.max_block_size;
    for (std::size_t i = begin; i < end; ++i) cap = std::min<std::size_t>(cap, entries[i].cap);
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
    const std::size_t budget = options.max_pairs_per_record * record_count;
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
        pairs.emplace_back(entries[x].record, entries[y].record);
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
