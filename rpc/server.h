// The Sutra RPC server: serves an Engine over Cap'n Proto (contract: rpc/sutra.capnp).
//
// Start() binds the address and runs the server's event loop on a thread of its own, so the
// caller's thread stays free (the CLI waits for a signal; tests call the server from a client).
// Destroying the Server stops the loop, closes the listening socket and joins the thread.
//
// Thread safety: port() may be called from any thread. The Engine must outlive the Server.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "engine/engine.h"
#include "storage/status.h"

namespace sutra::rpc {

class Server {
 public:
  // `listen` is "HOST:PORT"; port 0 picks a free port (see port()). Returns InvalidArgument for
  // a malformed address and Unavailable when the address cannot be bound.
  static StatusOr<std::unique_ptr<Server>> Start(const engine::Engine& engine,
                                                 std::string_view listen);
  virtual ~Server() = default;

  // The port actually bound.
  virtual std::uint16_t port() const = 0;
};

}  // namespace sutra::rpc
