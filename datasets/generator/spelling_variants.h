// The ways the same name gets written differently from one record to the next: known
// alternative spellings ("Mohammad", "Mohd", "Md."), transliteration rules applied to any Latin
// word (v/w/b, sh/s, ee/i, oo/u, th/t, dh/d, ksh/x, a final a dropped, doubled
// letters, "endra"/"ender") and typing errors (a neighbouring key, two letters swapped, a letter
// missed).
//
// Every function draws only from the Rng it is given, so the result is reproducible. Words are
// Latin-script; other scripts are left unchanged.
#pragma once

#include <string>
#include <string_view>

#include "datasets/generator/random.h"

namespace sutra::gen {

// A different spelling of `word` from the built-in groups of alternative spellings, or the
// word itself when it belongs to none. The comparison ignores case.
std::string_view AlternativeSpelling(std::string_view word, Rng& rng);
bool HasAlternativeSpelling(std::string_view word);

// Rewrites one place of `word` by a transliteration rule chosen at random among those that
// apply, keeping an initial capital. The rule that drops a final "a" applies only to men's
// names (`female` false): "Shiva" -> "Shiv" but not "Geeta" -> "Geet". Returns false, leaving the
// word as it was, when no rule applies.
bool Transliterate(std::string& word, bool female, Rng& rng);

// Makes one typing error in `word` (never at its first letter): a neighbouring key on a QWERTY
// keyboard, two neighbouring letters swapped, or a letter missed. Words shorter than four
// letters are left alone (returns false).
bool MakeTypo(std::string& word, Rng& rng);

}  // namespace sutra::gen
