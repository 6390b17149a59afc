#include "viewer/session.h"

#include <algorithm>
#include <utility>

namespace sutra::viewer {

Status Session::Login(std::string_view user, std::string_view password) {
  Logout();
  auto session = client_.Login(user, password);
  if (!session.ok()) return session.status().WithContext("logging in as " + std::string(user));
  auto who = (*session)->WhoAmI();
  if (!who.ok()) return who.status().WithContext("reading the account of " + std::string(user));
  rpc_session_ = std::move(session).value();
  user_ = std::move(who).value();
  return Status::Ok();
}

Status Session::Investigate(const rpc::InvestigationPurpose& purpose) {
  if (rpc_session_ == nullptr) {
    return FailedPrecondition("log in before stating a purpose");
  }
  auto investigation = rpc_session_->Investigate(purpose);
  if (!investigation.ok()) {
    return investigation.status().WithContext("stating the purpose");
  }
  investigation_ = std::move(investigation).value();
  purpose_ = purpose;
  return Status::Ok();
}

void Session::Logout() {
  investigation_.reset();
  if (rpc_session_ != nullptr) {
    // A failed logout (the server is gone) still ends the login here; the server ends its side
    // when the connection drops or the session idles out.
    (void)rpc_session_->Logout();
  }
  rpc_session_.reset();
  user_.reset();
  purpose_ = {};
}

StatusOr<rpc::Investigation*> Session::Reader() const {
  if (rpc_session_ == nullptr) {
    return FailedPrecondition("log in first (user and password), then state a purpose and a case");
  }
  if (investigation_ == nullptr) {
    return FailedPrecondition("state a purpose and the case (FIR) it serves before reading");
  }
  return investigation_.get();
}

Status Session::Search(std::string_view text) {
  SUTRA_ASSIGN_OR_RETURN(rpc::Investigation * reader, Reader());
  auto hits = reader->Search(text, kSearchLimit);
  if (!hits.ok()) {
    return hits.status().WithContext("searching for '" + std::string(text) + "'");
  }
  last_search_.text = std::string(text);
  last_search_.hits = std::move(hits).value();
  last_search_.capped = last_search_.hits.size() >= kSearchLimit;
  return Status::Ok();
}

void Session::ShowSearchHits() {
  for (const rpc::FlaggedNode& hit : last_search_.hits) chart_.AddFlaggedNode(hit, std::nullopt);
}

Status Session::ShowAndExpand(const rpc::FlaggedNode& node) {
  chart_.AddFlaggedNode(node, std::nullopt);
  chart_.Select(node.node.id);
  return Expand(node.node.id);
}

Status Session::Expand(storage::NodeId id, std::uint32_t limit) {
  SUTRA_ASSIGN_OR_RETURN(rpc::Investigation * reader, Reader());
  auto answer = reader->Expand(id, limit);
  if (!answer.ok()) {
    return answer.status().WithContext("expanding node " + std::to_string(id));
  }
  if (!answer->has_value()) {
    return NotFound("node " + std::to_string(id) +
                    " does not exist on the server (was the database reloaded?)");
  }
  chart_.MergeExpansion(id, **answer, limit);
  return Status::Ok();
}

Status Session::ExpandMore(storage::NodeId id) {
  const ChartNode* node = chart_.FindNode(id);
  std::uint64_t shown = node != nullptr ? node->shown_links : 0;
  std::uint64_t wanted = std::min<std::uint64_t>(shown + kExpandLimit, UINT32_MAX);
  return Expand(id, static_cast<std::uint32_t>(wanted));
}

Status Session::RefreshStats() {
  auto stats = client_.Stats();
  if (!stats.ok()) return stats.status().WithContext("reading the server's counts");
  server_stats_ = std::move(stats).value();
  return Status::Ok();
}

std::uint64_t TotalCount(const std::vector<std::pair<std::string, std::uint64_t>>& counts) {
  std::uint64_t total = 0;
  for (const auto& [name, count] : counts) total += count;
  return total;
}

}  // namespace sutra::viewer
