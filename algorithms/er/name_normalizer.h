// Name normalisation, the first stage of entity resolution: a person's name as a police record
// writes it ("Sh. Mohd. Irfaan @ Pappu S/O Late Abdul Salim", "मोहम्मद इरफान") becomes lowercase
// ASCII tokens in a canonical spelling, so that spellings of one name compare equal and
// spellings of different names stay apart.
//
// Stages, in order:
//   1. Romanize: Unicode NFC; Indic scripts (Devanagari, Bengali, Gurmukhi, Gujarati, Odia,
//      Tamil, Telugu, Kannada, Malayalam) and other scripts transliterated to Latin, with the
//      inherent vowel dropped where Hindi-family spelling drops it (इरफान -> irfan, not
//      irafana); accents removed; lowercase.
//   2. Split: punctuation separates words; dots split glued initials ("K.S." -> k s,
//      "R.Senthil" -> r senthil); a vowelless word of 2-3 letters is glued initials ("RK").
//      Markers cut the text into the name, its aliases ("@", "alias", "urf"), and a relative
//      ("s/o", "d/o", "w/o", "h/o", "c/o", "son of", "father", "putra" ...); "r/o" and "aged"
//      end the name part of the text. Honorifics leading a part are dropped (Shri, Smt., Dr.,
//      and police ranks: an officer named as "Inspector Vinod Nair" is "vinod nair").
//   3. Spell: each word of two or more letters goes through the SpellingTable.
//
// Kept apart on purpose (see spelling_rules.txt): Ramesh/Rakesh, Sunil/Sushil, Anil/Amit,
// Rajesh/Ramesh, Kumar/Kumari. "Kumari" leading a name is a title ("Kumari Pooja" -> puj);
// following a given name it is part of the name ("Pooja Kumari" -> puj kumari).
//
// Thread safety: Normalize() and Romanize() may be called from any number of threads; the
// transliterators they share are used under a lock.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/er/spelling_table.h"
#include "storage/status.h"

namespace sutra::algorithms::er {

// How the person relates to the relative the text names.
enum class Relation {
  kNone,
  kChildOf,    // s/o, d/o, son of, daughter of, father('s name), putra, putri
  kWifeOf,     // w/o, wife of, husband('s name), patni
  kHusbandOf,  // h/o, husband of
  kCareOf,     // c/o: a guardian or host, often but not always a parent
};

struct NormalizedName {
  // The name, canonical tokens in the order written; single letters are initials.
  std::vector<std::string> tokens;
  // Each alias of "A @ B @ C", as canonical tokens. When the text has only aliases, the first
  // one becomes the name.
  std::vector<std::vector<std::string>> aliases;
  Relation relation = Relation::kNone;
  // The relative's name (father, husband ...) as canonical tokens; empty when none was given.
  std::vector<std::string> relative;
  // True when the name holds an initial ("K.S. Ramesh", "RK Sharma").
  bool had_initials = false;

  bool operator==(const NormalizedName&) const = default;
};

class NameNormalizer {
 public:
  // Fails with Internal when the Unicode library lacks its transliteration data.
  static StatusOr<NameNormalizer> Create(SpellingTable table);

  NameNormalizer(NameNormalizer&&) noexcept;
  NameNormalizer& operator=(NameNormalizer&&) noexcept;
  ~NameNormalizer();

  // `text` is UTF-8; invalid sequences are treated as separators. Never fails: text with no
  // name in it gives empty tokens.
  NormalizedName Normalize(std::string_view text) const;

  // Stage 1 alone: lowercase ASCII with punctuation and spacing kept, for explanations and
  // tests. "राजेश कुमार" -> "rajesh kumar".
  std::string Romanize(std::string_view text) const;

  const SpellingTable& table() const;

 private:
  struct Impl;
  explicit NameNormalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The tokens sorted, so that name order does not matter: "Kumar Rajesh" and "Rajesh Kumar"
// give the same vector.
std::vector<std::string> SortedTokens(const NormalizedName& name);

// A phonetic key of one canonical token, for blocking candidate pairs (never for deciding a
// match). The first letter's group (all vowels are one group) followed by the consonant
// skeleton of the rest: vowels, h and y dropped; b/v/w, p/f, k/q, j/z grouped; x read as ks;
// repeats with no vowel between them collapsed. t/d, k/g and n/m stay apart: Roman spellings
// of Indian names keep those distinctions, and merging them would crowd the blocks.
// "mohamad" -> "mmd", "vikas" -> "vks", "irfan" -> "arpn".
std::string PhoneticKey(std::string_view canonical_token);

}  // namespace sutra::algorithms::er
