// A reader for the subset of Gherkin the openCypher TCK is written in: Feature, Background,
// Scenario, Scenario Outline with Examples tables, steps with docstrings ("""), data tables and
// comments. Scenario Outlines are expanded here, one scenario per Examples row, with every
// <placeholder> replaced in step texts, docstrings and table cells, so the runner only ever sees
// concrete scenarios. Background steps are prepended to every scenario of the feature.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sutra::cypher::tck {

using GherkinTable = std::vector<std::vector<std::string>>;

struct GherkinStep {
  std::string keyword;  // "Given", "When", "Then", "And", "But" or "*"
  std::string text;     // what follows the keyword, trimmed
  int line = 0;
  std::optional<std::string> docstring;  // without the indentation of its opening """
  GherkinTable table;                    // cells trimmed and unescaped (\| \\ \n)
};

struct GherkinScenario {
  // For an outline: its name with placeholders substituted, then " (example k)", k counting
  // from 1 over all its Examples tables.
  std::string name;
  int line = 0;  // the Scenario line (an outline's Examples row for expanded outlines)
  std::vector<std::string>
      tags;  // the feature's, the scenario's and the Examples' tags ("@ignore")
  std::vector<GherkinStep> steps;
};

struct GherkinFeature {
  std::string name;
  std::vector<GherkinScenario> scenarios;
};

class GherkinError : public std::runtime_error {
 public:
  GherkinError(int line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

// Throws GherkinError on text that is not a feature (a step outside a scenario, an unclosed
// docstring, an Examples table whose rows do not match its header, ...). CRLF line ends are
// accepted.
GherkinFeature ParseFeature(std::string_view text);

// One table row "| a | b\|c |" -> {"a", "b|c"}; a row of a lone "|" has no cells.
std::vector<std::string> SplitTableRow(std::string_view row);

}  // namespace sutra::cypher::tck
