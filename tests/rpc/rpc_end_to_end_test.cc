// RPC end to end: datasets/sample loaded into a fresh database, an Engine over it, the server on
// a loopback port chosen by the kernel, and the C++ client, all in this process.
//
// Two kinds of check: what an investigator relies on (search finds the known phone, FIR and
// person; expand returns a well-formed, provenanced neighbourhood; "not found" and bad requests
// are answers, not crashes), and that the RPC adds nothing and loses nothing (every answer
// equals the guarded engine's own answer to the same call by the same user and purpose).
// The reads go through an Investigation of a national investigator, who sees every node in
// full (the access policy itself is tested in rpc_access_test.cc).
#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "engine/guarded_engine.h"
#include "tests/rpc/rpc_test_fixture.h"

namespace sutra::rpc {
namespace {

using storage::Node;
using storage::NodeType;
using testing::kNationalUser;

constexpr std::uint32_t kMaxLimit = 10000;  // rpc/sutra.capnp maxLimit

std::vector<Node> AllNodes(const engine::Engine& engine) {
  std::vector<Node> nodes;
  auto txn = engine.store().BeginRead();
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  if (!txn.ok()) return nodes;
  Status walked = txn->ForEachNode([&nodes](const Node& node) {
    nodes.push_back(node);
    return true;
  });
  EXPECT_TRUE(walked.ok()) << walked.ToString();
  return nodes;
}

std::vector<FlaggedNode> AsFlagged(std::vector<engine::AnswerNode> nodes) {
  std::vector<FlaggedNode> out;
  for (auto& node : nodes) out.push_back({std::move(node.node), std::move(node.flags)});
  return out;
}

void ExpectSameSubgraph(const FlaggedSubgraph& remote, engine::GuardedSubgraph direct) {
  EXPECT_EQ(remote.nodes, AsFlagged(std::move(direct.nodes)));
  EXPECT_EQ(remote.edges, direct.edges);
  EXPECT_EQ(remote.total_neighbors, direct.total_neighbors);
  EXPECT_EQ(remote.truncated, direct.truncated);
}

class RpcEndToEnd : public testing::RpcTest {
 protected:
  void SetUp() override {
    RpcTest::SetUp();
    if (HasFatalFailure()) return;
    investigation_ = Investigate(*client_, kNationalUser, session_);
    ASSERT_NE(investigation_, nullptr);
  }
  void TearDown() override {
    investigation_.reset();
    session_.reset();
  }

  // The first node of `type` in id order; the sample has every type.
  static Node FirstNodeOf(NodeType type) {
    for (const Node& node : AllNodes(engine())) {
      if (node.type == type) return node;
    }
    ADD_FAILURE() << "the sample has no " << storage::NodeTypeName(type) << " node";
    return Node{};
  }

  std::unique_ptr<Session> session_;
  std::unique_ptr<Investigation> investigation_;
};

// Facts of datasets/sample (see its TRUTH.md) that an investigator would search for.
constexpr char kHubPhone[] = "+919415007386";  // an advocate's number given by six accused
constexpr std::uint64_t kHubPhoneLinks = 8;    // six USES, two CALLED
constexpr char kGangVehicle[] = "MH12KT4471";

// The one node of `type` among `nodes`, failing the test unless there is exactly one.
std::optional<Node> OnlyNodeOf(const std::vector<FlaggedNode>& nodes, NodeType type) {
  std::optional<Node> found;
  for (const FlaggedNode& flagged : nodes) {
    const Node& node = flagged.node;
    if (node.type != type) continue;
    EXPECT_FALSE(found.has_value()) << "more than one " << storage::NodeTypeName(type);
    EXPECT_FALSE(HasFlag(flagged, kFlagHitOnly)) << "a national investigator sees every node";
    found = node;
  }
  EXPECT_TRUE(found.has_value()) << "no " << storage::NodeTypeName(type) << " in the answer";
  return found;
}

TEST_F(RpcEndToEnd, SearchFindsTheHubPhoneInEveryCommonSpelling) {
  for (const char* spelling : {"94150 07386", "+91-9415007386", "09415007386", kHubPhone}) {
    auto found = investigation_->Search(spelling, 10);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    auto phone = OnlyNodeOf(*found, NodeType::kPhone);
    ASSERT_TRUE(phone.has_value()) << spelling;
    EXPECT_EQ(storage::GetString(phone->properties, "number"), kHubPhone) << spelling;
  }
}

TEST_F(RpcEndToEnd, SearchFindsTheCaseByFirNumber) {
  auto found = investigation_->Search("0087/2021", 10);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  auto fir = OnlyNodeOf(*found, NodeType::kCase);
  ASSERT_TRUE(fir.has_value());
  EXPECT_EQ(storage::GetString(fir->properties, "station_code"), "MH-PUN-0012");
  EXPECT_EQ(storage::GetString(fir->properties, "registered_on"), "2021-03-14");
}

TEST_F(RpcEndToEnd, SearchFindsThePersonRecordByNameIgnoringCase) {
  auto found = investigation_->Search("nilesh prakash JADHAV", 10);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  auto record = OnlyNodeOf(*found, NodeType::kPersonRecord);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(storage::GetString(record->properties, "record_id"), "R0001");
  EXPECT_EQ(storage::GetInt(record->properties, "age"), 26);
}

TEST_F(RpcEndToEnd, SearchFindsTheGangVehicleWrittenLoosely) {
  auto found = investigation_->Search("mh 12 kt 4471", 10);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  auto vehicle = OnlyNodeOf(*found, NodeType::kVehicle);
  ASSERT_TRUE(vehicle.has_value());
  EXPECT_EQ(storage::GetString(vehicle->properties, "registration"), kGangVehicle);
}

TEST_F(RpcEndToEnd, SearchThatMatchesNothingIsAnEmptyAnswer) {
  auto found = investigation_->Search("no such person anywhere", 10);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(found->empty());
}

TEST_F(RpcEndToEnd, ExpandReturnsTheNodeItsNeighboursAndProvenancedEdges) {
  const Node fir = FirstNodeOf(NodeType::kCase);
  auto expanded = investigation_->Expand(fir.id, kMaxLimit);
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  ASSERT_TRUE(expanded->has_value());
  const FlaggedSubgraph& subgraph = **expanded;

  ASSERT_FALSE(subgraph.nodes.empty());
  EXPECT_EQ(subgraph.nodes.front().node, fir);
  EXPECT_GE(subgraph.nodes.size(), 2u) << "an FIR has at least its station and a person";
  EXPECT_FALSE(subgraph.truncated);
  // Two links to one neighbour (accused and arrested in the same FIR) count once as a node.
  EXPECT_LE(subgraph.nodes.size(), subgraph.total_neighbors + 1);
  ASSERT_FALSE(subgraph.edges.empty());

  std::set<storage::NodeId> ids;
  for (const FlaggedNode& node : subgraph.nodes) ids.insert(node.node.id);
  for (const storage::Edge& edge : subgraph.edges) {
    EXPECT_TRUE(ids.count(edge.from) && ids.count(edge.to))
        << "edge " << edge.id << " has an end outside the answer";
    EXPECT_TRUE(edge.from == fir.id || edge.to == fir.id) << "edge " << edge.id;
    EXPECT_FALSE(edge.provenance.fir.empty()) << "edge " << edge.id;
    EXPECT_FALSE(edge.provenance.station.empty()) << "edge " << edge.id;
    EXPECT_EQ(edge.provenance.batch, db_->report.batch) << "edge " << edge.id;
  }
}

TEST_F(RpcEndToEnd, ExpandOfAnUnknownIdIsNotFoundNotAnError) {
  auto expanded = investigation_->Expand(0xDEAD'BEEF'0000'0001ULL, 10);
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_FALSE(expanded->has_value());
}

TEST_F(RpcEndToEnd, ExpandOfAHubWithASmallLimitReportsWhatWasLeftOut) {
  auto found = investigation_->Search(kHubPhone, 1);
  ASSERT_TRUE(found.ok() && found->size() == 1) << found.status().ToString();
  const storage::NodeId hub = found->front().node.id;

  auto full = investigation_->Expand(hub, kMaxLimit);
  ASSERT_TRUE(full.ok() && full->has_value()) << full.status().ToString();
  EXPECT_FALSE((*full)->truncated);
  EXPECT_EQ((*full)->total_neighbors, kHubPhoneLinks);
  EXPECT_EQ((*full)->edges.size(), kHubPhoneLinks);

  auto capped = investigation_->Expand(hub, 3);
  ASSERT_TRUE(capped.ok()) << capped.status().ToString();
  ASSERT_TRUE(capped->has_value());
  EXPECT_TRUE((*capped)->truncated);
  EXPECT_EQ((*capped)->total_neighbors, kHubPhoneLinks);
  EXPECT_EQ((*capped)->edges.size(), 3u);
  EXPECT_EQ((*capped)->nodes.front().node.id, hub);
  EXPECT_LE((*capped)->nodes.size(), 4u) << "the hub and at most three neighbours";

  auto one = investigation_->Expand(hub, 1);
  ASSERT_TRUE(one.ok() && one->has_value());
  EXPECT_TRUE((*one)->truncated);
  EXPECT_EQ((*one)->nodes.size(), 2u) << "the hub itself and one neighbour";
}

TEST_F(RpcEndToEnd, BadRequestsAreInvalidArgumentAndTheServerKeepsServing) {
  const Node fir = FirstNodeOf(NodeType::kCase);
  for (std::uint32_t limit : {0u, kMaxLimit + 1, 0xFFFF'FFFFu}) {
    auto search = investigation_->Search("x", limit);
    ASSERT_FALSE(search.ok()) << "limit " << limit;
    EXPECT_EQ(search.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(search.status().message().find("limit"), std::string::npos);

    auto expand = investigation_->Expand(fir.id, limit);
    ASSERT_FALSE(expand.ok()) << "limit " << limit;
    EXPECT_EQ(expand.status().code(), StatusCode::kInvalidArgument);
  }
  auto too_long = investigation_->Search(std::string(257, 'a'), 10);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), StatusCode::kInvalidArgument);

  auto after = investigation_->Expand(fir.id, 10);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_TRUE(after->has_value());
}

TEST_F(RpcEndToEnd, StatsMatchTheEngine) {
  auto remote = client_->Stats();
  ASSERT_TRUE(remote.ok()) << remote.status().ToString();
  auto direct = engine().Stats();
  ASSERT_TRUE(direct.ok()) << direct.status().ToString();

  ASSERT_EQ(remote->nodes_by_type.size(), direct->nodes_by_type.size());
  for (std::size_t i = 0; i < direct->nodes_by_type.size(); ++i) {
    EXPECT_EQ(remote->nodes_by_type[i].first,
              storage::NodeTypeName(direct->nodes_by_type[i].first));
    EXPECT_EQ(remote->nodes_by_type[i].second, direct->nodes_by_type[i].second);
  }
  ASSERT_EQ(remote->edges_by_type.size(), direct->edges_by_type.size());
  for (std::size_t i = 0; i < direct->edges_by_type.size(); ++i) {
    EXPECT_EQ(remote->edges_by_type[i].first,
              storage::EdgeTypeName(direct->edges_by_type[i].first));
    EXPECT_EQ(remote->edges_by_type[i].second, direct->edges_by_type[i].second);
  }
}

// The same user and purpose straight through the guarded engine, without the RPC.
engine::AccessContext DirectContext() {
  return {{kNationalUser,
           engine::policy::Role::kInvestigator,
           {engine::policy::JurisdictionLevel::kNational, ""},
           "direct"},
          {testing::kPurpose, testing::kCaseRef, false, "", {}}};
}

// Every node's neighbourhood and every node's label as a search, through the RPC and straight
// from the guarded engine: the answers must be equal, flags and property kinds included.
TEST_F(RpcEndToEnd, AnswersEqualTheGuardedEnginesForEveryNode) {
  engine::policy::AuditLog audit(engine().store());
  const engine::GuardedEngine guarded(engine(), audit);
  const engine::AccessContext context = DirectContext();
  std::set<std::size_t> kinds_seen;  // Value::index() of every property that crossed the wire
  const auto note_kinds = [&kinds_seen](const storage::Properties& properties) {
    for (const auto& [key, value] : properties) kinds_seen.insert(value.index());
  };
  std::set<std::string> flags_seen;
  const std::vector<Node> nodes = AllNodes(engine());
  ASSERT_FALSE(nodes.empty());
  for (const Node& node : nodes) {
    for (std::uint32_t limit : {1u, kMaxLimit}) {
      auto remote = investigation_->Expand(node.id, limit);
      auto direct = guarded.Expand(context, node.id, limit);
      ASSERT_TRUE(remote.ok()) << remote.status().ToString();
      ASSERT_TRUE(direct.ok()) << direct.status().ToString();
      ASSERT_TRUE(remote->has_value() && direct->has_value()) << "node " << node.id;
      ExpectSameSubgraph(**remote, std::move(**direct));
      for (const FlaggedNode& n : (*remote)->nodes) {
        note_kinds(n.node.properties);
        flags_seen.insert(n.flags.begin(), n.flags.end());
      }
      for (const storage::Edge& e : (*remote)->edges) note_kinds(e.properties);
    }
    const std::string label = storage::DisplayLabel(node);
    auto remote = investigation_->Search(label, 50);
    auto direct = guarded.Search(context, label, 50);
    ASSERT_TRUE(remote.ok()) << remote.status().ToString();
    ASSERT_TRUE(direct.ok()) << direct.status().ToString();
    EXPECT_EQ(*remote, AsFlagged(std::move(*direct))) << "search for \"" << label << "\"";
  }
  // The kinds the sample stores must all have been carried (and compared) above.
  std::set<std::size_t> kinds_stored;
  for (const Node& node : nodes) {
    for (const auto& [key, value] : node.properties) kinds_stored.insert(value.index());
  }
  for (std::size_t kind : kinds_stored) EXPECT_TRUE(kinds_seen.count(kind)) << "kind " << kind;
  // The sample has all four: ages (int), coordinates (double), flags (bool), names (text).
  EXPECT_EQ(kinds_seen.size(), std::variant_size_v<storage::Value>);
  // Its acquitted case and its juvenile accused carry their protection flags across the wire.
  EXPECT_TRUE(flags_seen.count("acquitted"));
  EXPECT_TRUE(flags_seen.count(kFlagJuvenileRedacted));
}

TEST_F(RpcEndToEnd, ConcurrentClientsOnTheirOwnThreadsGetTheGuardedEnginesAnswers) {
  engine::policy::AuditLog audit(engine().store());
  const engine::GuardedEngine guarded(engine(), audit);
  const engine::AccessContext context = DirectContext();
  const std::vector<Node> nodes = AllNodes(engine());
  std::atomic<int> mismatches{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto client = Client::Connect(address());
      if (!client.ok()) {
        ++failures;
        return;
      }
      auto session = (*client)->Login(kNationalUser, testing::kPassword);
      if (!session.ok()) {
        ++failures;
        return;
      }
      auto investigation = (*session)->Investigate({testing::kPurpose, testing::kCaseRef, {}, ""});
      if (!investigation.ok()) {
        ++failures;
        return;
      }
      for (std::size_t i = static_cast<std::size_t>(t); i < nodes.size(); i += 4) {
        auto remote = (*investigation)->Expand(nodes[i].id, 25);
        auto direct = guarded.Expand(context, nodes[i].id, 25);
        if (!remote.ok() || !direct.ok() || !remote->has_value() || !direct->has_value()) {
          ++failures;
        } else if ((*remote)->nodes != AsFlagged((*direct)->nodes) ||
                   (*remote)->edges != (*direct)->edges) {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(RpcEndToEnd, StartRefusesAMalformedAddressAndABoundPort) {
  auto malformed = Server::Start(engine(), "127.0.0.1");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), StatusCode::kInvalidArgument);

  auto taken = Server::Start(engine(), address());
  ASSERT_FALSE(taken.ok()) << "a second server bound " << address();
  EXPECT_EQ(taken.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(taken.status().message().find(address()), std::string::npos)
      << taken.status().message();
}

TEST_F(RpcEndToEnd, ConnectingToAClosedPortIsUnavailableNamingTheAddress) {
  const std::string closed = address();
  client_.reset();
  server_.reset();  // the port is closed once the destructor returns

  auto client = Client::Connect(closed);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(client.status().message().find(closed), std::string::npos) << client.status().message();
}

TEST_F(RpcEndToEnd, StoppingTheServerTurnsLaterCallsIntoUnavailable) {
  ASSERT_TRUE(client_->Stats().ok());
  const std::string stopped = address();
  server_.reset();

  auto stats = client_->Stats();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(stats.status().message().find(stopped), std::string::npos) << stats.status().message();
}

}  // namespace
}  // namespace sutra::rpc
