// `sutra dedupe` and `sutra link` on plain CSV files, run as a user runs them: the duplicates
// of a small file of Indian names written differently are found and nobody else is merged,
// links across two files are listed (once per record with --one-to-one), and bad options and
// bad rows are reported by option, column, file and line, with no output file left behind on
// failure.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;

void Write(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string Read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The lines of `file`, without line ends.
std::vector<std::string> Lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

constexpr const char* kHeader = "rec_id,name,father,yob,district\n";
// p1, p3 and p8 are one man written three ways; p2 and p6 another. p10 shares p1's name but
// has another father and birth year: a namesake, not a duplicate.
constexpr const char* kPeople =
    "p1,Mohd Irfan,Abdul Salim,1991,Lucknow\n"
    "p2,Ramesh Kumar Yadav,Shyam Lal Yadav,1980,Varanasi\n"
    "p3,Mohammad Irfaan,Abdul Saleem,1991,Lucknow\n"
    "p4,Sunita Devi,Ram Prasad,1975,Patna\n"
    "p5,Pooja Sharma,Vinod Sharma,1995,Jaipur\n"
    "p6,Ramesh Yadav,Shyamlal Yadav,1980,Varanasi\n"
    "p7,Arjun Reddy,Venkat Reddy,1988,Hyderabad\n"
    "p8,Md. Irfan,Abdul Salim,1991,Lucknow\n"
    "p9,Kavita Joshi,Suresh Joshi,1992,Pune\n"
    "p10,Mohd Irfan,Rashid Ahmed,1968,Meerut\n"
    "p11,Sanjay Patil,Mahesh Patil,1970,Nashik\n"
    "p12,Lakshmi Iyer,Venkatesh Iyer,1985,Chennai\n";
constexpr const char* kFields =
    " --id rec_id --field full_name=name --field father_name=father --field birth_year=yob"
    " --field city=district";

// id -> cluster_id from a dedupe output; empty when the header is wrong.
std::map<std::string, std::string> Clusters(const std::filesystem::path& file) {
  std::vector<std::string> lines = Lines(file);
  std::map<std::string, std::string> clusters;
  if (lines.empty() || lines[0] != "id,cluster_id") return clusters;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t comma = lines[i].find(',');
    clusters[lines[i].substr(0, comma)] = lines[i].substr(comma + 1);
  }
  return clusters;
}

TEST(DedupeCommand, FindsSpellingVariantsAndKeepsOthersApart) {
  testing::TempDir tmp;
  Write(tmp.path() / "people.csv", std::string(kHeader) + kPeople);
  const auto out = tmp.path() / "clusters.csv";
  CliRun run =
      Sutra("dedupe " + Quote(tmp.path() / "people.csv") + kFields + " --out " + Quote(out));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("12 records"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("9 persons"), std::string::npos) << run.out;

  const std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 13u) << Read(out);
  EXPECT_EQ(lines[0], "id,cluster_id");
  for (int i = 1; i <= 12; ++i) {  // every row, in input order, with a cluster id
    EXPECT_EQ(lines[i].substr(0, lines[i].find(',')), "p" + std::to_string(i));
  }
  const std::map<std::string, std::string> cluster = Clusters(out);
  ASSERT_EQ(cluster.size(), 12u);
  // The cluster id is the id of the person's first row in the file.
  EXPECT_EQ(cluster.at("p1"), "p1");
  EXPECT_EQ(cluster.at("p3"), "p1");
  EXPECT_EQ(cluster.at("p8"), "p1");
  EXPECT_EQ(cluster.at("p2"), "p2");
  EXPECT_EQ(cluster.at("p6"), "p2");
  for (const char* single : {"p4", "p5", "p7", "p9", "p10", "p11", "p12"}) {
    EXPECT_EQ(cluster.at(single), single) << "merged with someone else";
  }
  EXPECT_FALSE(std::filesystem::exists(out.string() + ".tmp"));
}

TEST(DedupeCommand, BadRoleOrMissingColumnFailsNamingItAndWritesNothing) {
  testing::TempDir tmp;
  const auto people = tmp.path() / "people.csv";
  Write(people, std::string(kHeader) + kPeople);
  const auto out = tmp.path() / "clusters.csv";

  CliRun role =
      Sutra("dedupe " + Quote(people) + " --id rec_id --field fullname=name --out " + Quote(out));
  EXPECT_EQ(role.exit_code, 1) << role.out;
  EXPECT_NE(role.out.find("--field"), std::string::npos) << role.out;
  EXPECT_NE(role.out.find("unknown role 'fullname'"), std::string::npos) << role.out;
  EXPECT_NE(role.out.find("full_name"), std::string::npos) << role.out;  // the roles are listed
  EXPECT_FALSE(std::filesystem::exists(out));

  CliRun column =
      Sutra("dedupe " + Quote(people) + " --id rec_id --field full_name=nam --out " + Quote(out));
  EXPECT_EQ(column.exit_code, 1) << column.out;
  EXPECT_NE(column.out.find(people.string() + ":1: column 'nam' (full_name) is not in the header"),
            std::string::npos)
      << column.out;
  EXPECT_FALSE(std::filesystem::exists(out));

  CliRun id =
      Sutra("dedupe " + Quote(people) + " --id recid --field full_name=name --out " + Quote(out));
  EXPECT_EQ(id.exit_code, 1) << id.out;
  EXPECT_NE(id.out.find("column 'recid' (the id)"), std::string::npos) << id.out;

  CliRun threshold =
      Sutra("dedupe " + Quote(people) + kFields + " --threshold 1.5 --out " + Quote(out));
  EXPECT_EQ(threshold.exit_code, 1) << threshold.out;
  EXPECT_NE(threshold.out.find("--threshold 1.5"), std::string::npos) << threshold.out;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out.string() + ".tmp"));

  // A failure leaves an earlier result as it was.
  Write(out, "earlier result\n");
  EXPECT_EQ(
      Sutra("dedupe " + Quote(people) + " --id rec_id --field full_name=nam --out " + Quote(out))
          .exit_code,
      1);
  EXPECT_EQ(Read(out), "earlier result\n");
}

TEST(DedupeCommand, MalformedRowsAreNamedByFileAndLineAndTheRestIsWritten) {
  testing::TempDir tmp;
  const auto people = tmp.path() / "people.csv";
  // Lines 2-13 are good; 14 has too few fields, 15 an empty id.
  Write(people, std::string(kHeader) + kPeople + "p13,Too Few,Fields\n,Nameless,X,1990,Pune\n");
  const auto out = tmp.path() / "clusters.csv";
  CliRun run = Sutra("dedupe " + Quote(people) + kFields + " --out " + Quote(out));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find(people.string() + ":14: 3 fields where the header has 5"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(people.string() + ":15: column 'rec_id' (the id) is empty"),
            std::string::npos)
      << run.out;
  const std::map<std::string, std::string> cluster = Clusters(out);
  EXPECT_EQ(cluster.size(), 12u) << Read(out);
  EXPECT_FALSE(cluster.contains("p13"));
  EXPECT_EQ(cluster.at("p8"), "p1");

  // A file with no readable row at all is a failure, and nothing is written.
  const auto bad = tmp.path() / "bad.csv";
  Write(bad, std::string(kHeader) + "x1,Only Two\nx2,Fields Here\n");
  const auto bad_out = tmp.path() / "bad-clusters.csv";
  CliRun none = Sutra("dedupe " + Quote(bad) + kFields + " --out " + Quote(bad_out));
  EXPECT_EQ(none.exit_code, 1) << none.out;
  EXPECT_NE(none.out.find(bad.string() + ":2: 2 fields"), std::string::npos) << none.out;
  EXPECT_NE(none.out.find("no readable rows"), std::string::npos) << none.out;
  EXPECT_FALSE(std::filesystem::exists(bad_out));
}

// Ids repeat across the two files on purpose (both number their rows from 1).
constexpr const char* kFileA =
    "1,Mohd Irfan,Abdul Salim,1991,Lucknow\n"
    "2,Ramesh Kumar Yadav,Shyam Lal Yadav,1980,Varanasi\n"
    "3,Sunita Devi,Ram Prasad,1975,Patna\n"
    "4,Arjun Reddy,Venkat Reddy,1988,Hyderabad\n";
constexpr const char* kFileB =
    "1,Kavita Joshi,Suresh Joshi,1992,Pune\n"
    "2,Mohammad Irfaan,Abdul Saleem,1991,Lucknow\n"
    "3,Ramesh Yadav,Shyamlal Yadav,1980,Varanasi\n"
    "4,Md. Irfan,Abdul Salim,1991,Lucknow\n"
    "5,Mohd Irfan,Rashid Ahmed,1968,Meerut\n";

// (id_a, id_b) of a link output, in file order; probabilities checked to be >= `threshold`.
std::vector<std::pair<std::string, std::string>> Links(const std::filesystem::path& file,
                                                       double threshold) {
  std::vector<std::string> lines = Lines(file);
  std::vector<std::pair<std::string, std::string>> links;
  if (lines.empty() || lines[0] != "id_a,id_b,probability") return links;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::stringstream row(lines[i]);
    std::string a, b, p;
    std::getline(row, a, ',');
    std::getline(row, b, ',');
    std::getline(row, p);
    EXPECT_GE(std::stod(p), threshold) << lines[i];
    EXPECT_LE(std::stod(p), 1.0) << lines[i];
    links.emplace_back(a, b);
  }
  return links;
}

TEST(LinkCommand, ListsCrossFilePairsSortedByIdA) {
  testing::TempDir tmp;
  Write(tmp.path() / "a.csv", std::string(kHeader) + kFileA);
  Write(tmp.path() / "b.csv", std::string(kHeader) + kFileB);
  const auto out = tmp.path() / "links.csv";
  CliRun run = Sutra("link " + Quote(tmp.path() / "a.csv") + " " + Quote(tmp.path() / "b.csv") +
                     kFields + " --out " + Quote(out));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  ASSERT_EQ(Lines(out).at(0), "id_a,id_b,probability");
  auto links = Links(out, 0.8);
  // A's Irfan is B's 2 and 4 (not the namesake 5); A's Ramesh is B's 3. The two links of A's
  // 1 come first; their order is by probability, so either may lead.
  ASSERT_EQ(links.size(), 3u) << Read(out);
  EXPECT_EQ(links[0].first, "1");
  EXPECT_EQ(links[1].first, "1");
  EXPECT_EQ((std::set<std::string>{links[0].second, links[1].second}),
            (std::set<std::string>{"2", "4"}));
  EXPECT_EQ(links[2], (std::pair<std::string, std::string>{"2", "3"}));

  // With no threshold, every scored cross pair is listed, the namesake among them.
  const auto all = tmp.path() / "all.csv";
  ASSERT_EQ(Sutra("link " + Quote(tmp.path() / "a.csv") + " " + Quote(tmp.path() / "b.csv") +
                  kFields + " --threshold 0 --out " + Quote(all))
                .exit_code,
            0);
  auto every = Links(all, 0.0);
  EXPECT_GT(every.size(), links.size()) << Read(all);
  EXPECT_NE(std::find(every.begin(), every.end(), std::pair<std::string, std::string>{"1", "5"}),
            every.end())
      << Read(all);
}

TEST(LinkCommand, OneToOneKeepsEachIdOnce) {
  testing::TempDir tmp;
  Write(tmp.path() / "a.csv", std::string(kHeader) + kFileA);
  Write(tmp.path() / "b.csv", std::string(kHeader) + kFileB);
  const auto out = tmp.path() / "links.csv";
  CliRun run = Sutra("link " + Quote(tmp.path() / "a.csv") + " " + Quote(tmp.path() / "b.csv") +
                     kFields + " --one-to-one --out " + Quote(out));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  auto links = Links(out, 0.8);
  ASSERT_EQ(links.size(), 2u) << Read(out);
  EXPECT_EQ(links[0].first, "1");
  EXPECT_TRUE(links[0].second == "2" || links[0].second == "4") << Read(out);
  EXPECT_EQ(links[1], (std::pair<std::string, std::string>{"2", "3"}));
  std::set<std::string> a, b;
  for (const auto& [x, y] : links) {
    EXPECT_TRUE(a.insert(x).second) << x << " linked twice";
    EXPECT_TRUE(b.insert(y).second) << y << " linked twice";
  }
  // The same run twice gives the same file: ties are broken deterministically.
  const auto again = tmp.path() / "again.csv";
  ASSERT_EQ(Sutra("link " + Quote(tmp.path() / "a.csv") + " " + Quote(tmp.path() / "b.csv") +
                  kFields + " --one-to-one --out " + Quote(again))
                .exit_code,
            0);
  EXPECT_EQ(Read(out), Read(again));
}

TEST(LinkCommand, BadRowInEitherFileIsPartialAndMissingColumnFails) {
  testing::TempDir tmp;
  const auto a = tmp.path() / "a.csv", b = tmp.path() / "b.csv";
  Write(a, std::string(kHeader) + kFileA);
  Write(b, std::string(kHeader) + kFileB + "6,\"Unclosed quote,X,1990,Pune\n");
  const auto out = tmp.path() / "links.csv";
  CliRun run = Sutra("link " + Quote(a) + " " + Quote(b) + kFields + " --out " + Quote(out));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find(b.string() + ":7: "), std::string::npos) << run.out;
  EXPECT_EQ(Links(out, 0.8).size(), 3u) << Read(out);

  const auto other = tmp.path() / "other.csv";
  Write(other, "rec_id,full_name,yob\n1,Mohd Irfan,1991\n");
  const auto out2 = tmp.path() / "links2.csv";
  CliRun missing =
      Sutra("link " + Quote(a) + " " + Quote(other) + kFields + " --out " + Quote(out2));
  EXPECT_EQ(missing.exit_code, 1) << missing.out;
  EXPECT_NE(missing.out.find(other.string() + ":1: column 'name' (full_name) is not in the header"),
            std::string::npos)
      << missing.out;
  EXPECT_FALSE(std::filesystem::exists(out2));
}

TEST(DedupeCommand, HelpNamesTheOptions) {
  for (const char* command : {"dedupe", "link"}) {
    CliRun help = Sutra(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    for (const char* option : {"--id", "--field", "--out", "--threshold"}) {
      EXPECT_NE(help.out.find(option), std::string::npos) << command << " " << option;
    }
  }
  EXPECT_NE(Sutra("link --help").out.find("--one-to-one"), std::string::npos);
  EXPECT_NE(Sutra("dedupe --help").out.find("--cohesion"), std::string::npos);
}

}  // namespace
}  // namespace sutra
