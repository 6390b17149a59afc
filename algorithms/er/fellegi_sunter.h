// The Fellegi–Sunter model: how much a pair's comparison levels say for or against "same person".
//
// Each of K fields has L_k levels with two probabilities per level: m = P(level | same person)
// and u = P(level | different people). Under conditional independence of the fields, a pair's
// match weight is the log2 Bayes factor of its levels plus the prior log-odds log2(λ / (1 - λ)),
// and its match probability is 2^w / (1 + 2^w). A missing field (kMissingLevel) adds nothing.
//
// Training needs no labels:
//  * u from random record pairs, which are almost all different people (EstimateU);
//  * m and λ by expectation–maximisation on the candidate pairs that blocking produced, a two-class
//    mixture with u held fixed (Estimate); EmOptions::update_u also re-estimates u there.
// Every estimate is smoothed with a pseudo-count, so no probability is ever 0 and no weight is
// infinite.
//
// Term-frequency adjustment: agreeing on a common value is weaker evidence than agreeing on a
// rare one ("kumar" against "jaswinder"; a police station's phone against a personal one). For
// the field's exact level (FieldSpec::tf_level), when the caller supplies the frequency f(v) of
// the agreed value v among records, the u of that level becomes max(f(v), tf_min_u): the chance
// that a random other record has the same value v. Without a frequency the field's average u is
// used. m is not adjusted.
//
// f(v) is a chance among random record pairs, but EM with update_u estimates u among candidate
// pairs, which share blocking keys and so agree far more often than random pairs do. For a
// field whose spec is tf_relative (names), EstimateU records the level's u among random pairs
// (FieldParams::tf_mean_u), and the adjusted u is f(v) * u / tf_mean_u instead, at most u: the
// value's share of the average agreement, carried over to the candidates (as Splink's
// adjustment is: the weight moves from the field's own by log2(tf_mean_u / f(v))), and never
// below the level's own weight (blocking caps the candidate pairs of common values). A rare name
// then still counts for more than a common one, but no longer as much as if strangers in the
// candidate pairs agreed on names as seldom as random records do; with plain frequencies two
// namesakes sharing a rare name and a rare father's name outweighed every other field.
// Such a model's tf_mean_u is 0 until EstimateU runs (plain frequencies are used meanwhile).
//
// Thread safety: const methods may be called concurrently; training mutates and needs exclusive
// access.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/er/levels.h"
#include "storage/status.h"

namespace sutra::algorithms::er {

struct FieldParams {
  FieldSpec spec;
  std::vector<double> m;  // per level, sums to 1
  std::vector<double> u;  // per level, sums to 1
  // For a tf_relative field, the u of its tf_level among random pairs (set by EstimateU); 0
  // means unknown, and frequencies are then read plainly.
  double tf_mean_u = 0.0;
};

struct EmOptions {
  int max_iterations = 200;
  double tolerance = 1e-6;    // stop when no m, u or λ moves by more than this in an iteration
  double pseudo_count = 0.1;  // added to every level's count in each M step
  bool update_u = false;      // also re-estimate u from the non-match class
  // Keep each field's Bayes factor m/u non-increasing from level 0 (the strongest agreement) to
  // the last: after every M step, adjacent levels that break the order are pooled to one
  // factor (the maximum-likelihood estimate under that order). Without it EM may settle on a
  // "match" class that agrees less on some field than the other class does (a field flips).
  bool monotone = true;
};

struct EmReport {
  int iterations = 0;
  bool converged = false;
  double log_likelihood = 0.0;  // of the candidate pairs under the final model, natural log
};

// One field's part of a score, for explanations.
struct FieldWeight {
  std::string_view field;       // views into the model; valid while the model lives unchanged
  std::string_view level_name;  // "missing" for kMissingLevel
  Level level = kMissingLevel;
  double m = 0.0;       // 0 when missing
  double u = 0.0;       // after term-frequency adjustment; 0 when missing
  double weight = 0.0;  // log2(m / u); 0 when missing
  bool tf_adjusted = false;
};

struct Weights {
  double prior_weight = 0.0;  // log2(λ / (1 - λ))
  double match_weight = 0.0;  // prior_weight + the sum of fields[k].weight
  double probability = 0.0;   // 2^match_weight / (1 + 2^match_weight)
  std::vector<FieldWeight> fields;
};

class FellegiSunterModel {
 public:
  // Starts with λ = 0.01, u uniform and m halving from level to level (level 0 most likely),
  // which tells EM which class is the match class. Every spec needs at least two level names
  // and a tf_level in range or kMissingLevel (asserted: specs come from code).
  explicit FellegiSunterModel(std::vector<FieldSpec> specs);

  // u from level vectors of random record pairs (each of size K, levels in range or missing).
  [[nodiscard]] Status EstimateU(std::span<const LevelVector> random_pairs,
                                 double pseudo_count = 0.1);
  // The same, drawing `count` random pairs from `draw`.
  [[nodiscard]] Status EstimateU(std::size_t count, const std::function<LevelVector()>& draw,
                                 double pseudo_count = 0.1);

  // m and λ (and u if asked) by EM on the candidate pairs, starting from the current parameters.
  // InvalidArgument names the first pair with a wrong size or an out-of-range level.
  [[nodiscard]] StatusOr<EmReport> Estimate(std::span<const LevelVector> candidate_pairs,
                                            const EmOptions& options = {});

  // The same with the candidate pairs given as distinct level vectors and how many pairs each
  // stands for (counts > 0); Estimate() reduces its pairs to this form first.
  [[nodiscard]] StatusOr<EmReport> EstimatePatterns(std::span<const LevelVector> patterns,
                                                    std::span<const double> counts,
                                                    const EmOptions& options = {});
  // Score(levels, tf_frequency).probability, without the per-field record.
  double MatchProbability(std::span<const Level> levels,
                          std::span<const std::optional<double>> tf_frequency = {}) const;
  // Scores one pair. `tf_frequency`, if not empty, has one entry per field: the frequency of the
  // agreed value, read only when that field is at its tf_level. Levels must be valid (asserted).
  Weights Score(std::span<const Level> levels,
                std::span<const std::optional<double>> tf_frequency = {}) const;

  std::size_t field_count() const { return fields_.size(); }
  const std::vector<FieldParams>& fields() const { return fields_; }
  double lambda() const { return lambda_; }
  double tf_min_u() const { return tf_min_u_; }

  // Setters for tests and hand-tuned models; probabilities are used as given.
  void set_lambda(double lambda) { lambda_ = lambda; }
  void set_tf_min_u(double tf_min_u) { tf_min_u_ = tf_min_u; }
  void set_m(std::size_t field, std::vector<double> m);
  void set_u(std::size_t field, std::vector<double> u);
  void set_tf_mean_u(std::size_t field, double tf_mean_u);

  // A line-oriented text form, exact to the last bit of every probability:
  //   sutra-er-fs 1
  //   lambda <λ>
  //   tf_min_u <floor>
  //   field <name> <level count> <tf level> [<tf mean u>]   (the last only when it is set)
  //   level <name> <m> <u>        (one line per level)
  std::string Serialize() const;
  static StatusOr<FellegiSunterModel> Parse(std::string_view text);

 private:
  Status CheckLevels(const LevelVector& levels, std::size_t index, std::string_view what) const;
  // The u of field k's tf_level for a value of frequency `frequency`.
  double TfU(const FieldParams& field, double frequency) const;

  std::vector<FieldParams> fields_;
  double lambda_ = 0.01;
  double tf_min_u_ = 1e-4;
};

}  // namespace sutra::algorithms::er
