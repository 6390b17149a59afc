// Patterns: the questions investigators ask of the whole crime graph — which gang keeps
// offending together (co-accused pairs), which phone or vehicle ties people of different FIRs
// together (shared identifiers), who offends across districts (repeat offenders), how closed the
// co-offending network is (triangles), and any small typed pattern drawn by hand (template
// matching).
//
// All run on a CsrGraph snapshot and honour a LinkFilter. These are association measures, so
// every options struct defaults to PatternFilter(): links from acquitted or discharged cases
// and wrongful arrests are left out unless the caller asks for them.
//
// "Person" here: a PersonRecord with a SAME_AS link to a Person node counts as that Person; a
// record with none counts as itself. The patterns so work before entity resolution and after.
// Answers name nodes by snapshot DenseId (CsrGraph::node(v).id gives the stored id).
//
// Every pattern caps the work a hub can cause (a riot FIR with 300 accused, a police station's
// phone, a taxi) and says how much it left out, so a hub neither freezes the answer nor is cut
// silently.
//
// Thread safety: the functions are pure; any number of calls may run at once on one snapshot.
// A `threads` option of 0 means one thread per hardware thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/link_filter.h"
#include "algorithms/undirected_graph.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::algorithms {

// The default filter of the patterns: every link type and node type, no time window, links
// touching an exonerated node (see kExonerated) left out.
inline LinkFilter PatternFilter() {
  LinkFilter filter;
  filter.exclude_exonerated = true;
  return filter;
}

// The person that node v stands for: the Person node a PersonRecord's SAME_AS link names (the
// lowest DenseId if a record has several, which a consistent store does not), otherwise v itself.
// SAME_AS is identity, not an event: it is followed whatever the filter's time window and
// exoneration setting, but not when the filter leaves out SAME_AS links or Person nodes (so a
// caller can ask for records as written).
DenseId PersonOf(const CsrGraph& g, DenseId v, const LinkFilter& filter);

// ---- Co-accused pairs -------------------------------------------------------------------------

struct CoAccusedOptions {
  std::size_t min_cases = 2;  // pairs sharing fewer distinct cases are not reported
  std::size_t limit = 100;    // pairs returned, the most frequent first
  // Cases with more accused persons than this (a riot, an omnibus FIR) join no pairs: they say
  // little about a gang and would add size² pairs. They are counted in cases_skipped.
  std::size_t max_accused_per_case = 100;
  LinkFilter filter = PatternFilter();
  unsigned threads = 0;
};

struct CoAccusedPair {
  DenseId a = 0, b = 0;        // the two persons, a < b
  std::vector<DenseId> cases;  // the distinct cases both are accused in, ascending
};

struct CoAccusedResult {
  // By number of shared cases, descending; ties by (a, b).
  std::vector<CoAccusedPair> pairs;
  std::size_t total_pairs = 0;    // pairs meeting min_cases, before `limit`
  std::size_t cases_skipped = 0;  // cases over max_accused_per_case
};

// Pairs of persons accused together (ACCUSED_IN; ARRESTED_IN counts as accused) in at least
// `min_cases` distinct cases. Only links the filter allows count, and a case counts once for a
// pair however many records or roles join them to it.
CoAccusedResult CoAccusedPairs(const CsrGraph& g, const CoAccusedOptions& options = {});

// ---- Shared identifiers -----------------------------------------------------------------------

struct SharedIdentifiersOptions {
  bool phones = true;    // USES links to Phone nodes
  bool vehicles = true;  // OWNS and DROVE links to Vehicle nodes
  // Identifiers used by more persons than this (a police station's phone, a taxi) are not
  // reported but listed in `busy`: they tie together people who have nothing to do with each
  // other.
  std::size_t max_sharers = 10;
  std::size_t limit = 100;
  LinkFilter filter = PatternFilter();
};

struct SharedIdentifier {
  DenseId identifier = 0;        // the Phone or Vehicle node
  std::vector<DenseId> persons;  // the distinct persons linked to it, ascending
  std::vector<DenseId> cases;    // the distinct FIRs of the records linking them, ascending
};

struct SharedIdentifiersResult {
  // By number of persons, then of cases, descending; ties by identifier.
  std::vector<SharedIdentifier> shared;
  std::size_t total = 0;      // identifiers reported before `limit`
  std::vector<DenseId> busy;  // identifiers over max_sharers, ascending
};

// Phones and vehicles linked to two or more distinct persons whose links do not all come from
// one and the same FIR: the identifier ties people across cases. (Two accused of one FIR sharing
// a phone is already in that FIR.) A record's FIR is the case it is linked to in any role,
// whatever the filter; a link from a Person node (or a record with no case) comes from no FIR
// and so differs from every FIR.
SharedIdentifiersResult SharedIdentifiers(const CsrGraph& g,
                                          const SharedIdentifiersOptions& options = {});

// ---- Triangles --------------------------------------------------------------------------------

struct TriangleCounts {
  std::vector<std::uint64_t> per_node;  // triangles through each local node
  std::uint64_t total = 0;              // distinct triangles in the graph
};

// Triangles of a simple undirected graph by the forward algorithm: links oriented from lower to
// higher (degree, id), each triangle found once, in O(m^1.5) time. Besides the oriented copy of
// the links it takes 4 bytes a node per thread.
//
// On the raw crime graph triangles are rare (persons link to cases, cases to stations: the
// graph is nearly bipartite). They live in person-level projections: count them on
// PersonProjection() to see closed co-offending groups.
TriangleCounts CountTriangles(const UndirectedGraph& g, unsigned threads = 0);

// The co-offending network: persons linked when accused (or arrested) in the same case, the
// link's strength the number of cases they share. Cases over `max_accused_per_case` persons
// add no links, as in CoAccusedPairs.
//
// Local ids equal snapshot DenseIds (snapshot_id() is the identity), so answers map straight
// back; nodes that are not persons, or never co-accused, are present without links.
UndirectedGraph PersonProjection(const CsrGraph& g, const LinkFilter& filter = PatternFilter(),
                                 std::size_t max_accused_per_case = 100);

// ---- Repeat offenders across districts --------------------------------------------------------

struct RepeatOffenderOptions {
  std::size_t min_districts = 2;
  std::size_t limit = 100;
  LinkFilter filter = PatternFilter();
};

struct RepeatOffender {
  DenseId person = 0;
  std::vector<std::int32_t> districts;  // distinct districts of the stations, ascending
  std::vector<DenseId> cases;           // distinct cases the person is accused in, ascending
};

struct RepeatOffendersResult {
  // By number of districts, then of cases, descending; ties by person.
  std::vector<RepeatOffender> offenders;
  std::size_t total = 0;  // offenders before `limit`
};

// The district of a Station node, or nullopt when unknown. The engine reads it from storage.
using DistrictOfStation = std::function<std::optional<std::int32_t>(DenseId station)>;

// Persons accused (ACCUSED_IN or ARRESTED_IN) in cases registered (REGISTERED_AT) at stations
// of at least `min_districts` distinct districts. `cases` lists all the person's accused cases
// the filter allows, including any whose station or district is unknown.
RepeatOffendersResult RepeatOffenders(const CsrGraph& g,
                                      const DistrictOfStation& district_of_station,
                                      const RepeatOffenderOptions& options = {});

// ---- Template matching ------------------------------------------------------------------------

struct TemplateNode {
  std::optional<storage::NodeType> type;  // any type when empty
  std::optional<DenseId> pinned;          // match only this node ("this suspect's ...")
};

struct TemplateEdge {
  std::size_t from = 0, to = 0;           // indexes into GraphTemplate::nodes
  std::optional<storage::EdgeType> type;  // any type when empty
  // A stored edge from `from`'s node to `to`'s; when false, either way round.
  bool directed = false;
};

// A small pattern: "Person-[USES]-Phone-[USES]-Person". Template nodes map to distinct graph
// nodes; each template edge needs a link the filter allows (two template edges may be met by
// one stored edge). Every embedding is a match, so a symmetric template gives each group once
// per symmetry, as a Cypher MATCH does. Matching is literal: a PersonRecord node is not its
// Person (link through SAME_AS in the template for that).
struct GraphTemplate {
  std::vector<TemplateNode> nodes;
  std::vector<TemplateEdge> edges;
};

inline constexpr std::size_t kMaxTemplateNodes = 16;

struct TemplateOptions {
  std::size_t limit = 100;
  // Arcs examined and candidates tried before the search gives up, so a hub cannot freeze it.
  std::uint64_t max_steps = 10'000'000;
  LinkFilter filter = PatternFilter();
};

struct TemplateMatches {
  // matches[i][t] is the node template node t matched, in the order found.
  std::vector<std::vector<DenseId>> matches;
  // The search stopped at `limit` or `max_steps`; more matches may exist.
  bool capped = false;
  std::uint64_t steps = 0;
};

// Matches `pattern` by backtracking over the snapshot: the most constrained template node first
// (pinned, then of the rarest type), then at each step the node with the most links to those
// placed, its candidates drawn from the smallest typed arc range of a placed neighbour.
// InvalidArgument for an empty template or one over kMaxTemplateNodes nodes, an edge naming a
// node out of range, or a pinned node outside the snapshot.
StatusOr<TemplateMatches> MatchTemplate(const CsrGraph& g, const GraphTemplate& pattern,
                                        const TemplateOptions& options = {});

}  // namespace sutra::algorithms
