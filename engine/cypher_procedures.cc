#include "engine/cypher_procedures.h"

#include <utility>

#include "algorithms/er/name_normalizer.h"
#include "algorithms/er/spelling_table.h"
#include "engine/crime_patterns.h"
#include "engine/cypher/errors.h"
#include "engine/er/resolve_database.h"
#include "engine/link_analysis.h"

namespace sutra::engine {
namespace {

using cypher::List;
using cypher::Map;
using cypher::NodeRef;
using cypher::Procedure;
using cypher::ProcedureSignature;
using cypher::Value;

using Body = std::function<void(std::span<const Value>, const std::function<void(List)>&)>;

// A procedure defined by its signature and a function of its arguments.
class FunctionProcedure final : public Procedure {
 public:
  FunctionProcedure(ProcedureSignature signature, Body body)
      : signature_(std::move(signature)), body_(std::move(body)) {}
  const ProcedureSignature& signature() const override { return signature_; }
  void Call(std::span<const Value> args, cypher::QueryGraph& /*graph*/,
            const std::function<void(List row)>& emit) const override {
    body_(args, emit);
  }

 private:
  ProcedureSignature signature_;
  Body body_;
};

// Unwraps a Status / StatusOr into the procedure's error.
template <typename T>
T OrThrow(StatusOr<T> value, const std::string& procedure) {
  if (!value.ok()) {
    cypher::ThrowRuntime(cypher::ErrorType::kProcedureError, "ProcedureCallFailed",
                         procedure + ": " + value.status().ToString());
  }
  return std::move(value).value();
}

std::int64_t IntArg(std::span<const Value> args, std::size_t i, std::int64_t fallback) {
  if (i >= args.size() || args[i].is_null()) return fallback;
  if (args[i].as_int() < 0) {
    cypher::ThrowRuntime(cypher::ErrorType::kArgumentError, "NumberOutOfRange",
                         "counts given to sutra procedures must not be negative");
  }
  return args[i].as_int();
}

std::string StringArg(std::span<const Value> args, std::size_t i) {
  return i < args.size() && args[i].is_string() ? args[i].as_string() : std::string();
}

Value Flags(const std::vector<std::string>& flags) {
  List list;
  for (const std::string& flag : flags) list.emplace_back(flag);
  return list;
}

Value NodeOf(const AnswerNode& node) { return NodeRef{node.node.id}; }

List NodeList(const std::vector<AnswerNode>& nodes) {
  List list;
  for (const AnswerNode& node : nodes) list.push_back(NodeOf(node));
  return list;
}

void AddCentrality(cypher::ProcedureRegistry& registry, const Engine& engine, std::string name,
                   std::optional<CentralityMeasure> fixed) {
  ProcedureSignature signature;
  signature.name = name;
  if (!fixed) signature.inputs.push_back({"measure", "STRING?"});
  signature.inputs.push_back({"top", "INTEGER?"});
  signature.outputs = {{"node", "NODE?"}, {"score", "FLOAT?"}, {"flags", "LIST?"}};
  signature.description = fixed ? std::string(CentralityMeasureName(*fixed)) +
                                      " centrality of the crime graph, highest first"
                                : "centrality by measure (degree, betweenness, closeness, "
                                  "pagerank, eigenvector), highest first";
  registry.Add(std::make_shared<FunctionProcedure>(
      signature, [&engine, name, fixed](std::span<const Value> args, const auto& emit) {
        CentralityQuery query;
        std::size_t top_arg = fixed ? 0 : 1;
        if (fixed) {
          query.measure = *fixed;
        } else {
          auto measure = ParseCentralityMeasure(StringArg(args, 0));
          if (!measure) {
            cypher::ThrowRuntime(cypher::ErrorType::kArgumentError, "InvalidArgumentValue",
                                 name +
                                     ": measure must be degree, betweenness, closeness, "
                                     "pagerank or eigenvector");
          }
          query.measure = *measure;
        }
        query.top = static_cast<std::size_t>(IntArg(args, top_arg, 20));
        CentralityAnswer answer = OrThrow(RankByCentrality(engine, query), name);
        for (const RankedNode& ranked : answer.top) {
          emit(List{NodeOf(ranked.node), ranked.score, Flags(ranked.node.flags)});
        }
      }));
}

}  // namespace

void RegisterSutraProcedures(cypher::ProcedureRegistry& registry, const Engine& engine) {
  AddCentrality(registry, engine, "sutra.pagerank", CentralityMeasure::kPageRank);
  AddCentrality(registry, engine, "sutra.betweenness", CentralityMeasure::kBetweenness);
  AddCentrality(registry, engine, "sutra.centrality", std::nullopt);

  registry.Add(std::make_shared<FunctionProcedure>(
      ProcedureSignature{
          "sutra.communities",
          {{"top", "INTEGER?"}, {"members", "INTEGER?"}},
          {{"community", "INTEGER?"}, {"size", "INTEGER?"}, {"node", "NODE?"}, {"flags", "LIST?"}},
          "communities (Louvain with refinement), one row per listed member"},
      [&engine](std::span<const Value> args, const auto& emit) {
        CommunityQuery query;
        query.top = static_cast<std::size_t>(IntArg(args, 0, 10));
        query.members = static_cast<std::size_t>(IntArg(args, 1, 10));
        CommunityAnswer answer = OrThrow(FindCommunities(engine, query), "sutra.communities");
        for (const CommunitySummary& community : answer.listed) {
          for (const AnswerNode& member : community.members) {
            emit(List{static_cast<std::int64_t>(community.id),
                      static_cast<std::int64_t>(community.size), NodeOf(member),
                      Flags(member.flags)});
          }
        }
      }));

  registry.Add(std::make_shared<FunctionProcedure>(
      ProcedureSignature{"sutra.paths",
                         {{"from", "NODE?"}, {"to", "NODE?"}, {"k", "INTEGER?"}},
                         {{"path", "PATH?"}, {"cost", "FLOAT?"}, {"length", "INTEGER?"}},
                         "the k shortest paths between two nodes (exonerating links shown)"},
      [&engine](std::span<const Value> args, const auto& emit) {
        if (args[0].is_null() || args[1].is_null()) return;
        PathQuery query;
        query.from = args[0].as_node().id;
        query.to = args[1].as_node().id;
        query.k = static_cast<std::size_t>(IntArg(args, 2, 1));
        query.mode = query.k > 1 ? PathMode::kKShortest : PathMode::kShortest;
        PathAnswer answer = OrThrow(FindPaths(engine, query), "sutra.paths");
        for (const FoundPath& found : answer.paths) {
          cypher::PathValue path;
          for (const AnswerNode& node : found.nodes) path.nodes.push_back(node.node.id);
          for (const storage::Edge& edge : found.edges) path.rels.push_back(edge.id);
          emit(List{std::move(path), found.cost, static_cast<std::int64_t>(found.edges.size())});
        }
      }));

  registry.Add(std::make_shared<FunctionProcedure>(
      ProcedureSignature{"sutra.coAccused",
                         {{"minCases", "INTEGER?"}, {"limit", "INTEGER?"}},
                         {{"a", "NODE?"}, {"b", "NODE?"}, {"cases", "LIST?"}},
                         "pairs of persons accused together in at least minCases FIRs"},
      [&engine](std::span<const Value> args, const auto& emit) {
        algorithms::CoAccusedOptions options;
        options.min_cases = static_cast<std::size_t>(IntArg(args, 0, 2));
        options.limit = static_cast<std::size_t>(IntArg(args, 1, 100));
        CoAccusedAnswer answer = OrThrow(FindCoAccused(engine, options), "sutra.coAccused");
        for (const CoAccusedAnswer::Pair& pair : answer.pairs) {
          emit(List{NodeOf(pair.a), NodeOf(pair.b), NodeList(pair.cases)});
        }
      }));

  registry.Add(std::make_shared<FunctionProcedure>(
      ProcedureSignature{"sutra.sharedIdentifiers",
                         {{"limit", "INTEGER?"}},
                         {{"identifier", "NODE?"}, {"persons", "LIST?"}, {"cases", "LIST?"}},
                         "phones and vehicles linked to persons of different FIRs"},
      [&engine](std::span<const Value> args, const auto& emit) {
        algorithms::SharedIdentifiersOptions options;
        options.limit = static_cast<std::size_t>(IntArg(args, 0, 100));
        SharedIdentifierAnswer answer =
            OrThrow(FindSharedIdentifiers(engine, options), "sutra.sharedIdentifiers");
        for (const SharedIdentifierAnswer::Item& item : answer.shared) {
          emit(List{NodeOf(item.identifier), NodeList(item.persons), NodeList(item.cases)});
        }
      }));

  registry.Add(std::make_shared<FunctionProcedure>(
      ProcedureSignature{"sutra.personSearch",
                         {{"name", "STRING?"}, {"father", "STRING?"}, {"limit", "INTEGER?"}},
                         {{"person", "NODE?"},
                          {"probability", "FLOAT?"},
                          {"explanation", "STRING?"},
                          {"flags", "LIST?"}},
                         "entity-resolution candidates for a name (and father's name)"},
      [&engine](std::span<const Value> args, const auto& emit) {
        er::PersonQuery query;
        query.name = StringArg(args, 0);
        query.father = StringArg(args, 1);
        query.limit = static_cast<std::size_t>(IntArg(args, 2, 20));
        er::PersonSearchResult result = OrThrow(engine.SearchPersons(query), "sutra.personSearch");
        for (const er::PersonHit& hit : result.persons) {
          emit(List{NodeRef{hit.person}, hit.probability,
                    algorithms::er::ExplanationLine(hit.explanation), Flags(hit.flags)});
        }
      }));

  registry.Add(std::make_shared<FunctionProcedure>(
      ProcedureSignature{"sutra.explainRecords",
                         {{"a", "ANY?"}, {"b", "ANY?"}},
                         {{"samePerson", "BOOLEAN?"},
                          {"probability", "FLOAT?"},
                          {"field", "STRING?"},
                          {"level", "STRING?"},
                          {"left", "STRING?"},
                          {"right", "STRING?"},
                          {"weight", "FLOAT?"}},
                         "how the entity-resolution model scores two person records, by field"},
      [&engine](std::span<const Value> args, const auto& emit) {
        auto reference = [](const Value& v) {
          if (v.is_node()) return std::to_string(v.as_node().id);
          if (v.is_int()) return std::to_string(v.as_int());
          return v.is_string() ? v.as_string() : std::string();
        };
        auto normalizer = OrThrow(
            algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default()),
            "sutra.explainRecords");
        er::RecordPairExplanation e = OrThrow(
            er::ExplainRecords(engine.store(), normalizer, reference(args[0]), reference(args[1])),
            "sutra.explainRecords");
        for (const auto& field : e.explanation.fields) {
          emit(List{e.same_person, e.explanation.probability, field.field, field.level, field.left,
                    field.right, field.weight});
        }
      }));
}

}  // namespace sutra::engine
