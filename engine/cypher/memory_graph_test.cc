#include "engine/cypher/memory_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/cypher/errors.h"

namespace sutra::cypher {
namespace {

std::vector<std::string> Names(const MemoryGraph& g, const std::vector<Token>& labels) {
  std::vector<std::string> names;
  for (Token t : labels) names.emplace_back(g.LabelName(t));
  return names;
}

std::vector<ElementId> AllNodes(const MemoryGraph& g) {
  std::vector<ElementId> ids;
  g.ForEachNode([&](ElementId id) {
    ids.push_back(id);
    return true;
  });
  return ids;
}

std::vector<ElementId> NodesWith(const MemoryGraph& g, std::string_view label) {
  std::vector<ElementId> ids;
  std::optional<Token> token = g.FindLabel(label);
  if (!token) return ids;
  g.ForEachNodeWithLabel(*token, [&](ElementId id) {
    ids.push_back(id);
    return true;
  });
  return ids;
}

using AdjTuple = std::tuple<ElementId, ElementId, bool>;  // rel, other, outgoing

std::vector<AdjTuple> ExpandAll(const MemoryGraph& g, ElementId node, ExpandDirection dir,
                                std::span<const Token> types) {
  std::vector<AdjTuple> seen;
  g.Expand(node, dir, types, [&](const Adjacent& adj) {
    seen.emplace_back(adj.rel, adj.other, adj.outgoing);
    return true;
  });
  return seen;
}

template <typename Fn>
void ExpectCypherError(Fn&& fn, ErrorType type, const std::string& detail) {
  try {
    fn();
    ADD_FAILURE() << "expected " << ErrorTypeName(type) << ": " << detail;
  } catch (const CypherError& e) {
    EXPECT_EQ(e.type(), type) << e.what();
    EXPECT_EQ(e.detail(), detail) << e.what();
  }
}

TEST(MemoryGraphTest, CreatesNodesWithLabelsAndProperties) {
  MemoryGraph g;
  std::vector<std::string> labels = {"Person", "Accused", "Person"};
  ElementId a =
      g.CreateNode(labels, Map{{"name", Value("Ravi")}, {"age", Value(31)}, {"nick", Value()}});
  ElementId b = g.CreateNode({}, Map{});
  EXPECT_NE(a, b);
  EXPECT_EQ(g.node_count(), 2u);
  EXPECT_TRUE(g.HasNode(a));
  EXPECT_FALSE(g.HasNode(b + 100));
  // Sorted by name, duplicates dropped.
  EXPECT_EQ(Names(g, g.NodeLabels(a)), (std::vector<std::string>{"Accused", "Person"}));
  EXPECT_TRUE(g.NodeLabels(b).empty());
  EXPECT_TRUE(g.NodeHasLabel(a, *g.FindLabel("Person")));
  EXPECT_FALSE(g.NodeHasLabel(b, *g.FindLabel("Person")));
  EXPECT_FALSE(g.FindLabel("Nobody").has_value());
  EXPECT_EQ(g.NodeProperty(a, "name"), Value("Ravi"));
  EXPECT_EQ(g.NodeProperty(a, "age"), Value(31));
  EXPECT_TRUE(g.NodeProperty(a, "nick").is_null());     // null is never stored
  EXPECT_TRUE(g.NodeProperty(a, "missing").is_null());  // unknown key
  EXPECT_EQ(g.NodeProperties(a), (Map{{"age", Value(31)}, {"name", Value("Ravi")}}));
}

TEST(MemoryGraphTest, SettingNullRemovesProperty) {
  MemoryGraph g;
  ElementId n = g.CreateNode({}, Map{{"a", Value(1)}, {"b", Value(List{Value(1), Value(2)})}});
  g.SetNodeProperty(n, "a", Value());
  EXPECT_EQ(g.NodeProperties(n), (Map{{"b", Value(List{Value(1), Value(2)})}}));
  g.SetNodeProperty(n, "c", Value("x"));
  g.SetNodeProperty(n, "b", Value(2.5));
  EXPECT_EQ(g.NodeProperties(n), (Map{{"b", Value(2.5)}, {"c", Value("x")}}));
  ElementId r = g.CreateRelationship("T", n, n, Map{{"w", Value(true)}});
  g.SetRelProperty(r, "w", Value());
  EXPECT_TRUE(g.RelProperties(r).empty());
  g.SetRelProperty(r, "v", Value(7));
  EXPECT_EQ(g.RelProperty(r, "v"), Value(7));
}

TEST(MemoryGraphTest, SelfLoopIsReportedOnceInBothDirections) {
  MemoryGraph g;
  ElementId a = g.CreateNode({}, Map{});
  ElementId b = g.CreateNode({}, Map{});
  ElementId loop = g.CreateRelationship("T", a, a, Map{});
  ElementId ab = g.CreateRelationship("U", a, b, Map{});
  Token t = *g.FindRelType("T");
  Token u = *g.FindRelType("U");
  std::vector<Token> only_t = {t};
  std::vector<Token> both_types = {t, u};

  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kBoth, {}),
            (std::vector<AdjTuple>{{loop, a, true}, {ab, b, true}}));
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kBoth, only_t),
            (std::vector<AdjTuple>{{loop, a, true}}));
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kOutgoing, only_t),
            (std::vector<AdjTuple>{{loop, a, true}}));
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kIncoming, only_t),
            (std::vector<AdjTuple>{{loop, a, false}}));
  EXPECT_EQ(ExpandAll(g, b, ExpandDirection::kBoth, both_types),
            (std::vector<AdjTuple>{{ab, a, false}}));
  EXPECT_EQ(g.Degree(a, ExpandDirection::kBoth, {}), 2u);
  EXPECT_EQ(g.Degree(a, ExpandDirection::kBoth, only_t), 1u);
  EXPECT_EQ(g.Degree(a, ExpandDirection::kOutgoing, {}), 2u);
  EXPECT_EQ(g.Degree(a, ExpandDirection::kIncoming, {}), 1u);
  EXPECT_EQ(g.Degree(b, ExpandDirection::kOutgoing, {}), 0u);

  g.DeleteRelationship(loop);
  EXPECT_EQ(g.Degree(a, ExpandDirection::kBoth, {}), 1u);
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kIncoming, {}), std::vector<AdjTuple>{});
}

TEST(MemoryGraphTest, TypedExpandKeepsCreationOrderWithinAType) {
  MemoryGraph g;
  ElementId a = g.CreateNode({}, Map{});
  ElementId b = g.CreateNode({}, Map{});
  ElementId u1 = g.CreateRelationship("U", a, b, Map{});
  ElementId t1 = g.CreateRelationship("T", a, b, Map{});
  ElementId u2 = g.CreateRelationship("U", a, b, Map{});
  ElementId t2 = g.CreateRelationship("T", b, a, Map{});
  std::vector<Token> u = {*g.FindRelType("U")};
  std::vector<Token> t = {*g.FindRelType("T")};
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kOutgoing, u),
            (std::vector<AdjTuple>{{u1, b, true}, {u2, b, true}}));
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kBoth, t),
            (std::vector<AdjTuple>{{t1, b, true}, {t2, b, false}}));
  g.DeleteRelationship(u1);
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kOutgoing, u), (std::vector<AdjTuple>{{u2, b, true}}));
  EXPECT_EQ(g.Degree(b, ExpandDirection::kIncoming, {}), 2u);
}

TEST(MemoryGraphTest, ExpandStopsWhenVisitorReturnsFalse) {
  MemoryGraph g;
  ElementId a = g.CreateNode({}, Map{});
  for (int i = 0; i < 5; ++i) g.CreateRelationship("T", a, g.CreateNode({}, Map{}), Map{});
  int visits = 0;
  g.Expand(a, ExpandDirection::kBoth, {}, [&](const Adjacent&) { return ++visits < 2; });
  EXPECT_EQ(visits, 2);
}

TEST(MemoryGraphTest, DeletedAndUnknownEntitiesAreErrors) {
  MemoryGraph g;
  ElementId a = g.CreateNode({}, Map{{"num", Value(0)}});
  ElementId b = g.CreateNode({}, Map{});
  ElementId r = g.CreateRelationship("T", a, b, Map{{"num", Value(1)}});

  ExpectCypherError([&] { g.DeleteNode(a); }, ErrorType::kConstraintVerificationFailed,
                    "DeleteConnectedNode");
  EXPECT_TRUE(g.HasNode(a));
  ExpectCypherError([&] { g.CreateRelationship("T", a, 99, Map{}); }, ErrorType::kEntityNotFound,
                    "DeletedEntityAccess");
  EXPECT_EQ(g.relationship_count(), 1u);

  g.DeleteRelationship(r);
  g.DeleteRelationship(r);  // a second delete in the same query is a no-op
  EXPECT_FALSE(g.HasRelationship(r));
  // The type and ends of a deleted relationship stay readable (`DELETE r RETURN type(r)`).
  RelationshipInfo info = g.Relationship(r);
  EXPECT_EQ(g.RelTypeName(info.type), "T");
  EXPECT_EQ(info.start, a);
  EXPECT_EQ(info.end, b);
  ExpectCypherError([&] { g.RelProperty(r, "num"); }, ErrorType::kEntityNotFound,
                    "DeletedEntityAccess");
  ExpectCypherError([&] { g.SetRelProperty(r, "num", Value(2)); }, ErrorType::kEntityNotFound,
                    "DeletedEntityAccess");

  g.DeleteNode(a);
  g.DeleteNode(a);
  EXPECT_FALSE(g.HasNode(a));
  EXPECT_EQ(g.node_count(), 1u);
  ExpectCypherError([&] { g.NodeProperty(a, "num"); }, ErrorType::kEntityNotFound,
                    "DeletedEntityAccess");
  ExpectCypherError([&] { g.NodeLabels(a); }, ErrorType::kEntityNotFound, "DeletedEntityAccess");
  ExpectCypherError([&] { g.AddLabel(a, "X"); }, ErrorType::kEntityNotFound, "DeletedEntityAccess");
  ExpectCypherError([&] { g.CreateRelationship("T", b, a, Map{}); }, ErrorType::kEntityNotFound,
                    "DeletedEntityAccess");
  ExpectCypherError([&] { g.DeleteNode(1000); }, ErrorType::kEntityNotFound, "DeletedEntityAccess");
  ExpectCypherError([&] { g.Relationship(1000); }, ErrorType::kEntityNotFound,
                    "DeletedEntityAccess");
  // Ids are never reused.
  EXPECT_GT(g.CreateNode({}, Map{}), b);
}

TEST(MemoryGraphTest, DeletingConnectedNodeMessageSaysWhatToDo) {
  MemoryGraph g;
  ElementId a = g.CreateNode({}, Map{});
  g.CreateRelationship("T", a, a, Map{});
  try {
    g.DeleteNode(a);
    FAIL() << "expected an error";
  } catch (const CypherError& e) {
    EXPECT_NE(e.message().find("1 relationship"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("DETACH DELETE"), std::string::npos) << e.message();
  }
}

TEST(MemoryGraphTest, RollbackRestoresCommittedState) {
  MemoryGraph g;
  std::vector<std::string> person = {"Person"};
  ElementId a = g.CreateNode(person, Map{{"name", Value("A")}});
  g.Rollback();  // the first transaction never committed: back to empty
  EXPECT_EQ(g.node_count(), 0u);
  EXPECT_FALSE(g.HasNode(a));
  EXPECT_TRUE(AllNodes(g).empty());

  a = g.CreateNode(person, Map{{"name", Value("A")}});
  ElementId b = g.CreateNode(person, Map{});
  ElementId r = g.CreateRelationship("KNOWS", a, b, Map{});
  g.Commit();

  g.SetNodeProperty(a, "name", Value("changed"));
  g.RemoveLabel(b, "Person");
  g.AddLabel(a, "Suspect");
  g.DeleteRelationship(r);
  g.DeleteNode(b);
  ElementId c = g.CreateNode(person, Map{});
  g.CreateRelationship("KNOWS", c, a, Map{});
  g.Rollback();

  EXPECT_EQ(g.node_count(), 2u);
  EXPECT_EQ(g.relationship_count(), 1u);
  EXPECT_FALSE(g.HasNode(c));
  ExpectCypherError([&] { g.Relationship(r + 1); }, ErrorType::kEntityNotFound,
                    "DeletedEntityAccess");
  EXPECT_GT(g.CreateNode({}, Map{}), c);  // ids of rolled-back nodes are not reused
  g.Rollback();
  EXPECT_EQ(g.NodeProperty(a, "name"), Value("A"));
  EXPECT_EQ(Names(g, g.NodeLabels(a)), std::vector<std::string>{"Person"});
  EXPECT_EQ(NodesWith(g, "Person"), (std::vector<ElementId>{a, b}));
  EXPECT_TRUE(NodesWith(g, "Suspect").empty());
  EXPECT_EQ(ExpandAll(g, a, ExpandDirection::kBoth, {}), (std::vector<AdjTuple>{{r, b, true}}));
  // Rolling back again without writes changes nothing.
  g.Rollback();
  EXPECT_EQ(g.node_count(), 2u);
}

TEST(MemoryGraphTest, LabelScanStaysInIdOrderUnderLabelChurn) {
  MemoryGraph g;
  std::vector<std::string> label = {"L"};
  std::vector<ElementId> ids;
  for (int i = 0; i < 300; ++i) ids.push_back(g.CreateNode(label, Map{}));
  // Remove the label from most nodes (forcing compaction), then add some back.
  for (int i = 0; i < 300; ++i) {
    if (i % 5 != 0) g.RemoveLabel(ids[i], "L");
  }
  for (int i = 0; i < 300; i += 3) g.AddLabel(ids[i], "L");
  g.DeleteNode(ids[0]);
  std::vector<ElementId> expected;
  for (int i = 1; i < 300; ++i) {
    if (i % 5 == 0 || i % 3 == 0) expected.push_back(ids[i]);
  }
  EXPECT_EQ(NodesWith(g, "L"), expected);
}

TEST(MemoryGraphTest, FindNodesByPropertyUsesCypherEquality) {
  MemoryGraph g;
  std::vector<std::string> label = {"P"};
  ElementId a = g.CreateNode(label, Map{{"id", Value(1)}});
  ElementId b = g.CreateNode(label, Map{{"id", Value(1.0)}});
  g.CreateNode(label, Map{{"id", Value("1")}});
  g.CreateNode({}, Map{{"id", Value(1)}});  // no label
  Token p = *g.FindLabel("P");
  auto find = [&](const Value& v) {
    std::vector<ElementId> found;
    bool indexed = g.FindNodesByProperty(p, "id", v, [&](ElementId id) {
      if (g.NodeProperty(id, "id") == v ||
          (v.is_number() && g.NodeProperty(id, "id").is_number() &&
           g.NodeProperty(id, "id").as_number() == v.as_number())) {
        found.push_back(id);
      }
      return true;
    });
    EXPECT_TRUE(indexed);
    return found;
  };
  EXPECT_EQ(find(Value(1)), (std::vector<ElementId>{a, b}));
  // A write updates the index; the next lookup sees the new value.
  g.SetNodeProperty(a, "id", Value(2));
  EXPECT_EQ(find(Value(1)), (std::vector<ElementId>{b}));
  EXPECT_EQ(find(Value(2)), (std::vector<ElementId>{a}));
  // New nodes, new labels and deletions are seen by the existing index.
  ElementId c = g.CreateNode(label, Map{{"id", Value(2)}});
  ElementId d = g.CreateNode({}, Map{{"id", Value(2)}});
  g.AddLabel(d, "P");
  EXPECT_EQ(find(Value(2)), (std::vector<ElementId>{a, c, d}));
  g.DeleteNode(c);
  g.RemoveLabel(d, "P");
  EXPECT_EQ(find(Value(2)), (std::vector<ElementId>{a}));
  g.Commit();
  g.SetNodeProperty(b, "id", Value(2));
  EXPECT_EQ(find(Value(2)), (std::vector<ElementId>{a, b}));
  g.Rollback();
  EXPECT_EQ(find(Value(2)), (std::vector<ElementId>{a}));
  EXPECT_EQ(find(Value(1)), (std::vector<ElementId>{b}));
  EXPECT_FALSE(g.FindNodesByProperty(p, "id", Value(List{}), [](ElementId) { return true; }));
}

// --- Random operations against a brute-force model ---

struct ModelNode {
  bool alive = true;
  std::set<std::string> labels;
  Map properties;
};
struct ModelRel {
  bool alive = true;
  std::string type;
  ElementId start = 0;
  ElementId end = 0;
  Map properties;
};
struct Model {
  std::vector<ModelNode> nodes;
  std::vector<ModelRel> rels;
};

void CheckAgainstModel(const MemoryGraph& g, const Model& m) {
  std::vector<ElementId> live;
  for (ElementId id = 0; id < m.nodes.size(); ++id) {
    if (m.nodes[id].alive) live.push_back(id);
  }
  ASSERT_EQ(AllNodes(g), live);
  ASSERT_EQ(g.node_count(), live.size());
  for (const char* label : {"A", "B", "C"}) {
    std::vector<ElementId> expected;
    for (ElementId id : live) {
      if (m.nodes[id].labels.count(label)) expected.push_back(id);
    }
    ASSERT_EQ(NodesWith(g, label), expected) << label;
  }
  // The property index agrees with a scan (it is cached across the random writes).
  if (std::optional<Token> a = g.FindLabel("A")) {
    for (const Value& v : {Value(0), Value(3), Value(3.0), Value("a")}) {
      std::vector<ElementId> expected;
      for (ElementId id : live) {
        auto it = m.nodes[id].properties.find("x");
        if (!m.nodes[id].labels.count("A") || it == m.nodes[id].properties.end()) continue;
        const Value& p = it->second;
        bool equal = p.is_number() && v.is_number() ? p.as_number() == v.as_number() : p == v;
        if (equal) expected.push_back(id);
      }
      std::vector<ElementId> found;
      ASSERT_TRUE(g.FindNodesByProperty(*a, "x", v, [&](ElementId id) {
        found.push_back(id);
        return true;
      }));
      ASSERT_EQ(found, expected);
    }
  }
  std::vector<ElementId> live_rels;
  g.ForEachRelationship([&](ElementId id) {
    live_rels.push_back(id);
    return true;
  });
  std::vector<ElementId> expected_rels;
  for (ElementId id = 0; id < m.rels.size(); ++id) {
    const ModelRel& rel = m.rels[id];
    if (!rel.alive) {
      ASSERT_FALSE(g.HasRelationship(id));
      continue;
    }
    expected_rels.push_back(id);
    RelationshipInfo info = g.Relationship(id);
    ASSERT_EQ(g.RelTypeName(info.type), rel.type);
    ASSERT_EQ(info.start, rel.start);
    ASSERT_EQ(info.end, rel.end);
    ASSERT_EQ(g.RelProperties(id), rel.properties);
  }
  ASSERT_EQ(live_rels, expected_rels);
  ASSERT_EQ(g.relationship_count(), expected_rels.size());

  // Includes a repeated type ([:V|T|V] must report each relationship once).
  std::vector<std::vector<std::string>> filters = {
      {}, {"T"}, {"U", "V"}, {"T", "U", "V"}, {"V", "T", "V"}};
  for (ElementId id : live) {
    const ModelNode& node = m.nodes[id];
    std::vector<std::string> labels(node.labels.begin(), node.labels.end());
    ASSERT_EQ(Names(g, g.NodeLabels(id)), labels);
    ASSERT_EQ(g.NodeProperties(id), node.properties);
    for (const auto& filter : filters) {
      std::vector<Token> types;
      for (const std::string& t : filter) {
        if (auto token = g.FindRelType(t)) types.push_back(*token);
      }
      if (types.empty() && !filter.empty()) continue;
      for (ExpandDirection dir :
           {ExpandDirection::kOutgoing, ExpandDirection::kIncoming, ExpandDirection::kBoth}) {
        std::vector<AdjTuple> expected;
        for (ElementId r = 0; r < m.rels.size(); ++r) {
          const ModelRel& rel = m.rels[r];
          if (!rel.alive) continue;
          if (!filter.empty() && std::find(filter.begin(), filter.end(), rel.type) == filter.end())
            continue;
          bool out = rel.start == id && dir != ExpandDirection::kIncoming;
          bool in = rel.end == id && dir != ExpandDirection::kOutgoing;
          if (out) {
            expected.emplace_back(r, rel.end, true);
          } else if (in) {
            expected.emplace_back(r, rel.start, false);
          }
        }
        std::vector<AdjTuple> actual = ExpandAll(g, id, dir, types);
        ASSERT_EQ(g.Degree(id, dir, types), actual.size());
        std::sort(actual.begin(), actual.end());
        ASSERT_EQ(actual, expected) << "node " << id << " dir " << static_cast<int>(dir);
      }
    }
  }
}

TEST(MemoryGraphTest, RandomOperationsMatchModel) {
  std::mt19937 rng(20261130);
  MemoryGraph g;
  Model model;
  Model committed;
  const std::vector<std::string> labels = {"A", "B", "C"};
  const std::vector<std::string> types = {"T", "U", "V"};
  const std::vector<std::string> keys = {"x", "y"};
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  auto random_value = [&]() -> Value {
    switch (pick(4)) {
      case 0:
        return Value();
      case 1:
        return Value(static_cast<std::int64_t>(pick(5)));
      case 2:
        return Value(std::string(1, static_cast<char>('a' + pick(3))));
      default:
        return Value(List{Value(1), Value(2)});
    }
  };
  auto live_node = [&]() -> std::optional<ElementId> {
    std::vector<ElementId> live;
    for (ElementId id = 0; id < model.nodes.size(); ++id) {
      if (model.nodes[id].alive) live.push_back(id);
    }
    if (live.empty()) return std::nullopt;
    return live[pick(live.size())];
  };
  auto live_rel = [&]() -> std::optional<ElementId> {
    std::vector<ElementId> live;
    for (ElementId id = 0; id < model.rels.size(); ++id) {
      if (model.rels[id].alive) live.push_back(id);
    }
    if (live.empty()) return std::nullopt;
    return live[pick(live.size())];
  };

  for (int step = 0; step < 1500; ++step) {
    std::size_t op = pick(100);
    if (op < 20) {
      std::vector<std::string> node_labels;
      for (const auto& l : labels) {
        if (pick(2)) node_labels.push_back(l);
      }
      Map props;
      for (const auto& k : keys) {
        Value v = random_value();
        if (pick(2)) props[k] = v;
      }
      ElementId id = g.CreateNode(node_labels, props);
      ASSERT_EQ(id, model.nodes.size());
      ModelNode node;
      node.labels.insert(node_labels.begin(), node_labels.end());
      for (auto& [k, v] : props) {
        if (!v.is_null()) node.properties[k] = v;
      }
      model.nodes.push_back(node);
    } else if (op < 45) {
      auto a = live_node(), b = live_node();
      if (!a) continue;
      // Self-loops are common: one in three relationships.
      if (pick(3) == 0) b = a;
      const std::string& type = types[pick(types.size())];
      Map props;
      if (pick(2)) props["w"] = Value(static_cast<std::int64_t>(step));
      ElementId id = g.CreateRelationship(type, *a, *b, props);
      ASSERT_EQ(id, model.rels.size());
      model.rels.push_back(ModelRel{true, type, *a, *b, props});
    } else if (op < 55) {
      auto n = live_node();
      if (!n) continue;
      const std::string& key = keys[pick(keys.size())];
      Value v = random_value();
      g.SetNodeProperty(*n, key, v);
      if (v.is_null()) {
        model.nodes[*n].properties.erase(key);
      } else {
        model.nodes[*n].properties[key] = v;
      }
    } else if (op < 60) {
      auto r = live_rel();
      if (!r) continue;
      Value v = random_value();
      g.SetRelProperty(*r, "w", v);
      if (v.is_null()) {
        model.rels[*r].properties.erase("w");
      } else {
        model.rels[*r].properties["w"] = v;
      }
    } else if (op < 68) {
      auto n = live_node();
      if (!n) continue;
      const std::string& label = labels[pick(labels.size())];
      g.AddLabel(*n, label);
      model.nodes[*n].labels.insert(label);
    } else if (op < 76) {
      auto n = live_node();
      if (!n) continue;
      const std::string& label = labels[pick(labels.size())];
      g.RemoveLabel(*n, label);
      model.nodes[*n].labels.erase(label);
    } else if (op < 86) {
      auto r = live_rel();
      if (!r) continue;
      g.DeleteRelationship(*r);
      model.rels[*r].alive = false;
    } else if (op < 92) {
      auto n = live_node();
      if (!n) continue;
      bool connected = false;
      for (const ModelRel& rel : model.rels) {
        connected |= rel.alive && (rel.start == *n || rel.end == *n);
      }
      if (connected) {
        ExpectCypherError([&] { g.DeleteNode(*n); }, ErrorType::kConstraintVerificationFailed,
                          "DeleteConnectedNode");
      } else {
        g.DeleteNode(*n);
        model.nodes[*n].alive = false;
      }
    } else if (op < 96) {
      g.Commit();
      committed = model;
    } else {
      g.Rollback();
      // Ids handed out since the commit stay used: pad with dead entries.
      std::size_t node_ids = model.nodes.size(), rel_ids = model.rels.size();
      model = committed;
      model.nodes.resize(node_ids, ModelNode{false, {}, {}});
      model.rels.resize(rel_ids, ModelRel{false, "", 0, 0, {}});
    }
    if (step % 10 == 0 || op >= 92) {
      ASSERT_NO_FATAL_FAILURE(CheckAgainstModel(g, model)) << "after step " << step;
    }
  }
  ASSERT_NO_FATAL_FAILURE(CheckAgainstModel(g, model));
}

}  // namespace
}  // namespace sutra::cypher
