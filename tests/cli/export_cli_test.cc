// `sutra export` as a user runs it on the committed sample: the summary line, what reached the
// files, and the failures that must leave nothing behind.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

namespace fs = std::filesystem;
using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

std::set<std::string> FilesIn(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename());
  return names;
}

class ExportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    CliRun ingest = Sutra("ingest --db " + Quote(tmp_->path() / "db") + " " + SUTRA_SAMPLE_DIR);
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
  }
  static void TearDownTestSuite() { delete tmp_; }

  static std::string Db() { return Quote(tmp_->path() / "db"); }

  // The id of the acquitted case of TRUTH.md, found as a user would.
  static std::string AcquittedCaseId() {
    CliRun search = Sutra("search --format json --db " + Db() + " 0087/2021");
    EXPECT_EQ(search.exit_code, 0) << search.out;
    const auto hits = nlohmann::json::parse(search.out);
    EXPECT_EQ(hits.size(), 1u) << search.out;
    return std::to_string(hits.at(0)["id"].get<std::uint64_t>());
  }

  testing::TempDir out_;  // each test's output directory
  static testing::TempDir* tmp_;
};
testing::TempDir* ExportCli::tmp_ = nullptr;

TEST_F(ExportCli, AroundWritesTheNeighbourhoodAndSaysWhetherItWasCapped) {
  const std::string id = AcquittedCaseId();
  const fs::path out = out_.path() / "around.graphml";
  CliRun run = Sutra("export --db " + Db() + " --around " + id + " --hops 2 --out " + Quote(out));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  std::size_t nodes = 0;
  std::size_t edges = 0;
  ASSERT_EQ(std::sscanf(run.out.c_str(), "exported %zu nodes and %zu edges", &nodes, &edges), 2)
      << run.out;
  EXPECT_EQ(run.out, "exported " + std::to_string(nodes) + " nodes and " + std::to_string(edges) +
                         " edges as graphml to " + out.string() + ": the neighbourhood of node " +
                         id + " within 2 hop(s), complete\n");
  const std::string xml = ReadFile(out);
  EXPECT_EQ(Count(xml, "<node "), nodes);
  EXPECT_EQ(Count(xml, "<edge "), edges);
  EXPECT_GT(nodes, 5u);
  EXPECT_NE(xml.find("<node id=\"" + id + "\">"), std::string::npos);
  EXPECT_NE(xml.find(">acquitted</data>"), std::string::npos);

  const fs::path small = out_.path() / "small.gexf";
  CliRun capped = Sutra("export --db " + Db() + " --around " + id +
                        " --hops 2 --max-nodes 3 --out " + Quote(small));
  ASSERT_EQ(capped.exit_code, 0) << capped.out;
  EXPECT_TRUE(capped.out.starts_with("exported 3 nodes and ")) << capped.out;
  EXPECT_NE(capped.out.find("as gexf to"), std::string::npos) << capped.out;
  EXPECT_NE(capped.out.find(", capped: "), std::string::npos) << capped.out;
  EXPECT_EQ(Count(capped.out, "\n"), 1u) << capped.out;
  EXPECT_EQ(Count(ReadFile(small), "<node "), 3u);
}

TEST_F(ExportCli, WholeGraphAsCsvIntoADirectoryAndAsGexf) {
  CliRun csv = Sutra("export --db " + Db() + " --format csv --out " + Quote(out_.path()));
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  EXPECT_EQ(csv.out, "exported 407 nodes and 594 edges as csv to " +
                         (out_.path() / "nodes.csv").string() + " and " +
                         (out_.path() / "edges.csv").string() + "\n");
  EXPECT_TRUE(ReadFile(out_.path() / "nodes.csv").starts_with("Id,Label,type,protection_flags,"));
  EXPECT_TRUE(ReadFile(out_.path() / "edges.csv")
                  .starts_with("Source,Target,Type,Id,Label,fir,station,batch"));

  const fs::path gexf = out_.path() / "all.xml";
  CliRun run = Sutra("export --db " + Db() + " --format GEXF --out " + Quote(gexf));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_TRUE(run.out.starts_with("exported 407 nodes and 594 edges as gexf")) << run.out;
  EXPECT_EQ(Count(ReadFile(gexf), "<node "), 407u);

  CliRun refused =
      Sutra("export --db " + Db() + " --max-nodes 10 --out " + Quote(out_.path() / "big.graphml"));
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("407 nodes, more than --max-nodes 10"), std::string::npos)
      << refused.out;
  EXPECT_FALSE(fs::exists(out_.path() / "big.graphml"));
}

TEST_F(ExportCli, ABadFormatIsRefusedClearly) {
  CliRun bad = Sutra("export --db " + Db() + " --format pdf --out " + Quote(out_.path() / "g"));
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_NE(bad.out.find("unknown --format 'pdf': give graphml, gexf or csv"), std::string::npos)
      << bad.out;
  CliRun unknown_extension =
      Sutra("export --db " + Db() + " --out " + Quote(out_.path() / "graph.txt"));
  EXPECT_EQ(unknown_extension.exit_code, 1) << unknown_extension.out;
  EXPECT_NE(unknown_extension.out.find("cannot tell the format"), std::string::npos)
      << unknown_extension.out;
  CliRun hops_alone =
      Sutra("export --db " + Db() + " --hops 2 --out " + Quote(out_.path() / "g.graphml"));
  EXPECT_EQ(hops_alone.exit_code, 1) << hops_alone.out;
  EXPECT_NE(hops_alone.out.find("--around"), std::string::npos) << hops_alone.out;
  CliRun missing =
      Sutra("export --db " + Db() + " --around 99999999 --out " + Quote(out_.path() / "g.graphml"));
  EXPECT_EQ(missing.exit_code, 1) << missing.out;
  EXPECT_NE(missing.out.find("no node has id 99999999"), std::string::npos) << missing.out;
  EXPECT_TRUE(FilesIn(out_.path()).empty());
}

TEST_F(ExportCli, AnUnwritableOutIsNamedAndNothingIsLeftBehind) {
  const fs::path missing_dir = out_.path() / "missing" / "graph.graphml";
  CliRun run = Sutra("export --db " + Db() + " --out " + Quote(missing_dir));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("sutra export: cannot create " + missing_dir.string()), std::string::npos)
      << run.out;
  const fs::path csv_dir = out_.path() / "absent" / "";
  CliRun csv = Sutra("export --db " + Db() + " --format csv --out " + Quote(csv_dir));
  EXPECT_EQ(csv.exit_code, 1) << csv.out;
  EXPECT_NE(csv.out.find((csv_dir / "nodes.csv").string()), std::string::npos) << csv.out;
  CliRun directory = Sutra("export --db " + Db() + " --format graphml --out " + Quote(out_.path()));
  EXPECT_EQ(directory.exit_code, 1) << directory.out;
  EXPECT_NE(directory.out.find(out_.path().string() + " is a directory"), std::string::npos)
      << directory.out;
  EXPECT_TRUE(FilesIn(out_.path()).empty());
}

}  // namespace
}  // namespace sutra
