// The C++ client: an EzRpcClient connection and blocking calls that answer in model types.
//
// Error convention (the contract is rpc/sutra.capnp):
// - An `error` answer from the server becomes a Status with the server's code and message,
//   unchanged, so the caller sees what the Engine said.
// - Sessions and investigations share the Client's connection (struct Connection below); the
//   connection closes when the last of them is gone.
// - A Cap'n Proto / KJ exception (connection refused, peer gone, timeout, a newer or older
//   server) is caught here and becomes a Status whose message names the server's address and the
//   call: Unavailable for transport failures (see FromKjException in rpc/convert.h). Once the
//   connection is lost, every later call answers Unavailable; Connect() again to recover.
#include "rpc/client.h"

#include <capnp/ez-rpc.h>
#include <kj/async-io.h>
#include <kj/debug.h>
#include <kj/timer.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "rpc/address.h"
#include "rpc/convert.h"
#include "rpc/sutra.capnp.h"

namespace sutra::rpc {
namespace {

// How long Connect() waits for the server's first answer. A refused connection fails at once;
// this bounds the wait for an address that drops packets, where TCP alone would take minutes.
constexpr kj::Duration kConnectTimeout = 10 * kj::SECONDS;

// The answer of a server whose schema has a result kind this build does not know.
Status UnknownAnswer(std::string_view method, unsigned which) {
  return FailedPrecondition("the server answered " + std::string(method) + " with result kind #" +
                            std::to_string(which) +
                            ", unknown to this build of rpc/sutra.capnp; upgrade the client");
}

// The connection every object made from one Connect() shares. Each holder releases its own
// capabilities before its reference to the connection, so the connection closes last.
struct Connection {
  Connection(std::string address_in, std::unique_ptr<capnp::EzRpcClient> rpc_in)
      : address(std::move(address_in)), rpc(std::move(rpc_in)) {}
  // KJ may throw while tearing down a connection (a final write to a dead socket); a
  // destructor must not.
  ~Connection() noexcept {
    kj::Maybe<kj::Exception> failure = kj::runCatchingExceptions([this] { rpc.reset(); });
    KJ_IF_MAYBE (exception, failure) {
      KJ_LOG(WARNING, "closing the connection to a Sutra server failed", address, *exception);
    }
  }

  kj::WaitScope& wait_scope() { return rpc->getWaitScope(); }

  // Runs `body` (one blocking RPC and the conversion of its answer) and turns any exception it
  // throws into a Status naming this server and `method`.
  template <typename T, typename Body>
  StatusOr<T> Call(std::string_view method, Body&& body) {
    std::optional<StatusOr<T>> answer;
    kj::Maybe<kj::Exception> failure = kj::runCatchingExceptions([&] { answer.emplace(body()); });
    KJ_IF_MAYBE (exception, failure) {
      return FromKjException(*exception,
                             "Sutra server at " + address + ", call " + std::string(method));
    }
    return std::move(*answer);
  }

  const std::string address;
  std::unique_ptr<capnp::EzRpcClient> rpc;
};

// Releases a capability without letting a KJ exception escape a destructor.
template <typename Capability>
void Release(Capability& capability, const std::string& address) {
  kj::Maybe<kj::Exception> failure = kj::runCatchingExceptions([&] { capability = nullptr; });
  KJ_IF_MAYBE (exception, failure) {
    KJ_LOG(WARNING, "releasing a capability of a Sutra server failed", address, *exception);
  }
}

// Copies `text` into a text field built by `init` (exactly text.size() bytes: a string_view
// need not be NUL-terminated).
template <typename Init>
void CopyText(std::string_view text, Init&& init) {
  auto wire = init(static_cast<unsigned>(text.size()));
  std::copy(text.begin(), text.end(), wire.begin());
}

// Fills a FlaggedSubgraph answer from an ExpandResult (Investigation.expand / neighborhood).
StatusOr<std::optional<FlaggedSubgraph>> ReadExpand(std::string_view method,
                                                    schema::ExpandResult::Reader result) {
  using Answer = std::optional<FlaggedSubgraph>;
  switch (result.which()) {
    case schema::ExpandResult::FOUND: {
      SUTRA_ASSIGN_OR_RETURN(FlaggedSubgraph subgraph, FlaggedFromWire(result.getFound()));
      return Answer(std::move(subgraph));
    }
    case schema::ExpandResult::NOT_FOUND:
      return Answer(std::nullopt);
    case schema::ExpandResult::ERROR:
      return FromWire(result.getError());
  }
  return UnknownAnswer(method, static_cast<unsigned>(result.which()));
}

class CapnpInvestigation final : public Investigation {
 public:
  CapnpInvestigation(std::shared_ptr<Connection> connection, schema::Investigation::Client cap)
      : connection_(std::move(connection)), cap_(kj::mv(cap)) {}
  ~CapnpInvestigation() noexcept override { Release(cap_, connection_->address); }

  StatusOr<std::vector<FlaggedNode>> Search(std::string_view text, std::uint32_t limit) override {
    using Answer = std::vector<FlaggedNode>;
    return connection_->Call<Answer>("Investigation.search", [&]() -> StatusOr<Answer> {
      auto request = cap_.searchRequest();
      CopyText(text, [&](unsigned n) { return request.initText(n); });
      request.setLimit(limit);
      auto response = request.send().wait(connection_->wait_scope());
      auto result = response.getResult();
      switch (result.which()) {
        case schema::SearchResult::NODES:
          return FlaggedFromWire(result.getNodes());
        case schema::SearchResult::ERROR:
          return FromWire(result.getError());
      }
      return UnknownAnswer("search", static_cast<unsigned>(result.which()));
    });
  }

  StatusOr<std::optional<FlaggedSubgraph>> Expand(storage::NodeId id,
                                                  std::uint32_t limit) override {
    using Answer = std::optional<FlaggedSubgraph>;
    return connection_->Call<Answer>("Investigation.expand", [&]() -> StatusOr<Answer> {
      auto request = cap_.expandRequest();
      request.setNodeId(id);
      request.setLimit(limit);
      auto response = request.send().wait(connection_->wait_scope());
      return ReadExpand("expand", response.getResult());
    });
  }

  StatusOr<std::optional<FlaggedSubgraph>> Neighborhood(storage::NodeId id, std::uint32_t hops,
                                                        std::uint32_t limit) override {
    using Answer = std::optional<FlaggedSubgraph>;
    return connection_->Call<Answer>("Investigation.neighborhood", [&]() -> StatusOr<Answer> {
      auto request = cap_.neighborhoodRequest();
      request.setNodeId(id);
      request.setHops(hops);
      request.setLimit(limit);
      auto response = request.send().wait(connection_->wait_scope());
      return ReadExpand("neighborhood", response.getResult());
    });
  }

  StatusOr<std::optional<PathsAnswer>> Paths(storage::NodeId from, storage::NodeId to,
                                             std::uint32_t k) override {
    using Answer = std::optional<PathsAnswer>;
    return connection_->Call<Answer>("Investigation.paths", [&]() -> StatusOr<Answer> {
      auto request = cap_.pathsRequest();
      request.setFrom(from);
      request.setTo(to);
      request.setK(k);
      auto response = request.send().wait(connection_->wait_scope());
      auto result = response.getResult();
      switch (result.which()) {
        case schema::PathsResult::FOUND: {
          PathsAnswer answer;
          for (auto path : result.getFound().getPaths()) {
            SUTRA_ASSIGN_OR_RETURN(Path converted, FromWire(path));
            answer.paths.push_back(std::move(converted));
          }
          answer.capped = result.getFound().getCapped();
          return Answer(std::move(answer));
        }
        case schema::PathsResult::NOT_FOUND:
          return Answer(std::nullopt);
        case schema::PathsResult::ERROR:
          return FromWire(result.getError());
      }
      return UnknownAnswer("paths", static_cast<unsigned>(result.which()));
    });
  }

  StatusOr<QueryAnswer> Query(std::string_view cypher) override {
    return connection_->Call<QueryAnswer>("Investigation.query", [&]() -> StatusOr<QueryAnswer> {
      auto request = cap_.queryRequest();
      CopyText(cypher, [&](unsigned n) { return request.initCypher(n); });
      auto response = request.send().wait(connection_->wait_scope());
      auto result = response.getResult();
      switch (result.which()) {
        case schema::QueryResult::ANSWER: {
          auto wire = result.getAnswer();
          QueryAnswer answer;
          for (auto column : wire.getColumns()) answer.columns.emplace_back(AsStringView(column));
          for (auto row : wire.getRows()) answer.rows.emplace_back(AsStringView(row));
          answer.hidden_nodes = wire.getHiddenNodes();
          return answer;
        }
        case schema::QueryResult::ERROR:
          return FromWire(result.getError());
      }
      return UnknownAnswer("query", static_cast<unsigned>(result.which()));
    });
  }

 private:
  std::shared_ptr<Connection> connection_;
  schema::Investigation::Client cap_;
};

class CapnpSession final : public Session {
 public:
  CapnpSession(std::shared_ptr<Connection> connection, schema::Session::Client cap)
      : connection_(std::move(connection)), cap_(kj::mv(cap)) {}
  ~CapnpSession() noexcept override { Release(cap_, connection_->address); }

  StatusOr<std::unique_ptr<Investigation>> Investigate(
      const InvestigationPurpose& purpose) override {
    using Answer = std::unique_ptr<Investigation>;
    return connection_->Call<Answer>("Session.investigate", [&]() -> StatusOr<Answer> {
      auto request = cap_.investigateRequest();
      CopyText(purpose.text, [&](unsigned n) { return request.initPurpose(n); });
      CopyText(purpose.case_ref, [&](unsigned n) { return request.initCaseRef(n); });
      CopyText(purpose.break_glass_reason,
               [&](unsigned n) { return request.initBreakGlassReason(n); });
      auto needs = request.initNeeds(static_cast<unsigned>(purpose.needs.size()));
      for (unsigned i = 0; i < needs.size(); ++i) {
        const std::string& need = purpose.needs[i];
        CopyText(need, [&](unsigned n) { return needs.init(i, n); });
      }
      auto response = request.send().wait(connection_->wait_scope());
      auto result = response.getResult();
      switch (result.which()) {
        case schema::InvestigationResult::INVESTIGATION:
          return Answer(
              std::make_unique<CapnpInvestigation>(connection_, result.getInvestigation()));
        case schema::InvestigationResult::ERROR:
          return FromWire(result.getError());
      }
      return UnknownAnswer("investigate", static_cast<unsigned>(result.which()));
    });
  }

  Status Logout() override {
    auto done = connection_->Call<bool>("Session.logout", [&]() -> StatusOr<bool> {
      cap_.logoutRequest().send().wait(connection_->wait_scope());
      return true;
    });
    return done.status();
  }

  StatusOr<SessionUser> WhoAmI() override {
    return connection_->Call<SessionUser>("Session.whoami", [&]() -> StatusOr<SessionUser> {
      auto response = cap_.whoamiRequest().send().wait(connection_->wait_scope());
      if (response.hasError()) return FromWire(response.getError());
      return SessionUser{std::string(AsStringView(response.getUser())),
                         std::string(AsStringView(response.getRole())),
                         std::string(AsStringView(response.getJurisdiction()))};
    });
  }

 private:
  std::shared_ptr<Connection> connection_;
  schema::Session::Client cap_;
};

class CapnpClient final : public Client {
 public:
  CapnpClient(std::shared_ptr<Connection> connection, schema::Sutra::Client sutra)
      : connection_(std::move(connection)), sutra_(kj::mv(sutra)) {}
  ~CapnpClient() noexcept override { Release(sutra_, connection_->address); }

  StatusOr<std::unique_ptr<Session>> Login(std::string_view user,
                                           std::string_view password) override {
    using Answer = std::unique_ptr<Session>;
    return connection_->Call<Answer>("login", [&]() -> StatusOr<Answer> {
      auto request = sutra_.loginRequest();
      CopyText(user, [&](unsigned n) { return request.initUser(n); });
      CopyText(password, [&](unsigned n) { return request.initPassword(n); });
      auto response = request.send().wait(connection_->wait_scope());
      auto result = response.getResult();
      switch (result.which()) {
        case schema::LoginResult::SESSION:
          return Answer(std::make_unique<CapnpSession>(connection_, result.getSession()));
        case schema::LoginResult::ERROR:
          return FromWire(result.getError());
      }
      return UnknownAnswer("login", static_cast<unsigned>(result.which()));
    });
  }

  StatusOr<std::vector<storage::Node>> Search(std::string_view text, std::uint32_t limit) override {
    return connection_->Call<std::vector<storage::Node>>(
        "search", [&]() -> StatusOr<std::vector<storage::Node>> {
          auto request = sutra_.searchRequest();
          CopyText(text, [&](unsigned n) { return request.initText(n); });
          request.setLimit(limit);
          auto response = request.send().wait(connection_->wait_scope());
          auto result = response.getResult();
          switch (result.which()) {
            case schema::SearchResult::NODES:
              return FromWire(result.getNodes());
            case schema::SearchResult::ERROR:
              return FromWire(result.getError());
          }
          return UnknownAnswer("search", static_cast<unsigned>(result.which()));
        });
  }

  StatusOr<std::optional<storage::Subgraph>> Expand(storage::NodeId id,
                                                    std::uint32_t limit) override {
    using Answer = std::optional<storage::Subgraph>;
    return connection_->Call<Answer>("expand", [&]() -> StatusOr<Answer> {
      auto request = sutra_.expandRequest();
      request.setNodeId(id);
      request.setLimit(limit);
      auto response = request.send().wait(connection_->wait_scope());
      auto result = response.getResult();
      switch (result.which()) {
        case schema::ExpandResult::FOUND: {
          SUTRA_ASSIGN_OR_RETURN(storage::Subgraph subgraph, FromWire(result.getFound()));
          return Answer(std::move(subgraph));
        }
        case schema::ExpandResult::NOT_FOUND:
          return Answer(std::nullopt);
        case schema::ExpandResult::ERROR:
          return FromWire(result.getError());
      }
      return UnknownAnswer("expand", static_cast<unsigned>(result.which()));
    });
  }

  StatusOr<ServerStats> Stats() override {
    return connection_->Call<ServerStats>("stats", [&]() -> StatusOr<ServerStats> {
      auto response = sutra_.statsRequest().send().wait(connection_->wait_scope());
      auto result = response.getResult();
      switch (result.which()) {
        case schema::StatsResult::STATS: {
          auto stats = result.getStats();
          ServerStats out;
          for (auto entry : stats.getNodesByType()) {
            out.nodes_by_type.emplace_back(AsStringView(entry.getName()), entry.getCount());
          }
          for (auto entry : stats.getEdgesByType()) {
            out.edges_by_type.emplace_back(AsStringView(entry.getName()), entry.getCount());
          }
          return out;
        }
        case schema::StatsResult::ERROR:
          return FromWire(result.getError());
      }
      return UnknownAnswer("stats", static_cast<unsigned>(result.which()));
    });
  }

 private:
  std::shared_ptr<Connection> connection_;
  schema::Sutra::Client sutra_;
};

}  // namespace

StatusOr<std::unique_ptr<Client>> Client::Connect(std::string_view address) {
  SUTRA_RETURN_IF_ERROR(ParseAddressPort(address, PortZero::kRefuse).status());
  std::string where(address);
  std::unique_ptr<Client> client;
  kj::Maybe<kj::Exception> failure = kj::runCatchingExceptions([&] {
    auto connection = std::make_unique<capnp::EzRpcClient>(where.c_str());
    schema::Sutra::Client sutra = connection->getMain<schema::Sutra>();
    // The connection is made in the background; waiting for the bootstrap capability to resolve
    // is one round trip that proves a Sutra server answers, so failures surface here rather
    // than on the first call.
    connection->getIoProvider()
        .getTimer()
        .timeoutAfter(kConnectTimeout, sutra.whenResolved())
        .wait(connection->getWaitScope());
    client = std::make_unique<CapnpClient>(
        std::make_shared<Connection>(where, std::move(connection)), kj::mv(sutra));
  });
  KJ_IF_MAYBE (exception, failure) {
    return Unavailable("cannot reach a Sutra server at " + where + ": " +
                       exception->getDescription().cStr() +
                       "; check that `sutra serve` runs there and the port is right");
  }
  return client;
}

}  // namespace sutra::rpc
