// The access matrix of issue 8: every role x jurisdiction relation x operation has its expected
// allow or deny, and every call, allowed or denied, leaves exactly one audit entry.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "engine/guarded_test_fixture.h"

namespace sutra::engine {
namespace {

using policy::Role;

enum class Relation { kIn, kOutside, kAssigned, kGranted, kBreakGlass };
enum class Op { kSearch, kExpand, kPath, kQuery, kExport, kMerge, kAuditRead };
enum class Outcome { kFull, kHitOnly, kDenied, kInvisible };

const char* Name(Relation r) {
  switch (r) {
    case Relation::kIn:
      return "in-jurisdiction";
    case Relation::kOutside:
      return "outside";
    case Relation::kAssigned:
      return "assigned";
    case Relation::kGranted:
      return "granted";
    case Relation::kBreakGlass:
      return "break-glass";
  }
  return "?";
}
const char* Name(Op op) {
  switch (op) {
    case Op::kSearch:
      return "search";
    case Op::kExpand:
      return "expand";
    case Op::kPath:
      return "path";
    case Op::kQuery:
      return "query";
    case Op::kExport:
      return "export";
    case Op::kMerge:
      return "merge";
    case Op::kAuditRead:
      return "audit-read";
  }
  return "?";
}

// The policy as access_policy.h states it, written out independently of its code.
Outcome Expected(Role role, Relation relation, Op op) {
  if (op == Op::kAuditRead) {
    return role == Role::kAuditor || role == Role::kOperator ? Outcome::kFull : Outcome::kDenied;
  }
  if (role == Role::kAuditor || role == Role::kAdministrator) return Outcome::kDenied;
  if (op == Op::kMerge && role == Role::kInvestigator) return Outcome::kDenied;
  if (role == Role::kOperator || relation != Relation::kOutside) return Outcome::kFull;
  if (op == Op::kSearch) return Outcome::kHitOnly;
  if (op == Op::kQuery) return Outcome::kInvisible;
  return Outcome::kDenied;
}

class AccessMatrix : public GuardedSample {
 protected:
  static void SetUpTestSuite() {
    GuardedSample::SetUpTestSuite();
    // The subject: an accused of FIR 0087/2021 at Shivajinagar (MH-PUN-0012), acquitted.
    subject_ = NodeNamed("Ganesh Tukaram Pawar");
    other_record_ = NodeNamed("Nilesh Prakash Jadhav");  // the complainant of the same FIR
    case_ = CaseNode("MH-PUN-0012|0087/2021");
    // Users of Hadapsar (MH-PUN-0027): assigned to, or granted, the subject's case.
    policy::UserDirectory users(
        engine_->store(), *audit_, [] { return Now(); }, policy::PasswordCost::kMinimal);
    policy::Principal op{
        .user = "root", .role = Role::kOperator, .jurisdiction = {}, .session = "t"};
    const auto hadapsar = *policy::ParseJurisdiction("station:MH-PUN-0027");
    for (Role role : {Role::kInvestigator, Role::kAnalyst, Role::kSupervisor}) {
      for (const char* kind : {"assigned", "granted"}) {
        const std::string name = fmt::format("{}-{}", policy::RoleName(role), kind);
        ASSERT_TRUE(users.Add(op, name, role, hadapsar, "a long enough password").ok());
        if (std::string_view(kind) == "assigned") {
          ASSERT_TRUE(users.AssignCase(op, name, case_).ok());
        } else {
          ASSERT_TRUE(users
                          .GrantAccess(op, name, case_, "joint operation with Hadapsar",
                                       Now() + std::chrono::hours(24))
                          .ok());
        }
      }
    }
  }

  static AccessContext ContextFor(Role role, Relation relation) {
    const std::string role_name(policy::RoleName(role));
    switch (relation) {
      case Relation::kIn:
        return Context(role_name + "-in", role, "station:MH-PUN-0012");
      case Relation::kOutside:
        return Context(role_name + "-out", role, "station:MH-PUN-0027");
      case Relation::kAssigned:
        return Context(role_name + "-assigned", role, "station:MH-PUN-0027");
      case Relation::kGranted:
        return Context(role_name + "-granted", role, "station:MH-PUN-0027");
      case Relation::kBreakGlass: {
        AccessContext context = Context(role_name + "-out", role, "station:MH-PUN-0027");
        context.purpose.break_glass = true;
        context.purpose.break_glass_reason = "suspect fled across the district line";
        return context;
      }
    }
    return {};
  }

  // Runs `op` and says what came back.
  Outcome Run(const AccessContext& context, Op op) {
    auto denied = [](const Status& s) {
      EXPECT_TRUE(s.ok() || s.code() == StatusCode::kPermissionDenied) << s.message();
      return s.code() == StatusCode::kPermissionDenied;
    };
    switch (op) {
      case Op::kSearch: {
        auto found = guarded_->Search(context, "Ganesh Tukaram Pawar", 5);
        if (denied(found.status())) return Outcome::kDenied;
        EXPECT_EQ(found->size(), 1u);
        if (found->empty()) return Outcome::kInvisible;
        const AnswerNode& hit = (*found)[0];
        const bool hit_only =
            std::find(hit.flags.begin(), hit.flags.end(), "hit-only") != hit.flags.end();
        if (hit_only) {
          EXPECT_FALSE(hit.node.properties.contains("name"));
          EXPECT_EQ(storage::GetString(hit.node.properties, "holding_stations"), "MH-PUN-0012");
        } else {
          EXPECT_EQ(storage::GetString(hit.node.properties, "name"), "Ganesh Tukaram Pawar");
        }
        // The acquittal is flagged in every answer, hit or not.
        EXPECT_NE(std::find(hit.flags.begin(), hit.flags.end(), "acquitted"), hit.flags.end());
        return hit_only ? Outcome::kHitOnly : Outcome::kFull;
      }
      case Op::kExpand: {
        auto graph = guarded_->Expand(context, subject_, 20);
        if (denied(graph.status())) return Outcome::kDenied;
        EXPECT_TRUE(graph->has_value());
        return Outcome::kFull;
      }
      case Op::kPath: {
        PathQuery query;
        query.from = subject_;
        query.to = case_;
        auto paths = guarded_->Paths(context, query);
        if (denied(paths.status())) return Outcome::kDenied;
        EXPECT_FALSE(paths->paths.empty());
        return Outcome::kFull;
      }
      case Op::kQuery: {
        auto answer = guarded_->Query(
            context, "MATCH (r:PersonRecord {record_id: 'R0002'}) RETURN r.name AS name", {});
        if (denied(answer.status())) return Outcome::kDenied;
        if (answer->result.rows.empty()) return Outcome::kInvisible;
        EXPECT_EQ(answer->result.rows[0][0], cypher::Value("Ganesh Tukaram Pawar"));
        return Outcome::kFull;
      }
      case Op::kExport: {
        algorithms::KHopOptions options;
        options.hops = 1;
        auto out = tmp_->path() / fmt::format("export-{}.graphml", ++exports_);
        auto written = guarded_->Export(context, subject_, options, ExportFormat::kGraphMl, out);
        if (denied(written.status())) return Outcome::kDenied;
        EXPECT_TRUE(std::filesystem::exists(out));
        return Outcome::kFull;
      }
      case Op::kMerge: {
        Status merged = guarded_->Merge(context, subject_, other_record_, false, "matrix test");
        return denied(merged) ? Outcome::kDenied : Outcome::kFull;
      }
      case Op::kAuditRead: {
        auto entries = guarded_->ReadAudit(context, 1, 5);
        if (denied(entries.status())) return Outcome::kDenied;
        EXPECT_FALSE(entries->empty());
        return Outcome::kFull;
      }
    }
    return Outcome::kDenied;
  }

  static storage::NodeId subject_, other_record_, case_;
  static int exports_;
};

storage::NodeId AccessMatrix::subject_ = 0;
storage::NodeId AccessMatrix::other_record_ = 0;
storage::NodeId AccessMatrix::case_ = 0;
int AccessMatrix::exports_ = 0;

TEST_F(AccessMatrix, EveryRoleRelationAndOperationIsDecidedAndAuditedOnce) {
  const Role roles[] = {Role::kInvestigator, Role::kAnalyst,       Role::kSupervisor,
                        Role::kAuditor,      Role::kAdministrator, Role::kOperator};
  const Relation relations[] = {Relation::kIn, Relation::kOutside, Relation::kAssigned,
                                Relation::kGranted, Relation::kBreakGlass};
  const Op ops[] = {Op::kSearch, Op::kExpand, Op::kPath,     Op::kQuery,
                    Op::kExport, Op::kMerge,  Op::kAuditRead};
  int cells = 0;
  for (Role role : roles) {
    for (Relation relation : relations) {
      // Assigned and granted users exist for the case-working roles only.
      const bool works_cases =
          role == Role::kInvestigator || role == Role::kAnalyst || role == Role::kSupervisor;
      if (!works_cases && (relation == Relation::kAssigned || relation == Relation::kGranted)) {
        continue;
      }
      const AccessContext context = ContextFor(role, relation);
      for (Op op : ops) {
        SCOPED_TRACE(fmt::format("{} {} {}", policy::RoleName(role), Name(relation), Name(op)));
        const std::uint64_t before = AuditEntries();
        const Outcome got = Run(context, op);
        EXPECT_EQ(static_cast<int>(got),
                  static_cast<int>(Expected(
                      role, relation == Relation::kBreakGlass ? Relation::kIn : relation, op)));
        ASSERT_EQ(AuditEntries(), before + 1) << "exactly one audit entry per call";
        const policy::AuditRecord entry = LastEntry();
        EXPECT_EQ(entry.user, context.principal.user);
        EXPECT_EQ(entry.operation, Name(op));
        EXPECT_EQ(entry.allowed, got != Outcome::kDenied) << entry.rule;
        EXPECT_EQ(entry.purpose, "access matrix test");
        if (got == Outcome::kDenied) {
          EXPECT_TRUE(entry.disclosed.empty());
        }
        if (relation == Relation::kBreakGlass) {
          EXPECT_TRUE(entry.break_glass);
        }
        ++cells;
      }
    }
  }
  EXPECT_EQ(cells, (3 * 5 + 3 * 3) * 7);
}

TEST_F(AccessMatrix, RulesNameWhyAndOutsideSearchesAreMarkedForReview) {
  auto found = guarded_->Search(ContextFor(Role::kInvestigator, Relation::kOutside),
                                "Ganesh Tukaram Pawar", 5);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(LastEntry().rule, "outside-jurisdiction:hit-only");
  EXPECT_EQ(LastEntry().subjects, std::vector<std::uint64_t>{subject_});

  auto expand = guarded_->Expand(ContextFor(Role::kAnalyst, Relation::kOutside), subject_, 5);
  EXPECT_EQ(expand.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(expand.status().message().find("outside your jurisdiction"), std::string::npos);
  EXPECT_EQ(LastEntry().rule, "outside-jurisdiction:denied");

  auto glass =
      guarded_->Expand(ContextFor(Role::kInvestigator, Relation::kBreakGlass), subject_, 5);
  ASSERT_TRUE(glass.ok());
  EXPECT_EQ(LastEntry().rule, "break-glass");
  EXPECT_EQ(LastEntry().reason, "suspect fled across the district line");

  auto auditor = guarded_->Search(Context("aud", Role::kAuditor, "national"), "Ganesh", 5);
  EXPECT_EQ(auditor.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(LastEntry().rule, "role:auditor-no-case-data");
}

TEST_F(AccessMatrix, PurposeAndCaseReferenceAreRequired) {
  AccessContext context = ContextFor(Role::kInvestigator, Relation::kIn);
  context.purpose.text.clear();
  EXPECT_EQ(guarded_->Search(context, "Ganesh Tukaram Pawar", 5).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(LastEntry().rule, "purpose:missing");

  context = ContextFor(Role::kInvestigator, Relation::kIn);
  context.purpose.case_ref = "9999/1999";
  auto unknown = guarded_->Search(context, "Ganesh Tukaram Pawar", 5);
  EXPECT_EQ(unknown.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(unknown.status().message().find("9999/1999"), std::string::npos);
  EXPECT_EQ(LastEntry().rule, "purpose:unknown-case");

  context = ContextFor(Role::kInvestigator, Relation::kBreakGlass);
  context.purpose.break_glass_reason.clear();
  EXPECT_EQ(guarded_->Expand(context, subject_, 5).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(LastEntry().rule, "break-glass:no-reason");

  // The operator states a purpose; a case only when there is one.
  context = Context("root", Role::kOperator, "national");
  context.purpose.case_ref.clear();
  EXPECT_TRUE(guarded_->Search(context, "Ganesh Tukaram Pawar", 5).ok());
}

TEST_F(AccessMatrix, AnExpiredGrantNoLongerOpensTheCase) {
  policy::UserDirectory users(
      engine_->store(), *audit_, [] { return Now(); }, policy::PasswordCost::kMinimal);
  policy::Principal op{.user = "root", .role = Role::kOperator, .jurisdiction = {}, .session = "t"};
  const auto hadapsar = *policy::ParseJurisdiction("station:MH-PUN-0027");
  ASSERT_TRUE(
      users.Add(op, "short-grant", Role::kInvestigator, hadapsar, "a long enough password").ok());
  // GrantAccess refuses an `until` in the past, so the grant is written as of an earlier day.
  policy::UserDirectory earlier(
      engine_->store(), *audit_, [] { return Now() - std::chrono::hours(72); },
      policy::PasswordCost::kMinimal);
  ASSERT_TRUE(
      earlier
          .GrantAccess(op, "short-grant", case_, "one-day request", Now() - std::chrono::hours(24))
          .ok());
  auto expand = guarded_->Expand(Context("short-grant", Role::kInvestigator, "station:MH-PUN-0027"),
                                 subject_, 5);
  EXPECT_EQ(expand.status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace sutra::engine
