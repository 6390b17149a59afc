// Status and StatusOr<T>: how every fallible call in Sutra reports failure.
//
// Contract: a function that can fail for reasons a caller must handle (bad input, a missing
// file, a full disk, a corrupt database) returns a Status or StatusOr<T>. The message is written
// for the person who will read it: it names the file, line, field or id involved and, where
// possible, what to do. Expected absence (no such node) is std::optional, not an error.
// Exceptions thrown by third-party libraries are caught at the edge of the module that owns the
// library and turned into a Status there.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sutra {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong; the message says which part
  kNotFound,            // a named thing (file, database, id) that must exist does not
  kAlreadyExists,       // creating something that is already there
  kFailedPrecondition,  // the system is not in a state where the call can run
  kPermissionDenied,    // the principal may not do this
  kCorruption,          // stored data does not decode; never caused by user input alone
  kIoError,             // the operating system or LMDB refused an operation
  kUnavailable,         // a peer (server, network) cannot be reached
  kInternal,            // a bug in Sutra; the message carries detail for a report
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "InvalidArgument: cases.csv:12: ..." for logs and the command line.
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; the code is kept.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Either a value or a non-OK Status. Accessing value() of an error is a bug (asserted).
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : rep_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(rep_).ok() && "StatusOr built from an OK status has no value");
  }
  StatusOr(T value) : rep_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(rep_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(rep_); }

  const T& value() const& {
    assert(ok());
    return std::get<T>(rep_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(rep_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(rep_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> rep_;
};

}  // namespace sutra

// Early return on error, for functions that return Status or StatusOr.
#define SUTRA_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::sutra::Status sutra_status_ = (expr);        \
    if (!sutra_status_.ok()) return sutra_status_; \
  } while (false)

#define SUTRA_CONCAT_INNER(a, b) a##b
#define SUTRA_CONCAT(a, b) SUTRA_CONCAT_INNER(a, b)
#define SUTRA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
// SUTRA_ASSIGN_OR_RETURN(auto x, Foo()); declares x from a StatusOr or returns its error.
#define SUTRA_ASSIGN_OR_RETURN(lhs, expr) \
  SUTRA_ASSIGN_OR_RETURN_IMPL(SUTRA_CONCAT(sutra_statusor_, __LINE__), lhs, expr)
