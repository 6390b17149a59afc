// Drawing a ChartModel with ImDrawList: node shapes and colours from palette.h, labels, edges
// with their role labels, badges for capped expansions and sensitive facts, and the legend.
//
// These functions only draw: they read the model and the camera and change nothing, so what is
// on screen is always a function of the model (immediate mode). Input handling and the camera
// live in chart_view.h.
//
// Readability rules (charts end up in case files, and clipped or piled-up labels are a classic
// complaint about export): labels get a dark backdrop so they stay legible over edges; long
// labels are shortened with "..."; parallel edges between two nodes are drawn as one line whose
// label lists every role ("ACCUSED_IN, ARRESTED_IN"); labels never cover a node or another
// label: each is tried in a few places (below, above, right, left of its node; along its edge)
// in order of importance (selection, sensitive, expanded, most linked, then node labels before
// role labels) and left out where none is free, except that the selected, sensitive and expanded
// nodes are always labelled. Role labels are dropped when the chart is zoomed far out.
#pragma once

#include <imgui.h>

#include <optional>

#include "storage/model.h"
#include "viewer/chart_model.h"
#include "viewer/palette.h"

namespace sutra::viewer {

// Maps chart coordinates to screen pixels: screen = origin + size/2 + (chart - center) * zoom.
struct Camera {
  Vec2 center;        // chart point shown at the middle of the canvas
  float zoom = 1.0f;  // pixels per chart unit

  ImVec2 ToScreen(Vec2 p, ImVec2 canvas_min, ImVec2 canvas_size) const {
    return {canvas_min.x + canvas_size.x * 0.5f + (p.x - center.x) * zoom,
            canvas_min.y + canvas_size.y * 0.5f + (p.y - center.y) * zoom};
  }
  Vec2 ToChart(ImVec2 s, ImVec2 canvas_min, ImVec2 canvas_size) const {
    return {center.x + (s.x - canvas_min.x - canvas_size.x * 0.5f) / zoom,
            center.y + (s.y - canvas_min.y - canvas_size.y * 0.5f) / zoom};
  }
};

// The fonts charts are drawn with; null means ImGui's current font.
struct ChartFonts {
  ImFont* label = nullptr;  // node labels
  float label_size = 15.0f;
  ImFont* small = nullptr;  // edge labels, badges, legend
  float small_size = 12.0f;
};

struct ChartDrawState {
  ImVec2 canvas_min;
  ImVec2 canvas_size;
  Camera camera;
  std::optional<storage::NodeId> hovered;
  bool layout_converged = true;
  std::uint64_t layout_steps = 0;
};

inline ImU32 ToImColor(Rgb c, int alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }

// The on-screen radius of a node at `zoom`: nodes scale with the chart but never get too small
// to click or to see their shape, nor so big that they hide their neighbours.
float NodeScreenRadius(float zoom);

// Height of the legend strip along the bottom of a canvas `canvas_width` wide, margins included,
// so that fitting the chart can keep nodes clear of it.
float LegendHeight(float canvas_width, const ChartFonts& fonts);

// Draws one node shape of the palette, filled with `color`, centred at `center`.
void DrawNodeShape(ImDrawList* draw, ImVec2 center, float radius, NodeShape shape, ImU32 color);

// Draws the whole chart into the canvas rectangle (background, edges, nodes, labels, badges,
// legend and the layout's state), clipped to the canvas.
void DrawChart(ImDrawList* draw, const ChartModel& model, const ChartDrawState& state,
               const ChartFonts& fonts);

// `text` shortened to at most `max_bytes` bytes on a UTF-8 character boundary, with "..."
// appended when something was cut.
std::string ShortenLabel(const std::string& text, std::size_t max_bytes);

}  // namespace sutra::viewer
