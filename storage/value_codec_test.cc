#include "storage/value_codec.h"

#include <gtest/gtest.h>

#include <random>

namespace sutra::storage {
namespace {

TEST(ValueCodec, NodeRoundTripsEveryValueKind) {
  Properties props{{"name", std::string("Mohd. Irfan")},
                   {"age", std::int64_t{-32}},
                   {"big", std::int64_t{1} << 62},
                   {"latitude", 18.5204},
                   {"juvenile", true},
                   {"empty", std::string()}};
  std::string bytes = codec::EncodeNode(NodeType::kPersonRecord, props);
  auto node = codec::DecodeNode(42, bytes);
  ASSERT_TRUE(node.ok()) << node.status().ToString();
  EXPECT_EQ(node->id, 42u);
  EXPECT_EQ(node->type, NodeType::kPersonRecord);
  EXPECT_EQ(node->properties, props);
}

TEST(ValueCodec, EdgeRoundTripsWithProvenance) {
  Edge edge{7,
            EdgeType::kCalled,
            1,
            2,
            {{"duration_s", std::int64_t{93}}},
            {"0123/2023", "MH-PUN-0012", 5}};
  auto decoded = codec::DecodeEdge(7, codec::EncodeEdge(edge));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, edge);
}

TEST(ValueCodec, AdjacencySortsByTypeDirectionNeighbour) {
  auto a = codec::EncodeAdjacency({EdgeType::kAccusedIn, Direction::kOut, 900, 1});
  auto b = codec::EncodeAdjacency({EdgeType::kAccusedIn, Direction::kIn, 5, 2});
  auto c = codec::EncodeAdjacency({EdgeType::kUses, Direction::kOut, 1, 3});
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  auto n = codec::DecodeAdjacency({b.data(), b.size()});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, (Neighbor{EdgeType::kAccusedIn, Direction::kIn, 5, 2}));
}

// Damaged values are reported as Corruption and never read out of bounds (ASan watches).
TEST(ValueCodec, TruncatedAndRandomBytesAreCorruptionNotCrashes) {
  std::string bytes =
      codec::EncodeEdge({1, EdgeType::kUses, 3, 4, {{"k", std::string("value")}}, {"f", "s", 1}});
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto edge = codec::DecodeEdge(1, bytes.substr(0, n));
    EXPECT_FALSE(edge.ok());
    EXPECT_EQ(edge.status().code(), StatusCode::kCorruption);
  }
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string junk(rng() % 40, '\0');
    for (char& ch : junk) ch = static_cast<char>(rng());
    (void)codec::DecodeNode(1, junk).ok();
    (void)codec::DecodeEdge(1, junk).ok();
  }
}

// A scan for a few facts reads exactly the chosen properties, whatever their type, skips the
// rest, and refuses damaged bytes instead of reading past them.
TEST(ValueCodec, ReadNodePropertiesPicksOnlyTheNamedKeys) {
  const Properties props{{"age", std::int64_t{-31}},
                         {"juvenile", true},
                         {"name", std::string("Ravi, \"Kumar\"")},
                         {"registered_on", std::string("2021-07-09")},
                         {"score", 0.25}};
  const std::string bytes = codec::EncodeNode(NodeType::kPersonRecord, props);
  const std::string_view keys[] = {"registered_on", "juvenile", "absent", "age", "score"};
  std::vector<std::optional<Value>> out(std::size(keys));
  ASSERT_TRUE(codec::ReadNodeProperties(bytes, keys, out));
  EXPECT_EQ(out[0], Value(std::string("2021-07-09")));
  EXPECT_EQ(out[1], Value(true));
  EXPECT_FALSE(out[2].has_value());
  EXPECT_EQ(out[3], Value(std::int64_t{-31}));
  EXPECT_EQ(out[4], Value(0.25));
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(codec::ReadNodeProperties(bytes.substr(0, n), keys, out)) << n << " bytes";
  }
  std::mt19937 rng(11);
  for (int i = 0; i < 2000; ++i) {
    std::string junk(rng() % 40, '\0');
    for (char& ch : junk) ch = static_cast<char>(rng());
    (void)codec::ReadNodeProperties(junk, keys, out);
  }
}

}  // namespace
}  // namespace sutra::storage
