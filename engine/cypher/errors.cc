#include "engine/cypher/errors.h"

#include <utility>

namespace sutra::cypher {

const char* ErrorTypeName(ErrorType type) {
  switch (type) {
    case ErrorType::kSyntaxError:
      return "SyntaxError";
    case ErrorType::kTypeError:
      return "TypeError";
    case ErrorType::kArgumentError:
      return "ArgumentError";
    case ErrorType::kSemanticError:
      return "SemanticError";
    case ErrorType::kEntityNotFound:
      return "EntityNotFound";
    case ErrorType::kConstraintVerificationFailed:
      return "ConstraintVerificationFailed";
    case ErrorType::kProcedureError:
      return "ProcedureError";
    case ErrorType::kParameterMissing:
      return "ParameterMissing";
  }
  return "Error";
}

namespace {
std::string Describe(ErrorType type, const std::string& detail, const std::string& message,
                     int line, int column) {
  std::string text = std::string(ErrorTypeName(type)) + ": " + detail;
  if (line > 0) text += " at line " + std::to_string(line) + ", column " + std::to_string(column);
  if (!message.empty()) text += ": " + message;
  return text;
}
}  // namespace

CypherError::CypherError(ErrorType type, std::string detail, std::string message, int line,
                         int column, ErrorPhase phase)
    : std::runtime_error(Describe(type, detail, message, line, column)),
      type_(type),
      detail_(std::move(detail)),
      message_(std::move(message)),
      line_(line),
      column_(column),
      phase_(phase) {}

void ThrowSyntax(std::string detail, std::string message, int line, int column) {
  throw CypherError(ErrorType::kSyntaxError, std::move(detail), std::move(message), line, column,
                    ErrorPhase::kCompileTime);
}

void ThrowRuntime(ErrorType type, std::string detail, std::string message) {
  throw CypherError(type, std::move(detail), std::move(message), 0, 0, ErrorPhase::kRuntime);
}

}  // namespace sutra::cypher
