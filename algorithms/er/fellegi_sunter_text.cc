// FellegiSunterModel::Parse: reads the text form that Serialize writes. Kept apart from the
// model's arithmetic; every error names the line and what was expected there.
#include <charconv>
#include <sstream>
#include <string>

#include "algorithms/er/fellegi_sunter.h"

namespace sutra::algorithms::er {
namespace {

constexpr std::string_view kHeader = "sutra-er-fs 1";

// Hands out the non-empty lines of a text one at a time, remembering the line number.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  // The next non-empty line, or nullopt at the end of the text.
  std::optional<std::string> Next() {
    while (position_ < text_.size()) {
      std::size_t end = text_.find('\n', position_);
      if (end == std::string_view::npos) end = text_.size();
      std::string line(text_.substr(position_, end - position_));
      position_ = end + 1;
      ++line_number_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) return line;
    }
    return std::nullopt;
  }

  Status Error(const std::string& what) const {
    return InvalidArgument("entity-resolution model, line " + std::to_string(line_number_) + ": " +
                           what);
  }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
  int line_number_ = 0;
};

bool IsProbability(double p) { return p > 0.0 && p <= 1.0; }

// Reads "<keyword> <number>" into `value`.
Status ReadNumberLine(LineReader& reader, const std::string& keyword, double& value) {
  const std::optional<std::string> line = reader.Next();
  if (!line) return reader.Error("the text ends before '" + keyword + "'");
  std::istringstream in(*line);
  std::string word;
  std::string rest;
  if (!(in >> word >> value) || word != keyword || (in >> rest)) {
    return reader.Error("expected '" + keyword + " <number>', found '" + *line + "'");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<FellegiSunterModel> FellegiSunterModel::Parse(std::string_view text) {
  LineReader reader(text);
  const std::optional<std::string> header = reader.Next();
  if (!header || *header != kHeader) {
    return reader.Error("expected the header '" + std::string(kHeader) + "'");
  }
  double lambda = 0.0;
  double tf_min_u = 0.0;
  SUTRA_RETURN_IF_ERROR(ReadNumberLine(reader, "lambda", lambda));
  if (!(lambda > 0.0 && lambda < 1.0)) return reader.Error("lambda must lie strictly in (0, 1)");
  SUTRA_RETURN_IF_ERROR(ReadNumberLine(reader, "tf_min_u", tf_min_u));
  if (!IsProbability(tf_min_u)) return reader.Error("tf_min_u must lie in (0, 1]");

  std::vector<FieldSpec> specs;
  std::vector<std::vector<double>> ms;
  std::vector<std::vector<double>> us;
  std::vector<double> tf_means;
  while (std::optional<std::string> line = reader.Next()) {
    std::istringstream in(*line);
    std::string word;
    FieldSpec spec;
    long level_count = 0;
    std::string rest;
    double tf_mean_u = 0.0;
    const bool head = static_cast<bool>(in >> word >> spec.name >> level_count >> spec.tf_level);
    // The tf mean u is optional: models written before it existed end the line here.
    std::string tail;
    const bool has_mean = head && static_cast<bool>(in >> tail);
    bool mean_ok = true;
    if (has_mean) {
      const auto [end, error] = std::from_chars(tail.data(), tail.data() + tail.size(), tf_mean_u);
      mean_ok = error == std::errc() && end == tail.data() + tail.size();
    }
    if (!head || word != "field" || !mean_ok || (in >> rest)) {
      return reader.Error(
          "expected 'field <name> <level count> <tf level> [<tf mean u>]', found '" + *line + "'");
    }
    if (tf_mean_u != 0.0 && (!IsProbability(tf_mean_u) || spec.tf_level == kMissingLevel)) {
      return reader.Error("the tf mean u must lie in (0, 1], on a field with a tf level");
    }
    spec.tf_relative = tf_mean_u > 0.0;
    if (level_count < 2 || level_count > 64) {
      return reader.Error("a field needs between 2 and 64 levels");
    }
    if (spec.tf_level < kMissingLevel || spec.tf_level >= level_count) {
      return reader.Error("the tf level must be -1 or one of the field's levels");
    }
    std::vector<double> m;
    std::vector<double> u;
    for (long l = 0; l < level_count; ++l) {
      const std::optional<std::string> level_line = reader.Next();
      if (!level_line) return reader.Error("the text ends inside field '" + spec.name + "'");
      std::istringstream level_in(*level_line);
      std::string name;
      double m_l = 0.0;
      double u_l = 0.0;
      if (!(level_in >> word >> name >> m_l >> u_l) || word != "level" || (level_in >> rest)) {
        return reader.Error("expected 'level <name> <m> <u>', found '" + *level_line + "'");
      }
      if (!IsProbability(m_l) || !IsProbability(u_l)) {
        return reader.Error("m and u must lie in (0, 1]");
      }
      spec.level_names.push_back(std::move(name));
      m.push_back(m_l);
      u.push_back(u_l);
    }
    specs.push_back(std::move(spec));
    tf_means.push_back(tf_mean_u);
    ms.push_back(std::move(m));
    us.push_back(std::move(u));
  }
  if (specs.empty()) return reader.Error("the model has no fields");

  FellegiSunterModel model(std::move(specs));
  model.set_lambda(lambda);
  model.set_tf_min_u(tf_min_u);
  for (std::size_t k = 0; k < ms.size(); ++k) {
    model.set_m(k, std::move(ms[k]));
    model.set_u(k, std::move(us[k]));
    model.set_tf_mean_u(k, tf_means[k]);
  }
  return model;
}

}  // namespace sutra::algorithms::er
