#include "algorithms/er/fellegi_sunter.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>

namespace sutra::algorithms::er {
namespace {

constexpr std::string_view kMissingName = "missing";
constexpr std::string_view kHeader = "sutra-er-fs 1";
// λ stays strictly inside (0, 1) so that the prior weight is finite.
constexpr double kMinLambda = 1e-9;

// Per field and level, a running sum of (possibly fractional) observations.
using Counts = std::vector<std::vector<double>>;

Counts ZeroCounts(const std::vector<FieldParams>& fields) {
  Counts counts;
  for (const FieldParams& f : fields) counts.emplace_back(f.spec.level_names.size(), 0.0);
  return counts;
}

// Smoothed proportions: (count + pseudo) / (total + pseudo * L). Never 0 while pseudo > 0.
std::vector<double> Normalise(const std::vector<double>& counts, double pseudo_count) {
  double total = 0.0;
  for (double c : counts) total += c + pseudo_count;
  std::vector<double> p(counts.size(), 1.0 / static_cast<double>(counts.size()));
  if (total <= 0.0) return p;
  for (std::size_t l = 0; l < counts.size(); ++l) p[l] = (counts[l] + pseudo_count) / total;
  return p;
}

double MaxChange(const std::vector<double>& before, const std::vector<double>& after) {
  double change = 0.0;
  for (std::size_t l = 0; l < before.size(); ++l) {
    change = std::max(change, std::abs(before[l] - after[l]));
  }
  return change;
}

std::vector<std::vector<double>> LogTable(const std::vector<FieldParams>& fields, bool m) {
  std::vector<std::vector<double>> table;
  for (const FieldParams& f : fields) {
    const std::vector<double>& p = m ? f.m : f.u;
    std::vector<double> logs(p.size());
    std::transform(p.begin(), p.end(), logs.begin(), [](double x) { return std::log(x); });
    table.push_back(std::move(logs));
  }
  return table;
}

// log(exp(a) + exp(b)) without overflow.
double LogSumExp(double a, double b) {
  const double hi = std::max(a, b);
  return hi + std::log(std::exp(a - hi) + std::exp(b - hi));
}

std::string FormatDouble(double x) {
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%.17g", x);
  return buffer;
}

}  // namespace

FellegiSunterModel::FellegiSunterModel(std::vector<FieldSpec> specs) {
  for (FieldSpec& spec : specs) {
    const std::size_t levels = spec.level_names.size();
    assert(levels >= 2);
    assert(spec.tf_level == kMissingLevel ||
           (spec.tf_level >= 0 && static_cast<std::size_t>(spec.tf_level) < levels));
    FieldParams params;
    params.spec = std::move(spec);
    params.u.assign(levels, 1.0 / static_cast<double>(levels));
    params.m.resize(levels);
    double weight = 1.0;
    for (double& m : params.m) {
      m = weight;
      weight /= 2.0;
    }
    params.m = Normalise(params.m, 0.0);
    fields_.push_back(std::move(params));
  }
}

void FellegiSunterModel::set_m(std::size_t field, std::vector<double> m) {
  assert(field < fields_.size() && m.size() == fields_[field].m.size());
  fields_[field].m = std::move(m);
}

void FellegiSunterModel::set_u(std::size_t field, std::vector<double> u) {
  assert(field < fields_.size() && u.size() == fields_[field].u.size());
  fields_[field].u = std::move(u);
}

Status FellegiSunterModel::CheckLevels(const LevelVector& levels, std::size_t index,
                                       std::string_view what) const {
  const std::string where = std::string(what) + " " + std::to_string(index);
  if (levels.size() != fields_.size()) {
    return InvalidArgument(where + " has " + std::to_string(levels.size()) +
                           " levels; the model has " + std::to_string(fields_.size()) + " fields");
  }
  for (std::size_t k = 0; k < levels.size(); ++k) {
    const Level l = levels[k];
    if (l == kMissingLevel) continue;
    if (l < 0 || static_cast<std::size_t>(l) >= fields_[k].m.size()) {
      return InvalidArgument(where + ": level " + std::to_string(l) + " of field '" +
                             fields_[k].spec.name + "' is out of range");
    }
  }
  return Status::Ok();
}

Status FellegiSunterModel::EstimateU(std::span<const LevelVector> random_pairs,
                                     double pseudo_count) {
  Counts counts = ZeroCounts(fields_);
  for (std::size_t i = 0; i < random_pairs.size(); ++i) {
    SUTRA_RETURN_IF_ERROR(CheckLevels(random_pairs[i], i, "random pair"));
    for (std::size_t k = 0; k < fields_.size(); ++k) {
      if (random_pairs[i][k] != kMissingLevel) counts[k][random_pairs[i][k]] += 1.0;
    }
  }
  for (std::size_t k = 0; k < fields_.size(); ++k) {
    fields_[k].u = Normalise(counts[k], pseudo_count);
  }
  return Status::Ok();
}

Status FellegiSunterModel::EstimateU(std::size_t count, const std::function<LevelVector()>& draw,
                                     double pseudo_count) {
  std::vector<LevelVector> pairs;
  pairs.reserve(count);
  for (std::size_t i = 0; i < count; ++i) pairs.push_back(draw());
  return EstimateU(pairs, pseudo_count);
}

StatusOr<EmReport> FellegiSunterModel::Estimate(std::span<const LevelVector> candidate_pairs,
                                                const EmOptions& options) {
  if (candidate_pairs.empty()) return InvalidArgument("no candidate pairs to estimate m from");
  for (std::size_t i = 0; i < candidate_pairs.size(); ++i) {
    SUTRA_RETURN_IF_ERROR(CheckLevels(candidate_pairs[i], i, "candidate pair"));
  }
  const std::size_t field_count = fields_.size();
  std::vector<double> posterior(candidate_pairs.size());
  EmReport report;
  // E step: the posterior probability that each pair is a match, and the log-likelihood.
  auto expect = [&]() {
    const auto log_m = LogTable(fields_, true);
    const auto log_u = LogTable(fields_, false);
    double log_likelihood = 0.0;
    for (std::size_t i = 0; i < candidate_pairs.size(); ++i) {
      double match = std::log(lambda_);
      double non_match = std::log1p(-lambda_);
      for (std::size_t k = 0; k < field_count; ++k) {
        const Level l = candidate_pairs[i][k];
        if (l == kMissingLevel) continue;
        match += log_m[k][l];
        non_match += log_u[k][l];
      }
      const double total = LogSumExp(match, non_match);
      posterior[i] = std::exp(match - total);
      log_likelihood += total;
    }
    return log_likelihood;
  };
  for (report.iterations = 1; report.iterations <= options.max_iterations; ++report.iterations) {
    expect();
    // M step: expected counts of each level in each class.
    Counts match_counts = ZeroCounts(fields_);
    Counts non_match_counts = ZeroCounts(fields_);
    double expected_matches = 0.0;
    for (std::size_t i = 0; i < candidate_pairs.size(); ++i) {
      const double g = posterior[i];
      expected_matches += g;
      for (std::size_t k = 0; k < field_count; ++k) {
        const Level l = candidate_pairs[i][k];
        if (l == kMissingLevel) continue;
        match_counts[k][l] += g;
        non_match_counts[k][l] += 1.0 - g;
      }
    }
    const double lambda = std::clamp(expected_matches / static_cast<double>(posterior.size()),
                                     kMinLambda, 1.0 - kMinLambda);
    double change = std::abs(lambda - lambda_);
    lambda_ = lambda;
    for (std::size_t k = 0; k < field_count; ++k) {
      std::vector<double> m = Normalise(match_counts[k], options.pseudo_count);
      change = std::max(change, MaxChange(fields_[k].m, m));
      fields_[k].m = std::move(m);
      if (!options.update_u) continue;
      std::vector<double> u = Normalise(non_match_counts[k], options.pseudo_count);
      change = std::max(change, MaxChange(fields_[k].u, u));
      fields_[k].u = std::move(u);
    }
    if (change < options.tolerance) {
      report.converged = true;
      break;
    }
  }
  report.iterations = std::min(report.iterations, options.max_iterations);
  report.log_likelihood = expect();
  return report;
}

Weights FellegiSunterModel::Score(std::span<const Level> levels,
                                  std::span<const std::optional<double>> tf_frequency) const {
  assert(levels.size() == fields_.size());
  assert(tf_frequency.empty() || tf_frequency.size() == fields_.size());
  Weights out;
  out.prior_weight = std::log2(lambda_) - std::log2(1.0 - lambda_);
  out.match_weight = out.prior_weight;
  out.fields.reserve(fields_.size());
  for (std::size_t k = 0; k < fields_.size(); ++k) {
    const FieldParams& f = fields_[k];
    FieldWeight fw;
    fw.field = f.spec.name;
    fw.level = levels[k];
    if (fw.level == kMissingLevel) {
      fw.level_name = kMissingName;
      out.fields.push_back(fw);
      continue;
    }
    assert(fw.level >= 0 && static_cast<std::size_t>(fw.level) < f.m.size());
    fw.level_name = f.spec.level_names[fw.level];
    fw.m = f.m[fw.level];
    fw.u = f.u[fw.level];
    if (fw.level == f.spec.tf_level && !tf_frequency.empty() && tf_frequency[k]) {
      fw.u = std::max(*tf_frequency[k], tf_min_u_);
      fw.tf_adjusted = true;
    }
    fw.weight = std::log2(fw.m) - std::log2(fw.u);
    out.match_weight += fw.weight;
    out.fields.push_back(fw);
  }
  // 2^w / (1 + 2^w), written so that neither a large nor a very negative weight overflows.
  out.probability = 1.0 / (1.0 + std::exp2(-out.match_weight));
  return out;
}

std::string FellegiSunterModel::Serialize() const {
  std::ostringstream out;
  out << kHeader << "\n";
  out << "lambda " << FormatDouble(lambda_) << "\n";
  out << "tf_min_u " << FormatDouble(tf_min_u_) << "\n";
  for (const FieldParams& f : fields_) {
    out << "field " << f.spec.name << " " << f.m.size() << " " << f.spec.tf_level << "\n";
    for (std::size_t l = 0; l < f.m.size(); ++l) {
      out << "level " << f.spec.level_names[l] << " " << FormatDouble(f.m[l]) << " "
          << FormatDouble(f.u[l]) << "\n";
    }
  }
  return out.str();
}

}  // namespace sutra::algorithms::er
