// The Cypher parser: query text to syntax tree (ast.h). Hand-written recursive descent over a
// lexer, following the openCypher 9 grammar (keywords case-insensitive, identifiers in
// backticks, string escapes, numeric literals in decimal, hex, octal and exponent forms,
// comments `//` and `/* */`). Thread-safe (no shared state).
#pragma once

#include <string_view>

#include "engine/cypher/ast.h"

namespace sutra::cypher {

// Parses one query (clauses joined by UNION, an optional trailing `;`). Throws CypherError
// SyntaxError with the position of the offending token: "UnexpectedSyntax" for grammar errors,
// "InvalidNumberLiteral", "IntegerOverflow", "InvalidUnicodeLiteral" ... as the TCK names them.
Query ParseQuery(std::string_view text);

// Parses a single expression (used for `--param k=<expr>` on the command line and by tests).
ExprPtr ParseExpression(std::string_view text);

}  // namespace sutra::cypher
