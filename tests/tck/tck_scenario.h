// Running one TCK scenario against Sutra's Cypher engine: each scenario gets a fresh MemoryGraph,
// its steps run in order, and the scenario passes only if every step passes. The first failing
// step ends the scenario with a reason (the first difference found, or the error raised).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "tests/tck/gherkin.h"

namespace sutra::cypher::tck {

enum class ScenarioStatus { kPassed, kFailed, kSkipped };

const char* StatusName(ScenarioStatus status);  // "passed", "failed", "skipped"

struct ScenarioOutcome {
  ScenarioStatus status = ScenarioStatus::kPassed;
  std::string reason;    // what went wrong, in full (empty when passed)
  std::string category;  // a short kind of failure, for counting the most common ones
  std::string note;      // remarks on a pass, e.g. an error raised in another phase than expected
};

struct ScenarioEnvironment {
  // Where "Given the <name> graph" finds <name>/<name>.cypher.
  std::filesystem::path graphs_dir;
};

// The text of the first step this runner cannot run, if any (the scenario is then skipped).
std::optional<std::string> FirstUnsupportedStep(const GherkinScenario& scenario);

// Runs the scenario. Never throws: engine errors other than the expected ones, and any C++
// exception, fail the scenario.
ScenarioOutcome RunScenario(const GherkinScenario& scenario, const ScenarioEnvironment& env);

}  // namespace sutra::cypher::tck
