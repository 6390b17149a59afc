#include "algorithms/patterns.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <iterator>
#include <limits>
#include <span>
#include <string>
#include <tuple>
#include <utility>

#include "algorithms/parallel.h"

namespace sutra::algorithms {
namespace {

using storage::Direction;
using storage::EdgeType;
using storage::NodeType;

// v's arcs of `type`, and of `direction` when given: one contiguous range, because a row is
// sorted by (type, direction, target).
std::span<const CsrArc> ArcRange(std::span<const CsrArc> row, EdgeType type,
                                 std::optional<Direction> direction = std::nullopt) {
  if (direction) {
    const auto key = std::pair(type, *direction);
    auto less_key = [](const CsrArc& a, const std::pair<EdgeType, Direction>& k) {
      return std::pair(a.type, a.direction) < k;
    };
    auto key_less = [](const std::pair<EdgeType, Direction>& k, const CsrArc& a) {
      return k < std::pair(a.type, a.direction);
    };
    auto first = std::lower_bound(row.begin(), row.end(), key, less_key);
    auto last = std::upper_bound(first, row.end(), key, key_less);
    return {first, last};
  }
  auto first = std::lower_bound(row.begin(), row.end(), type,
                                [](const CsrArc& a, EdgeType t) { return a.type < t; });
  auto last = std::upper_bound(first, row.end(), type,
                               [](EdgeType t, const CsrArc& a) { return t < a.type; });
  return {first, last};
}

// A CSR of lists keyed by snapshot node: rows of nodes that have no list are empty.
struct NodeLists {
  std::vector<std::uint64_t> offsets;  // node_count + 1
  std::vector<DenseId> items;

  std::span<const DenseId> of(DenseId v) const {
    return {items.data() + offsets[v], items.data() + offsets[v + 1]};
  }
};

// For each case: the distinct persons accused or arrested in it through links `filter` allows,
// ascending.
NodeLists AccusedByCase(const CsrGraph& g, const LinkFilter& filter) {
  NodeLists lists;
  lists.offsets.assign(g.node_count() + 1, 0);
  for (DenseId c = 0; c < g.node_count(); ++c) {
    const std::size_t begin = lists.items.size();
    if (g.node(c).type == NodeType::kCase) {
      for (EdgeType type : {EdgeType::kAccusedIn, EdgeType::kArrestedIn}) {
        for (const CsrArc& arc : ArcRange(g.arcs(c), type, Direction::kIn)) {
          if (filter.AllowsLink(g, c, arc)) lists.items.push_back(PersonOf(g, arc.target, filter));
        }
      }
      std::sort(lists.items.begin() + begin, lists.items.end());
      lists.items.erase(std::unique(lists.items.begin() + begin, lists.items.end()),
                        lists.items.end());
    }
    lists.offsets[c + 1] = lists.items.size();
  }
  return lists;
}

// The inverse lists: for each item, the rows that hold it, ascending. Rows longer than
// `max_row` are left out.
NodeLists Transpose(const NodeLists& lists, std::size_t max_row) {
  const std::size_t n = lists.offsets.size() - 1;
  NodeLists inverse;
  inverse.offsets.assign(n + 1, 0);
  for (DenseId row = 0; row < n; ++row) {
    if (lists.of(row).size() > max_row) continue;
    for (DenseId item : lists.of(row)) ++inverse.offsets[item + 1];
  }
  for (std::size_t v = 0; v < n; ++v) inverse.offsets[v + 1] += inverse.offsets[v];
  inverse.items.resize(inverse.offsets.back());
  std::vector<std::uint64_t> next(inverse.offsets.begin(), inverse.offsets.end() - 1);
  for (DenseId row = 0; row < n; ++row) {
    if (lists.of(row).size() > max_row) continue;
    for (DenseId item : lists.of(row)) inverse.items[next[item]++] = row;
  }
  return inverse;
}

std::size_t CountLongRows(const NodeLists& lists, std::size_t max_row) {
  std::size_t count = 0;
  for (DenseId v = 0; v + 1 < lists.offsets.size(); ++v) count += lists.of(v).size() > max_row;
  return count;
}

// Keeps the `limit` first elements by `before` (all of them sorted when fewer).
template <typename T, typename Less>
void SortAndLimit(std::vector<T>& items, std::size_t limit, Less before) {
  if (items.size() > limit) {
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(limit),
                      items.end(), before);
    items.resize(limit);
  } else {
    std::sort(items.begin(), items.end(), before);
  }
}

template <typename T>
void SortUnique(std::vector<T>& items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

}  // namespace

DenseId PersonOf(const CsrGraph& g, DenseId v, const LinkFilter& filter) {
  if (g.node(v).type != NodeType::kPersonRecord) return v;
  if ((filter.edge_types & Bit(EdgeType::kSameAs)) == 0 ||
      (filter.node_types & Bit(NodeType::kPerson)) == 0) {
    return v;
  }
  for (const CsrArc& arc : ArcRange(g.arcs(v), EdgeType::kSameAs, Direction::kOut)) {
    if (g.node(arc.target).type == NodeType::kPerson) return arc.target;  // lowest: rows sorted
  }
  return v;
}

// ---- Co-accused pairs -------------------------------------------------------------------------

CoAccusedResult CoAccusedPairs(const CsrGraph& g, const CoAccusedOptions& options) {
  const NodeLists accused = AccusedByCase(g, options.filter);
  const NodeLists cases_of = Transpose(accused, options.max_accused_per_case);
  const std::size_t min_cases = std::max<std::size_t>(options.min_cases, 1);
  CoAccusedResult result;
  result.cases_skipped = CountLongRows(accused, options.max_accused_per_case);

  // For each person p, the (partner, case) pairs over p's cases with partners above p: each
  // pair of persons is met once, from its lower end, and nothing grows with the whole graph.
  const std::size_t n = g.node_count();
  const unsigned slices = SliceCount(options.threads, cases_of.items.size());
  std::vector<std::vector<CoAccusedPair>> found(slices);
  ForSlices(n, slices, [&](std::size_t begin, std::size_t end, unsigned slice) {
    std::vector<std::pair<DenseId, DenseId>> partner_case;
    for (std::size_t p = begin; p < end; ++p) {
      if (cases_of.of(p).size() < min_cases) continue;
      partner_case.clear();
      for (DenseId c : cases_of.of(p)) {
        for (DenseId q : accused.of(c)) {
          if (q > p) partner_case.emplace_back(q, c);
        }
      }
      std::sort(partner_case.begin(), partner_case.end());
      for (std::size_t i = 0; i < partner_case.size();) {
        std::size_t j = i;
        while (j < partner_case.size() && partner_case[j].first == partner_case[i].first) ++j;
        if (j - i >= min_cases) {
          CoAccusedPair pair{static_cast<DenseId>(p), partner_case[i].first, {}};
          for (std::size_t k = i; k < j; ++k) pair.cases.push_back(partner_case[k].second);
          found[slice].push_back(std::move(pair));
        }
        i = j;
      }
    }
  });
  for (auto& part : found) {
    std::move(part.begin(), part.end(), std::back_inserter(result.pairs));
  }
  result.total_pairs = result.pairs.size();
  SortAndLimit(result.pairs, options.limit, [](const CoAccusedPair& x, const CoAccusedPair& y) {
    if (x.cases.size() != y.cases.size()) return x.cases.size() > y.cases.size();
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  return result;
}

UndirectedGraph PersonProjection(const CsrGraph& g, const LinkFilter& filter,
                                 std::size_t max_accused_per_case) {
  const NodeLists accused = AccusedByCase(g, filter);
  std::vector<std::pair<LocalId, LocalId>> links;
  for (DenseId c = 0; c < g.node_count(); ++c) {
    const auto persons = accused.of(c);
    if (persons.size() > max_accused_per_case) continue;
    for (std::size_t i = 0; i < persons.size(); ++i) {
      for (std::size_t j = i + 1; j < persons.size(); ++j) {
        links.emplace_back(persons[i], persons[j]);
      }
    }
  }
  return UndirectedGraph::FromEdges(g.node_count(), links);
}

// ---- Shared identifiers -----------------------------------------------------------------------

namespace {

// The FIRs a record comes from: the cases it is linked to in any role, whatever the filter
// (where a record was written is provenance, not an association).
void AppendRecordCases(const CsrGraph& g, DenseId record, std::vector<DenseId>& cases) {
  if (g.node(record).type != NodeType::kPersonRecord) return;
  for (const CsrArc& arc : g.arcs(record)) {
    if (arc.type > EdgeType::kArrestedIn) break;  // role links sort first: types 1..5
    if (arc.direction == Direction::kOut && g.node(arc.target).type == NodeType::kCase) {
      cases.push_back(arc.target);
    }
  }
}

}  // namespace

SharedIdentifiersResult SharedIdentifiers(const CsrGraph& g,
                                          const SharedIdentifiersOptions& options) {
  SharedIdentifiersResult result;
  std::vector<DenseId> persons, cases, user_cases;
  for (DenseId v = 0; v < g.node_count(); ++v) {
    const NodeType type = g.node(v).type;
    std::array<EdgeType, 2> link_types{};
    std::size_t link_type_count = 0;
    if (type == NodeType::kPhone && options.phones) {
      link_types[link_type_count++] = EdgeType::kUses;
    } else if (type == NodeType::kVehicle && options.vehicles) {
      link_types[link_type_count++] = EdgeType::kOwns;
      link_types[link_type_count++] = EdgeType::kDrove;
    } else {
      continue;
    }
    persons.clear();
    cases.clear();
    // Whether every link so far comes from one FIR, and which.
    bool one_fir = true;
    std::optional<DenseId> the_fir;
    for (std::size_t t = 0; t < link_type_count; ++t) {
      for (const CsrArc& arc : ArcRange(g.arcs(v), link_types[t], Direction::kIn)) {
        if (!options.filter.AllowsLink(g, v, arc)) continue;
        persons.push_back(PersonOf(g, arc.target, options.filter));
        user_cases.clear();
        AppendRecordCases(g, arc.target, user_cases);
        SortUnique(user_cases);
        if (user_cases.size() != 1 || (the_fir && *the_fir != user_cases[0])) one_fir = false;
        if (user_cases.size() == 1) the_fir = user_cases[0];
        cases.insert(cases.end(), user_cases.begin(), user_cases.end());
      }
    }
    SortUnique(persons);
    if (persons.size() < 2 || one_fir) continue;
    if (persons.size() > options.max_sharers) {
      result.busy.push_back(v);
      continue;
    }
    SortUnique(cases);
    result.shared.push_back({v, persons, cases});
  }
  result.total = result.shared.size();
  SortAndLimit(result.shared, options.limit,
               [](const SharedIdentifier& x, const SharedIdentifier& y) {
                 if (x.persons.size() != y.persons.size()) {
                   return x.persons.size() > y.persons.size();
                 }
                 if (x.cases.size() != y.cases.size()) return x.cases.size() > y.cases.size();
                 return x.identifier < y.identifier;
               });
  return result;
}

// ---- Triangles --------------------------------------------------------------------------------

TriangleCounts CountTriangles(const UndirectedGraph& g, unsigned threads) {
  const std::size_t n = g.node_count();
  // Orient each link towards the higher (degree, id): every node then has O(sqrt m) out-links,
  // and each triangle is found exactly once, at its lowest node, through its middle one.
  auto before = [&g](LocalId u, LocalId v) {
    return g.degree(u) != g.degree(v) ? g.degree(u) < g.degree(v) : u < v;
  };
  std::vector<std::uint64_t> offsets(n + 1, 0);
  std::vector<LocalId> forward;
  forward.reserve(g.edge_count());
  for (LocalId u = 0; u < n; ++u) {
    for (LocalId w : g.neighbors(u)) {
      if (before(u, w)) forward.push_back(w);
    }
    offsets[u + 1] = forward.size();
  }
  auto out = [&](LocalId u) {
    return std::span<const LocalId>(forward.data() + offsets[u], forward.data() + offsets[u + 1]);
  };

  TriangleCounts counts;
  counts.per_node.assign(n, 0);
  std::atomic<std::uint64_t> total = 0;
  const unsigned slices = SliceCount(threads, forward.size());
  ForSlices(n, slices, [&](std::size_t begin, std::size_t end, unsigned) {
    // Another slice may add to the same node's count: its lowest node lies in one slice only,
    // the other two anywhere.
    auto add = [&](LocalId v, std::uint64_t k) {
      std::atomic_ref<std::uint64_t>(counts.per_node[v]).fetch_add(k, std::memory_order_relaxed);
    };
    // marked[w] == u while w is an out-neighbour of u: a stamp per node rather than a merge of
    // two rows per link, which measured a quarter faster (fewer mispredicted branches).
    std::vector<LocalId> marked(n, std::numeric_limits<LocalId>::max());
    std::uint64_t slice_total = 0;
    for (LocalId u = static_cast<LocalId>(begin); u < end; ++u) {
      const auto out_u = out(u);
      for (LocalId v : out_u) marked[v] = u;
      std::uint64_t at_u = 0;
      for (LocalId v : out_u) {
        std::uint64_t at_v = 0;
        for (LocalId w : out(v)) {
          if (marked[w] != u) continue;
          add(w, 1);
          ++at_v;
        }
        if (at_v != 0) add(v, at_v);
        at_u += at_v;
      }
      if (at_u != 0) add(u, at_u);
      slice_total += at_u;
    }
    total.fetch_add(slice_total, std::memory_order_relaxed);
  });
  counts.total = total.load();
  return counts;
}

// ---- Repeat offenders -------------------------------------------------------------------------

RepeatOffendersResult RepeatOffenders(const CsrGraph& g,
                                      const DistrictOfStation& district_of_station,
                                      const RepeatOffenderOptions& options) {
  const NodeLists accused = AccusedByCase(g, options.filter);
  const NodeLists cases_of = Transpose(accused, std::numeric_limits<std::size_t>::max());

  // (case, district) for every case's station of known district, in case order.
  std::vector<std::pair<DenseId, std::int32_t>> case_districts;
  for (DenseId c = 0; c < g.node_count(); ++c) {
    if (g.node(c).type != NodeType::kCase || accused.of(c).empty()) continue;
    for (const CsrArc& arc : ArcRange(g.arcs(c), EdgeType::kRegisteredAt, Direction::kOut)) {
      if (g.node(arc.target).type != NodeType::kStation || !options.filter.AllowsLink(g, c, arc)) {
        continue;
      }
      if (auto district = district_of_station(arc.target)) {
        case_districts.emplace_back(c, *district);
      }
    }
  }

  RepeatOffendersResult result;
  std::vector<std::int32_t> districts;
  for (DenseId p = 0; p < g.node_count(); ++p) {
    const auto cases = cases_of.of(p);
    if (cases.empty()) continue;
    districts.clear();
    for (DenseId c : cases) {
      auto it = std::lower_bound(case_districts.begin(), case_districts.end(),
                                 std::pair(c, std::numeric_limits<std::int32_t>::min()));
      for (; it != case_districts.end() && it->first == c; ++it) districts.push_back(it->second);
    }
    SortUnique(districts);
    if (districts.size() < options.min_districts) continue;
    result.offenders.push_back({p, districts, {cases.begin(), cases.end()}});
  }
  result.total = result.offenders.size();
  SortAndLimit(result.offenders, options.limit,
               [](const RepeatOffender& x, const RepeatOffender& y) {
                 if (x.districts.size() != y.districts.size()) {
                   return x.districts.size() > y.districts.size();
                 }
                 if (x.cases.size() != y.cases.size()) return x.cases.size() > y.cases.size();
                 return x.person < y.person;
               });
  return result;
}

// ---- Template matching ------------------------------------------------------------------------

namespace {

// Backtracking search for one MatchTemplate call.
//
// Invariants: order_[0..depth) are placed, image_[t] is the graph node of placed template node
// t, and the placed images are distinct.
class TemplateMatcher {
 public:
  TemplateMatcher(const CsrGraph& g, const GraphTemplate& pattern, const TemplateOptions& options)
      : g_(g),
        pattern_(pattern),
        options_(options),
        image_(pattern.nodes.size(), 0),
        scratch_(pattern.nodes.size()) {
    ChooseOrder();
  }

  TemplateMatches Run() && {
    Extend(0);
    result_.steps = steps_;
    return std::move(result_);
  }

 private:
  // A template edge as seen from one of its ends: the other end, the type wanted and, for a
  // directed edge, the direction the stored edge has from this end.
  struct Link {
    std::size_t other = 0;
    std::optional<EdgeType> type;
    std::optional<Direction> direction;
  };

  Link Seen(std::size_t edge, std::size_t from_node) const {
    const TemplateEdge& e = pattern_.edges[edge];
    Link link{e.from == from_node ? e.to : e.from, e.type, std::nullopt};
    if (e.directed) link.direction = e.from == from_node ? Direction::kOut : Direction::kIn;
    return link;
  }

  static Direction Flip(Direction d) {
    return d == Direction::kOut ? Direction::kIn : Direction::kOut;
  }

  // How many graph nodes template node t may match at most, to place the rarest first. With a
  // pinned node the search starts there, and a scan of the snapshot to count types would cost
  // more than it saves: a typed node then merely ranks before an untyped one.
  std::size_t Rarity(std::size_t t, bool any_pinned) {
    const TemplateNode& node = pattern_.nodes[t];
    if (node.pinned) return 1;
    if (any_pinned) return node.type ? 2 : 3;
    if (!node.type) return g_.node_count();
    if (type_counts_.empty()) {
      type_counts_.assign(256, 0);
      for (DenseId v = 0; v < g_.node_count(); ++v) {
        ++type_counts_[static_cast<std::size_t>(g_.node(v).type)];
      }
    }
    return type_counts_[static_cast<std::size_t>(*node.type)];
  }

  // Search order: pinned nodes first (one candidate each), then the node with the most links to
  // those placed, then the rarest type, then the most links overall.
  void ChooseOrder() {
    const std::size_t k = pattern_.nodes.size();
    std::vector<std::size_t> degree(k, 0);
    for (const TemplateEdge& e : pattern_.edges) {
      ++degree[e.from];
      ++degree[e.to];
    }
    const bool any_pinned = std::any_of(pattern_.nodes.begin(), pattern_.nodes.end(),
                                        [](const TemplateNode& n) { return n.pinned.has_value(); });
    std::vector<bool> placed(k, false);
    back_links_.resize(k);
    for (std::size_t step = 0; step < k; ++step) {
      std::size_t best = k;
      auto key = [&](std::size_t t) {
        std::size_t to_placed = 0;
        for (const TemplateEdge& e : pattern_.edges) {
          to_placed += (e.from == t && placed[e.to]) || (e.to == t && placed[e.from]);
        }
        const std::size_t rarity = Rarity(t, any_pinned);
        return std::tuple(pattern_.nodes[t].pinned.has_value(), to_placed,
                          std::numeric_limits<std::size_t>::max() - rarity, degree[t]);
      };
      for (std::size_t t = 0; t < k; ++t) {
        if (!placed[t] && (best == k || key(t) > key(best))) best = t;
      }
      placed[best] = true;
      order_.push_back(best);
      // The links to check once `best` is placed: those to nodes placed before it, and its
      // self-loops.
      for (std::size_t e = 0; e < pattern_.edges.size(); ++e) {
        const TemplateEdge& edge = pattern_.edges[e];
        if ((edge.from == best && placed[edge.to]) || (edge.to == best && placed[edge.from])) {
          back_links_[best].push_back(Seen(e, best));
        }
      }
    }
  }

  // Counts one unit of work; false once the budget is spent.
  bool Step() {
    if (++steps_ <= options_.max_steps) return true;
    Stop();
    return false;
  }
  void Stop() {
    stopped_ = true;
    result_.capped = true;
  }

  bool TypeFits(std::size_t t, DenseId v) const {
    const auto& want = pattern_.nodes[t].type;
    return (!want || g_.node(v).type == *want) && options_.filter.AllowsNode(g_, v);
  }
  bool Used(std::size_t depth, DenseId v) const {
    for (std::size_t i = 0; i < depth; ++i) {
      if (image_[order_[i]] == v) return true;
    }
    return false;
  }

  // Whether a link from u to w of the wanted type and direction (either, when unset) passes the
  // filter. Looks in the shorter row, by binary search where the type is known.
  bool Linked(DenseId u, DenseId w, std::optional<EdgeType> type,
              std::optional<Direction> direction) const {
    if (g_.arcs(w).size() < g_.arcs(u).size()) {
      std::swap(u, w);
      if (direction) direction = Flip(*direction);
    }
    auto passes = [&](const CsrArc& arc) {
      return arc.target == w && (!type || arc.type == *type) &&
             (!direction || arc.direction == *direction) && options_.filter.AllowsLink(g_, u, arc);
    };
    const auto row = g_.arcs(u);
    if (!type || row.size() <= 32) return std::any_of(row.begin(), row.end(), passes);
    for (Direction d : {Direction::kOut, Direction::kIn}) {
      if (direction && d != *direction) continue;
      const auto range = ArcRange(row, *type, d);
      auto it = std::lower_bound(range.begin(), range.end(), w,
                                 [](const CsrArc& a, DenseId target) { return a.target < target; });
      for (; it != range.end() && it->target == w; ++it) {
        if (options_.filter.AllowsLink(g_, u, *it)) return true;
      }
    }
    return false;
  }

  // The arcs of u, the placed end of `link`, that may lead to its other end: the range of its
  // type (and direction), or the whole row when the type is open. Also gives the direction the
  // stored edge has from u, when the link is directed.
  std::span<const CsrArc> Range(DenseId u, const Link& link,
                                std::optional<Direction>& from_u) const {
    from_u = link.direction ? std::optional(Flip(*link.direction)) : std::nullopt;
    if (!link.type) return g_.arcs(u);
    return ArcRange(g_.arcs(u), *link.type, from_u);
  }

  // Candidates for template node t across its back link with the shortest arc range, each
  // once, ascending. `generator` is set to that link's index in back_links_[t].
  bool LinkedCandidates(std::size_t t, std::size_t& generator, std::vector<DenseId>& out) {
    const auto& links = back_links_[t];
    std::size_t best_size = std::numeric_limits<std::size_t>::max();
    std::optional<Direction> from_u;
    for (std::size_t i = 0; i < links.size(); ++i) {
      if (links[i].other == t) continue;  // a self-loop cannot propose candidates
      const std::size_t size = Range(image_[links[i].other], links[i], from_u).size();
      if (size < best_size) {
        best_size = size;
        generator = i;
      }
    }
    const Link& link = links[generator];
    const DenseId u = image_[link.other];
    out.clear();
    for (const CsrArc& arc : Range(u, link, from_u)) {
      if (!Step()) return false;
      if (from_u && arc.direction != *from_u) continue;
      if (!TypeFits(t, arc.target) || !options_.filter.AllowsLink(g_, u, arc)) continue;
      out.push_back(arc.target);
    }
    SortUnique(out);
    return true;
  }

  // Places `v` as template node t at `depth` if it meets t's links other than `skip`, and
  // searches on.
  void TryCandidate(std::size_t depth, std::size_t t, DenseId v, std::size_t skip) {
    if (!Step() || Used(depth, v)) return;
    const auto& links = back_links_[t];
    for (std::size_t i = 0; i < links.size(); ++i) {
      if (i == skip) continue;
      const Link& link = links[i];
      const DenseId other = link.other == t ? v : image_[link.other];
      if (!Step() || !Linked(v, other, link.type, link.direction)) return;
    }
    image_[t] = v;
    Extend(depth + 1);
  }

  void Extend(std::size_t depth) {
    if (stopped_) return;
    if (depth == order_.size()) {
      result_.matches.push_back(image_);
      if (result_.matches.size() >= options_.limit) Stop();
      return;
    }
    const std::size_t t = order_[depth];
    const TemplateNode& node = pattern_.nodes[t];
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    if (node.pinned) {
      if (TypeFits(t, *node.pinned)) TryCandidate(depth, t, *node.pinned, kNone);
      return;
    }
    const bool has_placed_neighbour =
        std::any_of(back_links_[t].begin(), back_links_[t].end(),
                    [t](const Link& link) { return link.other != t; });
    if (!has_placed_neighbour) {
      // The first node of a part of the template: any node of its type.
      for (DenseId v = 0; v < g_.node_count() && !stopped_; ++v) {
        if (TypeFits(t, v)) {
          TryCandidate(depth, t, v, kNone);
        } else if (!Step()) {
          return;
        }
      }
      return;
    }
    std::size_t generator = 0;
    std::vector<DenseId>& candidates = scratch_[depth];
    if (!LinkedCandidates(t, generator, candidates)) return;
    for (std::size_t i = 0; i < candidates.size() && !stopped_; ++i) {
      TryCandidate(depth, t, candidates[i], generator);
    }
  }

  const CsrGraph& g_;
  const GraphTemplate& pattern_;
  const TemplateOptions& options_;
  std::vector<std::size_t> order_;
  std::vector<std::vector<Link>> back_links_;  // per template node, see ChooseOrder()
  std::vector<std::size_t> type_counts_;       // graph nodes per NodeType, when needed
  std::vector<DenseId> image_;
  std::vector<std::vector<DenseId>> scratch_;  // candidates, per depth
  std::uint64_t steps_ = 0;
  bool stopped_ = false;
  TemplateMatches result_;
};

}  // namespace

StatusOr<TemplateMatches> MatchTemplate(const CsrGraph& g, const GraphTemplate& pattern,
                                        const TemplateOptions& options) {
  const std::size_t k = pattern.nodes.size();
  if (k == 0) return InvalidArgument("the template has no nodes");
  if (k > kMaxTemplateNodes) {
    return InvalidArgument("the template has " + std::to_string(k) + " nodes; at most " +
                           std::to_string(kMaxTemplateNodes) + " are allowed");
  }
  if (options.limit == 0) return InvalidArgument("the match limit must be at least 1");
  for (std::size_t e = 0; e < pattern.edges.size(); ++e) {
    if (pattern.edges[e].from >= k || pattern.edges[e].to >= k) {
      return InvalidArgument("template edge " + std::to_string(e) +
                             " names a node beyond the template's " + std::to_string(k));
    }
  }
  for (std::size_t t = 0; t < k; ++t) {
    if (pattern.nodes[t].pinned && *pattern.nodes[t].pinned >= g.node_count()) {
      return InvalidArgument("template node " + std::to_string(t) + " is pinned to node " +
                             std::to_string(*pattern.nodes[t].pinned) +
                             ", outside the snapshot's " + std::to_string(g.node_count()));
    }
  }
  return TemplateMatcher(g, pattern, options).Run();
}

}  // namespace sutra::algorithms
