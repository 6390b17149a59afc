// Viewer scripts: a list of chart actions, one per line, run before a headless screenshot
// (`sutra-viewer --script FILE --screenshot OUT.png`) so that tests and the demo can drive the
// viewer without a person at the keyboard.
//
// The language, one command per line; blank lines and lines starting with '#' are ignored:
//
//   login USER [PASSWORD]  log in to the server (without PASSWORD, it is read from the
//                   environment variable SUTRA_PASSWORD, so that scripts need not hold it)
//   purpose TEXT    why the user is looking (required before the first search or expand)
//   case FIR        the FIR the purpose serves ("0087/2021")
//   need NEED       a protected identity the duty needs: juvenile or victim-identity
//                   (repeatable)
//   breakglass REASON  emergency access outside the user's jurisdiction, with the reason
//   search TEXT     search the server for TEXT (a name, phone, vehicle or FIR number, as the
//                   engine's Search takes it) and put every hit on the chart; no hit is an error
//   expand TARGET   expand a node (capped like a double-click; "shown/total" when truncated)
//   layout N        run N steps of the force-directed layout (1 <= N <= 100000)
//   select TARGET   select a node: the details panel shows it and it is outlined on the chart
//
// The purpose, case, needs and break-glass reason take effect together at the next search or
// expand (the viewer then states them to the server, which may refuse them); changing any of
// them later states the new purpose before the next read.
//
// TARGET is one of: FIRST (the first hit of the latest search), a node id (all digits), or a
// node's label as shown on the chart (its DisplayLabel, compared ignoring ASCII case; the first
// match in chart order). A label target must already be on the chart; an id need not be for
// `expand` (the server's answer brings the node), but must be for `select`.
//
// Errors name the script, the line and the reason: "demo.viewer:7: no node labelled 'X' on the
// chart". Parsing checks the whole file before anything runs; running stops at the first
// command that fails.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"
#include "viewer/session.h"

namespace sutra::viewer {

enum class ScriptVerb {
  kSearch,
  kExpand,
  kLayout,
  kSelect,
  kLogin,
  kPurpose,
  kCase,
  kNeed,
  kBreakGlass
};

struct ScriptCommand {
  std::size_t line = 0;  // 1-based line in the script
  ScriptVerb verb = ScriptVerb::kSearch;
  std::string argument;  // the text after the verb, trimmed (search text, target, user, ...)
  std::string password;  // for kLogin: the second word, or empty (then $SUTRA_PASSWORD)
  int steps = 0;         // for kLayout
};

struct Script {
  std::string file;  // as given, for error messages
  std::vector<ScriptCommand> commands;
};

// Parses `text`; `file` only names the script in errors. InvalidArgument on the first bad line.
StatusOr<Script> ParseScript(std::string_view text, std::string file);

// Reads and parses a script file. NotFound when it cannot be read.
StatusOr<Script> LoadScript(const std::filesystem::path& path);

// Runs every command in order against `session`. Stops at the first failure and returns it as
// "FILE:LINE: reason" (the code of the underlying error is kept).
Status RunScript(const Script& script, Session& session);

}  // namespace sutra::viewer
