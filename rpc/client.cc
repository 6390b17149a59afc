// The C++ client: an EzRpcClient connection and blocking calls that answer in model types.
//
// Error convention (the contract is rpc/sutra.capnp):
// - An `error` answer from the server becomes a Status with the server's code and message,
//   unchanged, so the caller sees what the Engine said.
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

class CapnpClient final : public Client {
 public:
  CapnpClient(std::string address, std::unique_ptr<capnp::EzRpcClient> connection,
              schema::Sutra::Client sutra)
      : address_(std::move(address)), connection_(std::move(connection)), sutra_(kj::mv(sutra)) {}

  // KJ may throw while tearing down a connection (a final write to a dead socket); a
  // destructor must not, so the capability and the connection are released under a catch.
  ~CapnpClient() noexcept override {
    kj::Maybe<kj::Exception> failure = kj::runCatchingExceptions([this] {
      sutra_ = nullptr;
      connection_.reset();
    });
    KJ_IF_MAYBE (exception, failure) {
      KJ_LOG(WARNING, "closing the connection to a Sutra server failed", address_, *exception);
    }
  }

  StatusOr<std::vector<storage::Node>> Search(std::string_view text, std::uint32_t limit) override {
    return Call<std::vector<storage::Node>>(
        "search", [&]() -> StatusOr<std::vector<storage::Node>> {
          auto request = sutra_.searchRequest();
          // initText copies exactly text.size() bytes: a string_view need not be NUL-terminated.
          auto wire_text = request.initText(static_cast<unsigned>(text.size()));
          std::copy(text.begin(), text.end(), wire_text.begin());
          request.setLimit(limit);
          auto response = request.send().wait(connection_->getWaitScope());
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
    return Call<Answer>("expand", [&]() -> StatusOr<Answer> {
      auto request = sutra_.expandRequest();
      request.setNodeId(id);
      request.setLimit(limit);
      auto response = request.send().wait(connection_->getWaitScope());
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
    return Call<ServerStats>("stats", [&]() -> StatusOr<ServerStats> {
      auto response = sutra_.statsRequest().send().wait(connection_->getWaitScope());
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
  // Runs `body` (one blocking RPC and the conversion of its answer) and turns any exception it
  // throws into a Status naming this server and `method`.
  template <typename T, typename Body>
  StatusOr<T> Call(std::string_view method, Body&& body) {
    std::optional<StatusOr<T>> answer;
    kj::Maybe<kj::Exception> failure = kj::runCatchingExceptions([&] { answer.emplace(body()); });
    KJ_IF_MAYBE (exception, failure) {
      return FromKjException(*exception,
                             "Sutra server at " + address_ + ", call " + std::string(method));
    }
    return std::move(*answer);
  }

  const std::string address_;
  // Declared before sutra_ so that the capability is released before its connection closes.
  std::unique_ptr<capnp::EzRpcClient> connection_;
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
    client = std::make_unique<CapnpClient>(where, std::move(connection), kj::mv(sutra));
  });
  KJ_IF_MAYBE (exception, failure) {
    return Unavailable("cannot reach a Sutra server at " + where + ": " +
                       exception->getDescription().cStr() +
                       "; check that `sutra serve` runs there and the port is right");
  }
  return client;
}

}  // namespace sutra::rpc
