#include "engine/guarded_engine.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "engine/er/er_state.h"
#include "engine/guarded_call.h"
#include "engine/policy/digest.h"
#include "ingest/normalize.h"

namespace sutra::engine {

using policy::Disclosure;
using policy::Operation;
using storage::NodeId;

GuardedEngine::GuardedEngine(Engine& engine, policy::AuditLog& audit, policy::Clock clock)
    : engine_(engine), audit_(audit), clock_(std::move(clock)) {}

StatusOr<std::shared_ptr<const JurisdictionIndex>> GuardedEngine::Index() const {
  SUTRA_ASSIGN_OR_RETURN(auto snapshot, engine_.CurrentSnapshot());
  std::lock_guard lock(index_mutex_);
  if (index_ == nullptr || &index_->snapshot() != snapshot.get()) {
    SUTRA_ASSIGN_OR_RETURN(auto txn, engine_.store().BeginRead());
    SUTRA_ASSIGN_OR_RETURN(index_, JurisdictionIndex::Build(snapshot, txn));
  }
  return index_;
}

StatusOr<std::vector<AnswerNode>> GuardedEngine::Search(const AccessContext& context,
                                                        std::string_view text,
                                                        std::size_t limit) const {
  GuardedCall call(*this, context, Operation::kSearch);
  call.Parameter("text_sha256", policy::Sha256Hex(text));
  call.Parameter("limit", std::to_string(limit));
  SUTRA_RETURN_IF_ERROR(call.Open());
  auto found = engine_.Search(text, limit);
  if (!found.ok()) return call.Failed(found.status());
  std::vector<AnswerNode> answer;
  for (auto& node : *found) {
    auto shown = call.Show(std::move(node), /*asked=*/false);
    if (!shown.ok()) return call.Failed(shown.status());
    answer.push_back(std::move(*shown));
  }
  SUTRA_RETURN_IF_ERROR(call.Close());
  return answer;
}

StatusOr<er::PersonSearchResult> GuardedEngine::SearchPersons(const AccessContext& context,
                                                              const er::PersonQuery& query) const {
  GuardedCall call(*this, context, Operation::kSearch);
  call.Parameter("name_sha256", policy::Sha256Hex(query.name));
  if (!query.father.empty()) call.Parameter("father_sha256", policy::Sha256Hex(query.father));
  if (!query.district.empty()) call.Parameter("district", query.district);
  call.Parameter("limit", std::to_string(query.limit));
  SUTRA_RETURN_IF_ERROR(call.Open());
  auto found = engine_.SearchPersons(query);
  if (!found.ok()) return call.Failed(found.status());
  for (er::PersonHit& hit : found->persons) {
    const auto type = hit.resolved ? storage::NodeType::kPerson : storage::NodeType::kPersonRecord;
    auto how = call.Look(hit.person, type, {});
    if (!how.ok()) return call.Failed(how.status());
    std::vector<std::string> flags = ProtectionFlagNames(how->protection);
    for (auto& flag : hit.flags) {  // the directory's, found on any record or case
      if (std::find(flags.begin(), flags.end(), flag) == flags.end()) flags.push_back(flag);
    }
    if (how->disclosure != Disclosure::kFull) {
      hit.name.clear();
      hit.matched_record.clear();
      hit.firs.clear();
      hit.districts = how->holding_stations;  // where to ask
      hit.explanation = {};
      flags.emplace_back("hit-only");
    } else {
      const bool withhold =
          ((how->protection & algorithms::kJuvenile) && !how->reveal_juvenile) ||
          ((how->protection & algorithms::kSexualOffenceVictim) && !how->reveal_victim);
      if (withhold) {
        hit.name = "[identity withheld; state the need]";
        hit.explanation = {};
        flags.emplace_back("identity-redacted");
      }
    }
    hit.flags = flags;
    call.Disclosed(hit.person, type, flags);
  }
  SUTRA_RETURN_IF_ERROR(call.Close());
  return std::move(*found);
}

namespace {

// Shows every node of `graph` (the first one asked for: denied when out of reach), keeping
// the edges; out-of-reach neighbours become hits.
StatusOr<GuardedSubgraph> ShowSubgraph(GuardedCall& call, storage::Subgraph graph) {
  GuardedSubgraph shown;
  shown.total_neighbors = graph.total_neighbors;
  shown.truncated = graph.truncated;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    SUTRA_ASSIGN_OR_RETURN(auto node, call.Show(std::move(graph.nodes[i]), /*asked=*/i == 0));
    shown.nodes.push_back(std::move(node));
  }
  shown.edges = std::move(graph.edges);
  return shown;
}


// The end of Expand and Neighborhood: no such node is an answer; a found one is shown.
StatusOr<std::optional<GuardedSubgraph>> FinishSubgraph(
    GuardedCall& call, StatusOr<std::optional<storage::Subgraph>> graph) {
  if (!graph.ok()) return call.Failed(graph.status());
  if (!*graph) {
    SUTRA_RETURN_IF_ERROR(call.Close());
    return std::optional<GuardedSubgraph>();
  }
  auto shown = ShowSubgraph(call, std::move(**graph));
  if (!shown.ok()) return call.Failed(shown.status());
  SUTRA_RETURN_IF_ERROR(call.Close());
  return std::optional(std::move(*shown));
}

}  // namespace

StatusOr<std::optional<GuardedSubgraph>> GuardedEngine::Expand(const AccessContext& context,
                                                               NodeId id,
                                                               std::size_t limit) const {
  GuardedCall call(*this, context, Operation::kExpand);
  call.Parameter("node", std::to_string(id));
  call.Parameter("limit", std::to_string(limit));
  SUTRA_RETURN_IF_ERROR(call.Open());
  return FinishSubgraph(call, engine_.Expand(id, limit));
}

StatusOr<std::optional<GuardedSubgraph>> GuardedEngine::Neighborhood(
    const AccessContext& context, NodeId id, const algorithms::KHopOptions& options) const {
  GuardedCall call(*this, context, Operation::kExpand);
  call.Parameter("node", std::to_string(id));
  call.Parameter("hops", std::to_string(options.hops));
  SUTRA_RETURN_IF_ERROR(call.Open());
  return FinishSubgraph(call, engine_.Neighborhood(id, options));
}

StatusOr<PathAnswer> GuardedEngine::Paths(const AccessContext& context,
                                          const PathQuery& query) const {
  GuardedCall call(*this, context, Operation::kPath);
  call.Parameter("from", std::to_string(query.from));
  call.Parameter("to", std::to_string(query.to));
  SUTRA_RETURN_IF_ERROR(call.Open());
  // Both ends are what was asked for: each must be in reach before any path is searched.
  for (NodeId end : {query.from, query.to}) {
    auto reach = call.CheckAsked(end);
    if (!reach.ok()) return reach.status();  // already audited as a denial or failure
  }
  auto found = FindPaths(engine_, query);
  if (!found.ok()) return call.Failed(found.status());
  for (auto& path : found->paths) {
    for (auto& node : path.nodes) {
      auto shown = call.Show(std::move(node.node), /*asked=*/false);
      if (!shown.ok()) return call.Failed(shown.status());
      node = std::move(*shown);
    }
  }
  SUTRA_RETURN_IF_ERROR(call.Close());
  return std::move(*found);
}

StatusOr<GuardedEngine::NeighbourhoodExport> GuardedEngine::Export(
    const AccessContext& context, NodeId id, const algorithms::KHopOptions& options,
    ExportFormat format, const std::filesystem::path& out) const {
  GuardedCall call(*this, context, Operation::kExport);
  call.Parameter("node", std::to_string(id));
  call.Parameter("hops", std::to_string(options.hops));
  call.Parameter("format", std::string(ExportFormatName(format)));
  SUTRA_RETURN_IF_ERROR(call.Open());
  auto graph = engine_.Neighborhood(id, options);
  if (!graph.ok()) return call.Failed(graph.status());
  if (!*graph) return call.Failed(NotFound("no node has id " + std::to_string(id)));
  auto shown = ShowSubgraph(call, std::move(**graph));
  if (!shown.ok()) return call.Failed(shown.status());
  storage::Subgraph written;
  for (auto& node : shown->nodes) written.nodes.push_back(std::move(node.node));
  written.edges = std::move(shown->edges);
  auto summary = ExportGraph(written, format, out);
  if (!summary.ok()) return call.Failed(summary.status());
  SUTRA_RETURN_IF_ERROR(call.Close());
  return NeighbourhoodExport{std::move(*summary), shown->total_neighbors, shown->truncated};
}

StatusOr<ExportSummary> GuardedEngine::ExportAll(const AccessContext& context, ExportFormat format,
                                                 const std::filesystem::path& out,
                                                 const ExportOptions& options) const {
  GuardedCall call(*this, context, Operation::kExport);
  call.Parameter("scope", "whole graph");
  call.Parameter("format", std::string(ExportFormatName(format)));
  SUTRA_RETURN_IF_ERROR(call.Open());
  const policy::Principal& who = context.principal;
  if (who.role != policy::Role::kOperator &&
      who.jurisdiction.level != policy::JurisdictionLevel::kNational) {
    return call.Deny("export:whole-graph-needs-national",
                     "a whole-graph export is for operators and national jurisdictions; export "
                     "the neighbourhood of a node in your jurisdiction instead (--around ID)");
  }
  Status shown;
  ExportOptions guarded = options;
  guarded.present = [&](const storage::Node& node) {
    auto answer = call.Show(node, /*asked=*/false);
    if (!answer.ok()) {
      if (shown.ok()) shown = answer.status();
      return storage::Node{node.id, node.type, {}};
    }
    return std::move(answer->node);
  };
  auto txn = engine_.store().BeginRead();
  if (!txn.ok()) return call.Failed(txn.status());
  auto summary = ExportGraph(*txn, format, out, guarded);
  if (!shown.ok()) return call.Failed(shown);
  if (!summary.ok()) return call.Failed(summary.status());
  SUTRA_RETURN_IF_ERROR(call.Close());
  return summary;
}

Status GuardedEngine::Analyse(
    const AccessContext& context, std::string_view name,
    std::vector<std::pair<std::string, std::string>> parameters,
    const std::function<Status(const Engine&, const ShowNode&)>& run) const {
  GuardedCall call(*this, context, Operation::kQuery);
  call.Parameter("analysis", std::string(name));
  for (auto& [key, value] : parameters) call.Parameter(std::move(key), std::move(value));
  SUTRA_RETURN_IF_ERROR(call.Open());
  const policy::Principal& who = context.principal;
  if (who.role != policy::Role::kOperator &&
      who.jurisdiction.level != policy::JurisdictionLevel::kNational) {
    return call.Deny("analysis:whole-graph-needs-national",
                     std::string(name) +
                         " measures the whole graph; it is for operators and national "
                         "jurisdictions. Query the cases of your jurisdiction with `sutra query`");
  }
  const ShowNode show = [&](AnswerNode& node) -> Status {
    SUTRA_ASSIGN_OR_RETURN(AnswerNode shown, call.Show(std::move(node.node), /*asked=*/false));
    for (auto& flag : node.flags) {  // the analysis's own flags stay
      if (std::find(shown.flags.begin(), shown.flags.end(), flag) == shown.flags.end()) {
        shown.flags.push_back(std::move(flag));
      }
    }
    node = std::move(shown);
    return Status::Ok();
  };
  Status ran = run(engine_, show);
  if (!ran.ok()) return call.Failed(ran);
  return call.Close();
}

Status GuardedEngine::Merge(const AccessContext& context, NodeId a, NodeId b, bool same,
                            std::string_view note, std::string_view on_behalf_of) const {
  GuardedCall call(*this, context, Operation::kMerge);
  call.Parameter("record_a", std::to_string(a));
  call.Parameter("record_b", std::to_string(b));
  call.Parameter("decision", same ? "same" : "different");
  if (!on_behalf_of.empty()) call.Parameter("on_behalf_of", std::string(on_behalf_of));
  SUTRA_RETURN_IF_ERROR(call.Open());
  if (a == b) return call.Failed(InvalidArgument("name two different person records"));
  for (NodeId record : {a, b}) {
    auto node = call.CheckAsked(record);
    if (!node.ok()) return node.status();
    if (node->type != storage::NodeType::kPersonRecord) {
      return call.Failed(InvalidArgument("node " + std::to_string(record) +
                                         " is not a person record; merge joins records"));
    }
  }
  er::ReviewDecision decision;
  decision.a = std::min(a, b);
  decision.b = std::max(a, b);
  decision.same = same;
  decision.by = context.principal.user;
  if (!on_behalf_of.empty()) {
    if (context.principal.role != policy::Role::kOperator) {
      return call.Deny("merge:on-behalf-needs-operator",
                       "only the operator enters decisions on another reviewer's behalf");
    }
    decision.by = std::string(on_behalf_of);
  }
  decision.at =
      std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
  decision.note = std::string(note);
  // The decision and its audit entry commit together or not at all.
  return call.CloseWith([&](storage::WriteTxn& w) { return er::WriteDecision(w, decision); });
}

StatusOr<std::vector<policy::AuditRecord>> GuardedEngine::ReadAudit(const AccessContext& context,
                                                                    std::uint64_t from,
                                                                    std::size_t limit) const {
  GuardedCall call(*this, context, Operation::kAuditRead);
  call.Parameter("from", std::to_string(from));
  call.Parameter("limit", std::to_string(limit));
  SUTRA_RETURN_IF_ERROR(call.Open());
  std::vector<policy::AuditRecord> records;
  auto txn = engine_.store().BeginRead();
  if (!txn.ok()) return call.Failed(txn.status());
  Status read = policy::ForEachAuditRecord(*txn, from, [&](const policy::AuditRecord& record) {
    if (records.size() >= limit) return false;
    records.push_back(record);
    return true;
  });
  if (!read.ok()) return call.Failed(read);
  call.Parameter("entries_read", std::to_string(records.size()));
  SUTRA_RETURN_IF_ERROR(call.Close());
  return records;
}

}  // namespace sutra::engine
