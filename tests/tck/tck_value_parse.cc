// The parser of the TCK's value literals (tck_value.h).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "tests/tck/tck_value.h"

namespace sutra::cypher::tck {
namespace {

using Kind = TckValue::Kind;

class LiteralParser {
 public:
  explicit LiteralParser(std::string_view text) : text_(text) {}

  TckValue ParseAll() {
    TckValue value = ParseValue();
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected text after the value");
    return value;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw TckValueError(what + " at offset " + std::to_string(pos_) + " in `" + std::string(text_) +
                        "`");
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  char Peek() {
    SkipSpace();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

  bool Accept(std::string_view token) {
    SkipSpace();
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }

  void Expect(std::string_view token) {
    if (!Accept(token)) Fail("expected `" + std::string(token) + "`");
  }

  static bool IsIdentifierChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  }

  // A word starting at pos_ (no space skipping): letters, digits, '_' and UTF-8 bytes.
  std::string_view PeekWord() const {
    std::size_t end = pos_;
    while (end < text_.size() && IsIdentifierChar(text_[end])) ++end;
    return text_.substr(pos_, end - pos_);
  }

  bool AcceptKeyword(std::string_view word) {
    SkipSpace();
    std::string_view found = PeekWord();
    if (found.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(found[i])) !=
          std::tolower(static_cast<unsigned char>(word[i]))) {
        return false;
      }
    }
    pos_ += word.size();
    return true;
  }

  // A label, type or map key: a plain identifier, a `backquoted` name or a quoted string.
  std::string ParseName() {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '`') {
      std::size_t end = text_.find('`', pos_ + 1);
      if (end == std::string_view::npos) Fail("unclosed backquote");
      std::string name(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return name;
    }
    if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"')) return ParseString();
    std::string_view word = PeekWord();
    if (word.empty()) Fail("expected a name");
    pos_ += word.size();
    return std::string(word);
  }

  TckValue ParseValue() {
    const char c = Peek();
    switch (c) {
      case '\0':
        Fail("expected a value");
      case '[':
        return ParseListOrRelationship();
      case '{':
        return Entries(Kind::kMap, ParseMapEntries());
      case '(':
        return ParseNode();
      case '<':
        return ParsePath();
      case '\'':
      case '"': {
        TckValue value;
        value.kind = Kind::kString;
        value.text = ParseString();
        return value;
      }
      default:
        break;
    }
    if (AcceptKeyword("null")) return TckValue{};
    if (AcceptKeyword("true")) return Bool(true);
    if (AcceptKeyword("false")) return Bool(false);
    if (AcceptKeyword("NaN")) return Float(std::numeric_limits<double>::quiet_NaN());
    if (AcceptKeyword("Inf") || AcceptKeyword("Infinity")) {
      return Float(std::numeric_limits<double>::infinity());
    }
    return ParseNumber();
  }

  static TckValue Bool(bool b) {
    TckValue value;
    value.kind = Kind::kBool;
    value.boolean = b;
    return value;
  }

  static TckValue Float(double d) {
    TckValue value;
    value.kind = Kind::kFloat;
    value.number = d;
    return value;
  }

  static TckValue Entries(Kind kind, std::vector<std::pair<std::string, TckValue>> entries) {
    TckValue value;
    value.kind = kind;
    value.entries = std::move(entries);
    return value;
  }

  TckValue ParseNumber() {
    SkipSpace();
    const std::size_t start = pos_;
    bool negative = false;
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) {
      negative = text_[pos_] == '-';
      ++pos_;
      if (AcceptKeyword("Inf") || AcceptKeyword("Infinity")) {
        return Float(negative ? -std::numeric_limits<double>::infinity()
                              : std::numeric_limits<double>::infinity());
      }
      if (AcceptKeyword("NaN")) return Float(std::numeric_limits<double>::quiet_NaN());
    }
    bool is_float = false;
    std::size_t digits = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
      ++digits;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      is_float = true;
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
        ++digits;
      }
    }
    if (digits == 0) {
      pos_ = start;
      Fail("expected a value");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      is_float = true;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
      const std::size_t exponent_start = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (pos_ == exponent_start) Fail("expected an exponent");
    }
    if (pos_ < text_.size() && IsIdentifierChar(text_[pos_])) Fail("malformed number");
    const std::string literal(text_.substr(start, pos_ - start));
    if (is_float) return Float(std::strtod(literal.c_str(), nullptr));
    TckValue value;
    value.kind = Kind::kInt;
    const char* begin = literal.c_str() + (literal[0] == '+' ? 1 : 0);
    auto [end, error] = std::from_chars(begin, literal.c_str() + literal.size(), value.integer);
    if (error != std::errc() || end != literal.c_str() + literal.size()) {
      Fail("integer out of range");
    }
    return value;
  }

  // A quoted string with the escapes of Cypher string literals: \\ \' \" \n \t \r \b \f \uXXXX.
  std::string ParseString() {
    SkipSpace();
    const char quote = text_[pos_++];
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) Fail("unclosed string");
      const char c = text_[pos_++];
      if (c == quote) return out;
      if (c != '\\' || pos_ >= text_.size()) {
        out += c;
        continue;
      }
      const char e = text_[pos_++];
      switch (e) {
        case '\\':
        case '\'':
        case '"':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u':
          AppendUtf8(ParseHex(4), &out);
          break;
        default:  // not an escape: the backslash is text
          out += '\\';
          out += e;
      }
    }
  }

  unsigned ParseHex(int count) {
    if (pos_ + count > text_.size()) Fail("short \\u escape");
    unsigned code = 0;
    auto [end, error] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + count, code, 16);
    if (error != std::errc() || end != text_.data() + pos_ + count) Fail("bad \\u escape");
    pos_ += count;
    return code;
  }

  static void AppendUtf8(unsigned code, std::string* out) {
    if (code < 0x80) {
      *out += static_cast<char>(code);
    } else if (code < 0x800) {
      *out += static_cast<char>(0xC0 | (code >> 6));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      *out += static_cast<char>(0xE0 | (code >> 12));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  TckValue ParseListOrRelationship() {
    Expect("[");
    if (Peek() == ':') {
      TckValue rel = ParseRelationshipBody();
      Expect("]");
      return rel;
    }
    TckValue list;
    list.kind = Kind::kList;
    if (Accept("]")) return list;
    do {
      list.items.push_back(ParseValue());
    } while (Accept(","));
    Expect("]");
    return list;
  }

  // `{k: v, ...}` with keys sorted; a repeated key is an error.
  std::vector<std::pair<std::string, TckValue>> ParseMapEntries() {
    Expect("{");
    std::vector<std::pair<std::string, TckValue>> entries;
    if (!Accept("}")) {
      do {
        std::string key = ParseName();
        Expect(":");
        entries.emplace_back(std::move(key), ParseValue());
      } while (Accept(","));
      Expect("}");
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < entries.size(); ++i) {
      if (entries[i].first == entries[i - 1].first) Fail("repeated key " + entries[i].first);
    }
    return entries;
  }

  TckValue ParseNode() {
    Expect("(");
    TckValue node;
    node.kind = Kind::kNode;
    while (Accept(":")) node.labels.push_back(ParseName());
    std::sort(node.labels.begin(), node.labels.end());
    if (Peek() == '{') node.entries = ParseMapEntries();
    Expect(")");
    return node;
  }

  // `:T {p: 1}` after the opening bracket.
  TckValue ParseRelationshipBody() {
    Expect(":");
    TckValue rel;
    rel.kind = Kind::kRelationship;
    rel.text = ParseName();
    if (Peek() == '{') rel.entries = ParseMapEntries();
    return rel;
  }

  TckValue ParsePath() {
    Expect("<");
    TckValue path;
    path.kind = Kind::kPath;
    path.items.push_back(ParseNode());
    while (!Accept(">")) {
      bool forward = true;
      if (Accept("<-[")) {
        forward = false;
      } else {
        Expect("-[");
      }
      TckValue rel = ParseRelationshipBody();
      Expect("]");
      if (forward) {
        Expect("->");
      } else {
        Expect("-");
      }
      rel.forward = forward;
      path.items.push_back(std::move(rel));
      path.items.push_back(ParseNode());
    }
    return path;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

TckValue ParseTckValue(std::string_view text) { return LiteralParser(text).ParseAll(); }

}  // namespace sutra::cypher::tck
