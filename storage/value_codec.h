// The on-disk encoding of Sutra's LMDB values (format version 1).
//
// Keys are 8-byte big-endian ids so that LMDB's byte order is id order.
//
// Node value:  u8 format(=1) | u8 NodeType | properties
// Edge value:  u8 format(=1) | u8 EdgeType | u64be from | u64be to | properties |
//              varint-string fir | varint-string station | varint batch |
//              varint-string discriminator (tells apart edges one FIR asserts more than once)
// properties:  varint count | count x (varint-string key | u8 tag | payload), keys ascending
//              tag 1 int64:  zig-zag varint        tag 2 double: 8 bytes IEEE-754, big-endian
//              tag 3 bool:   u8 0/1                tag 4 string: varint length | UTF-8 bytes
// varint:      unsigned LEB128 (7 bits per byte, low group first)
// Adjacency:   24 bytes, fixed (MDB_DUPFIXED): u8 EdgeType | u8 Direction | 6 zero bytes |
//              u64be neighbour id | u64be edge id. memcmp order = (type, direction, neighbour).
//
// Decoding never trusts its input: a truncated or malformed value yields Corruption naming the
// id, never a crash or an out-of-bounds read.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "storage/model.h"
#include "storage/status.h"

namespace sutra::storage::codec {

inline constexpr std::uint8_t kFormatVersion = 1;
inline constexpr std::size_t kAdjacencySize = 24;

inline std::array<char, 8> U64Key(std::uint64_t value) {
  std::array<char, 8> key;
  for (int i = 7; i >= 0; --i) {
    key[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return key;
}
// The first 8 bytes, big-endian. The caller guarantees there are 8.
inline std::uint64_t ReadU64(std::string_view bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<std::uint8_t>(bytes[i]);
  return v;
}

std::string EncodeNode(NodeType type, const Properties& properties);
StatusOr<Node> DecodeNode(NodeId id, std::string_view bytes);
// Reads only the properties named in `keys` from an encoded node, skipping the rest without
// building them: out[k] holds the value of keys[k], or nothing when the node lacks it. For
// scans that need a few facts of millions of nodes. False when the bytes are malformed.
bool ReadNodeProperties(std::string_view bytes, std::span<const std::string_view> keys,
                        std::span<std::optional<Value>> out);

// edge.id is the key, not part of the value.
std::string EncodeEdge(const Edge& edge, std::string_view discriminator = {});
// Stores the edge's discriminator in `*discriminator` when it is given.
StatusOr<Edge> DecodeEdge(EdgeId id, std::string_view bytes, std::string* discriminator = nullptr);

// Node facts (NodeFacts), 6 bytes: u8 NodeType | u8 protection bits | i32be day.
inline constexpr std::size_t kNodeFactsSize = 6;
std::array<char, kNodeFactsSize> EncodeNodeFacts(const NodeFacts& facts);
// False (and *out untouched) when the entry is not 6 bytes or names an unknown type.
bool DecodeNodeFacts(std::string_view bytes, NodeFacts* out);

std::array<char, kAdjacencySize> EncodeAdjacency(const Neighbor& neighbor);
// Corruption when the type or direction byte is unknown.
StatusOr<Neighbor> DecodeAdjacency(std::string_view bytes);
// The same for hot loops: false (and *out untouched) when the entry is malformed.
inline bool DecodeAdjacencyInto(const char* entry, Neighbor* out) {
  const auto type = static_cast<std::uint8_t>(entry[0]);
  const auto direction = static_cast<std::uint8_t>(entry[1]);
  if (type < static_cast<std::uint8_t>(EdgeType::kAccusedIn) ||
      type > static_cast<std::uint8_t>(EdgeType::kCalled) || (direction != 1 && direction != 2)) {
    return false;
  }
  *out = Neighbor{static_cast<EdgeType>(type), static_cast<Direction>(direction),
                  ReadU64({entry + 8, 8}), ReadU64({entry + 16, 8})};
  return true;
}

}  // namespace sutra::storage::codec
