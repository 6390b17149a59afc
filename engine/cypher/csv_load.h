// Bulk loading of CSV files into any QueryGraph, the way Kuzu's `COPY Label FROM 'file.csv'`
// loads a node or relationship table: one file per label or relationship type, columns in file
// order, typed by the spec, an empty field meaning null (no property). Relationship files start
// with the primary keys of their start and end nodes. Used by `sutra query --load` and by the
// Kuzu benchmark (LoadLdbcSnb loads the LDBC SNB folder Kuzu ships as dataset/ldbc-sf01 with
// Kuzu's own schema, so the same Cypher query answers the same in both engines).
//
// Bad input throws CypherError (ArgumentError, detail "CsvLoadError") whose message names the
// file, the line, the column and what to do. A failed load leaves the rows before the bad one
// written: the caller rolls the graph back (or commits what it wants to keep).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/cypher/query_graph.h"

namespace sutra::cypher {

// The type a column's text is read as. kDate is kept as the string it is written as.
enum class PropertyType : std::uint8_t { kInt, kFloat, kString, kBool, kDate };

// Whether the first line is a header. kAuto (Kuzu's default sniffing) takes it for a header
// when a typed field of it does not parse (e.g. "id:ID(Person)" in an integer column) or all of
// its fields equal the column names.
enum class CsvHeader : std::uint8_t { kAuto, kPresent, kAbsent };

using CsvColumns = std::vector<std::pair<std::string, PropertyType>>;  // (property, type)

struct CsvNodeSpec {
  std::string file;
  std::string label;
  CsvColumns columns;  // every column of the file, in file order
  char delimiter = ',';
  CsvHeader header = CsvHeader::kAuto;
  // The column whose values identify the nodes for relationship files (Kuzu's PRIMARY KEY):
  // unique per label, integer or string. Empty: the nodes are not referenced.
  std::string key_column;
};

struct CsvRelSpec {
  std::string file;
  std::string type;
  std::string from_label;  // column 1 holds a key of a from_label node: the start
  std::string to_label;    // column 2 holds a key of a to_label node: the end
  CsvColumns columns;      // the property columns after the two key columns
  char delimiter = ',';
  CsvHeader header = CsvHeader::kAuto;
};

// Primary key -> node, per label, filled by LoadCsvNodes and read by LoadCsvRelationships.
class KeyIndex {
 public:
  class LabelKeys {
   public:
    explicit LabelKeys(bool integer_keys) : integer_keys_(integer_keys) {}
    bool integer_keys() const { return integer_keys_; }
    std::size_t size() const { return int_count_ + strings_.size(); }
    // False when the key is already present (nothing changes).
    bool Insert(std::int64_t key, ElementId node);
    bool Insert(const std::string& key, ElementId node);
    std::optional<ElementId> Find(std::int64_t key) const;
    std::optional<ElementId> Find(const std::string& key) const;

   private:
    // Integer keys in an open-addressing table (linear probing, at most half full): the
    // relationship files look up two keys per line, so this is the loader's hottest path.
    struct Slot {
      std::int64_t key = 0;
      ElementId node = kEmpty;
    };
    static constexpr ElementId kEmpty = ~ElementId{0};
    std::size_t SlotOf(std::int64_t key) const;
    bool integer_keys_;
    std::vector<Slot> slots_;
    std::size_t int_count_ = 0;
    std::unordered_map<std::string, ElementId> strings_;
  };
  // The keys of `label`, created on first use with the given key kind.
  LabelKeys& ForLabel(const std::string& label, bool integer_keys);
  // Null when no node file with a key column has been loaded for `label`.
  const LabelKeys* Find(std::string_view label) const;

 private:
  std::unordered_map<std::string, LabelKeys> labels_;
};

// Loads one node file; returns the number of nodes created.
std::size_t LoadCsvNodes(QueryGraph& graph, const CsvNodeSpec& spec, KeyIndex& keys);
// Loads one relationship file; returns the number of relationships created.
std::size_t LoadCsvRelationships(QueryGraph& graph, const CsvRelSpec& spec, const KeyIndex& keys);

struct LdbcLoadCounts {
  std::vector<std::pair<std::string, std::size_t>> nodes;          // per label
  std::vector<std::pair<std::string, std::size_t>> relationships;  // per type
  std::size_t total_nodes = 0;
  std::size_t total_relationships = 0;
};

// Loads an LDBC SNB folder in Kuzu's layout (Comment.csv, Person_knows_Person.csv, ... with '|'
// delimiters): Kuzu's schema.cypher labels (Comment, Forum, Organisation, Person, Place, Post,
// Tag, TagClass), properties and relationship types and directions (knows, likes_Comment,
// Post_hasCreator, ...). Does not commit: the caller does.
LdbcLoadCounts LoadLdbcSnb(QueryGraph& graph, const std::string& dir);

}  // namespace sutra::cypher
