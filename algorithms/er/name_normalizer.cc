#include "algorithms/er/name_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <utility>

namespace sutra::algorithms::er {
namespace {

// ---------------------------------------------------------------------------------------------
// Stage 1 helpers: Indic scripts to Latin.
//
// The transliterator writes every consonant with its inherent vowel ("irafana" for इरफान) and
// writes च as "c"; Roman spellings of names drop most inherent vowels and write च as "ch". The
// fix-ups below work on the transliterator's output, decomposed (NFD), one letter at a time.

constexpr UChar32 kCombiningAcute = 0x0301;
constexpr UChar32 kCombiningTilde = 0x0303;
constexpr UChar32 kCombiningDotAbove = 0x0307;
constexpr UChar32 kCombiningCandrabindu = 0x0310;
constexpr UChar32 kCombiningDotBelow = 0x0323;
constexpr UChar32 kCombiningRingBelow = 0x0325;

bool IsIndic(UChar32 c) { return c >= 0x0900 && c <= 0x0D7F; }
// Devanagari, Bengali, Gurmukhi, Gujarati and Odia spell names whose final and some inner
// inherent vowels are not pronounced; the Dravidian scripts mark a bare consonant explicitly.
bool DropsInherentVowel(UChar32 c) { return c >= 0x0900 && c < 0x0B80; }
bool IsJoiner(UChar32 c) { return c == 0x200C || c == 0x200D; }

constexpr UChar32 kGurmukhiTippi = 0x0A70;
constexpr UChar32 kGurmukhiBindi = 0x0A02;

constexpr UChar32 kDevanagariAbbreviation = 0x0970;
constexpr UChar32 kMalayalamVirama = 0x0D4D;

// The consonant a Malayalam chillu (a consonant with no vowel) stands for, or 0.
UChar32 MalayalamChilluConsonant(UChar32 c) {
  switch (c) {
    case 0x0D7A:
      return 0x0D23;  // ṇ
    case 0x0D7B:
      return 0x0D28;  // n
    case 0x0D7C:
      return 0x0D30;  // r
    case 0x0D7D:
      return 0x0D32;  // l
    case 0x0D7E:
      return 0x0D33;  // ḷ
    case 0x0D7F:
      return 0x0D15;  // k
    default:
      return 0;
  }
}

// Rewrites signs the transliterator would lose, before it runs. The Indic blocks share one
// layout, so offsets within a block name the same letter in every script. An anusvara before
// ha is the velar nasal (सिंह is Singh, not Sinha); the Gurmukhi tippi is a bindi; a Malayalam
// chillu is its consonant with a virama (അനിൽ is Anil); a zero or abbreviation sign after a
// letter marks an abbreviation ("मो०" for Mohammad) and becomes a dot.
icu::UnicodeString PrepareIndicRun(const icu::UnicodeString& run) {
  constexpr UChar32 kAnusvara = 0x02, kNga = 0x19, kHa = 0x39, kVirama = 0x4D, kZero = 0x66;
  icu::UnicodeString out;
  UChar32 previous = 0;
  for (int32_t i = 0; i < run.length(); i = run.moveIndex32(i, 1)) {
    UChar32 c = run.char32At(i);
    if (c == kGurmukhiTippi) c = kGurmukhiBindi;
    const UChar32 block = c & ~0x7F;
    const int32_t next = run.moveIndex32(i, 1);
    const bool after_letter =
        previous != 0 && (U_GET_GC_MASK(previous) & (U_GC_L_MASK | U_GC_M_MASK));
    if (IsIndic(c) && (c & 0x7F) == kAnusvara && next < run.length() &&
        run.char32At(next) == block + kHa) {
      out.append(block + kNga).append(block + kVirama);
    } else if (const UChar32 consonant = MalayalamChilluConsonant(c); consonant != 0) {
      out.append(consonant).append(kMalayalamVirama);
    } else if (c == kDevanagariAbbreviation ||
               (IsIndic(c) && (c & 0x7F) == kZero && after_letter)) {
      out.append(UChar32{'.'});
    } else {
      out.append(c);
    }
    previous = c;
  }
  return out;
}

enum class UnitKind { kVowel, kSchwa, kConsonant, kNasal, kOther };

// One letter of transliterated text: a base character with its combining marks; an aspirate
// ("kh", "dh") is one consonant.
struct Unit {
  UChar32 base = 0;
  std::vector<UChar32> marks;
  bool aspirated = false;
  UnitKind kind = UnitKind::kOther;
  bool deleted = false;

  bool Has(UChar32 mark) const {
    return std::find(marks.begin(), marks.end(), mark) != marks.end();
  }
  bool Plain(char c) const {
    return base == static_cast<UChar32>(c) && marks.empty() && !aspirated;
  }
};

bool IsAsciiLetter(UChar32 c) { return c >= 'a' && c <= 'z'; }
bool IsVowelLetter(UChar32 c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool TakesAspirate(UChar32 c) {
  return c == 'k' || c == 'g' || c == 'c' || c == 'j' || c == 't' || c == 'd' || c == 'p' ||
         c == 'b' || c == 'r';
}

std::vector<Unit> SplitUnits(const icu::UnicodeString& nfd) {
  std::vector<Unit> units;
  for (int32_t i = 0; i < nfd.length(); i = nfd.moveIndex32(i, 1)) {
    const UChar32 c = nfd.char32At(i);
    const bool mark = u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
    if (mark && !units.empty()) {
      units.back().marks.push_back(c);
      continue;
    }
    if (c == 'h' && !units.empty() && units.back().kind == UnitKind::kConsonant &&
        !units.back().aspirated && TakesAspirate(units.back().base)) {
      units.back().aspirated = true;
      continue;
    }
    Unit unit;
    unit.base = u_tolower(c);
    if (IsVowelLetter(unit.base)) {
      unit.kind = UnitKind::kVowel;
    } else if (IsAsciiLetter(unit.base)) {
      unit.kind = UnitKind::kConsonant;
    }
    units.push_back(std::move(unit));
  }
  // Marks are attached now, so vocalic r/l and the nasal signs can be told apart.
  for (Unit& unit : units) {
    if ((unit.base == 'r' || unit.base == 'l') && unit.Has(kCombiningRingBelow)) {
      unit.kind = UnitKind::kVowel;
    } else if (unit.base == 'm' && (unit.Has(kCombiningDotAbove) || unit.Has(kCombiningDotBelow) ||
                                    unit.Has(kCombiningCandrabindu))) {
      unit.kind = UnitKind::kNasal;
    }
  }
  // A bare "a" after a consonant is the inherent vowel, unless it opens a diphthong (ai, au).
  for (std::size_t i = 1; i < units.size(); ++i) {
    Unit& unit = units[i];
    const bool diphthong =
        i + 1 < units.size() && (units[i + 1].Plain('i') || units[i + 1].Plain('u'));
    if (unit.Plain('a') && units[i - 1].kind == UnitKind::kConsonant && !diphthong) {
      unit.kind = UnitKind::kSchwa;
    }
  }
  return units;
}

bool IsNasalConsonant(const Unit& unit) {
  return unit.kind == UnitKind::kNasal ||
         (unit.kind == UnitKind::kConsonant && (unit.base == 'n' || unit.base == 'm'));
}

// Hindi-style inherent-vowel deletion, a standard approximation: the final one goes unless a
// cluster other than nasal + consonant precedes it (Chandra, Krishna keep it; Anand drops it);
// scanning right to left, an inner one goes between a vowel + consonant and a consonant +
// vowel (i-ra-phā-n -> ir-phān).
void DropInherentVowels(std::vector<Unit>& units) {
  const int n = static_cast<int>(units.size());
  auto vowel_at = [&](int i) {
    return i >= 0 && i < n &&
           (units[i].kind == UnitKind::kVowel ||
            (units[i].kind == UnitKind::kSchwa && !units[i].deleted));
  };
  auto consonant_at = [&](int i) {
    return i >= 0 && i < n &&
           (units[i].kind == UnitKind::kConsonant || units[i].kind == UnitKind::kNasal);
  };
  const int last = n - 1;
  if (last >= 2 && units[last].kind == UnitKind::kSchwa) {
    bool earlier_vowel = false;
    for (int i = 0; i < last - 1; ++i) earlier_vowel |= vowel_at(i);
    const bool cluster = consonant_at(last - 2) && !IsNasalConsonant(units[last - 2]);
    if (earlier_vowel && !cluster) units[last].deleted = true;
  }
  for (int i = last - 1; i >= 2; --i) {
    // A consonant + r cluster after it usually starts the second part of a compound name
    // (Har-preet, Om-prakash), where the vowel goes too; before other clusters it stays
    // (Sarasvati).
    const bool r_cluster_follows = i + 3 < n && units[i + 2].Plain('r') && vowel_at(i + 3);
    if (units[i].kind == UnitKind::kSchwa && vowel_at(i - 2) && consonant_at(i - 1) &&
        consonant_at(i + 1) && (vowel_at(i + 2) || r_cluster_follows)) {
      units[i].deleted = true;
    }
  }
}

// Spells the units the way Roman spellings of names do: च ch, छ chh, श/ष sh, ज्ञ gy, ङ ng,
// a nasal sign left unresolved (chandrabindu) as the nasal of the following consonant, vocalic
// r as ri.
icu::UnicodeString SpellUnits(const std::vector<Unit>& units) {
  icu::UnicodeString out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& unit = units[i];
    if (unit.deleted) continue;
    const Unit* next = i + 1 < units.size() ? &units[i + 1] : nullptr;
    const Unit* prev = i > 0 ? &units[i - 1] : nullptr;
    switch (unit.kind) {
      case UnitKind::kNasal:
        if (next &&
            (next->base == 'p' || next->base == 'b' || next->base == 'm' || next->base == 'v')) {
          out.append(UChar32{'m'});
        } else {
          out.append(next && next->base == 'h' ? icu::UnicodeString(u"ng")
                                               : icu::UnicodeString(u"n"));
        }
        break;
      case UnitKind::kVowel:
        if (unit.base == 'r' || unit.base == 'l') {
          out.append(unit.base).append(UChar32{'i'});
        } else {
          out.append(unit.base);
        }
        break;
      case UnitKind::kSchwa:
        out.append(UChar32{'a'});
        break;
      case UnitKind::kConsonant:
        if (unit.base == 'c') {
          out.append(unit.aspirated ? icu::UnicodeString(u"chh") : icu::UnicodeString(u"ch"));
        } else if (unit.base == 's' &&
                   (unit.Has(kCombiningAcute) || unit.Has(kCombiningDotBelow))) {
          out.append(icu::UnicodeString(u"sh"));
        } else if (unit.base == 'j' && next && next->base == 'n' && next->Has(kCombiningTilde)) {
          out.append(UChar32{'g'});
        } else if (unit.base == 'n' && unit.Has(kCombiningTilde) && prev && prev->base == 'j') {
          out.append(UChar32{'y'});
        } else if (unit.base == 'n' && unit.Has(kCombiningDotAbove)) {
          // The velar nasal: Singh, Ganga (g follows, so n alone).
          const bool velar_follows = next && (next->base == 'g' || next->base == 'k');
          out.append(velar_follows ? icu::UnicodeString(u"n") : icu::UnicodeString(u"ng"));
        } else {
          out.append(unit.base);
          if (unit.aspirated) out.append(UChar32{'h'});
        }
        break;
      case UnitKind::kOther:
        out.append(unit.base);
        for (UChar32 mark : unit.marks) out.append(mark);
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stage 2 helpers: words and markers.

struct Piece {
  enum class Type { kWord, kSlash, kAt };
  Type type = Type::kWord;
  std::string word;
};

// Letters and digits make words; apostrophes vanish (D'Souza, father's); "/" and "@" are kept
// for the markers; everything else, dots included, separates words.
std::vector<Piece> SplitPieces(std::string_view ascii) {
  std::vector<Piece> pieces;
  bool in_word = false;
  for (char c : ascii) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (!in_word) pieces.push_back({});
      pieces.back().word.push_back(c);
      in_word = true;
    } else if (c == '\'') {
      continue;
    } else {
      in_word = false;
      if (c == '/') pieces.push_back({Piece::Type::kSlash, {}});
      if (c == '@') pieces.push_back({Piece::Type::kAt, {}});
    }
  }
  return pieces;
}

enum class MarkerKind { kNone, kAlias, kRelation, kEnd };
struct Marker {
  MarkerKind kind = MarkerKind::kNone;
  Relation relation = Relation::kNone;
  std::size_t length = 0;  // pieces consumed
};

bool WordAt(const std::vector<Piece>& pieces, std::size_t i, std::string_view word) {
  return i < pieces.size() && pieces[i].type == Piece::Type::kWord && pieces[i].word == word;
}

// The marker starting at pieces[i], if any.
Marker MarkerAt(const std::vector<Piece>& pieces, std::size_t i) {
  const Piece& piece = pieces[i];
  if (piece.type == Piece::Type::kAt) return {MarkerKind::kAlias, Relation::kNone, 1};
  if (piece.type != Piece::Type::kWord) return {};
  const std::string& w = piece.word;
  // "s/o", "d/o", "w/o", "h/o", "c/o", "r/o", "f/n".
  if (w.size() == 1 && i + 2 < pieces.size() && pieces[i + 1].type == Piece::Type::kSlash) {
    const bool of = WordAt(pieces, i + 2, "o");
    if (of && (w == "s" || w == "d")) return {MarkerKind::kRelation, Relation::kChildOf, 3};
    if (of && w == "w") return {MarkerKind::kRelation, Relation::kWifeOf, 3};
    if (of && w == "h") return {MarkerKind::kRelation, Relation::kHusbandOf, 3};
    if (of && w == "c") return {MarkerKind::kRelation, Relation::kCareOf, 3};
    if (of && w == "r") return {MarkerKind::kEnd, Relation::kNone, 3};
    if (w == "f" && WordAt(pieces, i + 2, "n")) {
      return {MarkerKind::kRelation, Relation::kChildOf, 3};
    }
  }
  const bool of = WordAt(pieces, i + 1, "of");
  if ((w == "son" || w == "daughter") && of) return {MarkerKind::kRelation, Relation::kChildOf, 2};
  if (w == "wife" && of) return {MarkerKind::kRelation, Relation::kWifeOf, 2};
  if (w == "husband" && of) return {MarkerKind::kRelation, Relation::kHusbandOf, 2};
  if (w == "care" && of) return {MarkerKind::kRelation, Relation::kCareOf, 2};
  // "father", "father's name", "husband name": the relative named next is the father/husband.
  if (w == "father" || w == "fathers" || w == "husband" || w == "husbands") {
    const Relation relation = w[0] == 'f' ? Relation::kChildOf : Relation::kWifeOf;
    return {MarkerKind::kRelation, relation, WordAt(pieces, i + 1, "name") ? 2u : 1u};
  }
  if (w == "putra" || w == "putri") return {MarkerKind::kRelation, Relation::kChildOf, 1};
  if (w == "patni") return {MarkerKind::kRelation, Relation::kWifeOf, 1};
  if (w == "alias" || w == "urf" || w == "urfa" || w == "urpha") {
    return {MarkerKind::kAlias, Relation::kNone, 1};
  }
  if (w == "resident" || w == "nivasi" || w == "niwasi" || w == "aged" || w == "age") {
    return {MarkerKind::kEnd, Relation::kNone, 1};
  }
  return {};
}

enum class Part { kName, kAlias, kRelative, kIgnored };

bool HasVowel(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return IsVowelLetter(c) || c == 'y'; });
}
bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Canonical tokens of one part's words: leading honorifics dropped (a part is never emptied
// by them), numbers dropped, glued initials split, the rest spelled by the table.
std::vector<std::string> Canonicalize(const std::vector<std::string>& words,
                                      const SpellingTable& table, bool& had_initials) {
  std::size_t first = 0;
  while (first + 1 < words.size() && table.IsHonorific(words[first])) ++first;
  std::vector<std::string> tokens;
  for (std::size_t i = first; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (HasDigit(word)) continue;
    const bool glued_initials = word.size() <= 3 && !HasVowel(word) && !table.HasTokenRule(word) &&
                                !table.IsHonorific(word);
    if (word.size() == 1 || glued_initials) {
      for (char c : word) tokens.emplace_back(1, c);
      had_initials = true;
      continue;
    }
    std::string token = table.Apply(word);
    if (!token.empty()) tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct NameNormalizer::Impl {
  SpellingTable table;
  const icu::Normalizer2* nfc = nullptr;  // owned by ICU; thread-safe
  const icu::Normalizer2* nfd = nullptr;
  std::mutex mutex;  // guards the transliterators, which are not safe to share unguarded
  std::unique_ptr<icu::Transliterator> to_latin;  // any script to Latin, accents kept
  std::unique_ptr<icu::Transliterator> to_ascii;  // Latin with accents to ASCII

  // Stage 1 for text that is not all ASCII.
  icu::UnicodeString RomanizeUnicode(const icu::UnicodeString& text);
};

icu::UnicodeString NameNormalizer::Impl::RomanizeUnicode(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString composed = nfc->normalize(text, status);
  if (U_FAILURE(status)) return {};
  icu::UnicodeString out;
  std::lock_guard lock(mutex);
  // Runs of one Indic script get the fix-ups; everything else goes through as it is.
  int32_t i = 0;
  while (i < composed.length()) {
    const UChar32 first = composed.char32At(i);
    const bool indic = IsIndic(first);
    int32_t end = i;
    while (end < composed.length()) {
      const UChar32 c = composed.char32At(end);
      if (indic ? !(IsIndic(c) || IsJoiner(c)) : IsIndic(c)) break;
      end = composed.moveIndex32(end, 1);
    }
    icu::UnicodeString run(composed, i, end - i);
    if (indic) run = PrepareIndicRun(run);
    to_latin->transliterate(run);
    if (indic) {
      const icu::UnicodeString decomposed = nfd->normalize(run, status);
      if (U_FAILURE(status)) return {};
      std::vector<Unit> units = SplitUnits(decomposed);
      if (DropsInherentVowel(first)) DropInherentVowels(units);
      run = SpellUnits(units);
    }
    out.append(run);
    i = end;
  }
  to_ascii->transliterate(out);
  out.foldCase();
  return out;
}

StatusOr<NameNormalizer> NameNormalizer::Create(SpellingTable table) {
  auto impl = std::make_unique<Impl>();
  impl->table = std::move(table);
  UErrorCode status = U_ZERO_ERROR;
  impl->nfc = icu::Normalizer2::getNFCInstance(status);
  impl->nfd = icu::Normalizer2::getNFDInstance(status);
  impl->to_latin.reset(icu::Transliterator::createInstance(icu::UnicodeString(u"Any-Latin"),
                                                           UTRANS_FORWARD, status));
  impl->to_ascii.reset(icu::Transliterator::createInstance(icu::UnicodeString(u"Latin-ASCII"),
                                                           UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !impl->to_latin || !impl->to_ascii) {
    return Internal(std::string("name normalizer: Unicode transliteration data is missing (") +
                    u_errorName(status) + "); reinstall the ICU data package");
  }
  return NameNormalizer(std::move(impl));
}

NameNormalizer::NameNormalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NameNormalizer::NameNormalizer(NameNormalizer&&) noexcept = default;
NameNormalizer& NameNormalizer::operator=(NameNormalizer&&) noexcept = default;
NameNormalizer::~NameNormalizer() = default;

const SpellingTable& NameNormalizer::table() const { return impl_->table; }

std::string NameNormalizer::Romanize(std::string_view text) const {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string out;
  if (ascii) {
    out.assign(text);
  } else {
    const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
    impl_->RomanizeUnicode(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), length)))
        .toUTF8String(out);
  }
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (static_cast<unsigned char>(c) >= 0x80) c = ' ';  // left untransliterated
  }
  return out;
}

NormalizedName NameNormalizer::Normalize(std::string_view text) const {
  const std::vector<Piece> pieces = SplitPieces(Romanize(text));
  // Cut the words into parts at the markers.
  std::vector<std::string> name_words;
  std::vector<std::vector<std::string>> alias_words;
  std::vector<std::string> relative_words;
  NormalizedName result;
  Part part = Part::kName;
  for (std::size_t i = 0; i < pieces.size();) {
    const Marker marker = MarkerAt(pieces, i);
    if (marker.kind == MarkerKind::kEnd) break;
    if (marker.kind == MarkerKind::kAlias) {
      // An alias of the relative is not the person's alias.
      part = part == Part::kName || part == Part::kAlias ? Part::kAlias : Part::kIgnored;
      if (part == Part::kAlias) alias_words.emplace_back();
    } else if (marker.kind == MarkerKind::kRelation) {
      part = result.relation == Relation::kNone ? Part::kRelative : Part::kIgnored;
      if (part == Part::kRelative) result.relation = marker.relation;
    } else if (pieces[i].type == Piece::Type::kWord) {
      const std::string& word = pieces[i].word;
      if (part == Part::kName) name_words.push_back(word);
      if (part == Part::kAlias) alias_words.back().push_back(word);
      if (part == Part::kRelative) relative_words.push_back(word);
    }
    i += std::max<std::size_t>(marker.length, 1);
  }

  const SpellingTable& table = impl_->table;
  bool unused_initials = false;
  result.tokens = Canonicalize(name_words, table, result.had_initials);
  for (const auto& words : alias_words) {
    std::vector<std::string> alias = Canonicalize(words, table, unused_initials);
    if (!alias.empty()) result.aliases.push_back(std::move(alias));
  }
  result.relative = Canonicalize(relative_words, table, unused_initials);
  if (result.tokens.empty() && !result.aliases.empty()) {
    result.tokens = std::move(result.aliases.front());
    result.aliases.erase(result.aliases.begin());
    result.had_initials = std::any_of(result.tokens.begin(), result.tokens.end(),
                                      [](const std::string& t) { return t.size() == 1; });
  }
  return result;
}

std::vector<std::string> SortedTokens(const NormalizedName& name) {
  std::vector<std::string> tokens = name.tokens;
  std::sort(tokens.begin(), tokens.end());
  return tokens;
}

namespace {

// The phonetic group of a consonant; 0 for letters the key ignores.
char ConsonantGroup(char c) {
  switch (c) {
    case 'b':
    case 'v':
    case 'w':
      return 'v';
    case 'p':
    case 'f':
      return 'p';
    case 'k':
    case 'q':
      return 'k';
    case 'j':
    case 'z':
      return 'j';
    case 'h':
    case 'y':
      return 0;
    default:
      return c >= 'a' && c <= 'z' ? c : 0;
  }
}

}  // namespace

std::string PhoneticKey(std::string_view canonical_token) {
  std::string key;
  std::size_t i = 0;
  while (i < canonical_token.size() && !IsAsciiLetter(canonical_token[i])) ++i;
  if (i == canonical_token.size()) return key;
  char previous = 0;  // the group last written, 0 after a vowel
  auto emit = [&](char group) {
    if (group != previous) key.push_back(group);
    previous = group;
  };
  const char first = canonical_token[i++];
  if (IsVowelLetter(first)) {
    key.push_back('a');
  } else if (first == 'y') {
    emit('j');  // Yadav/Jadav, Yogesh/Jogesh
  } else if (first == 'h') {
    emit('h');
  } else if (first == 'x') {
    emit('k');
    emit('s');
  } else {
    emit(ConsonantGroup(first));
  }
  for (; i < canonical_token.size(); ++i) {
    const char c = canonical_token[i];
    if (IsVowelLetter(c)) {
      previous = 0;
    } else if (c == 'x') {
      emit('k');
      emit('s');
    } else if (const char group = ConsonantGroup(c); group != 0) {
      emit(group);
    }
  }
  return key;
}

}  // namespace sutra::algorithms::er
