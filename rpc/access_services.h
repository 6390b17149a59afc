// The server side of the access-controlled part of rpc/sutra.capnp: what one server owns to let
// people in (the audit log, the user directory, the session table, the guarded engine), and the
// Session and Investigation capabilities handed out by Sutra.login and Session.investigate.
//
// Private to rpc/ (includes generated code). Every object here lives on the server's loop
// thread; AccessServices outlives every capability that refers to it (the server destroys its
// connections before its services).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "engine/guarded_engine.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/sessions.h"
#include "engine/policy/users.h"
#include "rpc/server.h"
#include "rpc/sutra.capnp.h"

namespace sutra::rpc {

struct AccessServices {
  AccessServices(engine::Engine& engine, const ServerOptions& options);

  engine::Engine& engine;
  // Declared first: the others write to it.
  engine::policy::AuditLog audit;
  engine::policy::UserDirectory users;
  engine::policy::SessionTable sessions;
  engine::GuardedEngine guarded;
};

// The Session capability of the open session `id` (SessionTable::Open). When the last
// capability referring to the session (this one or an Investigation made from it) is released
// — the client dropped it or disconnected — the session is closed and the logout audited.
schema::Session::Client NewSessionService(AccessServices& services, std::string id);

// Request checks shared by every method that takes them: InvalidArgument naming the parameter
// and the accepted range.
Status CheckLimit(std::uint32_t limit);
Status CheckSearchText(std::string_view text);

}  // namespace sutra::rpc
