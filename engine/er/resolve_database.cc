#include "engine/er/resolve_database.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "algorithms/er/person_index.h"
#include "algorithms/er/strong_identifier.h"
#include "engine/er/er_state.h"
#include "engine/er/stored_records.h"

namespace sutra::engine::er {
namespace {

using algorithms::er::PairDecision;
using algorithms::er::Resolver;
using storage::EdgeType;
using storage::EdgeWrite;
using storage::NodeId;
using storage::NodeType;
using storage::NodeWrite;
using storage::Properties;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The name most of a person's records give (ties: the first in record order).
std::string CommonName(const std::vector<const StoredRecord*>& members) {
  std::map<std::string, int> counts;
  std::string best;
  int best_count = 0;
  for (const StoredRecord* r : members) {
    const int count = ++counts[r->name];
    if (count > best_count) best = r->name, best_count = count;
  }
  return best;
}

// What a record's SAME_AS edge says.
struct Membership {
  double score = 1.0;
  std::string explanation = "the only record of this person";
  std::string decided_by = "model";
};

// A person's Person node before writing: an existing node or a key to create.
struct PersonPlan {
  NodeId existing = 0;
  std::string key;
  std::vector<const StoredRecord*> members;
};

// Reads the "person_id" key of an existing Person node.
StatusOr<std::string> PersonKeyOf(const storage::ReadTxn& txn, NodeId person) {
  SUTRA_ASSIGN_OR_RETURN(auto node, txn.GetNode(person));
  if (!node || node->type != NodeType::kPerson) {
    return Corruption("SAME_AS leads to node " + std::to_string(person) + ", not a Person");
  }
  auto key = storage::GetString(node->properties, "person_id");
  if (!key) return Corruption("Person " + std::to_string(person) + " has no person_id");
  return *key;
}

Properties PersonProperties(const PersonPlan& plan) {
  return {{"person_id", plan.key},
          {"name", CommonName(plan.members)},
          {"records", static_cast<std::int64_t>(plan.members.size())},
          {"status", std::string("active")}};
}

EdgeWrite SameAsEdge(NodeId record, NodeId person, const Membership& m, std::uint64_t batch) {
  EdgeWrite e;
  e.type = EdgeType::kSameAs;
  e.from = record;
  e.to = person;
  e.properties = {{"score", m.score}, {"explanation", m.explanation}, {"decided_by", m.decided_by}};
  e.provenance.batch = batch;
  return e;
}

// Writes the persons and every record's SAME_AS edge; persons in `retire` (old nodes that no
// plan kept) are marked merged into the person that took most of their records.
Status WritePersons(storage::WriteTxn& w, std::vector<PersonPlan>& plans,
                    const std::vector<Membership>& membership,
                    const std::unordered_map<NodeId, std::uint32_t>& index_of,
                    const std::vector<NodeId>& retire, std::uint64_t batch,
                    ResolveDbReport& report) {
  // GraphStore::Update runs its body again after growing the map: count the attempt that
  // commits, not every attempt.
  report.persons_created = report.records_moved = report.persons_retired = 0;
  std::vector<NodeWrite> nodes;
  nodes.reserve(plans.size());
  const auto fresh = static_cast<std::uint64_t>(std::count_if(
      plans.begin(), plans.end(), [](const PersonPlan& p) { return p.existing == 0; }));
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t number, ReservePersonNumbers(w, fresh));
  for (PersonPlan& plan : plans) {
    if (plan.existing != 0) {
      SUTRA_ASSIGN_OR_RETURN(plan.key, PersonKeyOf(w.reader(), plan.existing));
    } else {
      plan.key = PersonKey(number++);
      ++report.persons_created;
    }
    nodes.push_back({NodeType::kPerson, plan.key, PersonProperties(plan), {}});
  }
  SUTRA_ASSIGN_OR_RETURN(auto person_ids, w.UpsertNodes(nodes));

  std::vector<EdgeWrite> edges;
  std::unordered_map<NodeId, std::map<NodeId, int>> retired_to;  // old person -> new -> records
  for (std::size_t p = 0; p < plans.size(); ++p) {
    const NodeId person = person_ids[p].id;
    for (const StoredRecord* r : plans[p].members) {
      if (r->person != person) {
        ++report.records_moved;
        if (r->same_as != 0) SUTRA_RETURN_IF_ERROR(w.DeleteEdge(r->same_as).status());
        if (r->person != 0) ++retired_to[r->person][person];
      }
      edges.push_back(SameAsEdge(r->id, person, membership[index_of.at(r->id)], batch));
    }
  }
  SUTRA_RETURN_IF_ERROR(w.UpsertEdges(edges).status());

  for (NodeId old : retire) {
    SUTRA_ASSIGN_OR_RETURN(auto node, w.reader().GetNode(old));
    if (!node) continue;
    Properties props = node->properties;
    props["status"] = std::string("merged");
    props["records"] = std::int64_t{0};
    const auto& to = retired_to[old];
    auto most = std::max_element(to.begin(), to.end(),
                                 [](const auto& x, const auto& y) { return x.second < y.second; });
    if (most != to.end()) props["merged_into"] = static_cast<std::int64_t>(most->first);
    auto key = storage::GetString(props, "person_id");
    if (!key) return Corruption("Person " + std::to_string(old) + " has no person_id");
    SUTRA_RETURN_IF_ERROR(w.UpsertNode(NodeType::kPerson, *key, props).status());
    ++report.persons_retired;
  }
  return Status::Ok();
}

// Each new cluster keeps the old Person holding most of its records; each old Person goes to
// at most one cluster. Greedy by count, then smaller person id, then smaller cluster.
std::vector<PersonPlan> StablePlans(const std::vector<StoredRecord>& records,
                                    const std::vector<std::uint32_t>& cluster,
                                    std::vector<NodeId>* retire) {
  std::map<std::uint32_t, std::size_t> plan_of_cluster;
  std::vector<PersonPlan> plans;
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto [it, added] = plan_of_cluster.emplace(cluster[i], plans.size());
    if (added) plans.emplace_back();
    plans[it->second].members.push_back(&records[i]);
  }
  struct Claim {
    std::size_t count;
    NodeId person;
    std::size_t plan;
  };
  std::vector<Claim> claims;
  std::unordered_set<NodeId> old_persons;
  for (std::size_t p = 0; p < plans.size(); ++p) {
    std::map<NodeId, std::size_t> counts;
    for (const StoredRecord* r : plans[p].members) {
      if (r->person != 0) ++counts[r->person], old_persons.insert(r->person);
    }
    for (const auto& [person, count] : counts) claims.push_back({count, person, p});
  }
  std::sort(claims.begin(), claims.end(), [](const Claim& x, const Claim& y) {
    if (x.count != y.count) return x.count > y.count;
    if (x.person != y.person) return x.person < y.person;
    return x.plan < y.plan;
  });
  std::unordered_set<NodeId> taken;
  for (const Claim& c : claims) {
    if (plans[c.plan].existing != 0 || taken.count(c.person) > 0) continue;
    plans[c.plan].existing = c.person;
    taken.insert(c.person);
  }
  for (NodeId old : old_persons) {
    if (taken.count(old) == 0) retire->push_back(old);
  }
  std::sort(retire->begin(), retire->end());
  return plans;
}

std::string ReviewerOf(const ReviewDecision& d) { return "reviewer:" + d.by; }

}  // namespace

StatusOr<ResolveDbReport> ResolveDatabase(storage::GraphStore& store,
                                          const algorithms::er::NameNormalizer& normalizer,
                                          const ResolveDbOptions& options) {
  ResolveDbReport report;
  auto start = Clock::now();
  std::vector<StoredRecord> records;
  std::vector<ReviewDecision> decisions;
  {
    SUTRA_ASSIGN_OR_RETURN(auto txn, store.BeginRead());
    SUTRA_ASSIGN_OR_RETURN(records, LoadPersonRecords(txn));
    SUTRA_ASSIGN_OR_RETURN(decisions, ReadDecisions(txn));
  }
  report.records = records.size();
  std::unordered_map<NodeId, std::uint32_t> index_of;
  std::vector<algorithms::er::PersonInput> inputs;
  inputs.reserve(records.size());
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    index_of.emplace(records[i].id, i);
    // Moved, not copied: at a million records the inputs are a large share of the memory.
    // The record id lives on in the resolution's normalised records (ErRecord::id).
    inputs.push_back(std::move(records[i].input));
  }
  algorithms::er::ResolveOptions resolve = options.resolve;
  std::map<std::pair<std::uint32_t, std::uint32_t>, const ReviewDecision*> decided;
  for (const ReviewDecision& d : decisions) {
    auto a = index_of.find(d.a), b = index_of.find(d.b);
    if (a == index_of.end() || b == index_of.end()) continue;  // a record was erased
    resolve.decisions.push_back({a->second, b->second, d.same});
    decided[std::minmax(a->second, b->second)] = &d;
  }
  report.load_seconds = Since(start);

  start = Clock::now();
  SUTRA_ASSIGN_OR_RETURN(auto res, Resolver(normalizer).Resolve(inputs, resolve));
  inputs = {};
  report.candidate_pairs = res.scored.size();
  report.resolve_stages = res.stage_seconds;
  report.decisions_applied = res.clustering.same_applied;
  report.decisions_conflicting = res.clustering.same_conflicting;
  report.refused_by_identifier = res.clustering.refused_by_identifier;

  // Each record's strongest link inside its person, and reviewers' "same" inside it.
  std::vector<Membership> membership(records.size());
  std::vector<std::int64_t> best_other(records.size(), -1);
  for (const auto& pair : res.scored) {
    if (res.cluster[pair.a] != res.cluster[pair.b]) continue;
    for (auto [self, other] : {std::pair{pair.a, pair.b}, std::pair{pair.b, pair.a}}) {
      if (best_other[self] < 0 || pair.probability > membership[self].score) {
        membership[self].score = pair.probability;
        best_other[self] = other;
      }
    }
  }
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    if (best_other[i] < 0) continue;
    const auto other = static_cast<std::uint32_t>(best_other[i]);
    std::vector<algorithms::er::FieldComparison> comparisons;
    const auto weights = Resolver::Explain(res, i, other, &comparisons);
    membership[i].explanation = "with record " + res.records[other].id + ": " +
                                ExplanationLine(algorithms::er::Explain(weights, comparisons));
  }
  for (const auto& [pair, d] : decided) {
    if (!d->same || res.cluster[pair.first] != res.cluster[pair.second]) continue;
    for (std::uint32_t i : {pair.first, pair.second}) {
      membership[i].score = 1.0;
      membership[i].decided_by = ReviewerOf(*d);
      membership[i].explanation = "a reviewer decided: " + d->note;
    }
  }
  std::vector<ReviewItem> queue;
  for (const auto& pair : res.scored) {
    if (pair.probability < options.review_low || pair.probability >= options.review_high) continue;
    if (decided.count(std::minmax(pair.a, pair.b)) > 0) continue;
    std::vector<algorithms::er::FieldComparison> comparisons;
    const auto weights = Resolver::Explain(res, pair.a, pair.b, &comparisons);
    queue.push_back({std::min(records[pair.a].id, records[pair.b].id),
                     std::max(records[pair.a].id, records[pair.b].id), pair.probability,
                     ExplanationLine(algorithms::er::Explain(weights, comparisons))});
  }
  report.review_pairs = queue.size();
  std::vector<NodeId> retire;
  std::vector<PersonPlan> plans = StablePlans(records, res.cluster, &retire);
  report.persons = plans.size();
  report.resolve_seconds = Since(start);

  start = Clock::now();
  SUTRA_RETURN_IF_ERROR(store.Update([&](storage::WriteTxn& w) -> Status {
    SUTRA_ASSIGN_OR_RETURN(std::uint64_t batch,
                           w.NewBatch("entity resolution (full) by " + options.actor));
    SUTRA_RETURN_IF_ERROR(WritePersons(w, plans, membership, index_of, retire, batch, report));
    SUTRA_RETURN_IF_ERROR(WriteModel(w, res.model));
    return ReplaceReviewQueue(w, queue);
  }));
  report.write_seconds = Since(start);
  return report;
}

StatusOr<ResolveDbReport> ResolveIncremental(storage::GraphStore& store,
                                             const algorithms::er::NameNormalizer& normalizer,
                                             const ResolveDbOptions& options) {
  ResolveDbReport report;
  auto start = Clock::now();
  std::vector<StoredRecord> records;
  std::optional<algorithms::er::FellegiSunterModel> model;
  {
    SUTRA_ASSIGN_OR_RETURN(auto txn, store.BeginRead());
    SUTRA_ASSIGN_OR_RETURN(model, ReadModel(txn));
    if (!model) {
      return FailedPrecondition(
          "no entity-resolution model in this database yet: run `sutra resolve --db DIR` (a "
          "full run) once before --incremental");
    }
    SUTRA_ASSIGN_OR_RETURN(records, LoadPersonRecords(txn));
  }
  report.records = records.size();
  report.load_seconds = Since(start);

  start = Clock::now();
  const Resolver resolver(normalizer);
  algorithms::er::PersonIndex index(*model, options.resolve);
  // The resolved records go into the index; the new ones wait, in record order.
  std::vector<std::pair<std::uint32_t, algorithms::er::ErRecord>> waiting;
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    const StoredRecord& r = records[i];
    algorithms::er::ErRecord normalized = resolver.Normalize(r.input);
    if (r.person == 0) {
      waiting.emplace_back(i, std::move(normalized));
    } else {
      index.Add(std::move(normalized), r.person,
                algorithms::er::StrongIdentifier(r.input.identifier).value_or(""));
    }
  }
  index.Seal();
  // New persons get provisional numbers above every node id until their nodes exist.
  constexpr std::uint64_t kProvisional = std::uint64_t{1} << 62;
  std::vector<PersonPlan> fresh;  // provisional person kProvisional + k
  std::unordered_map<NodeId, std::vector<const StoredRecord*>> joined;  // existing person
  std::vector<Membership> membership(records.size());
  std::unordered_map<NodeId, std::uint32_t> index_of;
  for (std::uint32_t i = 0; i < records.size(); ++i) index_of.emplace(records[i].id, i);
  for (auto& [i, normalized] : waiting) {
    const std::string strong =
        algorithms::er::StrongIdentifier(records[i].input.identifier).value_or("");
    std::uint64_t person;
    if (auto match = index.Decide(normalized, strong)) {
      person = match->person;
      std::vector<algorithms::er::FieldComparison> comparisons;
      const auto weights = index.Explain(normalized, match->best_record, &comparisons);
      membership[i].score = match->best_probability;
      membership[i].explanation = "with record " + index.record(match->best_record).id + ": " +
                                  ExplanationLine(algorithms::er::Explain(weights, comparisons));
    } else {
      person = kProvisional + fresh.size();
      fresh.emplace_back();
    }
    if (person >= kProvisional) {
      fresh[person - kProvisional].members.push_back(&records[i]);
    } else {
      joined[person].push_back(&records[i]);
    }
    index.Add(std::move(normalized), person, strong);
  }
  report.resolve_seconds = Since(start);

  start = Clock::now();
  SUTRA_RETURN_IF_ERROR(store.Update([&](storage::WriteTxn& w) -> Status {
    SUTRA_ASSIGN_OR_RETURN(std::uint64_t batch,
                           w.NewBatch("entity resolution (incremental) by " + options.actor));
    // Joined persons: their records so far, then the new ones.
    std::unordered_map<NodeId, PersonPlan> grown;
    for (const StoredRecord& r : records) {
      if (r.person != 0 && joined.count(r.person) > 0) grown[r.person].members.push_back(&r);
    }
    std::vector<PersonPlan> plans;
    for (auto& [person, members] : joined) {
      PersonPlan& plan = grown[person];
      plan.existing = person;
      plan.members.insert(plan.members.end(), members.begin(), members.end());
      plans.push_back(std::move(plan));
    }
    std::sort(plans.begin(), plans.end(),
              [](const PersonPlan& x, const PersonPlan& y) { return x.existing < y.existing; });
    // Copied, not moved: a retry after the map grows needs them again.
    plans.insert(plans.end(), fresh.begin(), fresh.end());
    return WritePersons(w, plans, membership, index_of, {}, batch, report);
  }));
  report.persons = joined.size() + fresh.size();
  report.write_seconds = Since(start);
  return report;
}

StatusOr<RecordPairExplanation> ExplainRecords(const storage::GraphStore& store,
                                               const algorithms::er::NameNormalizer& normalizer,
                                               std::string_view a, std::string_view b) {
  SUTRA_ASSIGN_OR_RETURN(auto txn, store.BeginRead());
  SUTRA_ASSIGN_OR_RETURN(auto model, ReadModel(txn));
  if (!model) {
    return FailedPrecondition(
        "no entity-resolution model in this database yet: run `sutra resolve --db DIR` first");
  }
  SUTRA_ASSIGN_OR_RETURN(auto records, LoadPersonRecords(txn));
  SUTRA_ASSIGN_OR_RETURN(std::uint32_t ia, FindRecord(records, a));
  SUTRA_ASSIGN_OR_RETURN(std::uint32_t ib, FindRecord(records, b));
  // Term frequencies as the full run counted them: over every record.
  const Resolver resolver(normalizer);
  algorithms::er::PersonIndex index(std::move(*model), {});
  for (const StoredRecord& r : records) index.Add(resolver.Normalize(r.input), r.person);
  index.Seal();
  std::vector<algorithms::er::FieldComparison> comparisons;
  const auto weights = index.Explain(index.record(ia), ib, &comparisons);
  RecordPairExplanation out;
  out.record_a = records[ia].input.id;
  out.record_b = records[ib].input.id;
  out.node_a = records[ia].id;
  out.node_b = records[ib].id;
  out.explanation = algorithms::er::Explain(weights, comparisons);
  out.same_person = records[ia].person != 0 && records[ia].person == records[ib].person;
  return out;
}

}  // namespace sutra::engine::er
