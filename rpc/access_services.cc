// Session and Investigation: the capabilities through which a logged-in user reads case data.
//
// Every Investigation call first touches the session (an ended or idle-expired session is
// refused with PermissionDenied before anything is read), then builds the AccessContext from the
// session's principal and the purpose stated at `investigate`, and calls the GuardedEngine,
// which decides and audits. Statuses — a denial included — are answered as the result's
// `error`, code and message unchanged (rpc/sutra.capnp, "Error convention" in server.cc).
#include "rpc/access_services.h"

#include <capnp/capability.h>
#include <kj/debug.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/link_analysis.h"
#include "rpc/convert.h"
#include "rpc/query_json.h"

namespace sutra::rpc {

namespace policy = engine::policy;

AccessServices::AccessServices(engine::Engine& engine_in, const ServerOptions& options)
    : engine(engine_in),
      audit(engine_in.store(), options.clock),
      users(engine_in.store(), audit, options.clock),
      sessions(options.clock, options.session_idle_timeout, &audit),
      guarded(engine_in, audit, options.clock) {}

Status CheckLimit(std::uint32_t limit) {
  if (limit == 0 || limit > schema::MAX_LIMIT) {
    return InvalidArgument("limit " + std::to_string(limit) + " is out of range; ask for 1 to " +
                           std::to_string(schema::MAX_LIMIT) + " results");
  }
  return Status::Ok();
}

Status CheckSearchText(std::string_view text) {
  if (text.size() > schema::MAX_SEARCH_TEXT_BYTES) {
    return InvalidArgument("search text of " + std::to_string(text.size()) +
                           " bytes is too long; the limit is " +
                           std::to_string(schema::MAX_SEARCH_TEXT_BYTES) + " bytes");
  }
  return Status::Ok();
}

namespace {

// A std::string as a capnp text (std::string's data is NUL-terminated, as capnp needs).
capnp::Text::Reader TextOf(const std::string& text) {
  return capnp::Text::Reader(text.data(), text.size());
}

// See kResultsSizeHint in server.cc.
constexpr capnp::MessageSize kResultsSizeHint{2048, 0};

// An open session, shared by its Session capability and the Investigations made from it.
class OpenSession {
 public:
  OpenSession(AccessServices& services, std::string id) : services_(services), id_(std::move(id)) {}
  // The last holder is gone: end the session (a no-op when it was logged out or expired).
  ~OpenSession() noexcept { Logout(); }
  OpenSession(const OpenSession&) = delete;
  OpenSession& operator=(const OpenSession&) = delete;

  StatusOr<policy::Principal> Touch() const { return services_.sessions.Touch(id_); }

  void Logout() {
    if (closed_) return;
    closed_ = true;
    Status closed = services_.sessions.Close(id_);
    // NotFound: it had already expired (and its expiry was audited).
    if (!closed.ok() && closed.code() != StatusCode::kNotFound) {
      KJ_LOG(ERROR, "Sutra RPC server: closing a session failed", closed.ToString());
    }
  }

  AccessServices& services() const { return services_; }

 private:
  AccessServices& services_;
  const std::string id_;
  bool closed_ = false;
};

FlaggedNode Flagged(engine::AnswerNode&& node) {
  return FlaggedNode{std::move(node.node), std::move(node.flags)};
}

FlaggedSubgraph Flagged(engine::GuardedSubgraph&& subgraph) {
  FlaggedSubgraph out;
  out.nodes.reserve(subgraph.nodes.size());
  for (engine::AnswerNode& node : subgraph.nodes) out.nodes.push_back(Flagged(std::move(node)));
  out.edges = std::move(subgraph.edges);
  out.total_neighbors = subgraph.total_neighbors;
  out.truncated = subgraph.truncated;
  return out;
}

// Fills an ExpandResult from the guarded engine's answer.
void AnswerExpand(StatusOr<std::optional<engine::GuardedSubgraph>> answer,
                  schema::ExpandResult::Builder result) {
  if (!answer.ok()) {
    ToWire(answer.status(), result.initError());
  } else if (!answer->has_value()) {
    result.setNotFound();
  } else {
    ToWire(Flagged(std::move(**answer)), result.initFound());
  }
}

class InvestigationService final : public schema::Investigation::Server {
 public:
  InvestigationService(std::shared_ptr<OpenSession> session, policy::Purpose purpose)
      : session_(std::move(session)), purpose_(std::move(purpose)) {}

  kj::Promise<void> search(SearchContext context) override {
    auto params = context.getParams();
    auto result = context.getResults(kResultsSizeHint).initResult();
    const std::string_view text = AsStringView(params.getText());
    auto access = Access(CheckLimit(params.getLimit()), CheckSearchText(text));
    if (!access.ok()) {
      ToWire(access.status(), result.initError());
      return kj::READY_NOW;
    }
    auto nodes = guarded().Search(*access, text, params.getLimit());
    if (!nodes.ok()) {
      ToWire(nodes.status(), result.initError());
      return kj::READY_NOW;
    }
    auto out = result.initNodes(static_cast<unsigned>(nodes->size()));
    for (unsigned i = 0; i < out.size(); ++i) ToWire(Flagged(std::move((*nodes)[i])), out[i]);
    return kj::READY_NOW;
  }

  kj::Promise<void> expand(ExpandContext context) override {
    auto params = context.getParams();
    auto result = context.getResults(kResultsSizeHint).initResult();
    auto access = Access(CheckLimit(params.getLimit()));
    if (!access.ok()) {
      ToWire(access.status(), result.initError());
      return kj::READY_NOW;
    }
    AnswerExpand(guarded().Expand(*access, params.getNodeId(), params.getLimit()), result);
    return kj::READY_NOW;
  }

  kj::Promise<void> neighborhood(NeighborhoodContext context) override {
    auto params = context.getParams();
    auto result = context.getResults(kResultsSizeHint).initResult();
    Status hops = Status::Ok();
    if (params.getHops() == 0 || params.getHops() > schema::MAX_HOPS) {
      hops = InvalidArgument("hops " + std::to_string(params.getHops()) +
                             " is out of range; ask for 1 to " + std::to_string(schema::MAX_HOPS));
    }
    auto access = Access(hops, CheckLimit(params.getLimit()));
    if (!access.ok()) {
      ToWire(access.status(), result.initError());
      return kj::READY_NOW;
    }
    algorithms::KHopOptions options;
    options.hops = static_cast<int>(params.getHops());
    options.per_node_limit = params.getLimit();
    options.max_nodes = params.getLimit();
    AnswerExpand(guarded().Neighborhood(*access, params.getNodeId(), options), result);
    return kj::READY_NOW;
  }

  kj::Promise<void> paths(PathsContext context) override {
    auto params = context.getParams();
    auto result = context.getResults(kResultsSizeHint).initResult();
    Status k = Status::Ok();
    if (params.getK() == 0 || params.getK() > schema::MAX_PATHS) {
      k = InvalidArgument("k " + std::to_string(params.getK()) + " is out of range; ask for 1 to " +
                          std::to_string(schema::MAX_PATHS) + " paths");
    }
    auto access = Access(k);
    if (!access.ok()) {
      ToWire(access.status(), result.initError());
      return kj::READY_NOW;
    }
    engine::PathQuery query;
    query.from = params.getFrom();
    query.to = params.getTo();
    query.k = params.getK();
    query.mode = query.k > 1 ? engine::PathMode::kKShortest : engine::PathMode::kShortest;
    auto answer = guarded().Paths(*access, query);
    if (!answer.ok()) {
      if (answer.status().code() == StatusCode::kNotFound) {
        result.setNotFound();
      } else {
        ToWire(answer.status(), result.initError());
      }
      return kj::READY_NOW;
    }
    auto found = result.initFound();
    auto paths = found.initPaths(static_cast<unsigned>(answer->paths.size()));
    for (unsigned i = 0; i < paths.size(); ++i) {
      engine::FoundPath& path = answer->paths[i];
      Path out;
      for (engine::AnswerNode& node : path.nodes) out.nodes.push_back(Flagged(std::move(node)));
      out.edges = std::move(path.edges);
      out.cost = path.cost;
      ToWire(out, paths[i]);
    }
    found.setCapped(answer->capped);
    return kj::READY_NOW;
  }

  kj::Promise<void> query(QueryContext context) override {
    auto params = context.getParams();
    auto result = context.getResults(kResultsSizeHint).initResult();
    const std::string_view text = AsStringView(params.getCypher());
    Status size = Status::Ok();
    if (text.size() > schema::MAX_QUERY_TEXT_BYTES) {
      size = InvalidArgument("query of " + std::to_string(text.size()) +
                             " bytes is too long; the limit is " +
                             std::to_string(schema::MAX_QUERY_TEXT_BYTES) + " bytes");
    }
    auto access = Access(size);
    if (!access.ok()) {
      ToWire(access.status(), result.initError());
      return kj::READY_NOW;
    }
    std::optional<StatusOr<engine::GuardedQueryResult>> answer;
    try {
      answer.emplace(guarded().Query(*access, text, cypher::Map{}));
    } catch (const cypher::CypherError& error) {
      // Already audited by the guarded engine; a mistake in the query, not in the server.
      std::string where;
      if (error.line() > 0) {
        where = " at line " + std::to_string(error.line()) + ", column " +
                std::to_string(error.column());
      }
      ToWire(InvalidArgument("Cypher " + error.detail() + where + ": " + error.message()),
             result.initError());
      return kj::READY_NOW;
    }
    if (!answer->ok()) {
      ToWire(answer->status(), result.initError());
      return kj::READY_NOW;
    }
    const engine::GuardedQueryResult& guarded_result = **answer;
    auto out = result.initAnswer();
    const auto& columns = guarded_result.result.columns;
    auto wire_columns = out.initColumns(static_cast<unsigned>(columns.size()));
    for (unsigned i = 0; i < wire_columns.size(); ++i) wire_columns.set(i, TextOf(columns[i]));
    const auto& rows = guarded_result.result.rows;
    auto wire_rows = out.initRows(static_cast<unsigned>(rows.size()));
    for (unsigned i = 0; i < wire_rows.size(); ++i) {
      wire_rows.set(i, TextOf(QueryRowJson(rows[i], *guarded_result.view)));
    }
    out.setHiddenNodes(guarded_result.hidden_nodes);
    return kj::READY_NOW;
  }

 private:
  const engine::GuardedEngine& guarded() const { return session_->services().guarded; }

  // The request checks first (a bad request is refused without touching the session), then the
  // session: its principal with the stated purpose.
  template <typename... Checks>
  StatusOr<engine::AccessContext> Access(const Checks&... checks) const {
    for (const Status* check : {&checks...}) {
      if (!check->ok()) return *check;
    }
    SUTRA_ASSIGN_OR_RETURN(policy::Principal principal, session_->Touch());
    return engine::AccessContext{std::move(principal), purpose_};
  }

  std::shared_ptr<OpenSession> session_;
  const policy::Purpose purpose_;
};

// The shortest break-glass reason accepted, as the CLI's --break-glass.
constexpr std::size_t kMinBreakGlassReason = 10;

StatusOr<policy::Purpose> ReadPurpose(schema::Session::InvestigateParams::Reader params) {
  policy::Purpose purpose;
  purpose.text = std::string(AsStringView(params.getPurpose()));
  purpose.case_ref = std::string(AsStringView(params.getCaseRef()));
  purpose.break_glass_reason = std::string(AsStringView(params.getBreakGlassReason()));
  purpose.break_glass = !purpose.break_glass_reason.empty();
  if (purpose.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument(
        "purpose: state why you are looking (e.g. \"investigation of FIR 0087/2021\"); every "
        "read of case data is recorded with its purpose");
  }
  if (purpose.break_glass && purpose.break_glass_reason.size() < kMinBreakGlassReason) {
    return InvalidArgument("breakGlassReason: give the reason in words (at least " +
                           std::to_string(kMinBreakGlassReason) +
                           " characters), or leave it "
                           "empty for no emergency access");
  }
  for (auto need : params.getNeeds()) {
    std::string text(AsStringView(need));
    if (text != policy::kNeedJuvenile && text != policy::kNeedVictimIdentity) {
      return InvalidArgument("needs: '" + text + "' is not a need; the needs are " +
                             std::string(policy::kNeedJuvenile) + " and " +
                             std::string(policy::kNeedVictimIdentity));
    }
    purpose.needs.push_back(std::move(text));
  }
  return purpose;
}

class SessionService final : public schema::Session::Server {
 public:
  explicit SessionService(std::shared_ptr<OpenSession> session) : session_(std::move(session)) {}

  kj::Promise<void> investigate(InvestigateContext context) override {
    auto result = context.getResults(kResultsSizeHint).initResult();
    auto purpose = ReadPurpose(context.getParams());
    if (!purpose.ok()) {
      ToWire(purpose.status(), result.initError());
      return kj::READY_NOW;
    }
    if (auto principal = session_->Touch(); !principal.ok()) {
      ToWire(principal.status(), result.initError());
      return kj::READY_NOW;
    }
    result.setInvestigation(kj::heap<InvestigationService>(session_, std::move(*purpose)));
    return kj::READY_NOW;
  }

  kj::Promise<void> logout(LogoutContext) override {
    session_->Logout();
    return kj::READY_NOW;
  }

  kj::Promise<void> whoami(WhoamiContext context) override {
    auto results = context.getResults(kResultsSizeHint);
    auto principal = session_->Touch();
    if (!principal.ok()) {
      ToWire(principal.status(), results.initError());
      return kj::READY_NOW;
    }
    results.setUser(TextOf(principal->user));
    results.setRole(TextOf(std::string(policy::RoleName(principal->role))));
    results.setJurisdiction(TextOf(policy::JurisdictionText(principal->jurisdiction)));
    return kj::READY_NOW;
  }

 private:
  std::shared_ptr<OpenSession> session_;
};

}  // namespace

schema::Session::Client NewSessionService(AccessServices& services, std::string id) {
  return kj::heap<SessionService>(std::make_shared<OpenSession>(services, std::move(id)));
}

}  // namespace sutra::rpc
