// The Sutra RPC server: serves an Engine over Cap'n Proto (contract: rpc/sutra.capnp).
//
// Case data is reached only through the guarded engine (engine/guarded_engine.h): a client logs
// in (accounts of engine/policy/users.h), holds a session (engine/policy/sessions.h), states a
// purpose and a case, and every read is decided by the access policy and audited. The server
// owns the audit log, the user directory, the session table and the guarded engine beside the
// Engine it serves.
//
// Start() binds the address and runs the server's event loop on a thread of its own, so the
// caller's thread stays free (the CLI waits for a signal; tests call the server from a client).
// Destroying the Server stops the loop, closes the listening socket (logging out every open
// session) and joins the thread.
//
// Thread safety: port() may be called from any thread. The Engine must outlive the Server.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "engine/engine.h"
#include "engine/policy/clock.h"
#include "engine/policy/sessions.h"
#include "storage/status.h"

namespace sutra::rpc {

struct ServerOptions {
  // The time the audit log, sessions and the policy read: injectable for tests.
  engine::policy::Clock clock = engine::policy::SystemClock();
  // A session unused this long is ended; its next call is refused.
  std::chrono::seconds session_idle_timeout = engine::policy::kDefaultSessionIdleTimeout;
};

class Server {
 public:
  // `listen` is "HOST:PORT"; port 0 picks a free port (see port()). Returns InvalidArgument for
  // a malformed address or a non-positive idle timeout, and Unavailable when the address cannot
  // be bound.
  static StatusOr<std::unique_ptr<Server>> Start(engine::Engine& engine, std::string_view listen,
                                                 ServerOptions options = {});
  virtual ~Server() = default;

  // The port actually bound.
  virtual std::uint16_t port() const = 0;
};

}  // namespace sutra::rpc
