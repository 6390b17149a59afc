// GuardedCall: one call through the GuardedEngine, from the policy's first decision to its one
// audit entry. Internal to the engine.
//
// Use: set Parameter()s, Open() (decides the operation; a denial is audited and returned),
// Show() each node of the answer (or CheckAsked() the node asked for), then Close() (or
// CloseWith() a write) — or Failed() when the engine could not answer. Exactly one audit entry
// is appended per call, whichever way it ends; a call destroyed without one of those endings
// appends none, which is a bug in the caller (checked in debug builds).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/guarded_engine.h"
#include "engine/redaction.h"

namespace sutra::engine {

class GuardedCall {
 public:
  GuardedCall(const GuardedEngine& engine, const AccessContext& context,
              policy::Operation operation);
  ~GuardedCall();
  GuardedCall(const GuardedCall&) = delete;
  GuardedCall& operator=(const GuardedCall&) = delete;

  void Parameter(std::string key, std::string value);
  Status Open();

  // How `node` may be shown (reads the jurisdiction index and, for assignments and grants,
  // the call's read view). No disclosure is recorded.
  StatusOr<NodePresentation> Look(storage::NodeId id, storage::NodeType type,
                                  const storage::Properties& properties);
  // The node as the answer shows it, recorded as disclosed. `asked`: the node the caller
  // named — out of reach, the whole call is denied (audited) with PermissionDenied. Other
  // nodes out of reach are shown as hits.
  StatusOr<AnswerNode> Show(storage::Node node, bool asked);
  // Reads node `id` and checks it is in full view, as Show(node, asked=true) would, without
  // recording a disclosure. NotFound (audited) when no node has that id.
  StatusOr<storage::Node> CheckAsked(storage::NodeId id);
  // Records a node shown by other means (a Cypher answer) as disclosed, with its flags.
  void Disclosed(storage::NodeId id, storage::NodeType type, const std::vector<std::string>& flags);

  // Ends the call: the audit entry (allowed, with what was disclosed) is committed first.
  Status Close();
  // As Close, with `write` in the same transaction as the entry.
  Status CloseWith(const std::function<Status(storage::WriteTxn&)>& write);
  // Ends a call the engine could not answer: audited with the error, which is returned.
  Status Failed(Status error);
  // Ends a call the policy refused at a later point than Open: audited, PermissionDenied.
  Status Deny(std::string rule, std::string message);

  const AccessContext& context() const { return context_; }
  const storage::ReadTxn& txn() const { return *txn_; }
  const JurisdictionIndex& index() const { return *index_; }

 private:
  Status OpenIndex();  // the jurisdiction index and the principal's station mask
  StatusOr<policy::Relation> RelationOf(storage::NodeId id, storage::NodeType type);
  std::uint8_t ProtectionOf(storage::NodeId id, storage::NodeType type,
                            const storage::Properties& properties) const;
  void NoteRule(std::string_view rule);
  Status Append(const std::function<Status(storage::WriteTxn&)>* write);

  const GuardedEngine& engine_;
  const AccessContext& context_;
  policy::Operation operation_;
  policy::AuditRecord record_;
  bool ended_ = false;
  std::optional<storage::ReadTxn> txn_;
  std::shared_ptr<const JurisdictionIndex> index_;
  std::vector<bool> mask_;        // stations in the principal's jurisdiction
  bool everywhere_ = false;       // operator or national: every node in full view
  bool reveal_juvenile_ = false;  // the purpose states the need, and the role may state it
  bool reveal_victim_ = false;
  std::optional<std::vector<storage::NodeId>> assigned_;  // read on first need
  std::unordered_map<storage::NodeId, bool> granted_;     // case -> has a live grant
  std::vector<Anchor> anchors_;                           // scratch
  std::vector<storage::NodeId> disclosed_;
  std::vector<storage::NodeId> subjects_;
  std::set<std::string> flags_;
  int rule_rank_ = -1;  // of the most notable subject rule seen (see NoteRule)
};

}  // namespace sutra::engine
