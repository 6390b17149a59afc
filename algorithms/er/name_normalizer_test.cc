#include "algorithms/er/name_normalizer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <thread>

#include "algorithms/er/spelling_table.h"

namespace sutra::algorithms::er {
namespace {

using Tokens = std::vector<std::string>;

class NameNormalizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<NameNormalizer> created = NameNormalizer::Create(SpellingTable::Default());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    normalizer_ = std::make_unique<NameNormalizer>(std::move(created).value());
  }

  NormalizedName Normalize(std::string_view text) const { return normalizer_->Normalize(text); }
  Tokens TokensOf(std::string_view text) const { return Normalize(text).tokens; }

  // Every spelling normalises to the tokens of the first one.
  void ExpectSameName(std::initializer_list<std::string_view> spellings) const {
    const Tokens expected = TokensOf(*spellings.begin());
    EXPECT_FALSE(expected.empty());
    for (std::string_view spelling : spellings) {
      EXPECT_EQ(TokensOf(spelling), expected)
          << "'" << spelling << "' vs '" << *spellings.begin() << "'";
    }
  }
  void ExpectDifferentNames(std::string_view a, std::string_view b) const {
    EXPECT_NE(TokensOf(a), TokensOf(b)) << "'" << a << "' must not meet '" << b << "'";
  }

  std::unique_ptr<NameNormalizer> normalizer_;
};

// --- Spelling variants that must meet, one family per test.

TEST_F(NameNormalizerTest, MohammadSpellingsMeet) {
  ExpectSameName({"Mohammad", "Mohammed", "Muhammad", "Mohd", "Mohd.", "Md", "MD.", "Mohamed"});
  ExpectSameName({"Mohammad Irfan", "Md. Irfan", "MOHD IRFAN"});
}
TEST_F(NameNormalizerTest, DharmendraSpellingsMeet) {
  ExpectSameName({"Dharmendra", "Dharmender", "DHARMENDER"});
}
TEST_F(NameNormalizerTest, VikasSpellingsMeet) { ExpectSameName({"Vikas", "Bikash", "Vikash"}); }
TEST_F(NameNormalizerTest, ShantanuSpellingsMeet) { ExpectSameName({"Santanu", "Shantanu"}); }
TEST_F(NameNormalizerTest, IrfanSpellingsMeet) { ExpectSameName({"Irfan", "Irfaan"}); }
TEST_F(NameNormalizerTest, SalimSpellingsMeet) { ExpectSameName({"Saleem", "Salim"}); }
TEST_F(NameNormalizerTest, SunilSpellingsMeet) { ExpectSameName({"Sunil", "Suneel"}); }
TEST_F(NameNormalizerTest, PujaSpellingsMeet) { ExpectSameName({"Pooja", "Puja"}); }
TEST_F(NameNormalizerTest, ShahrukhSpellingsMeet) { ExpectSameName({"Shahrukh", "Sharukh"}); }
TEST_F(NameNormalizerTest, LakshmiSpellingsMeet) { ExpectSameName({"Lakshmi", "Laxmi"}); }
TEST_F(NameNormalizerTest, SiddharthSpellingsMeet) { ExpectSameName({"Siddharth", "Sidharth"}); }
TEST_F(NameNormalizerTest, HarpreetSpellingsMeet) { ExpectSameName({"Harpreet", "Harprit"}); }

// --- Precision: different names stay different.

TEST_F(NameNormalizerTest, DifferentNamesStayApart) {
  ExpectDifferentNames("Ramesh", "Rakesh");
  ExpectDifferentNames("Sunil", "Sushil");
  ExpectDifferentNames("Anil", "Amit");
  ExpectDifferentNames("Rajesh", "Ramesh");
  ExpectDifferentNames("Raza", "Raja");
  ExpectDifferentNames("Rahman", "Raman");
  ExpectDifferentNames("Singh", "Sinha");
  ExpectDifferentNames("Mohan", "Mohammad");
  ExpectDifferentNames("Suresh", "Naresh");
}

// Kumar and Kumari are different tokens; Kumari leading a name is the title "Miss".
TEST_F(NameNormalizerTest, KumariIsATitleOnlyWhenItLeads) {
  ExpectDifferentNames("Kumar", "Kumari");
  EXPECT_EQ(TokensOf("Kumari Pooja"), TokensOf("Pooja"));
  EXPECT_EQ(TokensOf("Pooja Kumari"), (Tokens{"puj", "kumari"}));
}

// --- Honorifics, initials, aliases, relatives.

TEST_F(NameNormalizerTest, LeadingHonorificsAreDropped) {
  EXPECT_EQ(TokensOf("Shri Ram Kumar"), TokensOf("Ram Kumar"));
  EXPECT_EQ(TokensOf("Smt. Kamla Devi"), TokensOf("Kamla Devi"));
  EXPECT_EQ(TokensOf("Late Sh. Ram Prasad"), TokensOf("Ram Prasad"));
  EXPECT_EQ(TokensOf("Dr. Anil Sharma"), TokensOf("Anil Sharma"));
  EXPECT_EQ(TokensOf("Mr Irfan"), TokensOf("Irfan"));
  // A part is never emptied by honorifics, and Mohd is the name, not a title.
  EXPECT_EQ(TokensOf("Sri").size(), 1u);
  EXPECT_EQ(TokensOf("Mohd Irfan").size(), 2u);
}

TEST_F(NameNormalizerTest, PoliceRanksAreDropped) {
  EXPECT_EQ(TokensOf("Inspector Vinod Nair"), TokensOf("Vinod Nair"));
  EXPECT_EQ(TokensOf("Sub-Inspector Harpreet Kaur"), TokensOf("Harpreet Kaur"));
  EXPECT_EQ(TokensOf("HC Ramesh Yadav"), TokensOf("Ramesh Yadav"));
  EXPECT_EQ(TokensOf("ASI Shaji Nambiar"), TokensOf("Shaji Nambiar"));
  EXPECT_EQ(TokensOf("PSI Sachin Jadhav"), TokensOf("Sachin Jadhav"));
  // Two officers of one rank share no name word.
  EXPECT_NE(TokensOf("Inspector Vinod Nair"), TokensOf("Inspector Shaji Nambiar"));
  // Only where the rank leads: a trailing "HC" stays in the name.
  EXPECT_EQ(TokensOf("Ramesh Hc").size(), 2u);
}

TEST_F(NameNormalizerTest, InitialsAreSplit) {
  NormalizedName n = Normalize("K.S. Ramesh");
  EXPECT_EQ(n.tokens, (Tokens{"k", "s", "rames"}));
  EXPECT_TRUE(n.had_initials);
  EXPECT_EQ(TokensOf("R.Senthil"), (Tokens{"r", "sentil"}));
  EXPECT_EQ(TokensOf("RK Sharma"), TokensOf("R. K. Sharma"));
  EXPECT_EQ(TokensOf("B. Kumar"), (Tokens{"b", "kumar"}));  // initials are never respelled
  EXPECT_FALSE(Normalize("Ramesh Kumar").had_initials);
}

TEST_F(NameNormalizerTest, AliasesAreSeparated) {
  NormalizedName n = Normalize("Raju @ Rajendra");
  EXPECT_EQ(n.tokens, TokensOf("Raju"));
  EXPECT_EQ(n.aliases, (std::vector<Tokens>{TokensOf("Rajendra")}));
  EXPECT_EQ(Normalize("Raju alias Rajendra").aliases, n.aliases);
  EXPECT_EQ(Normalize("Raju urf Rajendra").aliases, n.aliases);
  n = Normalize("Pappu@Bablu @ Chhotu Kumar");
  EXPECT_EQ(n.tokens, TokensOf("Pappu"));
  EXPECT_EQ(n.aliases, (std::vector<Tokens>{TokensOf("Bablu"), TokensOf("Chotu Kumar")}));
  EXPECT_EQ(Normalize("@ Bablu").tokens, TokensOf("Bablu"));
}

TEST_F(NameNormalizerTest, RelativesAreSeparated) {
  NormalizedName n = Normalize("Ramesh S/O Suresh Kumar");
  EXPECT_EQ(n.tokens, TokensOf("Ramesh"));
  EXPECT_EQ(n.relation, Relation::kChildOf);
  EXPECT_EQ(n.relative, TokensOf("Suresh Kumar"));
  EXPECT_EQ(Normalize("Ramesh son of Late Shri Suresh Kumar").relative, n.relative);
  EXPECT_EQ(Normalize("Ramesh, father's name: Suresh Kumar").relative, n.relative);
  EXPECT_EQ(Normalize("Ramesh s/o Suresh Kumar r/o Village Rampur").relative, n.relative);

  n = Normalize("Sita W/O Ram Prasad");
  EXPECT_EQ(n.tokens, TokensOf("Sita"));
  EXPECT_EQ(n.relation, Relation::kWifeOf);
  EXPECT_EQ(n.relative, TokensOf("Ram Prasad"));
  EXPECT_EQ(Normalize("Meena d/o Mohan").relation, Relation::kChildOf);
  EXPECT_EQ(Normalize("Raju c/o Mohan").relation, Relation::kCareOf);
  EXPECT_EQ(Normalize("Irfan @ Pappu s/o Salim").aliases, (std::vector<Tokens>{{"papu"}}));
  EXPECT_EQ(Normalize("Ramesh").relation, Relation::kNone);
}

// --- Indic scripts.

TEST_F(NameNormalizerTest, DevanagariMeetsRomanSpelling) {
  EXPECT_EQ(normalizer_->Romanize("राजेश कुमार"), "rajesh kumar");
  ExpectSameName({"Rajesh Kumar", "राजेश कुमार"});
  ExpectSameName({"Mohammad Irfan", "मोहम्मद इरफान"});
  ExpectSameName({"Dharmendra Singh", "धर्मेंद्र सिंह", "धर्मेन्द्र सिंह"});
  ExpectSameName({"Laxmi", "लक्ष्मी"});
  ExpectSameName({"Harpreet Kaur", "हरप्रीत कौर"});
  ExpectSameName({"Omprakash", "ओमप्रकाश"});
  ExpectSameName({"Saraswati", "सरस्वती"});
  ExpectSameName({"Amarnath", "अमरनाथ"});
  ExpectSameName({"Mohd. Irfan", "मो० इरफान", "मो॰ इरफान"});
  ExpectSameName({"Kamla Devi", "श्रीमती कमला देवी"});
  NormalizedName n = Normalize("राजेश पुत्र सुरेश");
  EXPECT_EQ(n.relation, Relation::kChildOf);
  EXPECT_EQ(n.relative, TokensOf("Suresh"));
}

TEST_F(NameNormalizerTest, OtherIndicScriptsMeetRomanSpelling) {
  ExpectSameName({"Vikas", "বিকাশ"});   // Bengali
  ExpectSameName({"Sukhdev", "ਸੁਖਦੇਵ"});  // Gurmukhi
  ExpectSameName({"Singh", "ਸਿੰਘ", "सिंह", "সিংহ"});
  ExpectDifferentNames("सिंह", "सिन्हा");  // Singh, Sinha
  ExpectSameName({"Chand", "चाँद", "चांद"});
  ExpectSameName({"Qasim", "क़ासिम", "Kasim"});
  ExpectSameName({"Ramesh", "ரமேஷ்"});   // Tamil
  ExpectSameName({"Suresh", "సురేష్"});   // Telugu
  ExpectSameName({"Krishna", "ಕೃಷ್ಣ"});  // Kannada
  ExpectSameName({"Anil", "അനിൽ"});     // Malayalam
}

TEST_F(NameNormalizerTest, NameOrderDoesNotMatter) {
  EXPECT_EQ(SortedTokens(Normalize("Kumar Rajesh")), SortedTokens(Normalize("Rajesh Kumar")));
  EXPECT_NE(TokensOf("Kumar Rajesh"), TokensOf("Rajesh Kumar"));
}

TEST_F(NameNormalizerTest, ConcurrentCallsAgree) {
  const Tokens expected = TokensOf("मोहम्मद इरफान");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) mismatches[t] += TokensOf("मोहम्मद इरफान") != expected;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST_F(NameNormalizerTest, TextWithoutANameGivesNoTokens) {
  EXPECT_TRUE(TokensOf("").empty());
  EXPECT_TRUE(TokensOf(" ., 42 /").empty());
  EXPECT_TRUE(TokensOf("\xff\xfe").empty());  // not UTF-8
}

// --- Phonetic keys.

TEST(PhoneticKey, GroupsSimilarConsonants) {
  EXPECT_EQ(PhoneticKey("mohamad"), "mmd");
  EXPECT_EQ(PhoneticKey("vikas"), "vks");
  EXPECT_EQ(PhoneticKey("irfan"), "arpn");
  EXPECT_EQ(PhoneticKey("ravi"), PhoneticKey("rabi"));
  EXPECT_EQ(PhoneticKey("yadav"), PhoneticKey("jadav"));
  EXPECT_EQ(PhoneticKey("laxmi"), "lksm");
  EXPECT_EQ(PhoneticKey(""), "");
}

TEST(PhoneticKey, KeepsDifferentNamesApart) {
  EXPECT_NE(PhoneticKey("rames"), PhoneticKey("rakes"));
  EXPECT_NE(PhoneticKey("sunil"), PhoneticKey("susil"));
  EXPECT_NE(PhoneticKey("anil"), PhoneticKey("amit"));
}

// --- The spelling table.

TEST(SpellingTable, ShippedFileIsTheBuiltInTable) {
#ifndef SUTRA_SOURCE_DIR
  GTEST_SKIP() << "SUTRA_SOURCE_DIR is not defined";
#else
  const std::string path = std::string(SUTRA_SOURCE_DIR) + "/algorithms/er/spelling_rules.txt";
  std::ifstream file(path, std::ios::binary);
  ASSERT_TRUE(file) << path;
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), SpellingTable::DefaultText());
  StatusOr<SpellingTable> parsed = SpellingTable::Parse(text.str(), path);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(*parsed == SpellingTable::Default());
#endif
}

TEST(SpellingTable, AppliesRulesInOrder) {
  StatusOr<SpellingTable> table = SpellingTable::Parse(
      "# comment\r\n"
      "honorific shri\n"
      "token babloo bablu   # trailing comment\n"
      "sub oo u\n"
      "suffix ender endra 6\n"
      "prefix b v\n"
      "collapse-doubles\n"
      "drop-final-a 4\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->Apply("babloo"), "vablu");
  EXPECT_EQ(table->Apply("dharmender"), "dharmendr");
  EXPECT_EQ(table->Apply("ender"), "ender");  // shorter than 6
  EXPECT_EQ(table->Apply("maya"), "may");
  EXPECT_EQ(table->Apply("sonia"), "sonia");  // "a" after a vowel stays
  EXPECT_EQ(table->Apply("b"), "b");          // an initial
  EXPECT_TRUE(table->IsHonorific("shri"));
  EXPECT_TRUE(table->HasTokenRule("babloo"));
}

TEST(SpellingTable, ParseErrorsNameTheLine) {
  auto error_of = [](std::string_view text) {
    StatusOr<SpellingTable> table = SpellingTable::Parse(text, "my_rules.txt");
    EXPECT_FALSE(table.ok());
    return table.status().message();
  };
  EXPECT_EQ(
      error_of("sub a b\n\nsubs ksh x\n").rfind("my_rules.txt:3: unknown rule kind 'subs'", 0), 0u);
  EXPECT_EQ(error_of("sub ksh\n").rfind("my_rules.txt:1: 'sub' takes FROM TO", 0), 0u);
  EXPECT_EQ(error_of("# x\nsub KSH x\n").rfind("my_rules.txt:2: 'KSH' must be lowercase", 0), 0u);
  EXPECT_EQ(error_of("suffix er ra zero\n").rfind("my_rules.txt:1: 'zero' must be", 0), 0u);
  EXPECT_EQ(error_of("drop-final-a\n").rfind("my_rules.txt:1: 'drop-final-a' takes MIN", 0), 0u);
  EXPECT_EQ(error_of("collapse-doubles 2\n").rfind("my_rules.txt:1:", 0), 0u);
  EXPECT_EQ(error_of("token md -x\n").rfind("my_rules.txt:1: '-x' must be", 0), 0u);
}

TEST(SpellingTable, ACustomTableChangesHowNamesMeet) {
  StatusOr<SpellingTable> table = SpellingTable::Parse("token pappu papu\nsub z j\n");
  ASSERT_TRUE(table.ok());
  StatusOr<NameNormalizer> normalizer = NameNormalizer::Create(std::move(table).value());
  ASSERT_TRUE(normalizer.ok());
  EXPECT_EQ(normalizer->Normalize("Raza").tokens, normalizer->Normalize("Raja").tokens);
  EXPECT_EQ(normalizer->Normalize("Pappu").tokens, (Tokens{"papu"}));
}

}  // namespace
}  // namespace sutra::algorithms::er
