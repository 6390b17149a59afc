// Blocking: which record pairs are worth comparing at all.
//
// Comparing every pair of a million records is half a trillion comparisons; blocking keeps only
// pairs that share a cheap key (a phonetic name key, a phone number, a birth year and district).
// The caller builds the keys, one list per record, and prefixes each with the rule that made it
// ("ph:" + phonetic key, "tel:" + phone), so that equal strings from different rules do not meet.
// Several rules are thus unioned in one call.
//
// A key shared by very many records (a frequent surname, a police station's or a lawyer's phone)
// says little and would produce millions of pairs; blocks above BlockingOptions::max_block_size
// are therefore skipped and counted, so the caller can report them.
//
// Keys are compared by a 64-bit hash of their bytes. Two different keys with the same hash would
// only add pairs (never lose any); at a few million keys the chance is about 1e-6.
//
// Pure function; safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sutra::algorithms::er {

// A tighter cap for the keys of one rule, named by the prefix its keys start with.
struct RuleCap {
  std::string prefix;
  std::size_t max_block_size = 0;
};

struct BlockingOptions {
  // Blocks larger than this are not expanded into pairs (a common key such as a frequent
  // surname or a hub phone would otherwise explode); they are counted in BlockingStats.
  std::size_t max_block_size = 300;
  // Rules whose keys say less than the rest (one name word alone) are only worth expanding
  // while their blocks are small; the first matching prefix applies, capped by max_block_size.
  std::vector<RuleCap> rule_caps;
  // At most this many pairs per record from all blocks together (0: no limit). Blocks are taken
  // smallest first (the most specific keys), up to the largest block size that keeps the total
  // within the budget, so the cost of a run grows linearly with its records while small data
  // sets keep every block.
  std::size_t max_pairs_per_record = 0;
};

struct BlockingStats {
  std::size_t keys = 0;                // distinct keys over all records
  std::size_t blocks_skipped = 0;      // distinct keys held by more than max_block_size records
  std::size_t blocks_over_budget = 0;  // blocks within their cap left out by the pair budget
  std::size_t records_in_skipped = 0;  // summed over skipped blocks (a record may count twice)
  std::size_t block_pairs = 0;         // pairs of the blocks kept, counted once per block
  std::size_t pairs = 0;               // size of the returned vector
};

// keys[i]: the blocking keys of record i (any strings; callers prefix each with its rule, e.g.
// "ph:" + phonetic key). Returns every pair (i < j) that shares at least one key in a block of
// at most max_block_size records (and within the pair budget), each pair once, sorted.
//
// A key repeated within one record counts once; an empty key is a key like any other, so callers
// should not emit keys for missing fields. `stats`, if not null, is overwritten. Record indices
// must fit in 32 bits (asserted).
std::vector<std::pair<std::uint32_t, std::uint32_t>> CandidatePairs(
    const std::vector<std::vector<std::string>>& keys, const BlockingOptions& options = {},
    BlockingStats* stats = nullptr);

// The same from keys already hashed, for callers with many records: a record's keys need not
// be kept as text, and records can be keyed on several threads.
struct BlockEntry {
  std::uint64_t hash = 0;  // of the key's text
  std::uint32_t record = 0;
  std::uint32_t cap = 0;  // the largest block its rule expands (BlockingOptions)
};
// Appends one entry per key of `record` to `out`.
void AppendBlockEntries(const std::vector<std::string>& keys, std::uint32_t record,
                        const BlockingOptions& options, std::vector<BlockEntry>& out);
// Entries of any number of records in any order; record indices below record_count.
std::vector<std::pair<std::uint32_t, std::uint32_t>> CandidatePairs(std::vector<BlockEntry> entries,
                                                                    std::size_t record_count,
                                                                    const BlockingOptions& options,
                                                                    BlockingStats* stats = nullptr);

}  // namespace sutra::algorithms::er
