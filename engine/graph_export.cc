#include "engine/graph_export.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <set>
#include <system_error>
#include <utility>

#include "engine/atomic_file.h"
#include "engine/export_text.h"

namespace sutra::engine {
namespace {

namespace fs = std::filesystem;
using storage::Edge;
using storage::Node;
using storage::Value;

// The lexical form of a value in every format: decimal integers; doubles in the shortest form
// that reads back to the same double (XML Schema's NaN/INF/-INF for the rest); true/false.
std::string ValueText(const Value& value) {
  if (const auto* d = std::get_if<double>(&value)) {
    if (std::isnan(*d)) return "NaN";
    if (std::isinf(*d)) return *d > 0 ? "INF" : "-INF";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, *d);
    return std::string(buffer, result.ptr);
  }
  return storage::ValueToString(value);
}

std::string FlagsText(const Node& node) {
  std::string out;
  for (const std::string& flag : storage::ProtectionFlags(node)) {
    out += (out.empty() ? "" : ";") + flag;
  }
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kLong:
      return "long";
    case ColumnType::kDouble:
      return "double";
    case ColumnType::kBoolean:
      return "boolean";
    case ColumnType::kString:
      return "string";
  }
  return "string";
}

ColumnType TypeOf(const Value& value) {
  static constexpr ColumnType kByIndex[] = {ColumnType::kLong, ColumnType::kDouble,
                                            ColumnType::kBoolean, ColumnType::kString};
  return kByIndex[value.index()];
}

// Names every format writes itself, lower case: a property may not take one of them.
const std::set<std::string, std::less<>>& FixedNodeNames() {
  static const std::set<std::string, std::less<>> names{"id", "label", "type", "protection_flags"};
  return names;
}
const std::set<std::string, std::less<>>& FixedEdgeNames() {
  static const std::set<std::string, std::less<>> names{"id",    "source", "target",  "type",
                                                        "label", "fir",    "station", "batch"};
  return names;
}

std::vector<PropertyColumn> Columns(const std::map<std::string, ColumnType, std::less<>>& types,
                                    const std::set<std::string, std::less<>>& fixed) {
  std::set<std::string, std::less<>> taken(fixed.begin(), fixed.end());
  for (const auto& [key, type] : types) taken.insert(Lower(key));
  std::vector<PropertyColumn> columns;
  for (const auto& [key, type] : types) {
    std::string name = key;
    if (fixed.contains(Lower(key))) {
      do name = "property_" + name;
      while (taken.contains(Lower(name)));
      taken.insert(Lower(name));
    }
    columns.push_back({.key = key, .name = std::move(name), .type = type});
  }
  return columns;
}

void AddTypes(const storage::Properties& properties,
              std::map<std::string, ColumnType, std::less<>>& types) {
  for (const auto& [key, value] : properties) {
    const ColumnType type = TypeOf(value);
    auto [it, inserted] = types.try_emplace(key, type);
    if (!inserted && it->second != type) it->second = ColumnType::kString;
  }
}

// ---------------------------------------------------------------------------------------------
// Files

// Column index of every property key, for writers that look values up by key.
std::map<std::string, std::size_t, std::less<>> IndexByKey(
    const std::vector<PropertyColumn>& columns) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < columns.size(); ++i) index.emplace(columns[i].key, i);
  return index;
}

Status NotInSchema(std::string_view what, std::uint64_t id, std::string_view key) {
  return InvalidArgument(std::string(what) + " " + std::to_string(id) + " has property '" +
                         std::string(key) + "', which the export schema does not declare");
}

// ---------------------------------------------------------------------------------------------
// GraphML

class GraphMlWriter final : public GraphWriter {
 public:
  explicit GraphMlWriter(std::unique_ptr<AtomicFile> file) : file_(std::move(file)) {}

  Status Begin(const ExportSchema& schema) override {
    node_index_ = IndexByKey(schema.node_columns);
    edge_index_ = IndexByKey(schema.edge_columns);
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    // Fixed keys first: n0 label, n1 type, n2 protection_flags; e0 label, e1 fir, e2 station,
    // e3 batch; property keys follow as n3..., e4....
    AppendKey(out, "n0", "node", "label", ColumnType::kString);
    AppendKey(out, "n1", "node", "type", ColumnType::kString);
    AppendKey(out, "n2", "node", "protection_flags", ColumnType::kString);
    for (std::size_t i = 0; i < schema.node_columns.size(); ++i) {
      const PropertyColumn& c = schema.node_columns[i];
      AppendKey(out, "n" + std::to_string(i + kFixedNodeKeys), "node", c.name, c.type);
    }
    AppendKey(out, "e0", "edge", "label", ColumnType::kString);
    AppendKey(out, "e1", "edge", "fir", ColumnType::kString);
    AppendKey(out, "e2", "edge", "station", ColumnType::kString);
    AppendKey(out, "e3", "edge", "batch", ColumnType::kLong);
    for (std::size_t i = 0; i < schema.edge_columns.size(); ++i) {
      const PropertyColumn& c = schema.edge_columns[i];
      AppendKey(out, "e" + std::to_string(i + kFixedEdgeKeys), "edge", c.name, c.type);
    }
    out += "  <graph id=\"sutra\" edgedefault=\"directed\">\n";
    return file_->Append(out);
  }

  Status WriteNode(const Node& node) override {
    std::string out = "    <node id=\"" + std::to_string(node.id) + "\">";
    AppendData(out, "n0", storage::DisplayLabel(node));
    AppendData(out, "n1", storage::NodeTypeName(node.type));
    if (std::string flags = FlagsText(node); !flags.empty()) AppendData(out, "n2", flags);
    for (const auto& [key, value] : node.properties) {
      auto it = node_index_.find(key);
      if (it == node_index_.end()) return NotInSchema("node", node.id, key);
      AppendData(out, "n" + std::to_string(it->second + kFixedNodeKeys), ValueText(value));
    }
    out += "</node>\n";
    return file_->Append(out);
  }

  Status WriteEdge(const Edge& edge) override {
    std::string out = "    <edge id=\"" + std::to_string(edge.id) + "\" source=\"" +
                      std::to_string(edge.from) + "\" target=\"" + std::to_string(edge.to) + "\">";
    AppendData(out, "e0", storage::EdgeTypeName(edge.type));
    if (!edge.provenance.fir.empty()) AppendData(out, "e1", edge.provenance.fir);
    if (!edge.provenance.station.empty()) AppendData(out, "e2", edge.provenance.station);
    AppendData(out, "e3", std::to_string(edge.provenance.batch));
    for (const auto& [key, value] : edge.properties) {
      auto it = edge_index_.find(key);
      if (it == edge_index_.end()) return NotInSchema("edge", edge.id, key);
      AppendData(out, "e" + std::to_string(it->second + kFixedEdgeKeys), ValueText(value));
    }
    out += "</edge>\n";
    return file_->Append(out);
  }

  Status Finish() override {
    SUTRA_RETURN_IF_ERROR(file_->Append("  </graph>\n</graphml>\n"));
    SUTRA_RETURN_IF_ERROR(file_->Close());
    return file_->Publish();
  }

  std::vector<fs::path> files() const override { return {file_->target()}; }

 private:
  static constexpr std::size_t kFixedNodeKeys = 3;
  static constexpr std::size_t kFixedEdgeKeys = 4;

  static void AppendKey(std::string& out, std::string_view id, std::string_view for_what,
                        std::string_view name, ColumnType type) {
    out += "  <key id=\"";
    out += id;
    out += "\" for=\"";
    out += for_what;
    out += "\" attr.name=\"";
    AppendXml(out, name);
    out += "\" attr.type=\"";
    out += TypeName(type);
    out += "\"/>\n";
  }

  static void AppendData(std::string& out, std::string_view key, std::string_view text) {
    out += "<data key=\"";
    out += key;
    out += "\">";
    AppendXml(out, text);
    out += "</data>";
  }

  std::unique_ptr<AtomicFile> file_;
  std::map<std::string, std::size_t, std::less<>> node_index_;
  std::map<std::string, std::size_t, std::less<>> edge_index_;
};

// ---------------------------------------------------------------------------------------------
// GEXF 1.3

class GexfWriter final : public GraphWriter {
 public:
  explicit GexfWriter(std::unique_ptr<AtomicFile> file) : file_(std::move(file)) {}

  Status Begin(const ExportSchema& schema) override {
    node_index_ = IndexByKey(schema.node_columns);
    edge_index_ = IndexByKey(schema.edge_columns);
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<gexf xmlns=\"http://gexf.net/1.3\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
        "version=\"1.3\">\n"
        "  <meta><creator>Sutra</creator><description>Crime graph: FIRs, person records, "
        "phones, vehicles, locations, stations</description></meta>\n"
        "  <graph mode=\"static\" defaultedgetype=\"directed\">\n"
        "    <attributes class=\"node\" mode=\"static\">\n";
    // Node attributes n0 type, n1 protection_flags, then n2... for properties; edge attributes
    // e0 fir, e1 station, e2 batch, then e3.... Labels are native to GEXF elements.
    AppendAttribute(out, "n0", "type", ColumnType::kString);
    AppendAttribute(out, "n1", "protection_flags", ColumnType::kString);
    for (std::size_t i = 0; i < schema.node_columns.size(); ++i) {
      const PropertyColumn& c = schema.node_columns[i];
      AppendAttribute(out, "n" + std::to_string(i + kFixedNodeAttributes), c.name, c.type);
    }
    out += "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
    AppendAttribute(out, "e0", "fir", ColumnType::kString);
    AppendAttribute(out, "e1", "station", ColumnType::kString);
    AppendAttribute(out, "e2", "batch", ColumnType::kLong);
    for (std::size_t i = 0; i < schema.edge_columns.size(); ++i) {
      const PropertyColumn& c = schema.edge_columns[i];
      AppendAttribute(out, "e" + std::to_string(i + kFixedEdgeAttributes), c.name, c.type);
    }
    out += "    </attributes>\n    <nodes>\n";
    return file_->Append(out);
  }

  Status WriteNode(const Node& node) override {
    std::string out = "      <node id=\"" + std::to_string(node.id) + "\" label=\"";
    AppendXml(out, storage::DisplayLabel(node));
    out += "\"><attvalues>";
    AppendValue(out, "n0", storage::NodeTypeName(node.type));
    if (std::string flags = FlagsText(node); !flags.empty()) AppendValue(out, "n1", flags);
    for (const auto& [key, value] : node.properties) {
      auto it = node_index_.find(key);
      if (it == node_index_.end()) return NotInSchema("node", node.id, key);
      AppendValue(out, "n" + std::to_string(it->second + kFixedNodeAttributes), ValueText(value));
    }
    out += "</attvalues></node>\n";
    return file_->Append(out);
  }

  Status WriteEdge(const Edge& edge) override {
    std::string out;
    if (!in_edges_) {
      out = "    </nodes>\n    <edges>\n";
      in_edges_ = true;
    }
    out += "      <edge id=\"" + std::to_string(edge.id) + "\" source=\"" +
           std::to_string(edge.from) + "\" target=\"" + std::to_string(edge.to) + "\" label=\"";
    out += storage::EdgeTypeName(edge.type);
    out += "\"><attvalues>";
    if (!edge.provenance.fir.empty()) AppendValue(out, "e0", edge.provenance.fir);
    if (!edge.provenance.station.empty()) AppendValue(out, "e1", edge.provenance.station);
    AppendValue(out, "e2", std::to_string(edge.provenance.batch));
    for (const auto& [key, value] : edge.properties) {
      auto it = edge_index_.find(key);
      if (it == edge_index_.end()) return NotInSchema("edge", edge.id, key);
      AppendValue(out, "e" + std::to_string(it->second + kFixedEdgeAttributes), ValueText(value));
    }
    out += "</attvalues></edge>\n";
    return file_->Append(out);
  }

  Status Finish() override {
    std::string out = in_edges_ ? "    </edges>\n" : "    </nodes>\n    <edges>\n    </edges>\n";
    out += "  </graph>\n</gexf>\n";
    SUTRA_RETURN_IF_ERROR(file_->Append(out));
    SUTRA_RETURN_IF_ERROR(file_->Close());
    return file_->Publish();
  }

  std::vector<fs::path> files() const override { return {file_->target()}; }

 private:
  static constexpr std::size_t kFixedNodeAttributes = 2;
  static constexpr std::size_t kFixedEdgeAttributes = 3;

  static void AppendAttribute(std::string& out, std::string_view id, std::string_view title,
                              ColumnType type) {
    out += "      <attribute id=\"";
    out += id;
    out += "\" title=\"";
    AppendXml(out, title);
    out += "\" type=\"";
    out += TypeName(type);
    out += "\"/>\n";
  }

  static void AppendValue(std::string& out, std::string_view id, std::string_view text) {
    out += "<attvalue for=\"";
    out += id;
    out += "\" value=\"";
    AppendXml(out, text);
    out += "\"/>";
  }

  std::unique_ptr<AtomicFile> file_;
  std::map<std::string, std::size_t, std::less<>> node_index_;
  std::map<std::string, std::size_t, std::less<>> edge_index_;
  bool in_edges_ = false;
};

// ---------------------------------------------------------------------------------------------
// CSV

class CsvWriter final : public GraphWriter {
 public:
  CsvWriter(std::unique_ptr<AtomicFile> nodes, std::unique_ptr<AtomicFile> edges)
      : nodes_(std::move(nodes)), edges_(std::move(edges)) {}

  Status Begin(const ExportSchema& schema) override {
    schema_ = schema;
    std::string header = "Id,Label,type,protection_flags";
    for (const PropertyColumn& c : schema_.node_columns) AppendCell(header, c.name);
    SUTRA_RETURN_IF_ERROR(nodes_->Append(header + "\r\n"));
    header = "Source,Target,Type,Id,Label,fir,station,batch";
    for (const PropertyColumn& c : schema_.edge_columns) AppendCell(header, c.name);
    return edges_->Append(header + "\r\n");
  }

  Status WriteNode(const Node& node) override {
    std::string row = std::to_string(node.id);
    AppendCell(row, storage::DisplayLabel(node));
    AppendCell(row, storage::NodeTypeName(node.type));
    AppendCell(row, FlagsText(node));
    SUTRA_RETURN_IF_ERROR(
        AppendProperties(row, node.properties, schema_.node_columns, "node", node.id));
    return nodes_->Append(row + "\r\n");
  }

  Status WriteEdge(const Edge& edge) override {
    std::string row = std::to_string(edge.from) + "," + std::to_string(edge.to) + ",Directed," +
                      std::to_string(edge.id);
    AppendCell(row, storage::EdgeTypeName(edge.type));
    AppendCell(row, edge.provenance.fir);
    AppendCell(row, edge.provenance.station);
    AppendCell(row, std::to_string(edge.provenance.batch));
    SUTRA_RETURN_IF_ERROR(
        AppendProperties(row, edge.properties, schema_.edge_columns, "edge", edge.id));
    return edges_->Append(row + "\r\n");
  }

  // Both files are complete on disk before either is renamed, so the pair is replaced
  // together (barring a failed rename in between, which the error then names).
  Status Finish() override {
    SUTRA_RETURN_IF_ERROR(nodes_->Close());
    SUTRA_RETURN_IF_ERROR(edges_->Close());
    SUTRA_RETURN_IF_ERROR(nodes_->Publish());
    return edges_->Publish();
  }

  std::vector<fs::path> files() const override { return {nodes_->target(), edges_->target()}; }

 private:
  static void AppendCell(std::string& row, std::string_view text) {
    row += ',';
    AppendCsv(row, text);
  }

  // One cell per column: the columns and the properties are both in key order, so one merge
  // walk finds each value.
  static Status AppendProperties(std::string& row, const storage::Properties& properties,
                                 const std::vector<PropertyColumn>& columns, std::string_view what,
                                 std::uint64_t id) {
    auto property = properties.begin();
    for (const PropertyColumn& column : columns) {
      if (property != properties.end() && property->first < column.key) {
        return NotInSchema(what, id, property->first);
      }
      if (property != properties.end() && property->first == column.key) {
        AppendCell(row, ValueText(property->second));
        ++property;
      } else {
        row += ',';
      }
    }
    if (property != properties.end()) return NotInSchema(what, id, property->first);
    return Status::Ok();
  }

  std::unique_ptr<AtomicFile> nodes_;
  std::unique_ptr<AtomicFile> edges_;
  ExportSchema schema_;
};

// ---------------------------------------------------------------------------------------------
// Export driver

using NodeVisitor = std::function<bool(const Node&)>;
using EdgeVisitor = std::function<bool(const Edge&)>;
using NodeScan = std::function<Status(const NodeVisitor&)>;
using EdgeScan = std::function<Status(const EdgeVisitor&)>;

class ProgressTicker {
 public:
  ProgressTicker(const std::function<void(const ExportProgress&)>& report, std::uint64_t total)
      : report_(report), total_(total) {}
  void Tick() {
    if (++done_ % kEvery == 0) Report();
  }
  void Report() {
    if (!report_) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    report_({.done = done_, .total = std::max(total_, done_), .seconds = seconds});
  }

 private:
  static constexpr std::uint64_t kEvery = 4096;
  const std::function<void(const ExportProgress&)>& report_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Scans the elements twice, the schema first and then the files; `elements` (nodes plus
// edges) sizes the progress reports.
StatusOr<ExportSummary> RunExport(const NodeScan& scan_nodes, const EdgeScan& scan_edges,
                                  std::uint64_t elements, ExportFormat format, const fs::path& out,
                                  const ExportOptions& options) {
  // Opening first refuses an unwritable target before the scan.
  SUTRA_ASSIGN_OR_RETURN(std::unique_ptr<GraphWriter> writer, OpenGraphWriter(format, out));
  ProgressTicker ticker(options.progress, 2 * elements);
  SchemaBuilder schema;
  SUTRA_RETURN_IF_ERROR(scan_nodes([&](const Node& node) {
    schema.AddNode(node);
    ticker.Tick();
    return true;
  }));
  SUTRA_RETURN_IF_ERROR(scan_edges([&](const Edge& edge) {
    schema.AddEdge(edge);
    ticker.Tick();
    return true;
  }));
  SUTRA_RETURN_IF_ERROR(writer->Begin(schema.Build()));
  ExportSummary summary;
  Status status;
  SUTRA_RETURN_IF_ERROR(scan_nodes([&](const Node& node) {
    status = writer->WriteNode(node);
    ++summary.nodes;
    ticker.Tick();
    return status.ok();
  }));
  SUTRA_RETURN_IF_ERROR(status);
  SUTRA_RETURN_IF_ERROR(scan_edges([&](const Edge& edge) {
    status = writer->WriteEdge(edge);
    ++summary.edges;
    ticker.Tick();
    return status.ok();
  }));
  SUTRA_RETURN_IF_ERROR(status);
  SUTRA_RETURN_IF_ERROR(writer->Finish());
  ticker.Report();
  summary.files = writer->files();
  return summary;
}

Status CheckSubgraph(const storage::Subgraph& graph) {
  std::set<storage::NodeId> ids;
  for (const Node& node : graph.nodes) {
    if (!ids.insert(node.id).second) {
      return InvalidArgument("node " + std::to_string(node.id) + " appears twice in the graph");
    }
  }
  for (const Edge& edge : graph.edges) {
    for (storage::NodeId end : {edge.from, edge.to}) {
      if (!ids.contains(end)) {
        return InvalidArgument("edge " + std::to_string(edge.id) + " joins node " +
                               std::to_string(end) + ", which is not in the graph");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  const std::string lower = Lower(name);
  if (lower == "graphml") return ExportFormat::kGraphMl;
  if (lower == "gexf") return ExportFormat::kGexf;
  if (lower == "csv") return ExportFormat::kCsv;
  return std::nullopt;
}

std::string_view ExportFormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::kGraphMl:
      return "graphml";
    case ExportFormat::kGexf:
      return "gexf";
    case ExportFormat::kCsv:
      return "csv";
  }
  return "graphml";
}

void SchemaBuilder::AddNode(const Node& node) { AddTypes(node.properties, node_types_); }
void SchemaBuilder::AddEdge(const Edge& edge) { AddTypes(edge.properties, edge_types_); }

ExportSchema SchemaBuilder::Build() const {
  return {.node_columns = Columns(node_types_, FixedNodeNames()),
          .edge_columns = Columns(edge_types_, FixedEdgeNames())};
}

CsvPaths CsvExportPaths(const fs::path& out) {
  std::error_code ec;
  const std::string text = out.string();
  if (fs::is_directory(out, ec) || (!text.empty() && text.back() == '/')) {
    return {.nodes = out / "nodes.csv", .edges = out / "edges.csv"};
  }
  fs::path prefix = out;
  if (prefix.extension() == ".csv") prefix.replace_extension();
  return {.nodes = prefix.string() + ".nodes.csv", .edges = prefix.string() + ".edges.csv"};
}

StatusOr<std::unique_ptr<GraphWriter>> OpenGraphWriter(ExportFormat format, const fs::path& out) {
  if (out.empty()) return InvalidArgument("no output path given");
  switch (format) {
    case ExportFormat::kGraphMl: {
      SUTRA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(out));
      return std::unique_ptr<GraphWriter>(std::make_unique<GraphMlWriter>(std::move(file)));
    }
    case ExportFormat::kGexf: {
      SUTRA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(out));
      return std::unique_ptr<GraphWriter>(std::make_unique<GexfWriter>(std::move(file)));
    }
    case ExportFormat::kCsv: {
      const CsvPaths paths = CsvExportPaths(out);
      SUTRA_ASSIGN_OR_RETURN(auto nodes, AtomicFile::Create(paths.nodes));
      SUTRA_ASSIGN_OR_RETURN(auto edges, AtomicFile::Create(paths.edges));
      return std::unique_ptr<GraphWriter>(
          std::make_unique<CsvWriter>(std::move(nodes), std::move(edges)));
    }
  }
  return InvalidArgument("unknown export format");
}

StatusOr<ExportSummary> ExportGraph(const storage::ReadTxn& txn, ExportFormat format,
                                    const fs::path& out, const ExportOptions& options) {
  SUTRA_ASSIGN_OR_RETURN(storage::EntryCounts counts, txn.CountEntries());
  return RunExport(
      [&](const NodeVisitor& visit) {
        if (!options.present) return txn.ForEachNode(visit);
        return txn.ForEachNode([&](const Node& node) { return visit(options.present(node)); });
      },
      [&](const EdgeVisitor& visit) { return txn.ForEachEdge(visit); }, counts.nodes + counts.edges,
      format, out, options);
}

StatusOr<ExportSummary> ExportGraph(const storage::Subgraph& graph, ExportFormat format,
                                    const fs::path& out, const ExportOptions& options) {
  SUTRA_RETURN_IF_ERROR(CheckSubgraph(graph));
  return RunExport(
      [&](const NodeVisitor& visit) {
        for (const Node& node : graph.nodes) {
          if (!visit(node)) break;
        }
        return Status::Ok();
      },
      [&](const EdgeVisitor& visit) {
        for (const Edge& edge : graph.edges) {
          if (!visit(edge)) break;
        }
        return Status::Ok();
      },
      graph.nodes.size() + graph.edges.size(), format, out, options);
}

}  // namespace sutra::engine
