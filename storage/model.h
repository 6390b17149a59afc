// The Sutra data model: typed nodes and edges of the crime graph (DESIGN.md, "Data model").
//
// These are plain values with no storage behaviour, shared by every module (the viewer sees them
// through the RPC client). Ids are stable 64-bit numbers assigned by the store; an id is never
// reused for another node or edge. Every edge carries its provenance: the FIR, the station and
// the load batch that asserted it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sutra::storage {

using NodeId = std::uint64_t;
using EdgeId = std::uint64_t;

// Numeric values are part of the on-disk format: never renumber, only append.
enum class NodeType : std::uint8_t {
  kCase = 1,          // an FIR
  kPersonRecord = 2,  // one person as written in one FIR
  kPerson = 3,        // a resolved human: the records entity resolution says are the same
  kVehicle = 4,
  kPhone = 5,
  kLocation = 6,
  kStation = 7,
};
inline constexpr NodeType kAllNodeTypes[] = {
    NodeType::kCase,  NodeType::kPersonRecord, NodeType::kPerson, NodeType::kVehicle,
    NodeType::kPhone, NodeType::kLocation,     NodeType::kStation};

// Numeric values are part of the on-disk format: never renumber, only append.
enum class EdgeType : std::uint8_t {
  kAccusedIn = 1,      // PersonRecord -> Case
  kVictimIn = 2,       // PersonRecord -> Case
  kComplainantIn = 3,  // PersonRecord -> Case
  kWitnessIn = 4,      // PersonRecord -> Case
  kArrestedIn = 5,     // PersonRecord -> Case
  kSameAs = 6,         // PersonRecord -> Person
  kUses = 7,           // PersonRecord/Person -> Phone
  kOwns = 8,           // PersonRecord/Person -> Vehicle
  kDrove = 9,          // PersonRecord/Person -> Vehicle
  kResidesAt = 10,     // PersonRecord/Person -> Location
  kOccurredAt = 11,    // Case -> Location
  kRegisteredAt = 12,  // Case -> Station
  kSeizedIn = 13,      // Vehicle -> Case
  kUsedIn = 14,        // Vehicle -> Case
  kCalled = 15,        // Phone -> Phone (a call record)
};
inline constexpr EdgeType kAllEdgeTypes[] = {
    EdgeType::kAccusedIn,  EdgeType::kVictimIn,  EdgeType::kComplainantIn, EdgeType::kWitnessIn,
    EdgeType::kArrestedIn, EdgeType::kSameAs,    EdgeType::kUses,          EdgeType::kOwns,
    EdgeType::kDrove,      EdgeType::kResidesAt, EdgeType::kOccurredAt,    EdgeType::kRegisteredAt,
    EdgeType::kSeizedIn,   EdgeType::kUsedIn,    EdgeType::kCalled};

// "Case", "PersonRecord", ...: the names used in Cypher labels, CSV files and RPC.
std::string_view NodeTypeName(NodeType type);
std::optional<NodeType> ParseNodeType(std::string_view name);
// "ACCUSED_IN", "SAME_AS", ...
std::string_view EdgeTypeName(EdgeType type);
std::optional<EdgeType> ParseEdgeType(std::string_view name);
// The role edges from a PersonRecord to its Case, by the role word used in input files
// ("accused", "victim", "complainant", "witness", "arrested").
std::optional<EdgeType> RoleEdgeType(std::string_view role);

// A property value. Dates are ISO-8601 strings ("2023-04-17", or "1988" when only a year is
// known) so that partial dates survive as written.
using Value = std::variant<std::int64_t, double, bool, std::string>;
using Properties = std::map<std::string, Value, std::less<>>;

// Renders a value for display and text output: integers and doubles in decimal, booleans as
// true/false, strings as they are.
std::string ValueToString(const Value& value);

struct Provenance {
  std::string fir;          // FIR the assertion comes from ("" for derived edges such as SAME_AS)
  std::string station;      // station code that registered that FIR
  std::uint64_t batch = 0;  // load batch number (see GraphStore::BeginBatch)
  bool operator==(const Provenance&) const = default;
};

struct Node {
  NodeId id = 0;
  NodeType type = NodeType::kCase;
  Properties properties;
  bool operator==(const Node&) const = default;
};

struct Edge {
  EdgeId id = 0;
  EdgeType type = EdgeType::kAccusedIn;
  NodeId from = 0;
  NodeId to = 0;
  Properties properties;
  Provenance provenance;
  bool operator==(const Edge&) const = default;
};

enum class Direction : std::uint8_t { kOut = 1, kIn = 2 };

// One entry of a node's adjacency: the edge and the node at its other end.
struct Neighbor {
  EdgeType type = EdgeType::kAccusedIn;
  Direction direction = Direction::kOut;
  NodeId node = 0;
  EdgeId edge = 0;
  bool operator==(const Neighbor&) const = default;
};

// A neighbourhood or search answer: nodes, the edges among them, and how much was left out.
// Invariant: every edge's endpoints are in `nodes`. `total_neighbors` counts all neighbours of
// the expanded node; when it exceeds the number returned, `truncated` is true, so a hub is never
// cut silently.
struct Subgraph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::uint64_t total_neighbors = 0;
  bool truncated = false;
};

// A short human label for a node: a person's name, a case's FIR number, a phone number...
std::string DisplayLabel(const Node& node);

// The facts about a node that every answer must show because they protect a person: a case
// whose outcome was "acquitted" or "discharged", a record marked "wrongful_arrest", a
// "juvenile", a "sexual_offence_victim". Empty for nodes that carry none.
std::vector<std::string> ProtectionFlags(const Node& node);

// The same protection facts as bits, as whole-graph scans read them (see NodeFacts).
enum ProtectionBit : std::uint8_t {
  kAcquittedBit = 1,
  kDischargedBit = 2,
  kWrongfulArrestBit = 4,
  kJuvenileBit = 8,
  kSexualOffenceVictimBit = 16,
};

// Days since 1970-01-01 of "2023-04-17" (or a longer ISO time starting so); kNoDay when the
// text is not such a date.
inline constexpr std::int32_t kNoDay = INT32_MIN;
std::int32_t DayNumber(std::string_view date);

// What the in-memory snapshot needs of a node, kept by the store beside each node so that a
// snapshot build reads a few bytes a node instead of decoding every node's properties: its
// type, its protection facts (ProtectionFlags as ProtectionBits) and its day (a case's
// "registered_on"; kNoDay for other nodes).
struct NodeFacts {
  NodeType type = NodeType::kCase;
  std::uint8_t protection = 0;
  std::int32_t day = kNoDay;
  bool operator==(const NodeFacts&) const = default;
};
NodeFacts FactsOfNode(NodeType type, const Properties& properties);
// The property keys FactsOfNode reads: a scan may read only these.
inline constexpr std::string_view kNodeFactKeys[] = {"registered_on", "status", "wrongful_arrest",
                                                     "juvenile", "sexual_offence_victim"};

// Property lookup helpers: empty optional when absent or of another type.
std::optional<std::string> GetString(const Properties& props, std::string_view key);
std::optional<std::int64_t> GetInt(const Properties& props, std::string_view key);

}  // namespace sutra::storage
