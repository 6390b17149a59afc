// Loading of the LDBC SNB folder Kuzu ships as dataset/ldbc-sf01 (see LoadLdbcSnb in
// csv_load.h): Kuzu's schema for it, node and relationship tables with their files and
// columns, loaded through the generic CSV loader of csv_load.cc.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/cypher/csv_load.h"
#include "engine/cypher/csv_load_internal.h"
#include "engine/cypher/memory_graph.h"

namespace sutra::cypher {
namespace {

using csv_internal::CountCsvLines;
using csv_internal::ThrowLoad;

struct LdbcNodeFile {
  const char* label;
  CsvColumns columns;
};
struct LdbcRelFiles {
  const char* type;
  const char* from;
  const char* to;
  std::vector<const char*> files;
  CsvColumns columns;
};

constexpr PropertyType kI = PropertyType::kInt;
constexpr PropertyType kS = PropertyType::kString;

// Kuzu's dataset/ldbc-sf01/schema.cypher and copy.cypher.
const std::vector<LdbcNodeFile>& LdbcNodes() {
  static const std::vector<LdbcNodeFile> nodes = {
      {"Comment",
       {{"id", kI},
        {"creationDate", kI},
        {"locationIP", kS},
        {"browserUsed", kS},
        {"content", kS},
        {"length", kI}}},
      {"Forum", {{"id", kI}, {"title", kS}, {"creationDate", kI}}},
      {"Organisation", {{"id", kI}, {"label", kS}, {"name", kS}, {"url", kS}}},
      {"Person",
       {{"id", kI},
        {"firstName", kS},
        {"lastName", kS},
        {"gender", kS},
        {"birthday", kI},
        {"creationDate", kI},
        {"locationIP", kS},
        {"browserUsed", kS}}},
      {"Place", {{"id", kI}, {"name", kS}, {"url", kS}, {"label", kS}}},
      {"Post",
       {{"id", kI},
        {"imageFile", kS},
        {"creationDate", kI},
        {"locationIP", kS},
        {"browserUsed", kS},
        {"language", kS},
        {"content", kS},
        {"length", kI}}},
      {"Tag", {{"id", kI}, {"name", kS}, {"url", kS}}},
      {"TagClass", {{"id", kI}, {"name", kS}, {"url", kS}}},
  };
  return nodes;
}

const std::vector<LdbcRelFiles>& LdbcRels() {
  static const std::vector<LdbcRelFiles> rels = {
      {"Comment_hasCreator",
       "Comment",
       "Person",
       {"Comment_hasCreator_Person.csv", "Comment_hasCreator_Person_1.csv"},
       {}},
      {"Comment_hasTag",
       "Comment",
       "Tag",
       {"Comment_hasTag_Tag.csv", "Comment_hasTag_Tag_1.csv"},
       {}},
      {"Comment_isLocatedIn",
       "Comment",
       "Place",
       {"Comment_isLocatedIn_Place.csv", "Comment_isLocatedIn_Place_1.csv"},
       {}},
      {"replyOf_Comment", "Comment", "Comment", {"Comment_replyOf_Comment.csv"}, {}},
      {"replyOf_Post", "Comment", "Post", {"Comment_replyOf_Post.csv"}, {}},
      {"containerOf", "Forum", "Post", {"Forum_containerOf_Post.csv"}, {}},
      {"hasMember", "Forum", "Person", {"Forum_hasMember_Person.csv"}, {{"joinDate", kI}}},
      {"hasModerator", "Forum", "Person", {"Forum_hasModerator_Person.csv"}, {}},
      {"Forum_hasTag", "Forum", "Tag", {"Forum_hasTag_Tag.csv"}, {}},
      {"Organisation_isLocatedIn",
       "Organisation",
       "Place",
       {"Organisation_isLocatedIn_Place.csv"},
       {}},
      {"hasInterest", "Person", "Tag", {"Person_hasInterest_Tag.csv"}, {}},
      {"Person_isLocatedIn", "Person", "Place", {"Person_isLocatedIn_Place.csv"}, {}},
      {"knows",
       "Person",
       "Person",
       {"Person_knows_Person.csv", "Person_knows_Person_1.csv"},
       {{"creationDate", kI}}},
      {"likes_Comment",
       "Person",
       "Comment",
       {"Person_likes_Comment.csv", "Person_likes_Comment_1.csv"},
       {{"creationDate", kI}}},
      {"likes_Post",
       "Person",
       "Post",
       {"Person_likes_Post.csv", "Person_likes_Post_1.csv"},
       {{"creationDate", kI}}},
      {"studyAt",
       "Person",
       "Organisation",
       {"Person_studyAt_Organisation.csv"},
       {{"classYear", kI}}},
      {"workAt", "Person", "Organisation", {"Person_workAt_Organisation.csv"}, {{"workFrom", kI}}},
      {"isPartOf", "Place", "Place", {"Place_isPartOf_Place.csv"}, {}},
      {"Post_hasCreator", "Post", "Person", {"Post_hasCreator_Person.csv"}, {}},
      {"Post_hasTag", "Post", "Tag", {"Post_hasTag_Tag.csv"}, {}},
      {"Post_isLocatedIn", "Post", "Place", {"Post_isLocatedIn_Place.csv"}, {}},
      {"hasType", "Tag", "TagClass", {"Tag_hasType_TagClass.csv"}, {}},
      {"isSubclassOf", "TagClass", "TagClass", {"TagClass_isSubclassOf_TagClass.csv"}, {}},
  };
  return rels;
}

}  // namespace

LdbcLoadCounts LoadLdbcSnb(QueryGraph& graph, const std::string& dir) {
  if (!std::filesystem::is_directory(dir)) {
    ThrowLoad("LDBC folder " + dir +
              " does not exist; give the folder holding Person.csv, Person_knows_Person.csv, ...");
  }
  std::filesystem::path base(dir);
  LdbcLoadCounts counts;
  KeyIndex keys;
  if (auto* memory = dynamic_cast<MemoryGraph*>(&graph)) {
    // One capacity hint for the whole folder: growing the node and relationship vectors file
    // by file would move them several times.
    std::size_t nodes = 0;
    std::size_t rels = 0;
    for (const LdbcNodeFile& node : LdbcNodes()) {
      nodes += CountCsvLines((base / (std::string(node.label) + ".csv")).string(), '|');
    }
    for (const LdbcRelFiles& rel : LdbcRels()) {
      for (const char* file : rel.files) rels += CountCsvLines((base / file).string(), '|');
    }
    memory->Reserve(nodes, rels);
  }
  for (const LdbcNodeFile& node : LdbcNodes()) {
    CsvNodeSpec spec;
    spec.file = (base / (std::string(node.label) + ".csv")).string();
    spec.label = node.label;
    spec.columns = node.columns;
    spec.delimiter = '|';
    spec.key_column = "id";
    std::size_t n = LoadCsvNodes(graph, spec, keys);
    counts.nodes.emplace_back(node.label, n);
    counts.total_nodes += n;
  }
  for (const LdbcRelFiles& rel : LdbcRels()) {
    std::size_t n = 0;
    for (const char* file : rel.files) {
      CsvRelSpec spec;
      spec.file = (base / file).string();
      spec.type = rel.type;
      spec.from_label = rel.from;
      spec.to_label = rel.to;
      spec.columns = rel.columns;
      spec.delimiter = '|';
      n += LoadCsvRelationships(graph, spec, keys);
    }
    counts.relationships.emplace_back(rel.type, n);
    counts.total_relationships += n;
  }
  return counts;
}

}  // namespace sutra::cypher
