// LinkFilter: which links and nodes an analysis may use — the investigator's "only phones and
// cases", "only 2021", "leave out the acquitted".
//
// Every algorithm takes one. A link passes when its type is allowed, both its ends are of
// allowed node types, its date (CsrGraph::ArcDay) lies in the window, and — when
// exclude_exonerated is set — neither end carries an exonerating flag. The test is symmetric:
// a link passes from either end or from neither.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "algorithms/csr_graph.h"

namespace sutra::algorithms {

inline constexpr std::uint32_t kAllEdgeTypeBits = 0xFFFFu << 1;  // EdgeType values 1..16
inline constexpr std::uint32_t kAllNodeTypeBits = 0xFFu << 1;    // NodeType values 1..8

inline constexpr std::uint32_t Bit(storage::EdgeType t) { return 1u << static_cast<int>(t); }
inline constexpr std::uint32_t Bit(storage::NodeType t) { return 1u << static_cast<int>(t); }

struct LinkFilter {
  std::uint32_t edge_types = kAllEdgeTypeBits;  // Bit(EdgeType) of the link types allowed
  std::uint32_t node_types = kAllNodeTypeBits;  // Bit(NodeType) of the node types allowed
  std::int32_t from_day = kNoDay;               // inclusive; kNoDay leaves the window open
  std::int32_t to_day = kNoDay;                 // inclusive; kNoDay leaves the window open
  // Links with no date (see CsrGraph::ArcDay) pass a time window unless this is false: they
  // are standing facts (a person's phone, a case's station), not events.
  bool keep_undated = true;
  // Leave out links from acquitted or discharged cases and wrongful arrests. Association
  // measures (centrality, communities, co-offending patterns) set it by default.
  bool exclude_exonerated = false;

  static LinkFilter OnlyEdges(std::initializer_list<storage::EdgeType> types) {
    LinkFilter f;
    f.edge_types = 0;
    for (auto t : types) f.edge_types |= Bit(t);
    return f;
  }

  bool AllowsNode(const CsrGraph& g, DenseId v) const {
    return (node_types & Bit(g.node(v).type)) != 0;
  }
  bool HasWindow() const { return from_day != kNoDay || to_day != kNoDay; }
  // Whether the link `arc` from v may be used (its far end included).
  bool AllowsLink(const CsrGraph& g, DenseId v, const CsrArc& arc) const {
    if ((edge_types & Bit(arc.type)) == 0) return false;
    if ((node_types & Bit(g.node(v).type)) == 0) return false;
    if ((node_types & Bit(g.node(arc.target).type)) == 0) return false;
    if (exclude_exonerated && g.ArcExonerated(v, arc)) return false;
    if (HasWindow()) {
      const std::int32_t day = g.ArcDay(v, arc);
      if (day == kNoDay) return keep_undated;
      if (from_day != kNoDay && day < from_day) return false;
      if (to_day != kNoDay && day > to_day) return false;
    }
    return true;
  }
};

}  // namespace sutra::algorithms
