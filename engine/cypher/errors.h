// Errors of the Cypher engine, classified as the openCypher TCK names them, so that a user, a
// script and the TCK runner all see the same kind: "SyntaxError: UndefinedVariable at 1:8 ...".
//
// Inside the engine (parser, binder, evaluator, executor) an error is thrown as CypherError and
// unwinds the query; the public entry point (query.h) catches it and returns it as a value.
// Nothing the graph stored is half-written: a failed query's writes are rolled back by the
// QueryGraph's transaction.
#pragma once

#include <stdexcept>
#include <string>

namespace sutra::cypher {

// The TCK's error types.
enum class ErrorType {
  kSyntaxError,    // the query is not valid Cypher, or refers to what it cannot (compile time)
  kTypeError,      // a value of the wrong type for an operation
  kArgumentError,  // a value of the right type but out of range
  kSemanticError,
  kEntityNotFound,
  kConstraintVerificationFailed,  // e.g. deleting a node that still has relationships
  kProcedureError,
  kParameterMissing,  // a `$name` the caller did not supply
};

enum class ErrorPhase { kCompileTime, kRuntime };

const char* ErrorTypeName(ErrorType type);  // "SyntaxError", "TypeError", ...

class CypherError : public std::runtime_error {
 public:
  // `detail` is the TCK detail code ("UndefinedVariable", "InvalidArgumentType", ...);
  // line and column are 1-based positions in the query text, 0 when not known.
  CypherError(ErrorType type, std::string detail, std::string message, int line = 0,
              int column = 0, ErrorPhase phase = ErrorPhase::kCompileTime);

  ErrorType type() const { return type_; }
  const std::string& detail() const { return detail_; }
  const std::string& message() const { return message_; }
  int line() const { return line_; }
  int column() const { return column_; }
  ErrorPhase phase() const { return phase_; }

 private:
  ErrorType type_;
  std::string detail_;
  std::string message_;
  int line_;
  int column_;
  ErrorPhase phase_;
};

// Shorthands for the common cases. Runtime errors carry no position.
[[noreturn]] void ThrowSyntax(std::string detail, std::string message, int line = 0,
                              int column = 0);
[[noreturn]] void ThrowRuntime(ErrorType type, std::string detail, std::string message);

}  // namespace sutra::cypher
