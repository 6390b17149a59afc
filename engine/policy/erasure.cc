#include "engine/policy/erasure.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace sutra::engine::policy {
namespace {

using storage::Direction;
using storage::EdgeType;
using storage::Neighbor;
using storage::Node;
using storage::NodeId;
using storage::NodeType;
using storage::Properties;
using storage::WriteTxn;

// Engine state entry holding the per-database pseudonym secret (64 hex digits).
constexpr std::string_view kPseudonymKeyState = "policy/pseudonym_key";
constexpr std::size_t kPseudonymKeyBytes = 32;
// Entity-resolution state naming records by pair (engine/er/er_state.h documents the layout:
// prefix, 16 hex digits, "/", 16 hex digits). sutra_policy sits below the engine library, so
// it reads the layout rather than calling er_state.
constexpr std::string_view kErPairPrefixes[] = {"er/decision/", "er/review/"};

// The properties a pseudonymised record keeps: ids of the source record and the case, and the
// facts that protect the person (storage::ProtectionFlags reads them).
constexpr std::string_view kKeptProperties[] = {
    "record_id", "station_code",    "fir_number",           "gender",
    "juvenile",  "wrongful_arrest", "sexual_offence_victim"};

Status Denied(std::string message) {
  return Status(StatusCode::kPermissionDenied, std::move(message));
}

std::string Hex16(NodeId id) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(id));
  return text;
}

std::string ToHex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

bool IsRoleEdge(EdgeType type) {
  return type == EdgeType::kAccusedIn || type == EdgeType::kVictimIn ||
         type == EdgeType::kComplainantIn || type == EdgeType::kWitnessIn ||
         type == EdgeType::kArrestedIn;
}

// Phones, vehicles and locations are reached from a person through these edges.
bool IsAttributeEdge(EdgeType type) {
  return type == EdgeType::kUses || type == EdgeType::kOwns || type == EdgeType::kDrove ||
         type == EdgeType::kResidesAt;
}

StatusOr<std::vector<Neighbor>> NeighborsOf(const storage::ReadTxn& txn, NodeId node) {
  std::vector<Neighbor> out;
  SUTRA_RETURN_IF_ERROR(txn.ForEachNeighbor(node, [&](const Neighbor& n) {
    out.push_back(n);
    return true;
  }));
  return out;
}

StatusOr<Node> PersonRecordNode(const storage::ReadTxn& txn, NodeId record) {
  SUTRA_ASSIGN_OR_RETURN(std::optional<Node> node, txn.GetNode(record));
  if (!node) return NotFound("node " + std::to_string(record) + " does not exist");
  if (node->type != NodeType::kPersonRecord) {
    return InvalidArgument("node " + std::to_string(record) + " is a " +
                           std::string(storage::NodeTypeName(node->type)) +
                           ", not a PersonRecord: only person records are erased");
  }
  return *std::move(node);
}

// Removes the entity-resolution decisions and review-queue pairs that name `record`.
StatusOr<std::uint64_t> ForgetErState(WriteTxn& txn, NodeId record) {
  const std::string hex = Hex16(record);
  std::vector<std::string> keys;
  for (std::string_view prefix : kErPairPrefixes) {
    SUTRA_RETURN_IF_ERROR(
        txn.reader().ForEachState(prefix, [&](std::string_view key, std::string_view) {
          const std::string_view pair = key.substr(prefix.size());
          if (pair.size() == 33 && (pair.substr(0, 16) == hex || pair.substr(17) == hex)) {
            keys.emplace_back(key);
          }
          return true;
        }));
  }
  for (const std::string& key : keys) SUTRA_RETURN_IF_ERROR(txn.DeleteState(key).status());
  return keys.size();
}

// After one of its records went: recounts the Person's records and names it after the most
// common name among those left (the rule entity resolution names persons by), so that the
// name of the record that went does not stay on it.
Status RenamePerson(WriteTxn& txn, const Node& person, const std::vector<Neighbor>& records) {
  std::map<std::string, int> counts;
  std::string best;
  int best_count = 0;
  for (const Neighbor& n : records) {
    SUTRA_ASSIGN_OR_RETURN(std::optional<Node> record, txn.reader().GetNode(n.node));
    if (!record) continue;
    const std::string name = storage::GetString(record->properties, "name").value_or("");
    const int count = ++counts[name];
    if (count > best_count) best = name, best_count = count;
  }
  const auto key = storage::GetString(person.properties, "person_id");
  if (!key) return Corruption("Person " + std::to_string(person.id) + " has no person_id");
  Properties props = person.properties;
  props["name"] = best;
  props["records"] = static_cast<std::int64_t>(records.size());
  return txn.UpsertNode(NodeType::kPerson, *key, props).status();
}

// Deletes `record` (whose edges were `edges`, read before) and what only it kept alive; see
// erasure.h for the list.
StatusOr<RecordCleanup> RemoveRecord(WriteTxn& txn, NodeId record,
                                     const std::vector<Neighbor>& edges) {
  RecordCleanup cleanup;
  std::set<NodeId> persons;
  std::set<NodeId> attributes;
  for (const Neighbor& n : edges) {
    if (n.type == EdgeType::kSameAs && n.direction == Direction::kOut) persons.insert(n.node);
    if (IsAttributeEdge(n.type) && n.direction == Direction::kOut) attributes.insert(n.node);
  }
  SUTRA_ASSIGN_OR_RETURN(bool deleted, txn.DeleteNode(record));
  if (!deleted) return Internal("record " + std::to_string(record) + " vanished mid-erasure");
  cleanup.links_removed = edges.size();

  for (NodeId person_id : persons) {
    SUTRA_ASSIGN_OR_RETURN(std::optional<Node> person, txn.reader().GetNode(person_id));
    if (!person || person->type != NodeType::kPerson) continue;
    SUTRA_ASSIGN_OR_RETURN(std::vector<Neighbor> person_edges,
                           NeighborsOf(txn.reader(), person_id));
    std::vector<Neighbor> records;
    for (const Neighbor& n : person_edges) {
      if (n.type == EdgeType::kSameAs && n.direction == Direction::kIn) records.push_back(n);
    }
    if (!records.empty()) {
      SUTRA_RETURN_IF_ERROR(RenamePerson(txn, *person, records));
      cleanup.person_updated = person_id;
      continue;
    }
    for (const Neighbor& n : person_edges) {
      if (IsAttributeEdge(n.type) && n.direction == Direction::kOut) attributes.insert(n.node);
    }
    SUTRA_RETURN_IF_ERROR(txn.DeleteNode(person_id).status());
    cleanup.links_removed += person_edges.size();
    cleanup.person_deleted = person_id;
  }

  for (NodeId attribute : attributes) {
    SUTRA_ASSIGN_OR_RETURN(std::uint64_t left, txn.reader().CountNeighbors(attribute));
    if (left != 0) continue;
    SUTRA_ASSIGN_OR_RETURN(bool gone, txn.DeleteNode(attribute));
    if (gone) ++cleanup.orphans_removed;
  }
  SUTRA_ASSIGN_OR_RETURN(cleanup.state_entries_removed, ForgetErState(txn, record));
  return cleanup;
}

void AddCleanupParameters(AuditRecord& entry, const RecordCleanup& cleanup) {
  entry.parameters.emplace_back("links_removed", std::to_string(cleanup.links_removed));
  entry.parameters.emplace_back("person_deleted", std::to_string(cleanup.person_deleted));
  entry.parameters.emplace_back("person_updated", std::to_string(cleanup.person_updated));
  entry.parameters.emplace_back("state_entries_removed",
                                std::to_string(cleanup.state_entries_removed));
  entry.parameters.emplace_back("orphans_removed", std::to_string(cleanup.orphans_removed));
}

void SetSubjects(AuditRecord& entry, std::vector<NodeId> ids) {
  ids.erase(std::remove(ids.begin(), ids.end(), NodeId{0}), ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  entry.subjects = std::move(ids);
}

// Audits a refused erasure in an entry of its own (nothing else is written).
Status Refuse(AuditLog& audit, const Principal& actor, std::string_view operation,
              std::string_view purpose, NodeId record, std::string_view reason) {
  constexpr std::string_view kWhy =
      "only an operator, administrator or supervisor may erase or pseudonymise records";
  AuditRecord entry = ActorEntry(actor, operation, purpose);
  entry.allowed = false;
  entry.rule = "role:" + std::string(RoleName(actor.role)) + "-may-not-erase";
  entry.reason = std::string(kWhy);
  entry.parameters = {{"node_id", std::to_string(record)}, {"reason", std::string(reason)}};
  SUTRA_RETURN_IF_ERROR(audit.Append(std::move(entry)).status());
  return Denied(std::string(RoleName(actor.role)) + " '" + actor.user + "' may not " +
                std::string(operation) + " records: " + std::string(kWhy));
}

// "30-39" from the age the record states, or from its birth year (or date of birth) and the
// year of its case; "" when neither is known.
std::string AgeBand(const Properties& props, int case_year) {
  std::optional<std::int64_t> age = storage::GetInt(props, "age");
  if (!age && case_year > 0) {
    std::optional<std::int64_t> born = storage::GetInt(props, "birth_year");
    if (!born) {
      const std::string dob = storage::GetString(props, "dob").value_or("");
      if (dob.size() >= 4) born = std::atoi(dob.substr(0, 4).c_str());
    }
    if (born && *born > 0 && *born <= case_year) age = case_year - *born;
  }
  if (!age || *age < 0) return "";
  const std::int64_t low = *age / 10 * 10;
  return std::to_string(low) + "-" + std::to_string(low + 9);
}

Status EnsureSodium() {
  static const int ready = sodium_init();
  if (ready < 0) return Internal("libsodium failed to initialise");
  return Status::Ok();
}

}  // namespace

bool MayErase(Role role) {
  return role == Role::kOperator || role == Role::kAdministrator || role == Role::kSupervisor;
}

Status CheckReasonCode(std::string_view reason) {
  const bool code_chars = std::all_of(reason.begin(), reason.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ':' || c == '.' || c == '/';
  });
  if (!reason.empty() && reason.size() <= 80 && code_chars) return Status::Ok();
  return InvalidArgument(
      "the reason must be a code of 1 to 80 letters, digits and -_:./ (e.g. "
      "court-order:WP-123-2025), because the audit log keeps it forever and must hold no names "
      "or other personal data; got '" +
      std::string(reason) + "'");
}

AuditRecord ActorEntry(const Principal& actor, std::string_view operation,
                       std::string_view purpose) {
  AuditRecord entry;
  entry.user = actor.user;
  entry.role = std::string(RoleName(actor.role));
  entry.jurisdiction = JurisdictionText(actor.jurisdiction);
  entry.session = actor.session;
  entry.purpose = std::string(purpose);
  entry.operation = std::string(operation);
  entry.allowed = true;
  entry.rule = "role:" + entry.role;
  return entry;
}

StatusOr<std::string> RecordPseudonym(WriteTxn& txn, std::string_view record_key) {
  SUTRA_RETURN_IF_ERROR(EnsureSodium());
  SUTRA_ASSIGN_OR_RETURN(std::optional<std::string> hex, txn.reader().GetState(kPseudonymKeyState));
  std::vector<unsigned char> key(kPseudonymKeyBytes);
  if (!hex) {
    randombytes_buf(key.data(), key.size());
    SUTRA_RETURN_IF_ERROR(txn.PutState(kPseudonymKeyState, ToHex(key.data(), key.size())));
  } else if (sodium_hex2bin(key.data(), key.size(), hex->data(), hex->size(), nullptr, nullptr,
                            nullptr) != 0 ||
             hex->size() != 2 * kPseudonymKeyBytes) {
    return Corruption("engine state entry '" + std::string(kPseudonymKeyState) +
                      "' is not a 32-byte hex secret");
  }
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest,
                     reinterpret_cast<const unsigned char*>(record_key.data()), record_key.size(),
                     key.data(), key.size());
  return "pseudonym:" + ToHex(digest, 8);
}

StatusOr<ErasureResult> EraseRecordIn(WriteTxn& txn, AuditLog& audit, const Principal& actor,
                                      NodeId record, std::string_view reason,
                                      std::string_view purpose) {
  if (!MayErase(actor.role)) return Denied("this role may not erase records");
  SUTRA_RETURN_IF_ERROR(CheckReasonCode(reason));
  SUTRA_RETURN_IF_ERROR(PersonRecordNode(txn.reader(), record).status());
  SUTRA_ASSIGN_OR_RETURN(std::vector<Neighbor> edges, NeighborsOf(txn.reader(), record));
  ErasureResult result;
  result.record = record;
  SUTRA_ASSIGN_OR_RETURN(result.cleanup, RemoveRecord(txn, record, edges));

  AuditRecord entry = ActorEntry(actor, "erase", purpose);
  entry.parameters = {{"node_id", std::to_string(record)},
                      {"node_type", "PersonRecord"},
                      {"reason", std::string(reason)}};
  AddCleanupParameters(entry, result.cleanup);
  SetSubjects(entry, {record, result.cleanup.person_deleted, result.cleanup.person_updated});
  SUTRA_ASSIGN_OR_RETURN(result.audit_seq, audit.AppendIn(txn, std::move(entry)));
  return result;
}

StatusOr<PseudonymResult> PseudonymiseRecordIn(WriteTxn& txn, AuditLog& audit,
                                               const Principal& actor, NodeId record,
                                               std::string_view reason, std::string_view purpose) {
  if (!MayErase(actor.role)) return Denied("this role may not pseudonymise records");
  SUTRA_RETURN_IF_ERROR(CheckReasonCode(reason));
  SUTRA_ASSIGN_OR_RETURN(Node node, PersonRecordNode(txn.reader(), record));
  const Properties& props = node.properties;
  if (props.contains("pseudonymised")) {
    return FailedPrecondition("record " + std::to_string(record) + " is pseudonymised already");
  }
  const std::string key = storage::GetString(props, "station_code").value_or("") + "|" +
                          storage::GetString(props, "fir_number").value_or("") + "|" +
                          storage::GetString(props, "record_id").value_or("");
  SUTRA_ASSIGN_OR_RETURN(std::optional<NodeId> keyed, txn.reader().FindNode(node.type, key));
  if (keyed != record) {
    return FailedPrecondition("record " + std::to_string(record) +
                              " was not loaded from a CCTNS record (its key is not "
                              "STATION|FIR|RECORD_ID): it can be erased, not pseudonymised");
  }

  SUTRA_ASSIGN_OR_RETURN(std::vector<Neighbor> edges, NeighborsOf(txn.reader(), record));
  std::vector<storage::Edge> role_edges;
  int case_year = 0;
  for (const Neighbor& n : edges) {
    if (!IsRoleEdge(n.type) || n.direction != Direction::kOut) continue;
    SUTRA_ASSIGN_OR_RETURN(std::optional<storage::Edge> edge, txn.reader().GetEdge(n.edge));
    if (!edge) return Corruption("adjacency names edge " + std::to_string(n.edge) + ", absent");
    role_edges.push_back(std::move(*edge));
    if (case_year == 0) {
      SUTRA_ASSIGN_OR_RETURN(std::optional<Node> c, txn.reader().GetNode(n.node));
      const std::string on =
          c ? storage::GetString(c->properties, "registered_on").value_or("") : "";
      if (on.size() >= 4) case_year = std::atoi(on.substr(0, 4).c_str());
    }
  }

  PseudonymResult result;
  result.old_record = record;
  SUTRA_ASSIGN_OR_RETURN(result.pseudonym, RecordPseudonym(txn, key));
  Properties kept;
  for (std::string_view name : kKeptProperties) {
    if (auto it = props.find(name); it != props.end()) kept.emplace(it->first, it->second);
  }
  kept["name"] = result.pseudonym;
  kept["pseudonymised"] = true;
  if (std::string band = AgeBand(props, case_year); !band.empty()) kept["age_band"] = band;

  SUTRA_ASSIGN_OR_RETURN(result.cleanup, RemoveRecord(txn, record, edges));
  SUTRA_ASSIGN_OR_RETURN(storage::UpsertResult written,
                         txn.UpsertNode(NodeType::kPersonRecord, key, kept));
  if (!written.created) return Internal("the record's key survived its deletion");
  result.new_record = written.id;
  for (const storage::Edge& edge : role_edges) {
    SUTRA_RETURN_IF_ERROR(
        txn.UpsertEdge(edge.type, result.new_record, edge.to, edge.properties, edge.provenance)
            .status());
  }
  result.links_kept = role_edges.size();
  result.cleanup.links_removed -= role_edges.size();

  AuditRecord entry = ActorEntry(actor, "pseudonymise", purpose);
  entry.parameters = {{"node_id", std::to_string(record)},
                      {"new_node_id", std::to_string(result.new_record)},
                      {"node_type", "PersonRecord"},
                      {"reason", std::string(reason)},
                      {"links_kept", std::to_string(result.links_kept)}};
  AddCleanupParameters(entry, result.cleanup);
  SetSubjects(entry, {record, result.new_record, result.cleanup.person_deleted,
                      result.cleanup.person_updated});
  SUTRA_ASSIGN_OR_RETURN(result.audit_seq, audit.AppendIn(txn, std::move(entry)));
  return result;
}

StatusOr<ErasureResult> EraseRecord(storage::GraphStore& store, AuditLog& audit,
                                    const Principal& actor, NodeId record, std::string_view reason,
                                    std::string_view purpose) {
  SUTRA_RETURN_IF_ERROR(CheckReasonCode(reason));
  if (!MayErase(actor.role)) return Refuse(audit, actor, "erase", purpose, record, reason);
  ErasureResult result;
  SUTRA_RETURN_IF_ERROR(store.Update([&](WriteTxn& txn) -> Status {
    SUTRA_ASSIGN_OR_RETURN(result, EraseRecordIn(txn, audit, actor, record, reason, purpose));
    return Status::Ok();
  }));
  return result;
}

StatusOr<PseudonymResult> PseudonymiseRecord(storage::GraphStore& store, AuditLog& audit,
                                             const Principal& actor, NodeId record,
                                             std::string_view reason, std::string_view purpose) {
  SUTRA_RETURN_IF_ERROR(CheckReasonCode(reason));
  if (!MayErase(actor.role)) return Refuse(audit, actor, "pseudonymise", purpose, record, reason);
  PseudonymResult result;
  SUTRA_RETURN_IF_ERROR(store.Update([&](WriteTxn& txn) -> Status {
    SUTRA_ASSIGN_OR_RETURN(result,
                           PseudonymiseRecordIn(txn, audit, actor, record, reason, purpose));
    return Status::Ok();
  }));
  return result;
}

}  // namespace sutra::engine::policy
