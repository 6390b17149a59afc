#include "tests/tck/tck_scenario.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/memory_graph.h"
#include "engine/cypher/procedures.h"
#include "engine/cypher/query.h"
#include "tests/tck/result_check.h"
#include "tests/tck/side_effects.h"
#include "tests/tck/table_procedure.h"
#include "tests/tck/tck_value.h"

namespace sutra::cypher::tck {
namespace {

enum class StepKind {
  kEmptyGraph,
  kNamedGraph,
  kHavingExecuted,
  kParameters,
  kProcedure,
  kExecuteQuery,
  kResult,
  kResultEmpty,
  kNoSideEffects,
  kSideEffects,
  kError,
  kUnsupported,
};

struct ParsedStep {
  StepKind kind = StepKind::kUnsupported;
  std::string argument;  // graph name, procedure declaration
  bool ordered = false;  // kResult
  bool ignore_list_order = false;
  std::string error_type;   // kError
  std::string error_phase;  // "compile time", "runtime", "any time"
  std::string error_detail;
};

// "the result should be, in any order:" and its variants; false for other text.
bool ReadResultStep(std::string text, ParsedStep* parsed) {
  static const std::string kPrefix = "the result should be";
  static const std::string kIgnore = " (ignoring element order for lists)";
  if (!text.starts_with(kPrefix) || !text.ends_with(":")) return false;
  text = text.substr(kPrefix.size(), text.size() - kPrefix.size() - 1);
  if (text.ends_with(kIgnore)) {
    parsed->ignore_list_order = true;
    text.resize(text.size() - kIgnore.size());
  }
  // "in any order" and the bare form compare as bags; only "in order" keeps the order.
  if (text == ", in order") {
    parsed->ordered = true;
  } else if (!text.empty() && text != ", in any order") {
    return false;
  }
  parsed->kind = StepKind::kResult;
  return true;
}

// "a TypeError should be raised at runtime: InvalidArgumentType"; false for other text.
bool ReadErrorStep(const std::string& text, ParsedStep* parsed) {
  std::size_t pos = 0;
  if (text.starts_with("a ")) {
    pos = 2;
  } else if (text.starts_with("an ")) {
    pos = 3;
  } else {
    return false;
  }
  static const std::string kRaised = " should be raised at ";
  const std::size_t raised = text.find(kRaised, pos);
  const std::size_t colon = text.find(": ", raised == std::string::npos ? 0 : raised);
  if (raised == std::string::npos || colon == std::string::npos) return false;
  const std::string type = text.substr(pos, raised - pos);
  const std::string phase = text.substr(raised + kRaised.size(), colon - raised - kRaised.size());
  const std::string detail = text.substr(colon + 2);
  if (type.empty() || type.find(' ') != std::string::npos || detail.empty() ||
      detail.find(' ') != std::string::npos) {
    return false;
  }
  if (phase != "compile time" && phase != "runtime" && phase != "any time") return false;
  parsed->kind = StepKind::kError;
  parsed->error_type = type;
  parsed->error_phase = phase;
  parsed->error_detail = detail;
  return true;
}

ParsedStep ClassifyStep(const GherkinStep& step) {
  const std::string& text = step.text;
  ParsedStep parsed;
  static const std::string kProcedurePrefix = "there exists a procedure ";
  if (text == "an empty graph" || text == "any graph") {
    parsed.kind = StepKind::kEmptyGraph;
  } else if (text.starts_with("the ") && text.ends_with(" graph") && text.size() > 10 &&
             text.find(' ', 4) == text.size() - 6) {
    parsed.kind = StepKind::kNamedGraph;
    parsed.argument = text.substr(4, text.size() - 10);
  } else if (text == "having executed:" && step.docstring) {
    parsed.kind = StepKind::kHavingExecuted;
  } else if (text == "parameters are:") {
    parsed.kind = StepKind::kParameters;
  } else if (text.starts_with(kProcedurePrefix)) {
    parsed.kind = StepKind::kProcedure;
    parsed.argument = text.substr(kProcedurePrefix.size());
  } else if ((text == "executing query:" || text == "executing control query:") && step.docstring) {
    parsed.kind = StepKind::kExecuteQuery;
  } else if (text == "the result should be empty") {
    parsed.kind = StepKind::kResultEmpty;
  } else if (ReadResultStep(text, &parsed)) {
    if (step.table.empty()) parsed.kind = StepKind::kUnsupported;
  } else if (text == "no side effects") {
    parsed.kind = StepKind::kNoSideEffects;
  } else if (text == "the side effects should be:") {
    parsed.kind = StepKind::kSideEffects;
  } else {
    ReadErrorStep(text, &parsed);
  }
  return parsed;
}

std::string DescribeError(const CypherError& error) {
  return std::string(ErrorTypeName(error.type())) + "." + error.detail() +
         (error.phase() == ErrorPhase::kCompileTime ? " (compile time)" : " (runtime)") + ": " +
         error.message();
}

// Message text with quoted names masked, so failures that differ only in a variable's or a
// function's name count as the same kind of failure.
std::string MaskQuoted(const std::string& message) {
  std::string out;
  char quote = 0;
  for (char c : message) {
    if (quote != 0) {
      if (c == quote) {
        out += "…";
        out += c;
        quote = 0;
      }
      continue;
    }
    out += c;
    if (c == '\'' || c == '`' || c == '"') quote = c;
  }
  if (quote != 0) out += "…";
  if (out.size() > 90) out = out.substr(0, 90) + "…";
  return out;
}

std::string ErrorCategory(const CypherError& error) {
  return std::string(ErrorTypeName(error.type())) + "." + error.detail() + ": " +
         MaskQuoted(error.message());
}

// A failed step: ends the scenario.
struct StepFailure {
  std::string reason;
  std::string category;
};

class ScenarioRun {
 public:
  explicit ScenarioRun(const ScenarioEnvironment& env) : env_(env) { ResetGraph(); }

  ScenarioOutcome Run(const GherkinScenario& scenario) {
    ScenarioOutcome outcome;
    for (const GherkinStep& step : scenario.steps) {
      try {
        RunStep(step, ClassifyStep(step));
      } catch (const StepFailure& failure) {
        outcome.status = ScenarioStatus::kFailed;
        outcome.reason =
            "line " + std::to_string(step.line) + " (" + step.text + "): " + failure.reason;
        outcome.category = failure.category;
        outcome.note = note_;
        return outcome;
      }
    }
    outcome.note = note_;
    return outcome;
  }

 private:
  void ResetGraph() {
    graph_ = std::make_unique<MemoryGraph>();
    procedures_ = std::make_unique<ProcedureRegistry>();
    parameters_.clear();
  }

  [[noreturn]] static void Fail(std::string reason, std::string category) {
    throw StepFailure{std::move(reason), std::move(category)};
  }

  // Runs a setup query, which must succeed.
  void RunSetup(const std::string& text, const std::string& what) {
    try {
      RunQuery(*graph_, text, Options());
    } catch (const CypherError& error) {
      Fail(what + " failed: " + DescribeError(error), "setup: " + ErrorCategory(error));
    } catch (const std::exception& error) {
      Fail(what + " threw a C++ exception: " + std::string(error.what()),
           "C++ exception: " + MaskQuoted(error.what()));
    }
  }

  QueryOptions Options() const {
    QueryOptions options;
    options.parameters = parameters_;
    options.procedures = procedures_.get();
    return options;
  }

  void RunStep(const GherkinStep& step, const ParsedStep& parsed) {
    switch (parsed.kind) {
      case StepKind::kEmptyGraph:
        ResetGraph();
        return;
      case StepKind::kNamedGraph:
        ResetGraph();
        RunSetup(ReadGraphScript(parsed.argument), "the " + parsed.argument + " graph's script");
        return;
      case StepKind::kHavingExecuted:
        RunSetup(*step.docstring, "setup query");
        return;
      case StepKind::kParameters:
        ReadParameters(step.table);
        return;
      case StepKind::kProcedure:
        AddProcedure(parsed.argument, step.table);
        return;
      case StepKind::kExecuteQuery:
        Execute(*step.docstring);
        return;
      case StepKind::kResult:
        CheckResult(step.table, parsed.ordered, parsed.ignore_list_order);
        return;
      case StepKind::kResultEmpty:
        CheckResult({}, false, false);
        return;
      case StepKind::kNoSideEffects:
        CheckSideEffects(SideEffects{});
        return;
      case StepKind::kSideEffects:
        try {
          CheckSideEffects(ParseSideEffectsTable(step.table));
        } catch (const std::invalid_argument& error) {
          Fail(std::string("bad side effects table: ") + error.what(), "runner: bad table");
        }
        return;
      case StepKind::kError:
        CheckError(parsed);
        return;
      case StepKind::kUnsupported:
        Fail("unsupported step", "runner: unsupported step");
    }
  }

  std::string ReadGraphScript(const std::string& name) {
    const std::filesystem::path path = env_.graphs_dir / name / (name + ".cypher");
    std::ifstream in(path);
    if (!in) Fail("cannot read " + path.string(), "runner: named graph missing");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  void ReadParameters(const GherkinTable& table) {
    for (const auto& row : table) {
      if (row.size() != 2) Fail("a parameter row needs 2 cells", "runner: bad table");
      try {
        parameters_[row[0]] = ToEngineValue(ParseTckValue(row[1]));
      } catch (const TckValueError& error) {
        Fail(std::string("bad parameter value: ") + error.what(), "runner: bad table");
      }
    }
  }

  void AddProcedure(const std::string& declaration, const GherkinTable& table) {
    try {
      procedures_->Add(
          std::make_shared<TableProcedure>(ParseProcedureDeclaration(declaration), table));
    } catch (const std::exception& error) {
      Fail(std::string("bad procedure: ") + error.what(), "runner: bad procedure");
    }
  }

  void Execute(const std::string& text) {
    executed_ = true;
    result_.reset();
    error_.reset();
    error_checked_ = false;
    before_ = TakeSnapshot(*graph_);
    try {
      QueryResult result = RunQuery(*graph_, text, Options());
      // Resolve now: labels and properties as they are right after the query.
      result_ = ResolveResult(result, *graph_);
    } catch (const CypherError& error) {
      error_ = error;
    } catch (const std::exception& error) {
      Fail(std::string("C++ exception: ") + error.what(),
           "C++ exception: " + MaskQuoted(error.what()));
    }
    after_ = TakeSnapshot(*graph_);
  }

  void RequireResult() {
    if (!executed_) Fail("no query was executed", "runner: no query");
    if (error_) {
      Fail("query failed: " + DescribeError(*error_), ErrorCategory(*error_));
    }
  }

  void CheckResult(const GherkinTable& expected, bool ordered, bool ignore_list_order) {
    RequireResult();
    std::optional<ResultMismatch> mismatch;
    try {
      mismatch = CompareResult(expected, *result_, ordered, ignore_list_order,
                               /*check_columns=*/!expected.empty());
    } catch (const TckValueError& error) {
      Fail(std::string("unreadable expected value: ") + error.what(),
           "runner: unreadable expected value");
    }
    if (mismatch) Fail(mismatch->message, mismatch->category);
  }

  void CheckSideEffects(const SideEffects& expected) {
    if (!executed_) Fail("no query was executed", "runner: no query");
    if (error_ && !error_checked_) {
      Fail("query failed: " + DescribeError(*error_), ErrorCategory(*error_));
    }
    const SideEffects actual = DiffSnapshots(before_, after_);
    if (actual != expected) {
      Fail("side effects: expected " + FormatSideEffects(expected) + ", got " +
               FormatSideEffects(actual),
           "wrong side effects");
    }
  }

  void CheckError(const ParsedStep& parsed) {
    if (!executed_) Fail("no query was executed", "runner: no query");
    const std::string expected = parsed.error_type + "." + parsed.error_detail;
    if (!error_) {
      Fail("expected " + expected + " at " + parsed.error_phase + ", but the query succeeded",
           "expected " + expected + ", query succeeded");
    }
    error_checked_ = true;
    const std::string actual_type = ErrorTypeName(error_->type());
    const bool detail_matches =
        parsed.error_detail == "*" || parsed.error_detail == error_->detail();
    if (actual_type != parsed.error_type || !detail_matches) {
      Fail("expected " + expected + " at " + parsed.error_phase + ", got " + DescribeError(*error_),
           "expected " + expected + ", got " + actual_type + "." + error_->detail());
    }
    const char* actual_phase =
        error_->phase() == ErrorPhase::kCompileTime ? "compile time" : "runtime";
    if (parsed.error_phase != "any time" && parsed.error_phase != actual_phase) {
      note_ =
          "error raised at " + std::string(actual_phase) + ", expected at " + parsed.error_phase;
    }
  }

  const ScenarioEnvironment& env_;
  std::unique_ptr<MemoryGraph> graph_;
  std::unique_ptr<ProcedureRegistry> procedures_;
  Map parameters_;
  bool executed_ = false;
  std::optional<ResolvedResult> result_;
  std::optional<CypherError> error_;
  bool error_checked_ = false;
  GraphSnapshot before_;
  GraphSnapshot after_;
  std::string note_;
};

}  // namespace

const char* StatusName(ScenarioStatus status) {
  switch (status) {
    case ScenarioStatus::kPassed:
      return "passed";
    case ScenarioStatus::kFailed:
      return "failed";
    case ScenarioStatus::kSkipped:
      return "skipped";
  }
  return "?";
}

std::optional<std::string> FirstUnsupportedStep(const GherkinScenario& scenario) {
  for (const GherkinStep& step : scenario.steps) {
    if (ClassifyStep(step).kind == StepKind::kUnsupported) return step.keyword + " " + step.text;
  }
  return std::nullopt;
}

ScenarioOutcome RunScenario(const GherkinScenario& scenario, const ScenarioEnvironment& env) {
  if (auto unsupported = FirstUnsupportedStep(scenario)) {
    return ScenarioOutcome{ScenarioStatus::kSkipped, "unsupported step: " + *unsupported,
                           "unsupported step", ""};
  }
  try {
    return ScenarioRun(env).Run(scenario);
  } catch (const std::exception& error) {
    return ScenarioOutcome{ScenarioStatus::kFailed, std::string("C++ exception: ") + error.what(),
                           "C++ exception: " + MaskQuoted(error.what()), ""};
  }
}

}  // namespace sutra::cypher::tck
