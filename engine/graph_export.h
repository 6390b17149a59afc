// Graph export: the whole crime graph, or a neighbourhood, as files that Gephi, Cytoscape,
// igraph and networkx open directly (`sutra export`).
//
// Every format keeps each node's id, type, display label (storage::DisplayLabel) and protection
// flags (storage::ProtectionFlags, joined with ';', in an attribute `protection_flags`, so an
// analyst in Gephi sees "acquitted" or "juvenile" beside the node), every node and edge
// property, and each edge's type and provenance (FIR, station, load batch).
//
// Formats:
// - GraphML: one <key> per attribute, attr.type long/double/boolean/string. A property whose
//   values have more than one type (a long here, a string there) is declared string.
//   Edges are directed (edgedefault="directed"); parallel edges keep their own ids.
// - GEXF 1.3 (namespace http://gexf.net/1.3): node and edge attributes declared in
//   <attributes>; the display label is the node's native label, the edge type the edge's label.
// - CSV: two RFC 4180 files (CRLF line ends; fields with , " CR or LF quoted, quotes doubled),
//   one column per property key (empty when a row lacks it) so every tool reads them without
//   parsing JSON out of a cell:
//     nodes.csv  Id,Label,type,protection_flags,<property keys...>
//     edges.csv  Source,Target,Type,Id,Label,fir,station,batch,<property keys...>
//   Why these headers: Gephi's spreadsheet import recognises Id/Label for nodes and
//   Source/Target/Type/Id/Label for edges (Type is Directed/Undirected there, so the edge type
//   goes in Label, which Gephi draws on the edge); igraph's Graph.DataFrame takes the first
//   column of nodes.csv as vertex names and the first two of edges.csv as endpoints; pandas and
//   networkx (from_pandas_edgelist(df, "Source", "Target", edge_attr=True)) take any column.
//   Gephi matches these names ignoring case, so a property whose name equals a fixed column or
//   attribute ignoring case (a "label" property, say) is written as "property_<name>", in every
//   format alike.
// Text is made valid before it is written: invalid UTF-8 and control characters other than tab,
// LF and CR (which XML 1.0 forbids and CSV readers choke on) become U+FFFD; XML text escapes
// & < > " ' and writes tab, LF and CR as character references so attribute values keep them.
//
// Files are written to a temporary file beside the target and renamed into place when complete,
// so a failed or interrupted export never leaves a half-written file under the target's name
// (an existing file of that name is replaced only by a complete export). The temporary file is
// created readable by its owner only (police records), and keeps that mode.
//
// Thread safety: a GraphWriter belongs to one thread. ExportGraph may run on several threads at
// once for different targets.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/export_text.h"  // XmlEscape, CsvField: the writers' text rules
#include "storage/graph_store.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::engine {

enum class ExportFormat { kGraphMl, kGexf, kCsv };

// "graphml", "gexf", "csv" (case-insensitive); std::nullopt for any other name.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
std::string_view ExportFormatName(ExportFormat format);

// The one type shared by all values of a property key, or kString when they differ.
enum class ColumnType { kLong, kDouble, kBoolean, kString };

struct PropertyColumn {
  std::string key;   // the property name as stored
  std::string name;  // the attribute / column name written: `key`, or "property_<key>"
  ColumnType type = ColumnType::kString;
};

// Every property key found on nodes and on edges, each list in key order. The writers declare
// these before the first element (GraphML and GEXF need them up front).
struct ExportSchema {
  std::vector<PropertyColumn> node_columns;
  std::vector<PropertyColumn> edge_columns;
};

// Collects an ExportSchema from one pass over the elements to be exported.
class SchemaBuilder {
 public:
  void AddNode(const storage::Node& node);
  void AddEdge(const storage::Edge& edge);
  ExportSchema Build() const;

 private:
  std::map<std::string, ColumnType, std::less<>> node_types_;
  std::map<std::string, ColumnType, std::less<>> edge_types_;
};

// A streaming writer of one format. Call Begin once, WriteNode for every node, then WriteEdge
// for every edge (all nodes before the first edge), then Finish, which completes the files and
// renames them into place. A writer destroyed before Finish succeeds removes its temporary
// files and leaves the targets untouched. The caller must write every edge's endpoints as nodes
// (the store guarantees it; ExportGraph checks it for a Subgraph). After an error the writer
// can only be destroyed.
class GraphWriter {
 public:
  virtual ~GraphWriter() = default;
  virtual Status Begin(const ExportSchema& schema) = 0;
  virtual Status WriteNode(const storage::Node& node) = 0;
  virtual Status WriteEdge(const storage::Edge& edge) = 0;
  virtual Status Finish() = 0;
  // The files this writer produces, in the order they are renamed into place.
  virtual std::vector<std::filesystem::path> files() const = 0;
};

// A writer of `format` to `out`: the file itself for GraphML and GEXF; for CSV, the two files
// of CsvExportPaths(out). The temporary files are created now: IoError naming the target when
// its directory is missing or not writable; InvalidArgument when `out` is an existing
// directory (GraphML, GEXF).
StatusOr<std::unique_ptr<GraphWriter>> OpenGraphWriter(ExportFormat format,
                                                       const std::filesystem::path& out);

// Where a CSV export to `out` goes. An existing directory, or a path ending in '/', is a
// directory: OUT/nodes.csv and OUT/edges.csv. Any other path is a prefix, with a ".csv"
// extension dropped: "gang" and "gang.csv" both give gang.nodes.csv and gang.edges.csv.
struct CsvPaths {
  std::filesystem::path nodes;
  std::filesystem::path edges;
};
CsvPaths CsvExportPaths(const std::filesystem::path& out);

struct ExportProgress {
  std::uint64_t done = 0;   // elements scanned or written so far
  std::uint64_t total = 0;  // elements to scan and write: twice the nodes and edges
  double seconds = 0;       // since the export began
};

struct ExportOptions {
  // Called every few thousand elements and once at the end; may be empty.
  std::function<void(const ExportProgress&)> progress = {};
  // How each node of a whole-graph export is written (the guarded engine withholds protected
  // identities here); empty: as stored. Called once per pass (schema, then files).
  std::function<storage::Node(const storage::Node&)> present = {};
};

struct ExportSummary {
  std::uint64_t nodes = 0;
  std::uint64_t edges = 0;
  std::vector<std::filesystem::path> files;  // as written
};

// Writes every node and edge of `txn`'s snapshot: a first pass collects the schema, a second
// writes, both in id order from the one transaction, so the files describe one consistent
// graph and memory does not grow with its size.
// TODO(perf): the schema pass decodes every element once more than the writing pass needs.
StatusOr<ExportSummary> ExportGraph(const storage::ReadTxn& txn, ExportFormat format,
                                    const std::filesystem::path& out,
                                    const ExportOptions& options = {});

// Writes `graph` (from Engine::Neighborhood or Expand). InvalidArgument, with nothing written,
// when a node id appears twice or an edge joins a node that is not in `graph.nodes`.
StatusOr<ExportSummary> ExportGraph(const storage::Subgraph& graph, ExportFormat format,
                                    const std::filesystem::path& out,
                                    const ExportOptions& options = {});

}  // namespace sutra::engine
