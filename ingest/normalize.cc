#include "ingest/normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <memory>

namespace sutra::ingest {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

bool AllLetters(std::string_view s) {
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// Length of the run of characters at the front of `s` accepted by `pred`.
template <typename Pred>
std::size_t Run(std::string_view s, Pred pred) {
  std::size_t n = 0;
  while (n < s.size() && pred(s[n])) ++n;
  return n;
}

}  // namespace

std::optional<std::string> NormalizeIndianMobile(std::string_view text) {
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c == '+' && digits.empty()) {
      continue;  // leading plus of "+91"
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return std::nullopt;
    }
  }
  if (digits.size() == 14 && digits.starts_with("0091")) digits.erase(0, 4);
  if (digits.size() == 12 && digits.starts_with("91")) digits.erase(0, 2);
  if (digits.size() == 11 && digits.starts_with("0")) digits.erase(0, 1);
  if (digits.size() != 10 || digits[0] < '6') return std::nullopt;
  return "+91" + digits;
}

std::optional<std::string> NormalizeVehicleRegistration(std::string_view text) {
  std::string r;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '.' || c == '/') continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    r.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  std::string_view s = r;
  // Bharat series: YY BH NNNN XX (two-digit year, four digits, one or two letters).
  if (s.size() >= 9 && s.size() <= 10 && AllDigits(s.substr(0, 2)) && s.substr(2, 2) == "BH" &&
      AllDigits(s.substr(4, 4)) && AllLetters(s.substr(8))) {
    return r;
  }
  // State series: SS DD LLL NNNN.
  if (s.size() < 4 || !AllLetters(s.substr(0, 2))) return std::nullopt;
  s.remove_prefix(2);
  std::size_t digits = Run(s, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  // Without series letters ("KA 05 9999") the district code and the number run together: the
  // district code is then the first two digits (one, when only two digits are given).
  std::size_t district = digits == s.size() ? (digits >= 3 ? 2 : 1) : digits;
  if (district < 1 || district > 2) return std::nullopt;
  s.remove_prefix(district);
  std::size_t series = Run(s, [](char c) { return c >= 'A' && c <= 'Z'; });
  if (series > 3) return std::nullopt;
  s.remove_prefix(series);
  if (s.size() < 1 || s.size() > 4 || !AllDigits(s)) return std::nullopt;
  return r;
}

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0 || cp < 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

namespace {

// FoldForLookup for text that is all ASCII, which most fields are: there NFKC changes nothing,
// case folding is lowercasing, and letters and digits are the only characters kept.
std::string FoldAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
    } else {
      pending_space = true;
    }
  }
  return out;
}

}  // namespace

std::string FoldForLookup(std::string_view text) {
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return FoldAscii(text);
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD));
  if (len < 0) return {};  // not UTF-8: callers validate first
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);

  std::string out;
  bool pending_space = false;
  const utf8proc_uint8_t* p = mapped;
  utf8proc_ssize_t left = len;
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) break;
    utf8proc_category_t cat = utf8proc_category(cp);
    bool keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND) ||
                cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
    if (keep) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    } else {
      pending_space = true;
    }
    p += n;
    left -= n;
  }
  return out;
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!AllDigits(text.substr(0, 4)) || !AllDigits(text.substr(5, 2)) ||
      !AllDigits(text.substr(8, 2))) {
    return false;
  }
  std::chrono::year_month_day day{std::chrono::year(ToInt(text.substr(0, 4))),
                                  std::chrono::month(ToInt(text.substr(5, 2))),
                                  std::chrono::day(ToInt(text.substr(8, 2)))};
  return day.ok();
}

bool IsPartialDate(std::string_view text) {
  if (text.size() < 4 || !AllDigits(text.substr(0, 4))) return false;
  const int year = ToInt(text.substr(0, 4));
  if (year < 1900 || year > 2100) return false;
  if (text.size() == 4) return true;
  if (text.size() == 7) {
    if (text[4] != '-' || !AllDigits(text.substr(5, 2))) return false;
    const int month = ToInt(text.substr(5, 2));
    return month >= 1 && month <= 12;
  }
  return IsIsoDate(text);
}

bool IsIsoDateTime(std::string_view text) {
  if (text.size() != 19 || text[10] != 'T' || !IsIsoDate(text.substr(0, 10))) return false;
  std::string_view t = text.substr(11);
  if (t[2] != ':' || t[5] != ':' || !AllDigits(t.substr(0, 2)) || !AllDigits(t.substr(3, 2)) ||
      !AllDigits(t.substr(6, 2))) {
    return false;
  }
  return ToInt(t.substr(0, 2)) < 24 && ToInt(t.substr(3, 2)) < 60 && ToInt(t.substr(6, 2)) < 60;
}

std::string PhoneTerm(std::string_view e164) { return "phone:" + std::string(e164); }
std::string VehicleTerm(std::string_view registration) {
  return "vehicle:" + std::string(registration);
}
std::string FirTerm(std::string_view fir_number) { return "fir:" + FoldForLookup(fir_number); }
std::string NameTerm(std::string_view name) { return "name:" + FoldForLookup(name); }
std::string StationTerm(std::string_view station_code) {
  return "station:" + FoldForLookup(station_code);
}

}  // namespace sutra::ingest
