#include "engine/cypher/lexer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>

namespace sutra::cypher {
namespace {

struct KeywordEntry {
  std::string_view upper;
  Keyword keyword;
  bool reserved;
};

// Sorted by `upper` (binary search).
constexpr std::array kKeywords = {
    KeywordEntry{"ADD", Keyword::kAdd, true},
    KeywordEntry{"ALL", Keyword::kAll, true},
    KeywordEntry{"ALLSHORTESTPATHS", Keyword::kAllShortestPaths, false},
    KeywordEntry{"AND", Keyword::kAnd, true},
    KeywordEntry{"ANY", Keyword::kAny, false},
    KeywordEntry{"AS", Keyword::kAs, true},
    KeywordEntry{"ASC", Keyword::kAsc, true},
    KeywordEntry{"ASCENDING", Keyword::kAscending, true},
    KeywordEntry{"BY", Keyword::kBy, true},
    KeywordEntry{"CALL", Keyword::kCall, true},
    KeywordEntry{"CASE", Keyword::kCase, true},
    KeywordEntry{"CONSTRAINT", Keyword::kConstraint, true},
    KeywordEntry{"CONTAINS", Keyword::kContains, true},
    KeywordEntry{"COUNT", Keyword::kCount, false},
    KeywordEntry{"CREATE", Keyword::kCreate, true},
    KeywordEntry{"DELETE", Keyword::kDelete, true},
    KeywordEntry{"DESC", Keyword::kDesc, true},
    KeywordEntry{"DESCENDING", Keyword::kDescending, true},
    KeywordEntry{"DETACH", Keyword::kDetach, true},
    KeywordEntry{"DISTINCT", Keyword::kDistinct, true},
    KeywordEntry{"DO", Keyword::kDo, true},
    KeywordEntry{"DROP", Keyword::kDrop, true},
    KeywordEntry{"ELSE", Keyword::kElse, true},
    KeywordEntry{"END", Keyword::kEnd, true},
    KeywordEntry{"ENDS", Keyword::kEnds, true},
    KeywordEntry{"EXISTS", Keyword::kExists, true},
    KeywordEntry{"EXTRACT", Keyword::kExtract, false},
    KeywordEntry{"FALSE", Keyword::kFalse, true},
    KeywordEntry{"FILTER", Keyword::kFilter, false},
    KeywordEntry{"FOR", Keyword::kFor, true},
    KeywordEntry{"IN", Keyword::kIn, true},
    KeywordEntry{"IS", Keyword::kIs, true},
    KeywordEntry{"LIMIT", Keyword::kLimit, true},
    KeywordEntry{"MANDATORY", Keyword::kMandatory, true},
    KeywordEntry{"MATCH", Keyword::kMatch, true},
    KeywordEntry{"MERGE", Keyword::kMerge, true},
    KeywordEntry{"NONE", Keyword::kNone_, false},
    KeywordEntry{"NOT", Keyword::kNot, true},
    KeywordEntry{"NULL", Keyword::kNull, true},
    KeywordEntry{"OF", Keyword::kOf, true},
    KeywordEntry{"ON", Keyword::kOn, true},
    KeywordEntry{"OPTIONAL", Keyword::kOptional, true},
    KeywordEntry{"OR", Keyword::kOr, true},
    KeywordEntry{"ORDER", Keyword::kOrder, true},
    KeywordEntry{"REDUCE", Keyword::kReduce, false},
    KeywordEntry{"REMOVE", Keyword::kRemove, true},
    KeywordEntry{"REQUIRE", Keyword::kRequire, true},
    KeywordEntry{"RETURN", Keyword::kReturn, true},
    KeywordEntry{"SCALAR", Keyword::kScalar, true},
    KeywordEntry{"SET", Keyword::kSet, true},
    KeywordEntry{"SHORTESTPATH", Keyword::kShortestPath, false},
    KeywordEntry{"SINGLE", Keyword::kSingle, false},
    KeywordEntry{"SKIP", Keyword::kSkip, true},
    KeywordEntry{"STARTS", Keyword::kStarts, true},
    KeywordEntry{"THEN", Keyword::kThen, true},
    KeywordEntry{"TRUE", Keyword::kTrue, true},
    KeywordEntry{"UNION", Keyword::kUnion, true},
    KeywordEntry{"UNIQUE", Keyword::kUnique, true},
    KeywordEntry{"UNWIND", Keyword::kUnwind, true},
    KeywordEntry{"WHEN", Keyword::kWhen, true},
    KeywordEntry{"WHERE", Keyword::kWhere, true},
    KeywordEntry{"WITH", Keyword::kWith, true},
    KeywordEntry{"XOR", Keyword::kXor, true},
    KeywordEntry{"YIELD", Keyword::kYield, true},
};

constexpr std::size_t kLongestKeyword = 16;  // ALLSHORTESTPATHS

Keyword LookupKeyword(std::string_view word) {
  if (word.size() > kLongestKeyword) return Keyword::kNone;
  char upper[kLongestKeyword];
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::string_view key(upper, word.size());
  auto it = std::lower_bound(kKeywords.begin(), kKeywords.end(), key,
                             [](const KeywordEntry& e, std::string_view k) { return e.upper < k; });
  if (it != kKeywords.end() && it->upper == key) return it->keyword;
  return Keyword::kNone;
}

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(unsigned char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

bool IsLetterCategory(utf8proc_category_t category) {
  switch (category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
      return true;
    default:
      return false;
  }
}

bool IsIdentifierPartCategory(utf8proc_category_t category) {
  switch (category) {
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_PC:
      return true;
    default:
      return IsLetterCategory(category);
  }
}

bool IsSpaceCategory(utf8proc_category_t category) {
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Tokens Run() {
    std::vector<Token>& tokens = out_.tokens;
    out_.values.emplace_back();  // index 0: the empty value of tokens without one
    tokens.reserve(text_.size() / 4 + 2);
    if (text_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      tokens.push_back(ErrorToken(0, "UnexpectedSyntax", "the query text is too long"));
    } else {
      while (true) {
        SkipSpaceAndComments(tokens);
        if (!tokens.empty() && tokens.back().kind == TokenKind::kError) break;
        if (at_ >= text_.size()) break;
        tokens.push_back(Next());
        if (tokens.back().kind == TokenKind::kError) break;
      }
    }
    Token end;
    end.kind = TokenKind::kEnd;
    end.begin = end.end = static_cast<std::uint32_t>(std::min(text_.size(), at_));
    end.pos = PosAt(end.begin);
    tokens.push_back(end);
    return std::move(out_);
  }

 private:
  unsigned char Peek(std::size_t ahead = 0) const {
    return at_ + ahead < text_.size() ? static_cast<unsigned char>(text_[at_ + ahead]) : 0;
  }

  // Decodes the code point at `offset`; returns its length in bytes, 0 for invalid UTF-8.
  std::size_t DecodeAt(std::size_t offset, std::int32_t& cp) const {
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text_.data() + offset),
                              static_cast<utf8proc_ssize_t>(text_.size() - offset), &cp);
    return n > 0 ? static_cast<std::size_t>(n) : 0;
  }

  // The 1-based line and column (in code points) of byte `offset`. Offsets are requested in
  // increasing order, so the scan resumes where the last one stopped: linear overall.
  SourcePos PosAt(std::size_t offset) {
    while (pos_offset_ < offset && pos_offset_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[pos_offset_]);
      bool crlf = c == '\r' && pos_offset_ + 1 < text_.size() && text_[pos_offset_ + 1] == '\n';
      if (c == '\n' || (c == '\r' && !crlf)) {
        ++pos_.line;
        pos_.column = 1;
      } else if ((c & 0xC0) != 0x80 && !crlf) {
        ++pos_.column;
      }
      ++pos_offset_;
    }
    return pos_;
  }

  std::uint32_t AddValue(std::string value) {
    out_.values.push_back(std::move(value));
    return static_cast<std::uint32_t>(out_.values.size() - 1);
  }

  Token MakeToken(TokenKind kind, std::size_t begin, std::size_t end) {
    Token t;
    t.kind = kind;
    t.begin = static_cast<std::uint32_t>(begin);
    t.end = static_cast<std::uint32_t>(end);
    t.pos = PosAt(begin);
    at_ = end;
    return t;
  }

  Token ErrorToken(std::size_t begin, const char* detail, std::string message) {
    Token t = MakeToken(TokenKind::kError, begin, begin);
    t.value = AddValue(std::move(message));
    AddValue(detail);
    return t;
  }

  void SkipSpaceAndComments(std::vector<Token>& tokens) {
    while (at_ < text_.size()) {
      unsigned char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++at_;
      } else if (c == '/' && Peek(1) == '/') {
        while (at_ < text_.size() && Peek() != '\n' && Peek() != '\r') ++at_;
      } else if (c == '/' && Peek(1) == '*') {
        std::size_t close = text_.find("*/", at_ + 2);
        if (close == std::string_view::npos) {
          tokens.push_back(ErrorToken(at_, "UnexpectedSyntax", "unterminated comment"));
          return;
        }
        at_ = close + 2;
      } else if (c >= 0x80) {
        std::int32_t cp = 0;
        std::size_t n = DecodeAt(at_, cp);
        if (n == 0 || !IsSpaceCategory(utf8proc_category(cp))) return;
        at_ += n;
      } else {
        return;
      }
    }
  }

  Token Next() {
    std::size_t begin = at_;
    unsigned char c = Peek();
    if (IsAsciiLetter(c) || c == '_') return Identifier(begin);
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return Number(begin);
    switch (c) {
      case '\'':
      case '"':
        return String(begin);
      case '`':
        return QuotedIdentifier(begin);
      case '$':
        return Parameter(begin);
      case '(':
        return MakeToken(TokenKind::kLParen, begin, begin + 1);
      case ')':
        return MakeToken(TokenKind::kRParen, begin, begin + 1);
      case '[':
        return MakeToken(TokenKind::kLBracket, begin, begin + 1);
      case ']':
        return MakeToken(TokenKind::kRBracket, begin, begin + 1);
      case '{':
        return MakeToken(TokenKind::kLBrace, begin, begin + 1);
      case '}':
        return MakeToken(TokenKind::kRBrace, begin, begin + 1);
      case ',':
        return MakeToken(TokenKind::kComma, begin, begin + 1);
      case '.':
        if (Peek(1) == '.') return MakeToken(TokenKind::kDotDot, begin, begin + 2);
        return MakeToken(TokenKind::kDot, begin, begin + 1);
      case ':':
        return MakeToken(TokenKind::kColon, begin, begin + 1);
      case ';':
        return MakeToken(TokenKind::kSemicolon, begin, begin + 1);
      case '|':
        return MakeToken(TokenKind::kPipe, begin, begin + 1);
      case '+':
        if (Peek(1) == '=') return MakeToken(TokenKind::kPlusEqual, begin, begin + 2);
        return MakeToken(TokenKind::kPlus, begin, begin + 1);
      case '-':
        return MakeToken(TokenKind::kMinus, begin, begin + 1);
      case '*':
        return MakeToken(TokenKind::kStar, begin, begin + 1);
      case '/':
        return MakeToken(TokenKind::kSlash, begin, begin + 1);
      case '%':
        return MakeToken(TokenKind::kPercent, begin, begin + 1);
      case '^':
        return MakeToken(TokenKind::kCaret, begin, begin + 1);
      case '=':
        if (Peek(1) == '~') return MakeToken(TokenKind::kRegexMatch, begin, begin + 2);
        return MakeToken(TokenKind::kEqual, begin, begin + 1);
      case '<':
        if (Peek(1) == '>') return MakeToken(TokenKind::kNotEqual, begin, begin + 2);
        if (Peek(1) == '=') return MakeToken(TokenKind::kLessEqual, begin, begin + 2);
        return MakeToken(TokenKind::kLess, begin, begin + 1);
      case '>':
        if (Peek(1) == '=') return MakeToken(TokenKind::kGreaterEqual, begin, begin + 2);
        return MakeToken(TokenKind::kGreater, begin, begin + 1);
      default:
        break;
    }
    if (c >= 0x80) {
      std::int32_t cp = 0;
      std::size_t n = DecodeAt(begin, cp);
      if (n == 0) return ErrorToken(begin, "UnexpectedSyntax", "invalid UTF-8 in the query text");
      if (IsLetterCategory(utf8proc_category(cp))) return Identifier(begin);
      return ErrorToken(begin, "InvalidUnicodeCharacter",
                        "unexpected character '" + std::string(text_.substr(begin, n)) + "'");
    }
    return ErrorToken(begin, "UnexpectedSyntax",
                      "unexpected character '" + std::string(1, static_cast<char>(c)) + "'");
  }

  // Length of the identifier character at `offset` (letter, digit, `_`, combining mark), or 0.
  std::size_t IdentifierCharAt(std::size_t offset) const {
    if (offset >= text_.size()) return 0;
    unsigned char c = static_cast<unsigned char>(text_[offset]);
    if (IsAsciiLetter(c) || IsDigit(c) || c == '_') return 1;
    if (c < 0x80) return 0;
    std::int32_t cp = 0;
    std::size_t n = DecodeAt(offset, cp);
    if (n == 0 || !IsIdentifierPartCategory(utf8proc_category(cp))) return 0;
    return n;
  }

  std::size_t IdentifierEnd(std::size_t offset) const {
    while (std::size_t n = IdentifierCharAt(offset)) offset += n;
    return offset;
  }

  Token Identifier(std::size_t begin) {
    std::size_t end = IdentifierEnd(begin);
    if (end == begin) end = begin + 1;  // unreachable: the first character was checked
    Token t = MakeToken(TokenKind::kIdentifier, begin, end);
    t.keyword = LookupKeyword(text_.substr(begin, end - begin));
    return t;
  }

  // A number literal. A number immediately followed by identifier characters (`12ab`, `0x1g`)
  // is one malformed token rather than a number and a name.
  Token Number(std::size_t begin) {
    std::size_t i = begin;
    auto digits = [&](auto pred) {
      while (i < text_.size() && pred(static_cast<unsigned char>(text_[i]))) ++i;
    };
    TokenKind kind = TokenKind::kInteger;
    bool valid = true;
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X')) {
      i += 2;
      std::size_t start = i;
      digits(IsHexDigit);
      valid = i > start;
    } else if (Peek() == '0' && (Peek(1) == 'o' || Peek(1) == 'O')) {
      i += 2;
      std::size_t start = i;
      digits([](unsigned char c) { return c >= '0' && c <= '7'; });
      valid = i > start;
    } else {
      digits(IsDigit);
      std::size_t int_digits = i - begin;
      if (i + 1 < text_.size() && text_[i] == '.' && IsDigit(text_[i + 1])) {
        kind = TokenKind::kFloat;
        ++i;
        digits(IsDigit);
      }
      if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
        std::size_t mark = i + 1;
        if (mark < text_.size() && (text_[mark] == '+' || text_[mark] == '-')) ++mark;
        if (mark < text_.size() && IsDigit(text_[mark])) {
          kind = TokenKind::kFloat;
          i = mark;
          digits(IsDigit);
        }
      }
      // Leading zeros in an integer (`0123`) are neither decimal nor the 0o octal form.
      if (kind == TokenKind::kInteger && int_digits > 1 && text_[begin] == '0') valid = false;
    }
    std::size_t end = IdentifierEnd(i);
    if (end != i) valid = false;
    return MakeToken(valid ? kind : TokenKind::kInvalidNumber, begin, end);
  }

  Token String(std::size_t begin) {
    char quote = text_[begin];
    std::string value;
    std::size_t i = begin + 1;
    std::size_t run = i;  // start of the pending run of plain characters
    while (true) {
      if (i >= text_.size()) {
        return ErrorToken(begin, "UnexpectedSyntax", "unterminated string literal");
      }
      char c = text_[i];
      if (c == quote) break;
      if (c != '\\') {
        ++i;
        continue;
      }
      value.append(text_.substr(run, i - run));
      std::size_t escape = i;
      char e = i + 1 < text_.size() ? text_[i + 1] : '\0';
      i += 2;
      switch (e) {
        case '\\':
          value += '\\';
          break;
        case '\'':
          value += '\'';
          break;
        case '"':
          value += '"';
          break;
        case 'n':
        case 'N':
          value += '\n';
          break;
        case 't':
        case 'T':
          value += '\t';
          break;
        case 'r':
        case 'R':
          value += '\r';
          break;
        case 'b':
        case 'B':
          value += '\b';
          break;
        case 'f':
        case 'F':
          value += '\f';
          break;
        case 'u':
        case 'U': {
          std::uint32_t cp = 0;
          if (!UnicodeEscape(e == 'u' ? 4 : 8, i, cp)) {
            return ErrorToken(escape, "InvalidUnicodeLiteral",
                              e == 'u' ? "expected 4 hexadecimal digits after \\u forming a "
                                         "valid code point"
                                       : "expected 8 hexadecimal digits after \\U forming a "
                                         "valid code point");
          }
          AppendUtf8(value, cp);
          break;
        }
        default:
          return ErrorToken(escape, "UnexpectedSyntax",
                            "invalid escape sequence in string literal; expected one of "
                            "\\\\ \\' \\\" \\b \\f \\n \\r \\t \\uXXXX \\UXXXXXXXX");
      }
      run = i;
    }
    value.append(text_.substr(run, i - run));
    Token t = MakeToken(TokenKind::kString, begin, i + 1);
    t.value = AddValue(std::move(value));
    return t;
  }

  // Reads `count` hex digits at `i` (advancing it) into a code point. A high surrogate must be
  // followed by an escaped low surrogate, and the pair stands for one code point.
  bool UnicodeEscape(int count, std::size_t& i, std::uint32_t& cp) {
    if (!ReadHex(count, i, cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 1 < text_.size() && text_[i] == '\\' && text_[i + 1] == 'u') {
        std::size_t j = i + 2;
        std::uint32_t low = 0;
        if (ReadHex(4, j, low) && low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i = j;
          return true;
        }
      }
      return false;
    }
    return !(cp >= 0xDC00 && cp <= 0xDFFF) && cp <= 0x10FFFF;
  }

  bool ReadHex(int count, std::size_t& i, std::uint32_t& cp) const {
    cp = 0;
    for (int k = 0; k < count; ++k, ++i) {
      if (i >= text_.size() || !IsHexDigit(static_cast<unsigned char>(text_[i]))) return false;
      cp = cp * 16 + static_cast<std::uint32_t>(HexValue(static_cast<unsigned char>(text_[i])));
    }
    return true;
  }

  Token QuotedIdentifier(std::size_t begin) {
    std::string value;
    std::size_t i = begin + 1;
    while (true) {
      std::size_t close = text_.find('`', i);
      if (close == std::string_view::npos) {
        return ErrorToken(begin, "UnexpectedSyntax", "unterminated `quoted` name");
      }
      value.append(text_.substr(i, close - i));
      if (close + 1 < text_.size() && text_[close + 1] == '`') {  // `` is an escaped backtick
        value += '`';
        i = close + 2;
        continue;
      }
      i = close + 1;
      break;
    }
    Token t = MakeToken(TokenKind::kQuotedIdentifier, begin, i);
    t.value = AddValue(std::move(value));
    return t;
  }

  Token Parameter(std::size_t begin) {
    std::size_t i = begin + 1;
    if (i < text_.size() && text_[i] == '`') {
      SourcePos pos = PosAt(begin);  // before the name moves the position scan past `$`
      Token t = QuotedIdentifier(i);
      if (t.kind == TokenKind::kError) return t;
      t.kind = TokenKind::kParameter;
      t.begin = static_cast<std::uint32_t>(begin);
      t.pos = pos;
      return t;
    }
    std::size_t end = IdentifierEnd(i);
    if (end == i) {
      return ErrorToken(begin, "UnexpectedSyntax", "expected a parameter name after '$'");
    }
    Token t = MakeToken(TokenKind::kParameter, begin, end);
    t.value = AddValue(std::string(text_.substr(i, end - i)));
    return t;
  }

  std::string_view text_;
  Tokens out_;
  std::size_t at_ = 0;
  std::size_t pos_offset_ = 0;
  SourcePos pos_;
};

}  // namespace

bool IsReservedKeyword(Keyword keyword) {
  if (keyword == Keyword::kNone) return false;
  for (const KeywordEntry& e : kKeywords) {
    if (e.keyword == keyword) return e.reserved;
  }
  return false;
}

Tokens Tokenize(std::string_view text) { return Lexer(text).Run(); }

std::string DescribeToken(const Token& token, std::string_view text) {
  if (token.kind == TokenKind::kEnd) return "end of input";
  if (token.kind == TokenKind::kError) return "invalid input";
  std::string_view slice = text.substr(token.begin, token.end - token.begin);
  if (slice.size() > 40) {
    std::size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(slice[cut]) & 0xC0) == 0x80) --cut;
    return "'" + std::string(slice.substr(0, cut)) + "...'";
  }
  return "'" + std::string(slice) + "'";
}

}  // namespace sutra::cypher
