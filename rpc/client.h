// A C++ client for the Sutra RPC service (rpc/sutra.capnp is the contract).
//
// Answers are returned as the plain model types of storage/model.h; no Cap'n Proto type
// crosses this header, so callers (the viewer, scripts, other services) never include capnp.
//
// Thread safety: a Client owns a Cap'n Proto event loop bound to the thread that called
// Connect(); use it from that thread only. Calls block until the answer arrives.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model.h"
#include "storage/status.h"

namespace sutra::rpc {

struct ServerStats {
  std::vector<std::pair<std::string, std::uint64_t>> nodes_by_type;  // ("Case", 50), ...
  std::vector<std::pair<std::string, std::uint64_t>> edges_by_type;  // ("ACCUSED_IN", 61), ...
};

class Client {
 public:
  // Connects to "HOST:PORT" (e.g. "127.0.0.1:7687"). Unavailable when nothing answers.
  static StatusOr<std::unique_ptr<Client>> Connect(std::string_view address);
  virtual ~Client() = default;

  // See engine::Engine::Search.
  virtual StatusOr<std::vector<storage::Node>> Search(std::string_view text,
                                                      std::uint32_t limit) = 0;
  // See engine::Engine::Expand; std::nullopt when the node does not exist.
  virtual StatusOr<std::optional<storage::Subgraph>> Expand(storage::NodeId id,
                                                            std::uint32_t limit) = 0;
  virtual StatusOr<ServerStats> Stats() = 0;
};

}  // namespace sutra::rpc
