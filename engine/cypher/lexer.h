// The Cypher lexer: query text to a vector of tokens, for the parser (parser.h).
//
// The whole text is tokenized up front (queries are short) so the parser can look ahead and
// backtrack freely. Lexical errors do not throw here: the lexer ends the token stream with a
// kError token carrying the error, and the parser raises it when it reaches that token. A number
// that is malformed (`0x`, `12ab`) becomes a kInvalidNumber token and lexing continues, because
// the TCK reports it as InvalidNumberLiteral only where a number may stand (elsewhere, e.g. as
// a map key, it is UnexpectedSyntax).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cypher/ast.h"

namespace sutra::cypher {

enum class TokenKind : std::uint8_t {
  kEnd,               // end of the text (always the last token)
  kError,             // a lexical error: error_detail and value (the message)
  kIdentifier,        // a name or keyword (see Token::keyword)
  kQuotedIdentifier,  // `name` in backticks: value is the unescaped name; never a keyword
  kInteger,           // decimal, 0x hex or 0o octal digits (text as written; parsed later)
  kFloat,             // decimal float with `.` and/or exponent (text as written)
  kInvalidNumber,     // a malformed number literal
  kString,            // value is the unescaped string
  kParameter,         // $name or $0: value is the name without `$`
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kComma,
  kDot,
  kDotDot,
  kColon,
  kSemicolon,
  kPipe,
  kPlus,
  kPlusEqual,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kCaret,
  kEqual,
  kNotEqual,  // <>
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kRegexMatch,  // =~
};

// Words with a meaning in the grammar. An identifier token whose text matches one of these
// (case-insensitively) carries it in Token::keyword; kNone otherwise.
enum class Keyword : std::uint8_t {
  kNone,
  kAdd,
  kAll,
  kAllShortestPaths,
  kAnd,
  kAny,
  kAs,
  kAsc,
  kAscending,
  kBy,
  kCall,
  kCase,
  kConstraint,
  kContains,
  kCount,
  kCreate,
  kDelete,
  kDesc,
  kDescending,
  kDetach,
  kDistinct,
  kDo,
  kDrop,
  kElse,
  kEnd,
  kEnds,
  kExists,
  kExtract,
  kFalse,
  kFilter,
  kFor,
  kIn,
  kIs,
  kLimit,
  kMandatory,
  kMatch,
  kMerge,
  kNone_,  // the quantifier NONE (kNone means "not a keyword")
  kNot,
  kNull,
  kOf,
  kOn,
  kOptional,
  kOr,
  kOrder,
  kReduce,
  kRemove,
  kRequire,
  kReturn,
  kScalar,
  kSet,
  kShortestPath,
  kSingle,
  kSkip,
  kStarts,
  kThen,
  kTrue,
  kUnion,
  kUnique,
  kUnwind,
  kWhen,
  kWhere,
  kWith,
  kXor,
  kYield,
};

// Reserved words cannot be used as unquoted variable names in expressions (openCypher's
// ReservedWord); the others (COUNT, ANY, NONE, SINGLE, REDUCE, ...) can.
bool IsReservedKeyword(Keyword keyword);

// Small (24 bytes) so that long texts tokenize quickly; decoded text lives in Tokens::values.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  Keyword keyword = Keyword::kNone;
  std::uint32_t begin = 0;  // byte offsets of the token in the text: [begin, end)
  std::uint32_t end = 0;
  SourcePos pos;
  // Index into Tokens::values: kString (the unescaped string), kQuotedIdentifier (the name),
  // kParameter (the name without `$`), kError (values[value] is the message and
  // values[value + 1] the TCK detail code). 0 for other kinds.
  std::uint32_t value = 0;
};

struct Tokens {
  std::vector<Token> tokens;        // always ends with kEnd; a kError, if any, precedes it
  std::vector<std::string> values;  // see Token::value
};

// Tokenizes `text`. Texts of 4 GiB or more are rejected with a kError token.
Tokens Tokenize(std::string_view text);

// A short description of a token for error messages: "'MATCH'", "end of input", ...
std::string DescribeToken(const Token& token, std::string_view text);

}  // namespace sutra::cypher
