// The RPC server: a TwoPartyServer on a KJ event loop that runs on a thread of its own.
//
// Error convention (the contract is rpc/sutra.capnp):
// - A request the caller got wrong (limit 0 or above schema::MAX_LIMIT, an over-long search
//   text), a refusal of the access policy (PermissionDenied naming the rule) and any other
//   non-OK Status from the engine are answered with the result's `error` member: a typed
//   ErrorCode plus the message. The call itself succeeds at the RPC level.
//
// Access: Sutra itself serves only `login` and the counts of `stats`; case data is read through
// the Session and Investigation capabilities of rpc/access_services.h. The retired `search` and
// `expand` answer PermissionDenied telling the caller how to get in.
// - Only a failure of the RPC machinery itself reaches the caller as a Cap'n Proto exception; an
//   exception thrown while serving one call is turned into that call's exception by capnp and
//   never ends the process.
//
// Lifecycle: Start() runs the loop thread and blocks until the socket is bound (or binding
// failed), handed over through a std::promise. The loop then waits on a cross-thread promise
// that the destructor fulfils; when it resolves, the TwoPartyServer (with every open
// connection) and the listening socket are destroyed on the loop thread, the thread ends and the
// destructor joins it. Calls in progress finish first; clients still connected see DISCONNECTED.
#include "rpc/server.h"

#include <capnp/rpc-twoparty.h>
#include <kj/async-io.h>
#include <kj/debug.h>

#include <algorithm>
#include <future>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "rpc/access_services.h"
#include "rpc/address.h"
#include "rpc/convert.h"
#include "rpc/sutra.capnp.h"

namespace sutra::rpc {
namespace {

// After a failed accept() (usually EMFILE: out of file descriptors) the server waits this long
// before accepting again, instead of spinning or giving up on every future client.
constexpr kj::Duration kAcceptRetryDelay = 100 * kj::MILLISECONDS;

// The first segment of every answer: enough for stats or a small neighbourhood in one
// allocation; larger answers grow by further segments. (Passing a hint also avoids a GCC
// -Wmaybe-uninitialized false positive inside KJ's Maybe<MessageSize> at -O2.)
constexpr capnp::MessageSize kResultsSizeHint{2048, 0};

void SetTypeCount(std::string_view name, std::uint64_t count, schema::TypeCount::Builder out) {
  auto text = out.initName(static_cast<unsigned>(name.size()));
  std::copy(name.begin(), name.end(), text.begin());
  out.setCount(count);
}

// The retired unauthenticated reads (rpc/sutra.capnp, Sutra.search and Sutra.expand).
Status RetiredRead(std::string_view method) {
  return PermissionDenied("Sutra." + std::string(method) +
                          " no longer reads case data: log in (Sutra.login), state a purpose "
                          "and a case (Session.investigate) and call Investigation." +
                          std::string(method));
}

// Serves logins and counts. Calls run on the loop thread: they are short, bounded reads of one
// LMDB snapshot (a login verifies one Argon2id hash).
// TODO(perf): hand calls to a worker pool (one thread per core, DESIGN.md "RPC") once queries
// can run long enough to hold up other connections.
class SutraService final : public schema::Sutra::Server {
 public:
  explicit SutraService(AccessServices& services) : services_(services) {}

  kj::Promise<void> search(SearchContext context) override {
    ToWire(RetiredRead("search"), context.getResults(kResultsSizeHint).initResult().initError());
    return kj::READY_NOW;
  }

  kj::Promise<void> expand(ExpandContext context) override {
    ToWire(RetiredRead("expand"), context.getResults(kResultsSizeHint).initResult().initError());
    return kj::READY_NOW;
  }

  kj::Promise<void> login(LoginContext context) override {
    auto params = context.getParams();
    auto result = context.getResults(kResultsSizeHint).initResult();
    auto principal =
        services_.users.Login(AsStringView(params.getUser()), AsStringView(params.getPassword()));
    if (!principal.ok()) {
      ToWire(principal.status(), result.initError());
      return kj::READY_NOW;
    }
    auto id = services_.sessions.Open(std::move(*principal));
    if (!id.ok()) {
      ToWire(id.status(), result.initError());
      return kj::READY_NOW;
    }
    result.setSession(NewSessionService(services_, std::move(*id)));
    return kj::READY_NOW;
  }

  kj::Promise<void> stats(StatsContext context) override {
    auto result = context.getResults(kResultsSizeHint).initResult();
    auto stats = services_.engine.Stats();
    if (!stats.ok()) {
      ToWire(stats.status(), result.initError());
      return kj::READY_NOW;
    }
    auto out = result.initStats();
    auto nodes = out.initNodesByType(static_cast<unsigned>(stats->nodes_by_type.size()));
    for (unsigned i = 0; i < nodes.size(); ++i) {
      const auto& [type, count] = stats->nodes_by_type[i];
      SetTypeCount(storage::NodeTypeName(type), count, nodes[i]);
    }
    auto edges = out.initEdgesByType(static_cast<unsigned>(stats->edges_by_type.size()));
    for (unsigned i = 0; i < edges.size(); ++i) {
      const auto& [type, count] = stats->edges_by_type[i];
      SetTypeCount(storage::EdgeTypeName(type), count, edges[i]);
    }
    out.setTotalNodes(stats->total_nodes);
    out.setTotalEdges(stats->total_edges);
    return kj::READY_NOW;
  }

 private:
  AccessServices& services_;
};

// Accepts connections until the returned promise is dropped, surviving failed accepts.
kj::Promise<void> AcceptForever(capnp::TwoPartyServer& server, kj::ConnectionReceiver& listener,
                                kj::Timer& timer) {
  return server.listen(listener).catch_(
      [&server, &listener, &timer](kj::Exception&& exception) -> kj::Promise<void> {
        KJ_LOG(ERROR, "Sutra RPC server: accept failed; retrying", exception);
        return timer.afterDelay(kAcceptRetryDelay).then([&server, &listener, &timer] {
          return AcceptForever(server, listener, timer);
        });
      });
}

class ServerImpl final : public Server {
 public:
  ServerImpl(engine::Engine& engine, std::string listen, const ServerOptions& options)
      : services_(engine, options), listen_(std::move(listen)) {}

  // noexcept: KJ types declare throwing destructors, but nothing here throws once the loop
  // thread has ended.
  ~ServerImpl() noexcept override {
    if (!thread_.joinable()) return;
    // stop_ is null only when the thread failed before it could listen; it has ended then.
    if (stop_) stop_->fulfill();
    thread_.join();
  }

  std::uint16_t port() const override { return port_; }

  // Runs the loop thread and returns once it listens (OK) or has failed to (its error).
  Status Launch() {
    std::promise<Status> listening;
    std::future<Status> listened = listening.get_future();
    try {
      thread_ = std::thread([this, listening = std::move(listening)]() mutable { Run(listening); });
    } catch (const std::system_error& error) {
      return Unavailable("cannot start the RPC server thread for " + listen_ + ": " + error.what());
    }
    Status status = listened.get();
    if (!status.ok()) thread_.join();
    return status;
  }

 private:
  // The loop thread. Writes port_ and stop_ before fulfilling `listening`, which is what makes
  // them visible to the thread that called Launch().
  void Run(std::promise<Status>& listening) {
    bool reported = false;
    kj::Maybe<kj::Exception> failure = kj::runCatchingExceptions([&] {
      kj::AsyncIoContext io = kj::setupAsyncIo();
      kj::Own<kj::NetworkAddress> address =
          io.provider->getNetwork().parseAddress(listen_).wait(io.waitScope);
      kj::Own<kj::ConnectionReceiver> listener = address->listen();
      capnp::TwoPartyServer server(kj::heap<SutraService>(services_));
      auto stop = kj::newPromiseAndCrossThreadFulfiller<void>();

      port_ = static_cast<std::uint16_t>(listener->getPort());
      stop_ = kj::mv(stop.fulfiller);
      reported = true;
      listening.set_value(Status::Ok());

      AcceptForever(server, *listener, io.provider->getTimer())
          .exclusiveJoin(kj::mv(stop.promise))
          .wait(io.waitScope);
    });
    KJ_IF_MAYBE (exception, failure) {
      if (!reported) {
        listening.set_value(
            Unavailable("cannot listen on " + listen_ + ": " + exception->getDescription().cStr()));
      } else {
        // The loop died after Start() succeeded; the destructor still joins cleanly, and clients
        // see DISCONNECTED. Nothing else can be told, so it is logged.
        KJ_LOG(ERROR, "Sutra RPC server stopped serving", listen_, *exception);
      }
    }
  }

  // Outlives the loop thread, and so every capability that refers to it.
  AccessServices services_;
  const std::string listen_;
  std::uint16_t port_ = 0;
  kj::Own<kj::CrossThreadPromiseFulfiller<void>> stop_;
  std::thread thread_;
};

}  // namespace

StatusOr<std::unique_ptr<Server>> Server::Start(engine::Engine& engine, std::string_view listen,
                                                ServerOptions options) {
  SUTRA_RETURN_IF_ERROR(ParseAddressPort(listen, PortZero::kAllow).status());
  if (options.session_idle_timeout <= std::chrono::seconds::zero()) {
    return InvalidArgument("session idle timeout of " +
                           std::to_string(options.session_idle_timeout.count()) +
                           " s; give a positive number of seconds");
  }
  if (!options.clock) return InvalidArgument("server options: the clock is empty");
  auto server = std::make_unique<ServerImpl>(engine, std::string(listen), options);
  SUTRA_RETURN_IF_ERROR(server->Launch());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace sutra::rpc
