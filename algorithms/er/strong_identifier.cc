#include "algorithms/er/strong_identifier.h"

#include <array>
#include <cstdint>

namespace sutra::algorithms::er {
namespace {

// Verhoeff's dihedral-group tables: multiplication d, permutation p.
constexpr std::array<std::array<std::uint8_t, 10>, 10> kD = {{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                                                              {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                                                              {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
                                                              {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                                                              {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
                                                              {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                                                              {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
                                                              {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                                                              {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
                                                              {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}};
constexpr std::array<std::array<std::uint8_t, 10>, 8> kP = {{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                                                             {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                                                             {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
                                                             {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                                                             {9, 4, 5, 8, 1, 0, 2, 7, 6, 3},
                                                             {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                                                             {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
                                                             {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// `raw` without spaces and hyphens, upper-cased.
std::string Compact(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c != ' ' && c != '-') out.push_back(Upper(c));
  }
  return out;
}

bool IsPan(std::string_view s) {
  static constexpr std::string_view kHolderTypes = "PCHFATBLJG";
  if (s.size() != 10) return false;
  for (int i = 0; i < 5; ++i) {
    if (!IsLetter(s[i])) return false;
  }
  for (int i = 5; i < 9; ++i) {
    if (!IsDigit(s[i])) return false;
  }
  return IsLetter(s[9]) && kHolderTypes.find(s[3]) != std::string_view::npos;
}

// Whether two equal-length strings are at most one substitution or one adjacent swap apart.
bool OneSlipApart(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t first = 0;
  while (first < a.size() && a[first] == b[first]) ++first;
  if (first == a.size()) return true;
  if (a.substr(first + 1) == b.substr(first + 1)) return true;  // one substitution
  return first + 1 < a.size() && a[first] == b[first + 1] && a[first + 1] == b[first] &&
         a.substr(first + 2) == b.substr(first + 2);  // one adjacent swap
}

}  // namespace

bool VerhoeffValid(std::string_view digits) {
  if (digits.size() != 12) return false;
  std::uint8_t check = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const char c = digits[digits.size() - 1 - i];
    if (!IsDigit(c)) return false;
    check = kD[check][kP[i % 8][c - '0']];
  }
  return check == 0;
}

std::optional<std::string> StrongIdentifier(std::string_view raw) {
  const std::string s = Compact(raw);
  if (s.size() == 12 && s[0] >= '2' && s[0] <= '9' && VerhoeffValid(s)) return "aadhaar:" + s;
  if (IsPan(s)) return "pan:" + s;
  return std::nullopt;
}

bool StrongIdentifiersDiffer(std::string_view a, std::string_view b) {
  const std::size_t colon_a = a.find(':'), colon_b = b.find(':');
  if (a.substr(0, colon_a) != b.substr(0, colon_b) || a == b) return false;
  if (a.starts_with("pan:")) return !OneSlipApart(a, b);
  return true;
}

}  // namespace sutra::algorithms::er
