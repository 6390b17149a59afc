// The pattern queries investigators ask of the whole graph, answered in stored nodes:
// who keeps being accused together, which phones and vehicles tie persons across FIRs, who
// offends across districts, where the co-offending network closes into triangles, and which
// places match a small template ("a person who uses a phone that another person uses").
//
// Persons are resolved persons where `sutra resolve` has run (a record counts as its Person),
// records otherwise. Links from acquitted or discharged cases and wrongful arrests are left
// out unless the options' filter says otherwise (algorithms::PatternFilter()).
//
// Thread safety: every function may be called from any thread; each reads one snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/patterns.h"
#include "engine/answer_nodes.h"
#include "engine/engine.h"
#include "storage/status.h"

namespace sutra::engine {

struct CoAccusedAnswer {
  struct Pair {
    AnswerNode a, b;
    std::vector<AnswerNode> cases;  // the FIRs both are accused in
  };
  std::vector<Pair> pairs;        // most shared cases first
  std::size_t total_pairs = 0;    // before the limit
  std::size_t cases_skipped = 0;  // cases with more accused than the cap (mass FIRs)
};
StatusOr<CoAccusedAnswer> FindCoAccused(const Engine& engine,
                                        const algorithms::CoAccusedOptions& options);

struct SharedIdentifierAnswer {
  struct Item {
    AnswerNode identifier;            // the phone or vehicle
    std::vector<AnswerNode> persons;  // who is linked to it
    std::vector<AnswerNode> cases;    // the FIRs the links come from
  };
  std::vector<Item> shared;
  std::size_t total = 0;  // before the limit
  std::size_t busy = 0;   // identifiers with more persons than the cap (station phones, taxis)
};
StatusOr<SharedIdentifierAnswer> FindSharedIdentifiers(
    const Engine& engine, const algorithms::SharedIdentifiersOptions& options);

struct RepeatOffenderAnswer {
  struct Item {
    AnswerNode person;
    std::vector<std::string> districts;  // of the stations that registered the cases
    std::size_t cases = 0;
  };
  std::vector<Item> offenders;  // most districts first
  std::size_t total = 0;        // before the limit
};
// Districts are read from each Station's "district" property.
StatusOr<RepeatOffenderAnswer> FindRepeatOffenders(
    const Engine& engine, const algorithms::RepeatOffenderOptions& options);

struct TriangleAnswer {
  std::uint64_t total = 0;  // triangles in the co-offending network of persons
  struct Item {
    AnswerNode person;
    std::uint64_t triangles = 0;
  };
  std::vector<Item> top;  // persons in the most triangles
};
StatusOr<TriangleAnswer> FindCoOffendingTriangles(const Engine& engine,
                                                  const algorithms::LinkFilter& filter,
                                                  std::size_t top);

// A chain template: node types joined by link types, "Person-USES-Phone-USES-Person"; "*"
// stands for any node type or link type. InvalidArgument naming the part that is neither.
StatusOr<algorithms::GraphTemplate> ParseChainTemplate(std::string_view text);

struct TemplateAnswer {
  std::vector<std::vector<AnswerNode>> matches;  // one node per template node, in order
  bool capped = false;                           // the limit or the work cap ended the search
};
StatusOr<TemplateAnswer> MatchChain(const Engine& engine, const algorithms::GraphTemplate& pattern,
                                    const algorithms::TemplateOptions& options);

}  // namespace sutra::engine
