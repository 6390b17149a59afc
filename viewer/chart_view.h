// ChartView: the link chart as an ImGui widget — the camera (pan and zoom), mouse handling and
// fitting the chart to the canvas. Drawing itself is chart_draw.h.
//
// Input: drag the background (any button) to pan; wheel to zoom about the cursor; click a node
// to select it; double-click a node to expand it; drag a node to move it (it then stays pinned
// where it was dropped until released in the details panel).
//
// The view does not act on the server: it reports what the user asked for in ChartEvents and the
// caller asks the Session. It does change node positions and pins, which are chart state.
#pragma once

#include <imgui.h>

#include <optional>

#include "storage/model.h"
#include "viewer/chart_draw.h"
#include "viewer/chart_model.h"
#include "viewer/layout.h"

namespace sutra::viewer {

struct ChartEvents {
  std::optional<storage::NodeId> clicked;         // select it
  std::optional<storage::NodeId> double_clicked;  // expand it
  bool background_clicked = false;                // clear the selection
  bool node_moved = false;                        // a drag moved a node: reheat the layout
};

class ChartView {
 public:
  explicit ChartView(ChartFonts fonts) : fonts_(fonts) {}

  // Lays out an ImGui item of `size` at the cursor, handles its input and draws `model` in it.
  // Call inside an ImGui window, once per frame.
  ChartEvents Show(ChartModel& model, const ForceLayout& layout, ImVec2 size);

  // Frames every node (with room for labels) on the next Show(); used after a script and by the
  // "Fit" button.
  void RequestFit() { fit_pending_ = true; }
  // Keeps fitting every frame while on (interactive mode, until the user pans or zooms), so a
  // growing chart stays in view.
  void set_follow(bool follow) { follow_ = follow; }
  bool follow() const { return follow_; }

  const Camera& camera() const { return camera_; }
  // Where the canvas was on screen in the last Show().
  ImVec2 canvas_min() const { return canvas_min_; }
  ImVec2 canvas_size() const { return canvas_size_; }

 private:
  void Fit(const ChartModel& model, ImVec2 canvas_size);
  std::optional<storage::NodeId> NodeAt(const ChartModel& model, ImVec2 mouse, ImVec2 canvas_min,
                                        ImVec2 canvas_size) const;
  void HandleInput(ChartModel& model, ImVec2 canvas_min, ImVec2 canvas_size,
                   std::optional<storage::NodeId> hovered, ChartEvents& events);

  ChartFonts fonts_;
  Camera camera_;
  ImVec2 canvas_min_;
  ImVec2 canvas_size_;
  bool fit_pending_ = true;
  bool follow_ = true;
  std::optional<storage::NodeId> dragging_;  // node being dragged, if any
};

}  // namespace sutra::viewer
