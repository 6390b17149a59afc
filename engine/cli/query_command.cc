// `sutra query`: runs Cypher on a database (or an in-memory graph) and prints the answer; also
// the pieces `sutra shell` shares (sessions, parameters, statement splitting).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/cli/commands.h"
#include "engine/cli/query_output.h"
#include "engine/cypher/evaluate.h"
#include "engine/cypher/memory_graph.h"
#include "engine/cypher/parser.h"
#include "engine/cypher_procedures.h"
#include "engine/cypher_store_graph.h"

namespace sutra::cli {
namespace {

// Evaluates a parameter's expression where no variable is bound.
class ConstantContext final : public cypher::EvalContext {
 public:
  explicit ConstantContext(const cypher::QueryGraph& graph)
      : env_{&graph, &no_parameters_, nullptr} {}
  const cypher::Value* Lookup(std::string_view) const override { return nullptr; }
  const cypher::EvalEnv& env() const override { return env_; }

 private:
  cypher::Map no_parameters_;
  cypher::EvalEnv env_;
};

struct QueryArgs {
  std::string db;
  bool memory = false;
  std::vector<std::string> params = {};
  Format format = Format::kTable;
  std::string file;
  std::string query;
  AccessArgs access;
};

int RunQueryCommand(const QueryArgs& args) {
  if (args.memory == !args.db.empty()) {
    std::cerr << "sutra query: give either --db DIR or --memory\n";
    return kExitFailure;
  }
  if (args.file.empty() == args.query.empty()) {
    std::cerr << "sutra query: give either a QUERY or -f FILE\n";
    return kExitFailure;
  }
  std::string script = args.query;
  if (!args.file.empty()) {
    std::ifstream in(args.file, std::ios::binary);
    if (!in) {
      std::cerr << "sutra query: cannot read '" << args.file << "'\n";
      return kExitFailure;
    }
    std::ostringstream text;
    text << in.rdbuf();
    script = text.str();
  }
  auto session = OpenQuerySession(args.db, args.memory, args.access);
  if (!session.ok()) return Fail("query", session.status());
  for (const std::string& assignment : args.params) {
    auto param = ParseParameter(assignment, *(*session)->graph);
    if (!param.ok()) return Fail("query", param.status());
    (*session)->options.parameters[param->first] = std::move(param->second);
  }
  const std::vector<Statement> statements = SplitStatements(script);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i > 0 && args.format == Format::kTable) std::cout << "\n";
    const int code = RunStatement(**session, statements[i].text, args.format, std::cout, std::cerr);
    if (code != kExitOk) return code;  // a script stops at its first failing statement
  }
  return kExitOk;
}

}  // namespace

StatusOr<std::unique_ptr<QuerySession>> OpenQuerySession(const std::string& db, bool memory,
                                                         const AccessArgs& access) {
  auto session = std::make_unique<QuerySession>();
  session->graph = std::make_unique<cypher::MemoryGraph>();
  if (!memory) {
    SUTRA_ASSIGN_OR_RETURN(session->guarded, OpenGuardedSession(db, access));
  }
  session->options.procedures = &session->procedures;
  return session;
}

std::vector<Statement> SplitStatements(std::string_view script) {
  std::vector<Statement> out;
  std::size_t start = 0;
  bool has_content = false;  // more than blank space and comments since `start`
  auto finish = [&](std::size_t end) {
    std::string_view body = script.substr(start, end - start);
    if (has_content) {
      // Pad with the newlines before the statement and spaces for its first line's indent, so
      // error positions are positions in the script.
      std::string_view before = script.substr(0, start);
      const std::size_t line_start = before.rfind('\n');
      const std::size_t indent =
          line_start == std::string_view::npos ? before.size() : before.size() - line_start - 1;
      std::string text(static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
                       '\n');
      // Indent in code points, as error columns count them.
      for (std::size_t i = before.size() - indent; i < before.size(); ++i) {
        if ((before[i] & 0xC0) != 0x80) text += ' ';
      }
      text += body;
      out.push_back({std::move(text)});
    }
    start = end + 1;
    has_content = false;
  };
  for (std::size_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    const bool comment =
        c == '/' && i + 1 < script.size() && (script[i + 1] == '/' || script[i + 1] == '*');
    if (!comment && c != ';' && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      has_content = true;
    }
    if (c == '\'' || c == '"' || c == '`') {
      // Strings and quoted names: skip to the closing quote (backslash escapes in strings).
      for (++i; i < script.size() && script[i] != c; ++i) {
        if (script[i] == '\\' && c != '`') ++i;
      }
    } else if (c == '/' && i + 1 < script.size() && script[i + 1] == '/') {
      while (i < script.size() && script[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < script.size() && script[i + 1] == '*') {
      const std::size_t end = script.find("*/", i + 2);
      i = end == std::string_view::npos ? script.size() : end + 1;
    } else if (c == ';') {
      finish(i);
    }
  }
  if (start < script.size()) finish(script.size());
  return out;
}

StatusOr<std::pair<std::string, cypher::Value>> ParseParameter(std::string_view assignment,
                                                               const cypher::QueryGraph& graph) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return InvalidArgument("--param '" + std::string(assignment) + "': write it as name=value");
  }
  std::string name(assignment.substr(0, eq));
  if (!name.empty() && name[0] == '$') name.erase(0, 1);
  const std::string_view text = assignment.substr(eq + 1);
  try {
    cypher::ExprPtr expr = cypher::ParseExpression(text);
    ConstantContext context(graph);
    return std::pair{name, cypher::Evaluate(*expr, context)};
  } catch (const cypher::CypherError&) {
    // Not a constant Cypher expression (e.g. a bare word): the text itself.
    return std::pair{name, cypher::Value(std::string(text))};
  }
}

int RunStatement(QuerySession& session, std::string_view text, Format format, std::ostream& out,
                 std::ostream& err) {
  try {
    if (session.guarded) {
      const GuardedSession& guarded = *session.guarded;
      auto answer = guarded.guarded->Query(guarded.context, text, session.options.parameters);
      if (!answer.ok()) {
        err << "sutra: " << answer.status().message() << "\n";
        return kExitFailure;
      }
      PrintQueryResult(answer->result, *answer->view, format, out);
      out.flush();
      return kExitOk;
    }
    cypher::QueryResult result = cypher::RunQuery(*session.graph, text, session.options);
    PrintQueryResult(result, *session.graph, format, out);
    out.flush();
    return kExitOk;
  } catch (const cypher::CypherError& e) {
    err << DescribeCypherError(e, text);
    return kExitQueryError;
  } catch (const std::exception& e) {
    err << "sutra: " << e.what() << "\n";
    return kExitFailure;
  }
}

void AddQueryCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand(
      "query",
      "Run Cypher on the crime graph: labels are node types (Case, PersonRecord, Person,\n"
      "Vehicle, Phone, Location, Station), relationship types are edge types (ACCUSED_IN,\n"
      "SAME_AS, USES, ...), and Sutra's algorithms are procedures (CALL sutra.pagerank(10)).\n"
      "Example: sutra query --db DIR \"MATCH (p:PersonRecord)-[:ACCUSED_IN]->(c:Case)\n"
      "         RETURN p.name, c.fir_number LIMIT 5\"");
  cmd->add_option("--db", args->db, "Database directory");
  cmd->add_flag("--memory", args->memory,
                "Run on a fresh, empty in-memory graph (any labels and types) instead of --db");
  cmd->add_option("--param", args->params,
                  "A query parameter $name, as name=value; the value is a Cypher expression\n"
                  "(--param name=\"'Ravi'\", --param ids=[1,2], --param n=5); a value that is not\n"
                  "a valid constant expression, such as a bare word, is taken as a string")
      ->allow_extra_args(false);
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->add_option("-f,--file", args->file,
                  "Read the query from FILE; several statements separated by ';' run in order");
  cmd->add_option("query", args->query, "The query text");
  cmd->footer(
      "Exit status: 0 success; 2 the query failed (syntax, type or other Cypher error: the\n"
      "message gives type, detail and line:column); 1 any other failure.");
  cmd->callback([args, &exit_code] { exit_code = RunQueryCommand(*args); });
}

}  // namespace sutra::cli
