// The stored form of one audit entry (private to sutra_policy; audit_log.h is the public face).
//
// Layout of a value in the `audit` sub-database (key: the 8-byte big-endian sequence number):
//
//   <64 lower-case hex digits: SHA-256 of CONTENT> '\n' <CONTENT>
//
// CONTENT is the entry as canonical JSON: one line, keys in the fixed order of EncodeContent,
// no insignificant space. It names its own sequence number ("seq") and the hash of the entry
// before it ("prev", "" for entry 1), so that the hash of an entry covers its position and
// everything before it. The hash is over CONTENT's bytes as stored: a verifier never needs to
// re-encode an entry, so a later change of the encoder cannot make old entries look altered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/policy/audit_log.h"
#include "storage/status.h"

namespace sutra::engine::policy::audit_codec {

inline constexpr std::size_t kHashHexSize = 64;

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// The canonical JSON of `record` chained after an entry whose hash is `prev_hash`.
std::string EncodeContent(const AuditRecord& record, std::string_view prev_hash);
// The stored value: the hash of `content`, a newline, `content`.
std::string EncodeEntry(std::string_view content);

struct StoredEntry {
  std::string_view hash;     // as stored; not checked against content here
  std::string_view content;  // the canonical JSON
};
// Splits a stored value. InvalidArgument saying what is wrong when it is not
// "<64 hex digits>\n<content>".
StatusOr<StoredEntry> SplitEntry(std::string_view value);

struct DecodedContent {
  AuditRecord record;
  std::string prev;  // the previous entry's hash as this entry names it
};
// Decodes CONTENT. InvalidArgument naming the field when it is not an entry.
StatusOr<DecodedContent> DecodeContent(std::string_view content);

}  // namespace sutra::engine::policy::audit_codec
