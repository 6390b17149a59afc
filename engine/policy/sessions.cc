#include "engine/policy/sessions.h"

#include <sodium.h>

#include <array>
#include <utility>

#include "engine/policy/password.h"

namespace sutra::engine::policy {

namespace {

// "30 minutes", "90 seconds": the timeout as the user reads it.
std::string DurationText(std::chrono::seconds timeout) {
  if (timeout.count() % 60 == 0) {
    const auto minutes = timeout.count() / 60;
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
  }
  return std::to_string(timeout.count()) + (timeout.count() == 1 ? " second" : " seconds");
}

}  // namespace

SessionTable::SessionTable(Clock clock, std::chrono::seconds idle_timeout, AuditLog* audit)
    : clock_(std::move(clock)), idle_timeout_(idle_timeout), audit_(audit) {}

bool SessionTable::Expired(const Entry& entry, std::chrono::system_clock::time_point now) const {
  return now - entry.last_used >= idle_timeout_;
}

std::string SessionTable::ExpiredMessage() const {
  return "session expired after " + DurationText(idle_timeout_) + " idle; log in again";
}

StatusOr<std::string> SessionTable::Open(Principal principal) {
  SUTRA_RETURN_IF_ERROR(EnsureSodiumReady());
  std::array<unsigned char, 32> random{};
  randombytes_buf(random.data(), random.size());
  std::array<char, 2 * 32 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  std::string id(hex.data(), 2 * 32);
  principal.session = id;
  const std::lock_guard lock(mutex_);
  sessions_[id] = Entry{std::move(principal), clock_()};
  return id;
}

StatusOr<Principal> SessionTable::Touch(std::string_view id) {
  const auto now = clock_();
  Principal expired;
  {
    const std::lock_guard lock(mutex_);
    const auto it = sessions_.find(std::string(id));
    if (it == sessions_.end()) return PermissionDenied("unknown session; log in again");
    if (!Expired(it->second, now)) {
      it->second.last_used = now;
      return it->second.principal;
    }
    expired = std::move(it->second.principal);
    sessions_.erase(it);
  }
  // The audit write happens outside the lock: other sessions need not wait for the disk.
  SUTRA_RETURN_IF_ERROR(Record({expired}, "session-expired", "idle-timeout"));
  return PermissionDenied(ExpiredMessage());
}

Status SessionTable::Close(std::string_view id) {
  Principal closed;
  {
    const std::lock_guard lock(mutex_);
    const auto it = sessions_.find(std::string(id));
    if (it == sessions_.end()) {
      return Status(StatusCode::kNotFound, "no such session (already closed or expired)");
    }
    closed = std::move(it->second.principal);
    sessions_.erase(it);
  }
  return Record({closed}, "logout", "logout");
}

StatusOr<std::size_t> SessionTable::CloseAllOf(std::string_view user) {
  std::vector<Principal> closed;
  {
    const std::lock_guard lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (it->second.principal.user == user) {
        closed.push_back(std::move(it->second.principal));
        it = sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }
  SUTRA_RETURN_IF_ERROR(Record(closed, "logout", "account-changed"));
  return closed.size();
}

StatusOr<std::size_t> SessionTable::Sweep() {
  const auto now = clock_();
  std::vector<Principal> expired;
  {
    const std::lock_guard lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (Expired(it->second, now)) {
        expired.push_back(std::move(it->second.principal));
        it = sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }
  SUTRA_RETURN_IF_ERROR(Record(expired, "session-expired", "idle-timeout"));
  return expired.size();
}

std::size_t SessionTable::size() const {
  const std::lock_guard lock(mutex_);
  return sessions_.size();
}

Status SessionTable::Record(const std::vector<Principal>& ended, std::string_view operation,
                            std::string_view rule) {
  if (audit_ == nullptr) return Status::Ok();
  Status first;
  for (const Principal& principal : ended) {
    AuditRecord record;
    record.user = principal.user;
    record.role = std::string(RoleName(principal.role));
    record.jurisdiction = JurisdictionText(principal.jurisdiction);
    record.session = principal.session;
    record.operation = std::string(operation);
    record.allowed = true;
    record.rule = std::string(rule);
    const StatusOr<std::uint64_t> appended = audit_->Append(std::move(record));
    if (!appended.ok() && first.ok()) first = appended.status();
  }
  return first;
}

}  // namespace sutra::engine::policy
