// Conversions between the wire types of rpc/sutra.capnp and the plain model types of
// storage/model.h, shared by the server (model -> wire) and the client (wire -> model).
//
// This header includes generated Cap'n Proto code, so it is private to rpc/: nothing outside
// rpc/ may include it (the public headers are client.h and server.h).
//
// Contracts:
// - Model -> wire never fails: every model value has a wire form.
// - Wire -> model fails with a Status when the peer sent something this build cannot represent:
//   an enumerant or union member added to the schema after this build (FailedPrecondition,
//   naming the ordinal, so the reader knows to upgrade), or a message that breaks the schema's
//   stated invariants such as a duplicate property key (Internal: a bug in the peer).
// - A round trip model -> wire -> model returns a value equal to the original.
#pragma once

#include <kj/exception.h>

#include <string_view>
#include <vector>

#include "rpc/answers.h"
#include "rpc/sutra.capnp.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::rpc {

// Enumerations. The wire ordinals are not the storage numbers; map by name, never by arithmetic.
schema::NodeType ToWire(storage::NodeType type);
schema::EdgeType ToWire(storage::EdgeType type);
StatusOr<storage::NodeType> FromWire(schema::NodeType type);
StatusOr<storage::EdgeType> FromWire(schema::EdgeType type);

// Values and the structures built from them. Builders must be freshly initialised.
void ToWire(const storage::Value& value, schema::Value::Builder out);
void ToWire(const storage::Properties& properties,
            capnp::List<schema::Property>::Builder out);  // out.size() == properties.size()
void ToWire(const storage::Node& node, schema::Node::Builder out);  // also fills the label
void ToWire(const storage::Edge& edge, schema::Edge::Builder out);
void ToWire(const storage::Subgraph& subgraph, schema::Subgraph::Builder out);

// Investigation answers: nodes with their policy flags (Node.flags).
void ToWire(const FlaggedNode& node, schema::Node::Builder out);
void ToWire(const FlaggedSubgraph& subgraph, schema::Subgraph::Builder out);
void ToWire(const Path& path, schema::Path::Builder out);

StatusOr<storage::Value> FromWire(schema::Value::Reader value);
StatusOr<storage::Properties> FromWire(capnp::List<schema::Property>::Reader properties);
StatusOr<storage::Node> FromWire(schema::Node::Reader node);  // the label is not kept
StatusOr<storage::Edge> FromWire(schema::Edge::Reader edge);
StatusOr<storage::Subgraph> FromWire(schema::Subgraph::Reader subgraph);
StatusOr<std::vector<storage::Node>> FromWire(capnp::List<schema::Node>::Reader nodes);
// The flagged forms (the plain ones above drop the flags).
StatusOr<FlaggedNode> FlaggedFromWire(schema::Node::Reader node);
StatusOr<std::vector<FlaggedNode>> FlaggedFromWire(capnp::List<schema::Node>::Reader nodes);
StatusOr<FlaggedSubgraph> FlaggedFromWire(schema::Subgraph::Reader subgraph);
StatusOr<Path> FromWire(schema::Path::Reader path);

// Errors. `status` must not be OK. An error code unknown to this build becomes Internal with the
// ordinal and the peer's message kept.
schema::ErrorCode ToWire(StatusCode code);
void ToWire(const Status& status, schema::Error::Builder out);
Status FromWire(schema::Error::Reader error);

// A Cap'n Proto / KJ exception as a Status, with `context` (which names the address and the
// call) in front of the exception's description:
//   DISCONNECTED, OVERLOADED -> Unavailable (the peer is gone, unreachable or too slow)
//   UNIMPLEMENTED            -> FailedPrecondition (the peer runs an older schema)
//   FAILED and anything else -> Internal (the peer or this process hit a bug)
Status FromKjException(const kj::Exception& exception, std::string_view context);

// The C++ spelling of a text field, for building messages and model strings.
inline std::string_view AsStringView(capnp::Text::Reader text) {
  return std::string_view(text.begin(), text.size());
}

}  // namespace sutra::rpc
