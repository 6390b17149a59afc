#include "viewer/script.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace sutra::viewer {
namespace {

constexpr int kMaxLayoutSteps = 100000;

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Where(const std::string& file, std::size_t line) {
  return file + ":" + std::to_string(line) + ": ";
}

// Parses one non-blank, non-comment line into `out`; returns the reason when it is bad.
std::optional<std::string> ParseLine(std::string_view body, ScriptCommand& out) {
  std::size_t cut = body.find_first_of(" \t");
  std::string_view verb = body.substr(0, cut);
  std::string_view rest =
      cut == std::string_view::npos ? std::string_view{} : Trim(body.substr(cut));
  if (verb == "search") {
    out.verb = ScriptVerb::kSearch;
  } else if (verb == "expand") {
    out.verb = ScriptVerb::kExpand;
  } else if (verb == "select") {
    out.verb = ScriptVerb::kSelect;
  } else if (verb == "layout") {
    out.verb = ScriptVerb::kLayout;
  } else if (verb == "login") {
    out.verb = ScriptVerb::kLogin;
  } else if (verb == "purpose") {
    out.verb = ScriptVerb::kPurpose;
  } else if (verb == "case") {
    out.verb = ScriptVerb::kCase;
  } else if (verb == "need") {
    out.verb = ScriptVerb::kNeed;
  } else if (verb == "breakglass") {
    out.verb = ScriptVerb::kBreakGlass;
  } else {
    return "unknown command '" + std::string(verb) +
           "' (expected login, purpose, case, need, breakglass, search, expand, layout or "
           "select)";
  }
  if (rest.empty()) {
    switch (out.verb) {
      case ScriptVerb::kLogin:
        return std::string("login needs a user name (and a password, or SUTRA_PASSWORD set)");
      case ScriptVerb::kPurpose:
        return std::string("purpose needs the reason for looking, in words");
      case ScriptVerb::kCase:
        return std::string("case needs an FIR number, e.g. 0087/2021");
      case ScriptVerb::kNeed:
        return std::string("need takes juvenile or victim-identity");
      case ScriptVerb::kBreakGlass:
        return std::string("breakglass needs the reason for emergency access");
      case ScriptVerb::kSearch:
        return std::string("search needs the text to search for");
      case ScriptVerb::kLayout:
        return std::string("layout needs a number of steps");
      default:
        return std::string(verb) + " needs a target: FIRST, a node id or a node's label";
    }
  }
  out.argument = std::string(rest);
  if (out.verb == ScriptVerb::kLogin) {
    std::size_t space = rest.find_first_of(" \t");
    if (space != std::string_view::npos) {
      out.argument = std::string(rest.substr(0, space));
      out.password = std::string(Trim(rest.substr(space)));
    }
  }
  if (out.verb == ScriptVerb::kNeed && rest != "juvenile" && rest != "victim-identity") {
    return "need takes juvenile or victim-identity, not '" + std::string(rest) + "'";
  }
  if (out.verb == ScriptVerb::kLayout) {
    int steps = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), steps);
    if (ec != std::errc() || end != rest.data() + rest.size() || steps < 1 ||
        steps > kMaxLayoutSteps) {
      return "layout takes a whole number of steps from 1 to " + std::to_string(kMaxLayoutSteps) +
             ", not '" + std::string(rest) + "'";
    }
    out.steps = steps;
  }
  return std::nullopt;
}

// Resolves a TARGET to a node id, or says why it cannot. `on_chart` requires the node to be on
// the chart (select), otherwise an id may name any node on the server (expand).
StatusOr<storage::NodeId> ResolveTarget(const std::string& target, const Session& session,
                                        bool on_chart) {
  if (target == "FIRST") {
    const SearchResults& search = session.last_search();
    if (search.text.empty()) return InvalidArgument("FIRST needs a search before it");
    if (search.hits.empty()) {
      return InvalidArgument("FIRST: the search for '" + search.text + "' found nothing");
    }
    return search.hits.front().node.id;
  }
  if (AllDigits(target)) {
    storage::NodeId id = 0;
    auto [end, ec] = std::from_chars(target.data(), target.data() + target.size(), id);
    if (ec != std::errc()) return InvalidArgument("node id '" + target + "' is out of range");
    if (on_chart && session.chart().FindNode(id) == nullptr) {
      return NotFound("node " + target + " is not on the chart");
    }
    return id;
  }
  if (const ChartNode* node = session.chart().FindByLabel(target)) return node->node.id;
  return NotFound("no node labelled '" + target + "' on the chart");
}

// What the script has said about its purpose so far, stated to the server before a read.
struct PendingPurpose {
  rpc::InvestigationPurpose purpose;
  bool changed = false;  // since it was last stated
};

// States the pending purpose when it changed or none is in force.
Status StatePurpose(PendingPurpose& pending, Session& session) {
  if (session.investigating() && !pending.changed) return Status::Ok();
  if (!session.logged_in()) {
    return FailedPrecondition("log in first: add 'login USER' (password in SUTRA_PASSWORD)");
  }
  if (pending.purpose.text.empty()) {
    return FailedPrecondition("state why you are looking first: add 'purpose TEXT' and 'case FIR'");
  }
  SUTRA_RETURN_IF_ERROR(session.Investigate(pending.purpose));
  pending.changed = false;
  return Status::Ok();
}

Status RunCommand(const ScriptCommand& command, Session& session, PendingPurpose& pending) {
  switch (command.verb) {
    case ScriptVerb::kLogin: {
      std::string password = command.password;
      if (password.empty()) {
        const char* env = std::getenv("SUTRA_PASSWORD");
        if (env == nullptr) {
          return InvalidArgument("login " + command.argument +
                                 ": no password: give it after the name or set SUTRA_PASSWORD");
        }
        password = env;
      }
      SUTRA_RETURN_IF_ERROR(session.Login(command.argument, password));
      pending.changed = true;  // the new login has no purpose yet
      return Status::Ok();
    }
    case ScriptVerb::kPurpose:
      pending.purpose.text = command.argument;
      pending.changed = true;
      return Status::Ok();
    case ScriptVerb::kCase:
      pending.purpose.case_ref = command.argument;
      pending.changed = true;
      return Status::Ok();
    case ScriptVerb::kNeed:
      pending.purpose.needs.push_back(command.argument);
      pending.changed = true;
      return Status::Ok();
    case ScriptVerb::kBreakGlass:
      pending.purpose.break_glass_reason = command.argument;
      pending.changed = true;
      return Status::Ok();
    case ScriptVerb::kSearch: {
      SUTRA_RETURN_IF_ERROR(StatePurpose(pending, session));
      SUTRA_RETURN_IF_ERROR(session.Search(command.argument));
      if (session.last_search().hits.empty()) {
        return NotFound("search for '" + command.argument + "' found nothing");
      }
      session.ShowSearchHits();
      return Status::Ok();
    }
    case ScriptVerb::kExpand: {
      SUTRA_RETURN_IF_ERROR(StatePurpose(pending, session));
      SUTRA_ASSIGN_OR_RETURN(storage::NodeId id, ResolveTarget(command.argument, session, false));
      return session.Expand(id);
    }
    case ScriptVerb::kSelect: {
      SUTRA_ASSIGN_OR_RETURN(storage::NodeId id, ResolveTarget(command.argument, session, true));
      session.chart().Select(id);
      return Status::Ok();
    }
    case ScriptVerb::kLayout:
      session.layout().Step(session.chart(), command.steps);
      return Status::Ok();
  }
  return Internal("unhandled script command");
}

}  // namespace

StatusOr<Script> ParseScript(std::string_view text, std::string file) {
  Script script;
  script.file = std::move(file);
  std::size_t line_number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    std::string_view body = Trim(line);
    if (body.empty() || body.front() == '#') continue;
    ScriptCommand command;
    command.line = line_number;
    if (auto reason = ParseLine(body, command)) {
      return InvalidArgument(Where(script.file, line_number) + *reason);
    }
    script.commands.push_back(std::move(command));
  }
  return script;
}

StatusOr<Script> LoadScript(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read script " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return ParseScript(text.str(), path.string());
}

Status RunScript(const Script& script, Session& session) {
  PendingPurpose pending;
  for (const ScriptCommand& command : script.commands) {
    Status status = RunCommand(command, session, pending);
    if (!status.ok()) {
      return Status(status.code(), Where(script.file, command.line) + status.message());
    }
  }
  return Status::Ok();
}

}  // namespace sutra::viewer
