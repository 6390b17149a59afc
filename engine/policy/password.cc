#include "engine/policy/password.h"

#include <sodium.h>

#include <string>

namespace sutra::engine::policy {

Status EnsureSodiumReady() {
  // sodium_init() is itself safe to call from several threads and more than once; the static
  // keeps its result so that the common path is one load.
  static const int initialised = sodium_init();
  if (initialised < 0) return Internal("libsodium could not be initialised (sodium_init failed)");
  return Status::Ok();
}

Status CheckPasswordRules(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("password: longer than " + std::to_string(kMaxPasswordBytes) +
                           " bytes; choose a shorter one");
  }
  std::size_t characters = 0;
  for (const char c : password) {
    // Count UTF-8 lead bytes only, so that "characters" means what a user typed.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
  }
  if (characters < kMinPasswordCharacters) {
    return InvalidArgument("password: has " + std::to_string(characters) +
                           " characters; it must have at least " +
                           std::to_string(kMinPasswordCharacters));
  }
  return Status::Ok();
}

StatusOr<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  SUTRA_RETURN_IF_ERROR(CheckPasswordRules(password));
  SUTRA_RETURN_IF_ERROR(EnsureSodiumReady());
  const bool minimal = cost == PasswordCost::kMinimal;
  const unsigned long long ops =
      minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t memory =
      minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), ops, memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("password hashing failed: Argon2id could not get its memory");
  }
  return std::string(hash);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!EnsureSodiumReady().ok()) return false;
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES - 1 characters,
  // and would also accept Argon2i hashes: only Argon2id strings are ours.
  if (hash.size() >= crypto_pwhash_STRBYTES || !hash.starts_with("$argon2id$")) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

}  // namespace sutra::engine::policy
