// `sutra gen` and `sutra ingest` together, as a user runs them: generated data in both formats
// loads without a reject, both formats give the same graph, a bad FIR in a feed is rejected
// alone and lands in the rejects file, and an interrupted-load database is refused clearly.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;

// "N nodes and M edges created" from an ingest summary.
std::pair<long, long> Created(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(R"((\d+) nodes and (\d+) edges created)"))) {
    return {-1, -1};
  }
  return {std::stol(m[1]), std::stol(m[2])};
}

TEST(GenIngest, BothFormatsLoadWithoutRejectsIntoTheSameGraph) {
  testing::TempDir tmp;
  for (const char* format : {"csv", "jsonl"}) {
    auto gen = Sutra("gen --firs 300 --seed 5 --format " + std::string(format) + " --out " +
                     Quote(tmp.path() / format));
    ASSERT_EQ(gen.exit_code, 0) << gen.out;
  }
  auto csv = Sutra("ingest --db " + Quote(tmp.path() / "db-csv") + " " + Quote(tmp.path() / "csv"));
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  EXPECT_NE(csv.out.find(" 0 rejected"), std::string::npos) << csv.out;
  auto jsonl = Sutra("ingest --db " + Quote(tmp.path() / "db-jsonl") + " " +
                     Quote(tmp.path() / "jsonl" / "firs.jsonl"));
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.out;
  EXPECT_GT(Created(csv.out).first, 1000);
  EXPECT_EQ(Created(csv.out), Created(jsonl.out));
  auto check = Sutra("check --db " + Quote(tmp.path() / "db-jsonl"));
  EXPECT_EQ(check.exit_code, 0) << check.out;
  // The same files again: nothing new.
  auto again =
      Sutra("ingest --db " + Quote(tmp.path() / "db-csv") + " " + Quote(tmp.path() / "csv"));
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(Created(again.out), std::make_pair(0L, 0L)) << again.out;
}

TEST(GenIngest, ABadFirInAFeedIsRejectedAloneAndWrittenToTheRejectsFile) {
  testing::TempDir tmp;
  ASSERT_EQ(Sutra("gen --firs 20 --seed 2 --format jsonl --out " + Quote(tmp.path())).exit_code, 0);
  const auto feed = tmp.path() / "firs.jsonl";
  std::ifstream in(feed);
  std::string first, rest, line;
  std::getline(in, first);
  while (std::getline(in, line)) rest += line + "\n";
  in.close();
  const std::size_t date = first.find("\"registered_on\":\"");
  ASSERT_NE(date, std::string::npos);
  first.replace(date + 17, 10, "2023-02-30");
  std::ofstream(feed) << first << "\n" << rest;
  const auto rejects = tmp.path() / "rejects.csv";
  auto run = Sutra("ingest --db " + Quote(tmp.path() / "db") + " --rejects " + Quote(rejects) +
                   " " + Quote(feed));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("firs.jsonl:1: registered_on"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("19 loaded, 1 rejected"), std::string::npos) << run.out;
  std::ifstream r(rejects);
  std::string header, row;
  std::getline(r, header);
  std::getline(r, row);
  EXPECT_EQ(header, "file,line,field,reason");
  EXPECT_NE(row.find("firs.jsonl,1,registered_on,"), std::string::npos) << row;
}

TEST(GenIngest, GeneratorOptionsAreChecked) {
  testing::TempDir tmp;
  auto run = Sutra("gen --firs 0 --out " + Quote(tmp.path()));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.out.find("firs"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace sutra
