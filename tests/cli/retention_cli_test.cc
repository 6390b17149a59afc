// `sutra retention apply` and `sutra erase` on the committed sample, as an operator runs them:
// what is listed, what is erased, what the audit log keeps, and the messages for bad input.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "storage/graph_store.h"
#include "tests/cli/cli_run.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;
using nlohmann::json;

// The sample's FIR 0087/2021 (registered 2021-03-14) ended in acquittal; R0002 is an accused,
// R0001 the complainant (datasets/sample/persons.csv).
constexpr const char* kAccusedKey = "MH-PUN-0012|0087/2021|R0002";
constexpr const char* kComplainantKey = "MH-PUN-0012|0087/2021|R0001";

class RetentionCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = Quote(tmp_.path() / "db");
    CliRun ingest = Sutra("ingest --db " + db_ + " " + SUTRA_SAMPLE_DIR);
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
  }
  // Opened for each look and closed again, so the CLI never runs beside an open store.
  std::optional<storage::NodeId> Find(storage::NodeType type, const std::string& key) {
    auto store = storage::GraphStore::Open(tmp_.path() / "db", {});
    EXPECT_TRUE(store.ok());
    auto txn = (*store)->BeginRead();
    return *txn->FindNode(type, key);
  }
  std::string GraphHash() {
    auto store = storage::GraphStore::Open(tmp_.path() / "db", {});
    auto txn = (*store)->BeginRead();
    return *txn->ContentHash(storage::ReadTxn::HashScope::kGraphOnly);
  }
  std::string RawAudit() {
    auto store = storage::GraphStore::Open(tmp_.path() / "db", {});
    auto txn = (*store)->BeginRead();
    std::string all;
    EXPECT_TRUE(txn->ForEachAudit(1,
                                  [&](std::uint64_t, std::string_view bytes) {
                                    all.append(bytes).push_back('\n');
                                    return true;
                                  })
                    .ok());
    return all;
  }
  std::string WriteFile(const std::string& name, const std::string& text) {
    const auto path = tmp_.path() / name;
    std::ofstream(path) << text;
    return Quote(path);
  }
  testing::TempDir tmp_;
  std::string db_;
};

TEST_F(RetentionCli, DryRunListsWhatIsDueAndChangesNoRecord) {
  const std::string before = GraphHash();
  CliRun run = Sutra("retention apply --db " + db_ + " --dry-run --now 2030-01-01 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const json report = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out;
  EXPECT_EQ(report["dry_run"], true);
  EXPECT_EQ(report["as_of"], "2030-01-01");
  EXPECT_EQ(report["applied"], 0);
  bool listed = false;
  for (const json& action : report["actions"]) {
    if (action["record_id"] == "R0002") {
      listed = true;
      EXPECT_EQ(action["action"], "erase");
      EXPECT_EQ(action["rule"], "acquitted_or_discharged");
      EXPECT_EQ(action["due"], "2028-03-14");  // 7 years, Sutra's default
    }
    EXPECT_EQ(action.find("name"), action.end());  // plans carry ids, not names
  }
  EXPECT_TRUE(listed) << run.out;
  EXPECT_EQ(GraphHash(), before);
  EXPECT_TRUE(Find(storage::NodeType::kPersonRecord, kAccusedKey).has_value());

  // Today (before 2028) the acquittal's accused are not due.
  run = Sutra("retention apply --db " + db_ + " --dry-run --now 2026-06-01 --format csv");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.rfind("node,record_id,action,rule,due", 0), 0u) << run.out;
  EXPECT_EQ(run.out.find("R0002,"), std::string::npos) << run.out;
}

TEST_F(RetentionCli, ApplyWithAPolicyFileErasesAndASecondRunDoesNothing) {
  const std::string policy = WriteFile(
      "policy.json",
      R"({"rules": {"acquitted_or_discharged": {"years": 3}, "juvenile": {"enabled": false},
                    "wrongful_arrest": {"enabled": false},
                    "closed_case_victims_witnesses": {"enabled": false}}})");
  CliRun run = Sutra("retention apply --db " + db_ + " --policy " + policy + " --now 2026-06-01");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("acquitted_or_discharged"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("records erased or pseudonymised"), std::string::npos) << run.out;
  EXPECT_FALSE(Find(storage::NodeType::kPersonRecord, kAccusedKey).has_value());
  EXPECT_TRUE(Find(storage::NodeType::kPersonRecord, kComplainantKey).has_value());  // a victim
  EXPECT_TRUE(Find(storage::NodeType::kCase, "MH-PUN-0012|0087/2021").has_value());
  const std::string audit = RawAudit();
  EXPECT_NE(audit.find("\"erase\""), std::string::npos);
  for (const char* secret : {"Ganesh", "Tukaram", "9881204573"}) {
    EXPECT_EQ(audit.find(secret), std::string::npos) << secret << " is in the audit log";
  }

  const std::string after = GraphHash();
  run = Sutra("retention apply --db " + db_ + " --policy " + policy +
              " --now 2026-06-01 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const json again = json::parse(run.out, nullptr, false);
  EXPECT_EQ(again["applied"], 0) << run.out;
  EXPECT_TRUE(again["actions"].empty());
  EXPECT_EQ(GraphHash(), after);
}

TEST_F(RetentionCli, BadPolicyFilesAndDatesAreNamedInTheError) {
  const std::string policy =
      WriteFile("bad.json", R"({"rules": {"juvenile": {"years": "three"}}})");
  CliRun run = Sutra("retention apply --db " + db_ + " --policy " + policy);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("bad.json: rules.juvenile.years: must be a whole number"),
            std::string::npos)
      << run.out;
  run = Sutra("retention apply --db " + db_ + " --policy " + Quote(tmp_.path() / "none.json"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("none.json"), std::string::npos) << run.out;
  run = Sutra("retention apply --db " + db_ + " --now 2026-13-01");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("--now"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("YYYY-MM-DD"), std::string::npos) << run.out;
}

TEST_F(RetentionCli, EraseRemovesOneRecordAndAuditsItWithoutPersonalData) {
  const auto record = Find(storage::NodeType::kPersonRecord, kComplainantKey);
  ASSERT_TRUE(record.has_value());
  CliRun run = Sutra("erase --db " + db_ + " --record " + std::to_string(*record) +
                     " --reason court-order:WP-12-2026");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("erased PersonRecord " + std::to_string(*record)), std::string::npos)
      << run.out;
  EXPECT_FALSE(Find(storage::NodeType::kPersonRecord, kComplainantKey).has_value());
  // Its phone was used by no one else.
  EXPECT_FALSE(Find(storage::NodeType::kPhone, "+919850371246").has_value());
  const std::string audit = RawAudit();
  EXPECT_NE(audit.find("court-order:WP-12-2026"), std::string::npos);
  for (const char* secret : {"Nilesh", "Jadhav", "9850371246"}) {
    EXPECT_EQ(audit.find(secret), std::string::npos) << secret << " is in the audit log";
  }
}

TEST_F(RetentionCli, ErasePseudonymiseKeepsTheRecordUnderAPseudonym) {
  const auto record = Find(storage::NodeType::kPersonRecord, kAccusedKey);
  ASSERT_TRUE(record.has_value());
  CliRun run = Sutra("erase --db " + db_ + " --record " + std::to_string(*record) +
                     " --reason retention:manual --pseudonymise");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("named pseudonym:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1 case links kept"), std::string::npos) << run.out;
  const auto moved = Find(storage::NodeType::kPersonRecord, kAccusedKey);
  ASSERT_TRUE(moved.has_value());
  EXPECT_NE(*moved, *record);  // written again, without its name terms
}

TEST_F(RetentionCli, EraseRefusesProseReasonsOtherNodesAndUnknownIds) {
  const auto record = Find(storage::NodeType::kPersonRecord, kAccusedKey);
  ASSERT_TRUE(record.has_value());
  CliRun run = Sutra("erase --db " + db_ + " --record " + std::to_string(*record) +
                     " --reason 'Ganesh asked us'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("reason must be a code"), std::string::npos) << run.out;
  const auto fir = Find(storage::NodeType::kCase, "MH-PUN-0012|0087/2021");
  run = Sutra("erase --db " + db_ + " --record " + std::to_string(*fir) + " --reason x");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("not a PersonRecord"), std::string::npos) << run.out;
  run = Sutra("erase --db " + db_ + " --record 99999999 --reason x");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("does not exist"), std::string::npos) << run.out;
  run = Sutra("erase --db " + db_ + " --reason x");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.out.find("--record"), std::string::npos) << run.out;
  EXPECT_TRUE(Find(storage::NodeType::kPersonRecord, kAccusedKey).has_value());
}

}  // namespace
}  // namespace sutra
