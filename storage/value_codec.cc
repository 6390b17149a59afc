#include "storage/value_codec.h"

#include <bit>
#include <cassert>
#include <cstring>
#include <optional>

namespace sutra::storage::codec {
namespace {

enum Tag : std::uint8_t { kInt = 1, kDouble = 2, kBool = 3, kString = 4 };

void PutVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void PutU64(std::string& out, std::uint64_t v) {
  auto key = U64Key(v);
  out.append(key.data(), key.size());
}

void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}

void PutProperties(std::string& out, const Properties& props) {
  PutVarint(out, props.size());
  for (const auto& [key, value] : props) {
    PutString(out, key);
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      out.push_back(kInt);
      auto u = static_cast<std::uint64_t>(*i);
      PutVarint(out, (u << 1) ^ static_cast<std::uint64_t>(*i >> 63));  // zig-zag
    } else if (const auto* d = std::get_if<double>(&value)) {
      out.push_back(kDouble);
      PutU64(out, std::bit_cast<std::uint64_t>(*d));
    } else if (const auto* b = std::get_if<bool>(&value)) {
      out.push_back(kBool);
      out.push_back(*b ? 1 : 0);
    } else {
      out.push_back(kString);
      PutString(out, std::get<std::string>(value));
    }
  }
}

// A bounds-checked cursor over an encoded value. Every read reports failure instead of reading
// past the end; the first failure sticks.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == bytes_.size(); }

  std::uint8_t Byte() {
    if (!Need(1)) return 0;
    return static_cast<std::uint8_t>(bytes_[pos_++]);
  }
  std::uint64_t U64() {
    if (!Need(8)) return 0;
    std::uint64_t v = ReadU64(bytes_.substr(pos_, 8));
    pos_ += 8;
    return v;
  }
  std::uint64_t Varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      std::uint8_t b = Byte();
      if (!ok_) return 0;
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ok_ = false;  // more than 10 bytes: not a varint we wrote
    return 0;
  }
  // The next varint-prefixed string as a view into the input (empty when malformed).
  std::string_view StringView() {
    std::uint64_t n = Varint();
    if (!ok_ || !Need(n)) return {};
    std::string_view s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  void Skip(std::uint64_t n) {
    if (Need(n)) pos_ += n;
  }
  std::string String() {
    std::uint64_t n = Varint();
    if (!ok_ || !Need(n)) return {};
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
  }

 private:
  bool Need(std::uint64_t n) {
    if (!ok_ || n > bytes_.size() - pos_) ok_ = false;
    return ok_;
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

std::optional<Properties> ReadProperties(Reader& r) {
  Properties props;
  std::uint64_t count = r.Varint();
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
    std::string key = r.String();
    switch (r.Byte()) {
      case kInt: {
        std::uint64_t z = r.Varint();
        props[key] = static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
        break;
      }
      case kDouble:
        props[key] = std::bit_cast<double>(r.U64());
        break;
      case kBool:
        props[key] = r.Byte() != 0;
        break;
      case kString:
        props[key] = r.String();
        break;
      default:
        return std::nullopt;
    }
  }
  if (!r.ok()) return std::nullopt;
  return props;
}

bool KnownNodeType(std::uint8_t t) {
  return t >= static_cast<std::uint8_t>(NodeType::kCase) &&
         t <= static_cast<std::uint8_t>(NodeType::kStation);
}
bool KnownEdgeType(std::uint8_t t) {
  return t >= static_cast<std::uint8_t>(EdgeType::kAccusedIn) &&
         t <= static_cast<std::uint8_t>(EdgeType::kCalled);
}

Status BadValue(std::string_view what, std::uint64_t id, std::string_view why) {
  return Corruption(std::string(what) + " " + std::to_string(id) + " does not decode: " +
                    std::string(why) + " (run `sutra check`, or restore from a backup)");
}

}  // namespace

std::string EncodeNode(NodeType type, const Properties& properties) {
  std::string out;
  out.push_back(static_cast<char>(kFormatVersion));
  out.push_back(static_cast<char>(type));
  PutProperties(out, properties);
  return out;
}

bool ReadNodeProperties(std::string_view bytes, std::span<const std::string_view> keys,
                        std::span<std::optional<Value>> out) {
  for (auto& value : out) value.reset();
  Reader r(bytes);
  if (r.Byte() != kFormatVersion || !KnownNodeType(r.Byte())) return false;
  const std::uint64_t count = r.Varint();
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
    const std::string_view key = r.StringView();
    std::size_t wanted = keys.size();
    for (std::size_t k = 0; k < keys.size() && k < out.size(); ++k) {
      if (keys[k] == key) wanted = k;
    }
    const std::uint8_t tag = r.Byte();
    if (tag == kInt) {
      const std::uint64_t z = r.Varint();
      if (wanted < keys.size()) out[wanted] = static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    } else if (tag == kDouble) {
      const std::uint64_t bits = r.U64();
      if (wanted < keys.size()) out[wanted] = std::bit_cast<double>(bits);
    } else if (tag == kBool) {
      const bool b = r.Byte() != 0;
      if (wanted < keys.size()) out[wanted] = b;
    } else if (tag == kString) {
      if (wanted < keys.size()) {
        out[wanted] = std::string(r.StringView());
      } else {
        r.Skip(r.Varint());
      }
    } else {
      return false;
    }
  }
  return r.ok() && r.AtEnd();
}

StatusOr<Node> DecodeNode(NodeId id, std::string_view bytes) {
  Reader r(bytes);
  if (r.Byte() != kFormatVersion) return BadValue("node", id, "unknown format version");
  std::uint8_t type = r.Byte();
  if (!KnownNodeType(type)) return BadValue("node", id, "unknown node type");
  auto props = ReadProperties(r);
  if (!props || !r.AtEnd()) return BadValue("node", id, "malformed properties");
  return Node{id, static_cast<NodeType>(type), std::move(*props)};
}

std::string EncodeEdge(const Edge& edge, std::string_view discriminator) {
  std::string out;
  out.push_back(static_cast<char>(kFormatVersion));
  out.push_back(static_cast<char>(edge.type));
  PutU64(out, edge.from);
  PutU64(out, edge.to);
  PutProperties(out, edge.properties);
  PutString(out, edge.provenance.fir);
  PutString(out, edge.provenance.station);
  PutVarint(out, edge.provenance.batch);
  PutString(out, discriminator);
  return out;
}

StatusOr<Edge> DecodeEdge(EdgeId id, std::string_view bytes, std::string* discriminator) {
  Reader r(bytes);
  if (r.Byte() != kFormatVersion) return BadValue("edge", id, "unknown format version");
  std::uint8_t type = r.Byte();
  if (!KnownEdgeType(type)) return BadValue("edge", id, "unknown edge type");
  Edge edge;
  edge.id = id;
  edge.type = static_cast<EdgeType>(type);
  edge.from = r.U64();
  edge.to = r.U64();
  auto props = ReadProperties(r);
  if (!props) return BadValue("edge", id, "malformed properties");
  edge.properties = std::move(*props);
  edge.provenance.fir = r.String();
  edge.provenance.station = r.String();
  edge.provenance.batch = r.Varint();
  std::string disc = r.String();
  if (!r.ok() || !r.AtEnd()) return BadValue("edge", id, "malformed provenance");
  if (discriminator != nullptr) *discriminator = std::move(disc);
  return edge;
}

std::array<char, kNodeFactsSize> EncodeNodeFacts(const NodeFacts& facts) {
  const auto day = static_cast<std::uint32_t>(facts.day);
  return {static_cast<char>(facts.type), static_cast<char>(facts.protection),
          static_cast<char>(day >> 24),  static_cast<char>(day >> 16),
          static_cast<char>(day >> 8),   static_cast<char>(day)};
}

bool DecodeNodeFacts(std::string_view bytes, NodeFacts* out) {
  if (bytes.size() != kNodeFactsSize || !KnownNodeType(static_cast<std::uint8_t>(bytes[0]))) {
    return false;
  }
  std::uint32_t day = 0;
  for (int i = 2; i < 6; ++i) day = (day << 8) | static_cast<std::uint8_t>(bytes[i]);
  *out = NodeFacts{static_cast<NodeType>(bytes[0]), static_cast<std::uint8_t>(bytes[1]),
                   static_cast<std::int32_t>(day)};
  return true;
}

std::array<char, kAdjacencySize> EncodeAdjacency(const Neighbor& neighbor) {
  std::array<char, kAdjacencySize> out{};
  out[0] = static_cast<char>(neighbor.type);
  out[1] = static_cast<char>(neighbor.direction);
  auto node = U64Key(neighbor.node);
  auto edge = U64Key(neighbor.edge);
  std::memcpy(out.data() + 8, node.data(), 8);
  std::memcpy(out.data() + 16, edge.data(), 8);
  return out;
}

StatusOr<Neighbor> DecodeAdjacency(std::string_view bytes) {
  if (bytes.size() != kAdjacencySize) return Corruption("adjacency entry of wrong size");
  Neighbor n;
  if (!DecodeAdjacencyInto(bytes.data(), &n)) {
    return Corruption("adjacency entry with unknown edge type or direction");
  }
  return n;
}

}  // namespace sutra::storage::codec
