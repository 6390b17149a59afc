#include "storage/lmdb_util.h"

#include <xxhash.h>

#include <cstdio>

#include "storage/value_codec.h"

namespace sutra::storage::lmdb {
namespace {

constexpr std::size_t kMaxKeyBytes = 480;

}  // namespace

Status Error(std::string_view operation, int rc) {
  std::string message = std::string(operation) + ": " + mdb_strerror(rc);
  if (rc == MDB_MAP_FULL) message += " (the database map is full)";
  return IoError(std::move(message));
}

StatusOr<std::optional<std::string_view>> Get(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
  if (rc != 0) return Error("read", rc);
  return std::optional<std::string_view>(View(v));
}

std::string BoundedKey(std::string key) {
  if (key.size() <= kMaxKeyBytes) return key;
  char hash[20];
  std::snprintf(hash, sizeof hash, "#%016llx",
                static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  key.resize(kMaxKeyBytes - 17);
  key += hash;
  return key;
}

std::string NodeKey(NodeType type, std::string_view key) {
  std::string k(1, static_cast<char>(type));
  k += key;
  return BoundedKey(std::move(k));
}

std::string EdgeKey(EdgeType type, NodeId from, NodeId to, const Provenance& provenance,
                    std::string_view discriminator) {
  // The key is a 128-bit hash of the natural key's parts: 16 bytes instead of 40-100 keeps the
  // index small and its pages dense. Parts are length-prefixed so no two part lists hash the
  // same input; a collision of XXH3-128 is not a practical concern (2^-64 at 2^32 edges).
  std::string k(1, static_cast<char>(type));
  auto f = codec::U64Key(from);
  auto t = codec::U64Key(to);
  k.append(f.data(), 8);
  k.append(t.data(), 8);
  for (std::string_view part :
       {std::string_view(provenance.fir), std::string_view(provenance.station), discriminator}) {
    auto length = codec::U64Key(part.size());
    k.append(length.data(), 8);
    k += part;
  }
  XXH128_hash_t hash = XXH3_128bits(k.data(), k.size());
  auto high = codec::U64Key(hash.high64), low = codec::U64Key(hash.low64);
  std::string key(high.data(), 8);
  key.append(low.data(), 8);
  return key;
}

}  // namespace sutra::storage::lmdb
