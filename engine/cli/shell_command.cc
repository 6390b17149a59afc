// `sutra shell`: an interactive Cypher prompt on a database (or an in-memory graph), with line
// editing and history (libedit). A statement runs when a line ends with `;`. Reading from a
// pipe it runs the statements it is given without prompting, so scripts and tests can feed it.
#include <editline/readline.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "engine/cli/commands.h"
#include "engine/cli/query_output.h"

namespace sutra::cli {
namespace {

constexpr const char* kShellHelp =
    "Type Cypher; a statement runs when a line ends with ';' (it may span lines).\n"
    "  :help             this text\n"
    "  :params           list the parameters; :params name=value sets $name (value as for\n"
    "                    `sutra query --param`); :params name= removes it\n"
    "  :format F         print answers as table, json or csv\n"
    "  :quit             leave (so does end of input, Ctrl-D)\n";

struct ShellArgs {
  std::string db;
  bool memory = false;
  Format format = Format::kTable;
  AccessArgs access;
};

std::string Trim(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const std::size_t last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// Reads lines from the terminal through libedit (with a prompt and history), or plainly from
// a pipe.
class LineReader {
 public:
  LineReader() : interactive_(isatty(STDIN_FILENO) != 0) {
    if (!interactive_) return;
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
      history_ = std::filesystem::path(home) / ".sutra_history";
      using_history();
      read_history(history_.c_str());
    }
  }
  ~LineReader() {
    if (!interactive_ || history_.empty()) return;
    // History may hold names and phone numbers of real people: readable by its owner only.
    const mode_t old = umask(077);
    write_history(history_.c_str());
    umask(old);
    chmod(history_.c_str(), S_IRUSR | S_IWUSR);
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool interactive() const { return interactive_; }

  std::optional<std::string> Read(bool continuation) {
    if (!interactive_) {
      std::string line;
      if (!std::getline(std::cin, line)) return std::nullopt;
      return line;
    }
    char* raw = readline(continuation ? "   ...> " : "sutra> ");
    if (raw == nullptr) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    if (!Trim(line).empty()) add_history(line.c_str());
    return line;
  }

 private:
  bool interactive_;
  std::string history_;
};

// Handles a `:command` line; false when the shell should end.
bool RunShellCommand(const std::string& line, QuerySession& session, Format& format) {
  const std::size_t space = line.find_first_of(" \t");
  const std::string name = line.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : Trim(line.substr(space));
  if (name == ":quit" || name == ":exit" || name == ":q") return false;
  if (name == ":help") {
    std::cout << kShellHelp;
  } else if (name == ":format") {
    const std::map<std::string, Format> names{
        {"table", Format::kTable}, {"json", Format::kJson}, {"csv", Format::kCsv}};
    if (auto it = names.find(rest); it != names.end()) {
      format = it->second;
    } else {
      std::cerr << "unknown format '" << rest << "': give table, json or csv\n";
    }
  } else if (name == ":params" || name == ":param") {
    if (rest.empty()) {
      for (const auto& [key, value] : session.options.parameters) {
        std::cout << "$" << key << " = " << CypherValueJson(value, *session.graph).dump() << "\n";
      }
    } else if (rest.back() == '=') {
      session.options.parameters.erase(rest.substr(0, rest.size() - 1));
    } else if (auto param = ParseParameter(rest, *session.graph); param.ok()) {
      session.options.parameters[param->first] = std::move(param->second);
    } else {
      std::cerr << param.status().message() << "\n";
    }
  } else {
    std::cerr << "unknown command '" << name << "' (:help lists them)\n";
  }
  return true;
}

int RunShell(const ShellArgs& args) {
  if (args.memory == !args.db.empty()) {
    std::cerr << "sutra shell: give either --db DIR or --memory\n";
    return kExitFailure;
  }
  auto session = OpenQuerySession(args.db, args.memory, args.access);
  if (!session.ok()) return Fail("shell", session.status());
  Format format = args.format;
  LineReader reader;
  if (reader.interactive()) {
    std::cout << "Sutra Cypher shell on " << (args.memory ? "an in-memory graph" : args.db)
              << ". End statements with ';'. :help for commands.\n";
  }
  bool failed = false;
  std::string pending;
  for (;;) {
    std::optional<std::string> line = reader.Read(!pending.empty());
    if (!line) break;
    const std::string trimmed = Trim(*line);
    if (pending.empty() && !trimmed.empty() && trimmed[0] == ':') {
      if (!RunShellCommand(trimmed, **session, format)) break;
      continue;
    }
    if (pending.empty() && trimmed.empty()) continue;
    pending += *line;
    pending += '\n';
    if (trimmed.empty() || trimmed.back() != ';') continue;
    for (const Statement& statement : SplitStatements(pending)) {
      if (RunStatement(**session, statement.text, format, std::cout, std::cerr) != kExitOk) {
        failed = true;  // the shell goes on
      }
    }
    pending.clear();
  }
  // Input that ends without a closing ';' still runs.
  for (const Statement& statement : SplitStatements(pending)) {
    if (RunStatement(**session, statement.text, format, std::cout, std::cerr) != kExitOk) {
      failed = true;
    }
  }
  if (reader.interactive()) std::cout << "\n";
  // A script fed through a pipe learns whether all of it ran.
  return failed && !reader.interactive() ? kExitQueryError : kExitOk;
}

}  // namespace

void AddShellCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ShellArgs>();
  CLI::App* cmd = app.add_subcommand(
      "shell",
      "Interactive Cypher prompt on the crime graph, with history (~/.sutra_history) and\n"
      "multi-line statements ending in ';'. Reads statements from standard input without a\n"
      "prompt when it is not a terminal.");
  cmd->add_option("--db", args->db, "Database directory");
  cmd->add_flag("--memory", args->memory, "Use a fresh, empty in-memory graph instead of --db");
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->footer(
      "Commands: :help, :params name=value, :format table|json|csv, :quit. Errors are shown\n"
      "and the shell goes on; fed through a pipe it exits with 2 if any statement failed.");
  cmd->callback([args, &exit_code] { exit_code = RunShell(*args); });
}

}  // namespace sutra::cli
