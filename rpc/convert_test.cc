#include "rpc/convert.h"

#include <capnp/message.h>
#include <capnp/schema.h>
#include <gtest/gtest.h>

#include <cctype>
#include <iterator>
#include <string>

namespace sutra::rpc {
namespace {

// "PersonRecord" -> "personRecord", "ACCUSED_IN" -> "accusedIn": the capnp spelling of a model
// name, so the schema's enumerants can be checked against storage/model.h by name.
std::string CamelFromPascal(std::string_view name) {
  std::string out(name);
  out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}
std::string CamelFromUpperSnake(std::string_view name) {
  std::string out;
  bool upper_next = false;
  for (char c : name) {
    if (c == '_') {
      upper_next = true;
      continue;
    }
    const auto uc = static_cast<unsigned char>(c);
    out += static_cast<char>(upper_next ? std::toupper(uc) : std::tolower(uc));
    upper_next = false;
  }
  return out;
}

std::string EnumerantName(capnp::EnumSchema schema, unsigned ordinal) {
  return std::string(AsStringView(schema.getEnumerants()[ordinal].getProto().getName()));
}

TEST(Convert, NodeTypesMirrorTheModelByName) {
  const auto schema = capnp::Schema::from<schema::NodeType>();
  EXPECT_EQ(schema.getEnumerants().size(), std::size(storage::kAllNodeTypes));
  for (storage::NodeType type : storage::kAllNodeTypes) {
    const schema::NodeType wire = ToWire(type);
    EXPECT_EQ(EnumerantName(schema, static_cast<unsigned>(wire)),
              CamelFromPascal(storage::NodeTypeName(type)));
    auto back = FromWire(wire);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, type);
  }
}

TEST(Convert, EdgeTypesMirrorTheModelByName) {
  const auto schema = capnp::Schema::from<schema::EdgeType>();
  EXPECT_EQ(schema.getEnumerants().size(), std::size(storage::kAllEdgeTypes));
  for (storage::EdgeType type : storage::kAllEdgeTypes) {
    const schema::EdgeType wire = ToWire(type);
    EXPECT_EQ(EnumerantName(schema, static_cast<unsigned>(wire)),
              CamelFromUpperSnake(storage::EdgeTypeName(type)));
    auto back = FromWire(wire);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, type);
  }
}

TEST(Convert, EnumerantFromANewerSchemaIsAnErrorNamingTheOrdinal) {
  auto node_type = FromWire(static_cast<schema::NodeType>(42));
  ASSERT_FALSE(node_type.ok());
  EXPECT_EQ(node_type.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(node_type.status().message().find("#42"), std::string::npos);

  auto edge_type = FromWire(static_cast<schema::EdgeType>(77));
  ASSERT_FALSE(edge_type.ok());
  EXPECT_EQ(edge_type.status().code(), StatusCode::kFailedPrecondition);
}

storage::Node SampleNode() {
  storage::Node node;
  node.id = 0xFFFF'FFFF'FFFF'FFF0ULL;  // ids use all 64 bits
  node.type = storage::NodeType::kPersonRecord;
  node.properties = {{"name", std::string("Ravi Kumar \xe0\xa4\xb0\xe0\xa4\xb5\xe0\xa4\xbf")},
                     {"age", std::int64_t{-1}},
                     {"latitude", 18.5204},
                     {"juvenile", true},
                     {"alias", std::string()}};
  return node;
}

TEST(Convert, NodeRoundTripKeepsEveryValueKindAndSetsTheLabel) {
  const storage::Node node = SampleNode();
  capnp::MallocMessageBuilder message;
  auto wire = message.initRoot<schema::Node>();
  ToWire(node, wire);
  EXPECT_EQ(AsStringView(wire.asReader().getLabel()), storage::DisplayLabel(node));

  auto back = FromWire(wire.asReader());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, node);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(back->properties.at("age")));
  EXPECT_TRUE(std::holds_alternative<double>(back->properties.at("latitude")));
  EXPECT_TRUE(std::holds_alternative<bool>(back->properties.at("juvenile")));
}

TEST(Convert, SubgraphRoundTripKeepsEdgesProvenanceAndTruncation) {
  storage::Subgraph subgraph;
  subgraph.nodes.push_back(SampleNode());
  storage::Node phone;
  phone.id = 7;
  phone.type = storage::NodeType::kPhone;
  phone.properties = {{"number", std::string("+919822012345")}};
  subgraph.nodes.push_back(phone);
  storage::Edge edge;
  edge.id = 99;
  edge.type = storage::EdgeType::kUses;
  edge.from = subgraph.nodes[0].id;
  edge.to = phone.id;
  edge.properties = {{"since", std::string("2021")}};
  edge.provenance = {"0123/2023", "MH-PUN-0012", 3};
  subgraph.edges.push_back(edge);
  subgraph.total_neighbors = 12;
  subgraph.truncated = true;

  capnp::MallocMessageBuilder message;
  auto wire = message.initRoot<schema::Subgraph>();
  ToWire(subgraph, wire);
  auto back = FromWire(wire.asReader());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->nodes, subgraph.nodes);
  EXPECT_EQ(back->edges, subgraph.edges);
  EXPECT_EQ(back->total_neighbors, 12u);
  EXPECT_TRUE(back->truncated);
}

TEST(Convert, FlaggedSubgraphAndPathKeepThePolicyFlags) {
  FlaggedSubgraph subgraph;
  subgraph.nodes.push_back({SampleNode(), {"juvenile", "juvenile:redacted"}});
  storage::Node hit;
  hit.id = 8;
  hit.type = storage::NodeType::kPersonRecord;
  hit.properties = {{"holding_stations", std::string("MH-PUN-0027")}};
  subgraph.nodes.push_back({hit, {"hit-only"}});
  storage::Edge edge;
  edge.id = 5;
  edge.type = storage::EdgeType::kUses;
  edge.from = subgraph.nodes[0].node.id;
  edge.to = hit.id;
  edge.provenance = {"0123/2023", "MH-PUN-0012", 3};
  subgraph.edges.push_back(edge);
  subgraph.total_neighbors = 3;
  subgraph.truncated = true;

  capnp::MallocMessageBuilder message;
  auto wire = message.initRoot<schema::Subgraph>();
  ToWire(subgraph, wire);
  auto back = FlaggedFromWire(wire.asReader());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, subgraph);
  EXPECT_TRUE(HasFlag(back->nodes[1], kFlagHitOnly));
  // The plain reading (older callers) keeps the nodes and drops only the flags.
  auto plain = FromWire(wire.asReader());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->nodes[1], hit);

  Path path{subgraph.nodes, subgraph.edges, 1.0};
  capnp::MallocMessageBuilder path_message;
  auto wire_path = path_message.initRoot<schema::Path>();
  ToWire(path, wire_path);
  auto path_back = FromWire(wire_path.asReader());
  ASSERT_TRUE(path_back.ok()) << path_back.status().ToString();
  EXPECT_EQ(*path_back, path);

  // A path whose edges do not join its nodes breaks the schema's invariant.
  wire_path.initEdges(0);
  auto broken = FromWire(wire_path.asReader());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInternal);
}

TEST(Convert, DuplicatePropertyKeyFromAPeerIsAnError) {
  capnp::MallocMessageBuilder message;
  auto wire = message.initRoot<schema::Node>();
  auto properties = wire.initProperties(2);
  for (unsigned i = 0; i < 2; ++i) {
    properties[i].setKey("name");
    properties[i].initValue().setInt(i);
  }
  auto back = FromWire(wire.asReader());
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kInternal);
  EXPECT_NE(back.status().message().find("\"name\""), std::string::npos);
}

TEST(Convert, EveryErrorStatusRoundTrips) {
  for (StatusCode code :
       {StatusCode::kInvalidArgument, StatusCode::kNotFound, StatusCode::kAlreadyExists,
        StatusCode::kFailedPrecondition, StatusCode::kPermissionDenied, StatusCode::kCorruption,
        StatusCode::kIoError, StatusCode::kUnavailable, StatusCode::kInternal}) {
    const Status status(code, "limit 0 is out of range");
    capnp::MallocMessageBuilder message;
    auto wire = message.initRoot<schema::Error>();
    ToWire(status, wire);
    const Status back = FromWire(wire.asReader());
    EXPECT_EQ(back.code(), code);
    EXPECT_EQ(back.message(), status.message());
  }
}

TEST(Convert, UnknownErrorCodeKeepsThePeersMessage) {
  capnp::MallocMessageBuilder message;
  auto wire = message.initRoot<schema::Error>();
  wire.setCode(static_cast<schema::ErrorCode>(31));
  wire.setMessage("quota exceeded");
  const Status back = FromWire(wire.asReader());
  EXPECT_EQ(back.code(), StatusCode::kInternal);
  EXPECT_NE(back.message().find("#31"), std::string::npos);
  EXPECT_NE(back.message().find("quota exceeded"), std::string::npos);
}

TEST(Convert, KjExceptionsMapToStatusCodesWithContext) {
  const auto make = [](kj::Exception::Type type) {
    return kj::Exception(type, __FILE__, __LINE__, kj::str("connect(): Connection refused"));
  };
  const Status refused = FromKjException(make(kj::Exception::Type::DISCONNECTED), "at 1.2.3.4:5");
  EXPECT_EQ(refused.code(), StatusCode::kUnavailable);
  EXPECT_EQ(refused.message(), "at 1.2.3.4:5: connect(): Connection refused");
  EXPECT_EQ(FromKjException(make(kj::Exception::Type::OVERLOADED), "x").code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(FromKjException(make(kj::Exception::Type::UNIMPLEMENTED), "x").code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(FromKjException(make(kj::Exception::Type::FAILED), "x").code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace sutra::rpc
