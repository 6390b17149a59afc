// GuardedEngine::Query: Cypher over the part of the graph a principal may see.
#include <algorithm>
#include <unordered_map>

#include "engine/cypher/errors.h"
#include "engine/cypher/procedures.h"
#include "engine/cypher_procedures.h"
#include "engine/cypher_store_graph.h"
#include "engine/guarded_call.h"
#include "engine/guarded_engine.h"
#include "engine/policy/digest.h"

namespace sutra::engine {
namespace {

using cypher::ElementId;
using cypher::Value;

// What a query may see of one node.
struct NodeAccess {
  bool visible = false;
  bool withhold_identity = false;
  std::uint8_t protection = 0;
  storage::NodeType type = storage::NodeType::kCase;
};

// The graph as a principal may see it: nodes out of full view do not exist (nor do the
// relationships touching them), and protected identities read as null. Writes pass through
// when `writable`, else raise a Cypher error naming the rule.
class PolicyGraph final : public cypher::QueryGraph {
 public:
  using Decide = std::function<NodeAccess(ElementId)>;
  PolicyGraph(cypher::QueryGraph& inner, Decide decide, bool writable)
      : inner_(inner), decide_(std::move(decide)), writable_(writable) {}
  void SetDecide(Decide decide) { decide_ = std::move(decide); }

  const NodeAccess& Access(ElementId node) const {
    auto it = seen_.find(node);
    if (it == seen_.end()) it = seen_.emplace(node, decide_ ? decide_(node) : NodeAccess{}).first;
    return it->second;
  }
  // After the query: nodes it did not see stay unseen (reading its answer sees only its nodes),
  // and the decision's inputs (the call, its read view) may go.
  void Seal() { decide_ = nullptr; }
  std::size_t hidden() const {
    std::size_t n = 0;
    for (const auto& [id, access] : seen_) n += access.visible ? 0 : 1;
    return n;
  }

  std::optional<cypher::Token> FindLabel(std::string_view name) const override {
    return inner_.FindLabel(name);
  }
  std::optional<cypher::Token> FindRelType(std::string_view name) const override {
    return inner_.FindRelType(name);
  }
  std::string_view LabelName(cypher::Token label) const override { return inner_.LabelName(label); }
  std::string_view RelTypeName(cypher::Token type) const override {
    return inner_.RelTypeName(type);
  }
  void ForEachNode(const cypher::NodeVisitor& visit) const override {
    inner_.ForEachNode([&](ElementId n) { return !Access(n).visible || visit(n); });
  }
  void ForEachNodeWithLabel(cypher::Token label, const cypher::NodeVisitor& visit) const override {
    inner_.ForEachNodeWithLabel(label, [&](ElementId n) { return !Access(n).visible || visit(n); });
  }
  bool HasNode(ElementId node) const override {
    return inner_.HasNode(node) && Access(node).visible;
  }
  std::vector<cypher::Token> NodeLabels(ElementId node) const override {
    return inner_.NodeLabels(node);
  }
  bool NodeHasLabel(ElementId node, cypher::Token label) const override {
    return inner_.NodeHasLabel(node, label);
  }
  Value NodeProperty(ElementId node, std::string_view key) const override {
    if (Access(node).withhold_identity && IsIdentityProperty(key)) return Value();
    return inner_.NodeProperty(node, key);
  }
  cypher::Map NodeProperties(ElementId node) const override {
    cypher::Map properties = inner_.NodeProperties(node);
    if (Access(node).withhold_identity) {
      std::erase_if(properties, [](const auto& entry) { return IsIdentityProperty(entry.first); });
      properties.emplace("redacted", Value("identity withheld; state the need"));
    }
    return properties;
  }
  bool FindNodesByProperty(cypher::Token label, std::string_view key, const Value& value,
                           const cypher::NodeVisitor& visit) const override {
    return inner_.FindNodesByProperty(label, key, value, [&](ElementId n) {
      const NodeAccess& access = Access(n);
      if (!access.visible || (access.withhold_identity && IsIdentityProperty(key))) return true;
      return visit(n);
    });
  }
  void ForEachRelationship(const cypher::NodeVisitor& visit) const override {
    inner_.ForEachRelationship([&](ElementId r) { return !RelVisible(r) || visit(r); });
  }
  bool HasRelationship(ElementId rel) const override {
    return inner_.HasRelationship(rel) && RelVisible(rel);
  }
  cypher::RelationshipInfo Relationship(ElementId rel) const override {
    return inner_.Relationship(rel);
  }
  Value RelProperty(ElementId rel, std::string_view key) const override {
    return inner_.RelProperty(rel, key);
  }
  cypher::Map RelProperties(ElementId rel) const override { return inner_.RelProperties(rel); }
  void Expand(ElementId node, cypher::ExpandDirection direction,
              std::span<const cypher::Token> types,
              const cypher::AdjacentVisitor& visit) const override {
    inner_.Expand(node, direction, types, [&](const cypher::Adjacent& adjacent) {
      return !Access(adjacent.other).visible || visit(adjacent);
    });
  }
  std::size_t Degree(ElementId node, cypher::ExpandDirection direction,
                     std::span<const cypher::Token> types) const override {
    std::size_t degree = 0;
    Expand(node, direction, types, [&](const cypher::Adjacent&) {
      ++degree;
      return true;
    });
    return degree;
  }

  ElementId CreateNode(std::span<const std::string> labels,
                       const cypher::Map& properties) override {
    CheckWritable();
    return inner_.CreateNode(labels, properties);
  }
  ElementId CreateRelationship(std::string_view type, ElementId start, ElementId end,
                               const cypher::Map& properties) override {
    CheckWritable();
    return inner_.CreateRelationship(type, start, end, properties);
  }
  void SetNodeProperty(ElementId node, std::string_view key, const Value& value) override {
    CheckWritable();
    inner_.SetNodeProperty(node, key, value);
  }
  void SetRelProperty(ElementId rel, std::string_view key, const Value& value) override {
    CheckWritable();
    inner_.SetRelProperty(rel, key, value);
  }
  void AddLabel(ElementId node, std::string_view label) override {
    CheckWritable();
    inner_.AddLabel(node, label);
  }
  void RemoveLabel(ElementId node, std::string_view label) override {
    CheckWritable();
    inner_.RemoveLabel(node, label);
  }
  void DeleteRelationship(ElementId rel) override {
    CheckWritable();
    inner_.DeleteRelationship(rel);
  }
  void DeleteNode(ElementId node) override {
    CheckWritable();
    inner_.DeleteNode(node);
  }
  void Commit() override { inner_.Commit(); }
  void Rollback() override { inner_.Rollback(); }

 private:
  bool RelVisible(ElementId rel) const {
    const cypher::RelationshipInfo info = inner_.Relationship(rel);
    return Access(info.start).visible && Access(info.end).visible;
  }
  void CheckWritable() const {
    if (!writable_) {
      cypher::ThrowRuntime(cypher::ErrorType::kSemanticError, "PermissionDenied",
                           "an investigator's queries only read; ask an analyst or supervisor "
                           "to record annotations");
    }
  }

  cypher::QueryGraph& inner_;
  Decide decide_;
  bool writable_;
  mutable std::unordered_map<ElementId, NodeAccess> seen_;
};

// A query's graph and the policy's view of it, kept together for as long as its answer is read.
struct QueryView {
  QueryView(const Engine& engine, StoreGraphOptions options, bool writable)
      : store(engine, std::move(options)), policy(store, nullptr, writable) {}
  StoreGraph store;
  PolicyGraph policy;
};

// Every node a value shows (relationships show their ends, paths their nodes).
void CollectNodes(const Value& value, const cypher::QueryGraph& graph,
                  std::vector<ElementId>& out) {
  switch (value.kind()) {
    case cypher::ValueKind::kNode:
      out.push_back(value.as_node().id);
      break;
    case cypher::ValueKind::kRelationship: {
      const auto info = graph.Relationship(value.as_rel().id);
      out.push_back(info.start);
      out.push_back(info.end);
      break;
    }
    case cypher::ValueKind::kPath:
      out.insert(out.end(), value.as_path().nodes.begin(), value.as_path().nodes.end());
      break;
    case cypher::ValueKind::kList:
      for (const Value& item : value.as_list()) CollectNodes(item, graph, out);
      break;
    case cypher::ValueKind::kMap:
      for (const auto& [key, item] : value.as_map()) CollectNodes(item, graph, out);
      break;
    default:
      break;
  }
}

std::optional<storage::NodeType> TypeOfLabels(const cypher::QueryGraph& graph, ElementId node) {
  for (cypher::Token label : graph.NodeLabels(node)) {
    if (auto type = storage::ParseNodeType(graph.LabelName(label))) return type;
  }
  return std::nullopt;
}

}  // namespace

StatusOr<GuardedQueryResult> GuardedEngine::Query(const AccessContext& context,
                                                  std::string_view text,
                                                  const cypher::Map& parameters) const {
  GuardedCall call(*this, context, policy::Operation::kQuery);
  call.Parameter("query_sha256", policy::Sha256Hex(text));
  call.Parameter("parameters", std::to_string(parameters.size()));
  SUTRA_RETURN_IF_ERROR(call.Open());
  const policy::Principal& who = context.principal;
  const bool everywhere = who.role == policy::Role::kOperator ||
                          who.jurisdiction.level == policy::JurisdictionLevel::kNational;
  const bool writable = who.role != policy::Role::kInvestigator;
  auto view = std::make_shared<QueryView>(
      engine_, StoreGraphOptions{.actor = who.user, .use_snapshot = true}, writable);
  StoreGraph& store_graph = view->store;
  const algorithms::CsrGraph& snapshot = call.index().snapshot().graph;
  // A node's access, from the snapshot when it holds the node (type and protection facts
  // without a read), else from the node's labels and facts.
  Status look_status;
  auto decide = [&](ElementId id) {
    NodeAccess access;
    storage::Properties facts;
    if (auto dense = snapshot.Find(id)) {
      access.type = snapshot.node(*dense).type;
    } else if (auto type = TypeOfLabels(store_graph, id)) {
      access.type = *type;
      for (std::string_view key : storage::kNodeFactKeys) {
        const Value value = store_graph.NodeProperty(id, key);
        if (value.is_string()) facts.emplace(std::string(key), value.as_string());
        if (value.is_bool()) facts.emplace(std::string(key), value.as_bool());
      }
    } else {
      return access;  // not a node of the store
    }
    auto how = call.Look(id, access.type, facts);
    if (!how.ok()) {
      if (look_status.ok()) look_status = how.status();
      return access;
    }
    access.visible = how->disclosure == policy::Disclosure::kFull;
    access.protection = how->protection;
    const bool person = access.type == storage::NodeType::kPerson ||
                        access.type == storage::NodeType::kPersonRecord;
    access.withhold_identity =
        person && (((how->protection & algorithms::kJuvenile) && !how->reveal_juvenile) ||
                   ((how->protection & algorithms::kSexualOffenceVictim) && !how->reveal_victim));
    return access;
  };
  PolicyGraph& graph = view->policy;
  graph.SetDecide(decide);
  cypher::ProcedureRegistry procedures;
  if (everywhere) RegisterSutraProcedures(procedures, engine_);
  cypher::QueryOptions options;
  options.parameters = parameters;
  options.procedures = &procedures;
  GuardedQueryResult answer;
  try {
    answer.result = cypher::RunQuery(graph, text, options);
  } catch (const cypher::CypherError& error) {
    // Audited as a failure, then handed on with its position for the caller to show.
    (void)call.Failed(
        InvalidArgument(std::string(cypher::ErrorTypeName(error.type())) + ": " + error.message()));
    throw;
  } catch (const std::exception& error) {
    return call.Failed(Internal(error.what()));
  }
  if (!look_status.ok()) return call.Failed(look_status);
  // The flags column: the protection facts of every node each row shows, as "id:flag".
  bool shows_nodes = false;
  std::vector<ElementId> nodes;
  std::vector<std::vector<std::string>> row_flags;
  for (const cypher::List& row : answer.result.rows) {
    nodes.clear();
    for (const Value& value : row) CollectNodes(value, graph, nodes);
    shows_nodes = shows_nodes || !nodes.empty();
    std::vector<std::string> flags;
    for (ElementId id : nodes) {
      const NodeAccess& access = graph.Access(id);
      std::vector<std::string> names = ProtectionFlagNames(access.protection);
      if (access.withhold_identity) names.emplace_back("identity-redacted");
      for (const auto& name : names) flags.push_back(std::to_string(id) + ":" + name);
      call.Disclosed(id, access.type, names);
    }
    row_flags.push_back(std::move(flags));
  }
  if (shows_nodes) {
    const auto& columns = answer.result.columns;
    answer.result.columns.emplace_back(
        std::find(columns.begin(), columns.end(), "flags") == columns.end() ? "flags"
                                                                            : "protection_flags");
    for (std::size_t r = 0; r < answer.result.rows.size(); ++r) {
      cypher::List flags;
      for (auto& flag : row_flags[r]) flags.emplace_back(std::move(flag));
      answer.result.rows[r].emplace_back(std::move(flags));
    }
  }
  answer.hidden_nodes = graph.hidden();
  graph.Seal();
  answer.view = std::shared_ptr<const cypher::QueryGraph>(view, &view->policy);
  call.Parameter("rows", std::to_string(answer.result.rows.size()));
  const cypher::QueryStats& stats = answer.result.stats;
  const std::int64_t writes = stats.nodes_created + stats.nodes_deleted +
                              stats.relationships_created + stats.relationships_deleted +
                              stats.properties_set + stats.labels_added + stats.labels_removed;
  if (writes > 0) call.Parameter("writes", std::to_string(writes));
  SUTRA_RETURN_IF_ERROR(call.Close());
  return answer;
}

}  // namespace sutra::engine
