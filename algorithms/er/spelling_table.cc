#include "algorithms/er/spelling_table.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <utility>

namespace sutra::algorithms::er {
namespace {

// Keep identical to algorithms/er/spelling_rules.txt; a test compares the two.
constexpr std::string_view kDefaultRules =
    R"rules(# Sutra spelling table: how Romanised spellings of one Indian name are brought to one canonical
# token. The built-in table is this file, compiled in (algorithms/er/spelling_table.cc); edit a
# copy and load it to change how names meet.
#
# A token is a lowercase ASCII word of a name, after transliteration to Latin. Rules rewrite it
# strictly in the order written, each seeing the output of the ones above. Kinds:
#   honorific WORD         WORD is a title, dropped where it leads a name ("Smt. Kamla Devi");
#                          not a rewrite, so its place in the file does not matter
#   token FROM TO          the whole token FROM becomes TO
#   sub FROM TO            every FROM inside the token becomes TO, left to right, in one pass
#   prefix FROM TO         a token starting with FROM starts with TO instead
#   suffix FROM TO [MIN]   a token ending with FROM ends with TO instead, if it has MIN+ letters
#   collapse-doubles       a run of one letter becomes one letter ("irfaan" -> "irfan")
#   drop-final-a MIN       a final "a" after a consonant goes, in tokens of MIN+ letters
# FROM and TO are lowercase letters; TO may be "-" for nothing. Single letters are initials and
# are never rewritten.
#
# Precision: every rule merges spellings, and a rule too broad merges different people. Each
# rule below was kept only where the spellings it joins are variants of one name. Pairs that
# stay apart on purpose: Ramesh/Rakesh, Sunil/Sushil, Anil/Amit, Rajesh/Ramesh, Kumar/Kumari,
# Raza/Raja (no z -> j), Rahman/Raman (no general h-dropping), Singh/Sinha.

honorific shri
honorific sri
honorific shree
honorific sree
honorific sh
honorific smt
honorific shrimati
honorific srimati
# Hindi shrimati after transliteration, which drops the inner a.
honorific shrimti
honorific sushri
honorific kumari
honorific km
honorific kum
honorific mr
honorific mrs
honorific ms
honorific miss
honorific dr
honorific late
honorific lt
# Police ranks: officers are named as persons in their station's FIRs ("Inspector Vinod Nair",
# "HC Ramesh", "Sub-Inspector Kaur"); a shared rank is no evidence of one person.
honorific inspector
honorific insp
honorific sub
honorific head
honorific constable
honorific si
honorific asi
honorific psi
honorific api
honorific pi
honorific hc
honorific pc
honorific sho
honorific dsp
honorific acp
honorific dcp
honorific ssp

# Mohammad in its spellings and abbreviations. Mohd and Md are the name, not titles.
token mohd mohammad
token mo mohammad
token md mohammad
token mohammed mohammad
token mohamed mohammad
token mohamad mohammad
token mohmad mohammad
token mohmmad mohammad
token muhammad mohammad
token muhammed mohammad
token muhamad mohammad

# Sibilant clusters before sh: Lakshmi/Laxmi; the Devanagari form transliterates to laksmi.
sub ksh x
sub ks x
# Aspirates and sibilants that Roman spellings write either way: Shantanu/Santanu,
# Vikash/Vikas, Siddharth/Sidharth, Chhotu/Chotu.
sub chh ch
sub sh s
sub ph f
sub bh b
sub dh d
sub th t
sub kh k
sub gh g
sub jh j
sub w v
sub q k
# Vowel length: Saleem/Salim, Suneel/Sunil, Harpreet/Harprit, Pooja/Puja.
sub ee i
sub oo u
# Shahrukh/Sharukh.
sub ahr ar
# Regional -ender for -endra: Dharmender/Dharmendra, Rajinder/Rajindra.
suffix ender endra
suffix inder indra
# Bengali and Odia b for v at the start: Bikash/Vikas, Bijay/Vijay, Binod/Vinod.
prefix b v
collapse-doubles
# Ram/Rama, Siddhartha/Siddharth. Also joins male and female forms (Kamal/Kamala): sex is
# compared elsewhere.
drop-final-a 4
)rules";

bool IsLowerAsciiWord(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Splits on spaces and tabs.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// A rule's FROM: lowercase letters.
Status CheckFrom(std::string_view from) {
  if (IsLowerAsciiWord(from)) return Status::Ok();
  return InvalidArgument(Quoted(from) + " must be lowercase ASCII letters");
}

// A rule's TO: lowercase letters, or "-" for nothing. Returns the replacement text.
StatusOr<std::string> ParseTo(std::string_view to) {
  if (to == "-") return std::string();
  if (IsLowerAsciiWord(to)) return std::string(to);
  return InvalidArgument(Quoted(to) + " must be lowercase ASCII letters, or - for nothing");
}

StatusOr<std::size_t> ParseLength(std::string_view text) {
  std::size_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) {
    return InvalidArgument(Quoted(text) + " must be a minimum token length, a whole number >= 1");
  }
  return value;
}

Status WrongArity(std::string_view kind, std::string_view expected, std::size_t got) {
  return InvalidArgument(Quoted(kind) + " takes " + std::string(expected) + ", got " +
                         std::to_string(got) + " field(s)");
}

}  // namespace

std::string_view SpellingTable::DefaultText() { return kDefaultRules; }

SpellingTable SpellingTable::Default() {
  StatusOr<SpellingTable> table = Parse(kDefaultRules, "built-in spelling rules");
  assert(table.ok() && "the built-in spelling table must parse");
  return std::move(table).value();
}

StatusOr<SpellingTable> SpellingTable::Parse(std::string_view text, std::string_view source_name) {
  SpellingTable table;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Status status = ParseLine(line, table);
    if (!status.ok()) {
      return status.WithContext(std::string(source_name) + ":" + std::to_string(line_number));
    }
  }
  return table;
}

Status SpellingTable::ParseLine(std::string_view line, SpellingTable& table) {
  std::vector<std::string_view> fields = Fields(line);
  if (fields.empty()) return Status::Ok();
  const std::string_view kind = fields[0];
  const std::size_t args = fields.size() - 1;
  Rule rule;
  if (kind == "honorific") {
    if (args != 1) return WrongArity(kind, "one WORD", args);
    SUTRA_RETURN_IF_ERROR(CheckFrom(fields[1]));
    table.honorifics_.emplace_back(fields[1]);
    return Status::Ok();
  }
  if (kind == "token" || kind == "sub" || kind == "prefix" || kind == "suffix") {
    const bool suffix = kind == "suffix";
    if (args != 2 && !(suffix && args == 3)) {
      return WrongArity(kind, suffix ? "FROM TO [MIN]" : "FROM TO", args);
    }
    SUTRA_RETURN_IF_ERROR(CheckFrom(fields[1]));
    SUTRA_ASSIGN_OR_RETURN(rule.to, ParseTo(fields[2]));
    rule.from = fields[1];
    rule.kind = kind == "token"    ? Kind::kToken
                : kind == "sub"    ? Kind::kSub
                : kind == "prefix" ? Kind::kPrefix
                                   : Kind::kSuffix;
    if (args == 3) {
      SUTRA_ASSIGN_OR_RETURN(rule.min_length, ParseLength(fields[3]));
    }
  } else if (kind == "collapse-doubles") {
    if (args != 0) return WrongArity(kind, "no arguments", args);
    rule.kind = Kind::kCollapseDoubles;
  } else if (kind == "drop-final-a") {
    if (args != 1) return WrongArity(kind, "MIN", args);
    rule.kind = Kind::kDropFinalA;
    SUTRA_ASSIGN_OR_RETURN(rule.min_length, ParseLength(fields[1]));
  } else {
    return InvalidArgument("unknown rule kind " + Quoted(kind) +
                           "; expected honorific, token, sub, prefix, suffix, collapse-doubles "
                           "or drop-final-a");
  }
  table.rules_.push_back(std::move(rule));
  return Status::Ok();
}

std::string SpellingTable::Apply(std::string_view token) const {
  std::string out(token);
  if (out.size() <= 1) return out;
  for (const Rule& rule : rules_) out = ApplyRule(rule, std::move(out));
  return out;
}

std::string SpellingTable::ApplyRule(const Rule& rule, std::string token) {
  switch (rule.kind) {
    case Kind::kToken:
      return token == rule.from ? rule.to : token;
    case Kind::kSub: {
      if (token.find(rule.from) == std::string::npos) return token;
      std::string out;
      std::size_t at = 0;
      for (std::size_t hit; (hit = token.find(rule.from, at)) != std::string::npos;
           at = hit + rule.from.size()) {
        out.append(token, at, hit - at);
        out += rule.to;
      }
      out.append(token, at);
      return out;
    }
    case Kind::kPrefix:
      if (token.starts_with(rule.from)) token.replace(0, rule.from.size(), rule.to);
      return token;
    case Kind::kSuffix:
      if (token.size() >= rule.min_length && token.ends_with(rule.from)) {
        token.replace(token.size() - rule.from.size(), rule.from.size(), rule.to);
      }
      return token;
    case Kind::kCollapseDoubles:
      token.erase(std::unique(token.begin(), token.end()), token.end());
      return token;
    case Kind::kDropFinalA:
      if (token.size() >= rule.min_length && token.size() >= 2 && token.back() == 'a' &&
          !IsVowel(token[token.size() - 2])) {
        token.pop_back();
      }
      return token;
  }
  return token;
}

bool SpellingTable::IsHonorific(std::string_view token) const {
  return std::find(honorifics_.begin(), honorifics_.end(), token) != honorifics_.end();
}

bool SpellingTable::HasTokenRule(std::string_view token) const {
  return std::any_of(rules_.begin(), rules_.end(), [&](const Rule& rule) {
    return rule.kind == Kind::kToken && rule.from == token;
  });
}

}  // namespace sutra::algorithms::er
