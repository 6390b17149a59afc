#include "algorithms/er/similarity.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>

namespace sutra::algorithms::er {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr double kPrefixScale = 0.1;
constexpr std::size_t kMaxPrefix = 4;

bool IsAscii(std::string_view s) {
  // No early exit: the loop vectorises, and names are short.
  unsigned char bits = 0;
  for (char c : s) bits |= static_cast<unsigned char>(c);
  return bits < 0x80;
}

// Jaro over any character type; both views hold whole characters (bytes of ASCII text or code
// points). Matching is greedy from `a`, which finds a maximum matching for each character because
// every position's window is the same width, so the result does not depend on argument order.
template <typename Char>
double JaroOf(std::basic_string_view<Char> a, std::basic_string_view<Char> b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t longer = std::max(a.size(), b.size());
  const std::size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
  // Flags on the stack for the short strings names are; the heap only for long text.
  constexpr std::size_t kStack = 64;
  char a_stack[kStack] = {}, b_stack[kStack] = {};
  std::vector<char> a_heap, b_heap;
  char* a_matched = a_stack;
  char* b_matched = b_stack;
  if (a.size() > kStack) a_heap.assign(a.size(), 0), a_matched = a_heap.data();
  if (b.size() > kStack) b_heap.assign(b.size(), 0), b_matched = b_heap.data();
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(b.size(), i + window + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  // Matched characters read in order in both strings; each position where they differ is half a
  // transposition.
  std::size_t half_transpositions = 0;
  std::size_t j = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++half_transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(half_transpositions) / 2.0;
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - t) / m) /
         3.0;
}

template <typename Char>
double JaroWinklerOf(std::basic_string_view<Char> a, std::basic_string_view<Char> b) {
  const double jaro = JaroOf(a, b);
  const std::size_t limit = std::min({a.size(), b.size(), kMaxPrefix});
  std::size_t prefix = 0;
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * kPrefixScale * (1.0 - jaro);
}

// An upper bound of JaroWinklerOf(a, b) that costs O(|a| + |b|): Jaro counts at most the
// characters the two strings share as multisets (for bytes; for code points, the shorter
// length), its transposition term is at most 1, and the prefix boost adds at most 0.4 of what
// remains. Lets a caller with a floor skip the O(|a| * window) matching for unlike words.
template <typename Char>
double JaroWinklerBound(std::basic_string_view<Char> a, std::basic_string_view<Char> b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  std::size_t common = std::min(a.size(), b.size());
  // Bytes of ASCII text (the callers' fast path); a count cannot overflow below 256 bytes.
  if constexpr (sizeof(Char) == 1) {
    if (a.size() < 256) {
      std::uint8_t counts[128] = {};
      for (Char c : a) ++counts[static_cast<unsigned char>(c) & 0x7f];
      common = 0;
      for (Char c : b) {
        std::uint8_t& n = counts[static_cast<unsigned char>(c) & 0x7f];
        if (n > 0) --n, ++common;
      }
    }
  }
  if (common == 0) return 0.0;
  const double m = static_cast<double>(common);
  const double jaro =
      (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + 1.0) / 3.0;
  return jaro + static_cast<double>(kMaxPrefix) * kPrefixScale * (1.0 - jaro);
}

template <typename Char>
double TokenPairScore(std::basic_string_view<Char> x, std::basic_string_view<Char> y) {
  if (x == y) return 1.0;
  if (x.size() == 1 || y.size() == 1) return x.front() == y.front() ? kInitialScore : 0.0;
  // Below the floor a pair earns nothing, which the bound often shows without the matching.
  if (JaroWinklerBound(x, y) < kTokenFloor) return 0.0;
  const double jw = JaroWinklerOf(x, y);
  return jw >= kTokenFloor ? jw : 0.0;
}

std::vector<std::u32string> DecodeTokens(const std::vector<std::string>& tokens) {
  std::vector<std::u32string> out;
  out.reserve(tokens.size());
  for (const std::string& token : tokens) {
    if (!token.empty()) out.push_back(DecodeUtf8(token));
  }
  return out;
}

// Largest sum of pair scores over one-to-one pairings. scores[i][j] pairs long[i] with short[j];
// the short side has at most kMaxExactTokens tokens, so a table over its subsets stays small.
double BestPairingExact(const std::vector<std::vector<double>>& scores, std::size_t n_short) {
  const std::size_t states = std::size_t{1} << n_short;
  std::vector<double> best(states, -1.0);  // -1: subset not reachable
  best[0] = 0.0;
  for (const std::vector<double>& row : scores) {
    std::vector<double> next = best;  // leaving this long-side token unpaired
    for (std::size_t mask = 0; mask < states; ++mask) {
      if (best[mask] < 0.0) continue;
      for (std::size_t j = 0; j < n_short; ++j) {
        const std::size_t bit = std::size_t{1} << j;
        if (mask & bit) continue;
        next[mask | bit] = std::max(next[mask | bit], best[mask] + row[j]);
      }
    }
    best = std::move(next);
  }
  return *std::max_element(best.begin(), best.end());
}

double BestPairingGreedy(const std::vector<std::vector<double>>& scores, std::size_t n_short) {
  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    for (std::size_t j = 0; j < n_short; ++j) pairs.emplace_back(scores[i][j], i, j);
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& l, const auto& r) { return l > r; });
  std::vector<char> long_used(scores.size(), 0);
  std::vector<char> short_used(n_short, 0);
  double sum = 0.0;
  for (const auto& [score, i, j] : pairs) {
    if (long_used[i] || short_used[j]) continue;
    long_used[i] = short_used[j] = 1;
    sum += score;
  }
  return sum;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t code = 0;
    if (lead < 0x80) {
      length = 1;
      code = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code = lead & 0x07;
    }
    bool well_formed = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; well_formed && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      well_formed = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    if (!well_formed) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    out.push_back(code);
    i += length;
  }
  return out;
}

double Jaro(std::string_view a, std::string_view b) {
  if (IsAscii(a) && IsAscii(b)) return JaroOf(a, b);
  const std::u32string wa = DecodeUtf8(a);
  const std::u32string wb = DecodeUtf8(b);
  return JaroOf(std::u32string_view(wa), std::u32string_view(wb));
}

double JaroWinkler(std::string_view a, std::string_view b) {
  if (IsAscii(a) && IsAscii(b)) return JaroWinklerOf(a, b);
  const std::u32string wa = DecodeUtf8(a);
  const std::u32string wb = DecodeUtf8(b);
  return JaroWinklerOf(std::u32string_view(wa), std::u32string_view(wb));
}

double JaroWinklerFrom(std::string_view a, std::string_view b, double floor) {
  if (IsAscii(a) && IsAscii(b)) {
    if (JaroWinklerBound(a, b) < floor) return 0.0;
    return JaroWinklerOf(a, b);
  }
  return JaroWinkler(a, b);
}

namespace {

// The largest sum of pair scores over one-to-one pairings of the non-empty tokens of `a` and
// `b`, with the sizes of both lists; nullopt when either list has no token.
struct Pairing {
  double best = 0.0;
  std::size_t longer = 0, shorter = 0;
};

// The pair scores of two token lists of one character type, the longer list first.
template <typename Token>
std::optional<Pairing> BestPairingOf(std::vector<Token> ta, std::vector<Token> tb) {
  if (ta.empty() || tb.empty()) return std::nullopt;
  if (ta.size() < tb.size()) std::swap(ta, tb);  // ta is now the longer side
  std::vector<std::vector<double>> scores(ta.size(), std::vector<double>(tb.size()));
  for (std::size_t i = 0; i < ta.size(); ++i) {
    for (std::size_t j = 0; j < tb.size(); ++j) scores[i][j] = TokenPairScore(ta[i], tb[j]);
  }
  const double best = tb.size() <= kMaxExactTokens ? BestPairingExact(scores, tb.size())
                                                   : BestPairingGreedy(scores, tb.size());
  return Pairing{best, ta.size(), tb.size()};
}

std::optional<Pairing> BestPairing(const std::vector<std::string>& a,
                                   const std::vector<std::string>& b) {
  const auto ascii = [](const std::vector<std::string>& tokens) {
    return std::all_of(tokens.begin(), tokens.end(),
                       [](const std::string& t) { return IsAscii(t); });
  };
  if (ascii(a) && ascii(b)) {
    // Bytes are characters: no decoding, no copies.
    const auto views = [](const std::vector<std::string>& tokens) {
      std::vector<std::string_view> out;
      for (const std::string& t : tokens) {
        if (!t.empty()) out.emplace_back(t);
      }
      return out;
    };
    return BestPairingOf(views(a), views(b));
  }
  std::vector<std::u32string> da = DecodeTokens(a), db = DecodeTokens(b);
  std::vector<std::u32string_view> va(da.begin(), da.end()), vb(db.begin(), db.end());
  return BestPairingOf(std::move(va), std::move(vb));
}

bool NoTokens(const std::vector<std::string>& tokens) {
  return std::all_of(tokens.begin(), tokens.end(), [](const std::string& t) { return t.empty(); });
}

}  // namespace

double TokenSetSimilarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (NoTokens(a) && NoTokens(b)) return 1.0;
  const std::optional<Pairing> p = BestPairing(a, b);
  if (!p) return 0.0;
  return 2.0 * p->best / static_cast<double>(p->longer + p->shorter);
}

double TokenContainment(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::optional<Pairing> p = BestPairing(a, b);
  if (!p) return 0.0;
  return p->best / static_cast<double>(p->shorter);
}

TokenSimilarities TokenSimilarity(const std::vector<std::string>& a,
                                  const std::vector<std::string>& b) {
  TokenSimilarities out;
  const std::optional<Pairing> p = BestPairing(a, b);
  if (NoTokens(a) && NoTokens(b)) out.set = 1.0;
  if (!p) return out;
  out.set = 2.0 * p->best / static_cast<double>(p->longer + p->shorter);
  out.containment = p->best / static_cast<double>(p->shorter);
  return out;
}

}  // namespace sutra::algorithms::er
