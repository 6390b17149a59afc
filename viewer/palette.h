// The viewer's fixed palette: one colour and one shape per node type, and the chart's other
// colours.
//
// Contract: every NodeType has a colour that no other node type shares and a shape that no other
// node type shares, so a chart stays readable in greyscale print-outs and for colour-blind
// readers. Node shapes are filled with exactly their palette colour (no gradient, no
// transparency), which is what lets tests find a node type's pixels in a screenshot. The values
// are part of the viewer's visible contract: change them only together with the legend, the
// README and tests/viewer.
//
// This header is deliberately free of ImGui and GL so tests and tools can include it.
#pragma once

#include <cstdint>

#include "storage/model.h"

namespace sutra::viewer {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  constexpr bool operator==(const Rgb&) const = default;
};

enum class NodeShape : std::uint8_t {
  kSquare,
  kCircle,
  kDoubleCircle,  // a disc inside a ring: a resolved Person, the "sum" of its records
  kTriangle,
  kDiamond,
  kHexagon,
  kPentagon,
};

struct NodeStyle {
  Rgb color;
  NodeShape shape = NodeShape::kCircle;
};

// Case square, PersonRecord circle, Person double circle, Vehicle diamond, Phone triangle,
// Location hexagon, Station pentagon.
constexpr NodeStyle StyleFor(storage::NodeType type) {
  switch (type) {
    case storage::NodeType::kCase:
      return {{230, 126, 34}, NodeShape::kSquare};  // orange
    case storage::NodeType::kPersonRecord:
      return {{52, 152, 219}, NodeShape::kCircle};  // blue
    case storage::NodeType::kPerson:
      return {{155, 89, 182}, NodeShape::kDoubleCircle};  // purple
    case storage::NodeType::kVehicle:
      return {{46, 204, 113}, NodeShape::kDiamond};  // green
    case storage::NodeType::kPhone:
      return {{241, 196, 15}, NodeShape::kTriangle};  // yellow
    case storage::NodeType::kLocation:
      return {{236, 112, 160}, NodeShape::kHexagon};  // pink
    case storage::NodeType::kStation:
      return {{26, 188, 156}, NodeShape::kPentagon};  // teal
  }
  return {{200, 200, 200}, NodeShape::kCircle};
}

constexpr Rgb NodeColor(storage::NodeType type) { return StyleFor(type).color; }
constexpr NodeShape NodeShapeOf(storage::NodeType type) { return StyleFor(type).shape; }

// Chart colours. The background is what a screenshot shows where nothing is drawn.
inline constexpr Rgb kChartBackground{22, 25, 31};
inline constexpr Rgb kGridLine{34, 38, 46};
inline constexpr Rgb kEdgeLine{118, 126, 142};
inline constexpr Rgb kEdgeLabel{176, 184, 200};
inline constexpr Rgb kNodeLabel{236, 238, 242};
inline constexpr Rgb kLabelBackdrop{14, 16, 20};
inline constexpr Rgb kSelection{255, 255, 255};
// Sensitive facts (wrongful arrest, juvenile, acquitted...) are drawn in this red: a ring around
// the node and a badge, so they are seen before anything else about it.
inline constexpr Rgb kSensitive{231, 60, 60};
// A node outside the user's reach (a hit: type and holding station only) is drawn in this grey
// whatever its type, so that it reads as "ask that station", not as evidence on the chart.
inline constexpr Rgb kHitOnly{96, 100, 110};
// The "shown/total" badge of a node whose expansion was capped.
inline constexpr Rgb kTruncatedBadge{250, 215, 90};

// Every node type's style is unique in colour and in shape (checked at compile time).
constexpr bool PaletteIsDistinct() {
  for (auto a : storage::kAllNodeTypes) {
    for (auto b : storage::kAllNodeTypes) {
      if (a == b) continue;
      if (StyleFor(a).color == StyleFor(b).color) return false;
      if (StyleFor(a).shape == StyleFor(b).shape) return false;
    }
    if (StyleFor(a).color == kChartBackground) return false;
  }
  return true;
}
static_assert(PaletteIsDistinct(), "each node type needs its own colour and shape");

}  // namespace sutra::viewer
