#include "viewer/layout.h"

#include <algorithm>
#include <cmath>

namespace sutra::viewer {
namespace {

// Two nodes closer than this are treated as coincident: they are pushed apart along a direction
// derived from their indices instead of an undefined one.
constexpr float kMinDistance = 0.01f;

Vec2 CoincidentDirection(std::size_t i, std::size_t j) {
  float angle = static_cast<float>((i * 7919 + j * 104729) % 6283) / 1000.0f;
  return {std::cos(angle), std::sin(angle)};
}

}  // namespace

void ForceLayout::Reheat() {
  temperature_ = params_.initial_temperature;
  converged_ = false;
}

int ForceLayout::Step(ChartModel& model, int steps) {
  if (model.revision() != seen_revision_) {
    seen_revision_ = model.revision();
    Reheat();
  }
  int run = 0;
  while (run < steps && !converged_) {
    float moved = StepOnce(model);
    ++run;
    ++steps_run_;
    temperature_ *= params_.cooling;
    if (temperature_ < params_.min_temperature || moved < params_.settle_move) {
      converged_ = true;
    }
  }
  return run;
}

float ForceLayout::StepOnce(ChartModel& model) {
  std::vector<ChartNode>& nodes = model.mutable_nodes();
  const std::size_t n = nodes.size();
  if (n == 0) return 0.0f;
  const float k = params_.edge_length;
  const float k2 = k * k;
  const float range = params_.repulsion_range * k;
  const float range2 = range * range;
  displacement_.assign(n, Vec2{});

  // Repulsion between every pair: k^2 / d, so two unlinked nodes never sit on each other; it
  // fades smoothly to zero at `range`, so distant components do not drive each other away.
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      float dx = nodes[i].position.x - nodes[j].position.x;
      float dy = nodes[i].position.y - nodes[j].position.y;
      float d2 = dx * dx + dy * dy;
      if (d2 >= range2) continue;
      float d = std::sqrt(d2);
      if (d < kMinDistance) {
        Vec2 dir = CoincidentDirection(i, j);
        dx = dir.x;
        dy = dir.y;
        d = 1.0f;
        d2 = 1.0f;
      }
      float f = k2 / d2 * (1.0f - d2 / range2);  // force divided by distance, to scale (dx, dy)
      displacement_[i].x += dx * f;
      displacement_[i].y += dy * f;
      displacement_[j].x -= dx * f;
      displacement_[j].y -= dy * f;
    }
  }

  // Attraction along edges: d^2 / k, balancing repulsion at d = k. Parallel edges between the
  // same two nodes pull once each, which keeps multiply-linked nodes (accused and arrested in
  // the same FIR) a little closer, as they should be.
  for (const ChartEdge& e : model.edges()) {
    auto a = model.IndexOf(e.edge.from);
    auto b = model.IndexOf(e.edge.to);
    if (!a || !b || *a == *b) continue;
    float dx = nodes[*a].position.x - nodes[*b].position.x;
    float dy = nodes[*a].position.y - nodes[*b].position.y;
    float d = std::max(std::sqrt(dx * dx + dy * dy), kMinDistance);
    float f = d / k;  // (d^2 / k) / d
    displacement_[*a].x -= dx * f;
    displacement_[*a].y -= dy * f;
    displacement_[*b].x += dx * f;
    displacement_[*b].y += dy * f;
  }

  // Gravity towards the centroid, so that separate components stay in view.
  Vec2 centroid;
  for (const ChartNode& node : nodes) {
    centroid.x += node.position.x;
    centroid.y += node.position.y;
  }
  centroid.x /= static_cast<float>(n);
  centroid.y /= static_cast<float>(n);
  for (std::size_t i = 0; i < n; ++i) {
    displacement_[i].x -= (nodes[i].position.x - centroid.x) * params_.gravity;
    displacement_[i].y -= (nodes[i].position.y - centroid.y) * params_.gravity;
  }

  // Move each free node along its displacement, by at most the temperature.
  float largest = 0.0f;
  for (std::size_t i = 0; i < n; ++i) {
    if (nodes[i].pinned) continue;
    float dx = displacement_[i].x;
    float dy = displacement_[i].y;
    float len = std::sqrt(dx * dx + dy * dy);
    if (len < kMinDistance) continue;
    float step = std::min(len, temperature_);
    nodes[i].position.x += dx / len * step;
    nodes[i].position.y += dy / len * step;
    largest = std::max(largest, step);
  }
  return largest;
}

}  // namespace sutra::viewer
