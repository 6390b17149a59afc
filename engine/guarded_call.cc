#include "engine/guarded_call.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cassert>

#include "engine/policy/users.h"
#include "ingest/normalize.h"

namespace sutra::engine {
namespace {

using policy::Disclosure;
using policy::Relation;
using storage::NodeId;
using storage::NodeType;

// Subject rules by how much a reviewer should notice them; an entry carries the highest seen.
constexpr std::array<std::string_view, 6> kRuleRank{"in-jurisdiction",
                                                    "assigned-case",
                                                    "granted",
                                                    "outside-jurisdiction:hit-only",
                                                    "outside-jurisdiction:denied",
                                                    "break-glass"};

bool IsPersonType(NodeType type) {
  return type == NodeType::kPerson || type == NodeType::kPersonRecord;
}

}  // namespace

GuardedCall::GuardedCall(const GuardedEngine& engine, const AccessContext& context,
                         policy::Operation operation)
    : engine_(engine), context_(context), operation_(operation) {
  const policy::Principal& who = context.principal;
  record_.user = who.user;
  record_.role = std::string(policy::RoleName(who.role));
  record_.jurisdiction = policy::JurisdictionText(who.jurisdiction);
  record_.session = who.session;
  record_.purpose = context.purpose.text;
  record_.case_ref = context.purpose.case_ref;
  record_.operation = std::string(policy::OperationName(operation));
  record_.break_glass = context.purpose.break_glass;
  if (context.purpose.break_glass) record_.reason = context.purpose.break_glass_reason;
  for (const auto& need : context.purpose.needs) record_.parameters.emplace_back("need", need);
}

GuardedCall::~GuardedCall() { assert(ended_ && "a guarded call ended without its audit entry"); }

void GuardedCall::Parameter(std::string key, std::string value) {
  record_.parameters.emplace_back(std::move(key), std::move(value));
}

Status GuardedCall::Open() {
  const policy::Decision decision =
      policy::DecideOperation(context_.principal, operation_, context_.purpose);
  if (!decision.allowed) {
    return Deny(decision.rule, "the policy refuses " + record_.operation + " for a " +
                                   record_.role + " (" + decision.rule + ")");
  }
  record_.rule = decision.rule;
  auto txn = engine_.engine_.store().BeginRead();
  if (!txn.ok()) return Failed(txn.status());
  txn_.emplace(std::move(*txn));
  if (operation_ == policy::Operation::kAuditRead) return Status::Ok();
  // The case reference must name an FIR this database holds: a station-qualified key
  // ("MH-PUN-0012|0087/2021") or an FIR number.
  const std::string& ref = context_.purpose.case_ref;
  if (ref.empty()) return OpenIndex();  // an operator without a case (the policy allowed it)
  auto by_key = txn_->FindNode(NodeType::kCase, ref);
  if (!by_key.ok()) return Failed(by_key.status());
  if (!*by_key) {
    auto by_number = txn_->LookupTerm(ingest::FirTerm(ref), 1);
    if (!by_number.ok()) return Failed(by_number.status());
    if (by_number->empty()) {
      return Deny("purpose:unknown-case",
                  "the case reference '" + ref +
                      "' names no FIR in this database; state the FIR (number, or "
                      "STATION|NUMBER) that your duty serves");
    }
  }
  return OpenIndex();
}

Status GuardedCall::OpenIndex() {
  auto index = engine_.Index();
  if (!index.ok()) return Failed(index.status());
  index_ = std::move(*index);
  const policy::Principal& who = context_.principal;
  everywhere_ = who.role == policy::Role::kOperator ||
                who.jurisdiction.level == policy::JurisdictionLevel::kNational;
  if (!everywhere_) mask_ = index_->StationMask(who.jurisdiction);
  reveal_juvenile_ = policy::MayRevealProtected(who, context_.purpose, policy::kNeedJuvenile);
  reveal_victim_ = policy::MayRevealProtected(who, context_.purpose, policy::kNeedVictimIdentity);
  return Status::Ok();
}

StatusOr<Relation> GuardedCall::RelationOf(NodeId id, NodeType type) {
  if (everywhere_) return Relation::kInJurisdiction;
  SUTRA_RETURN_IF_ERROR(index_->Locate(id, type, *txn_, anchors_));
  if (anchors_.empty()) {
    // Stations are public; a phone, vehicle or place tied to no case holds no one's data.
    return IsPersonType(type) || type == NodeType::kCase ? Relation::kOutside
                                                         : Relation::kInJurisdiction;
  }
  for (const Anchor& a : anchors_) {
    if (a.station != Anchor::kNoStation && mask_[a.station]) return Relation::kInJurisdiction;
  }
  if (!assigned_) {
    SUTRA_ASSIGN_OR_RETURN(assigned_, policy::AssignedCases(*txn_, context_.principal.user));
  }
  for (const Anchor& a : anchors_) {
    if (std::binary_search(assigned_->begin(), assigned_->end(), a.case_id)) {
      return Relation::kAssigned;
    }
  }
  const auto now = engine_.clock_();
  for (const Anchor& a : anchors_) {
    auto [it, fresh] = granted_.try_emplace(a.case_id, false);
    if (fresh) {
      SUTRA_ASSIGN_OR_RETURN(it->second,
                             policy::HasGrant(*txn_, context_.principal.user, a.case_id, now));
    }
    if (it->second) return Relation::kGranted;
  }
  return Relation::kOutside;
}

std::uint8_t GuardedCall::ProtectionOf(NodeId id, NodeType type,
                                       const storage::Properties& properties) const {
  std::uint8_t bits = storage::FactsOfNode(type, properties).protection;
  const algorithms::CsrGraph& g = index_->snapshot().graph;
  if (auto dense = g.Find(id)) {
    bits |= g.node(*dense).flags;  // a record takes its case's outcome (see CsrGraph)
    if (type == NodeType::kPerson) {
      for (const auto& arc : g.arcs(*dense)) {
        if (arc.type == storage::EdgeType::kSameAs) bits |= g.node(arc.target).flags;
      }
    }
  }
  return bits;
}

StatusOr<NodePresentation> GuardedCall::Look(NodeId id, NodeType type,
                                             const storage::Properties& properties) {
  SUTRA_ASSIGN_OR_RETURN(Relation relation, RelationOf(id, type));
  const policy::SubjectDecision decision =
      policy::DecideSubject(context_.principal, operation_, relation, context_.purpose);
  NodePresentation how;
  how.disclosure = decision.disclosure;
  how.protection = ProtectionOf(id, type, properties);
  if (decision.disclosure == Disclosure::kFull) {
    how.reveal_juvenile = reveal_juvenile_;
    how.reveal_victim = reveal_victim_;
  } else {
    for (const Anchor& a : anchors_) {
      if (a.station == Anchor::kNoStation) continue;
      const std::string& code = index_->stations()[a.station].code;
      if (std::find(how.holding_stations.begin(), how.holding_stations.end(), code) ==
          how.holding_stations.end()) {
        how.holding_stations.push_back(code);
      }
    }
  }
  NoteRule(decision.rule);
  return how;
}

void GuardedCall::NoteRule(std::string_view rule) {
  auto at = std::find(kRuleRank.begin(), kRuleRank.end(), rule);
  if (at == kRuleRank.end()) return;
  const int rank = static_cast<int>(at - kRuleRank.begin());
  if (rank > rule_rank_) rule_rank_ = rank;
}

StatusOr<AnswerNode> GuardedCall::Show(storage::Node node, bool asked) {
  auto how = Look(node.id, node.type, node.properties);
  if (!how.ok()) return Failed(how.status());
  if (how->disclosure != Disclosure::kFull && (asked || operation_ != policy::Operation::kSearch)) {
    if (asked) {
      return Deny("outside-jurisdiction:denied",
                  "node " + std::to_string(node.id) +
                      " is held outside your jurisdiction (outside-jurisdiction:denied); ask a "
                      "supervisor for a grant, or use break-glass access with a reason");
    }
    how->disclosure = Disclosure::kHitOnly;  // met on the way: shown as a hit
  }
  AnswerNode shown = Present(std::move(node), *how);
  Disclosed(shown.node.id, shown.node.type, shown.flags);
  if (how->disclosure == Disclosure::kFull) {
    if (how->reveal_juvenile && (how->protection & algorithms::kJuvenile)) {
      flags_.insert("juvenile:revealed");
    }
    if (how->reveal_victim && (how->protection & algorithms::kSexualOffenceVictim)) {
      flags_.insert("sexual_offence_victim:revealed");
    }
  }
  return shown;
}

StatusOr<storage::Node> GuardedCall::CheckAsked(NodeId id) {
  auto node = txn_->GetNode(id);
  if (!node.ok()) return Failed(node.status());
  if (!*node) return Failed(NotFound("no node has id " + std::to_string(id)));
  auto how = Look(id, (*node)->type, (*node)->properties);
  if (!how.ok()) return Failed(how.status());
  if (how->disclosure != Disclosure::kFull) {
    return Deny("outside-jurisdiction:denied",
                "node " + std::to_string(id) +
                    " is held outside your jurisdiction (outside-jurisdiction:denied); ask a "
                    "supervisor for a grant, or use break-glass access with a reason");
  }
  return std::move(**node);
}

void GuardedCall::Disclosed(NodeId id, NodeType type, const std::vector<std::string>& flags) {
  disclosed_.push_back(id);
  if (IsPersonType(type)) subjects_.push_back(id);
  flags_.insert(flags.begin(), flags.end());
}

Status GuardedCall::Append(const std::function<Status(storage::WriteTxn&)>* write) {
  ended_ = true;
  std::sort(subjects_.begin(), subjects_.end());
  subjects_.erase(std::unique(subjects_.begin(), subjects_.end()), subjects_.end());
  record_.subjects = std::move(subjects_);
  policy::SetDisclosed(record_, std::move(disclosed_));
  record_.flags.assign(flags_.begin(), flags_.end());
  if (write == nullptr) return engine_.audit_.Append(std::move(record_)).status();
  return engine_.engine_.store().Update([&](storage::WriteTxn& w) -> Status {
    SUTRA_RETURN_IF_ERROR((*write)(w));
    return engine_.audit_.AppendIn(w, record_).status();
  });
}

Status GuardedCall::Close() {
  record_.allowed = true;
  if (rule_rank_ >= 0) record_.rule = std::string(kRuleRank[rule_rank_]);
  return Append(nullptr);
}

Status GuardedCall::CloseWith(const std::function<Status(storage::WriteTxn&)>& write) {
  record_.allowed = true;
  if (rule_rank_ >= 0) record_.rule = std::string(kRuleRank[rule_rank_]);
  return Append(&write);
}

Status GuardedCall::Failed(Status error) {
  if (ended_) return error;  // a denial or failure deeper down has been audited already
  // Allowed by the policy, but the engine could not answer; nothing was disclosed.
  record_.allowed = true;
  if (rule_rank_ >= 0) record_.rule = std::string(kRuleRank[rule_rank_]);
  record_.reason = "error: " + error.message();
  disclosed_.clear();
  subjects_.clear();
  SUTRA_RETURN_IF_ERROR(Append(nullptr));
  return error;
}

Status GuardedCall::Deny(std::string rule, std::string message) {
  if (ended_) return PermissionDenied(std::move(message));
  record_.allowed = false;
  record_.rule = std::move(rule);
  record_.reason = message;
  disclosed_.clear();
  subjects_.clear();
  flags_.clear();
  SUTRA_RETURN_IF_ERROR(Append(nullptr));
  return PermissionDenied(message);
}

}  // namespace sutra::engine
