#include "datasets/generator/devanagari.h"

#include <cctype>
#include <utility>

namespace sutra::gen {
namespace {

constexpr std::pair<std::string_view, std::string_view> kDictionary[] = {
    {"kumar", "कुमार"},      {"singh", "सिंह"},      {"yadav", "यादव"},
    {"sharma", "शर्मा"},     {"prasad", "प्रसाद"},   {"devi", "देवी"},
    {"kumari", "कुमारी"},    {"ram", "राम"},        {"rajesh", "राजेश"},
    {"ramesh", "रमेश"},      {"suresh", "सुरेश"},     {"rakesh", "राकेश"},
    {"mukesh", "मुकेश"},      {"dinesh", "दिनेश"},    {"mahesh", "महेश"},
    {"raju", "राजू"},        {"verma", "वर्मा"},     {"gupta", "गुप्ता"},
    {"mishra", "मिश्रा"},    {"pandey", "पाण्डेय"},   {"tiwari", "तिवारी"},
    {"shukla", "शुक्ला"},     {"chauhan", "चौहान"},  {"paswan", "पासवान"},
    {"maurya", "मौर्य"},     {"jha", "झा"},         {"srivastava", "श्रीवास्तव"},
    {"sanjay", "संजय"},      {"vijay", "विजय"},     {"ajay", "अजय"},
    {"santosh", "संतोष"},    {"sunita", "सुनीता"},   {"anita", "अनीता"},
    {"geeta", "गीता"},      {"seema", "सीमा"},     {"rekha", "रेखा"},
    {"pooja", "पूजा"},       {"jadhav", "जाधव"},    {"pawar", "पवार"},
    {"patil", "पाटील"},     {"shinde", "शिंदे"},     {"more", "मोरे"},
    {"kamble", "कांबळे"},     {"ganesh", "गणेश"},     {"sachin", "सचिन"},
    {"vikas", "विकास"},     {"amit", "अमित"},      {"manoj", "मनोज"},
    {"sunil", "सुनील"},      {"anil", "अनिल"},      {"pankaj", "पंकज"},
    {"deepak", "दीपक"},     {"pradeep", "प्रदीप"},  {"ravi", "रवि"},
    {"shyam", "श्याम"},      {"mohan", "मोहन"},     {"dharmendra", "धर्मेंद्र"},
    {"rajendra", "राजेंद्र"},  {"thakur", "ठाकुर"},    {"rajput", "राजपूत"},
    {"gaikwad", "गायकवाड"}, {"deshmukh", "देशमुख"},  {"kulkarni", "कुलकर्णी"},
    {"joshi", "जोशी"},      {"tukaram", "तुकाराम"}, {"vitthal", "विठ्ठल"},
    {"shivaji", "शिवाजी"},  {"narendra", "नरेंद्र"},  {"surendra", "सुरेंद्र"},
};

struct Letter {
  std::string_view latin, glyph;
};

// Longest spellings first, so that "ksh" wins over "k" and "chh" over "ch".
constexpr Letter kConsonants[] = {
    {"ksh", "क्ष"}, {"chh", "छ"}, {"shr", "श्र"}, {"kh", "ख"}, {"gh", "घ"}, {"ch", "च"}, {"jh", "झ"},
    {"th", "थ"},   {"dh", "ध"},  {"ph", "फ"},   {"bh", "भ"}, {"sh", "श"}, {"k", "क"},  {"g", "ग"},
    {"c", "क"},    {"j", "ज"},   {"t", "त"},    {"d", "द"},  {"n", "न"},  {"p", "प"},  {"f", "फ़"},
    {"b", "ब"},    {"m", "म"},   {"y", "य"},    {"r", "र"},  {"l", "ल"},  {"v", "व"},  {"w", "व"},
    {"s", "स"},    {"h", "ह"},   {"z", "ज़"},    {"q", "क़"},  {"x", "क्स"},
};

struct Vowel {
  std::string_view latin, sign, full;  // sign: after a consonant; full: elsewhere
};

constexpr Vowel kVowels[] = {
    {"aa", "ा", "आ"}, {"ai", "ै", "ऐ"}, {"au", "ौ", "औ"}, {"ee", "ी", "ई"},
    {"ii", "ी", "ई"}, {"oo", "ू", "ऊ"}, {"a", "", "अ"},   {"i", "ि", "इ"},
    {"u", "ु", "उ"},   {"e", "े", "ए"},  {"o", "ो", "ओ"},
};

constexpr std::string_view kHalant = "्";
constexpr std::string_view kAnusvara = "ं";
constexpr std::string_view kLongA = "ा";

template <typename T, std::size_t N>
const T* Match(const T (&table)[N], std::string_view text) {
  for (const T& entry : table) {
    if (text.starts_with(entry.latin)) return &entry;
  }
  return nullptr;
}

bool IsConsonantStart(std::string_view rest) {
  return !rest.empty() && Match(kConsonants, rest) != nullptr;
}

void TransliterateWord(std::string_view word, bool female, std::string& out) {
  for (const auto& [latin, glyph] : kDictionary) {
    if (word == latin) {
      out += glyph;
      return;
    }
  }
  bool after_consonant = false;
  std::size_t i = 0;
  while (i < word.size()) {
    std::string_view rest = word.substr(i);
    if (const Vowel* v = Match(kVowels, rest)) {
      const bool final_a = v->latin == "a" && i + 1 == word.size();
      if (after_consonant) {
        out += final_a && female ? kLongA : v->sign;
      } else {
        out += v->full;
      }
      after_consonant = false;
      i += v->latin.size();
      continue;
    }
    if (const Letter* c = Match(kConsonants, rest)) {
      const std::string_view next = rest.substr(c->latin.size());
      // A nasal before another consonant is written as anusvara on the previous syllable.
      if ((c->latin == "n" || c->latin == "m") && !after_consonant && i > 0 &&
          IsConsonantStart(next)) {
        out += kAnusvara;
        i += 1;
        continue;
      }
      if (after_consonant) out += kHalant;
      out += c->glyph;
      after_consonant = true;
      i += c->latin.size();
      continue;
    }
    ++i;  // punctuation and anything else is dropped
  }
}

}  // namespace

std::string ToDevanagari(std::string_view name, bool female) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    TransliterateWord(word, female, out);
    word.clear();
  };
  for (char c : name) {
    if (c == ' ') {
      flush();
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  flush();
  return out;
}

}  // namespace sutra::gen
