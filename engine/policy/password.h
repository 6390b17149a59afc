// Passwords: the rules a new password must meet, and its Argon2id hash (libsodium), the only
// form in which a credential is stored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace sutra::engine::policy {

// How much work one hash costs. kInteractive (libsodium's interactive limits: 2 passes over
// 64 MiB) is for real accounts: slow enough to make guessing a stolen hash expensive, fast
// enough for a login. kMinimal (1 pass over 8 KiB) exists for tests only: it offers no
// protection. The cost is recorded in the hash itself, so verifying needs no option.
enum class PasswordCost { kInteractive, kMinimal };

inline constexpr std::size_t kMinPasswordCharacters = 12;
// Longer input is refused rather than hashed, so that no one makes the server hash megabytes.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// OK when `password` has at least kMinPasswordCharacters characters (UTF-8 code points) and at
// most kMaxPasswordBytes bytes; otherwise InvalidArgument saying what is wrong.
Status CheckPasswordRules(std::string_view password);

// The Argon2id hash of `password` in libsodium's string form
// ("$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>"), with a fresh random salt. Checks
// CheckPasswordRules first. Internal when libsodium cannot start or runs out of memory.
StatusOr<std::string> HashPassword(std::string_view password,
                                   PasswordCost cost = PasswordCost::kInteractive);

// True when `password` matches `hash` (a string HashPassword produced). False for a wrong
// password and for a hash that is not an Argon2id string: a damaged record never lets anyone in.
bool VerifyPassword(std::string_view hash, std::string_view password);

// Whether libsodium is ready (sodium_init ran, once per process). Called by everything in the
// policy library that uses libsodium.
Status EnsureSodiumReady();

}  // namespace sutra::engine::policy
