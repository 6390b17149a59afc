#include "tests/tck/gherkin.h"

#include <cstddef>
#include <utility>

namespace sutra::cypher::tck {
namespace {

std::string_view Trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size() && (s[begin] == ' ' || s[begin] == '\t')) ++begin;
  std::size_t end = s.size();
  while (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
  return s.substr(begin, end - begin);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

// "Scenario Outline: name" -> keyword "Scenario Outline", rest "name".
bool SplitHeader(std::string_view line, std::string_view keyword, std::string* rest) {
  if (!StartsWith(line, keyword)) return false;
  std::string_view after = line.substr(keyword.size());
  after = Trim(after);
  if (after.empty() || after.front() != ':') return false;
  *rest = std::string(Trim(after.substr(1)));
  return true;
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

// An outline being read: its template steps and its Examples tables.
struct Outline {
  GherkinScenario scenario;
  struct Examples {
    int line = 0;
    std::vector<std::string> tags;
    GherkinTable rows;  // header first
    std::vector<int> row_lines;
  };
  std::vector<Examples> examples;
};

class FeatureReader {
 public:
  explicit FeatureReader(std::string_view text) : lines_(SplitLines(text)) {}

  GherkinFeature Read() {
    for (index_ = 0; index_ < lines_.size(); ++index_) ReadLine();
    FinishScenario();
    return std::move(feature_);
  }

 private:
  int LineNumber() const { return static_cast<int>(index_) + 1; }

  void ReadLine() {
    const std::string& raw = lines_[index_];
    std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') return;
    std::string rest;
    if (line.front() == '@') {
      ReadTags(line);
    } else if (SplitHeader(line, "Feature", &rest)) {
      feature_.name = rest;
      feature_tags_ = std::move(pending_tags_);
      pending_tags_.clear();
      state_ = State::kDescription;
    } else if (SplitHeader(line, "Background", &rest)) {
      FinishScenario();
      state_ = State::kBackground;
    } else if (SplitHeader(line, "Scenario Outline", &rest) ||
               SplitHeader(line, "Scenario Template", &rest)) {
      StartScenario(rest, /*outline=*/true);
    } else if (SplitHeader(line, "Scenario", &rest) || SplitHeader(line, "Example", &rest)) {
      StartScenario(rest, /*outline=*/false);
    } else if (SplitHeader(line, "Examples", &rest) || SplitHeader(line, "Scenarios", &rest)) {
      if (state_ != State::kOutline && state_ != State::kExamples) {
        throw GherkinError(LineNumber(), "Examples outside a Scenario Outline");
      }
      outline_.examples.push_back(
          Outline::Examples{LineNumber(), std::move(pending_tags_), {}, {}});
      pending_tags_.clear();
      state_ = State::kExamples;
    } else if (line.front() == '|') {
      ReadTableRow(line);
    } else if (StartsWith(line, "\"\"\"") || StartsWith(line, "```")) {
      ReadDocstring(raw);
    } else if (IsStep(line)) {
      ReadStep(line);
    } else if (state_ == State::kDescription || state_ == State::kNone) {
      // Free text describing the feature.
    } else if (CurrentSteps() != nullptr && CurrentSteps()->empty()) {
      // Free text describing a scenario, before its first step.
    } else {
      throw GherkinError(LineNumber(), "unexpected line: " + std::string(line));
    }
  }

  void ReadTags(std::string_view line) {
    std::size_t pos = 0;
    while (pos < line.size()) {
      std::size_t end = line.find_first_of(" \t", pos);
      if (end == std::string_view::npos) end = line.size();
      std::string_view tag = line.substr(pos, end - pos);
      if (!tag.empty() && tag.front() == '#') break;  // a comment after the tags
      if (!tag.empty()) pending_tags_.emplace_back(tag);
      pos = end + 1;
    }
  }

  static bool IsStep(std::string_view line) {
    for (std::string_view keyword : {"Given ", "When ", "Then ", "And ", "But ", "* "}) {
      if (StartsWith(line, keyword)) return true;
    }
    return false;
  }

  std::vector<GherkinStep>* CurrentSteps() {
    switch (state_) {
      case State::kBackground:
        return &background_;
      case State::kScenario:
        return &scenario_.steps;
      case State::kOutline:
        return &outline_.scenario.steps;
      default:
        return nullptr;
    }
  }

  void ReadStep(std::string_view line) {
    std::vector<GherkinStep>* steps = CurrentSteps();
    if (steps == nullptr) throw GherkinError(LineNumber(), "a step outside a scenario");
    std::size_t space = line.find(' ');
    GherkinStep step;
    step.keyword = std::string(line.substr(0, space));
    step.text = std::string(Trim(line.substr(space + 1)));
    step.line = LineNumber();
    steps->push_back(std::move(step));
  }

  void ReadTableRow(std::string_view line) {
    if (state_ == State::kExamples) {
      Outline::Examples& examples = outline_.examples.back();
      std::vector<std::string> cells = SplitTableRow(line);
      if (!examples.rows.empty() && cells.size() != examples.rows.front().size()) {
        throw GherkinError(LineNumber(), "an Examples row with another number of cells");
      }
      examples.rows.push_back(std::move(cells));
      examples.row_lines.push_back(LineNumber());
      return;
    }
    std::vector<GherkinStep>* steps = CurrentSteps();
    if (steps == nullptr || steps->empty()) {
      throw GherkinError(LineNumber(), "a table outside a step");
    }
    steps->back().table.push_back(SplitTableRow(line));
  }

  void ReadDocstring(const std::string& raw) {
    std::vector<GherkinStep>* steps = CurrentSteps();
    if (steps == nullptr || steps->empty()) {
      throw GherkinError(LineNumber(), "a docstring outside a step");
    }
    const int open_line = LineNumber();
    const std::size_t indent = raw.find_first_not_of(" \t");
    const std::string delimiter = raw.substr(indent, 3);
    std::string body;
    bool first = true;
    for (++index_; index_ < lines_.size(); ++index_) {
      const std::string& content = lines_[index_];
      if (Trim(content) == delimiter) {
        steps->back().docstring = std::move(body);
        return;
      }
      // Remove up to `indent` leading blanks: the docstring's own indentation is kept.
      std::size_t strip = 0;
      while (strip < indent && strip < content.size() &&
             (content[strip] == ' ' || content[strip] == '\t')) {
        ++strip;
      }
      if (!first) body += '\n';
      body += content.substr(strip);
      first = false;
    }
    throw GherkinError(open_line, "unclosed docstring");
  }

  void StartScenario(const std::string& name, bool outline) {
    FinishScenario();
    std::vector<std::string> tags = feature_tags_;
    tags.insert(tags.end(), pending_tags_.begin(), pending_tags_.end());
    pending_tags_.clear();
    GherkinScenario scenario{name, LineNumber(), std::move(tags), background_};
    if (outline) {
      outline_ = Outline{std::move(scenario), {}};
      state_ = State::kOutline;
    } else {
      scenario_ = std::move(scenario);
      state_ = State::kScenario;
    }
  }

  void FinishScenario() {
    if (state_ == State::kScenario) {
      feature_.scenarios.push_back(std::move(scenario_));
    } else if (state_ == State::kOutline || state_ == State::kExamples) {
      ExpandOutline();
    }
    state_ = State::kNone;
  }

  void ExpandOutline() {
    int example_number = 0;
    for (const Outline::Examples& examples : outline_.examples) {
      if (examples.rows.empty()) continue;
      const std::vector<std::string>& header = examples.rows.front();
      for (std::size_t r = 1; r < examples.rows.size(); ++r) {
        ++example_number;
        GherkinScenario scenario = outline_.scenario;
        scenario.line = examples.row_lines[r];
        scenario.tags.insert(scenario.tags.end(), examples.tags.begin(), examples.tags.end());
        auto substitute = [&](std::string text) {
          for (std::size_t c = 0; c < header.size(); ++c) {
            text = ReplaceAll(std::move(text), "<" + header[c] + ">", examples.rows[r][c]);
          }
          return text;
        };
        scenario.name = substitute(std::move(scenario.name)) + " (example " +
                        std::to_string(example_number) + ")";
        for (GherkinStep& step : scenario.steps) {
          step.text = substitute(std::move(step.text));
          if (step.docstring) step.docstring = substitute(std::move(*step.docstring));
          for (auto& row : step.table) {
            for (std::string& cell : row) cell = substitute(std::move(cell));
          }
        }
        feature_.scenarios.push_back(std::move(scenario));
      }
    }
  }

  enum class State { kNone, kDescription, kBackground, kScenario, kOutline, kExamples };

  std::vector<std::string> lines_;
  std::size_t index_ = 0;
  State state_ = State::kNone;
  GherkinFeature feature_;
  std::vector<std::string> feature_tags_;
  std::vector<std::string> pending_tags_;
  std::vector<GherkinStep> background_;
  GherkinScenario scenario_;
  Outline outline_;
};

}  // namespace

std::vector<std::string> SplitTableRow(std::string_view row) {
  row = Trim(row);
  std::vector<std::string> cells;
  if (row.empty() || row.front() != '|') return cells;
  std::string cell;
  for (std::size_t i = 1; i < row.size(); ++i) {
    const char c = row[i];
    if (c == '\\' && i + 1 < row.size()) {
      const char next = row[i + 1];
      if (next == '|' || next == '\\') {
        cell += next;
        ++i;
        continue;
      }
      if (next == 'n') {
        cell += '\n';
        ++i;
        continue;
      }
      cell += c;
    } else if (c == '|') {
      cells.emplace_back(Trim(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  // Text after the last '|' is not a cell (Gherkin ignores it).
  return cells;
}

GherkinFeature ParseFeature(std::string_view text) { return FeatureReader(text).Read(); }

}  // namespace sutra::cypher::tck
