// The link-analysis commands as an investigator runs them on the committed generated sample
// (datasets/gen100, ingested and resolved): paths, centrality, communities, components and
// patterns, their JSON answers, their filters and their errors.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;
using nlohmann::json;

class AnalysisCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    db_ = new std::string(Quote(tmp_->path() / "db"));
    CliRun ingest = Sutra("ingest --resolve --db " + *db_ + " " + SUTRA_GEN100_DIR);
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
  }
  static void TearDownTestSuite() {
    delete db_;
    delete tmp_;
  }
  static json Json(const std::string& args) {
    CliRun run = Sutra(args + " --db " + *db_ + " --format json");
    EXPECT_EQ(run.exit_code, 0) << args << "\n" << run.out;
    return json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  }
  static testing::TempDir* tmp_;
  static std::string* db_;
};
testing::TempDir* AnalysisCli::tmp_ = nullptr;
std::string* AnalysisCli::db_ = nullptr;

// A phone from the sample's call records, named as an investigator types it, and its node id.
constexpr const char* kPhone = "+91-8287508592";
std::string PhoneId(const std::string& db) {
  CliRun run = Sutra("search --db " + db + " --format json " + Quote(kPhone));
  const json found = json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  if (!found.is_array() || found.size() != 1) return "0";
  return std::to_string(found[0]["id"].get<std::uint64_t>());
}

TEST_F(AnalysisCli, PathsAreRealChainsOfLinksAndTheShortestComeFirst) {
  // Two hops out from the phone, then back by the shortest path: at most two links.
  const std::string phone = PhoneId(*db_);
  const json hood = Json("neighbors " + phone + " --hops 2");
  ASSERT_TRUE(hood.contains("nodes"));
  std::set<std::uint64_t> checked;
  for (const json& node : hood["nodes"]) {
    const auto id = node["id"].get<std::uint64_t>();
    if (std::to_string(id) == phone || checked.size() == 5) continue;
    checked.insert(id);
    const json answer = Json(std::string("paths ") + Quote(kPhone) + " " + std::to_string(id));
    ASSERT_EQ(answer["paths"].size(), 1u) << id;
    const json& path = answer["paths"][0];
    const auto& nodes = path["nodes"];
    const auto& edges = path["edges"];
    EXPECT_LE(edges.size(), 2u);
    EXPECT_EQ(std::to_string(nodes.front()["id"].get<std::uint64_t>()), phone);
    EXPECT_EQ(nodes.back()["id"], id);
    ASSERT_EQ(nodes.size(), edges.size() + 1);
    for (std::size_t i = 0; i < edges.size(); ++i) {
      std::set<std::uint64_t> ends{edges[i]["from"], edges[i]["to"]};
      EXPECT_EQ(ends, (std::set<std::uint64_t>{nodes[i]["id"], nodes[i + 1]["id"]}));
    }
  }
  EXPECT_FALSE(checked.empty());
}

TEST_F(AnalysisCli, KShortestPathsAreDistinctAndInOrder) {
  const std::string phone = PhoneId(*db_);
  const json hood = Json("neighbors " + phone + " --hops 3");
  const auto far = hood["nodes"].back()["id"].get<std::uint64_t>();
  const json answer = Json("paths " + phone + " " + std::to_string(far) + " --k 3");
  ASSERT_GE(answer["paths"].size(), 1u);
  std::set<std::vector<std::uint64_t>> seen;
  double last = 0;
  for (const json& path : answer["paths"]) {
    std::vector<std::uint64_t> ids;
    for (const json& n : path["nodes"]) ids.push_back(n["id"]);
    EXPECT_TRUE(seen.insert(ids).second) << "a path listed twice";
    EXPECT_GE(path["cost"].get<double>(), last);
    last = path["cost"].get<double>();
  }
}

TEST_F(AnalysisCli, UnknownNodesAndBadFiltersAreRefusedClearly) {
  const std::string phone = PhoneId(*db_);
  CliRun missing = Sutra("paths --db " + *db_ + " " + phone + " 99999999");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("99999999"), std::string::npos) << missing.out;
  CliRun nothing = Sutra("paths --db " + *db_ + " " + phone + " 'Nobody Of That Name'");
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.out.find("nothing matches 'Nobody Of That Name'"), std::string::npos)
      << nothing.out;
  CliRun date = Sutra("paths --db " + *db_ + " " + phone + " 1 --since 2021-13-01");
  EXPECT_EQ(date.exit_code, 1);
  EXPECT_NE(date.out.find("--since '2021-13-01' is not a date"), std::string::npos) << date.out;
  CliRun type = Sutra("centrality --db " + *db_ + " --edge-types OWNS,KNOWS");
  EXPECT_EQ(type.exit_code, 1);
  EXPECT_NE(type.out.find("'KNOWS' is not a link type"), std::string::npos) << type.out;
  CliRun chain = Sutra("patterns template --db " + *db_ + " --chain Person-USES-Gun");
  EXPECT_EQ(chain.exit_code, 1);
  EXPECT_NE(chain.out.find("'Gun' is not a node type"), std::string::npos) << chain.out;
}

TEST_F(AnalysisCli, CentralityRanksInOrderAndListsOnlyTheTypesAsked) {
  const json answer = Json("centrality --measure pagerank --top 10 --type Person");
  ASSERT_EQ(answer["top"].size(), 10u);
  double last = 2;
  for (const json& row : answer["top"]) {
    EXPECT_EQ(row["type"], "Person");
    EXPECT_LE(row["score"].get<double>(), last);
    last = row["score"].get<double>();
  }
  for (const char* measure : {"degree", "betweenness", "closeness", "eigenvector"}) {
    const json other = Json(std::string("centrality --top 3 --measure ") + measure);
    EXPECT_EQ(other["top"].size(), 3u) << measure;
    EXPECT_FALSE(other["estimated"].get<bool>()) << measure << " on a small graph is exact";
  }
}

// Links from acquitted cases and wrongful arrests are left out of association measures by
// default and counted only when asked.
TEST_F(AnalysisCli, ExoneratedLinksAreLeftOutOfAssociationUnlessAsked) {
  const json left_out = Json("centrality --top 1");
  const json counted = Json("centrality --top 1 --include-exonerated");
  EXPECT_LT(left_out["links"].get<std::size_t>(), counted["links"].get<std::size_t>());
  const json pairs = Json("patterns co-accused --min 1 --limit 1000");
  const json all_pairs = Json("patterns co-accused --min 1 --limit 1000 --include-exonerated");
  EXPECT_LE(pairs["rows"].size(), all_pairs["rows"].size());
}

TEST_F(AnalysisCli, CommunitiesAndComponentsDescribeTheNetwork) {
  const json communities = Json("communities --top 5 --members 4");
  const double q = communities["modularity"].get<double>();
  EXPECT_GT(q, 0.3);
  EXPECT_LE(q, 1.0);
  EXPECT_FALSE(communities["members"].empty());
  std::map<int, int> listed;
  for (const json& m : communities["members"]) ++listed[m["community"].get<int>()];
  for (const auto& [community, count] : listed) EXPECT_LE(count, 4) << community;
  const json components = Json(std::string("components --of ") + Quote(kPhone));
  EXPECT_GE(components["components"].get<std::size_t>(), 1u);
  ASSERT_FALSE(components["members"].empty());
  EXPECT_GE(components["members"][0]["size"].get<std::size_t>(), 2u);
}

TEST_F(AnalysisCli, TemplatesMatchDistinctNodesOfTheRightTypes) {
  const json answer = Json("patterns template --chain PersonRecord-USES-Phone-USES-PersonRecord");
  ASSERT_FALSE(answer["rows"].empty()) << "the sample has phones shared by two records";
  for (const json& row : answer["rows"]) {
    EXPECT_NE(row["n0"], row["n2"]) << "a record matched with itself";
  }
}

}  // namespace
}  // namespace sutra
