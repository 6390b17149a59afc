#include "algorithms/er/fellegi_sunter.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <unordered_map>
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

// Pools adjacent levels until m[l] / u[l] does not increase with l. Each pooled run keeps its
// total m and total u and shares both among its levels in proportion to `share` (for the
// maximum-likelihood estimate under the order: the combined counts of both classes when both
// are estimated, u itself when u is held fixed).
void PoolAdjacentViolators(std::vector<double>& m, std::vector<double>& u,
                           const std::vector<double>& share) {
  struct Run {
    std::size_t begin, end;
    double m, u, share;
  };
  std::vector<Run> runs;
  for (std::size_t l = 0; l < m.size(); ++l) {
    runs.push_back({l, l + 1, m[l], u[l], share[l]});
    // Merge while the newest run's factor exceeds its predecessor's (cross-multiplied).
    while (runs.size() >= 2) {
      const Run& last = runs.back();
      const Run& before = runs[runs.size() - 2];
      if (last.m * before.u <= before.m * last.u) break;
      Run merged{before.begin, last.end, before.m + last.m, before.u + last.u,
                 before.share + last.share};
      runs.pop_back();
      runs.back() = merged;
    }
  }
  for (const Run& run : runs) {
    if (run.end - run.begin == 1 || run.share <= 0.0) continue;
    for (std::size_t l = run.begin; l < run.end; ++l) {
      m[l] = run.m * share[l] / run.share;
      u[l] = run.u * share[l] / run.share;
    }
  }
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

void FellegiSunterModel::set_tf_mean_u(std::size_t field, double tf_mean_u) {
  assert(field < fields_.size());
  fields_[field].tf_mean_u = tf_mean_u;
}

double FellegiSunterModel::TfU(const FieldParams& field, double frequency) const {
  if (field.tf_mean_u > 0.0) {
    // A value commoner than the average weighs no less than the level itself: its candidate
    // pairs are the ones blocking caps cut short, so its agreement among them does not grow
    // with its frequency as a rare value's does.
    const double u = field.u[field.spec.tf_level];
    frequency = std::min(u, frequency * u / field.tf_mean_u);
  }
  return std::max(frequency, tf_min_u_);
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
    FieldParams& f = fields_[k];
    f.u = Normalise(counts[k], pseudo_count);
    if (f.spec.tf_relative && f.spec.tf_level != kMissingLevel) f.tf_mean_u = f.u[f.spec.tf_level];
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
  // EM only needs each distinct level vector once, with how often it occurs: a few thousand
  // patterns stand for millions of pairs, so each iteration costs O(patterns), not O(pairs).
  std::vector<LevelVector> patterns;
  std::vector<double> weight;
  std::unordered_map<std::string, std::size_t> index;
  std::string key;
  for (const LevelVector& pair : candidate_pairs) {
    key.assign(reinterpret_cast<const char*>(pair.data()), pair.size() * sizeof(Level));
    auto [it, added] = index.emplace(key, patterns.size());
    if (added) {
      patterns.push_back(pair);
      weight.push_back(0.0);
    }
    weight[it->second] += 1.0;
  }
  return EstimatePatterns(patterns, weight, options);
}

StatusOr<EmReport> FellegiSunterModel::EstimatePatterns(std::span<const LevelVector> patterns,
                                                        std::span<const double> weight,
                                                        const EmOptions& options) {
  if (patterns.empty() || patterns.size() != weight.size()) {
    return InvalidArgument("EM needs at least one pattern and one count per pattern");
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    SUTRA_RETURN_IF_ERROR(CheckLevels(patterns[i], i, "pattern"));
    if (!(weight[i] > 0)) return InvalidArgument("pattern " + std::to_string(i) + " has no count");
  }
  const std::size_t field_count = fields_.size();
  double pair_count = 0;
  for (double w : weight) pair_count += w;
  std::vector<double> posterior(patterns.size());
  EmReport report;
  // E step: the posterior probability that each pair is a match, and the log-likelihood.
  auto expect = [&]() {
    const auto log_m = LogTable(fields_, true);
    const auto log_u = LogTable(fields_, false);
    double log_likelihood = 0.0;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      double match = std::log(lambda_);
      double non_match = std::log1p(-lambda_);
      for (std::size_t k = 0; k < field_count; ++k) {
        const Level l = patterns[i][k];
        if (l == kMissingLevel) continue;
        match += log_m[k][l];
        non_match += log_u[k][l];
      }
      const double total = LogSumExp(match, non_match);
      posterior[i] = std::exp(match - total);
      log_likelihood += weight[i] * total;
    }
    return log_likelihood;
  };
  for (report.iterations = 1; report.iterations <= options.max_iterations; ++report.iterations) {
    expect();
    // M step: expected counts of each level in each class.
    Counts match_counts = ZeroCounts(fields_);
    Counts non_match_counts = ZeroCounts(fields_);
    double expected_matches = 0.0;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      const double g = posterior[i] * weight[i];
      const double h = (1.0 - posterior[i]) * weight[i];
      expected_matches += g;
      for (std::size_t k = 0; k < field_count; ++k) {
        const Level l = patterns[i][k];
        if (l == kMissingLevel) continue;
        match_counts[k][l] += g;
        non_match_counts[k][l] += h;
      }
    }
    const double lambda = std::clamp(expected_matches / pair_count, kMinLambda, 1.0 - kMinLambda);
    double change = std::abs(lambda - lambda_);
    lambda_ = lambda;
    for (std::size_t k = 0; k < field_count; ++k) {
      std::vector<double> m = Normalise(match_counts[k], options.pseudo_count);
      std::vector<double> u =
          options.update_u ? Normalise(non_match_counts[k], options.pseudo_count) : fields_[k].u;
      if (options.monotone) {
        std::vector<double> share = u;
        if (options.update_u) {
          for (std::size_t l = 0; l < share.size(); ++l) {
            share[l] = match_counts[k][l] + non_match_counts[k][l] + 2 * options.pseudo_count;
          }
        }
        PoolAdjacentViolators(m, u, share);
      }
      change = std::max(change, MaxChange(fields_[k].m, m));
      change = std::max(change, MaxChange(fields_[k].u, u));
      fields_[k].m = std::move(m);
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

double FellegiSunterModel::MatchProbability(
    std::span<const Level> levels, std::span<const std::optional<double>> tf_frequency) const {
  // Score() without the per-field record: the same sum, for scoring millions of pairs.
  double weight = std::log2(lambda_) - std::log2(1.0 - lambda_);
  for (std::size_t k = 0; k < fields_.size(); ++k) {
    const Level l = levels[k];
    if (l == kMissingLevel) continue;
    const FieldParams& f = fields_[k];
    double u = f.u[l];
    if (l == f.spec.tf_level && !tf_frequency.empty() && tf_frequency[k]) {
      u = TfU(f, *tf_frequency[k]);
    }
    weight += std::log2(f.m[l]) - std::log2(u);
  }
  return 1.0 / (1.0 + std::exp2(-weight));
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
      fw.u = TfU(f, *tf_frequency[k]);
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
    out << "field " << f.spec.name << " " << f.m.size() << " " << f.spec.tf_level;
    if (f.tf_mean_u > 0.0) out << " " << FormatDouble(f.tf_mean_u);
    out << "\n";
    for (std::size_t l = 0; l < f.m.size(); ++l) {
      out << "level " << f.spec.level_names[l] << " " << FormatDouble(f.m[l]) << " "
          << FormatDouble(f.u[l]) << "\n";
    }
  }
  return out.str();
}

}  // namespace sutra::algorithms::er
