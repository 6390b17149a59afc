// Sutra's algorithms as Cypher procedures, `CALL sutra.<name>(...) YIELD ...`, so analysts can
// combine link analysis with pattern queries:
//   sutra.pagerank(top), sutra.betweenness(top), sutra.centrality(measure, top)
//       -> node, score, flags
//   sutra.communities(top, members) -> community, size, node, flags
//   sutra.paths(from, to, k) -> path, cost, length
//   sutra.coAccused(minCases, limit) -> a, b, cases
//   sutra.sharedIdentifiers(limit) -> identifier, persons, cases
//   sutra.personSearch(name, father, limit) -> person, probability, explanation, flags
//       (entity-resolution candidates for a stated name)
//   sutra.explainRecords(a, b) -> samePerson, probability, matchWeight, field, level, left,
//       right, weight (one row per compared field)
// They run on the engine's snapshot of the stored crime graph (engine/link_analysis.h,
// crime_patterns.h, er/), with the same defaults as the CLI: association measures leave out
// exonerating links and stations. Nodes come back as NodeRefs with the store's ids, i.e. the
// ids of engine::StoreGraph. `flags` lists each node's protection facts (acquitted,
// wrongful_arrest, juvenile, ...), so no answer hides them.
//
// The registry holds a reference to `engine`, which must outlive it. Thread-safe as the engine.
#pragma once

#include "engine/cypher/procedures.h"
#include "engine/engine.h"

namespace sutra::engine {

void RegisterSutraProcedures(cypher::ProcedureRegistry& registry, const Engine& engine);

}  // namespace sutra::engine
