// Loading of the LDBC SNB folder Kuzu ships as dataset/ldbc-sf01 (see LoadLdbcSnb in
// csv_load.h): Kuzu's schema for it, node and relationship tables with their files and
// columns, loaded through the generic CSV loader of csv_load.cc.
//
// Speed (the Kuzu benchmark times this load): reading and typing the 38 files is most of the
// work and needs no graph, so background threads parse files ahead, in loading order, while this
// thread writes the files already parsed into the graph (a QueryGraph is not thread-safe, and
// writing in a fixed order keeps ids the same on every run). Relationships are written after
// all their files are parsed and resolved, so that a MemoryGraph gets each node's adjacency
// capacity in one allocation from the counted degrees.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/cypher/csv_load.h"
#include "engine/cypher/csv_load_internal.h"
#include "engine/cypher/memory_graph.h"

namespace sutra::cypher {
namespace {

using csv_internal::ParsedFile;
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

// Parses files on background threads, in the order of `jobs` (the order they are written in),
// while the caller waits for each in turn. Jobs must not throw (Parse*File do not).
class ParseAhead {
 public:
  using Job = std::function<ParsedFile()>;
  explicit ParseAhead(std::vector<Job> jobs)
      : jobs_(std::move(jobs)), results_(jobs_.size()), ready_(jobs_.size(), false) {
    unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  ParseAhead(const ParseAhead&) = delete;
  ParseAhead& operator=(const ParseAhead&) = delete;
  // Stops handing out jobs (after an error the rest are not needed) and joins the workers.
  ~ParseAhead() {
    next_.store(jobs_.size());
    for (std::thread& worker : workers_) worker.join();
  }

  // Job i's result, once parsed; the caller may consume (move from) it.
  ParsedFile& Wait(std::size_t i) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return ready_[i]; });
    return results_[i];
  }

 private:
  void Work() {
    for (std::size_t i = next_.fetch_add(1); i < jobs_.size(); i = next_.fetch_add(1)) {
      ParsedFile parsed = jobs_[i]();
      {
        std::lock_guard lock(mutex_);
        results_[i] = std::move(parsed);
        ready_[i] = true;
      }
      done_.notify_all();
    }
  }

  std::vector<Job> jobs_;
  std::vector<ParsedFile> results_;  // results_[i] is written once, under mutex_, before ready_[i]
  std::vector<bool> ready_;
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable done_;
  std::vector<std::thread> workers_;  // last: started after everything they use exists
};

// Whether the key column ("id") of `label`'s node file holds integers.
bool IntegerKeys(const std::string& label) {
  for (const LdbcNodeFile& node : LdbcNodes()) {
    if (label == node.label) {
      for (const auto& [name, type] : node.columns) {
        if (name == "id") return type == PropertyType::kInt;
      }
    }
  }
  ThrowLoad("LDBC schema: no node table " + label);
}

// Reserves every node's adjacency for the relationships in `ends` ((start, end) pairs).
void ReserveAdjacency(MemoryGraph& graph, const std::vector<std::vector<ElementId>>& ends) {
  ElementId max_id = 0;
  bool any = false;
  for (const auto& file : ends) {
    for (ElementId node : file) {
      max_id = std::max(max_id, node);
      any = true;
    }
  }
  if (!any) return;
  std::vector<std::uint32_t> out(max_id + 1, 0);
  std::vector<std::uint32_t> in(max_id + 1, 0);
  for (const auto& file : ends) {
    for (std::size_t i = 0; i + 1 < file.size(); i += 2) {
      ++out[file[i]];
      ++in[file[i + 1]];
    }
  }
  for (ElementId node = 0; node <= max_id; ++node) {
    if (out[node] > 0 || in[node] > 0) graph.ReserveAdjacency(node, out[node], in[node]);
  }
}

}  // namespace

LdbcLoadCounts LoadLdbcSnb(QueryGraph& graph, const std::string& dir) {
  if (!std::filesystem::is_directory(dir)) {
    ThrowLoad("LDBC folder " + dir +
              " does not exist; give the folder holding Person.csv, Person_knows_Person.csv, ...");
  }
  std::filesystem::path base(dir);
  std::vector<CsvNodeSpec> node_specs;
  for (const LdbcNodeFile& node : LdbcNodes()) {
    CsvNodeSpec& spec = node_specs.emplace_back();
    spec.file = (base / (std::string(node.label) + ".csv")).string();
    spec.label = node.label;
    spec.columns = node.columns;
    spec.delimiter = '|';
    spec.key_column = "id";
  }
  std::vector<CsvRelSpec> rel_specs;   // one per file
  std::vector<std::size_t> rel_table;  // rel_specs[i] belongs to LdbcRels()[rel_table[i]]
  for (std::size_t t = 0; t < LdbcRels().size(); ++t) {
    const LdbcRelFiles& rel = LdbcRels()[t];
    for (const char* file : rel.files) {
      CsvRelSpec& spec = rel_specs.emplace_back();
      spec.file = (base / file).string();
      spec.type = rel.type;
      spec.from_label = rel.from;
      spec.to_label = rel.to;
      spec.columns = rel.columns;
      spec.delimiter = '|';
      rel_table.push_back(t);
    }
  }

  std::vector<ParseAhead::Job> jobs;
  for (const CsvNodeSpec& spec : node_specs) {
    jobs.emplace_back([&spec] { return csv_internal::ParseNodeFile(spec); });
  }
  for (const CsvRelSpec& spec : rel_specs) {
    bool from = IntegerKeys(spec.from_label);
    bool to = IntegerKeys(spec.to_label);
    jobs.emplace_back([&spec, from, to] { return csv_internal::ParseRelFile(spec, from, to); });
  }
  ParseAhead ahead(std::move(jobs));
  auto* memory = dynamic_cast<MemoryGraph*>(&graph);

  LdbcLoadCounts counts;
  KeyIndex keys;
  if (memory) {
    // One capacity hint for all nodes: growing the node vector file by file would move it
    // (measured: slower than waiting for the node files, which parse first).
    std::size_t nodes = 0;
    for (std::size_t i = 0; i < node_specs.size(); ++i) nodes += ahead.Wait(i).rows.size();
    memory->Reserve(nodes, 0);
  }
  for (std::size_t i = 0; i < node_specs.size(); ++i) {
    ParsedFile& parsed = ahead.Wait(i);
    std::size_t n = csv_internal::InsertNodes(graph, node_specs[i], parsed, keys);
    parsed = ParsedFile();  // frees the rows' husks
    counts.nodes.emplace_back(node_specs[i].label, n);
    counts.total_nodes += n;
  }

  // Resolve every file's keys first (up to the first file with an error, which is written up to
  // its bad row and then thrown), so the degrees are known before any relationship is written.
  std::vector<std::vector<ElementId>> ends;
  std::size_t rels = 0;
  for (std::size_t i = 0; i < rel_specs.size(); ++i) {
    const CsvRelSpec& spec = rel_specs[i];
    ParsedFile& parsed = ahead.Wait(node_specs.size() + i);
    const KeyIndex::LabelKeys* from = keys.Find(spec.from_label);
    const KeyIndex::LabelKeys* to = keys.Find(spec.to_label);
    ends.push_back(csv_internal::ResolveEnds(spec, parsed, *from, *to));
    rels += parsed.rows.size();
    if (parsed.error) break;
  }
  if (memory) {
    memory->Reserve(0, rels);
    ReserveAdjacency(*memory, ends);
  }
  for (std::size_t i = 0; i < ends.size(); ++i) {      // the last one throws if it had an error
    if (i == 0 || rel_table[i] != rel_table[i - 1]) {  // the first file of a type
      counts.relationships.emplace_back(LdbcRels()[rel_table[i]].type, 0);
    }
    ParsedFile& parsed = ahead.Wait(node_specs.size() + i);
    std::size_t n = csv_internal::InsertRelationships(graph, rel_specs[i], parsed, ends[i]);
    parsed = ParsedFile();
    ends[i] = std::vector<ElementId>();
    counts.relationships.back().second += n;
    counts.total_relationships += n;
  }
  return counts;
}

}  // namespace sutra::cypher
