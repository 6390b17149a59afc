// Digests for the audit log: a text a user typed that may name a person is recorded as its
// SHA-256, so the log answers "did anyone search for X" (hash X and compare) without holding X.
#pragma once

#include <string>
#include <string_view>

namespace sutra::engine::policy {

// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);

}  // namespace sutra::engine::policy
