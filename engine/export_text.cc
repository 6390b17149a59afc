#include "engine/export_text.h"

namespace sutra::engine {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the well-formed UTF-8 sequence of a character XML 1.0 allows that starts at
// text[i], or 0 when the bytes there are not one (a stray or truncated byte, an overlong form,
// a surrogate, a value above U+10FFFF, U+FFFE/U+FFFF, or a control character other than tab,
// LF and CR).
std::size_t ValidSequenceLength(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return lead >= 0x20 || lead == '\t' || lead == '\n' || lead == '\r' ? 1 : 0;
  std::size_t length = 0;
  char32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) return 0;
  if (length == 4 && (code < 0x10000 || code > 0x10FFFF)) return 0;
  if (code == 0xFFFE || code == 0xFFFF) return 0;
  return length;
}

// Appends `text` to `out` with every invalid byte replaced by U+FFFD, passing each ASCII
// character through `ascii` (which appends it, escaped as the format needs).
template <typename AsciiFn>
void AppendValid(std::string& out, std::string_view text, AsciiFn ascii) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else if (length == 1) {
      ascii(out, text[i]);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
}

}  // namespace

void AppendXml(std::string& out, std::string_view text) {
  AppendValid(out, text, [](std::string& o, char c) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      case '\'':
        o += "&apos;";
        break;
      // Parsers turn literal tab, LF and CR in attribute values into spaces (and CR LF into
      // LF in text); character references survive.
      case '\t':
        o += "&#9;";
        break;
      case '\n':
        o += "&#10;";
        break;
      case '\r':
        o += "&#13;";
        break;
      default:
        o += c;
    }
  });
}

void AppendCsv(std::string& out, std::string_view text) {
  std::string valid;
  AppendValid(valid, text, [](std::string& o, char c) { o += c; });
  if (valid.find_first_of(",\"\r\n") == std::string::npos) {
    out += valid;
    return;
  }
  out += '"';
  for (char c : valid) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
std::string XmlEscape(std::string_view text) {
  std::string out;
  AppendXml(out, text);
  return out;
}

std::string CsvField(std::string_view text) {
  std::string out;
  AppendCsv(out, text);
  return out;
}

}  // namespace sutra::engine
