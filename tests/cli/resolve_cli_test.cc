// `sutra ingest --resolve`, `sutra resolve`, `sutra review` and person search, as a user runs
// them on the committed generated sample (datasets/gen100).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;

class ResolveCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = Quote(tmp_.path() / "db");
    CliRun ingest = Sutra("ingest --resolve --db " + db_ + " " + SUTRA_GEN100_DIR);
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
    ASSERT_NE(ingest.out.find("entity resolution (full, first run): 342 records"),
              std::string::npos)
        << ingest.out;
  }
  testing::TempDir tmp_;
  std::string db_;
};

TEST_F(ResolveCli, ExplainPrintsEveryFieldWithItsWeight) {
  CliRun table = Sutra("resolve --db " + db_ + " --explain R0000001 R0000002");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  for (const char* part : {"field", "level", "weight", "name", "father", "birth",
                           "match probability", "the current resolution puts them"}) {
    EXPECT_NE(table.out.find(part), std::string::npos) << part << "\n" << table.out;
  }
  CliRun json = Sutra("resolve --db " + db_ + " --format json --explain R0000001 R0000002");
  ASSERT_EQ(json.exit_code, 0) << json.out;
  const auto e = nlohmann::json::parse(json.out);
  EXPECT_EQ(e["record_a"], "R0000001");
  EXPECT_EQ(e["fields"].size(), 7u);
  const double p = e["probability"].get<double>();
  EXPECT_TRUE(p >= 0 && p <= 1);
  CliRun missing = Sutra("resolve --db " + db_ + " --explain R0000001 R9999999");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("R9999999"), std::string::npos) << missing.out;
}

TEST_F(ResolveCli, ReviewDecisionsAreRecordedAndAppliedByTheNextRun) {
  CliRun list = Sutra("review list --format json --db " + db_);
  ASSERT_EQ(list.exit_code, 0) << list.out;
  ASSERT_TRUE(nlohmann::json::parse(list.out).is_array());
  CliRun reject = Sutra("review reject --db " + db_ + " R0000001 R0000002 --by asha --note x");
  ASSERT_EQ(reject.exit_code, 0) << reject.out;
  EXPECT_NE(reject.out.find("different people (by asha)"), std::string::npos) << reject.out;
  CliRun accept = Sutra("review accept --db " + db_ + " R0000001 R0000003");
  ASSERT_EQ(accept.exit_code, 0) << accept.out;
  CliRun run = Sutra("resolve --db " + db_ + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  bool applied = false;
  for (const auto& row : nlohmann::json::parse(run.out)) {
    if (row["measure"] == "reviewer decisions applied") applied = row["value"] == 1;
  }
  EXPECT_TRUE(applied) << run.out;
  CliRun explain = Sutra("resolve --db " + db_ + " --format json --explain R0000001 R0000003");
  EXPECT_TRUE(nlohmann::json::parse(explain.out)["same_person"].get<bool>()) << explain.out;
  CliRun apart = Sutra("resolve --db " + db_ + " --format json --explain R0000001 R0000002");
  EXPECT_FALSE(nlohmann::json::parse(apart.out)["same_person"].get<bool>()) << apart.out;
  CliRun bad = Sutra("review accept --db " + db_ + " R0000001 R0000001");
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
}

TEST_F(ResolveCli, SearchAnswersWithRankedPersonsAndTheirFirs) {
  CliRun search = Sutra("search --format json --db " + db_ + " 'S. Periyasami' --limit 5");
  ASSERT_EQ(search.exit_code, 0) << search.out;
  const auto persons = nlohmann::json::parse(search.out);
  ASSERT_FALSE(persons.empty()) << search.out;
  EXPECT_FALSE(persons[0]["firs"].empty());
  EXPECT_TRUE(persons[0]["explanation"]["fields"].is_array());
  for (std::size_t i = 1; i < persons.size(); ++i) {
    EXPECT_LE(persons[i]["probability"].get<double>(), persons[i - 1]["probability"].get<double>());
  }
  CliRun narrowed =
      Sutra("search --format json --db " + db_ + " 'S. Periyasami' --district Nowhere");
  ASSERT_EQ(narrowed.exit_code, 0) << narrowed.out;
  EXPECT_TRUE(nlohmann::json::parse(narrowed.out).empty());
  CliRun both = Sutra("search --db " + db_ + " x --age 30 --birth-year 1990");
  EXPECT_NE(both.exit_code, 0);
}

}  // namespace
}  // namespace sutra
