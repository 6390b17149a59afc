// A C++ client for the Sutra RPC service (rpc/sutra.capnp is the contract).
//
// Case data is read inside an investigation: Login() with a Sutra account, then
// Session::Investigate() with a purpose and a case, then the Investigation's reads. Every such
// read is decided by the server's access policy and audited; a refusal is a Status with code
// PermissionDenied whose message names the rule. Nodes come with the policy's flags (see
// rpc/answers.h: "hit-only", "juvenile:redacted", ...).
//
// Answers are returned as the plain model types of storage/model.h and rpc/answers.h; no Cap'n
// Proto type crosses this header, so callers (the viewer, scripts, other services) never include
// capnp.
//
// Thread safety: a Client owns a Cap'n Proto event loop bound to the thread that called
// Connect(); use it, and the sessions and investigations it made, from that thread only. Calls
// block until the answer arrives. Sessions and investigations keep the connection open and may
// outlive the Client object.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rpc/answers.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::rpc {

struct ServerStats {
  std::vector<std::pair<std::string, std::uint64_t>> nodes_by_type;  // ("Case", 50), ...
  std::vector<std::pair<std::string, std::uint64_t>> edges_by_type;  // ("ACCUSED_IN", 61), ...
};

// Why the user is looking (rpc/sutra.capnp, Session.investigate).
struct InvestigationPurpose {
  std::string text;                // required: "investigation of a chain snatching"
  std::string case_ref;            // the FIR the duty serves: "0087/2021"
  std::vector<std::string> needs;  // "juvenile", "victim-identity"
  std::string break_glass_reason;  // "" for none
};

struct SessionUser {
  std::string user;
  std::string role;          // "investigator", ...
  std::string jurisdiction;  // "station:MH-PUN-0012", ..., "national"
};

// Reads under one stated purpose. See rpc/sutra.capnp, interface Investigation.
class Investigation {
 public:
  virtual ~Investigation() = default;
  virtual StatusOr<std::vector<FlaggedNode>> Search(std::string_view text, std::uint32_t limit) = 0;
  // std::nullopt when no node has that id.
  virtual StatusOr<std::optional<FlaggedSubgraph>> Expand(storage::NodeId id,
                                                          std::uint32_t limit) = 0;
  virtual StatusOr<std::optional<FlaggedSubgraph>> Neighborhood(storage::NodeId id,
                                                                std::uint32_t hops,
                                                                std::uint32_t limit) = 0;
  // std::nullopt when either end is no node's id.
  virtual StatusOr<std::optional<PathsAnswer>> Paths(storage::NodeId from, storage::NodeId to,
                                                     std::uint32_t k) = 0;
  virtual StatusOr<QueryAnswer> Query(std::string_view cypher) = 0;
};

// A logged-in user. Destroying it (and every Investigation made from it) ends the session on the
// server, as Logout() does.
class Session {
 public:
  virtual ~Session() = default;
  virtual StatusOr<std::unique_ptr<Investigation>> Investigate(
      const InvestigationPurpose& purpose) = 0;
  virtual Status Logout() = 0;
  virtual StatusOr<SessionUser> WhoAmI() = 0;
};

class Client {
 public:
  // Connects to "HOST:PORT" (e.g. "127.0.0.1:7687"). Unavailable when nothing answers.
  static StatusOr<std::unique_ptr<Client>> Connect(std::string_view address);
  virtual ~Client() = default;

  // PermissionDenied for a wrong password, an unknown or a locked account (one message for all).
  virtual StatusOr<std::unique_ptr<Session>> Login(std::string_view user,
                                                   std::string_view password) = 0;

  // Counts of nodes and edges by type: open without a login.
  virtual StatusOr<ServerStats> Stats() = 0;

  // The retired unauthenticated reads: a current server answers PermissionDenied (log in and
  // investigate instead). Kept so that callers can tell an old server from a new one.
  virtual StatusOr<std::vector<storage::Node>> Search(std::string_view text,
                                                      std::uint32_t limit) = 0;
  virtual StatusOr<std::optional<storage::Subgraph>> Expand(storage::NodeId id,
                                                            std::uint32_t limit) = 0;
};

}  // namespace sutra::rpc
