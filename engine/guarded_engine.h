// GuardedEngine: the one door through which people reach the crime graph (DESIGN.md, "Policy
// and audit"). The CLI, the RPC server and through it the viewer call this, never Engine's
// reading methods directly, so that every access
//   - is tied to a principal, a purpose and a case reference (AccessContext),
//   - is decided by the access policy (engine/policy/access_policy.h): the operation first,
//     then each node of the answer by where it lies (engine/jurisdiction_index.h),
//   - shows protected facts as redaction.h says (flags on every node, identities of juveniles
//     and victims of sexual offences withheld without a stated need), and
//   - is written to the audit log (engine/policy/audit_log.h) — allowed or denied, exactly one
//     entry per call — before the answer is returned.
// A denied call returns PermissionDenied whose message names the rule.
//
// Thread safety: every method may be called from any thread concurrently.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/k_hop.h"
#include "engine/answer_nodes.h"
#include "engine/cypher/query.h"
#include "engine/engine.h"
#include "engine/graph_export.h"
#include "engine/jurisdiction_index.h"
#include "engine/link_analysis.h"
#include "engine/policy/access_policy.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/clock.h"
#include "engine/policy/principal.h"

namespace sutra::engine {

struct AccessContext {
  policy::Principal principal;
  policy::Purpose purpose;
};

// A neighbourhood as an access shows it: nodes as Present() made them (hit-only nodes keep
// their id, so that the links between shown nodes stay whole), and the edges among them.
struct GuardedSubgraph {
  std::vector<AnswerNode> nodes;  // the asked node first
  std::vector<storage::Edge> edges;
  std::uint64_t total_neighbors = 0;
  bool truncated = false;
};

struct GuardedQueryResult {
  cypher::QueryResult result;    // with a last column "flags" when any column holds nodes
  std::size_t hidden_nodes = 0;  // nodes the query could not see (outside the jurisdiction)
  // The graph as the query saw it: read the answer's nodes and relationships through it (it
  // withholds what the query could not see). Valid for as long as it is held.
  std::shared_ptr<const cypher::QueryGraph> view;
};

class GuardedEngine {
 public:
  GuardedEngine(Engine& engine, policy::AuditLog& audit,
                policy::Clock clock = policy::SystemClock());

  // Exact lookup (Engine::Search). Subjects outside the principal's reach come back as hits:
  // type and holding station only, flagged "hit-only".
  StatusOr<std::vector<AnswerNode>> Search(const AccessContext& context, std::string_view text,
                                           std::size_t limit) const;
  // Ranked persons for a name (Engine::SearchPersons), shown as Search shows nodes: a person
  // out of reach keeps only its id, the holding stations (as `districts`) and the flag
  // "hit-only"; a protected identity keeps its id and flags, its name and explanation withheld.
  StatusOr<er::PersonSearchResult> SearchPersons(const AccessContext& context,
                                                 const er::PersonQuery& query) const;
  // Engine::Expand of `id`. PermissionDenied when `id` itself is out of reach; neighbours
  // out of reach are shown as hits. std::nullopt when no node has that id.
  StatusOr<std::optional<GuardedSubgraph>> Expand(const AccessContext& context, storage::NodeId id,
                                                  std::size_t limit) const;
  // Engine::Neighborhood (k hops), likewise.
  StatusOr<std::optional<GuardedSubgraph>> Neighborhood(
      const AccessContext& context, storage::NodeId id,
      const algorithms::KHopOptions& options) const;
  // FindPaths; both ends must be in reach; nodes on the way out of reach are shown as hits.
  StatusOr<PathAnswer> Paths(const AccessContext& context, const PathQuery& query) const;
  // A Cypher query over the part of the graph in the principal's full view (nodes out of it
  // do not exist for the query), protected identities withheld (their properties read as
  // null). Writes are refused for investigators; Sutra's procedures (sutra.pagerank, ...) run
  // on the whole graph, so they are offered to operators and national jurisdictions only.
  // A Cypher error is audited and then thrown as cypher::CypherError (the Cypher module's
  // contract), so callers can show its position.
  StatusOr<GuardedQueryResult> Query(const AccessContext& context, std::string_view text,
                                     const cypher::Map& parameters) const;
  // Writes the neighbourhood of `id` (as Neighborhood shows it) to `out` in `format`.
  struct NeighbourhoodExport {
    ExportSummary summary;
    std::uint64_t total_neighbors = 0;  // links seen (as GuardedSubgraph)
    bool truncated = false;             // some were not followed because of a cap
  };
  StatusOr<NeighbourhoodExport> Export(const AccessContext& context, storage::NodeId id,
                                       const algorithms::KHopOptions& options, ExportFormat format,
                                       const std::filesystem::path& out) const;
  // Writes the whole graph, protected identities withheld as everywhere: for operators and
  // national jurisdictions only (a whole-graph export is no single duty's need).
  StatusOr<ExportSummary> ExportAll(const AccessContext& context, ExportFormat format,
                                    const std::filesystem::path& out,
                                    const ExportOptions& options) const;
  // Runs a whole-graph analysis (centrality, communities, components, patterns) as one audited
  // query named `name`. Whole-graph measures read every node, so they are for operators and
  // national jurisdictions. `run` computes on the engine and passes every node its answer
  // shows to `show`, which presents it in place (protected identities withheld, flags added)
  // and records it as disclosed.
  using ShowNode = std::function<Status(AnswerNode&)>;
  Status Analyse(const AccessContext& context, std::string_view name,
                 std::vector<std::pair<std::string, std::string>> parameters,
                 const std::function<Status(const Engine&, const ShowNode&)>& run) const;
  // Records a reviewer's decision that person records `a` and `b` are the same person (or,
  // with `same` false, different people); the next resolve applies it. The decision and its
  // audit entry commit in one transaction. Both records must be in full view. The decision is
  // the principal's; an operator entering a reviewer's decision names that reviewer in
  // `on_behalf_of` (recorded as the decider, and in the audit entry beside the operator).
  Status Merge(const AccessContext& context, storage::NodeId a, storage::NodeId b, bool same,
               std::string_view note, std::string_view on_behalf_of = {}) const;
  // Audit entries from `from` on, at most `limit`: for auditors (and operators) only.
  StatusOr<std::vector<policy::AuditRecord>> ReadAudit(const AccessContext& context,
                                                       std::uint64_t from, std::size_t limit) const;

  Engine& engine() const { return engine_; }
  policy::AuditLog& audit() const { return audit_; }

 private:
  friend class GuardedCall;  // one audited call (guarded_call.h)
  StatusOr<std::shared_ptr<const JurisdictionIndex>> Index() const;

  Engine& engine_;
  policy::AuditLog& audit_;
  policy::Clock clock_;
  mutable std::mutex index_mutex_;
  mutable std::shared_ptr<const JurisdictionIndex> index_;  // for the snapshot it names
};

}  // namespace sutra::engine
