#include "viewer/session.h"

#include <algorithm>
#include <utility>

namespace sutra::viewer {

Status Session::Search(std::string_view text) {
  auto hits = client_.Search(text, kSearchLimit);
  if (!hits.ok()) {
    return hits.status().WithContext("searching for '" + std::string(text) + "'");
  }
  last_search_.text = std::string(text);
  last_search_.hits = std::move(hits).value();
  last_search_.capped = last_search_.hits.size() >= kSearchLimit;
  return Status::Ok();
}

void Session::ShowSearchHits() {
  for (const storage::Node& hit : last_search_.hits) chart_.AddNode(hit, std::nullopt);
}

Status Session::ShowAndExpand(const storage::Node& node) {
  chart_.AddNode(node, std::nullopt);
  chart_.Select(node.id);
  return Expand(node.id);
}

Status Session::Expand(storage::NodeId id, std::uint32_t limit) {
  auto answer = client_.Expand(id, limit);
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
