#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <random>

namespace sutra::ingest {
namespace {

std::vector<CsvRecord> ReadAll(std::string_view text) {
  CsvReader reader(text);
  std::vector<CsvRecord> out;
  while (auto r = reader.Next()) out.push_back(std::move(*r));
  return out;
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndNewlines) {
  auto records = ReadAll("a,b,c\r\n\"x, y\",\"he said \"\"no\"\"\",\"two\nlines\"\n3,,\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x, y", "he said \"no\"", "two\nlines"}));
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[2].line, 4u);  // the quoted newline counts as a line
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"3", "", ""}));
}

TEST(CsvReader, SkipsBomAndBlankLinesAndKeepsLineNumbers) {
  auto records = ReadAll("\xEF\xBB\xBFh1,h2\n\n\nv1,v2");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[0], "h1");
  EXPECT_EQ(records[1].line, 4u);
}

TEST(CsvReader, MalformedQuotingIsReportedAndReadingResumes) {
  auto records = ReadAll("ab\"c,d\n\"x\"y,z\nok,1\n\"open");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_NE(records[0].error, "");
  EXPECT_NE(records[1].error, "");
  EXPECT_EQ(records[2].error, "");
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_NE(records[3].error.find("not closed"), std::string::npos);
}

// Random bytes must never crash the reader or make it loop forever (ASan watches bounds).
TEST(CsvReader, FuzzedInputTerminates) {
  std::mt19937 rng(11);
  const char alphabet[] = {'a', ',', '"', '\n', '\r', ' ', '\xEF', '\xBB', '\xBF', '1'};
  for (int i = 0; i < 5000; ++i) {
    std::string text(rng() % 64, 'a');
    for (char& c : text) c = alphabet[rng() % sizeof alphabet];
    CsvReader reader(text);
    std::size_t n = 0;
    while (reader.Next()) ASSERT_LE(++n, text.size() + 1);
  }
}

}  // namespace
}  // namespace sutra::ingest
