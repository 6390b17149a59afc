#include "datasets/generator/spelling_variants.h"

#include <array>
#include <cctype>
#include <span>
#include <utility>
#include <vector>

namespace sutra::gen {
namespace {

// Groups of spellings that records use for the same name; the first is the canonical one the
// name pools use.
using Group = std::span<const std::string_view>;
constexpr std::string_view kMohammad[] = {"Mohammad", "Mohammed", "Mohd",    "Mohd.", "Md",
                                          "Md.",      "Muhammad", "Mohamed", "Mohmad"};
constexpr std::string_view kShaikh[] = {"Shaikh", "Sheikh", "Sk", "Sk.", "Shekh"};
constexpr std::string_view kSyed[] = {"Syed", "Sayyed", "Saiyad", "Sayed"};
constexpr std::string_view kQureshi[] = {"Qureshi", "Kureshi", "Quraishi", "Qurashi"};
constexpr std::string_view kSiddiqui[] = {"Siddiqui", "Siddiqi", "Sidiqui", "Siddique"};
constexpr std::string_view kHussain[] = {"Hussain", "Husain", "Hussein"};
constexpr std::string_view kAhmed[] = {"Ahmed", "Ahmad"};
constexpr std::string_view kAbdul[] = {"Abdul", "Abdool", "Abd."};
constexpr std::string_view kRashid[] = {"Rashid", "Rasheed", "Rasid"};
constexpr std::string_view kShakil[] = {"Shakil", "Shakeel"};
constexpr std::string_view kWasim[] = {"Wasim", "Waseem", "Vasim"};
constexpr std::string_view kJaved[] = {"Javed", "Jawed", "Javid"};
constexpr std::string_view kIqbal[] = {"Iqbal", "Ikbal"};
constexpr std::string_view kNasreen[] = {"Nasreen", "Nasrin"};
constexpr std::string_view kRuksana[] = {"Ruksana", "Rukhsana"};
constexpr std::string_view kLaxmi[] = {"Lakshmi", "Laxmi", "Luxmi", "Lakshmee"};
constexpr std::string_view kSubhash[] = {"Subhash", "Subhas", "Shubhash"};
constexpr std::string_view kSantanu[] = {"Santanu", "Shantanu", "Santonu"};
constexpr std::string_view kVikas[] = {"Vikas", "Vikash", "Bikash", "Bikas"};
constexpr std::string_view kGoutam[] = {"Goutam", "Gautam", "Gowtham", "Gotam"};
constexpr std::string_view kDattatray[] = {"Dattatray", "Dattatraya", "Datta"};
constexpr std::string_view kSandip[] = {"Sandip", "Sandeep"};
constexpr std::string_view kPradip[] = {"Pradip", "Pradeep"};
constexpr std::string_view kDipak[] = {"Dipak", "Deepak"};
constexpr std::string_view kSanjib[] = {"Sanjib", "Sanjeev", "Sanjiv"};
constexpr std::string_view kRajib[] = {"Rajib", "Rajeev", "Rajiv"};
constexpr std::string_view kBiswajit[] = {"Biswajit", "Bishwajit", "Biswajeet"};
constexpr std::string_view kDebasish[] = {"Debasish", "Debashis", "Debasis"};
constexpr std::string_view kChaudhary[] = {"Chaudhary", "Choudhary", "Chowdhury", "Chaudhari"};
constexpr std::string_view kSrinivas[] = {"Srinivas", "Sreenivas", "Shrinivas", "Srinivasa"};
constexpr std::string_view kVenkatesh[] = {"Venkatesh", "Venkatesha", "Vyankatesh"};
constexpr std::string_view kThomas[] = {"Thomas", "Tomas"};
constexpr std::string_view kMathew[] = {"Mathew", "Mathews", "Matthew"};
constexpr std::string_view kVarghese[] = {"Varghese", "Verghese", "Varghis"};
constexpr std::string_view kDsouza[] = {"D'Souza", "Dsouza", "D Souza", "De Souza"};
constexpr std::string_view kDcruz[] = {"Dcruz", "D'Cruz", "D Cruz"};
constexpr std::string_view kPeriyasamy[] = {"Periyasamy", "Periasamy", "Periyaswamy"};
constexpr std::string_view kChinnasamy[] = {"Chinnasamy", "Chinnaswamy"};
constexpr std::string_view kPonnusamy[] = {"Ponnusamy", "Ponnuswamy"};
constexpr std::string_view kKaruppasamy[] = {"Karuppasamy", "Karuppaswamy"};
constexpr std::string_view kPuttaswamy[] = {"Puttaswamy", "Puttasamy"};
constexpr std::string_view kDharmendra[] = {"Dharmendra", "Dharmender", "Dharmindra"};
constexpr std::string_view kSurendra[] = {"Surendra", "Surender"};
constexpr std::string_view kRajendra[] = {"Rajendra", "Rajender", "Rajinder"};
constexpr std::string_view kJitendra[] = {"Jitendra", "Jitender"};
constexpr std::string_view kVirendra[] = {"Virendra", "Virender", "Birendra"};
constexpr std::string_view kNarendra[] = {"Narendra", "Narender"};
constexpr std::string_view kBhupendra[] = {"Bhupendra", "Bhupender"};
constexpr std::string_view kShailendra[] = {"Shailendra", "Shailender"};
constexpr std::string_view kMahendra[] = {"Mahendra", "Mahender"};
constexpr std::string_view kLakshman[] = {"Lakshman", "Laxman", "Lakhan"};
constexpr std::string_view kOmprakash[] = {"Omprakash", "Om Prakash", "Omparkash"};
constexpr std::string_view kRadheshyam[] = {"Radheshyam", "Radhe Shyam"};
constexpr std::string_view kSatyanarayana[] = {"Satyanarayana", "Satyanarayan", "Sathyanarayana"};
constexpr std::string_view kChandraSekhar[] = {"Chandra Sekhar", "Chandrasekhar", "Chandrashekar"};
constexpr std::string_view kKoteswara[] = {"Koteswara Rao", "Koteshwar Rao", "Koteswar Rao"};
constexpr std::string_view kVenkataRamana[] = {"Venkata Ramana", "Venkataramana", "V. Ramana"};
constexpr std::string_view kSaiKumar[] = {"Sai Kumar", "Saikumar"};
constexpr std::string_view kSenthilKumar[] = {"Senthil Kumar", "Senthilkumar", "Senthil"};
constexpr std::string_view kSathishKumar[] = {"Sathish Kumar", "Satish Kumar", "Sathishkumar"};
constexpr std::string_view kKrishna[] = {"Krishna", "Krushna", "Kishan"};
constexpr std::string_view kShivaji[] = {"Shivaji", "Shivajee", "Sivaji"};

constexpr Group kGroups[] = {
    kMohammad,      kShaikh,     kSyed,          kQureshi,     kSiddiqui,     kHussain,
    kAhmed,         kAbdul,      kRashid,        kShakil,      kWasim,        kJaved,
    kIqbal,         kNasreen,    kRuksana,       kLaxmi,       kSubhash,      kSantanu,
    kVikas,         kGoutam,     kDattatray,     kSandip,      kPradip,       kDipak,
    kSanjib,        kRajib,      kBiswajit,      kDebasish,    kChaudhary,    kSrinivas,
    kVenkatesh,     kThomas,     kMathew,        kVarghese,    kDsouza,       kDcruz,
    kPeriyasamy,    kChinnasamy, kPonnusamy,     kKaruppasamy, kPuttaswamy,   kDharmendra,
    kSurendra,      kRajendra,   kJitendra,      kVirendra,    kNarendra,     kBhupendra,
    kShailendra,    kMahendra,   kLakshman,      kOmprakash,   kRadheshyam,   kSatyanarayana,
    kChandraSekhar, kKoteswara,  kVenkataRamana, kSaiKumar,    kSenthilKumar, kSathishKumar,
    kKrishna,       kShivaji};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The group holding `word` and the word's index in it, or {nullptr, 0}.
std::pair<const Group*, std::size_t> FindGroup(std::string_view word) {
  for (const Group& group : kGroups) {
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (EqualsIgnoreCase(group[i], word)) return {&group, i};
    }
  }
  return {nullptr, 0};
}

enum class Where { kAnywhere, kStart, kEnd, kInside };

struct Rule {
  std::string_view from, to;
  Where where;
  std::string_view not_followed_by = "";
  std::string_view not_preceded_by = "";
  bool men_only = false;
};

constexpr std::string_view kVowels = "aeiou";
constexpr std::string_view kVowelsAndH = "aeiouh";

constexpr Rule kRules[] = {
    {"v", "w", Where::kAnywhere},
    {"w", "v", Where::kAnywhere},
    {"v", "b", Where::kStart},
    {"b", "v", Where::kStart, "h"},
    {"sh", "s", Where::kAnywhere},
    {"s", "sh", Where::kAnywhere, "h", "s"},
    {"ee", "i", Where::kAnywhere},
    {"i", "ee", Where::kInside, kVowels, kVowels},
    {"oo", "u", Where::kAnywhere},
    {"u", "oo", Where::kInside, kVowels, kVowels},
    {"th", "t", Where::kAnywhere},
    {"t", "th", Where::kAnywhere, "h", "t"},
    {"dh", "d", Where::kAnywhere},
    {"ksh", "x", Where::kAnywhere},
    {"x", "ksh", Where::kAnywhere},
    {"endra", "ender", Where::kEnd},
    {"ender", "endra", Where::kEnd},
    {"a", "", Where::kEnd, "", kVowelsAndH, true},
    {"tt", "t", Where::kAnywhere},
    {"ll", "l", Where::kAnywhere},
    {"nn", "n", Where::kAnywhere},
    {"pp", "p", Where::kAnywhere},
    {"kk", "k", Where::kAnywhere},
    {"mm", "m", Where::kAnywhere},
    {"ph", "f", Where::kAnywhere},
    {"f", "ph", Where::kAnywhere},
    {"au", "ou", Where::kAnywhere},
    {"ou", "au", Where::kAnywhere},
    {"aa", "a", Where::kAnywhere},
    {"y", "i", Where::kEnd, "", kVowels},
    {"q", "k", Where::kAnywhere},
    {"z", "j", Where::kAnywhere},
    {"kri", "kru", Where::kStart},
    {"chh", "ch", Where::kAnywhere},
    {"iya", "ia", Where::kAnywhere},
    {"w", "", Where::kInside, "", "s"},  // "Puttaswamy" -> "Puttasamy"
};

bool Contains(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

// Whether `rule` applies at `pos` of `lower` (the word in lower case); `from` is never empty.
bool Applies(const Rule& rule, std::string_view lower, std::size_t pos) {
  if (lower.compare(pos, rule.from.size(), rule.from) != 0) return false;
  const std::size_t end = pos + rule.from.size();
  switch (rule.where) {
    case Where::kStart:
      if (pos != 0) return false;
      break;
    case Where::kEnd:
      if (end != lower.size()) return false;
      break;
    case Where::kInside:
      if (pos == 0 || end == lower.size()) return false;
      break;
    case Where::kAnywhere:
      break;
  }
  if (end < lower.size() && Contains(rule.not_followed_by, lower[end])) return false;
  if (pos > 0 && Contains(rule.not_preceded_by, lower[pos - 1])) return false;
  // Keep words recognisable: no rule may leave fewer than three letters.
  return lower.size() - rule.from.size() + rule.to.size() >= 3;
}

// Neighbouring keys on a QWERTY keyboard, for 'a'..'z'.
constexpr std::array<std::string_view, 26> kNeighbours = {
    "qwsz",   "vghn",  "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko",
    "huikmn", "jiolm", "kop",  "njk",    "bhjm", "iklp",   "ol",     "wa",     "edft",
    "awedxz", "rfgy",  "yhji", "cfgb",   "qase", "zsdc",   "tghu",   "asx"};

}  // namespace

std::string_view AlternativeSpelling(std::string_view word, Rng& rng) {
  const auto [group, index] = FindGroup(word);
  if (group == nullptr) return word;
  // One of the other spellings, so that the spelling really changes.
  std::size_t pick = rng.Below(group->size() - 1);
  if (pick >= index) ++pick;
  return (*group)[pick];
}

bool HasAlternativeSpelling(std::string_view word) { return FindGroup(word).first != nullptr; }

bool Transliterate(std::string& word, bool female, Rng& rng) {
  std::string lower = word;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  struct Candidate {
    const Rule* rule;
    std::size_t pos;
  };
  Candidate candidates[64];
  std::size_t count = 0;
  for (const Rule& rule : kRules) {
    if (rule.men_only && female) continue;
    for (std::size_t pos = lower.find(rule.from); pos != std::string::npos;
         pos = lower.find(rule.from, pos + 1)) {
      if (Applies(rule, lower, pos) && count < std::size(candidates)) {
        candidates[count++] = {&rule, pos};
      }
    }
  }
  if (count == 0) return false;
  const Candidate chosen = candidates[rng.Below(count)];
  const bool capital = !word.empty() && std::isupper(static_cast<unsigned char>(word[0]));
  lower.replace(chosen.pos, chosen.rule->from.size(), chosen.rule->to);
  if (capital && !lower.empty()) {
    lower[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(lower[0])));
  }
  word = std::move(lower);
  return true;
}

bool MakeTypo(std::string& word, Rng& rng) {
  if (word.size() < 4) return false;
  const std::size_t pos = 1 + rng.Below(word.size() - 1);
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(word[pos])));
  const int kind = rng.Between(0, 2);
  if (kind == 0 && c >= 'a' && c <= 'z') {
    std::string_view keys = kNeighbours[static_cast<std::size_t>(c - 'a')];
    word[pos] = keys[rng.Below(keys.size())];
  } else if (kind == 1 && pos + 1 < word.size() && word[pos] != word[pos + 1]) {
    std::swap(word[pos], word[pos + 1]);
  } else {
    word.erase(pos, 1);
  }
  return true;
}

}  // namespace sutra::gen
