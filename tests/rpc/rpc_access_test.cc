// The access policy through the RPC: logging in, sessions that end, purpose binding, hit-only
// answers outside the user's jurisdiction, refusals naming the rule, and one audit entry per
// investigation call (DESIGN.md, "Policy and audit").
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/policy/audit_log.h"
#include "tests/rpc/rpc_test_fixture.h"

namespace sutra::rpc {
namespace {

using testing::kAuditorUser;
using testing::kCaseRef;
using testing::kNationalUser;
using testing::kPassword;
using testing::kPurpose;
using testing::kStationUser;

// Facts of datasets/sample: a victim recorded only at Hadapsar (MH-PUN-0027), outside the
// station user's jurisdiction, and a complainant of Shivajinagar (MH-PUN-0012), inside it.
constexpr char kNameHeldElsewhere[] = "Shobha Arun Kadam";
constexpr char kNameHeldHere[] = "Nilesh Prakash Jadhav";

// Every audit entry appended after `from` (a sequence number), in order.
std::vector<engine::policy::AuditRecord> AuditAfter(const engine::Engine& engine,
                                                    std::uint64_t from) {
  std::vector<engine::policy::AuditRecord> records;
  auto txn = engine.store().BeginRead();
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  if (!txn.ok()) return records;
  Status read = engine::policy::ForEachAuditRecord(
      *txn, from + 1, [&records](const engine::policy::AuditRecord& record) {
        records.push_back(record);
        return true;
      });
  EXPECT_TRUE(read.ok()) << read.ToString();
  return records;
}

std::uint64_t LastAuditSeq(const engine::Engine& engine) {
  auto txn = engine.store().BeginRead();
  EXPECT_TRUE(txn.ok());
  if (!txn.ok()) return 0;
  auto head = engine::policy::ReadChainHead(*txn);
  EXPECT_TRUE(head.ok()) << head.status().ToString();
  return head.ok() && head->has_value() ? (*head)->seq : 0;
}

class RpcAccess : public testing::RpcTest {
 protected:
  std::unique_ptr<Investigation> AsStationUser() {
    return Investigate(*client_, kStationUser, session_);
  }
  std::unique_ptr<Session> session_;
};

TEST_F(RpcAccess, AWrongPasswordIsRefusedAndAudited) {
  const std::uint64_t before = LastAuditSeq(engine());
  auto login = client_->Login(kStationUser, "not-the-password-at-all");
  ASSERT_FALSE(login.ok());
  EXPECT_EQ(login.status().code(), StatusCode::kPermissionDenied) << login.status().ToString();
  auto unknown = client_->Login("no.such.user", kPassword);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(unknown.status().message(), login.status().message())
      << "the answer must not tell which names exist";

  const auto records = AuditAfter(engine(), before);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].operation, "login");
  EXPECT_EQ(records[0].user, kStationUser);
  EXPECT_FALSE(records[0].allowed);

  // The right password still works (one failure does not lock the account) and resets the count.
  auto good = client_->Login(kStationUser, kPassword);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  auto who = (*good)->WhoAmI();
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->user, kStationUser);
  EXPECT_EQ(who->role, "investigator");
  EXPECT_EQ(who->jurisdiction, "station:MH-PUN-0012");
}

TEST_F(RpcAccess, TheOldUnauthenticatedReadsAreRefused) {
  auto search = client_->Search(kNameHeldHere, 10);
  ASSERT_FALSE(search.ok());
  EXPECT_EQ(search.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(search.status().message().find("log in"), std::string::npos)
      << search.status().message();
  auto expand = client_->Expand(1, 10);
  ASSERT_FALSE(expand.ok());
  EXPECT_EQ(expand.status().code(), StatusCode::kPermissionDenied);
  // Counts disclose no case data and stay open.
  EXPECT_TRUE(client_->Stats().ok());
}

TEST_F(RpcAccess, AStationInvestigatorSeesAPersonHeldElsewhereAsAHitOnly) {
  auto investigation = AsStationUser();
  ASSERT_NE(investigation, nullptr);

  auto elsewhere = investigation->Search(kNameHeldElsewhere, 10);
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.status().ToString();
  ASSERT_EQ(elsewhere->size(), 1u);
  const FlaggedNode& hit = elsewhere->front();
  EXPECT_TRUE(HasFlag(hit, kFlagHitOnly));
  EXPECT_EQ(hit.node.type, storage::NodeType::kPersonRecord);
  EXPECT_EQ(storage::GetString(hit.node.properties, kHoldingStationsProperty), "MH-PUN-0027");
  EXPECT_FALSE(hit.node.properties.contains("name")) << "a hit shows no identity";

  auto here = investigation->Search(kNameHeldHere, 10);
  ASSERT_TRUE(here.ok()) << here.status().ToString();
  ASSERT_EQ(here->size(), 1u);
  EXPECT_FALSE(HasFlag(here->front(), kFlagHitOnly));
  EXPECT_EQ(storage::GetString(here->front().node.properties, "name"), kNameHeldHere);

  // Expanding the hit is refused, naming the rule; a node in reach expands.
  auto refused = investigation->Expand(hit.node.id, 10);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(refused.status().message().find("outside your jurisdiction"), std::string::npos)
      << refused.status().message();
  auto allowed = investigation->Expand(here->front().node.id, 10);
  ASSERT_TRUE(allowed.ok()) << allowed.status().ToString();
  ASSERT_TRUE(allowed->has_value());
  EXPECT_EQ((*allowed)->nodes.front().node.id, here->front().node.id);
}

TEST_F(RpcAccess, EveryInvestigationCallMakesOneAuditEntry) {
  auto investigation = AsStationUser();
  ASSERT_NE(investigation, nullptr);
  auto here = investigation->Search(kNameHeldHere, 10);
  ASSERT_TRUE(here.ok() && here->size() == 1) << here.status().ToString();
  auto elsewhere = investigation->Search(kNameHeldElsewhere, 10);
  ASSERT_TRUE(elsewhere.ok() && elsewhere->size() == 1) << elsewhere.status().ToString();
  const storage::NodeId in_reach = here->front().node.id;
  const storage::NodeId out_of_reach = elsewhere->front().node.id;
  auto fir = investigation->Search(kCaseRef, 10);
  ASSERT_TRUE(fir.ok() && fir->size() == 1) << fir.status().ToString();

  struct Call {
    std::string operation;
    bool allowed;
    std::function<Status()> run;
  };
  const std::vector<Call> calls = {
      {"search", true, [&] { return investigation->Search(kNameHeldHere, 5).status(); }},
      {"expand", true, [&] { return investigation->Expand(in_reach, 5).status(); }},
      {"expand", false, [&] { return investigation->Expand(out_of_reach, 5).status(); }},
      {"expand", true, [&] { return investigation->Neighborhood(in_reach, 2, 20).status(); }},
      {"path", true,
       [&] { return investigation->Paths(in_reach, fir->front().node.id, 2).status(); }},
      {"query", true,
       [&] { return investigation->Query("MATCH (c:Case) RETURN count(c) AS n").status(); }},
  };
  for (const Call& call : calls) {
    const std::uint64_t before = LastAuditSeq(engine());
    const Status status = call.run();
    EXPECT_EQ(status.ok(), call.allowed) << call.operation << ": " << status.ToString();
    const auto records = AuditAfter(engine(), before);
    ASSERT_EQ(records.size(), 1u) << call.operation;
    const auto& record = records.front();
    EXPECT_EQ(record.user, kStationUser);
    EXPECT_EQ(record.allowed, call.allowed) << call.operation << " " << record.rule;
    EXPECT_EQ(record.purpose, kPurpose);
    EXPECT_EQ(record.case_ref, kCaseRef);
    EXPECT_FALSE(record.session.empty());
    if (call.operation != "expand") {
      EXPECT_EQ(record.operation, call.operation);
    }
  }
}

TEST_F(RpcAccess, ASessionIdleForTheTimeoutIsRefused) {
  auto now = std::make_shared<std::atomic<std::int64_t>>(0);  // seconds added to the real time
  ServerOptions options;
  options.clock = [now] { return std::chrono::system_clock::now() + std::chrono::seconds(*now); };
  StartServer(std::move(options));
  auto investigation = AsStationUser();
  ASSERT_NE(investigation, nullptr);
  ASSERT_TRUE(investigation->Search(kNameHeldHere, 5).ok());

  *now += 29 * 60;  // still within 30 minutes of the last call
  ASSERT_TRUE(investigation->Search(kNameHeldHere, 5).ok());

  *now += 30 * 60 + 1;
  const std::uint64_t before = LastAuditSeq(engine());
  auto expired = investigation->Search(kNameHeldHere, 5);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(expired.status().message().find("log in again"), std::string::npos)
      << expired.status().message();
  const auto records = AuditAfter(engine(), before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records.front().operation, "session-expired");

  // The whole session is gone, not just this investigation.
  auto who = session_->WhoAmI();
  ASSERT_FALSE(who.ok());
  EXPECT_EQ(who.status().code(), StatusCode::kPermissionDenied);
  auto again = session_->Investigate({kPurpose, kCaseRef, {}, ""});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(RpcAccess, ANonPositiveIdleTimeoutIsRefused) {
  ServerOptions options;
  options.session_idle_timeout = std::chrono::seconds(0);
  auto refused = Server::Start(engine(), "127.0.0.1:0", options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RpcAccess, LogoutEndsTheSessionAndItsInvestigations) {
  auto investigation = AsStationUser();
  ASSERT_NE(investigation, nullptr);
  const std::uint64_t before = LastAuditSeq(engine());
  ASSERT_TRUE(session_->Logout().ok());
  const auto records = AuditAfter(engine(), before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records.front().operation, "logout");
  auto after = investigation->Search(kNameHeldHere, 5);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(RpcAccess, InvestigateNeedsAPurposeAndKnownNeeds) {
  auto session = client_->Login(kStationUser, kPassword);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  auto no_purpose = (*session)->Investigate({"  ", kCaseRef, {}, ""});
  ASSERT_FALSE(no_purpose.ok());
  EXPECT_EQ(no_purpose.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_purpose.status().message().find("purpose"), std::string::npos);
  auto bad_need = (*session)->Investigate({kPurpose, kCaseRef, {"everything"}, ""});
  ASSERT_FALSE(bad_need.ok());
  EXPECT_EQ(bad_need.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_need.status().message().find("everything"), std::string::npos);
  auto short_reason = (*session)->Investigate({kPurpose, kCaseRef, {}, "urgent"});
  ASSERT_FALSE(short_reason.ok());
  EXPECT_EQ(short_reason.status().code(), StatusCode::kInvalidArgument);
  // A case reference that names no FIR is refused at the first read, by the policy.
  auto no_case = (*session)->Investigate({kPurpose, "9999/1999", {}, ""});
  ASSERT_TRUE(no_case.ok()) << no_case.status().ToString();
  auto read = (*no_case)->Search(kNameHeldHere, 5);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().code(), StatusCode::kOk);
}

TEST_F(RpcAccess, AnAuditorReadsNoCaseData) {
  std::unique_ptr<Session> session;
  auto investigation = Investigate(*client_, kAuditorUser, session);
  ASSERT_NE(investigation, nullptr);
  auto search = investigation->Search(kNameHeldHere, 5);
  ASSERT_FALSE(search.ok());
  EXPECT_EQ(search.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(search.status().message().find("auditor"), std::string::npos)
      << search.status().message();
}

TEST_F(RpcAccess, QueryAnswersJsonRowsOverTheUsersViewOnly) {
  const char* cypher = "MATCH (c:Case) RETURN c.fir_number AS fir ORDER BY fir";
  auto station = AsStationUser();
  ASSERT_NE(station, nullptr);
  auto mine = station->Query(cypher);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_FALSE(mine->columns.empty());
  EXPECT_EQ(mine->columns.front(), "fir");
  ASSERT_FALSE(mine->rows.empty());
  for (const std::string& row : mine->rows) {
    auto cells = nlohmann::json::parse(row, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(cells.is_array()) << row;
    ASSERT_EQ(cells.size(), mine->columns.size()) << row;
    EXPECT_TRUE(cells[0].is_string()) << row;
  }
  EXPECT_GT(mine->hidden_nodes, 0u) << "the sample has cases of other stations";

  std::unique_ptr<Session> national_session;
  auto national = Investigate(*client_, kNationalUser, national_session);
  ASSERT_NE(national, nullptr);
  auto all = national->Query(cypher);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_GT(all->rows.size(), mine->rows.size());

  auto broken = station->Query("MATCH (c:Case RETURN c");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(broken.status().message().find("Cypher"), std::string::npos);
}

TEST_F(RpcAccess, PathsAndNeighbourhoodsStayInsideTheUsersReach) {
  auto investigation = AsStationUser();
  ASSERT_NE(investigation, nullptr);
  auto fir = investigation->Search(kCaseRef, 5);
  ASSERT_TRUE(fir.ok() && fir->size() == 1) << fir.status().ToString();
  auto person = investigation->Search(kNameHeldHere, 5);
  ASSERT_TRUE(person.ok() && person->size() == 1) << person.status().ToString();

  auto paths = investigation->Paths(person->front().node.id, fir->front().node.id, 1);
  ASSERT_TRUE(paths.ok()) << paths.status().ToString();
  ASSERT_TRUE(paths->has_value());
  ASSERT_FALSE((*paths)->paths.empty());
  const Path& path = (*paths)->paths.front();
  EXPECT_EQ(path.nodes.front().node.id, person->front().node.id);
  EXPECT_EQ(path.nodes.back().node.id, fir->front().node.id);
  EXPECT_EQ(path.edges.size() + 1, path.nodes.size());

  auto around = investigation->Neighborhood(fir->front().node.id, 2, 50);
  ASSERT_TRUE(around.ok()) << around.status().ToString();
  ASSERT_TRUE(around->has_value());
  EXPECT_EQ((*around)->nodes.front().node.id, fir->front().node.id);
  for (const FlaggedNode& node : (*around)->nodes) {
    if (HasFlag(node, kFlagHitOnly)) {
      EXPECT_FALSE(node.node.properties.contains("name"));
    }
  }
  auto unknown = investigation->Paths(0xDEAD'BEEF'0000'0001ULL, fir->front().node.id, 1);
  ASSERT_TRUE(unknown.ok()) << unknown.status().ToString();
  EXPECT_FALSE(unknown->has_value());

  auto bad_hops = investigation->Neighborhood(fir->front().node.id, 0, 50);
  ASSERT_FALSE(bad_hops.ok());
  EXPECT_EQ(bad_hops.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sutra::rpc
