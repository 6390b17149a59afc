// SessionTable: the logged-in principals of a server process. A session is a random id handed
// to the client at login; each request presents it and gets the principal back. A session idle
// for longer than the timeout (30 minutes unless configured) is gone: the user logs in again.
//
// In memory only: a restart logs everyone out, which is the safe direction.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/policy/audit_log.h"
#include "engine/policy/clock.h"
#include "engine/policy/principal.h"
#include "storage/status.h"

namespace sutra::engine::policy {

inline constexpr std::chrono::minutes kDefaultSessionIdleTimeout{30};

// Thread-safe. The audit log, when given, gets a "logout" entry for each Close and a
// "session-expired" entry for each session found expired (by Touch or Sweep); it must outlive
// the table.
class SessionTable {
 public:
  explicit SessionTable(Clock clock = SystemClock(),
                        std::chrono::seconds idle_timeout = kDefaultSessionIdleTimeout,
                        AuditLog* audit = nullptr);

  // Starts a session for `principal` (as UserDirectory::Login returned it) and returns its id:
  // 32 random bytes as 64 lower-case hex digits. The stored principal's `session` is the id.
  StatusOr<std::string> Open(Principal principal);

  // The principal of session `id`, and the idle timer restarted. PermissionDenied for an
  // unknown or closed id, and for a session idle for the timeout or longer (it is removed and
  // its expiry audited): "session expired after 30 minutes idle; log in again".
  StatusOr<Principal> Touch(std::string_view id);

  // Ends session `id` (a logout). NotFound when there is no such session.
  Status Close(std::string_view id);

  // Ends every session of `user` (after the account is disabled or its password reset) and
  // returns how many there were; each is audited as a logout.
  StatusOr<std::size_t> CloseAllOf(std::string_view user);

  // Removes every expired session, auditing each, and returns how many: for a server to call
  // now and then, so that an abandoned session's end is recorded near when it happened.
  StatusOr<std::size_t> Sweep();

  std::size_t size() const;

 private:
  struct Entry {
    Principal principal;
    std::chrono::system_clock::time_point last_used;
  };
  bool Expired(const Entry& entry, std::chrono::system_clock::time_point now) const;
  // Appends one entry per principal (nothing without an audit log); the first error wins.
  Status Record(const std::vector<Principal>& ended, std::string_view operation,
                std::string_view rule);
  std::string ExpiredMessage() const;

  Clock clock_;
  std::chrono::seconds idle_timeout_;
  AuditLog* audit_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> sessions_;
};

}  // namespace sutra::engine::policy
