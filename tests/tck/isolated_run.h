// Running a feature file's scenarios in forked child processes, so that a crash, a hang or a
// runaway allocation in the engine fails one scenario instead of the whole TCK run.
#pragma once

#include <cstddef>
#include <vector>

#include "tests/tck/gherkin.h"
#include "tests/tck/tck_scenario.h"

namespace sutra::cypher::tck {

struct IsolationLimits {
  int scenario_timeout_seconds = 60;
  std::size_t memory_limit_mb = 4096;
};

// One outcome per scenario, in order. A child runs the scenarios from some index on and reports
// each outcome through a pipe; when it dies (signal, sanitizer report, exit) or is killed (a
// scenario over the time or memory limit), the scenario it was running fails with the reason
// (the sanitizer's summary line when there is one) and a new child goes on with the next.
std::vector<ScenarioOutcome> RunScenariosIsolated(
    const std::vector<const GherkinScenario*>& scenarios, const ScenarioEnvironment& env,
    const IsolationLimits& limits);

}  // namespace sutra::cypher::tck
