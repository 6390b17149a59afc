#include "engine/policy/digest.h"

#include <sodium.h>

#include <array>

namespace sutra::engine::policy {

std::string Sha256Hex(std::string_view text) {
  [[maybe_unused]] static const int ready = sodium_init();  // once; picks implementations
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace sutra::engine::policy
