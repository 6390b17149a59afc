// String similarity for entity resolution: Jaro–Winkler over code points and a token-set
// similarity that understands initials ("R. Senthil Kumar" against "Senthil Kumar R").
//
// Inputs are UTF-8. Strings are compared as sequences of Unicode code points, so a Devanagari or
// Tamil letter counts once, not once per byte; a malformed byte counts as one U+FFFD. No case
// folding or other normalisation happens here: callers pass tokens that are already normalised.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sutra::algorithms::er {

// Decodes UTF-8 to code points. Each byte that does not start a well-formed sequence becomes
// U+FFFD and decoding resumes at the next byte; overlong forms are not rejected (the result is
// only compared for equality).
std::u32string DecodeUtf8(std::string_view text);

// Jaro similarity in [0, 1]: 1 for equal strings (two empty strings included), 0 when one is
// empty or no characters match within the window max(|a|, |b|) / 2 - 1.
double Jaro(std::string_view a, std::string_view b);

// Jaro–Winkler in [0, 1]: jaro + p * 0.1 * (1 - jaro), where p is the length of the common
// prefix, at most 4 code points. The boost applies at every Jaro value. Symmetric.
double JaroWinkler(std::string_view a, std::string_view b);

// JaroWinkler(a, b) when it may reach `floor`; otherwise some value below `floor`, found from
// the characters the two share (Jaro counts no more matches than that, and the prefix boost adds
// at most 0.4 of the rest), which spares the work for the many pairs of unlike words.
double JaroWinklerFrom(std::string_view a, std::string_view b, double floor);

// Similarity in [0, 1] of two token lists, ignoring order and empty tokens.
//
// Each token pair (x, y) scores
//   1                 if x == y,
//   kInitialScore     if one of them is a single code point that starts the other (an initial),
//   0                 if one of them is a single code point otherwise,
//   JW(x, y)          if JW(x, y) >= kTokenFloor, else 0 (so unrelated tokens earn nothing).
// Tokens are paired one to one so that the sum S of pair scores is largest; the result is the
// Dice-style ratio 2 S / (|a| + |b|), so an unpaired token costs as much as a mismatched one.
// Two empty lists score 1 and one empty list scores 0. The pairing is exact while the shorter
// list has at most kMaxExactTokens tokens and greedy (best pairs first) beyond that.
double TokenSetSimilarity(const std::vector<std::string>& a, const std::vector<std::string>& b);

// How completely the shorter token list is found in the longer one: the best one-to-one pairing
// sum as in TokenSetSimilarity, divided by the number of tokens of the shorter list. 1 when
// every token of one side is also on the other ("lola brown" against "brown"); 0 when either
// side has no token. Symmetric.
double TokenContainment(const std::vector<std::string>& a, const std::vector<std::string>& b);

// TokenSetSimilarity and TokenContainment of the same lists, pairing the tokens once.
struct TokenSimilarities {
  double set = 0.0;
  double containment = 0.0;
};
TokenSimilarities TokenSimilarity(const std::vector<std::string>& a,
                                  const std::vector<std::string>& b);

inline constexpr double kInitialScore = 0.8;  // an initial is weaker evidence than the full token
inline constexpr double kTokenFloor = 0.7;
inline constexpr std::size_t kMaxExactTokens = 10;

}  // namespace sutra::algorithms::er
