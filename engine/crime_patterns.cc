#include "engine/crime_patterns.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <span>
#include <unordered_map>

namespace sutra::engine {
namespace {

using algorithms::DenseId;

// Reads the nodes of several id lists through one transaction of a snapshot.
class NodeReader {
 public:
  NodeReader(const storage::ReadTxn& txn, const algorithms::CsrGraph& graph)
      : txn_(txn), graph_(graph) {}
  StatusOr<std::vector<AnswerNode>> Many(std::span<const DenseId> ids) const {
    return ReadAnswerNodes(txn_, graph_, ids);
  }
  // NotFound when the node was deleted since the snapshot was built.
  StatusOr<AnswerNode> One(DenseId id) const {
    SUTRA_ASSIGN_OR_RETURN(std::vector<AnswerNode> nodes, Many({&id, 1}));
    if (nodes.empty()) {
      return NotFound(fmt::format("node {} was deleted since the snapshot", graph_.node(id).id));
    }
    return std::move(nodes[0]);
  }

 private:
  const storage::ReadTxn& txn_;
  const algorithms::CsrGraph& graph_;
};

// The snapshot and a read transaction no older than it.
struct View {
  std::shared_ptr<const Snapshot> snapshot;
  std::optional<storage::ReadTxn> txn;
};
StatusOr<View> Open(const Engine& engine) {
  View view;
  SUTRA_ASSIGN_OR_RETURN(view.snapshot, engine.CurrentSnapshot());
  SUTRA_ASSIGN_OR_RETURN(auto txn, engine.store().BeginRead());
  view.txn.emplace(std::move(txn));
  return view;
}

}  // namespace

StatusOr<CoAccusedAnswer> FindCoAccused(const Engine& engine,
                                        const algorithms::CoAccusedOptions& options) {
  SUTRA_ASSIGN_OR_RETURN(View view, Open(engine));
  const algorithms::CsrGraph& graph = view.snapshot->graph;
  const algorithms::CoAccusedResult found = algorithms::CoAccusedPairs(graph, options);
  const NodeReader read(*view.txn, graph);
  CoAccusedAnswer answer;
  answer.total_pairs = found.total_pairs;
  answer.cases_skipped = found.cases_skipped;
  for (const algorithms::CoAccusedPair& pair : found.pairs) {
    auto a = read.One(pair.a), b = read.One(pair.b);
    if (!a.ok() || !b.ok()) continue;  // deleted since the snapshot
    SUTRA_ASSIGN_OR_RETURN(std::vector<AnswerNode> cases, read.Many(pair.cases));
    answer.pairs.push_back({std::move(*a), std::move(*b), std::move(cases)});
  }
  return answer;
}

StatusOr<SharedIdentifierAnswer> FindSharedIdentifiers(
    const Engine& engine, const algorithms::SharedIdentifiersOptions& options) {
  SUTRA_ASSIGN_OR_RETURN(View view, Open(engine));
  const algorithms::CsrGraph& graph = view.snapshot->graph;
  const algorithms::SharedIdentifiersResult found = algorithms::SharedIdentifiers(graph, options);
  const NodeReader read(*view.txn, graph);
  SharedIdentifierAnswer answer;
  answer.total = found.total;
  answer.busy = found.busy.size();
  for (const algorithms::SharedIdentifier& item : found.shared) {
    auto identifier = read.One(item.identifier);
    if (!identifier.ok()) continue;
    SUTRA_ASSIGN_OR_RETURN(std::vector<AnswerNode> persons, read.Many(item.persons));
    SUTRA_ASSIGN_OR_RETURN(std::vector<AnswerNode> cases, read.Many(item.cases));
    answer.shared.push_back({std::move(*identifier), std::move(persons), std::move(cases)});
  }
  return answer;
}

StatusOr<RepeatOffenderAnswer> FindRepeatOffenders(
    const Engine& engine, const algorithms::RepeatOffenderOptions& options) {
  SUTRA_ASSIGN_OR_RETURN(View view, Open(engine));
  const algorithms::CsrGraph& graph = view.snapshot->graph;
  // Station -> district number, from the stations' stored properties (a few thousand nodes).
  std::map<std::string, std::int32_t> numbers;
  std::vector<std::string> names;
  std::unordered_map<DenseId, std::int32_t> district_of;
  for (DenseId v = 0; v < graph.node_count(); ++v) {
    if (graph.node(v).type != storage::NodeType::kStation) continue;
    SUTRA_ASSIGN_OR_RETURN(auto station, view.txn->GetNode(graph.node(v).id));
    if (!station) continue;
    auto district = storage::GetString(station->properties, "district");
    if (!district || district->empty()) continue;
    auto [it, added] = numbers.emplace(*district, static_cast<std::int32_t>(names.size()));
    if (added) names.push_back(*district);
    district_of.emplace(v, it->second);
  }
  const algorithms::RepeatOffendersResult found = algorithms::RepeatOffenders(
      graph,
      [&](DenseId station) -> std::optional<std::int32_t> {
        auto it = district_of.find(station);
        if (it == district_of.end()) return std::nullopt;
        return it->second;
      },
      options);
  const NodeReader read(*view.txn, graph);
  RepeatOffenderAnswer answer;
  answer.total = found.total;
  for (const algorithms::RepeatOffender& offender : found.offenders) {
    auto person = read.One(offender.person);
    if (!person.ok()) continue;
    RepeatOffenderAnswer::Item item{std::move(*person), {}, offender.cases.size()};
    for (std::int32_t d : offender.districts) item.districts.push_back(names[d]);
    answer.offenders.push_back(std::move(item));
  }
  return answer;
}

StatusOr<TriangleAnswer> FindCoOffendingTriangles(const Engine& engine,
                                                  const algorithms::LinkFilter& filter,
                                                  std::size_t top) {
  SUTRA_ASSIGN_OR_RETURN(View view, Open(engine));
  const algorithms::CsrGraph& graph = view.snapshot->graph;
  const algorithms::UndirectedGraph persons = algorithms::PersonProjection(graph, filter);
  const algorithms::TriangleCounts counts = algorithms::CountTriangles(persons);
  TriangleAnswer answer;
  answer.total = counts.total;
  std::vector<algorithms::LocalId> order(counts.per_node.size());
  std::iota(order.begin(), order.end(), 0u);
  const std::size_t shown = std::min(top, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](auto a, auto b) {
                      return counts.per_node[a] != counts.per_node[b]
                                 ? counts.per_node[a] > counts.per_node[b]
                                 : a < b;
                    });
  const NodeReader read(*view.txn, graph);
  for (std::size_t i = 0; i < shown && counts.per_node[order[i]] > 0; ++i) {
    auto person = read.One(persons.snapshot_id(order[i]));
    if (!person.ok()) continue;
    answer.top.push_back({std::move(*person), counts.per_node[order[i]]});
  }
  return answer;
}

StatusOr<algorithms::GraphTemplate> ParseChainTemplate(std::string_view text) {
  algorithms::GraphTemplate pattern;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-') {
      parts.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() % 2 == 0 || parts.size() < 3) {
    return InvalidArgument(
        fmt::format("template '{}' is not a chain: write node and link types in turn, e.g. "
                    "Person-USES-Phone-USES-Person (* for any)",
                    text));
  }
  if (parts.size() / 2 + 1 > algorithms::kMaxTemplateNodes) {
    return InvalidArgument(
        fmt::format("template '{}' has more than {} nodes", text, algorithms::kMaxTemplateNodes));
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (i % 2 == 0) {
      algorithms::TemplateNode node;
      if (part != "*") {
        node.type = storage::ParseNodeType(part);
        if (!node.type) {
          return InvalidArgument(
              fmt::format("template '{}': '{}' is not a node type (Case, "
                          "PersonRecord, Person, Vehicle, Phone, Location, "
                          "Station or *)",
                          text, part));
        }
      }
      pattern.nodes.push_back(node);
    } else {
      algorithms::TemplateEdge edge;
      edge.from = i / 2;
      edge.to = i / 2 + 1;
      if (part != "*") {
        edge.type = storage::ParseEdgeType(part);
        if (!edge.type) {
          return InvalidArgument(fmt::format(
              "template '{}': '{}' is not a link type (ACCUSED_IN, SAME_AS, USES, ... or *)", text,
              part));
        }
      }
      pattern.edges.push_back(edge);
    }
  }
  return pattern;
}

StatusOr<TemplateAnswer> MatchChain(const Engine& engine, const algorithms::GraphTemplate& pattern,
                                    const algorithms::TemplateOptions& options) {
  SUTRA_ASSIGN_OR_RETURN(View view, Open(engine));
  const algorithms::CsrGraph& graph = view.snapshot->graph;
  SUTRA_ASSIGN_OR_RETURN(algorithms::TemplateMatches found,
                         algorithms::MatchTemplate(graph, pattern, options));
  TemplateAnswer answer;
  answer.capped = found.capped;
  const NodeReader read(*view.txn, graph);
  for (const std::vector<DenseId>& match : found.matches) {
    SUTRA_ASSIGN_OR_RETURN(std::vector<AnswerNode> nodes, read.Many(match));
    if (nodes.size() == match.size()) answer.matches.push_back(std::move(nodes));
  }
  return answer;
}

}  // namespace sutra::engine
