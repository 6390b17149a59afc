// Text as the export formats need it: every string made valid UTF-8 of characters XML 1.0
// allows (anything else becomes U+FFFD), then escaped for XML or quoted for CSV (RFC 4180).
#pragma once

#include <string>
#include <string_view>

namespace sutra::engine {

// Appends `text` to `out`, escaped for XML text and attribute values (& < > " ' escaped; tab,
// LF and CR as character references so they survive inside attributes).
void AppendXml(std::string& out, std::string_view text);
// Appends `text` to `out` as one CSV field, quoted when it holds a comma, quote or line break.
void AppendCsv(std::string& out, std::string_view text);

std::string XmlEscape(std::string_view text);
std::string CsvField(std::string_view text);

}  // namespace sutra::engine
