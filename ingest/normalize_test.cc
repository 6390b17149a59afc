#include "ingest/normalize.h"

#include <gtest/gtest.h>

#include <random>

namespace sutra::ingest {
namespace {

TEST(Normalize, IndianMobilesInEveryCommonSpelling) {
  for (const char* s : {"9822012345", "98220 12345", "+91-98220-12345", "09822012345",
                        "0091 9822012345", "+91 (982) 201.2345", "919822012345"}) {
    EXPECT_EQ(NormalizeIndianMobile(s), "+919822012345") << s;
  }
  for (const char* s :
       {"", "12345", "5822012345", "98220123456", "98220x12345", "+91+9822012345"}) {
    EXPECT_EQ(NormalizeIndianMobile(s), std::nullopt) << s;
  }
}

TEST(Normalize, VehicleRegistrations) {
  EXPECT_EQ(NormalizeVehicleRegistration("mh 12 ab-1234"), "MH12AB1234");
  EXPECT_EQ(NormalizeVehicleRegistration("UP32-CD-5678"), "UP32CD5678");
  EXPECT_EQ(NormalizeVehicleRegistration("DL 3C 1"), "DL3C1");
  EXPECT_EQ(NormalizeVehicleRegistration("KA 05 9999"), "KA059999");
  EXPECT_EQ(NormalizeVehicleRegistration("22 BH 1234 AA"), "22BH1234AA");
  for (const char* s : {"", "MH", "1234", "MH123AB1234", "MH12ABCD1234", "MH12AB12345", "MH12_1"}) {
    EXPECT_EQ(NormalizeVehicleRegistration(s), std::nullopt) << s;
  }
}

// All-ASCII text takes a fast path; appending a middle dot (punctuation, dropped) sends the
// same text through utf8proc instead, and both must agree, for every ASCII character.
TEST(Normalize, FoldForLookupAsciiFastPathAgreesWithUnicodeFolding) {
  std::mt19937 rng(11);
  std::vector<std::string> samples;
  for (int c = 0; c < 128; ++c) samples.push_back("a" + std::string(1, static_cast<char>(c)) + "Z");
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    for (int n = rng() % 12; n > 0; --n) s.push_back(static_cast<char>(rng() % 128));
    samples.push_back(s);
  }
  for (const std::string& s : samples) {
    EXPECT_EQ(FoldForLookup(s), FoldForLookup(s + "\u00b7")) << "text of " << s.size() << " bytes";
  }
}

TEST(Normalize, FoldForLookupFoldsCaseSpacesAndPunctuation) {
  EXPECT_EQ(FoldForLookup("  Mohd.  IRFAN "), "mohd irfan");
  EXPECT_EQ(FoldForLookup("R. Senthil-Kumar"), "r senthil kumar");
  // Devanagari keeps its vowel signs (combining marks are letters here, not punctuation).
  EXPECT_EQ(FoldForLookup("राजेश  कुमार"), "राजेश कुमार");
  EXPECT_EQ(FoldForLookup("ＡＢＣ"), "abc");  // full-width forms (NFKC)
}

TEST(Normalize, Utf8AndDates) {
  EXPECT_TRUE(IsValidUtf8("राजेश"));
  EXPECT_FALSE(IsValidUtf8("bad \xff byte"));
  EXPECT_FALSE(IsValidUtf8("\xe0\xa4"));  // truncated sequence
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-13-01"));
  EXPECT_FALSE(IsIsoDate("23-01-01"));
  EXPECT_TRUE(IsIsoDateTime("2023-06-01T23:59:59"));
  EXPECT_FALSE(IsIsoDateTime("2023-06-01T24:00:00"));
  EXPECT_FALSE(IsIsoDateTime("2023-06-01 10:00:00"));
}

}  // namespace
}  // namespace sutra::ingest
