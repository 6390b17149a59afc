#include "algorithms/er/clustering.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace sutra::algorithms::er {
namespace {

// An open-addressing map from cluster root to summed probability, for the many small maps here:
// 16 bytes a slot and no allocation per entry, where std::unordered_map costs a node per entry.
// Erased slots become tombstones, reclaimed when the table is rebuilt.
class LinkMap {
 public:
  static constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kErased = kEmpty - 1;  // keys must be below this

  std::size_t size() const { return size_; }

  // Room for `count` entries without a rebuild; only on an empty map.
  void Reserve(std::size_t count) {
    assert(slots_.empty());
    std::size_t capacity = 4;
    while (capacity < count * 2 + 2) capacity *= 2;
    slots_.resize(capacity);
  }

  double Get(std::uint32_t key) const {
    if (slots_.empty()) return 0.0;
    for (std::size_t i = Home(key);; i = (i + 1) & Mask()) {
      if (slots_[i].key == key) return slots_[i].sum;
      if (slots_[i].key == kEmpty) return 0.0;
    }
  }

  void Add(std::uint32_t key, double value) {
    if ((used_ + 1) * 2 > slots_.size()) Rebuild();
    std::size_t free_slot = kNone;
    std::size_t i = Home(key);
    for (;; i = (i + 1) & Mask()) {
      if (slots_[i].key == key) {
        slots_[i].sum += value;
        return;
      }
      if (slots_[i].key == kErased && free_slot == kNone) free_slot = i;
      if (slots_[i].key == kEmpty) break;
    }
    if (free_slot == kNone) {
      free_slot = i;
      ++used_;
    }
    slots_[free_slot] = {key, value};
    ++size_;
  }

  void Erase(std::uint32_t key) {
    if (slots_.empty()) return;
    for (std::size_t i = Home(key);; i = (i + 1) & Mask()) {
      if (slots_[i].key == key) {
        slots_[i].key = kErased;
        --size_;
        return;
      }
      if (slots_[i].key == kEmpty) return;
    }
  }

  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& slot : slots_) {
      if (slot.key < kErased) f(slot.key, slot.sum);
    }
  }

 private:
  struct Slot {
    std::uint32_t key = kEmpty;
    double sum = 0.0;
  };
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

  std::size_t Mask() const { return slots_.size() - 1; }
  std::size_t Home(std::uint32_t key) const {
    // Fibonacci hashing spreads consecutive record indices over the table.
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & Mask();
  }

  // Room for at least one more entry at load <= 1/2, without tombstones.
  void Rebuild() {
    std::size_t capacity = 4;
    while (capacity < (size_ + 1) * 4) capacity *= 2;
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(capacity));
    size_ = used_ = 0;
    for (const Slot& slot : old) {
      if (slot.key < kErased) Add(slot.key, slot.sum);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;  // live entries
  std::size_t used_ = 0;  // live entries and tombstones
};

// Union-find over records whose roots carry each cluster's size and linkage sums, and what keeps
// it apart from others.
//
// Invariants: for every root r, links_[r] maps each other root c that has at least one scored
// cross pair with r to the sum of those pairs' probabilities, and links_[c][r] holds the same
// sum; apart_[r] lists the records that a reviewer kept apart from some member of r, and ids_[r]
// the distinct strong identifiers (as codes) of r's members. Non-roots have empty lists.
class Clusters {
 public:
  explicit Clusters(std::size_t record_count)
      : parent_(record_count),
        size_(record_count, 1),
        links_(record_count),
        apart_(record_count),
        ids_(record_count) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }

  // Before any merge: a reviewer said records a and b are different people.
  void KeepApart(std::uint32_t a, std::uint32_t b) {
    apart_[a].push_back(b);
    apart_[b].push_back(a);
  }
  // Before any merge: record r holds the strong identifier coded `id`.
  void SetId(std::uint32_t r, std::uint32_t id) { ids_[r] = {id}; }

  // Whether a reviewer kept some member of root a apart from some member of root b.
  bool KeptApart(std::uint32_t a, std::uint32_t b) {
    const bool a_smaller = apart_[a].size() <= apart_[b].size();
    const std::uint32_t other = a_smaller ? b : a;
    for (std::uint32_t r : apart_[a_smaller ? a : b]) {
      if (Find(r) == other) return true;
    }
    return false;
  }

  // Whether roots a and b hold two strong identifiers that `differ` says plainly differ.
  template <typename Differ>
  bool IdsConflict(std::uint32_t a, std::uint32_t b, const Differ& differ) const {
    for (std::uint32_t x : ids_[a]) {
      for (std::uint32_t y : ids_[b]) {
        if (x != y && differ(x, y)) return true;
      }
    }
    return false;
  }

  std::uint32_t Find(std::uint32_t x) {
    std::uint32_t root = x;
    while (parent_[root] != root) root = parent_[root];
    while (parent_[x] != root) x = std::exchange(parent_[x], root);
    return root;
  }

  // Sizes each record's map for its scored pairs (degree[r] of them) before they are added.
  void Reserve(const std::vector<std::uint32_t>& degree) {
    for (std::size_t r = 0; r < degree.size(); ++r) {
      if (degree[r] > 0) links_[r].Reserve(degree[r]);
    }
  }

  // Records a scored pair of two different singletons (before any merge).
  void AddLink(std::uint32_t a, std::uint32_t b, double probability) {
    links_[a].Add(b, probability);
    links_[b].Add(a, probability);
  }

  // Whether the average probability over all cross pairs of roots a and b reaches `cohesion`.
  bool Cohesive(std::uint32_t a, std::uint32_t b, double cohesion) const {
    const auto& smaller = links_[a].size() <= links_[b].size() ? links_[a] : links_[b];
    const std::uint32_t other = &smaller == &links_[a] ? b : a;
    const double sum = smaller.Get(other);
    const double cross_pairs = static_cast<double>(size_[a]) * static_cast<double>(size_[b]);
    return sum >= cohesion * cross_pairs * (1.0 - 1e-12);
  }

  // Merges roots a and b; the one with more links stays root, so each link moves only when its
  // cluster joins one at least as linked (smaller into larger).
  void Merge(std::uint32_t a, std::uint32_t b) {
    if (links_[a].size() < links_[b].size()) std::swap(a, b);
    auto absorbed = std::move(links_[b]);
    links_[b] = {};
    auto& kept = links_[a];
    kept.Erase(b);
    absorbed.ForEach([&](std::uint32_t neighbour, double sum) {
      if (neighbour == a) return;
      kept.Add(neighbour, sum);
      LinkMap& theirs = links_[neighbour];
      theirs.Erase(b);
      theirs.Add(a, sum);
    });
    parent_[b] = a;
    size_[a] += size_[b];
    apart_[a].insert(apart_[a].end(), apart_[b].begin(), apart_[b].end());
    apart_[b] = {};
    for (std::uint32_t id : ids_[b]) {
      if (std::find(ids_[a].begin(), ids_[a].end(), id) == ids_[a].end()) ids_[a].push_back(id);
    }
    ids_[b] = {};
  }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint64_t> size_;
  std::vector<LinkMap> links_;
  std::vector<std::vector<std::uint32_t>> apart_;
  std::vector<std::vector<std::uint32_t>> ids_;
};

// The decisions in canonical form (a < b), the last decision of a pair winning.
std::vector<PairDecision> CanonicalDecisions(std::size_t record_count,
                                             const std::vector<PairDecision>& decisions) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> last;
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    auto [a, b] = std::minmax(decisions[i].a, decisions[i].b);
    assert(b < record_count);
    (void)record_count;
    if (a != b) last[{a, b}] = i;
  }
  std::vector<std::size_t> order;
  for (const auto& entry : last) order.push_back(entry.second);
  std::sort(order.begin(), order.end());
  std::vector<PairDecision> out;
  for (std::size_t i : order) {
    auto [a, b] = std::minmax(decisions[i].a, decisions[i].b);
    out.push_back({a, b, decisions[i].same});
  }
  return out;
}

}  // namespace

std::vector<std::uint32_t> Cluster(std::size_t record_count, std::vector<ScoredPair> pairs,
                                   const ClusteringOptions& options,
                                   const ClusterConstraints& constraints, ClusterReport* report) {
  assert(record_count < LinkMap::kErased);
  ClusterReport local_report;
  if (report == nullptr) report = &local_report;
  *report = {};

  // A decided pair counts as the reviewer decided: probability 1 or 0.
  const std::vector<PairDecision> decisions =
      CanonicalDecisions(record_count, constraints.decisions);
  for (const PairDecision& d : decisions) pairs.push_back({d.a, d.b, d.same ? 2.0 : -1.0});

  // Canonical form: a < b, NaN as 0, one entry per pair with its highest probability.
  std::erase_if(pairs, [](const ScoredPair& p) { return p.a == p.b; });
  for (ScoredPair& p : pairs) {
    assert(p.a < record_count && p.b < record_count);
    if (p.a > p.b) std::swap(p.a, p.b);
    if (std::isnan(p.probability)) p.probability = 0.0;
  }
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.a != y.a) return x.a < y.a;
    if (x.b != y.b) return x.b < y.b;
    return x.probability > y.probability;
  });
  // The decision's marker sorts first among its pair's entries (2 above any probability; -1
  // is moved first below), so unique() keeps it.
  for (auto first = pairs.begin(); first != pairs.end();) {
    auto last = std::find_if(first, pairs.end(), [&](const ScoredPair& p) {
      return p.a != first->a || p.b != first->b;
    });
    auto marker = std::find_if(first, last, [](const ScoredPair& p) { return p.probability < 0; });
    if (marker != last) std::iter_swap(first, marker);
    first = last;
  }
  pairs.erase(std::unique(pairs.begin(), pairs.end(),
                          [](const ScoredPair& x, const ScoredPair& y) {
                            return x.a == y.a && x.b == y.b;
                          }),
              pairs.end());
  for (ScoredPair& p : pairs) p.probability = std::clamp(p.probability, 0.0, 1.0);

  Clusters clusters(record_count);
  for (const PairDecision& d : decisions) {
    if (!d.same) clusters.KeepApart(d.a, d.b);
  }
  // Strong identifiers as codes, so that a cluster's list is small and cheap to merge.
  std::vector<std::string_view> id_text;
  {
    std::unordered_map<std::string_view, std::uint32_t> codes;
    assert(constraints.strong_ids.empty() || constraints.strong_ids.size() == record_count);
    for (std::uint32_t r = 0; r < constraints.strong_ids.size(); ++r) {
      const std::string& id = constraints.strong_ids[r];
      if (id.empty()) continue;
      auto [it, added] = codes.emplace(id, static_cast<std::uint32_t>(id_text.size()));
      if (added) id_text.push_back(id);
      clusters.SetId(r, it->second);
    }
  }
  auto differ = [&](std::uint32_t x, std::uint32_t y) {
    return constraints.plainly_differ ? constraints.plainly_differ(id_text[x], id_text[y]) : true;
  };
  // A pair of probability 0 adds nothing to any sum.
  std::vector<std::uint32_t> degree(record_count, 0);
  for (const ScoredPair& p : pairs) {
    if (p.probability > 0.0) ++degree[p.a], ++degree[p.b];
  }
  clusters.Reserve(degree);
  degree = {};
  for (const ScoredPair& p : pairs) {
    if (p.probability > 0.0) clusters.AddLink(p.a, p.b, p.probability);
  }

  // Only pairs at or above the threshold can join; strongest first, ties in (a, b) order.
  // Reviewers first: their "same" decisions merge unless they would break a "different" one.
  for (const PairDecision& d : decisions) {
    if (!d.same) continue;
    const std::uint32_t a = clusters.Find(d.a), b = clusters.Find(d.b);
    if (a != b && clusters.KeptApart(a, b)) {
      ++report->same_conflicting;
      continue;
    }
    if (a != b) clusters.Merge(a, b);
    ++report->same_applied;
  }

  std::erase_if(pairs, [&](const ScoredPair& p) { return !(p.probability >= options.threshold); });
  std::stable_sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.probability > y.probability;
  });
  for (const ScoredPair& p : pairs) {
    const std::uint32_t a = clusters.Find(p.a);
    const std::uint32_t b = clusters.Find(p.b);
    if (a == b || !clusters.Cohesive(a, b, options.cohesion) || clusters.KeptApart(a, b)) continue;
    if (clusters.IdsConflict(a, b, differ)) {
      ++report->refused_by_identifier;
      continue;
    }
    clusters.Merge(a, b);
  }

  // Cluster id: the smallest member. Records are visited in ascending order, so the first record
  // seen under a root is its smallest.
  constexpr std::uint32_t kUnset = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> smallest(record_count, kUnset);
  std::vector<std::uint32_t> ids(record_count);
  for (std::uint32_t r = 0; r < record_count; ++r) {
    std::uint32_t& id = smallest[clusters.Find(r)];
    if (id == kUnset) id = r;
    ids[r] = id;
  }
  return ids;
}

}  // namespace sutra::algorithms::er
