// The audit chain: the stored form of an entry (audit_codec.h), the chain head, and the check
// that names the first entry altered, removed or reordered.
#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "engine/policy/audit_codec.h"
#include "engine/policy/audit_log.h"

namespace sutra::engine::policy {
namespace audit_codec {
namespace {

using Json = nlohmann::json;

bool IsLowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Field readers that never throw: a tampered entry may hold any JSON at all.
Status Missing(std::string_view field, std::string_view kind) {
  return InvalidArgument(fmt::format("field \"{}\" is missing or not {}", field, kind));
}

Status ReadString(const Json& object, const char* field, std::string& out) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_string()) return Missing(field, "a string");
  out = it->get_ref<const std::string&>();
  return Status::Ok();
}

Status ReadBool(const Json& object, const char* field, bool& out) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_boolean()) return Missing(field, "true or false");
  out = it->get<bool>();
  return Status::Ok();
}

Status ReadU64(const Json& object, const char* field, std::uint64_t& out) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_number_unsigned()) return Missing(field, "a whole number");
  out = it->get<std::uint64_t>();
  return Status::Ok();
}

Status ReadIds(const Json& object, const char* field, std::vector<std::uint64_t>& out) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_array()) return Missing(field, "a list of ids");
  out.clear();
  for (const Json& id : *it) {
    if (!id.is_number_unsigned()) return Missing(field, "a list of ids");
    out.push_back(id.get<std::uint64_t>());
  }
  return Status::Ok();
}

Status ReadStrings(const Json& object, const char* field, std::vector<std::string>& out) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_array()) return Missing(field, "a list of strings");
  out.clear();
  for (const Json& text : *it) {
    if (!text.is_string()) return Missing(field, "a list of strings");
    out.push_back(text.get<std::string>());
  }
  return Status::Ok();
}

Status ReadParameters(const Json& object, std::vector<std::pair<std::string, std::string>>& out) {
  auto it = object.find("parameters");
  if (it == object.end() || !it->is_array()) return Missing("parameters", "a list of pairs");
  out.clear();
  for (const Json& pair : *it) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      return Missing("parameters", "a list of [name, value] pairs");
    }
    out.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  return Status::Ok();
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char byte : digest) hex += fmt::format("{:02x}", byte);
  return hex;
}

std::string EncodeContent(const AuditRecord& record, std::string_view prev_hash) {
  // ordered_json keeps this insertion order: the order is part of the format.
  nlohmann::ordered_json content;
  content["seq"] = record.seq;
  content["prev"] = std::string(prev_hash);
  content["time"] = record.time;
  content["user"] = record.user;
  content["role"] = record.role;
  content["jurisdiction"] = record.jurisdiction;
  content["session"] = record.session;
  content["purpose"] = record.purpose;
  content["case"] = record.case_ref;
  content["operation"] = record.operation;
  nlohmann::ordered_json parameters = nlohmann::ordered_json::array();
  for (const auto& [name, value] : record.parameters) parameters.push_back({name, value});
  content["parameters"] = std::move(parameters);
  content["allowed"] = record.allowed;
  content["rule"] = record.rule;
  content["break_glass"] = record.break_glass;
  content["reason"] = record.reason;
  content["disclosed"] = record.disclosed;
  content["disclosed_count"] = record.disclosed_count;
  content["disclosed_digest"] = record.disclosed_digest;
  content["subjects"] = record.subjects;
  content["flags"] = record.flags;
  // Invalid UTF-8 in a caller's text is replaced (U+FFFD) rather than thrown: an access is
  // never left unrecorded because of what a user typed.
  return content.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string EncodeEntry(std::string_view content) {
  std::string value = Sha256Hex(content);
  value += '\n';
  value += content;
  return value;
}

StatusOr<StoredEntry> SplitEntry(std::string_view value) {
  if (value.size() < kHashHexSize + 1 || value[kHashHexSize] != '\n') {
    return InvalidArgument("it does not start with a 64-digit hash and a newline");
  }
  const std::string_view hash = value.substr(0, kHashHexSize);
  if (!IsLowerHex(hash)) return InvalidArgument("its hash holds characters that are not hex");
  return StoredEntry{hash, value.substr(kHashHexSize + 1)};
}

StatusOr<DecodedContent> DecodeContent(std::string_view content) {
  const Json object = Json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) {
    return InvalidArgument("its content is not a JSON object");
  }
  DecodedContent out;
  AuditRecord& r = out.record;
  SUTRA_RETURN_IF_ERROR(ReadU64(object, "seq", r.seq));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "prev", out.prev));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "time", r.time));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "user", r.user));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "role", r.role));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "jurisdiction", r.jurisdiction));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "session", r.session));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "purpose", r.purpose));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "case", r.case_ref));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "operation", r.operation));
  SUTRA_RETURN_IF_ERROR(ReadParameters(object, r.parameters));
  SUTRA_RETURN_IF_ERROR(ReadBool(object, "allowed", r.allowed));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "rule", r.rule));
  SUTRA_RETURN_IF_ERROR(ReadBool(object, "break_glass", r.break_glass));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "reason", r.reason));
  SUTRA_RETURN_IF_ERROR(ReadIds(object, "disclosed", r.disclosed));
  SUTRA_RETURN_IF_ERROR(ReadU64(object, "disclosed_count", r.disclosed_count));
  SUTRA_RETURN_IF_ERROR(ReadString(object, "disclosed_digest", r.disclosed_digest));
  SUTRA_RETURN_IF_ERROR(ReadIds(object, "subjects", r.subjects));
  SUTRA_RETURN_IF_ERROR(ReadStrings(object, "flags", r.flags));
  return out;
}

}  // namespace audit_codec

namespace {

std::string RemovedRange(std::uint64_t first, std::uint64_t last) {
  return first == last ? fmt::format("entry {} is missing", first)
                       : fmt::format("entries {}..{} are missing", first, last);
}

}  // namespace

StatusOr<std::optional<ChainHead>> ReadChainHead(const storage::ReadTxn& txn) {
  SUTRA_ASSIGN_OR_RETURN(auto last, txn.LastAudit());
  if (!last) return std::optional<ChainHead>();
  auto entry = audit_codec::SplitEntry(last->second);
  if (!entry.ok()) {
    return Corruption(fmt::format("audit entry {} does not decode ({}); run `sutra audit verify`",
                                  last->first, entry.status().message()));
  }
  return std::optional<ChainHead>(ChainHead{last->first, std::string(entry->hash)});
}

std::string FormatChainHead(const ChainHead& head) {
  return fmt::format("sutra-audit-head {} {}\n", head.seq, head.hash);
}

StatusOr<ChainHead> ParseChainHead(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  constexpr std::string_view kMagic = "sutra-audit-head ";
  const std::string_view usage = "expected one line \"sutra-audit-head <seq> <hash>\"";
  if (!text.starts_with(kMagic)) {
    return InvalidArgument(fmt::format("not a chain head: {}", usage));
  }
  text.remove_prefix(kMagic.size());
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos) {
    return InvalidArgument(fmt::format("chain head without a hash: {}", usage));
  }
  const std::string_view seq_text = text.substr(0, space);
  const std::string_view hash = text.substr(space + 1);
  ChainHead head;
  auto [end, ec] = std::from_chars(seq_text.data(), seq_text.data() + seq_text.size(), head.seq);
  if (ec != std::errc() || end != seq_text.data() + seq_text.size() || head.seq == 0) {
    return InvalidArgument(
        fmt::format("chain head sequence number '{}' is not a number from 1 up", seq_text));
  }
  if (hash.size() != audit_codec::kHashHexSize || !audit_codec::IsLowerHex(hash)) {
    return InvalidArgument(
        fmt::format("chain head hash '{}' is not 64 lower-case hex digits", hash));
  }
  head.hash = std::string(hash);
  return head;
}

StatusOr<ChainCheck> VerifyAuditChain(const storage::ReadTxn& txn,
                                      const std::optional<ChainHead>& exported) {
  ChainCheck check;
  auto fail = [&check](std::uint64_t seq, std::string problem) {
    check.intact = false;
    check.first_bad = seq;
    check.problem = std::move(problem);
    return false;
  };
  std::uint64_t expected = 1;
  std::string prev_hash;      // hash stored in the entry before
  std::string exported_seen;  // hash stored in entry exported->seq, when walked past it
  Status walked = txn.ForEachAudit(1, [&](std::uint64_t seq, std::string_view value) {
    ++check.entries;
    if (seq != expected) {
      const std::string where =
          expected == 1 ? fmt::format("the log starts at entry {}", seq)
                        : fmt::format("the log goes from entry {} to entry {}", expected - 1, seq);
      return fail(expected,
                  fmt::format("{} (removed): {}", RemovedRange(expected, seq - 1), where));
    }
    ++expected;
    auto entry = audit_codec::SplitEntry(value);
    if (!entry.ok()) {
      return fail(seq, fmt::format("entry {} was altered: {}", seq, entry.status().message()));
    }
    if (audit_codec::Sha256Hex(entry->content) != entry->hash) {
      return fail(seq,
                  fmt::format("entry {} was altered: its hash does not match its content", seq));
    }
    auto content = audit_codec::DecodeContent(entry->content);
    if (!content.ok()) {
      return fail(seq, fmt::format("entry {} was altered: {}", seq, content.status().message()));
    }
    if (content->record.seq != seq) {
      return fail(seq, fmt::format("entry {} is out of place: it holds the content of entry {} "
                                   "(entries were reordered)",
                                   seq, content->record.seq));
    }
    if (content->prev != prev_hash) {
      return fail(seq, fmt::format("entry {} does not follow entry {}: the hash it names for "
                                   "the entry before differs (entries before it were altered, "
                                   "removed or rewritten)",
                                   seq, seq - 1));
    }
    prev_hash = std::string(entry->hash);
    if (exported && seq == exported->seq) exported_seen = prev_hash;
    return true;
  });
  if (!walked.ok()) return walked.WithContext("read the audit log");
  if (!check.intact || !exported) return check;

  const std::uint64_t last = expected - 1;
  if (exported->seq > last) {
    check.intact = false;
    check.first_bad = last + 1;
    check.problem =
        fmt::format("{} from the tail: the exported head names entry {}, the log ends at entry {}",
                    RemovedRange(last + 1, exported->seq), exported->seq, last);
  } else if (exported_seen != exported->hash) {
    check.intact = false;
    check.first_bad = exported->seq;
    check.problem = fmt::format(
        "entry {} differs from the exported head: the chain was rewritten up to this entry",
        exported->seq);
  }
  return check;
}

Status ForEachAuditRecord(const storage::ReadTxn& txn, std::uint64_t from,
                          const std::function<bool(const AuditRecord&)>& visit) {
  Status failed;
  Status walked = txn.ForEachAudit(from, [&](std::uint64_t seq, std::string_view value) {
    auto entry = audit_codec::SplitEntry(value);
    if (!entry.ok()) {
      failed =
          Corruption(fmt::format("audit entry {} does not decode: {}; run `sutra audit verify`",
                                 seq, entry.status().message()));
      return false;
    }
    auto content = audit_codec::DecodeContent(entry->content);
    if (!content.ok()) {
      failed =
          Corruption(fmt::format("audit entry {} does not decode: {}; run `sutra audit verify`",
                                 seq, content.status().message()));
      return false;
    }
    return visit(content->record);
  });
  SUTRA_RETURN_IF_ERROR(walked);
  return failed;
}

}  // namespace sutra::engine::policy
