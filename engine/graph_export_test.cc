#include "engine/graph_export.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "engine/engine.h"
#include "ingest/csv_reader.h"
#include "ingest/loader.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine {
namespace {

namespace fs = std::filesystem;
using storage::Edge;
using storage::EdgeType;
using storage::Node;
using storage::NodeType;

// ---------------------------------------------------------------------------------------------
// Reading the files back

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void AppendUtf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // decoded
  std::string text;                               // decoded text directly inside
};

// A strict little XML reader for what the writers produce: one root, every tag closed in order,
// attribute values quoted and free of '<' and of raw tab/LF/CR (parsers would turn those into
// spaces), only the five named entities and numeric references, no raw control characters.
// Returns the elements in document order, or an error naming the offset.
struct XmlDocument {
  std::vector<XmlElement> elements;
  std::string error;
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : xml_(xml) {}

  XmlDocument Read() {
    if (xml_.starts_with("<?xml")) {
      pos_ = xml_.find("?>");
      if (pos_ == std::string_view::npos) return Fail("unterminated XML declaration");
      pos_ += 2;
    }
    std::vector<std::size_t> open;
    int roots = 0;
    while (pos_ < xml_.size() && doc_.error.empty()) {
      if (xml_[pos_] != '<') {
        std::string text = Decoded('<', /*attribute=*/false);
        if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string::npos) {
          return Fail("text outside the root element");
        }
        if (!open.empty()) doc_.elements[open.back()].text += text;
        continue;
      }
      if (xml_.substr(pos_, 2) == "</") {
        pos_ += 2;
        const std::string name = Name();
        if (open.empty() || doc_.elements[open.back()].name != name) {
          return Fail("closing tag </" + name + "> does not match");
        }
        open.pop_back();
        if (!Expect(">")) return Fail("bad closing tag");
        continue;
      }
      ++pos_;
      if (open.empty() && ++roots > 1) return Fail("more than one root element");
      XmlElement element{.name = Name(), .attributes = {}, .text = {}};
      if (element.name.empty()) return Fail("element without a name");
      while (doc_.error.empty()) {
        SkipSpace();
        if (Expect("/>")) {
          doc_.elements.push_back(std::move(element));
          break;
        }
        if (Expect(">")) {
          open.push_back(doc_.elements.size());
          doc_.elements.push_back(std::move(element));
          break;
        }
        const std::string attribute = Name();
        if (attribute.empty() || !Expect("=") || pos_ >= xml_.size()) {
          return Fail("bad attribute in <" + element.name + ">");
        }
        const char quote = xml_[pos_++];
        if (quote != '"' && quote != '\'') return Fail("unquoted attribute value");
        std::string value = Decoded(quote, /*attribute=*/true);
        if (!Expect(std::string(1, quote))) return Fail("unterminated attribute value");
        if (!element.attributes.emplace(attribute, std::move(value)).second) {
          return Fail("attribute " + attribute + " given twice");
        }
      }
    }
    if (doc_.error.empty() && !open.empty())
      return Fail("unclosed <" + doc_.elements[open.back()].name + ">");
    if (doc_.error.empty() && roots != 1) return Fail("no root element");
    return std::move(doc_);
  }

 private:
  XmlDocument Fail(const std::string& message) {
    if (doc_.error.empty()) doc_.error = "offset " + std::to_string(pos_) + ": " + message;
    return doc_;
  }
  bool Expect(std::string_view token) {
    if (xml_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }
  void SkipSpace() {
    while (pos_ < xml_.size() &&
           std::string_view(" \t\r\n").find(xml_[pos_]) != std::string_view::npos)
      ++pos_;
  }
  std::string Name() {
    const std::size_t start = pos_;
    while (pos_ < xml_.size() &&
           (std::isalnum(static_cast<unsigned char>(xml_[pos_])) ||
            std::string_view(":_.-").find(xml_[pos_]) != std::string_view::npos)) {
      ++pos_;
    }
    return std::string(xml_.substr(start, pos_ - start));
  }
  // Text up to `stop`, with references decoded.
  std::string Decoded(char stop, bool attribute) {
    std::string out;
    while (pos_ < xml_.size() && xml_[pos_] != stop && doc_.error.empty()) {
      const auto c = static_cast<unsigned char>(xml_[pos_]);
      if (c == '<') {
        Fail("raw '<' in an attribute value");
      } else if (c < 0x20 && !(c == '\n' || c == '\r' || c == '\t')) {
        Fail("raw control character");
      } else if (attribute && (c == '\n' || c == '\r' || c == '\t')) {
        Fail("raw tab, LF or CR in an attribute value");
      } else if (c == '&') {
        const std::size_t end = xml_.find(';', pos_);
        if (end == std::string_view::npos) {
          Fail("unterminated reference");
          break;
        }
        const std::string_view ref = xml_.substr(pos_ + 1, end - pos_ - 1);
        static const std::map<std::string_view, char> kNamed{
            {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
        if (auto it = kNamed.find(ref); it != kNamed.end()) {
          out += it->second;
        } else if (ref.starts_with("#x")) {
          AppendUtf8(out, std::stoul(std::string(ref.substr(2)), nullptr, 16));
        } else if (ref.starts_with("#")) {
          AppendUtf8(out, std::stoul(std::string(ref.substr(1))));
        } else {
          Fail("unknown entity &" + std::string(ref) + ";");
        }
        pos_ = end + 1;
        continue;
      } else {
        out += xml_[pos_];
      }
      ++pos_;
    }
    return out;
  }

  std::string_view xml_;
  std::size_t pos_ = 0;
  XmlDocument doc_;
};

// One node or edge read back from an export: its attributes by their declared names.
struct ReadElement {
  std::string id;
  std::string source;  // edges only
  std::string target;
  std::map<std::string, std::string> values;
};
struct ReadGraph {
  std::map<std::string, std::string> attribute_types;  // "node:name" / "edge:name" -> type
  std::vector<ReadElement> nodes;
  std::vector<ReadElement> edges;
  std::string error;
};

ReadGraph ReadGraphMl(const fs::path& path) {
  ReadGraph graph;
  XmlDocument doc = XmlReader(ReadFile(path)).Read();
  graph.error = doc.error;
  std::map<std::string, std::string> key_names;
  ReadElement* current = nullptr;
  for (const XmlElement& e : doc.elements) {
    if (e.name == "key") {
      key_names[e.attributes.at("id")] = e.attributes.at("attr.name");
      graph.attribute_types[e.attributes.at("for") + ":" + e.attributes.at("attr.name")] =
          e.attributes.at("attr.type");
    } else if (e.name == "node" || e.name == "edge") {
      auto& list = e.name == "node" ? graph.nodes : graph.edges;
      list.push_back({.id = e.attributes.at("id"), .source = {}, .target = {}, .values = {}});
      current = &list.back();
      if (e.name == "edge") {
        current->source = e.attributes.at("source");
        current->target = e.attributes.at("target");
      }
    } else if (e.name == "data" && current != nullptr) {
      current->values[key_names.at(e.attributes.at("key"))] = e.text;
    }
  }
  return graph;
}

ReadGraph ReadGexf(const fs::path& path) {
  ReadGraph graph;
  XmlDocument doc = XmlReader(ReadFile(path)).Read();
  graph.error = doc.error;
  std::map<std::string, std::string> titles;
  std::string attribute_class;
  ReadElement* current = nullptr;
  for (const XmlElement& e : doc.elements) {
    if (e.name == "gexf" && e.attributes.at("version") != "1.3") graph.error = "not GEXF 1.3";
    if (e.name == "attributes") attribute_class = e.attributes.at("class");
    if (e.name == "attribute") {
      titles[e.attributes.at("id")] = e.attributes.at("title");
      graph.attribute_types[attribute_class + ":" + e.attributes.at("title")] =
          e.attributes.at("type");
    } else if (e.name == "node" || e.name == "edge") {
      auto& list = e.name == "node" ? graph.nodes : graph.edges;
      list.push_back({.id = e.attributes.at("id"), .source = {}, .target = {}, .values = {}});
      current = &list.back();
      current->values["label"] = e.attributes.at("label");
      if (e.name == "edge") {
        current->source = e.attributes.at("source");
        current->target = e.attributes.at("target");
      }
    } else if (e.name == "attvalue" && current != nullptr) {
      current->values[titles.at(e.attributes.at("for"))] = e.attributes.at("value");
    }
  }
  return graph;
}

// Rows of a CSV file keyed by column name, read with ingest's RFC 4180 reader.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  std::string error;
};

CsvTable ReadCsv(const fs::path& path) {
  const std::string text = ReadFile(path);
  ingest::CsvReader reader(text);
  CsvTable table;
  while (auto record = reader.Next()) {
    if (!record->error.empty()) {
      table.error = path.string() + ":" + std::to_string(record->line) + ": " + record->error;
      break;
    }
    if (table.header.empty()) {
      table.header = record->fields;
      continue;
    }
    if (record->fields.size() != table.header.size()) {
      table.error = "line " + std::to_string(record->line) + " has " +
                    std::to_string(record->fields.size()) + " fields";
      break;
    }
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < record->fields.size(); ++i) {
      if (!record->fields[i].empty()) row[table.header[i]] = record->fields[i];
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

ReadGraph ReadCsvExport(const CsvPaths& paths) {
  ReadGraph graph;
  CsvTable nodes = ReadCsv(paths.nodes);
  CsvTable edges = ReadCsv(paths.edges);
  graph.error = nodes.error + edges.error;
  for (auto& row : nodes.rows) {
    ReadElement e{.id = row["Id"], .source = {}, .target = {}, .values = {}};
    row.erase("Id");
    row["label"] = row["Label"];
    row.erase("Label");
    e.values = std::move(row);
    graph.nodes.push_back(std::move(e));
  }
  for (auto& row : edges.rows) {
    ReadElement e{.id = row["Id"], .source = row["Source"], .target = row["Target"], .values = {}};
    for (const char* fixed : {"Id", "Source", "Target"}) row.erase(fixed);
    row["label"] = row["Label"];
    row.erase("Label");
    e.values = std::move(row);
    graph.edges.push_back(std::move(e));
  }
  return graph;
}

ReadGraph ReadBack(ExportFormat format, const fs::path& out) {
  switch (format) {
    case ExportFormat::kGraphMl:
      return ReadGraphMl(out);
    case ExportFormat::kGexf:
      return ReadGexf(out);
    case ExportFormat::kCsv:
      return ReadCsvExport(CsvExportPaths(out));
  }
  return {};
}

constexpr ExportFormat kFormats[] = {ExportFormat::kGraphMl, ExportFormat::kGexf,
                                     ExportFormat::kCsv};

std::set<std::string> FilesIn(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename());
  return names;
}

// ---------------------------------------------------------------------------------------------
// Running python

struct PythonRun {
  int exit_code = -1;
  std::string out;
};

PythonRun RunPython(const fs::path& script, const std::string& args) {
  const testing::CommandRun run =
      testing::RunCommand("/usr/bin/python3 '" + script.string() + "' " + args);
  return {run.exit_code, run.out};
}

// True when /usr/bin/python3 can import every module named.
bool PythonHas(const std::string& modules) {
  const std::string command = "/usr/bin/python3 -c 'import " + modules + "' >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Reads an export with networkx (or igraph), prints "NODES EDGES" and then, for each node id
// given after the files, its attributes as JSON (ASCII, sorted keys).
constexpr std::string_view kReaderScript = R"(import json, sys
kind = sys.argv[1]
if kind == "igraph":
    import igraph
    g = igraph.Graph.Read_GraphML(sys.argv[2])
    print(g.vcount(), g.ecount())
    sys.exit(0)
import networkx as nx
rest = sys.argv[3:]
if kind == "graphml":
    g = nx.read_graphml(sys.argv[2])
elif kind == "gexf":
    from networkx.readwrite import gexf
    if "1.3" not in gexf.GEXF.versions:  # networkx before 3.0 knows the 1.2 namespace only
        gexf.GEXF.versions["1.3"] = dict(gexf.GEXF.versions["1.2draft"],
                                         NS_GEXF="http://gexf.net/1.3", VERSION="1.3")
    g = nx.read_gexf(sys.argv[2], version="1.3")
else:
    import csv
    g = nx.MultiDiGraph()
    with open(sys.argv[2], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            g.add_node(row.pop("Id"), **{k: v for k, v in row.items() if v != ""})
    with open(sys.argv[3], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            g.add_edge(row.pop("Source"), row.pop("Target"), key=row["Id"], **row)
    rest = sys.argv[4:]
print(g.number_of_nodes(), g.number_of_edges())
for node in rest:
    print(json.dumps(g.nodes[node], sort_keys=True))
)";

// ---------------------------------------------------------------------------------------------
// Text

TEST(GraphExportText, XmlEscapeEscapesSpecialsAndKeepsWhitespaceAsReferences) {
  EXPECT_EQ(XmlEscape("a&b<c>\"d'e"), "a&amp;b&lt;c&gt;&quot;d&apos;e");
  EXPECT_EQ(XmlEscape("x\ty\nz\r"), "x&#9;y&#10;z&#13;");
  EXPECT_EQ(XmlEscape("देवेंद्र 😀"), "देवेंद्र 😀");
  EXPECT_EQ(XmlEscape(""), "");
}

TEST(GraphExportText, ForbiddenCharactersAndBadUtf8BecomeReplacementCharacters) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(XmlEscape(std::string("a\x01"
                                  "b\x1F"
                                  "c",
                                  5)),
            "a" + r + "b" + r + "c");
  EXPECT_EQ(XmlEscape(std::string("\0", 1)), r);
  EXPECT_EQ(XmlEscape("\xC3"), r) << "truncated sequence";
  EXPECT_EQ(XmlEscape("\xC0\xAF"), r + r) << "overlong form";
  EXPECT_EQ(XmlEscape("\xED\xA0\x80"), r + r + r) << "surrogate";
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBE"), r + r + r) << "U+FFFE";
  EXPECT_EQ(XmlEscape("\xF4\x90\x80\x80"), r + r + r + r) << "above U+10FFFF";
  EXPECT_EQ(XmlEscape("ok\x80"), "ok" + r) << "stray continuation byte";
  EXPECT_EQ(CsvField(std::string("a\x02", 2)), "a" + r);
}

TEST(GraphExportText, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain text"), "plain text");
  EXPECT_EQ(CsvField("Rs 3,50,000"), "\"Rs 3,50,000\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
  EXPECT_EQ(CsvField(""), "");
}

TEST(GraphExportPaths, CsvGoesIntoADirectoryOrBesideAPrefix) {
  testing::TempDir tmp;
  const CsvPaths in_dir = CsvExportPaths(tmp.path());
  EXPECT_EQ(in_dir.nodes, tmp.path() / "nodes.csv");
  EXPECT_EQ(in_dir.edges, tmp.path() / "edges.csv");
  EXPECT_EQ(CsvExportPaths("out/later/").nodes, fs::path("out/later/nodes.csv"));
  EXPECT_EQ(CsvExportPaths("x/gang").nodes, fs::path("x/gang.nodes.csv"));
  EXPECT_EQ(CsvExportPaths("x/gang").edges, fs::path("x/gang.edges.csv"));
  EXPECT_EQ(CsvExportPaths("x/gang.csv").edges, fs::path("x/gang.edges.csv"));
}

TEST(GraphExportFormat, NamesParseIgnoringCase) {
  EXPECT_EQ(ParseExportFormat("GraphML"), ExportFormat::kGraphMl);
  EXPECT_EQ(ParseExportFormat("gexf"), ExportFormat::kGexf);
  EXPECT_EQ(ParseExportFormat("CSV"), ExportFormat::kCsv);
  EXPECT_EQ(ParseExportFormat("json"), std::nullopt);
  for (ExportFormat f : kFormats) EXPECT_EQ(ParseExportFormat(ExportFormatName(f)), f);
}

TEST(GraphExportSchema, MixedTypesBecomeStringsAndFixedNamesArePrefixed) {
  SchemaBuilder builder;
  builder.AddNode({.id = 1,
                   .type = NodeType::kCase,
                   .properties = {{"age", std::int64_t{30}},
                                  {"Label", std::string("x")},
                                  {"property_Label", std::string("y")},
                                  {"score", 0.5},
                                  {"mixed", std::int64_t{1}}}});
  builder.AddNode({.id = 2,
                   .type = NodeType::kCase,
                   .properties = {{"age", std::int64_t{31}}, {"mixed", std::string("one")}}});
  builder.AddEdge({.id = 1,
                   .type = EdgeType::kCalled,
                   .from = 1,
                   .to = 2,
                   .properties = {{"station", std::string("s")}, {"ok", true}},
                   .provenance = {}});
  const ExportSchema schema = builder.Build();
  std::map<std::string, std::pair<std::string, ColumnType>> nodes;
  for (const auto& c : schema.node_columns) nodes[c.key] = {c.name, c.type};
  EXPECT_EQ(nodes["age"], std::make_pair(std::string("age"), ColumnType::kLong));
  EXPECT_EQ(nodes["score"], std::make_pair(std::string("score"), ColumnType::kDouble));
  EXPECT_EQ(nodes["mixed"], std::make_pair(std::string("mixed"), ColumnType::kString));
  EXPECT_EQ(nodes["Label"].first, "property_property_Label");
  EXPECT_EQ(nodes["property_Label"].first, "property_Label");
  ASSERT_EQ(schema.edge_columns.size(), 2u);
  EXPECT_EQ(schema.edge_columns[0].name, "ok");
  EXPECT_EQ(schema.edge_columns[0].type, ColumnType::kBoolean);
  EXPECT_EQ(schema.edge_columns[1].name, "property_station");
}

// ---------------------------------------------------------------------------------------------
// Random graphs: every value survives every format exactly

std::string RandomText(std::mt19937& rng) {
  static const std::vector<std::string> kPieces{
      "a",  "Z",    " ",  ",", "\"",   "'", "<",    ">",  "&",           "&amp;", "]]>",
      "\n", "\r\n", "\t", ";", "देवेंद्र", "😀", "=1+1", "\\", "Rs 3,50,000", "Id",    "0087/2021"};
  std::string out;
  const int pieces = 1 + static_cast<int>(rng() % 6);
  for (int i = 0; i < pieces; ++i) out += kPieces[rng() % kPieces.size()];
  return out;
}

storage::Subgraph RandomGraph(std::uint32_t seed) {
  std::mt19937 rng(seed);
  storage::Subgraph g;
  const int n = 5 + static_cast<int>(rng() % 30);
  for (int i = 0; i < n; ++i) {
    Node node{.id = 1 + static_cast<storage::NodeId>(i) * 3,
              .type = NodeType::kPersonRecord,
              .properties = {}};
    node.properties["name"] = RandomText(rng);
    node.properties["note"] = RandomText(rng);
    if (rng() % 2) node.properties["age"] = static_cast<std::int64_t>(rng() % 90) - 5;
    if (rng() % 2) node.properties["score"] = std::ldexp(static_cast<double>(rng()), -20);
    if (rng() % 3 == 0) node.properties["juvenile"] = rng() % 2 == 0;
    g.nodes.push_back(std::move(node));
  }
  const int m = static_cast<int>(rng() % 60);
  for (int i = 0; i < m; ++i) {
    Edge edge{.id = 100 + static_cast<storage::EdgeId>(i),
              .type = EdgeType::kCalled,
              .from = g.nodes[rng() % g.nodes.size()].id,
              .to = g.nodes[rng() % g.nodes.size()].id,
              .properties = {{"note", RandomText(rng)}},
              .provenance = {.fir = RandomText(rng), .station = "MH-PUN-0012", .batch = rng() % 9}};
    g.edges.push_back(std::move(edge));
  }
  return g;
}

std::map<std::string, std::string> Expected(const Node& node) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : node.properties) {
    values[key] = std::holds_alternative<double>(value) ? "" : storage::ValueToString(value);
  }
  values["label"] = storage::DisplayLabel(node);
  values["type"] = storage::NodeTypeName(node.type);
  std::string flags;
  for (const auto& f : storage::ProtectionFlags(node)) flags += (flags.empty() ? "" : ";") + f;
  if (!flags.empty()) values["protection_flags"] = flags;
  return values;
}

TEST(GraphExportRoundTrip, RandomGraphsSurviveEveryFormatExactly) {
  testing::TempDir tmp;
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const storage::Subgraph g = RandomGraph(seed);
    for (ExportFormat format : kFormats) {
      SCOPED_TRACE(std::string(ExportFormatName(format)) + " seed " + std::to_string(seed));
      const fs::path out =
          tmp.path() / ("g" + std::to_string(seed) + "." + std::string(ExportFormatName(format)));
      auto summary = ExportGraph(g, format, out);
      ASSERT_TRUE(summary.ok()) << summary.status().ToString();
      EXPECT_EQ(summary->nodes, g.nodes.size());
      EXPECT_EQ(summary->edges, g.edges.size());
      const ReadGraph back = ReadBack(format, out);
      ASSERT_EQ(back.error, "");
      ASSERT_EQ(back.nodes.size(), g.nodes.size());
      ASSERT_EQ(back.edges.size(), g.edges.size());
      for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const Node& node = g.nodes[i];
        EXPECT_EQ(back.nodes[i].id, std::to_string(node.id));
        for (const auto& [key, value] : Expected(node)) {
          auto it = back.nodes[i].values.find(key);
          ASSERT_NE(it, back.nodes[i].values.end()) << key;
          if (value.empty()) {  // a double: read back to the same bits
            EXPECT_EQ(std::stod(it->second), std::get<double>(node.properties.at(key)));
          } else {
            EXPECT_EQ(it->second, value) << key;
          }
        }
      }
      for (std::size_t i = 0; i < g.edges.size(); ++i) {
        const Edge& edge = g.edges[i];
        const ReadElement& e = back.edges[i];
        EXPECT_EQ(e.id, std::to_string(edge.id));
        EXPECT_EQ(e.source, std::to_string(edge.from));
        EXPECT_EQ(e.target, std::to_string(edge.to));
        EXPECT_EQ(e.values.at("label"), "CALLED");
        EXPECT_EQ(e.values.at("note"), std::get<std::string>(edge.properties.at("note")));
        EXPECT_EQ(e.values.at("fir"), edge.provenance.fir);
        EXPECT_EQ(e.values.at("batch"), std::to_string(edge.provenance.batch));
      }
    }
  }
}

TEST(GraphExportRoundTrip, DeclaredTypesFollowTheValues) {
  testing::TempDir tmp;
  storage::Subgraph g;
  g.nodes.push_back({.id = 1,
                     .type = NodeType::kCase,
                     .properties = {{"n", std::int64_t{1}},
                                    {"d", 1.5},
                                    {"b", true},
                                    {"m", std::int64_t{2}},
                                    {"label", std::string("mine")}}});
  g.nodes.push_back({.id = 2, .type = NodeType::kCase, .properties = {{"m", std::string("x")}}});
  for (ExportFormat format : {ExportFormat::kGraphMl, ExportFormat::kGexf}) {
    const fs::path out = tmp.path() / ("t." + std::string(ExportFormatName(format)));
    ASSERT_TRUE(ExportGraph(g, format, out).ok());
    const ReadGraph back = ReadBack(format, out);
    ASSERT_EQ(back.error, "");
    EXPECT_EQ(back.attribute_types.at("node:n"), "long");
    EXPECT_EQ(back.attribute_types.at("node:d"), "double");
    EXPECT_EQ(back.attribute_types.at("node:b"), "boolean");
    EXPECT_EQ(back.attribute_types.at("node:m"), "string");
    EXPECT_EQ(back.attribute_types.at("node:property_label"), "string");
    EXPECT_EQ(back.attribute_types.at("edge:batch"), "long");
    EXPECT_EQ(back.nodes[0].values.at("property_label"), "mine");
    EXPECT_EQ(back.nodes[1].values.at("m"), "x");
  }
}

// ---------------------------------------------------------------------------------------------
// Failures leave nothing behind

TEST(GraphExportFailure, AnAbandonedWriterLeavesNoFileAndKeepsTheOldOne) {
  testing::TempDir tmp;
  const fs::path target = tmp.path() / "graph.graphml";
  std::ofstream(target) << "old";
  for (ExportFormat format : kFormats) {
    auto writer = OpenGraphWriter(format, target);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->Begin({}).ok());
    ASSERT_TRUE((*writer)->WriteNode({.id = 1, .type = NodeType::kCase, .properties = {}}).ok());
    writer->reset();  // dropped before Finish
    EXPECT_EQ(FilesIn(tmp.path()), std::set<std::string>{"graph.graphml"});
    EXPECT_EQ(ReadFile(target), "old");
  }
}

TEST(GraphExportFailure, ABrokenSubgraphIsRefusedWithNothingWritten) {
  testing::TempDir tmp;
  storage::Subgraph g;
  g.nodes.push_back({.id = 1, .type = NodeType::kCase, .properties = {}});
  g.edges.push_back({.id = 7,
                     .type = EdgeType::kOccurredAt,
                     .from = 1,
                     .to = 9,
                     .properties = {},
                     .provenance = {}});
  for (ExportFormat format : kFormats) {
    auto summary = ExportGraph(g, format, tmp.path() / "out");
    ASSERT_FALSE(summary.ok());
    EXPECT_EQ(summary.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(summary.status().message().find("edge 7 joins node 9"), std::string::npos)
        << summary.status().message();
  }
  g.edges.clear();
  g.nodes.push_back(g.nodes[0]);
  auto twice = ExportGraph(g, ExportFormat::kGexf, tmp.path() / "out");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("node 1 appears twice"), std::string::npos);
  EXPECT_TRUE(FilesIn(tmp.path()).empty());
}

TEST(GraphExportFailure, UnwritableTargetsAreNamed) {
  testing::TempDir tmp;
  const fs::path missing = tmp.path() / "no-such-dir" / "graph.gexf";
  auto writer = OpenGraphWriter(ExportFormat::kGexf, missing);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_NE(writer.status().message().find(missing.string()), std::string::npos)
      << writer.status().message();
  auto dir = OpenGraphWriter(ExportFormat::kGraphMl, tmp.path());
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos);
  auto csv = OpenGraphWriter(ExportFormat::kCsv, tmp.path() / "absent" / "");
  ASSERT_FALSE(csv.ok());
  EXPECT_NE(csv.status().message().find((tmp.path() / "absent" / "nodes.csv").string()),
            std::string::npos)
      << csv.status().message();
  EXPECT_TRUE(FilesIn(tmp.path()).empty());
}

// ---------------------------------------------------------------------------------------------
// The committed sample

class SampleExport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    {
      auto store = storage::GraphStore::Open(tmp_->path() / "db", {.create_if_missing = true});
      ASSERT_TRUE(store.ok());
      auto report = ingest::LoadCsvBundle(**store, SUTRA_SAMPLE_DIR, {});
      ASSERT_TRUE(report.ok()) << report.status().ToString();
    }
    auto engine = Engine::Open(tmp_->path() / "db");
    ASSERT_TRUE(engine.ok());
    engine_ = std::move(engine).value().release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete tmp_;
  }

  static StatusOr<ExportSummary> ExportAll(ExportFormat format, const fs::path& out) {
    SUTRA_ASSIGN_OR_RETURN(auto txn, engine_->store().BeginRead());
    return ExportGraph(txn, format, out);
  }

  // The acquitted case of TRUTH.md (FIR 0087/2021).
  static storage::NodeId AcquittedCase() {
    auto txn = engine_->store().BeginRead();
    storage::NodeId found = 0;
    EXPECT_TRUE(txn->ForEachNode([&](const Node& n) {
                     if (storage::GetString(n.properties, "fir_number") == "0087/2021")
                       found = n.id;
                     return found == 0;
                   })
                    .ok());
    return found;
  }

  static testing::TempDir* tmp_;
  static Engine* engine_;
};
testing::TempDir* SampleExport::tmp_ = nullptr;
Engine* SampleExport::engine_ = nullptr;

TEST_F(SampleExport, EveryFormatHoldsEveryNodeAndEdgeWithFlagsAndProvenance) {
  std::set<std::string> store_nodes;
  std::map<std::string, std::pair<std::string, std::string>> store_edges;
  auto txn = engine_->store().BeginRead();
  ASSERT_TRUE(txn->ForEachNode([&](const Node& n) {
                   store_nodes.insert(std::to_string(n.id));
                   return true;
                 })
                  .ok());
  ASSERT_TRUE(
      txn->ForEachEdge([&](const Edge& e) {
           store_edges[std::to_string(e.id)] = {std::to_string(e.from), std::to_string(e.to)};
           return true;
         })
          .ok());
  const std::string acquitted = std::to_string(AcquittedCase());
  for (ExportFormat format : kFormats) {
    SCOPED_TRACE(ExportFormatName(format));
    const fs::path out = tmp_->path() / ("all." + std::string(ExportFormatName(format)));
    auto summary = ExportAll(format, out);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    EXPECT_EQ(summary->nodes, 407u);
    EXPECT_EQ(summary->edges, 594u);
    const ReadGraph back = ReadBack(format, out);
    ASSERT_EQ(back.error, "");
    std::set<std::string> nodes;
    for (const ReadElement& n : back.nodes) {
      nodes.insert(n.id);
      EXPECT_FALSE(n.values.at("label").empty());
      if (n.id == acquitted) {
        EXPECT_EQ(n.values.at("protection_flags"), "acquitted");
        EXPECT_EQ(n.values.at("type"), "Case");
        EXPECT_EQ(n.values.at("label"), "0087/2021");
      }
    }
    EXPECT_EQ(nodes, store_nodes);
    ASSERT_EQ(back.edges.size(), store_edges.size());
    for (const ReadElement& e : back.edges) {
      EXPECT_EQ(store_edges.at(e.id), std::make_pair(e.source, e.target));
      if (e.values.at("label") == "ACCUSED_IN") {
        EXPECT_FALSE(e.values.at("fir").empty());
      }
      EXPECT_EQ(e.values.at("batch"), "1");
    }
  }
}

TEST_F(SampleExport, TheSameDatabaseExportsToTheSameBytes) {
  for (ExportFormat format : kFormats) {
    const std::string name(ExportFormatName(format));
    ASSERT_TRUE(ExportAll(format, tmp_->path() / ("a." + name)).ok());
    ASSERT_TRUE(ExportAll(format, tmp_->path() / ("b." + name)).ok());
    if (format == ExportFormat::kCsv) {
      EXPECT_EQ(ReadFile(tmp_->path() / "a.nodes.csv"), ReadFile(tmp_->path() / "b.nodes.csv"));
      EXPECT_EQ(ReadFile(tmp_->path() / "a.edges.csv"), ReadFile(tmp_->path() / "b.edges.csv"));
    } else {
      EXPECT_EQ(ReadFile(tmp_->path() / ("a." + name)), ReadFile(tmp_->path() / ("b." + name)));
    }
  }
}

TEST_F(SampleExport, ANeighbourhoodExportHoldsExactlyTheSubgraph) {
  algorithms::KHopOptions options;
  options.hops = 2;
  auto graph = engine_->Neighborhood(AcquittedCase(), options);
  ASSERT_TRUE(graph.ok());
  ASSERT_TRUE(graph->has_value());
  const storage::Subgraph& g = **graph;
  ASSERT_GT(g.nodes.size(), 5u);
  const fs::path out = tmp_->path() / "around.graphml";
  auto summary = ExportGraph(g, ExportFormat::kGraphMl, out);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const ReadGraph back = ReadGraphMl(out);
  ASSERT_EQ(back.error, "");
  ASSERT_EQ(back.nodes.size(), g.nodes.size());
  ASSERT_EQ(back.edges.size(), g.edges.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    EXPECT_EQ(back.nodes[i].id, std::to_string(g.nodes[i].id));
  }
}

TEST_F(SampleExport, NetworkxReadsEveryFormat) {
  if (!PythonHas("networkx")) GTEST_SKIP() << "/usr/bin/python3 with networkx is not installed";
  const fs::path script = tmp_->path() / "read_export.py";
  std::ofstream(script) << kReaderScript;
  const std::string acquitted = std::to_string(AcquittedCase());
  for (ExportFormat format : kFormats) {
    SCOPED_TRACE(ExportFormatName(format));
    const std::string name(ExportFormatName(format));
    const fs::path out = tmp_->path() / ("nx." + name);
    auto summary = ExportAll(format, out);
    ASSERT_TRUE(summary.ok());
    std::string files = "'" + out.string() + "'";
    if (format == ExportFormat::kCsv) {
      files = "'" + summary->files[0].string() + "' '" + summary->files[1].string() + "'";
    }
    const PythonRun run = RunPython(script, name + " " + files + " " + acquitted);
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_TRUE(run.out.starts_with("407 594\n")) << run.out;
    EXPECT_NE(run.out.find("\"protection_flags\": \"acquitted\""), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("\"type\": \"Case\""), std::string::npos) << run.out;
  }
}

TEST_F(SampleExport, IgraphReadsGraphMl) {
  if (!PythonHas("igraph")) GTEST_SKIP() << "/usr/bin/python3 with igraph is not installed";
  const fs::path script = tmp_->path() / "read_export.py";
  std::ofstream(script) << kReaderScript;
  const fs::path out = tmp_->path() / "ig.graphml";
  ASSERT_TRUE(ExportAll(ExportFormat::kGraphMl, out).ok());
  const PythonRun run = RunPython(script, "igraph '" + out.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out, "407 594\n");
}

TEST(GraphExportPython, TrickyTextReadsBackInNetworkx) {
  if (!PythonHas("networkx")) GTEST_SKIP() << "/usr/bin/python3 with networkx is not installed";
  testing::TempDir tmp;
  const fs::path script = tmp.path() / "read_export.py";
  std::ofstream(script) << kReaderScript;
  storage::Subgraph g;
  g.nodes.push_back(
      {.id = 5,
       .type = NodeType::kPersonRecord,
       .properties = {{"name", std::string("Ravi \"the boss\", <Pune> & co\r\n\ttab")},
                      {"juvenile", true},
                      {"age", std::int64_t{16}}}});
  // ensure_ascii JSON of the name above, as Python prints it.
  const std::string expected_name = R"("name": "Ravi \"the boss\", <Pune> & co\r\n\ttab")";
  for (ExportFormat format : kFormats) {
    SCOPED_TRACE(ExportFormatName(format));
    const std::string name(ExportFormatName(format));
    const fs::path out = tmp.path() / ("t." + name);
    auto summary = ExportGraph(g, format, out);
    ASSERT_TRUE(summary.ok());
    std::string files = "'" + out.string() + "'";
    if (format == ExportFormat::kCsv) {
      files = "'" + summary->files[0].string() + "' '" + summary->files[1].string() + "'";
    }
    const PythonRun run = RunPython(script, name + " " + files + " 5");
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find(expected_name), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("\"protection_flags\": \"juvenile\""), std::string::npos) << run.out;
  }
}

}  // namespace
}  // namespace sutra::engine
