#include "tests/tck/tck_runner.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "tests/tck/gherkin.h"
#include "tests/tck/isolated_run.h"

namespace sutra::cypher::tck {
namespace {

constexpr const char* kTemporalFolder = "expressions/temporal";
constexpr const char* kTemporalReason =
    "temporal values (date, time, datetime, duration) are not implemented in Sutra";

struct FeatureFile {
  std::string relative;  // with '/' separators
  std::filesystem::path path;
};

std::vector<FeatureFile> FindFeatureFiles(const std::filesystem::path& root) {
  std::vector<FeatureFile> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(root, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file() || it->path().extension() != ".feature") continue;
    files.push_back(FeatureFile{it->path().lexically_relative(root).generic_string(), it->path()});
  }
  std::sort(files.begin(), files.end(),
            [](const FeatureFile& a, const FeatureFile& b) { return a.relative < b.relative; });
  return files;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool HasTag(const GherkinScenario& scenario, const std::string& tag) {
  return std::find(scenario.tags.begin(), scenario.tags.end(), tag) != scenario.tags.end();
}

ScenarioOutcome Skip(std::string reason, std::string category) {
  return ScenarioOutcome{ScenarioStatus::kSkipped, std::move(reason), std::move(category), ""};
}

// Runs (or skips) the selected scenarios of one file and appends their records.
void RunFile(const FeatureFile& file, const TckOptions& options, const ScenarioEnvironment& env,
             TckSummary* summary) {
  std::vector<ScenarioRecord> records;
  GherkinFeature feature;
  try {
    feature = ParseFeature(ReadFile(file.path));
  } catch (const GherkinError& error) {
    records.push_back(
        ScenarioRecord{file.relative, error.line(), "(the whole file)",
                       ScenarioOutcome{ScenarioStatus::kFailed,
                                       std::string("unreadable feature file: ") + error.what(),
                                       "runner: unreadable feature file", ""}});
  }
  const bool whole_file =
      options.filter.empty() || file.relative.find(options.filter) != std::string::npos;
  const bool temporal = file.relative.starts_with(kTemporalFolder);
  std::vector<const GherkinScenario*> to_run;
  std::vector<std::size_t> to_run_records;
  for (const GherkinScenario& scenario : feature.scenarios) {
    if (!whole_file && scenario.name.find(options.filter) == std::string::npos) continue;
    ScenarioRecord record{file.relative, scenario.line, scenario.name, {}};
    if (temporal) {
      record.outcome = Skip(kTemporalReason, "temporal types");
    } else if (HasTag(scenario, "@ignore")) {
      record.outcome = Skip("tagged @ignore in the TCK", "tagged @ignore");
    } else if (auto step = FirstUnsupportedStep(scenario)) {
      record.outcome = Skip("unsupported step: " + *step, "unsupported step: " + *step);
    } else {
      to_run.push_back(&scenario);
      to_run_records.push_back(records.size());
    }
    records.push_back(std::move(record));
  }
  if (records.empty()) return;

  std::vector<ScenarioOutcome> outcomes;
  if (options.isolate) {
    outcomes = RunScenariosIsolated(
        to_run, env, IsolationLimits{options.scenario_timeout_seconds, options.memory_limit_mb});
  } else {
    for (const GherkinScenario* scenario : to_run) outcomes.push_back(RunScenario(*scenario, env));
  }
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    records[to_run_records[i]].outcome = std::move(outcomes[i]);
  }

  FileCounts counts{file.relative, 0, 0, 0};
  for (const ScenarioRecord& record : records) {
    switch (record.outcome.status) {
      case ScenarioStatus::kPassed:
        ++counts.passed;
        if (!record.outcome.note.empty()) ++summary->phase_notes;
        break;
      case ScenarioStatus::kFailed:
        ++counts.failed;
        break;
      case ScenarioStatus::kSkipped:
        ++counts.skipped;
        break;
    }
    if (options.verbose == nullptr) continue;
    if (record.outcome.status == ScenarioStatus::kFailed) {
      *options.verbose << "  FAIL " << record.file << ":" << record.line << " " << record.name
                       << "\n       " << record.outcome.reason << "\n";
    } else if (record.outcome.status == ScenarioStatus::kPassed && !record.outcome.note.empty()) {
      *options.verbose << "  NOTE " << record.file << ":" << record.line << " " << record.name
                       << ": " << record.outcome.note << "\n";
    }
  }
  summary->passed += counts.passed;
  summary->failed += counts.failed;
  summary->skipped += counts.skipped;
  if (options.progress != nullptr) {
    *options.progress << counts.file << ": " << counts.passed << " passed, " << counts.failed
                      << " failed, " << counts.skipped << " skipped" << std::endl;
  }
  summary->files.push_back(std::move(counts));
  for (ScenarioRecord& record : records) summary->scenarios.push_back(std::move(record));
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

TckSummary RunTck(const TckOptions& options) {
  TckSummary summary;
  std::error_code error;
  if (!std::filesystem::is_directory(options.root, error)) {
    summary.available = false;
    return summary;
  }
  const ScenarioEnvironment env{options.root / "_graphs" / "graphs"};
  for (const FeatureFile& file : FindFeatureFiles(options.root)) {
    RunFile(file, options, env, &summary);
  }
  return summary;
}

std::string FormatTotals(const TckSummary& summary) {
  return std::to_string(summary.passed) + " passed, " + std::to_string(summary.failed) +
         " failed, " + std::to_string(summary.skipped) + " skipped";
}

void PrintFailureSummary(const TckSummary& summary, std::ostream& out, int top) {
  std::map<std::string, int> failures;
  std::map<std::string, int> skips;
  for (const ScenarioRecord& record : summary.scenarios) {
    if (record.outcome.status == ScenarioStatus::kFailed) ++failures[record.outcome.category];
    if (record.outcome.status == ScenarioStatus::kSkipped) ++skips[record.outcome.category];
  }
  auto print = [&](const std::map<std::string, int>& counts, const char* title) {
    if (counts.empty()) return;
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    out << title << " (" << sorted.size() << " kinds):\n";
    for (int i = 0; i < top && i < static_cast<int>(sorted.size()); ++i) {
      out << "  " << sorted[i].second << "\t" << sorted[i].first << "\n";
    }
  };
  print(failures, "Most common failure reasons");
  print(skips, "Skip reasons");
  if (summary.phase_notes > 0) {
    out << summary.phase_notes
        << " passing scenarios raised their error in another phase than the TCK expects"
           " (see --verbose)\n";
  }
}

void WriteReportCsv(const TckSummary& summary, std::ostream& out) {
  out << "scenario,status,reason\n";
  for (const ScenarioRecord& record : summary.scenarios) {
    std::string reason = record.outcome.reason;
    if (reason.empty()) reason = record.outcome.note;
    out << CsvField(record.file + ":" + std::to_string(record.line) + " " + record.name) << ","
        << StatusName(record.outcome.status) << "," << CsvField(reason) << "\n";
  }
}

}  // namespace sutra::cypher::tck
