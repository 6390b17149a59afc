// AuditLog: the tamper-evident record of every access (DESIGN.md, "Policy and audit").
//
// Each access — allowed or denied — is one AuditRecord, appended to the store's `audit`
// sub-database before the answer leaves the engine. Entries form a hash chain: each names its
// own sequence number and the SHA-256 of the entry before it, and carries the SHA-256 of
// itself, so that changing, removing or reordering any entry breaks the chain at that entry
// (VerifyAuditChain). Rewriting the whole chain from some entry on is caught against a chain
// head exported earlier and kept elsewhere (ExportedHead).
//
// Entries hold no personal data beyond ids: names and other search texts a user typed are
// kept as SHA-256 digests in `parameters` by the caller where they identify a person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/policy/clock.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::policy {

// Answers disclosing more node ids than this record a count and a digest instead of the list.
inline constexpr std::size_t kMaxListedIds = 1000;

struct AuditRecord {
  // Set by AuditLog when the entry is appended.
  std::uint64_t seq = 0;
  std::string time;  // UTC, ISO-8601 with milliseconds: "2026-11-30T08:15:20.123Z"

  // Who: the principal (principal.h) as text.
  std::string user;
  std::string role;          // RoleName
  std::string jurisdiction;  // JurisdictionText
  std::string session;
  // Why: the stated purpose and the FIR it serves ("" when the operation needs none).
  std::string purpose;
  std::string case_ref;
  // What: "search", "expand", "path", "query", "export", "merge", "audit-read", "login",
  // "logout", "user-add", "user-disable", "user-passwd", "grant", "assign", "erase",
  // "retention", ... and its parameters as given (texts that name a person as digests).
  std::string operation;
  std::vector<std::pair<std::string, std::string>> parameters;
  // The decision and the rule that made it ("in-jurisdiction", "assigned-case",
  // "outside-jurisdiction:hit-only", "role:auditor-no-case-data", "break-glass", ...).
  bool allowed = false;
  std::string rule;
  bool break_glass = false;
  std::string reason;  // the break-glass reason, or why a denial happened, for the reviewer
  // What left the engine: node ids (sorted, at most kMaxListedIds), else only the count and
  // the digest (SHA-256 hex of the sorted ids as 8-byte big-endian values).
  std::vector<std::uint64_t> disclosed;
  std::uint64_t disclosed_count = 0;
  std::string disclosed_digest;
  // The Person and PersonRecord ids among the disclosed nodes, always listed (sorted), so that
  // "who looked at this person" is answerable even for large answers.
  std::vector<std::uint64_t> subjects;
  // Protection flags shown in the answer ("acquitted", "juvenile:redacted", ...), deduplicated.
  std::vector<std::string> flags;
};

// Fills `disclosed`, `disclosed_count` and `disclosed_digest` from `ids` (any order, may
// repeat) as AuditRecord describes.
void SetDisclosed(AuditRecord& record, std::vector<std::uint64_t> ids);

class AuditLog {
 public:
  // Appends go to `store`. kDeferred (the default) commits each entry without waiting for the
  // disk, and a background thread flushes within `flush_interval`; a crash of the process
  // loses nothing, a crash of the machine at most that interval. kSynced waits for the disk
  // on every entry.
  AuditLog(storage::GraphStore& store, Clock clock = SystemClock(),
           storage::GraphStore::Durability durability = storage::GraphStore::Durability::kDeferred,
           std::chrono::milliseconds flush_interval = std::chrono::milliseconds(200));
  ~AuditLog();  // flushes
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends `record` (its seq and time are set here) in a write transaction of its own and
  // returns its sequence number. Safe from any thread.
  StatusOr<std::uint64_t> Append(AuditRecord record);
  // Appends inside the caller's write transaction: for a write and its audit entry to commit
  // together or not at all.
  StatusOr<std::uint64_t> AppendIn(storage::WriteTxn& txn, AuditRecord record);
  // Flushes every entry appended so far to the disk.
  Status Sync();

 private:
  struct Flusher;
  storage::GraphStore& store_;
  Clock clock_;
  storage::GraphStore::Durability durability_;
  std::unique_ptr<Flusher> flusher_;
};

// The last entry's sequence number and hash: what an overseer exports and keeps elsewhere.
struct ChainHead {
  std::uint64_t seq = 0;
  std::string hash;  // hex SHA-256 of entry `seq`
};
StatusOr<std::optional<ChainHead>> ReadChainHead(const storage::ReadTxn& txn);
// One line "sutra-audit-head <seq> <hash>\n", and back; ParseChainHead says what is wrong.
std::string FormatChainHead(const ChainHead& head);
StatusOr<ChainHead> ParseChainHead(std::string_view text);

struct ChainCheck {
  std::uint64_t entries = 0;  // entries read
  bool intact = true;
  // When not intact: the first entry found altered, removed or reordered, and what is wrong
  // ("entry 17 was altered: its hash does not match its content").
  std::uint64_t first_bad = 0;
  std::string problem;
};
// Checks the whole chain, and against `exported` when given (a truncated tail, or a chain
// rewritten up to the exported entry). Returns an error only when the log cannot be read.
StatusOr<ChainCheck> VerifyAuditChain(const storage::ReadTxn& txn,
                                      const std::optional<ChainHead>& exported);

// Decodes every entry from `from` on, in order, until `visit` returns false. An entry that
// does not decode is an error naming its sequence number (run VerifyAuditChain).
Status ForEachAuditRecord(const storage::ReadTxn& txn, std::uint64_t from,
                          const std::function<bool(const AuditRecord&)>& visit);

}  // namespace sutra::engine::policy
