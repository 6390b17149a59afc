#include "algorithms/er/explanation.h"

#include <cstdio>

namespace sutra::algorithms::er {
namespace {

std::string Signed(double value) {
  if (value == 0) return "0";
  char text[32];
  std::snprintf(text, sizeof text, "%+.2f", value);
  return text;
}

}  // namespace

Explanation Explain(const Weights& weights, const std::vector<FieldComparison>& comparisons) {
  Explanation out;
  out.prior_weight = weights.prior_weight;
  out.match_weight = weights.match_weight;
  out.probability = weights.probability;
  for (std::size_t i = 0; i < weights.fields.size(); ++i) {
    const FieldWeight& w = weights.fields[i];
    FieldExplanation f;
    f.field = std::string(w.field);
    f.level = std::string(w.level_name);
    if (i < comparisons.size()) {
      f.left = comparisons[i].left;
      f.right = comparisons[i].right;
    }
    f.m = w.m;
    f.u = w.u;
    f.weight = w.weight;
    f.tf_adjusted = w.tf_adjusted;
    out.fields.push_back(std::move(f));
  }
  return out;
}

std::string ExplanationLine(const Explanation& e) {
  std::string line;
  for (const FieldExplanation& f : e.fields) {
    line +=
        f.field + ' ' + f.level + ' ' + Signed(f.weight) + (f.tf_adjusted ? " (tf)" : "") + "; ";
  }
  char tail[64];
  std::snprintf(tail, sizeof tail, "prior %s => %.4f", Signed(e.prior_weight).c_str(),
                e.probability);
  return line + tail;
}

}  // namespace sutra::algorithms::er
