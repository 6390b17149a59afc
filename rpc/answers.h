// What an Investigation answers (rpc/sutra.capnp, interface Investigation) as plain model types,
// so that callers of rpc/client.h never see Cap'n Proto.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/model.h"

namespace sutra::rpc {

// Node.flags values a client acts on (rpc/sutra.capnp, struct Node).
inline constexpr char kFlagHitOnly[] = "hit-only";
inline constexpr char kFlagJuvenileRedacted[] = "juvenile:redacted";
inline constexpr char kFlagVictimRedacted[] = "sexual_offence_victim:redacted";
// The property a hit-only node carries: ";"-joined codes of the stations holding it.
inline constexpr char kHoldingStationsProperty[] = "holding_stations";

// A node as the access policy lets the caller see it.
struct FlaggedNode {
  storage::Node node;
  std::vector<std::string> flags;
  bool operator==(const FlaggedNode&) const = default;
};

struct FlaggedSubgraph {
  std::vector<FlaggedNode> nodes;  // the asked node first
  std::vector<storage::Edge> edges;
  std::uint64_t total_neighbors = 0;
  bool truncated = false;
  bool operator==(const FlaggedSubgraph&) const = default;
};

struct Path {
  std::vector<FlaggedNode> nodes;    // from `from` to `to`
  std::vector<storage::Edge> edges;  // edges[i] joins nodes[i] and nodes[i + 1]
  double cost = 0;
  bool operator==(const Path&) const = default;
};

struct PathsAnswer {
  std::vector<Path> paths;  // ascending cost; empty when the two are not connected
  bool capped = false;      // a search cap stopped the search
};

struct QueryAnswer {
  std::vector<std::string> columns;
  std::vector<std::string> rows;  // one JSON array per row (rpc/sutra.capnp, QueryAnswer)
  std::uint64_t hidden_nodes = 0;
};

// Whether `node` carries `flag`.
inline bool HasFlag(const FlaggedNode& node, std::string_view flag) {
  for (const std::string& f : node.flags) {
    if (f == flag) return true;
  }
  return false;
}

}  // namespace sutra::rpc
