// Latin-to-Devanagari transliteration of Hindi-belt and Marathi names, as a police station that
// keeps its records in Hindi or Marathi would write them.
//
// A small dictionary gives the usual spelling of the commonest names (the Latin spelling of a
// name does not say which vowels are long: Rajesh is राजेश but Ramesh is रमेश); other words
// go through a syllable table: consonants (with halant in clusters, anusvara for a nasal before
// a consonant), vowel signs after a consonant and full vowels elsewhere. The result is plausible
// rather than authoritative, which is what noisy records look like anyway.
#pragma once

#include <string>
#include <string_view>

namespace sutra::gen {

// Transliterates each Latin word of `name` (words are separated by spaces; dots and other
// punctuation are dropped). A final "a" is written long (ा) in women's names, where it is
// pronounced, and silent in men's (Dharmendra -> धर्मेंद्र).
std::string ToDevanagari(std::string_view name, bool female);

}  // namespace sutra::gen
