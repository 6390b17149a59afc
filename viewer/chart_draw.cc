#include "viewer/chart_draw.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sutra::viewer {
namespace {

constexpr float kNodeRadius = 16.0f;  // chart units
constexpr float kMinScreenRadius = 8.0f;
constexpr float kMaxScreenRadius = 24.0f;
constexpr float kEdgeLabelMinZoom = 0.2f;  // below this, role labels would only be clutter
constexpr std::size_t kLabelMaxBytes = 26;
constexpr float kArrowSize = 7.0f;
constexpr float kPi = 3.14159265f;
// Legend swatches are drawn slightly translucent, so that the exact palette colours on screen
// come from chart nodes only (tests count them in screenshots).
constexpr int kLegendAlpha = 215;
constexpr float kLegendMargin = 10.0f;

ImFont* FontOr(ImFont* font) { return font != nullptr ? font : ImGui::GetFont(); }

ImVec2 Add(ImVec2 a, ImVec2 b) { return {a.x + b.x, a.y + b.y}; }
ImVec2 Sub(ImVec2 a, ImVec2 b) { return {a.x - b.x, a.y - b.y}; }
ImVec2 Scale(ImVec2 a, float s) { return {a.x * s, a.y * s}; }

// Draws `text` horizontally centred on `anchor.x` with its top at `anchor.y`, over a dark
// backdrop so it reads over lines and other shapes.
void TextWithBackdrop(ImDrawList* draw, ImFont* font, float size, ImVec2 anchor,
                      const std::string& text, ImU32 color, ImU32 backdrop) {
  ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
  ImVec2 top_left{std::floor(anchor.x - extent.x * 0.5f), std::floor(anchor.y)};
  draw->AddRectFilled(Sub(top_left, {3, 1}), Add(top_left, {extent.x + 3, extent.y + 1}), backdrop,
                      3.0f);
  draw->AddText(font, size, top_left, color, text.c_str());
}

std::string FlagsLine(const std::vector<std::string>& flags) {
  std::string line = "! ";
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (i > 0) line += ", ";
    for (char c : flags[i]) {
      line += c == '_' ? ' ' : static_cast<char>((c >= 'a' && c <= 'z') ? c - 32 : c);
    }
  }
  return line;
}

// Edges between the same two nodes are drawn as one line labelled with every role.
struct EdgeBundle {
  storage::NodeId a = 0;  // the lower id
  storage::NodeId b = 0;
  bool a_to_b = false;
  bool b_to_a = false;
  bool sensitive = false;
  std::string label;
};

std::vector<EdgeBundle> BundleEdges(const ChartModel& model) {
  std::map<std::pair<storage::NodeId, storage::NodeId>, std::size_t> index;
  std::vector<EdgeBundle> bundles;
  for (const ChartEdge& e : model.edges()) {
    storage::NodeId lo = std::min(e.edge.from, e.edge.to);
    storage::NodeId hi = std::max(e.edge.from, e.edge.to);
    auto [it, inserted] = index.try_emplace({lo, hi}, bundles.size());
    if (inserted) {
      bundles.emplace_back();
      bundles.back().a = lo;
      bundles.back().b = hi;
    }
    EdgeBundle& bundle = bundles[it->second];
    (e.edge.from == lo ? bundle.a_to_b : bundle.b_to_a) = true;
    bundle.sensitive = bundle.sensitive || !e.flags.empty();
    std::string_view role = storage::EdgeTypeName(e.edge.type);
    if (bundle.label.find(role) == std::string::npos) {
      if (!bundle.label.empty()) bundle.label += ", ";
      bundle.label += role;
    }
  }
  return bundles;
}

void DrawArrowHead(ImDrawList* draw, ImVec2 tip, ImVec2 direction, ImU32 color) {
  ImVec2 normal{-direction.y, direction.x};
  ImVec2 base = Sub(tip, Scale(direction, kArrowSize * 1.6f));
  draw->AddTriangleFilled(tip, Add(base, Scale(normal, kArrowSize * 0.6f)),
                          Sub(base, Scale(normal, kArrowSize * 0.6f)), color);
}

// Screen rectangles already covered by a shape or a label. Labels are placed greedily in
// priority order and left out where they would cover something placed before them, so a dense
// chart thins its labels instead of piling them into an unreadable blob.
// TODO(perf): a uniform grid instead of a list once charts of thousands of nodes are common.
struct Rect {
  float x0, y0, x1, y1;
};

class Occupancy {
 public:
  // Only rectangles wholly inside `bounds` (the canvas) are ever free.
  explicit Occupancy(Rect bounds) : bounds_(bounds) {}

  bool Free(const Rect& r) const {
    if (r.x0 < bounds_.x0 || r.y0 < bounds_.y0 || r.x1 > bounds_.x1 || r.y1 > bounds_.y1) {
      return false;
    }
    for (const Rect& o : taken_) {
      if (r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1) return false;
    }
    return true;
  }
  void Take(const Rect& r) { taken_.push_back(r); }

 private:
  Rect bounds_;
  std::vector<Rect> taken_;
};

// The rectangle TextWithBackdrop() covers for `text` at `anchor`.
Rect TextRect(ImFont* font, float size, ImVec2 anchor, const std::string& text) {
  ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
  float left = std::floor(anchor.x - extent.x * 0.5f);
  return {left - 3, anchor.y - 1, left + extent.x + 3, anchor.y + extent.y + 1};
}

// The visible part of an edge bundle's line, along which its role label may go.
struct EdgeSpot {
  ImVec2 start;
  ImVec2 end;
  const EdgeBundle* bundle;
};

// Draws every edge bundle's line and arrows; returns where each role label may go.
std::vector<EdgeSpot> DrawEdgeLines(ImDrawList* draw, const ChartModel& model,
                                    const std::vector<ImVec2>& screen,
                                    const std::vector<EdgeBundle>& bundles, float radius) {
  std::vector<EdgeSpot> label_spots;
  for (const EdgeBundle& bundle : bundles) {
    auto a = model.IndexOf(bundle.a);
    auto b = model.IndexOf(bundle.b);
    if (!a || !b) continue;
    ImVec2 pa = screen[*a];
    ImVec2 pb = screen[*b];
    ImVec2 d = Sub(pb, pa);
    float length = std::sqrt(d.x * d.x + d.y * d.y);
    if (length < 2.0f * radius + 1.0f) continue;  // the nodes overlap: nothing to draw between
    ImVec2 dir = Scale(d, 1.0f / length);
    ImVec2 start = Add(pa, Scale(dir, radius + 2.0f));
    ImVec2 end = Sub(pb, Scale(dir, radius + 2.0f));
    ImU32 color = ToImColor(bundle.sensitive ? kSensitive : kEdgeLine);
    draw->AddLine(start, end, color, bundle.sensitive ? 2.0f : 1.5f);
    if (bundle.a_to_b) DrawArrowHead(draw, end, dir, color);
    if (bundle.b_to_a) DrawArrowHead(draw, start, Scale(dir, -1.0f), color);
    label_spots.push_back({start, end, &bundle});
  }
  return label_spots;
}

void DrawNodeShapes(ImDrawList* draw, const ChartModel& model, const ChartDrawState& state,
                    const std::vector<ImVec2>& screen, float radius, Occupancy& occupied) {
  for (std::size_t i = 0; i < model.nodes().size(); ++i) {
    const ChartNode& node = model.nodes()[i];
    ImVec2 c = screen[i];
    NodeStyle style = StyleFor(node.node.type);
    DrawNodeShape(draw, c, radius, style.shape, ToImColor(node.hit_only ? kHitOnly : style.color));
    if (!node.flags.empty()) draw->AddCircle(c, radius + 4.0f, ToImColor(kSensitive), 0, 3.0f);
    if (model.selected() == node.node.id) {
      draw->AddCircle(c, radius + (node.flags.empty() ? 4.0f : 8.0f), ToImColor(kSelection), 0,
                      2.5f);
    } else if (state.hovered == node.node.id) {
      draw->AddCircle(c, radius + 4.0f, ToImColor(kSelection, 120), 0, 1.5f);
    }
    occupied.Take({c.x - radius - 2, c.y - radius - 2, c.x + radius + 2, c.y + radius + 2});
  }
}

// Node labels by importance: the selection, nodes with sensitive facts, expanded nodes, then
// by number of links on the chart; ties in chart order. The first three are always labelled:
// they are what the investigator acted on.
std::vector<std::size_t> LabelOrder(const ChartModel& model) {
  std::vector<int> rank(model.nodes().size(), 0);
  std::vector<std::size_t> degree(model.nodes().size(), 0);
  for (const ChartEdge& e : model.edges()) {
    if (auto a = model.IndexOf(e.edge.from)) ++degree[*a];
    if (auto b = model.IndexOf(e.edge.to)) ++degree[*b];
  }
  for (std::size_t i = 0; i < model.nodes().size(); ++i) {
    const ChartNode& node = model.nodes()[i];
    rank[i] = model.selected() == node.node.id ? 0
              : !node.flags.empty()            ? 1
              : node.expanded                  ? 2
                                               : 3;
  }
  std::vector<std::size_t> order(model.nodes().size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rank[a] != rank[b]) return rank[a] < rank[b];
    return degree[a] > degree[b];
  });
  return order;
}

// A node's label block (its label and, for sensitive nodes, the flag line under it) goes below
// the node if that is free, else above, right or left of it; a forced label that fits nowhere
// goes below anyway.
void DrawNodeLabels(ImDrawList* draw, const ChartModel& model, const std::vector<ImVec2>& screen,
                    float radius, const ChartFonts& fonts, Occupancy& occupied) {
  ImFont* label_font = FontOr(fonts.label);
  ImFont* small_font = FontOr(fonts.small);
  const ImU32 backdrop = ToImColor(kLabelBackdrop, 200);
  for (std::size_t i : LabelOrder(model)) {
    const ChartNode& node = model.nodes()[i];
    const bool forced = model.selected() == node.node.id || !node.flags.empty() || node.expanded;
    std::string label = ShortenLabel(node.label, kLabelMaxBytes);
    std::string flags = node.flags.empty() ? std::string() : FlagsLine(node.flags);
    ImVec2 label_size = label_font->CalcTextSizeA(fonts.label_size, FLT_MAX, 0.0f, label.c_str());
    ImVec2 block = label_size;
    if (!flags.empty()) {
      ImVec2 flag_size = small_font->CalcTextSizeA(fonts.small_size, FLT_MAX, 0.0f, flags.c_str());
      block = {std::max(block.x, flag_size.x), block.y + 3.0f + flag_size.y};
    }
    const ImVec2 c = screen[i];
    const float gap = radius + 4.0f;
    // Top-centre of the block for each candidate place.
    const ImVec2 candidates[] = {
        {c.x, c.y + gap - 1.0f},
        {c.x, c.y - gap - block.y},
        {c.x + gap + block.x * 0.5f + 2.0f, c.y - label_size.y * 0.5f},
        {c.x - gap - block.x * 0.5f - 2.0f, c.y - label_size.y * 0.5f},
    };
    std::optional<ImVec2> chosen;
    for (ImVec2 anchor : candidates) {
      Rect box{anchor.x - block.x * 0.5f - 3, anchor.y - 1, anchor.x + block.x * 0.5f + 3,
               anchor.y + block.y + 1};
      if (occupied.Free(box)) {
        chosen = anchor;
        occupied.Take(box);
        break;
      }
    }
    if (!chosen && !forced) continue;
    ImVec2 anchor = chosen.value_or(candidates[0]);
    if (!chosen) {  // forced: keep later labels off it
      occupied.Take({anchor.x - block.x * 0.5f - 3, anchor.y - 1, anchor.x + block.x * 0.5f + 3,
                     anchor.y + block.y + 1});
    }
    TextWithBackdrop(draw, label_font, fonts.label_size, anchor, label, ToImColor(kNodeLabel),
                     backdrop);
    if (!flags.empty()) {
      TextWithBackdrop(draw, small_font, fonts.small_size,
                       {anchor.x, anchor.y + label_size.y + 3.0f}, flags, ToImColor(kSensitive),
                       backdrop);
    }
  }
}

// A role label goes at the middle of its edge if that is free, else a little towards either end.
void DrawEdgeLabels(ImDrawList* draw, const std::vector<EdgeSpot>& spots, const ChartFonts& fonts,
                    Occupancy& occupied) {
  ImFont* font = FontOr(fonts.small);
  for (const EdgeSpot& spot : spots) {
    for (float t : {0.5f, 0.32f, 0.68f}) {
      ImVec2 at = Add(spot.start, Scale(Sub(spot.end, spot.start), t));
      ImVec2 anchor{at.x, at.y - fonts.small_size * 0.5f};
      Rect box = TextRect(font, fonts.small_size, anchor, spot.bundle->label);
      if (!occupied.Free(box)) continue;
      occupied.Take(box);
      TextWithBackdrop(draw, font, fonts.small_size, anchor, spot.bundle->label,
                       ToImColor(spot.bundle->sensitive ? kSensitive : kEdgeLabel),
                       ToImColor(kChartBackground, 230));
      break;
    }
  }
}

// "shown/total" on every node whose expansion was capped: always drawn, on top of everything,
// because a silently cut hub misleads.
void DrawTruncationBadges(ImDrawList* draw, const ChartModel& model,
                          const std::vector<ImVec2>& screen, float radius,
                          const ChartFonts& fonts) {
  ImFont* font = FontOr(fonts.small);
  for (std::size_t i = 0; i < model.nodes().size(); ++i) {
    const ChartNode& node = model.nodes()[i];
    if (!node.truncated) continue;
    std::string badge = std::to_string(node.shown_links) + "/" + std::to_string(node.total_links);
    ImVec2 extent = font->CalcTextSizeA(fonts.small_size, FLT_MAX, 0.0f, badge.c_str());
    ImVec2 corner{screen[i].x + radius * 0.6f, screen[i].y - radius - extent.y * 0.7f};
    draw->AddRectFilled(Sub(corner, {3, 1}), Add(corner, {extent.x + 3, extent.y + 1}),
                        ToImColor(kTruncatedBadge), 3.0f);
    draw->AddText(font, fonts.small_size, corner, IM_COL32(20, 20, 20, 255), badge.c_str());
  }
}

// The legend: every node type's shape and colour, in rows along the bottom of the canvas.
// LegendPlacement() is shared by drawing and by LegendHeight(), so fitting leaves room for it.
struct LegendItem {
  storage::NodeType type;
  ImVec2 offset;  // from the legend's top left
};

std::vector<LegendItem> LegendPlacement(float canvas_width, const ChartFonts& fonts,
                                        float* height) {
  ImFont* font = FontOr(fonts.small);
  const float line = fonts.small_size + 6.0f;
  const float swatch = fonts.small_size;  // room for one shape, then its name
  const float usable = std::max(canvas_width - 2.0f * kLegendMargin, 1.0f);
  std::vector<LegendItem> items;
  ImVec2 at{0, 0};
  for (storage::NodeType type : storage::kAllNodeTypes) {
    std::string_view name = storage::NodeTypeName(type);
    float width =
        swatch + 4.0f +
        font->CalcTextSizeA(fonts.small_size, FLT_MAX, 0.0f, name.data(), name.data() + name.size())
            .x +
        14.0f;
    if (at.x > 0 && at.x + width > usable) at = {0, at.y + line};
    items.push_back({type, at});
    at.x += width;
  }
  *height = at.y + line;
  return items;
}

void DrawLegend(ImDrawList* draw, const ChartDrawState& state, const ChartFonts& fonts) {
  ImFont* font = FontOr(fonts.small);
  float height = 0;
  std::vector<LegendItem> items = LegendPlacement(state.canvas_size.x, fonts, &height);
  ImVec2 origin{state.canvas_min.x + kLegendMargin,
                state.canvas_min.y + state.canvas_size.y - kLegendMargin - height};
  draw->AddRectFilled(
      Sub(origin, {6, 3}),
      {state.canvas_min.x + state.canvas_size.x - kLegendMargin + 6, origin.y + height},
      ToImColor(kLabelBackdrop, 200), 4.0f);
  const float swatch = fonts.small_size;
  for (const LegendItem& item : items) {
    ImVec2 at = Add(origin, item.offset);
    NodeStyle style = StyleFor(item.type);
    DrawNodeShape(draw, Add(at, {swatch * 0.5f, fonts.small_size * 0.5f + 2.0f}), swatch * 0.42f,
                  style.shape, ToImColor(style.color, kLegendAlpha));
    std::string_view name = storage::NodeTypeName(item.type);
    draw->AddText(font, fonts.small_size, Add(at, {swatch + 4.0f, 1.0f}), ToImColor(kEdgeLabel),
                  name.data(), name.data() + name.size());
  }
}

void DrawOverlay(ImDrawList* draw, const ChartModel& model, const ChartDrawState& state,
                 const ChartFonts& fonts) {
  ImFont* font = FontOr(fonts.small);
  const ImU32 text = ToImColor(kEdgeLabel);
  const ImU32 backdrop = ToImColor(kLabelBackdrop, 200);
  // The layout's state, top left: says whether the picture is still moving.
  std::string layout = state.layout_converged
                           ? "layout: converged (" + std::to_string(state.layout_steps) + " steps)"
                           : "layout: running (step " + std::to_string(state.layout_steps) + ")";
  ImVec2 corner = Add(state.canvas_min, {8, 6});
  ImVec2 extent = font->CalcTextSizeA(fonts.small_size, FLT_MAX, 0.0f, layout.c_str());
  draw->AddRectFilled(Sub(corner, {4, 2}), Add(corner, {extent.x + 4, extent.y + 2}), backdrop, 3);
  draw->AddText(font, fonts.small_size, corner,
                state.layout_converged ? text : ToImColor(kTruncatedBadge), layout.c_str());
  if (model.nodes().empty()) {
    std::string hint = "Search for a name, phone, vehicle or FIR number to start";
    ImVec2 middle = Add(state.canvas_min, Scale(state.canvas_size, 0.5f));
    TextWithBackdrop(draw, FontOr(fonts.label), fonts.label_size, middle, hint, text, backdrop);
  }
  DrawLegend(draw, state, fonts);
}

}  // namespace

float LegendHeight(float canvas_width, const ChartFonts& fonts) {
  float height = 0;
  LegendPlacement(canvas_width, fonts, &height);
  return height + 2.0f * kLegendMargin;
}

float NodeScreenRadius(float zoom) {
  return std::clamp(kNodeRadius * zoom, kMinScreenRadius, kMaxScreenRadius);
}

void DrawNodeShape(ImDrawList* draw, ImVec2 c, float r, NodeShape shape, ImU32 color) {
  switch (shape) {
    case NodeShape::kSquare:
      draw->AddRectFilled(Sub(c, {r * 0.85f, r * 0.85f}), Add(c, {r * 0.85f, r * 0.85f}), color);
      return;
    case NodeShape::kCircle:
      draw->AddCircleFilled(c, r, color, 0);
      return;
    case NodeShape::kDoubleCircle:
      draw->AddCircle(c, r * 0.85f, color, 0, r * 0.3f);
      draw->AddCircleFilled(c, r * 0.45f, color, 0);
      return;
    case NodeShape::kTriangle:  // pointing up; points clockwise on screen, as ImGui's AA wants
      draw->AddTriangleFilled({c.x, c.y - r * 1.05f}, {c.x + r, c.y + r * 0.75f},
                              {c.x - r, c.y + r * 0.75f}, color);
      return;
    case NodeShape::kDiamond:
      draw->AddQuadFilled({c.x, c.y - r * 1.1f}, {c.x + r * 1.1f, c.y}, {c.x, c.y + r * 1.1f},
                          {c.x - r * 1.1f, c.y}, color);
      return;
    case NodeShape::kHexagon:
      draw->AddNgonFilled(c, r, color, 6);
      return;
    case NodeShape::kPentagon: {
      ImVec2 points[5];
      for (int i = 0; i < 5; ++i) {
        float angle = -kPi / 2.0f + static_cast<float>(i) * 2.0f * kPi / 5.0f;
        points[i] = {c.x + r * 1.05f * std::cos(angle), c.y + r * 1.05f * std::sin(angle)};
      }
      draw->AddConvexPolyFilled(points, 5, color);
      return;
    }
  }
}

void DrawChart(ImDrawList* draw, const ChartModel& model, const ChartDrawState& state,
               const ChartFonts& fonts) {
  ImVec2 canvas_max = Add(state.canvas_min, state.canvas_size);
  draw->PushClipRect(state.canvas_min, canvas_max, true);
  draw->AddRectFilled(state.canvas_min, canvas_max, ToImColor(kChartBackground));
  const float radius = NodeScreenRadius(state.camera.zoom);
  std::vector<ImVec2> screen;
  screen.reserve(model.nodes().size());
  for (const ChartNode& node : model.nodes()) {
    screen.push_back(state.camera.ToScreen(node.position, state.canvas_min, state.canvas_size));
  }
  std::vector<EdgeBundle> bundles = BundleEdges(model);
  auto edge_label_spots = DrawEdgeLines(draw, model, screen, bundles, radius);
  Occupancy occupied({state.canvas_min.x, state.canvas_min.y, canvas_max.x, canvas_max.y});
  DrawNodeShapes(draw, model, state, screen, radius, occupied);
  DrawNodeLabels(draw, model, screen, radius, fonts, occupied);
  if (state.camera.zoom >= kEdgeLabelMinZoom)
    DrawEdgeLabels(draw, edge_label_spots, fonts, occupied);
  DrawTruncationBadges(draw, model, screen, radius, fonts);
  DrawOverlay(draw, model, state, fonts);
  draw->PopClipRect();
}

std::string ShortenLabel(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes > 3 ? max_bytes - 3 : 0;
  // Step back over UTF-8 continuation bytes so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace sutra::viewer
