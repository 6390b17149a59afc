// Reading commands as the "embedded use" asks: the `sutra` command on a database acts
// as the operator under the OS user and a stated purpose, or as a stored user after a login;
// either way each read is decided by the policy and audited.

#include <gtest/gtest.h>

#include "tests/cli/cli_run.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace sutra {
namespace {

using cli_test::CliRun;
using cli_test::Quote;
using cli_test::Sutra;

class AccessCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir();
    db_ = new std::string(Quote(tmp_->path() / "db"));
    CliRun ingest = Sutra("ingest --db " + *db_ + " " + SUTRA_SAMPLE_DIR);
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
    // An investigator of Hadapsar (MH-PUN-0027), who does not hold Shivajinagar's FIRs.
    CliRun add = Raw("SUTRA_PASSWORD='hadapsar beat officer' ",
                     "user add --db " + *db_ +
                         " hadapsar-io --role investigator --jurisdiction station:MH-PUN-0027");
    ASSERT_EQ(add.exit_code, 0) << add.out;
  }
  static void TearDownTestSuite() {
    delete db_;
    delete tmp_;
  }
  // `prefix sutra ARGS` with no purpose from the environment.
  static CliRun Raw(const std::string& prefix, const std::string& args) {
    const testing::CommandRun run = testing::RunCommand(
        "env -u SUTRA_PURPOSE -u SUTRA_CASE " + prefix + std::string(SUTRA_BIN) + " " + args);
    return {run.exit_code, run.out};
  }
  static CliRun AuditReport() { return Sutra("audit report --db " + *db_ + " --format csv"); }

  static testing::TempDir* tmp_;
  static std::string* db_;
};

testing::TempDir* AccessCli::tmp_ = nullptr;
std::string* AccessCli::db_ = nullptr;

TEST_F(AccessCli, ReadingCommandsNeedAStatedPurpose) {
  for (const std::string& command :
       {"search --db " + *db_ + " 'Ganesh Tukaram Pawar'", "neighbors --db " + *db_ + " 1",
        "query --db " + *db_ + " 'MATCH (n) RETURN count(n)'",
        "export --db " + *db_ + " --out " + Quote(tmp_->path() / "x.graphml")}) {
    CliRun run = Raw("", command);
    EXPECT_EQ(run.exit_code, 1) << command << "\n" << run.out;
    EXPECT_NE(run.out.find("--purpose: state why you are looking"), std::string::npos) << run.out;
  }
  CliRun run = Raw("SUTRA_PURPOSE='tracing a stolen bike' ",
                   "search --db " + *db_ + " 'Ganesh Tukaram Pawar'");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("acquitted"), std::string::npos) << run.out;  // flagged in the answer
  CliRun report = AuditReport();
  EXPECT_NE(report.out.find("tracing a stolen bike"), std::string::npos) << report.out;
}

TEST_F(AccessCli, AStoredUserOutsideTheJurisdictionGetsAHitAndIsRefusedTheDetail) {
  const std::string as = "SUTRA_PASSWORD='hadapsar beat officer' ";
  CliRun hit = Raw(as, "search --db " + *db_ +
                           " --as hadapsar-io --purpose 'chain snatching series' --case "
                           "0298/2024 'Ganesh Tukaram Pawar'");
  EXPECT_EQ(hit.exit_code, 0) << hit.out;
  EXPECT_NE(hit.out.find("held at MH-PUN-0012"), std::string::npos) << hit.out;
  EXPECT_NE(hit.out.find("hit-only"), std::string::npos) << hit.out;
  EXPECT_EQ(hit.out.find("Ganesh"), std::string::npos) << hit.out;

  CliRun refused = Raw(as, "query --db " + *db_ +
                               " --as hadapsar-io --purpose 'chain snatching series' --case "
                               "0298/2024 \"MATCH (r:PersonRecord {record_id: 'R0002'}) RETURN "
                               "r.name AS name\"");
  EXPECT_EQ(refused.exit_code, 0) << refused.out;
  EXPECT_NE(refused.out.find("(0 rows)"), std::string::npos) << refused.out;

  CliRun wrong = Raw("SUTRA_PASSWORD='not the password' ",
                     "search --db " + *db_ + " --as hadapsar-io --purpose p --case 0298/2024 x");
  EXPECT_EQ(wrong.exit_code, 1) << wrong.out;

  CliRun no_case = Raw(as, "search --db " + *db_ + " --as hadapsar-io --purpose p x");
  EXPECT_EQ(no_case.exit_code, 1) << no_case.out;
  EXPECT_NE(no_case.out.find("purpose:no-case-reference"), std::string::npos) << no_case.out;

  CliRun report = AuditReport();
  EXPECT_NE(report.out.find("outside-jurisdiction:hit-only"), std::string::npos) << report.out;
}

TEST_F(AccessCli, ANeedMustBeOneSutraKnows) {
  CliRun run = Raw("", "search --db " + *db_ + " --purpose p --need everything x");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("--need 'everything'"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace sutra
