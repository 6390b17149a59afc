#include "rpc/convert.h"

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace sutra::rpc {
namespace {

// Text fields are written from std::string, whose data() is NUL-terminated as capnp requires.
capnp::Text::Reader AsText(const std::string& text) {
  return capnp::Text::Reader(text.data(), text.size());
}

// The message for a wire value this build does not know: the peer speaks a newer schema.
Status NewerSchema(std::string_view what, unsigned ordinal) {
  return FailedPrecondition("the peer sent " + std::string(what) + " #" + std::to_string(ordinal) +
                            ", which this build of rpc/sutra.capnp does not know; upgrade this "
                            "side to the peer's version");
}

template <typename Enum>
unsigned Ordinal(Enum value) {
  return static_cast<unsigned>(static_cast<std::underlying_type_t<Enum>>(value));
}

}  // namespace

schema::NodeType ToWire(storage::NodeType type) {
  using W = schema::NodeType;
  switch (type) {
    case storage::NodeType::kCase:
      return W::CASE;
    case storage::NodeType::kPersonRecord:
      return W::PERSON_RECORD;
    case storage::NodeType::kPerson:
      return W::PERSON;
    case storage::NodeType::kVehicle:
      return W::VEHICLE;
    case storage::NodeType::kPhone:
      return W::PHONE;
    case storage::NodeType::kLocation:
      return W::LOCATION;
    case storage::NodeType::kStation:
      return W::STATION;
  }
  assert(false && "NodeType added to storage/model.h without a wire form in rpc/sutra.capnp");
  return W::CASE;
}

StatusOr<storage::NodeType> FromWire(schema::NodeType type) {
  using W = schema::NodeType;
  switch (type) {
    case W::CASE:
      return storage::NodeType::kCase;
    case W::PERSON_RECORD:
      return storage::NodeType::kPersonRecord;
    case W::PERSON:
      return storage::NodeType::kPerson;
    case W::VEHICLE:
      return storage::NodeType::kVehicle;
    case W::PHONE:
      return storage::NodeType::kPhone;
    case W::LOCATION:
      return storage::NodeType::kLocation;
    case W::STATION:
      return storage::NodeType::kStation;
  }
  return NewerSchema("node type", Ordinal(type));
}

schema::EdgeType ToWire(storage::EdgeType type) {
  using W = schema::EdgeType;
  using M = storage::EdgeType;
  switch (type) {
    case M::kAccusedIn:
      return W::ACCUSED_IN;
    case M::kVictimIn:
      return W::VICTIM_IN;
    case M::kComplainantIn:
      return W::COMPLAINANT_IN;
    case M::kWitnessIn:
      return W::WITNESS_IN;
    case M::kArrestedIn:
      return W::ARRESTED_IN;
    case M::kSameAs:
      return W::SAME_AS;
    case M::kUses:
      return W::USES;
    case M::kOwns:
      return W::OWNS;
    case M::kDrove:
      return W::DROVE;
    case M::kResidesAt:
      return W::RESIDES_AT;
    case M::kOccurredAt:
      return W::OCCURRED_AT;
    case M::kRegisteredAt:
      return W::REGISTERED_AT;
    case M::kSeizedIn:
      return W::SEIZED_IN;
    case M::kUsedIn:
      return W::USED_IN;
    case M::kCalled:
      return W::CALLED;
  }
  assert(false && "EdgeType added to storage/model.h without a wire form in rpc/sutra.capnp");
  return W::ACCUSED_IN;
}

StatusOr<storage::EdgeType> FromWire(schema::EdgeType type) {
  using W = schema::EdgeType;
  using M = storage::EdgeType;
  switch (type) {
    case W::ACCUSED_IN:
      return M::kAccusedIn;
    case W::VICTIM_IN:
      return M::kVictimIn;
    case W::COMPLAINANT_IN:
      return M::kComplainantIn;
    case W::WITNESS_IN:
      return M::kWitnessIn;
    case W::ARRESTED_IN:
      return M::kArrestedIn;
    case W::SAME_AS:
      return M::kSameAs;
    case W::USES:
      return M::kUses;
    case W::OWNS:
      return M::kOwns;
    case W::DROVE:
      return M::kDrove;
    case W::RESIDES_AT:
      return M::kResidesAt;
    case W::OCCURRED_AT:
      return M::kOccurredAt;
    case W::REGISTERED_AT:
      return M::kRegisteredAt;
    case W::SEIZED_IN:
      return M::kSeizedIn;
    case W::USED_IN:
      return M::kUsedIn;
    case W::CALLED:
      return M::kCalled;
  }
  return NewerSchema("edge type", Ordinal(type));
}

void ToWire(const storage::Value& value, schema::Value::Builder out) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          out.setInt(v);
        } else if constexpr (std::is_same_v<T, double>) {
          out.setFloat(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          out.setBool(v);
        } else {
          static_assert(std::is_same_v<T, std::string>, "a Value kind without a wire form");
          out.setText(AsText(v));
        }
      },
      value);
}

StatusOr<storage::Value> FromWire(schema::Value::Reader value) {
  // One named Value assigned per case, rather than a temporary per return: GCC 12 at -O2 with
  // the sanitizers reports a false -Wmaybe-uninitialized when a temporary variant holding a
  // string is moved into StatusOr, which would break the -Werror sanitizer build.
  storage::Value out;
  switch (value.which()) {
    case schema::Value::INT:
      out = value.getInt();
      return out;
    case schema::Value::FLOAT:
      out = value.getFloat();
      return out;
    case schema::Value::BOOL:
      out = value.getBool();
      return out;
    case schema::Value::TEXT:
      out = std::string(AsStringView(value.getText()));
      return out;
  }
  return NewerSchema("value kind", Ordinal(value.which()));
}

void ToWire(const storage::Properties& properties, capnp::List<schema::Property>::Builder out) {
  assert(out.size() == properties.size());
  unsigned i = 0;
  for (const auto& [key, value] : properties) {
    auto property = out[i++];
    property.setKey(AsText(key));
    ToWire(value, property.initValue());
  }
}

StatusOr<storage::Properties> FromWire(capnp::List<schema::Property>::Reader properties) {
  storage::Properties out;
  for (auto property : properties) {
    SUTRA_ASSIGN_OR_RETURN(storage::Value value, FromWire(property.getValue()));
    std::string key(AsStringView(property.getKey()));
    auto [where, inserted] = out.emplace(std::move(key), std::move(value));
    if (!inserted) {
      return Internal("the peer sent property \"" + where->first +
                      "\" twice in one node or edge, against rpc/sutra.capnp");
    }
  }
  return out;
}

void ToWire(const storage::Node& node, schema::Node::Builder out) {
  out.setId(node.id);
  out.setType(ToWire(node.type));
  out.setLabel(AsText(storage::DisplayLabel(node)));
  ToWire(node.properties, out.initProperties(static_cast<unsigned>(node.properties.size())));
}

StatusOr<storage::Node> FromWire(schema::Node::Reader node) {
  storage::Node out;
  out.id = node.getId();
  SUTRA_ASSIGN_OR_RETURN(out.type, FromWire(node.getType()));
  SUTRA_ASSIGN_OR_RETURN(out.properties, FromWire(node.getProperties()));
  return out;
}

void ToWire(const storage::Edge& edge, schema::Edge::Builder out) {
  out.setId(edge.id);
  out.setType(ToWire(edge.type));
  out.setFrom(edge.from);
  out.setTo(edge.to);
  ToWire(edge.properties, out.initProperties(static_cast<unsigned>(edge.properties.size())));
  auto provenance = out.initProvenance();
  provenance.setFir(AsText(edge.provenance.fir));
  provenance.setStation(AsText(edge.provenance.station));
  provenance.setBatch(edge.provenance.batch);
}

StatusOr<storage::Edge> FromWire(schema::Edge::Reader edge) {
  storage::Edge out;
  out.id = edge.getId();
  SUTRA_ASSIGN_OR_RETURN(out.type, FromWire(edge.getType()));
  out.from = edge.getFrom();
  out.to = edge.getTo();
  SUTRA_ASSIGN_OR_RETURN(out.properties, FromWire(edge.getProperties()));
  auto provenance = edge.getProvenance();
  out.provenance.fir = std::string(AsStringView(provenance.getFir()));
  out.provenance.station = std::string(AsStringView(provenance.getStation()));
  out.provenance.batch = provenance.getBatch();
  return out;
}

void ToWire(const storage::Subgraph& subgraph, schema::Subgraph::Builder out) {
  auto nodes = out.initNodes(static_cast<unsigned>(subgraph.nodes.size()));
  for (unsigned i = 0; i < nodes.size(); ++i) ToWire(subgraph.nodes[i], nodes[i]);
  auto edges = out.initEdges(static_cast<unsigned>(subgraph.edges.size()));
  for (unsigned i = 0; i < edges.size(); ++i) ToWire(subgraph.edges[i], edges[i]);
  out.setTotalNeighbors(subgraph.total_neighbors);
  out.setTruncated(subgraph.truncated);
}

StatusOr<std::vector<storage::Node>> FromWire(capnp::List<schema::Node>::Reader nodes) {
  std::vector<storage::Node> out;
  out.reserve(nodes.size());
  for (auto node : nodes) {
    SUTRA_ASSIGN_OR_RETURN(storage::Node converted, FromWire(node));
    out.push_back(std::move(converted));
  }
  return out;
}

StatusOr<storage::Subgraph> FromWire(schema::Subgraph::Reader subgraph) {
  storage::Subgraph out;
  SUTRA_ASSIGN_OR_RETURN(out.nodes, FromWire(subgraph.getNodes()));
  out.edges.reserve(subgraph.getEdges().size());
  for (auto edge : subgraph.getEdges()) {
    SUTRA_ASSIGN_OR_RETURN(storage::Edge converted, FromWire(edge));
    out.edges.push_back(std::move(converted));
  }
  out.total_neighbors = subgraph.getTotalNeighbors();
  out.truncated = subgraph.getTruncated();
  return out;
}

void ToWire(const FlaggedNode& node, schema::Node::Builder out) {
  ToWire(node.node, out);
  auto flags = out.initFlags(static_cast<unsigned>(node.flags.size()));
  for (unsigned i = 0; i < flags.size(); ++i) flags.set(i, AsText(node.flags[i]));
}

namespace {

void EdgesToWire(const std::vector<storage::Edge>& edges, capnp::List<schema::Edge>::Builder out) {
  for (unsigned i = 0; i < out.size(); ++i) ToWire(edges[i], out[i]);
}

StatusOr<std::vector<storage::Edge>> EdgesFromWire(capnp::List<schema::Edge>::Reader edges) {
  std::vector<storage::Edge> out;
  out.reserve(edges.size());
  for (auto edge : edges) {
    SUTRA_ASSIGN_OR_RETURN(storage::Edge converted, FromWire(edge));
    out.push_back(std::move(converted));
  }
  return out;
}

}  // namespace

void ToWire(const FlaggedSubgraph& subgraph, schema::Subgraph::Builder out) {
  auto nodes = out.initNodes(static_cast<unsigned>(subgraph.nodes.size()));
  for (unsigned i = 0; i < nodes.size(); ++i) ToWire(subgraph.nodes[i], nodes[i]);
  EdgesToWire(subgraph.edges, out.initEdges(static_cast<unsigned>(subgraph.edges.size())));
  out.setTotalNeighbors(subgraph.total_neighbors);
  out.setTruncated(subgraph.truncated);
}

void ToWire(const Path& path, schema::Path::Builder out) {
  auto nodes = out.initNodes(static_cast<unsigned>(path.nodes.size()));
  for (unsigned i = 0; i < nodes.size(); ++i) ToWire(path.nodes[i], nodes[i]);
  EdgesToWire(path.edges, out.initEdges(static_cast<unsigned>(path.edges.size())));
  out.setCost(path.cost);
}

StatusOr<FlaggedNode> FlaggedFromWire(schema::Node::Reader node) {
  FlaggedNode out;
  SUTRA_ASSIGN_OR_RETURN(out.node, FromWire(node));
  for (auto flag : node.getFlags()) out.flags.emplace_back(AsStringView(flag));
  return out;
}

StatusOr<std::vector<FlaggedNode>> FlaggedFromWire(capnp::List<schema::Node>::Reader nodes) {
  std::vector<FlaggedNode> out;
  out.reserve(nodes.size());
  for (auto node : nodes) {
    SUTRA_ASSIGN_OR_RETURN(FlaggedNode converted, FlaggedFromWire(node));
    out.push_back(std::move(converted));
  }
  return out;
}

StatusOr<FlaggedSubgraph> FlaggedFromWire(schema::Subgraph::Reader subgraph) {
  FlaggedSubgraph out;
  SUTRA_ASSIGN_OR_RETURN(out.nodes, FlaggedFromWire(subgraph.getNodes()));
  SUTRA_ASSIGN_OR_RETURN(out.edges, EdgesFromWire(subgraph.getEdges()));
  out.total_neighbors = subgraph.getTotalNeighbors();
  out.truncated = subgraph.getTruncated();
  return out;
}

StatusOr<Path> FromWire(schema::Path::Reader path) {
  Path out;
  SUTRA_ASSIGN_OR_RETURN(out.nodes, FlaggedFromWire(path.getNodes()));
  SUTRA_ASSIGN_OR_RETURN(out.edges, EdgesFromWire(path.getEdges()));
  if (!out.nodes.empty() && out.edges.size() + 1 != out.nodes.size()) {
    return Internal("the peer sent a path of " + std::to_string(out.nodes.size()) + " nodes and " +
                    std::to_string(out.edges.size()) + " edges, against rpc/sutra.capnp");
  }
  out.cost = path.getCost();
  return out;
}

schema::ErrorCode ToWire(StatusCode code) {
  using W = schema::ErrorCode;
  switch (code) {
    case StatusCode::kInvalidArgument:
      return W::INVALID_ARGUMENT;
    case StatusCode::kNotFound:
      return W::NOT_FOUND;
    case StatusCode::kAlreadyExists:
      return W::ALREADY_EXISTS;
    case StatusCode::kFailedPrecondition:
      return W::FAILED_PRECONDITION;
    case StatusCode::kPermissionDenied:
      return W::PERMISSION_DENIED;
    case StatusCode::kCorruption:
      return W::CORRUPTION;
    case StatusCode::kIoError:
      return W::IO_ERROR;
    case StatusCode::kUnavailable:
      return W::UNAVAILABLE;
    case StatusCode::kInternal:
      return W::INTERNAL;
    case StatusCode::kOk:
      break;
  }
  assert(false && "an OK status has no wire error code");
  return W::INTERNAL;
}

void ToWire(const Status& status, schema::Error::Builder out) {
  assert(!status.ok());
  out.setCode(ToWire(status.code()));
  out.setMessage(AsText(status.message()));
}

Status FromWire(schema::Error::Reader error) {
  std::string message(AsStringView(error.getMessage()));
  using W = schema::ErrorCode;
  switch (error.getCode()) {
    case W::INVALID_ARGUMENT:
      return {StatusCode::kInvalidArgument, std::move(message)};
    case W::NOT_FOUND:
      return {StatusCode::kNotFound, std::move(message)};
    case W::ALREADY_EXISTS:
      return {StatusCode::kAlreadyExists, std::move(message)};
    case W::FAILED_PRECONDITION:
      return {StatusCode::kFailedPrecondition, std::move(message)};
    case W::PERMISSION_DENIED:
      return {StatusCode::kPermissionDenied, std::move(message)};
    case W::CORRUPTION:
      return {StatusCode::kCorruption, std::move(message)};
    case W::IO_ERROR:
      return {StatusCode::kIoError, std::move(message)};
    case W::UNAVAILABLE:
      return {StatusCode::kUnavailable, std::move(message)};
    case W::INTERNAL:
      return {StatusCode::kInternal, std::move(message)};
  }
  return Internal("the peer answered with error code #" + std::to_string(Ordinal(error.getCode())) +
                  ", unknown to this build of rpc/sutra.capnp: " + message);
}

Status FromKjException(const kj::Exception& exception, std::string_view context) {
  std::string message = std::string(context) + ": " + exception.getDescription().cStr();
  switch (exception.getType()) {
    case kj::Exception::Type::DISCONNECTED:
    case kj::Exception::Type::OVERLOADED:
      return Unavailable(std::move(message));
    case kj::Exception::Type::UNIMPLEMENTED:
      return FailedPrecondition(std::move(message) +
                                " (the peer runs an older rpc/sutra.capnp; upgrade it)");
    case kj::Exception::Type::FAILED:
      break;
  }
  return Internal(std::move(message));
}

}  // namespace sutra::rpc
