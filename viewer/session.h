// Session: one investigation in the viewer — the connection to the server, the user's login and
// stated purpose, the chart built from its answers, the last search, and the chart's layout.
//
// Case data is read only after Login() and Investigate() (a purpose and an FIR, as the server's
// access policy requires; every read is audited there). Until then Search and Expand answer
// FailedPrecondition saying what to do. A read the policy refuses, or one made after the
// server ended the idle session, comes back as PermissionDenied with the server's message.
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
#include <memory>
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
  std::string text;                    // what was searched for
  std::vector<rpc::FlaggedNode> hits;  // in the server's order (id order)
  bool capped = false;                 // the server returned kSearchLimit hits: there may be more
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

  // Logs in (ending any earlier login and investigation). PermissionDenied for a wrong password
  // or a locked account, with the server's message.
  Status Login(std::string_view user, std::string_view password);
  // States why the user is looking; needs a login. Replaces any earlier purpose. InvalidArgument
  // (from the server) for an empty purpose or an unknown need.
  Status Investigate(const rpc::InvestigationPurpose& purpose);
  // Ends the login on the server; the chart stays as it is.
  void Logout();
  bool logged_in() const { return rpc_session_ != nullptr; }
  bool investigating() const { return investigation_ != nullptr; }
  // The logged-in account, as the server described it at login.
  const std::optional<rpc::SessionUser>& user() const { return user_; }
  const rpc::InvestigationPurpose& purpose() const { return purpose_; }

  // Searches the server; the hits replace last_search(). The chart is not changed.
  Status Search(std::string_view text);

  // Puts every hit of last_search() on the chart.
  void ShowSearchHits();

  // Puts `node` on the chart, expands it and selects it (what clicking a search result does).
  Status ShowAndExpand(const rpc::FlaggedNode& node);

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
  // The investigation to read through, or FailedPrecondition saying what is missing.
  StatusOr<rpc::Investigation*> Reader() const;

  rpc::Client& client_;
  std::string server_address_;
  std::unique_ptr<rpc::Session> rpc_session_;
  std::unique_ptr<rpc::Investigation> investigation_;  // made from rpc_session_
  std::optional<rpc::SessionUser> user_;
  rpc::InvestigationPurpose purpose_;
  ChartModel chart_;
  ForceLayout layout_;
  SearchResults last_search_;
  std::optional<rpc::ServerStats> server_stats_;
};

// Sum of a ServerStats count list (total nodes or total edges on the server).
std::uint64_t TotalCount(const std::vector<std::pair<std::string, std::uint64_t>>& counts);

}  // namespace sutra::viewer
