// `sutra export`: the whole graph, or the neighbourhood of one node, as GraphML, GEXF or CSV
// for Gephi, Cytoscape, igraph and networkx (engine/graph_export.h has what each file holds).

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "engine/cli/access_options.h"
#include "engine/cli/commands.h"
#include "engine/engine.h"
#include "engine/graph_export.h"

namespace sutra::cli {
namespace {

struct ExportArgs {
  std::string db;
  std::string format;  // empty: from the extension of --out
  std::string out;
  std::optional<storage::NodeId> around;
  std::optional<int> hops;
  std::optional<std::size_t> limit;
  std::optional<std::size_t> max_nodes;
  AccessArgs access;
};

constexpr int kDefaultHops = 2;
constexpr int kMostHops = 6;
constexpr std::size_t kDefaultLimit = 100;
constexpr std::size_t kDefaultAroundNodes = 10000;

StatusOr<engine::ExportFormat> ChooseFormat(const ExportArgs& args) {
  if (!args.format.empty()) {
    if (auto format = engine::ParseExportFormat(args.format)) return *format;
    return InvalidArgument(
        fmt::format("unknown --format '{}': give graphml, gexf or csv", args.format));
  }
  const std::string extension = std::filesystem::path(args.out).extension().string();
  if (auto format = engine::ParseExportFormat(extension.empty() ? "" : extension.substr(1))) {
    return *format;
  }
  return InvalidArgument(fmt::format(
      "cannot tell the format from --out '{}': give --format graphml, gexf or csv", args.out));
}

Status CheckOptions(const ExportArgs& args) {
  if (!args.around && (args.hops || args.limit)) {
    return InvalidArgument("--hops and --limit shape a neighbourhood: give --around ID as well");
  }
  if (args.hops && (*args.hops < 1 || *args.hops > kMostHops)) {
    return InvalidArgument(
        fmt::format("--hops {} is out of range: give 1 to {}", *args.hops, kMostHops));
  }
  if ((args.limit && *args.limit == 0) || (args.max_nodes && *args.max_nodes == 0)) {
    return InvalidArgument("--limit and --max-nodes must be at least 1");
  }
  return Status::Ok();
}

std::string Duration(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

// Progress on stderr once an export has run for two seconds: redrawn in place on a terminal,
// a line every five seconds otherwise. Sets `*drawn` when it drew on a terminal.
std::function<void(const engine::ExportProgress&)> ProgressPrinter(bool* drawn) {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  auto last_line = std::make_shared<double>(0);
  return [terminal, last_line, drawn](const engine::ExportProgress& p) {
    if (p.seconds < 2 || p.total == 0) return;
    const double done = static_cast<double>(p.done) / static_cast<double>(p.total);
    const std::string eta = done > 0.01 && done < 1 ? Duration(p.seconds * (1 - done) / done) : "-";
    const std::string line =
        fmt::format("export: {:3.0f}% {} of {} elements scanned and written, {:.0f}/s, ETA {}",
                    done * 100, p.done, p.total, static_cast<double>(p.done) / p.seconds, eta);
    if (terminal) {
      std::cerr << "\r" << line << "   " << std::flush;
      *drawn = true;
    } else if (p.seconds - *last_line >= 5) {
      *last_line = p.seconds;
      std::cerr << line << "\n";
    }
  };
}

std::string FilesText(const std::vector<std::filesystem::path>& files) {
  std::string out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    out += (i == 0 ? "" : " and ") + files[i].string();
  }
  return out;
}

int ExportWholeGraph(const GuardedSession& session, const ExportArgs& args,
                     engine::ExportFormat format) {
  auto txn = session.engine->store().BeginRead();
  if (!txn.ok()) return Fail("export", txn.status());
  if (args.max_nodes) {
    auto counts = txn->CountEntries();
    if (!counts.ok()) return Fail("export", counts.status());
    if (counts->nodes > *args.max_nodes) {
      return Fail("export", FailedPrecondition(fmt::format(
                                "{} holds {} nodes, more than --max-nodes {}: export a "
                                "neighbourhood with --around ID --hops K, or raise --max-nodes",
                                args.db, counts->nodes, *args.max_nodes)));
    }
  }
  bool drawn = false;
  auto summary = session.guarded->ExportAll(session.context, format, args.out,
                                            {.progress = ProgressPrinter(&drawn), .present = {}});
  if (drawn) std::cerr << "\n";
  if (!summary.ok()) return Fail("export", summary.status());
  std::cout << fmt::format("exported {} nodes and {} edges as {} to {}\n", summary->nodes,
                           summary->edges, engine::ExportFormatName(format),
                           FilesText(summary->files));
  return kExitOk;
}

int ExportNeighbourhood(const GuardedSession& session, const ExportArgs& args,
                        engine::ExportFormat format) {
  const int hops = args.hops.value_or(kDefaultHops);
  // Assigned field by field: the options carry more (a link filter) than export sets.
  algorithms::KHopOptions options;
  options.hops = hops;
  options.per_node_limit = args.limit.value_or(kDefaultLimit);
  options.max_nodes = args.max_nodes.value_or(kDefaultAroundNodes);
  auto exported = session.guarded->Export(session.context, *args.around, options, format, args.out);
  if (!exported.ok()) {
    if (exported.status().code() != StatusCode::kNotFound) return Fail("export", exported.status());
    return Fail("export", NotFound(fmt::format("no node has id {} in {} (find ids with "
                                               "`sutra search`)",
                                               *args.around, args.db)));
  }
  const auto& g = *exported;
  const auto* summary = &exported->summary;
  const std::uint64_t followed = std::min<std::uint64_t>(summary->edges, g.total_neighbors);
  const std::string extent = g.truncated
                                 ? fmt::format(
                                       "capped: {} of {} links seen were not followed (raise "
                                       "--max-nodes or --limit)",
                                       g.total_neighbors - followed, g.total_neighbors)
                                 : std::string("complete");
  std::cout << fmt::format(
      "exported {} nodes and {} edges as {} to {}: the neighbourhood of node {} within {} "
      "hop(s), {}\n",
      summary->nodes, summary->edges, engine::ExportFormatName(format), FilesText(summary->files),
      *args.around, hops, extent);
  return kExitOk;
}

int RunExport(const ExportArgs& args) {
  if (Status status = CheckOptions(args); !status.ok()) return Fail("export", status);
  auto format = ChooseFormat(args);
  if (!format.ok()) return Fail("export", format.status());
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("export", session.status());
  return args.around ? ExportNeighbourhood(**session, args, *format)
                     : ExportWholeGraph(**session, args, *format);
}

}  // namespace

void AddExportCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write the whole graph, or the neighbourhood of one node, for Gephi, Cytoscape, igraph\n"
      "or networkx: GraphML, GEXF 1.3, or CSV (PREFIX.nodes.csv and PREFIX.edges.csv, or\n"
      "nodes.csv and edges.csv in a directory). Node ids, types, labels, protection flags\n"
      "(acquitted, juvenile...) and every property are kept; edges keep their FIR, station\n"
      "and load batch. The files appear only when complete. Prints one summary line.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("--format", args->format,
                  "graphml, gexf or csv (default: from the extension of --out)");
  cmd->add_option("--out", args->out, "File to write; for csv a directory or a file prefix")
      ->required();
  cmd->add_option("--around", args->around,
                  "Export only the neighbourhood of this node id (from `sutra search`)");
  cmd->add_option("--hops", args->hops,
                  fmt::format("With --around: links to follow outward, 1 to {} (default {})",
                              kMostHops, kDefaultHops));
  cmd->add_option("--limit", args->limit,
                  fmt::format("With --around: most links followed from any one node (default {})",
                              kDefaultLimit));
  cmd->add_option("--max-nodes", args->max_nodes,
                  fmt::format("With --around: most nodes exported (default {}); without it: "
                              "refuse a graph with more nodes than this",
                              kDefaultAroundNodes));
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, &exit_code] { exit_code = RunExport(*args); });
}

}  // namespace sutra::cli
