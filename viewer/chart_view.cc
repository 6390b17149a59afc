#include "viewer/chart_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace sutra::viewer {
namespace {

constexpr float kMinZoom = 0.05f;
constexpr float kMaxZoom = 4.0f;
constexpr float kWheelZoomStep = 1.15f;
// Room kept around the fitted chart, in pixels: half a long label on each side, the layout line
// and badges above, a label and a flag line below.
constexpr float kFitPadSide = 70.0f;
constexpr float kFitPadTop = 44.0f;
constexpr float kFitPadBottom = 54.0f;
// The zoom a fit never exceeds: a chart of two nodes should not fill the screen.
constexpr float kMaxFitZoom = 1.5f;

}  // namespace

ChartEvents ChartView::Show(ChartModel& model, const ForceLayout& layout, ImVec2 size) {
  ChartEvents events;
  size.x = std::max(size.x, 50.0f);
  size.y = std::max(size.y, 50.0f);
  ImVec2 canvas_min = ImGui::GetCursorScreenPos();
  canvas_min_ = canvas_min;
  canvas_size_ = size;
  ImGui::InvisibleButton("chart_canvas", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  if (fit_pending_ || (follow_ && !layout.converged())) {
    Fit(model, size);
    fit_pending_ = false;
  }
  std::optional<storage::NodeId> hovered;
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
    hovered = NodeAt(model, ImGui::GetIO().MousePos, canvas_min, size);
  }
  HandleInput(model, canvas_min, size, hovered, events);

  ChartDrawState state;
  state.canvas_min = canvas_min;
  state.canvas_size = size;
  state.camera = camera_;
  state.hovered = dragging_ ? dragging_ : hovered;
  state.layout_converged = layout.converged();
  state.layout_steps = layout.steps_run();
  DrawChart(ImGui::GetWindowDrawList(), model, state, fonts_);

  if (hovered && !dragging_ && ImGui::IsItemHovered()) {
    if (const ChartNode* node = model.FindNode(*hovered)) {
      ImGui::SetTooltip("%s  %s\n%s", std::string(storage::NodeTypeName(node->node.type)).c_str(),
                        node->label.c_str(),
                        node->expanded ? "click to select, drag to move"
                                       : "click to select, double-click to expand");
    }
  }
  return events;
}

void ChartView::HandleInput(ChartModel& model, ImVec2 canvas_min, ImVec2 canvas_size,
                            std::optional<storage::NodeId> hovered, ChartEvents& events) {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemHovered()) {
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && hovered) {
      events.double_clicked = hovered;
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      if (hovered) {
        events.clicked = hovered;
        dragging_ = hovered;
      } else {
        events.background_clicked = true;
      }
    }
    if (io.MouseWheel != 0.0f) {
      // Zoom about the cursor: the chart point under it stays under it.
      Vec2 anchor = camera_.ToChart(io.MousePos, canvas_min, canvas_size);
      float factor = io.MouseWheel > 0 ? kWheelZoomStep : 1.0f / kWheelZoomStep;
      camera_.zoom = std::clamp(camera_.zoom * factor, kMinZoom, kMaxZoom);
      Vec2 after = camera_.ToChart(io.MousePos, canvas_min, canvas_size);
      camera_.center.x += anchor.x - after.x;
      camera_.center.y += anchor.y - after.y;
      follow_ = false;
    }
  }
  if (ImGui::IsItemActive()) {
    ImVec2 delta = io.MouseDelta;
    bool moved = delta.x != 0.0f || delta.y != 0.0f;
    if (dragging_ && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
      if (ChartNode* node = model.FindNode(*dragging_); node != nullptr && moved) {
        node->position.x += delta.x / camera_.zoom;
        node->position.y += delta.y / camera_.zoom;
        node->pinned = true;
        events.node_moved = true;
        follow_ = false;  // re-fitting under the cursor would make the node jump away from it
      }
    } else if (!dragging_ && moved &&
               (ImGui::IsMouseDragging(ImGuiMouseButton_Left) ||
                ImGui::IsMouseDragging(ImGuiMouseButton_Right) ||
                ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
      camera_.center.x -= delta.x / camera_.zoom;
      camera_.center.y -= delta.y / camera_.zoom;
      follow_ = false;
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragging_.reset();
}

std::optional<storage::NodeId> ChartView::NodeAt(const ChartModel& model, ImVec2 mouse,
                                                 ImVec2 canvas_min, ImVec2 canvas_size) const {
  const float reach = NodeScreenRadius(camera_.zoom) + 3.0f;
  // Later nodes are drawn on top, so they win.
  for (auto it = model.nodes().rbegin(); it != model.nodes().rend(); ++it) {
    ImVec2 c = camera_.ToScreen(it->position, canvas_min, canvas_size);
    float dx = mouse.x - c.x;
    float dy = mouse.y - c.y;
    if (dx * dx + dy * dy <= reach * reach) return it->node.id;
  }
  return std::nullopt;
}

void ChartView::Fit(const ChartModel& model, ImVec2 canvas_size) {
  if (model.nodes().empty()) {
    camera_ = Camera{};
    return;
  }
  Vec2 lo{FLT_MAX, FLT_MAX};
  Vec2 hi{-FLT_MAX, -FLT_MAX};
  for (const ChartNode& node : model.nodes()) {
    lo = {std::min(lo.x, node.position.x), std::min(lo.y, node.position.y)};
    hi = {std::max(hi.x, node.position.x), std::max(hi.y, node.position.y)};
  }
  const float bottom = kFitPadBottom + LegendHeight(canvas_size.x, fonts_);
  const float usable_x = std::max(canvas_size.x - 2.0f * kFitPadSide, 20.0f);
  const float usable_y = std::max(canvas_size.y - kFitPadTop - bottom, 20.0f);
  const float width = std::max(hi.x - lo.x, 1.0f);
  const float height = std::max(hi.y - lo.y, 1.0f);
  camera_.zoom = std::clamp(std::min(usable_x / width, usable_y / height), kMinZoom, kMaxFitZoom);
  // Centre the box in the padded area; the padding is uneven top to bottom.
  camera_.center.x = (lo.x + hi.x) * 0.5f;
  camera_.center.y = (lo.y + hi.y) * 0.5f + (bottom - kFitPadTop) * 0.5f / camera_.zoom;
}

}  // namespace sutra::viewer
