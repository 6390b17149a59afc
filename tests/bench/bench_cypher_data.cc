#include "tests/bench/bench_cypher_data.h"

#include <fmt/core.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "storage/model.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using storage::EdgeType;
using storage::NodeId;
using storage::NodeType;

constexpr std::uint64_t kSeed = 20261130;

// `k` distinct elements of `items` (all of them when there are fewer), in a fixed order for
// a given seed: a partial Fisher-Yates shuffle.
template <typename T>
std::vector<T> Sample(std::vector<T> items, std::size_t k, SplitMix& rng) {
  k = std::min(k, items.size());
  for (std::size_t i = 0; i < k; ++i) {
    std::swap(items[i], items[i + rng.Below(items.size() - i)]);
  }
  items.resize(k);
  return items;
}

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

// --- Kuzu's crime tables ---------------------------------------------------------------

// Column kinds in the order of storage::Value's alternatives.
enum Kind : int { kInt64 = 0, kDouble = 1, kBoolean = 2, kString = 3 };
const char* KuzuType(int kind) {
  static const char* const names[] = {"INT64", "DOUBLE", "BOOLEAN", "STRING"};
  return names[kind];
}

// Each key's kind; a key seen with two kinds becomes a string column.
using Columns = std::map<std::string, int, std::less<>>;
void AddColumns(Columns& columns, const storage::Properties& properties) {
  for (const auto& [key, value] : properties) {
    const int kind = static_cast<int>(value.index());
    auto [it, inserted] = columns.emplace(key, kind);
    if (!inserted && it->second != kind) it->second = kString;
  }
}

// A CSV field as Kuzu reads it by default (',' between fields, '"' quotes doubled). Strings are
// always quoted; line breaks become spaces (Kuzu's parallel CSV reader takes no quoted line
// breaks; the generated data has none). An absent value is an empty field: null.
std::string Field(const storage::Value* value) {
  if (value == nullptr) return "";
  if (const auto* s = std::get_if<std::string>(value)) {
    std::string out = "\"";
    for (char c : *s) {
      if (c == '"')
        out += "\"\"";
      else if (c == '\n' || c == '\r')
        out += ' ';
      else
        out += c;
    }
    return out + "\"";
  }
  if (const auto* b = std::get_if<bool>(value)) return *b ? "true" : "false";
  if (const auto* d = std::get_if<double>(value)) return fmt::format("{}", *d);
  return std::to_string(std::get<std::int64_t>(*value));
}
std::string Field(const storage::Properties& properties, const std::string& key) {
  auto it = properties.find(key);
  return Field(it == properties.end() ? nullptr : &it->second);
}

std::string Quoted(std::string_view name) { return fmt::format("`{}`", name); }

// The property Sutra's StoreGraph indexes for a label and Kuzu may take as primary key.
std::optional<std::string> IndexedKey(NodeType type) {
  switch (type) {
    case NodeType::kPhone:
      return "number";
    case NodeType::kVehicle:
      return "registration";
    case NodeType::kStation:
      return "code";
    default:
      return std::nullopt;
  }
}

struct NodeTable {
  Columns columns;
  std::string primary_key = "sid";  // a property, or the synthetic node id column
  std::size_t rows = 0;
  std::unique_ptr<std::ofstream> out;
};

struct RelTable {
  Columns columns;  // the edges' own properties
  std::set<std::pair<NodeType, NodeType>> pairs;
  std::map<std::pair<NodeType, NodeType>, std::unique_ptr<std::ofstream>> out;
};

// Whole-graph counts: the check that both engines hold the same graph.
std::vector<Workload> CountWorkloads() {
  auto count = [](std::string name, std::string text) {
    return Workload{std::move(name), text, text, {json::object()}, 0};
  };
  return {count("count nodes", "MATCH (n) RETURN count(n)"),
          count("count relationships", "MATCH ()-[r]->() RETURN count(r)")};
}

}  // namespace

std::vector<Workload> LdbcWorkloads(const fs::path& dir, std::size_t starts) {
  std::vector<std::int64_t> persons;
  std::ifstream in(dir / "Person.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty()) persons.push_back(std::stoll(line.substr(0, line.find('|'))));
  }
  SplitMix rng(kSeed);
  const std::vector<std::int64_t> chosen = Sample(persons, starts, rng);
  std::vector<json> by_id;
  for (std::int64_t id : chosen) by_id.push_back({{"id", id}});
  std::vector<json> pairs;
  for (std::size_t i = 0; i < starts && persons.size() >= 2; ++i) {
    const std::int64_t a = persons[rng.Below(persons.size())];
    std::int64_t b = a;
    while (b == a) b = persons[rng.Below(persons.size())];
    pairs.push_back({{"a", a}, {"b", b}});
  }
  auto hops = [&](const std::string& name, const std::string& range, bool exclude_start) {
    const std::string text =
        fmt::format("MATCH (a:Person {{id: $id}})-[:knows{}]-(b:Person) {}RETURN count(DISTINCT b)",
                    range, exclude_start ? "WHERE b <> a " : "");
    return Workload{name, text, text, by_id, 1.0 / 3};
  };
  std::vector<Workload> workloads = CountWorkloads();
  for (Workload& w : std::vector<Workload>{
           hops("1-hop knows", "", false),
           hops("2-hop knows", "*1..2", true),
           hops("3-hop knows", "*1..3", true),
           Workload{"shortest path knows",
                    "MATCH p = shortestPath((a:Person {id: $a})-[:knows*]-(b:Person {id: $b})) "
                    "RETURN length(p)",
                    "MATCH p = (a:Person {id: $a})-[:knows* SHORTEST 1..30]-(b:Person {id: $b}) "
                    "RETURN length(p)",
                    pairs, 1.0 / 3},
       }) {
    workloads.push_back(std::move(w));
  }
  return workloads;
}

json LdbcKuzuLoad(const fs::path& dir) {
  json load = json::array();
  std::ifstream schema(dir / "schema.cypher");
  std::string line;
  while (std::getline(schema, line)) {
    if (!Trim(line).empty()) load.push_back(Trim(line));
  }
  std::ifstream copy(dir / "copy.cypher");
  while (std::getline(copy, line)) {
    line = Trim(line);
    const auto open = line.find('"');
    const auto close = open == std::string::npos ? open : line.find('"', open + 1);
    if (close == std::string::npos) continue;
    const fs::path file = fs::path(line.substr(open + 1, close - open - 1)).filename();
    load.push_back(line.substr(0, open + 1) + (dir / file).string() + line.substr(close));
  }
  return load;
}

StatusOr<KuzuTables> WriteKuzuTables(const storage::GraphStore& store, const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  SUTRA_ASSIGN_OR_RETURN(auto txn, store.BeginRead());
  KuzuTables result;

  // Pass 1: every label's columns, node types, and whether the indexed keys are unique.
  std::map<NodeType, NodeTable> nodes;
  std::unordered_map<NodeId, NodeType> type_of;
  std::map<NodeType, std::set<std::string>> key_values;
  std::set<NodeType> key_not_unique;
  SUTRA_RETURN_IF_ERROR(txn.ForEachNode([&](const storage::Node& node) {
    AddColumns(nodes[node.type].columns, node.properties);
    type_of.emplace(node.id, node.type);
    if (auto key = IndexedKey(node.type)) {
      auto it = node.properties.find(*key);
      const auto* text =
          it == node.properties.end() ? nullptr : std::get_if<std::string>(&it->second);
      if (text == nullptr || text->empty() || !key_values[node.type].insert(*text).second) {
        key_not_unique.insert(node.type);
      }
    }
    return true;
  }));
  for (auto& [type, table] : nodes) {
    auto key = IndexedKey(type);
    if (key && !key_not_unique.contains(type)) table.primary_key = *key;
  }
  std::map<EdgeType, RelTable> rels;
  SUTRA_RETURN_IF_ERROR(txn.ForEachEdge([&](const storage::Edge& edge) {
    RelTable& table = rels[edge.type];
    AddColumns(table.columns, edge.properties);
    table.pairs.emplace(type_of.at(edge.from), type_of.at(edge.to));
    return true;
  }));

  // Schema. Every label gets a table (a query naming an empty one matches nothing).
  for (NodeType type : storage::kAllNodeTypes) {
    NodeTable& table = nodes[type];
    std::string columns;
    if (table.primary_key == "sid") columns = "`sid` INT64, ";
    for (const auto& [key, kind] : table.columns) {
      columns += fmt::format("{} {}, ", Quoted(key), KuzuType(kind));
    }
    result.load.push_back(fmt::format("CREATE NODE TABLE {} ({}PRIMARY KEY ({}))",
                                      Quoted(storage::NodeTypeName(type)), columns,
                                      Quoted(table.primary_key)));
  }
  for (const auto& [type, table] : rels) {
    std::string parts;
    for (const auto& [from, to] : table.pairs) {
      parts += fmt::format("FROM {} TO {}, ", Quoted(storage::NodeTypeName(from)),
                           Quoted(storage::NodeTypeName(to)));
    }
    parts += "`fir` STRING, `station` STRING, `batch` INT64";
    for (const auto& [key, kind] : table.columns) {
      parts += fmt::format(", {} {}", Quoted(key), KuzuType(kind));
    }
    result.load.push_back(
        fmt::format("CREATE REL TABLE {} ({})", Quoted(storage::EdgeTypeName(type)), parts));
  }

  // Pass 2: the rows.
  auto node_file = [&](NodeType type) {
    return dir / fmt::format("node-{}.csv", storage::NodeTypeName(type));
  };
  std::unordered_map<NodeId, std::string> key_of;  // the primary key's CSV field
  SUTRA_RETURN_IF_ERROR(txn.ForEachNode([&](const storage::Node& node) {
    NodeTable& table = nodes[node.type];
    if (!table.out) {
      table.out = std::make_unique<std::ofstream>(node_file(node.type));
      std::string header = table.primary_key == "sid" ? "sid" : "";
      for (const auto& [key, kind] : table.columns) header += (header.empty() ? "" : ",") + key;
      *table.out << header << '\n';
    }
    std::string row;
    if (table.primary_key == "sid") {
      row = std::to_string(node.id);
      key_of.emplace(node.id, row);
    } else {
      key_of.emplace(node.id, Field(node.properties, table.primary_key));
    }
    bool first = table.primary_key != "sid";
    for (const auto& [key, kind] : table.columns) {
      if (!first) row += ',';
      first = false;
      row += Field(node.properties, key);
    }
    *table.out << row << '\n';
    ++table.rows;
    ++result.nodes;
    return true;
  }));
  SUTRA_RETURN_IF_ERROR(txn.ForEachEdge([&](const storage::Edge& edge) {
    RelTable& table = rels[edge.type];
    const std::pair<NodeType, NodeType> pair{type_of.at(edge.from), type_of.at(edge.to)};
    auto& out = table.out[pair];
    if (!out) {
      out = std::make_unique<std::ofstream>(
          dir / fmt::format("rel-{}-{}-{}.csv", storage::EdgeTypeName(edge.type),
                            storage::NodeTypeName(pair.first), storage::NodeTypeName(pair.second)));
      *out << "from,to,fir,station,batch";
      for (const auto& [key, kind] : table.columns) *out << ',' << key;
      *out << '\n';
    }
    const storage::Value fir{edge.provenance.fir}, station{edge.provenance.station};
    *out << key_of.at(edge.from) << ',' << key_of.at(edge.to) << ','
         << Field(edge.provenance.fir.empty() ? nullptr : &fir) << ','
         << Field(edge.provenance.station.empty() ? nullptr : &station) << ','
         << edge.provenance.batch;
    for (const auto& [key, kind] : table.columns) *out << ',' << Field(edge.properties, key);
    *out << '\n';
    ++result.relationships;
    return true;
  }));

  for (auto& [type, table] : nodes) {
    if (!table.out) continue;
    table.out->close();
    if (!*table.out) return IoError("cannot write " + node_file(type).string());
    result.load.push_back(fmt::format("COPY {} FROM \"{}\" (HEADER=true)",
                                      Quoted(storage::NodeTypeName(type)),
                                      node_file(type).string()));
  }
  for (auto& [type, table] : rels) {
    for (auto& [pair, out] : table.out) {
      out->close();
      const fs::path file =
          dir / fmt::format("rel-{}-{}-{}.csv", storage::EdgeTypeName(type),
                            storage::NodeTypeName(pair.first), storage::NodeTypeName(pair.second));
      if (!*out) return IoError("cannot write " + file.string());
      // A table joining several label pairs is copied one pair at a time.
      const std::string pair_option =
          table.pairs.size() > 1
              ? fmt::format(", from='{}', to='{}'", storage::NodeTypeName(pair.first),
                            storage::NodeTypeName(pair.second))
              : "";
      result.load.push_back(fmt::format("COPY {} FROM \"{}\" (HEADER=true{})",
                                        Quoted(storage::EdgeTypeName(type)), file.string(),
                                        pair_option));
    }
  }
  return result;
}

StatusOr<std::vector<Workload>> CrimeWorkloads(const storage::GraphStore& store,
                                               std::size_t starts) {
  SUTRA_ASSIGN_OR_RETURN(auto txn, store.BeginRead());
  std::set<std::string> accused_names;
  std::vector<json> cases;
  std::vector<std::pair<NodeId, std::string>> phones;
  std::unordered_map<NodeId, bool> accused;  // person record -> accused in some case
  SUTRA_RETURN_IF_ERROR(txn.ForEachNode([&](const storage::Node& node) {
    if (node.type == NodeType::kCase) {
      auto fir = storage::GetString(node.properties, "fir_number");
      auto station = storage::GetString(node.properties, "station_code");
      if (fir && station) cases.push_back({{"fir", *fir}, {"station", *station}});
    } else if (node.type == NodeType::kPhone) {
      if (auto number = storage::GetString(node.properties, "number")) {
        phones.emplace_back(node.id, *number);
      }
    } else if (node.type == NodeType::kPersonRecord) {
      bool is_accused = false;
      const Status s = txn.ForEachNeighbor(
          node.id, {EdgeType::kAccusedIn, storage::Direction::kOut}, [&](const storage::Neighbor&) {
            is_accused = true;
            return false;
          });
      if (!s.ok()) return false;
      accused.emplace(node.id, is_accused);
      auto name = storage::GetString(node.properties, "name");
      if (is_accused && name && !name->empty()) accused_names.insert(*name);
    }
    return true;
  }));
  // Phones that at least two accused records use: where the question has an answer to find.
  std::vector<json> shared_phones;
  for (const auto& [id, number] : phones) {
    int users = 0;
    SUTRA_RETURN_IF_ERROR(txn.ForEachNeighbor(id, {EdgeType::kUses, storage::Direction::kIn},
                                              [&](const storage::Neighbor& n) {
                                                auto it = accused.find(n.node);
                                                users += it != accused.end() && it->second;
                                                return users < 2;
                                              }));
    if (users >= 2) shared_phones.push_back({{"number", number}});
  }
  SplitMix rng(kSeed);
  std::vector<json> names;
  for (const std::string& name : accused_names) names.push_back({{"name", name}});
  names = Sample(std::move(names), starts, rng);
  shared_phones = Sample(std::move(shared_phones), starts, rng);
  cases = Sample(std::move(cases), starts, rng);
  auto same = [](std::string name, std::string text, std::vector<json> params, double target) {
    return Workload{std::move(name), text, text, std::move(params), target};
  };
  std::vector<Workload> workloads = CountWorkloads();
  for (Workload& w : std::vector<Workload>{
           same("co-accused (by name)",
                "MATCH (r:PersonRecord {name: $name})-[:ACCUSED_IN]->(c:`Case`)<-[:ACCUSED_IN]-"
                "(o:PersonRecord) WHERE o <> r RETURN count(DISTINCT o)",
                names, 0),
           same("phone shared across cases",
                "MATCH (p:Phone {number: "
                "$number})<-[:USES]-(r:PersonRecord)-[:ACCUSED_IN]->(c:`Case`), "
                "(p)<-[:USES]-(o:PersonRecord)-[:ACCUSED_IN]->(d:`Case`) WHERE c <> d "
                "RETURN count(DISTINCT o)",
                shared_phones, 0),
           same("case 1-hop",
                "MATCH (c:`Case` {fir_number: $fir, station_code: $station})-[]-(x) "
                "RETURN count(DISTINCT x)",
                cases, 1.0 / 3),
           same("case 2-hop",
                "MATCH (c:`Case` {fir_number: $fir, station_code: $station})-[*1..2]-(x) WHERE x "
                "<> c "
                "RETURN count(DISTINCT x)",
                cases, 1.0 / 3),
       }) {
    workloads.push_back(std::move(w));
  }
  return workloads;
}

}  // namespace sutra::bench
