#include "engine/policy/access_policy.h"

#include <algorithm>

namespace sutra::engine::policy {
namespace {

bool IsCaseOperation(Operation operation) { return operation != Operation::kAuditRead; }

Decision Allow(std::string rule) { return {true, std::move(rule)}; }
Decision Deny(std::string rule) { return {false, std::move(rule)}; }

}  // namespace

std::string_view OperationName(Operation operation) {
  switch (operation) {
    case Operation::kSearch: return "search";
    case Operation::kExpand: return "expand";
    case Operation::kPath: return "path";
    case Operation::kQuery: return "query";
    case Operation::kExport: return "export";
    case Operation::kMerge: return "merge";
    case Operation::kAuditRead: return "audit-read";
  }
  return "unknown";
}

Decision DecideOperation(const Principal& principal, Operation operation, const Purpose& purpose) {
  const Role role = principal.role;
  if (operation == Operation::kAuditRead) {
    if (role == Role::kAuditor) return Allow("role:auditor");
    if (role == Role::kOperator) return Allow("role:operator");
    return Deny("role:" + std::string(RoleName(role)) + "-no-audit-read");
  }
  if (role == Role::kAuditor) return Deny("role:auditor-no-case-data");
  if (role == Role::kAdministrator) return Deny("role:administrator-no-case-data");
  if (operation == Operation::kMerge && role == Role::kInvestigator) {
    return Deny("role:investigator-no-merge");
  }
  if (IsCaseOperation(operation)) {
    if (purpose.text.empty()) return Deny("purpose:missing");
    // The operator (the `sutra` command on the files) states a purpose; a case only if any.
    if (purpose.case_ref.empty() && role != Role::kOperator) {
      return Deny("purpose:no-case-reference");
    }
    if (purpose.break_glass && purpose.break_glass_reason.empty()) {
      return Deny("break-glass:no-reason");
    }
  }
  if (role == Role::kOperator) return Allow("role:operator");
  return Allow("role:" + std::string(RoleName(role)));
}

SubjectDecision DecideSubject(const Principal& principal, Operation operation, Relation relation,
                              const Purpose& purpose) {
  if (principal.role == Role::kOperator) return {Disclosure::kFull, "role:operator"};
  switch (relation) {
    case Relation::kInJurisdiction: return {Disclosure::kFull, "in-jurisdiction"};
    case Relation::kAssigned: return {Disclosure::kFull, "assigned-case"};
    case Relation::kGranted: return {Disclosure::kFull, "granted"};
    case Relation::kOutside: break;
  }
  if (purpose.break_glass && !purpose.break_glass_reason.empty()) {
    return {Disclosure::kFull, "break-glass"};
  }
  if (operation == Operation::kSearch) {
    return {Disclosure::kHitOnly, "outside-jurisdiction:hit-only"};
  }
  return {Disclosure::kNone, "outside-jurisdiction:denied"};
}

bool MayRevealProtected(const Principal& principal, const Purpose& purpose,
                        std::string_view need) {
  if (principal.role == Role::kAnalyst || principal.role == Role::kAuditor ||
      principal.role == Role::kAdministrator) {
    return false;
  }
  return std::find(purpose.needs.begin(), purpose.needs.end(), need) != purpose.needs.end();
}

}  // namespace sutra::engine::policy
