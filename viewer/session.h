// Session: one investigation in the viewer — the connection to the server, the chart built
// from its answers, the last search, and the chart's layout.
//
// The Session is the viewer's only caller of rpc::Client, and the only code that turns server
// answers into chart contents; the panels, the chart view and the script runner ask it to act
// and then re-read its state. Expansion is capped (kExpandLimit links by default) and the
// chart records shown versus total links, so a hub is never cut silently; ExpandMore() raises the
// cap.
//
// Errors: every call that reaches the server returns the client's Status unchanged in code,
// with a message saying what the viewer was doing; nothing on the chart changes on error.
//
// Thread safety: none. rpc::Client must be used from the thread that connected it, and so must
// the Session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rpc/client.h"
#include "storage/model.h"
#include "storage/status.h"
#include "viewer/chart_model.h"
#include "viewer/layout.h"

namespace sutra::viewer {

struct SearchResults {
  std::string text;                 // what was searched for
  std::vector<storage::Node> hits;  // in the server's order (id order)
  bool capped = false;              // the server returned kSearchLimit hits: there may be more
};

class Session {
 public:
  // Links fetched per expansion, and how many more each "show more" fetches.
  static constexpr std::uint32_t kExpandLimit = 50;
  // Most hits asked of one search.
  static constexpr std::uint32_t kSearchLimit = 200;

  // `client` must outlive the Session. `server_address` is shown in the status line.
  Session(rpc::Client& client, std::string server_address)
      : client_(client), server_address_(std::move(server_address)) {}

  // Searches the server; the hits replace last_search(). The chart is not changed.
  Status Search(std::string_view text);

  // Puts every hit of last_search() on the chart.
  void ShowSearchHits();

  // Puts `node` on the chart, expands it and selects it (what clicking a search result does).
  Status ShowAndExpand(const storage::Node& node);

  // Fetches up to `limit` links of `id` (and the nodes at their other ends) and merges them into
  // the chart. `id` need not be on
  // the chart yet: the server's answer includes the node itself. NotFound when the server has no
  // such node.
  Status Expand(storage::NodeId id, std::uint32_t limit = kExpandLimit);

  // Expands a truncated node again with kExpandLimit more links than it shows now.
  Status ExpandMore(storage::NodeId id);

  // Fetches the server's node and edge counts for the status line.
  Status RefreshStats();

  ChartModel& chart() { return chart_; }
  const ChartModel& chart() const { return chart_; }
  ForceLayout& layout() { return layout_; }
  const ForceLayout& layout() const { return layout_; }
  const SearchResults& last_search() const { return last_search_; }
  const std::string& server_address() const { return server_address_; }
  const std::optional<rpc::ServerStats>& server_stats() const { return server_stats_; }

 private:
  rpc::Client& client_;
  std::string server_address_;
  ChartModel chart_;
  ForceLayout layout_;
  SearchResults last_search_;
  std::optional<rpc::ServerStats> server_stats_;
};

// Sum of a ServerStats count list (total nodes or total edges on the server).
std::uint64_t TotalCount(const std::vector<std::pair<std::string, std::uint64_t>>& counts);

}  // namespace sutra::viewer
