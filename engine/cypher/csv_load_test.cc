#include "engine/cypher/csv_load.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/memory_graph.h"
#include "tests/support/temp_dir.h"

namespace sutra::cypher {
namespace {

class CsvLoadTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_.path() / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  CsvNodeSpec PersonSpec(const std::string& file) {
    CsvNodeSpec spec;
    spec.file = file;
    spec.label = "Person";
    spec.columns = {{"id", PropertyType::kInt},
                    {"name", PropertyType::kString},
                    {"score", PropertyType::kFloat},
                    {"active", PropertyType::kBool},
                    {"born", PropertyType::kDate}};
    spec.delimiter = '|';
    spec.key_column = "id";
    return spec;
  }

  // The message of the CypherError `fn` throws (a test failure when it throws nothing).
  template <typename Fn>
  std::string ErrorOf(Fn&& fn) {
    try {
      fn();
    } catch (const CypherError& e) {
      EXPECT_EQ(e.type(), ErrorType::kArgumentError);
      EXPECT_EQ(e.detail(), "CsvLoadError");
      return e.message();
    }
    ADD_FAILURE() << "expected a CsvLoadError";
    return "";
  }

  std::vector<ElementId> Nodes(const MemoryGraph& g) {
    std::vector<ElementId> ids;
    g.ForEachNode([&](ElementId id) {
      ids.push_back(id);
      return true;
    });
    return ids;
  }

  testing::TempDir dir_;
};

TEST_F(CsvLoadTest, LoadsTypedNodeColumnsAndEmptyFieldsAsNull) {
  std::string file = Write("person.csv",
                           "id:ID(Person)|name:STRING|score|active|born\n"
                           "1|Ravi Kumar|2.5|true|1990-01-02\n"
                           "2||-1|FALSE|\r\n"
                           "\n"
                           "3|\"quoted | with \"\"quotes\"\"\"|1e3||\n");
  MemoryGraph g;
  KeyIndex keys;
  EXPECT_EQ(LoadCsvNodes(g, PersonSpec(file), keys), 3u);
  std::vector<ElementId> ids = Nodes(g);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(g.NodeProperties(ids[0]), (Map{{"active", Value(true)},
                                           {"born", Value("1990-01-02")},
                                           {"id", Value(1)},
                                           {"name", Value("Ravi Kumar")},
                                           {"score", Value(2.5)}}));
  EXPECT_EQ(g.NodeProperties(ids[1]),
            (Map{{"active", Value(false)}, {"id", Value(2)}, {"score", Value(-1.0)}}));
  EXPECT_EQ(g.NodeProperty(ids[2], "name"), Value("quoted | with \"quotes\""));
  EXPECT_EQ(g.NodeProperty(ids[2], "score"), Value(1000.0));
  EXPECT_EQ(g.LabelName(g.NodeLabels(ids[0]).at(0)), "Person");
  ASSERT_NE(keys.Find("Person"), nullptr);
  EXPECT_EQ(*keys.Find("Person")->Find(std::int64_t{3}), ids[2]);
}

TEST_F(CsvLoadTest, HeaderDetection) {
  // No header: the first line is data.
  std::string plain = Write("plain.csv", "7|A|1.0|true|x\n8|B|2.0|false|y\n");
  // A header whose names match the columns, even though every field would parse as a string.
  std::string named = Write("named.csv", "id|name\n9|C\n");
  MemoryGraph g;
  KeyIndex keys;
  EXPECT_EQ(LoadCsvNodes(g, PersonSpec(plain), keys), 2u);
  CsvNodeSpec strings;
  strings.file = named;
  strings.label = "Tag";
  strings.columns = {{"id", PropertyType::kString}, {"name", PropertyType::kString}};
  strings.delimiter = '|';
  EXPECT_EQ(LoadCsvNodes(g, strings, keys), 1u);
  strings.header = CsvHeader::kAbsent;
  EXPECT_EQ(LoadCsvNodes(g, strings, keys), 2u);  // the header line loaded as a node
  CsvNodeSpec forced = PersonSpec(plain);
  forced.header = CsvHeader::kPresent;
  forced.label = "Other";
  EXPECT_EQ(LoadCsvNodes(g, forced, keys), 1u);
}

TEST_F(CsvLoadTest, LoadsRelationshipsBetweenKeyedNodes) {
  std::string persons = Write("p.csv", "id|name|score|active|born\n10|A||true|\n20|B|||\n");
  std::string cities = Write("c.csv", "id,name\nDEL,Delhi\nBOM,Mumbai\n");
  std::string knows = Write("knows.csv", ":START_ID|:END_ID|since\n10|20|2001\n20|20|\n");
  std::string lives = Write("lives.csv", "10,BOM\n20,DEL\n");
  MemoryGraph g;
  KeyIndex keys;
  LoadCsvNodes(g, PersonSpec(persons), keys);
  CsvNodeSpec city;
  city.file = cities;
  city.label = "City";
  city.columns = {{"id", PropertyType::kString}, {"name", PropertyType::kString}};
  city.key_column = "id";
  LoadCsvNodes(g, city, keys);

  CsvRelSpec knows_spec;
  knows_spec.file = knows;
  knows_spec.type = "KNOWS";
  knows_spec.from_label = "Person";
  knows_spec.to_label = "Person";
  knows_spec.columns = {{"since", PropertyType::kInt}};
  knows_spec.delimiter = '|';
  EXPECT_EQ(LoadCsvRelationships(g, knows_spec, keys), 2u);
  CsvRelSpec lives_spec;
  lives_spec.file = lives;
  lives_spec.type = "LIVES_IN";
  lives_spec.from_label = "Person";
  lives_spec.to_label = "City";
  EXPECT_EQ(LoadCsvRelationships(g, lives_spec, keys), 2u);

  ElementId a = *keys.Find("Person")->Find(std::int64_t{10});
  ElementId b = *keys.Find("Person")->Find(std::int64_t{20});
  ElementId bom = *keys.Find("City")->Find(std::string("BOM"));
  RelationshipInfo first = g.Relationship(0);
  EXPECT_EQ(g.RelTypeName(first.type), "KNOWS");
  EXPECT_EQ(first.start, a);
  EXPECT_EQ(first.end, b);
  EXPECT_EQ(g.RelProperty(0, "since"), Value(2001));
  EXPECT_TRUE(g.RelProperties(1).empty());  // empty field: no property
  EXPECT_EQ(g.Relationship(1).start, b);
  EXPECT_EQ(g.Relationship(1).end, b);
  RelationshipInfo lives_a = g.Relationship(2);
  EXPECT_EQ(g.RelTypeName(lives_a.type), "LIVES_IN");
  EXPECT_EQ(lives_a.start, a);
  EXPECT_EQ(lives_a.end, bom);
}

TEST_F(CsvLoadTest, ErrorsNameFileLineAndColumn) {
  MemoryGraph g;
  KeyIndex keys;
  std::string bad_int =
      Write("bad_int.csv", "id|name|score|active|born\n1|A|1|true|x\n2x|B|1|true|x\n");
  std::string message = ErrorOf([&] { LoadCsvNodes(g, PersonSpec(bad_int), keys); });
  EXPECT_NE(message.find("bad_int.csv line 3"), std::string::npos) << message;
  EXPECT_NE(message.find("column 'id'"), std::string::npos) << message;
  EXPECT_NE(message.find("'2x' as an integer"), std::string::npos) << message;

  // (On the first line, a field that does not parse marks a header: see CsvHeader::kAuto.)
  std::string bad_bool = Write("bad_bool.csv", "0|A|1|true|x\n1|A|1|yes|x\n");
  message = ErrorOf([&] { LoadCsvNodes(g, PersonSpec(bad_bool), keys); });
  EXPECT_NE(message.find("bad_bool.csv line 2, column 'active'"), std::string::npos) << message;

  std::string short_row = Write("short.csv", "id|name|score|active|born\n5|A|1\n");
  message = ErrorOf([&] { LoadCsvNodes(g, PersonSpec(short_row), keys); });
  EXPECT_NE(message.find("short.csv line 2: 3 fields, but 5 columns"), std::string::npos)
      << message;
  EXPECT_NE(message.find("delimiter"), std::string::npos) << message;

  message = ErrorOf([&] {
    CsvNodeSpec missing = PersonSpec((dir_.path() / "nope.csv").string());
    LoadCsvNodes(g, missing, keys);
  });
  EXPECT_NE(message.find("nope.csv"), std::string::npos) << message;

  std::string dup = Write("dup.csv", "100|A|1|true|x\n100|B|1|true|x\n");
  message = ErrorOf([&] { LoadCsvNodes(g, PersonSpec(dup), keys); });
  EXPECT_NE(message.find("dup.csv line 2, column 'id': duplicate key '100'"), std::string::npos)
      << message;

  std::string unclosed = Write("unclosed.csv", "200|\"A|1|true|x\n");
  message = ErrorOf([&] { LoadCsvNodes(g, PersonSpec(unclosed), keys); });
  EXPECT_NE(message.find("unclosed.csv line 1"), std::string::npos) << message;

  std::string rels = Write("rels.csv", "1|100\n1|999\n");
  CsvRelSpec spec;
  spec.file = rels;
  spec.type = "KNOWS";
  spec.from_label = "Person";
  spec.to_label = "Person";
  spec.delimiter = '|';
  message = ErrorOf([&] { LoadCsvRelationships(g, spec, keys); });
  EXPECT_NE(message.find("rels.csv line 2, column 'end key': no Person node has the key '999'"),
            std::string::npos)
      << message;

  spec.to_label = "City";
  message = ErrorOf([&] { LoadCsvRelationships(g, spec, keys); });
  EXPECT_NE(message.find("no City nodes"), std::string::npos) << message;
}

// Counts data rows the way Kuzu reads the folder: non-empty lines, minus a header line when the
// first field of the first line is not an integer.
std::size_t DataRows(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::size_t rows = 0;
  bool first = true;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (first) {
      first = false;
      std::string key = line.substr(0, line.find('|'));
      if (key.empty() || key.find_first_not_of("0123456789") != std::string::npos) continue;
    }
    ++rows;
  }
  return rows;
}

TEST(LdbcLoadTest, LoadsKuzuLdbcSf01Folder) {
  const char* env = std::getenv("SUTRA_LDBC_SF01");
  std::filesystem::path dir =
      env ? env : "/tmp/lead/kuzu/node_modules/kuzu/kuzu-source/dataset/ldbc-sf01";
  if (!std::filesystem::exists(dir / "Person.csv")) {
    GTEST_SKIP() << "LDBC SF0.1 folder not found at " << dir
                 << " (set SUTRA_LDBC_SF01, or npm install kuzu@0.11.3)";
  }
  MemoryGraph g;
  LdbcLoadCounts counts = LoadLdbcSnb(g, dir.string());
  g.Commit();
  std::map<std::string, std::size_t> nodes(counts.nodes.begin(), counts.nodes.end());
  std::map<std::string, std::size_t> rels(counts.relationships.begin(), counts.relationships.end());
  EXPECT_EQ(nodes.size(), 8u);
  EXPECT_EQ(rels.size(), 23u);
  for (const auto& [label, n] : nodes) {
    EXPECT_EQ(n, DataRows(dir / (label + ".csv"))) << label;
  }
  EXPECT_EQ(rels["knows"], DataRows(dir / "Person_knows_Person.csv") +
                               DataRows(dir / "Person_knows_Person_1.csv"));
  EXPECT_EQ(rels["Comment_hasCreator"], DataRows(dir / "Comment_hasCreator_Person.csv") +
                                            DataRows(dir / "Comment_hasCreator_Person_1.csv"));
  EXPECT_EQ(rels["hasMember"], DataRows(dir / "Forum_hasMember_Person.csv"));
  EXPECT_EQ(g.node_count(), counts.total_nodes);
  EXPECT_EQ(g.relationship_count(), counts.total_relationships);

  // Person 933 (Mahinda Perera) as Kuzu's schema holds it.
  Token person = *g.FindLabel("Person");
  std::vector<ElementId> found;
  g.FindNodesByProperty(person, "id", Value(933), [&](ElementId id) {
    if (g.NodeProperty(id, "id") == Value(933)) found.push_back(id);
    return true;
  });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(g.NodeProperty(found[0], "firstName"), Value("Mahinda"));
  EXPECT_EQ(g.NodeProperty(found[0], "birthday"), Value(19891203));
  Token knows = *g.FindRelType("knows");
  EXPECT_GT(g.Degree(found[0], ExpandDirection::kOutgoing, std::span<const Token>(&knows, 1)), 0u);
}

}  // namespace
}  // namespace sutra::cypher
