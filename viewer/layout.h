// ForceLayout: an incremental force-directed layout of a ChartModel (Fruchterman–Reingold with
// a cooling schedule and a weak pull towards the centre).
//
// The viewer runs a few steps per frame so the UI never freezes on a big chart, and shows
// whether the layout is still "running" or has "converged" (Gephi users left layouts running
// for a week because nothing said they had settled). Adding or removing nodes or edges reheats
// the layout; so does Reheat() (the user dragged something).
//
// Determinism: the result depends only on the model's contents, chart order and starting
// positions (which ChartModel derives from ids), never on time or randomness — the same script
// gives the same screenshot.
//
// Forces: every pair of nodes repels (k^2/d, fading to zero at `repulsion_range` edge lengths, as
// in Fruchterman and Reingold's grid variant), linked nodes attract (d^2/k), and every node is
// pulled towards the centroid. Each node moves at most the current temperature per step.
//
// Cost: O(n^2 + e) per step. TODO(perf): a Barnes–Hut grid once charts of several thousand
// nodes are common; investigators' charts are usually tens to hundreds of nodes.
//
// Thread safety: none; used from the UI thread together with the model it lays out.
#pragma once

#include <cstdint>
#include <vector>

#include "viewer/chart_model.h"

namespace sutra::viewer {

struct LayoutParams {
  float edge_length = 150.0f;  // ideal distance between two linked nodes, in chart units
  float gravity = 0.10f;       // pull towards the centroid, per unit of distance
  // Repulsion fades out to nothing at this many edge lengths, so that separate components are
  // kept apart by about that much instead of pushing each other off the screen.
  float repulsion_range = 3.0f;
  float initial_temperature = 80.0f;  // largest move of a node in one step, after a reheat
  float cooling = 0.985f;             // temperature factor per step
  float min_temperature = 0.5f;       // below this the layout counts as converged
  float settle_move = 0.25f;          // ...and also when no node moved more than this in a step
};

class ForceLayout {
 public:
  explicit ForceLayout(LayoutParams params = {}) : params_(params) {}

  // Runs up to `steps` steps on `model`, stopping early once converged. Returns the number run.
  // Pinned nodes push and pull others but do not move.
  int Step(ChartModel& model, int steps);

  // Starts the cooling schedule again (after the user moved a node, for example).
  void Reheat();

  // True when the last step moved nothing appreciably, or the layout has cooled down, and the
  // model has not changed since.
  bool converged() const { return converged_; }
  float temperature() const { return temperature_; }
  std::uint64_t steps_run() const { return steps_run_; }
  const LayoutParams& params() const { return params_; }

 private:
  // One step; returns the largest distance a node moved.
  float StepOnce(ChartModel& model);

  LayoutParams params_;
  float temperature_ = 0.0f;
  bool converged_ = true;
  std::uint64_t steps_run_ = 0;
  std::uint64_t seen_revision_ = ~std::uint64_t{0};  // model revision last laid out
  std::vector<Vec2> displacement_;                   // scratch, one per node
};

}  // namespace sutra::viewer
