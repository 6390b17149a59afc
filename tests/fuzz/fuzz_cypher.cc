// Fuzzes the Cypher front end (engine/cypher: lexer, parser, binder) with arbitrary bytes: a
// query typed by an analyst or sent over RPC is outside input. Any text must either be
// accepted or rejected with a CypherError carrying a position inside the text; nothing else
// may escape (no crash, no other exception, no unbounded recursion).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/cypher/binder.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/parser.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    sutra::cypher::Query query = sutra::cypher::ParseQuery(text);
    sutra::cypher::CheckQuery(query, nullptr);
  } catch (const sutra::cypher::CypherError& error) {
    // A position, when given, lies within the text. Lines are 1-based and may end in \n, \r,
    // \r\n or a Unicode line break (U+0085, U+2028, U+2029): counting every byte that can
    // start one bounds the number of lines from above.
    int lines = 1;
    for (char c : text) {
      lines += c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
               static_cast<unsigned char>(c) == 0xC2 || static_cast<unsigned char>(c) == 0xE2;
    }
    SUTRA_FUZZ_CHECK(error.line() >= 0 && error.line() <= lines);
    SUTRA_FUZZ_CHECK(error.column() >= 0);
  }
  return 0;
}
