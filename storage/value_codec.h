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
#include <string>
#include <string_view>

#include "storage/model.h"
#include "storage/status.h"

namespace sutra::storage::codec {

inline constexpr std::uint8_t kFormatVersion = 1;
inline constexpr std::size_t kAdjacencySize = 24;

std::array<char, 8> U64Key(std::uint64_t value);
std::uint64_t ReadU64(std::string_view bytes);  // first 8 bytes, big-endian; size asserted

std::string EncodeNode(NodeType type, const Properties& properties);
StatusOr<Node> DecodeNode(NodeId id, std::string_view bytes);

// edge.id is the key, not part of the value.
std::string EncodeEdge(const Edge& edge, std::string_view discriminator = {});
// Stores the edge's discriminator in `*discriminator` when it is given.
StatusOr<Edge> DecodeEdge(EdgeId id, std::string_view bytes, std::string* discriminator = nullptr);

std::array<char, kAdjacencySize> EncodeAdjacency(const Neighbor& neighbor);
// Corruption when the type or direction byte is unknown.
StatusOr<Neighbor> DecodeAdjacency(std::string_view bytes);

}  // namespace sutra::storage::codec
