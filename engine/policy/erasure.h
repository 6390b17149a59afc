// Erasure and pseudonymisation of person records (DESIGN.md, "Policy and audit"; issue 8).
//
// EraseRecord removes a PersonRecord and everything that exists only because of it, in one
// write transaction with its audit tombstone, so that either both are stored or neither:
//   - the record node with every edge touching it, its natural key, its name terms and its
//     blocking keys (storage::WriteTxn::DeleteNode);
//   - the Person it was resolved to (SAME_AS) when no other record is left on that Person,
//     with the Person's own edges; a Person that keeps records gets its "records" count and
//     its "name" (the most common name among the records left) recomputed, so that the erased
//     record's name does not survive on it;
//   - Phone, Vehicle and Location nodes that the record (or its deleted Person) linked to and
//     that are left with no edge at all: they existed only as that person's attributes (a phone
//     with call records or a vehicle seized in a case keeps its edges and stays);
//   - the entity-resolution state entries naming the record (er/decision/A/B, er/review/A/B,
//     engine/er/er_state.h): a reviewer's decision or a queued pair about a record that no
//     longer exists can never apply again, and a decision's note is free text that may
//     describe the person.
// The tombstone (operation "erase") holds ids and counts only: node id, node type, the reason
// code, the number of links removed, the Person deleted, the state entries and orphaned nodes
// removed. No name, phone or other personal data.
//
// PseudonymiseRecord keeps a record's case links and protection flags but replaces everything
// that identifies the person:
//   - properties are rebuilt from a fixed list of kept keys (record_id, station_code,
//     fir_number, gender, the protection flags); "name" becomes the pseudonym
//     "pseudonym:<16 hex>" (the first 8 bytes of a BLAKE2b-256 of "STATION|FIR|RECORD_ID" keyed
//     with a per-database secret kept in engine state "policy/pseudonym_key"), "age" and
//     "birth_year" become "age_band" ("30-39"), and "pseudonymised" is set true. Everything else
//     (alias, relative_name, phone, dob, identity numbers, any key not on the list) goes;
//   - its SAME_AS, USES, OWNS, DROVE and RESIDES_AT edges are removed (they lead back to the
//     name, phone, vehicle and address), with the same Person / orphan / ER-state clean-up as
//     erasure; the role edges to its cases are kept with their provenance.
// The store has no call that removes one node's lookup terms, so the record is deleted and
// written again under the same natural key ("STATION|FIR|RECORD_ID"): its name terms and
// blocking keys go with the old node, and the record gets a NEW NODE ID (ids are never
// reused). The result and the audit entry name both ids. Because the natural key is kept, a
// later re-ingest of the same source row rewrites the record with its name (the source is the
// system of record); the next retention run pseudonymises it again.
// The secret lives in the same database: whoever can read the database and knows a record's
// source ids can recompute its pseudonym. It makes pseudonyms stable (the same record always
// gets the same one) and unguessable from outside the database, nothing more.
//
// Who may: operator, administrator and supervisor (MayErase). A refused request is audited
// (allowed false) before the PermissionDenied is returned.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/policy/audit_log.h"
#include "engine/policy/principal.h"
#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::engine::policy {

bool MayErase(Role role);

// A reason is a code, not prose, because the audit log keeps it forever and must hold no
// personal data: 1 to 80 characters from letters, digits and "-_:./" ("court-order:WP-123-2025",
// "retention:juvenile"). InvalidArgument saying so otherwise.
Status CheckReasonCode(std::string_view reason);

// What one erasure or pseudonymisation removed (as its audit entry records it).
struct RecordCleanup {
  std::uint64_t links_removed = 0;          // edges deleted: the record's and its Person's
  storage::NodeId person_deleted = 0;       // the Person deleted, 0 when none
  storage::NodeId person_updated = 0;       // the Person that kept other records, 0 when none
  std::uint64_t state_entries_removed = 0;  // ER decisions and review-queue pairs
  std::uint64_t orphans_removed = 0;        // Phone/Vehicle/Location nodes left with no edge
};

struct ErasureResult {
  storage::NodeId record = 0;
  RecordCleanup cleanup;
  std::uint64_t audit_seq = 0;  // the tombstone
};

struct PseudonymResult {
  storage::NodeId old_record = 0;
  storage::NodeId new_record = 0;  // the node now holding the record
  std::string pseudonym;
  std::uint64_t links_kept = 0;  // role edges to cases, written again on the new node
  RecordCleanup cleanup;
  std::uint64_t audit_seq = 0;
};

// `purpose` is recorded in the audit entry ("erasure" from `sutra erase`, "retention" from a
// retention run). NotFound when `record` is no node; InvalidArgument when it is not a
// PersonRecord or the reason is not a code; PermissionDenied (audited) for other roles.
StatusOr<ErasureResult> EraseRecord(storage::GraphStore& store, AuditLog& audit,
                                    const Principal& actor, storage::NodeId record,
                                    std::string_view reason, std::string_view purpose = "erasure");
// As above; FailedPrecondition when the record is pseudonymised already or its natural key is
// not the ingest form "STATION|FIR|RECORD_ID" (a record created otherwise cannot be written
// again under its key).
StatusOr<PseudonymResult> PseudonymiseRecord(storage::GraphStore& store, AuditLog& audit,
                                             const Principal& actor, storage::NodeId record,
                                             std::string_view reason,
                                             std::string_view purpose = "erasure");

// The same inside the caller's write transaction (a retention run does many in one). The caller
// has checked MayErase and audited a refusal: these refuse other roles without auditing, since
// an error aborts the caller's transaction and any entry written in it.
StatusOr<ErasureResult> EraseRecordIn(storage::WriteTxn& txn, AuditLog& audit,
                                      const Principal& actor, storage::NodeId record,
                                      std::string_view reason, std::string_view purpose);
StatusOr<PseudonymResult> PseudonymiseRecordIn(storage::WriteTxn& txn, AuditLog& audit,
                                               const Principal& actor, storage::NodeId record,
                                               std::string_view reason, std::string_view purpose);

// The pseudonym of the record with natural key `record_key`, creating the database's secret in
// `txn` on first use.
StatusOr<std::string> RecordPseudonym(storage::WriteTxn& txn, std::string_view record_key);

// The audit entry's common part: who, why, operation; allowed with rule "role:<role>".
AuditRecord ActorEntry(const Principal& actor, std::string_view operation,
                       std::string_view purpose);

}  // namespace sutra::engine::policy
