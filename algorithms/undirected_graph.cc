#include "algorithms/undirected_graph.h"

#include <algorithm>
#include <cstring>

#include "algorithms/parallel.h"

namespace sutra::algorithms {
namespace {

// One slice's rows, built on its own thread and concatenated afterwards.
struct RowsPart {
  std::vector<std::uint64_t> sizes;
  std::vector<LocalId> targets;
  std::vector<float> strengths;
};

// Sorts `scratch` and appends its distinct entries with their multiplicities.
void AppendFolded(std::vector<LocalId>& scratch, RowsPart& part) {
  std::sort(scratch.begin(), scratch.end());
  const std::size_t before = part.targets.size();
  for (std::size_t i = 0; i < scratch.size();) {
    std::size_t j = i;
    while (j < scratch.size() && scratch[j] == scratch[i]) ++j;
    part.targets.push_back(scratch[i]);
    part.strengths.push_back(static_cast<float>(j - i));
    i = j;
  }
  part.sizes.push_back(part.targets.size() - before);
}

}  // namespace

UndirectedGraph UndirectedGraph::FromSnapshot(const CsrGraph& snapshot, const LinkFilter& filter,
                                              unsigned threads) {
  UndirectedGraph g;
  constexpr LocalId kLeftOut = UINT32_MAX;
  std::vector<LocalId> local(snapshot.node_count(), kLeftOut);
  for (DenseId v = 0; v < snapshot.node_count(); ++v) {
    if (!filter.AllowsNode(snapshot, v)) continue;
    local[v] = static_cast<LocalId>(g.snapshot_ids_.size());
    g.snapshot_ids_.push_back(v);
  }
  const std::size_t n = g.snapshot_ids_.size();
  const unsigned slices = SliceCount(threads, snapshot.arc_count() / 8 + 1);
  std::vector<RowsPart> parts(slices);
  ForSlices(n, slices, [&](std::size_t begin, std::size_t end, unsigned slice) {
    RowsPart& part = parts[slice];
    std::vector<LocalId> scratch;
    for (std::size_t l = begin; l < end; ++l) {
      const DenseId v = g.snapshot_ids_[l];
      scratch.clear();
      for (const CsrArc& arc : snapshot.arcs(v)) {
        if (arc.target == v || !filter.AllowsLink(snapshot, v, arc)) continue;
        scratch.push_back(local[arc.target]);
      }
      AppendFolded(scratch, part);
    }
  });
  g.offsets_.assign(n + 1, 0);
  std::size_t row = 0, total = 0;
  for (const RowsPart& part : parts) {
    for (std::uint64_t size : part.sizes) g.offsets_[++row] = (total += size);
  }
  g.targets_.resize(total);
  g.strengths_.resize(total);
  std::size_t at = 0;
  for (const RowsPart& part : parts) {
    std::copy(part.targets.begin(), part.targets.end(), g.targets_.begin() + at);
    std::copy(part.strengths.begin(), part.strengths.end(), g.strengths_.begin() + at);
    at += part.targets.size();
  }
  return g;
}

UndirectedGraph UndirectedGraph::FromEdges(std::size_t node_count,
                                           std::span<const std::pair<LocalId, LocalId>> edges) {
  UndirectedGraph g;
  std::vector<std::uint64_t> counts(node_count + 1, 0);
  for (auto [a, b] : edges) {
    if (a == b || a >= node_count || b >= node_count) continue;
    ++counts[a + 1];
    ++counts[b + 1];
  }
  for (std::size_t v = 0; v < node_count; ++v) counts[v + 1] += counts[v];
  std::vector<LocalId> all(counts.back());
  std::vector<std::uint64_t> next(counts.begin(), counts.end() - 1);
  for (auto [a, b] : edges) {
    if (a == b || a >= node_count || b >= node_count) continue;
    all[next[a]++] = b;
    all[next[b]++] = a;
  }
  RowsPart part;
  part.targets.reserve(all.size());
  part.strengths.reserve(all.size());
  std::vector<LocalId> scratch;
  for (std::size_t v = 0; v < node_count; ++v) {
    scratch.assign(all.begin() + counts[v], all.begin() + counts[v + 1]);
    AppendFolded(scratch, part);
  }
  g.offsets_.assign(node_count + 1, 0);
  for (std::size_t v = 0; v < node_count; ++v) g.offsets_[v + 1] = g.offsets_[v] + part.sizes[v];
  g.targets_ = std::move(part.targets);
  g.strengths_ = std::move(part.strengths);
  return g;
}

std::optional<LocalId> UndirectedGraph::local_id(DenseId v) const {
  if (snapshot_ids_.empty()) {
    if (v < node_count()) return v;
    return std::nullopt;
  }
  auto it = std::lower_bound(snapshot_ids_.begin(), snapshot_ids_.end(), v);
  if (it == snapshot_ids_.end() || *it != v) return std::nullopt;
  return static_cast<LocalId>(it - snapshot_ids_.begin());
}

}  // namespace sutra::algorithms
