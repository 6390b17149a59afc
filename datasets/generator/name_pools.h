// Pools of Indian personal names by naming tradition, and how each tradition composes a full
// name. The pools are fictional-use lists of common given names and surnames (no real
// person is described); each list is ordered roughly most common first, because the generator
// picks from it with a skew (Rng::Skewed) so that common names collide across different people.
//
// Thread safety: the pools are immutable after static initialisation; any thread may read them.
#pragma once

#include <span>
#include <string_view>

namespace sutra::gen {

enum class Tradition : int {
  kHindi,  // Hindi belt: UP, Bihar, MP, Rajasthan, Delhi
  kMarathi,
  kGujarati,
  kPunjabi,
  kBengali,
  kTamil,
  kTelugu,
  kKannada,
  kMalayalam,
  kMuslim,  // Urdu/Muslim names, all regions
  kChristian,
};
inline constexpr int kTraditionCount = 11;

// How a tradition lays out a full name (see PersonName in identity.h).
enum class NameStyle {
  kGivenSurname,        // "Rajesh Yadav", "Subhash Ghosh", "Irfan Khan"
  kGivenMiddleSurname,  // "Ganesh Tukaram Pawar": the middle name is the father's (or husband's)
  kInitialGiven,        // "K. Ramesh": the initial is the father's given name (Tamil)
  kFamilyGiven,         // "Gaddam Ramesh": the family name comes first (Telugu)
};

struct NamePool {
  std::span<const std::string_view> male;
  std::span<const std::string_view> female;
  std::span<const std::string_view> surnames;  // family or community names
};

const NamePool& PoolFor(Tradition tradition);

// Nicknames that records give as aliases ("Raju @ Rajendra").
std::span<const std::string_view> Nicknames();

// True for traditions whose names are written in Devanagari by some police stations, so a
// record may carry the Devanagari spelling.
bool WrittenInDevanagari(Tradition tradition);

}  // namespace sutra::gen
