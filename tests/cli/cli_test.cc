#include <gtest/gtest.h>
#include <lmdb.h>
#include <sys/wait.h>

#include <cstdio>
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

// A copy of the committed sample in which the test may spoil lines.
std::filesystem::path CopySample(const std::filesystem::path& into) {
  std::filesystem::copy(SUTRA_SAMPLE_DIR, into, std::filesystem::copy_options::recursive);
  return into;
}

void AppendLine(const std::filesystem::path& file, const std::string& line) {
  std::ofstream(file, std::ios::app | std::ios::binary) << line << "\n";
}

std::size_t LineCount(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

std::uint64_t CountNodes(const std::filesystem::path& db) {
  auto store = storage::GraphStore::Open(db, {});
  if (!store.ok()) return 0;
  auto txn = (*store)->BeginRead();
  std::uint64_t n = 0;
  (void)txn->ForEachNode([&](const storage::Node&) { return ++n, true; });
  return n;
}

TEST(Cli, HelpDescribesEveryCommand) {
  CliRun top = Sutra("--help");
  EXPECT_EQ(top.exit_code, 0);
  for (const char* command :
       {"ingest", "stats", "search", "neighbors", "serve", "check", "backup"}) {
    EXPECT_NE(top.out.find(command), std::string::npos) << command;
    CliRun help = Sutra(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--db"), std::string::npos) << command << ":\n" << help.out;
  }
  EXPECT_NE(top.out.find("Exit codes"), std::string::npos);
}

TEST(Cli, NoCommandOrUnknownOptionIsAnError) {
  EXPECT_NE(Sutra("").exit_code, 0);
  EXPECT_NE(Sutra("stats --db x --bogus").exit_code, 0);
}

TEST(Cli, IngestSampleThenStatsAsJson) {
  testing::TempDir tmp;
  CliRun ingest = Sutra("ingest --db " + Quote(tmp.path() / "db") + " " + SUTRA_SAMPLE_DIR);
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out;
  EXPECT_NE(ingest.out.find("0 rejected"), std::string::npos) << ingest.out;
  CliRun stats = Sutra("stats --format json --db " + Quote(tmp.path() / "db"));
  ASSERT_EQ(stats.exit_code, 0) << stats.out;
  auto rows = nlohmann::json::parse(stats.out);
  std::uint64_t cases = 0;
  for (const auto& row : rows) {
    if (row["type"] == "Case") cases = row["count"].get<std::uint64_t>();
  }
  EXPECT_EQ(cases, 50u);
  CliRun csv = Sutra("stats --format csv --db " + Quote(tmp.path() / "db"));
  EXPECT_EQ(csv.out.substr(0, 17), "kind,type,count\nn");
}

// The three kinds of bad row the issue names, each reported with file and line, with exit 2
// (the rest loaded) and nothing of the bad rows stored.
TEST(Cli, BadRowsAreReportedByFileAndLineAndNotStored) {
  testing::TempDir tmp;
  auto bundle = CopySample(tmp.path() / "bundle");
  auto persons = bundle / "persons.csv";
  const std::size_t first_bad = LineCount(persons) + 1;
  AppendLine(persons, "X1,MH-PUN-0012,0001/2023,witness,Too Few Fields");
  AppendLine(persons, "X2,UP-LKO-0041,0219/2023,witness,Bad \xC3\x28 Byte,,,,,,,,,");
  AppendLine(persons, "X3,UP-LKO-0041,0219/2023,accomplice,Anil Verma,,,,,,,,,");
  CliRun run = Sutra("ingest --db " + Quote(tmp.path() / "db") + " " + Quote(bundle));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  const std::string file = persons.string();
  EXPECT_NE(
      run.out.find(file + ":" + std::to_string(first_bad) + ": 5 fields where the header has 14"),
      std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(file + ":" + std::to_string(first_bad + 1) +
                         ": column 'name' is not valid UTF-8"),
            std::string::npos)
      << run.out;
  EXPECT_NE(
      run.out.find(file + ":" + std::to_string(first_bad + 2) + ": column 'roles': 'accomplice'"),
      std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("3 rejected"), std::string::npos) << run.out;
  EXPECT_EQ(CountNodes(tmp.path() / "db"), 407u);  // exactly the sample: no bad row stored
}

TEST(Cli, NothingLoadableExitsOneAndCreatesNoData) {
  testing::TempDir tmp;
  auto bundle = tmp.path() / "bundle";
  std::filesystem::create_directories(bundle);
  std::ofstream(bundle / "stations.csv") << "station_code,name,district,state\nS1,Only,Three\n";
  std::ofstream(bundle / "cases.csv")
      << "station_code,fir_number,registered_on,acts_sections,status,modus_operandi,location_id\n";
  std::ofstream(bundle / "persons.csv")
      << "record_id,station_code,fir_number,roles,name,alias,relative_name,relation,gender,age,"
         "birth_year,address_location_id,phone,flags\n";
  CliRun run = Sutra("ingest --db " + Quote(tmp.path() / "db") + " " + Quote(bundle));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("stations.csv:2: 3 fields where the header has 4"), std::string::npos)
      << run.out;
  EXPECT_EQ(CountNodes(tmp.path() / "db"), 0u);
}

TEST(Cli, StrictLoadsNothingWhenOneRowIsBad) {
  testing::TempDir tmp;
  auto bundle = CopySample(tmp.path() / "bundle");
  AppendLine(bundle / "cases.csv", "MH-PUN-0012,9999/2023,2023-02-30,IPC 379,closed,,");
  CliRun run = Sutra("ingest --strict --db " + Quote(tmp.path() / "db") + " " + Quote(bundle));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("cases.csv:52: column 'registered_on'"), std::string::npos) << run.out;
  EXPECT_EQ(CountNodes(tmp.path() / "db"), 0u);
}

TEST(Cli, NeighborsShowsFlagsAndCapsAndUnknownIdsFail) {
  testing::TempDir tmp;
  auto db = Quote(tmp.path() / "db");
  ASSERT_EQ(Sutra("ingest --db " + db + " " + SUTRA_SAMPLE_DIR).exit_code, 0);
  CliRun search = Sutra("search --format json --db " + db + " 'Sameer Ansari'");
  ASSERT_EQ(search.exit_code, 0) << search.out;
  auto hits = nlohmann::json::parse(search.out);
  ASSERT_FALSE(hits.empty());
  bool flagged = false;
  for (const auto& hit : hits) flagged |= hit["flags"] == "wrongful_arrest";
  EXPECT_TRUE(flagged) << search.out;

  auto id = std::to_string(hits[0]["id"].get<std::uint64_t>());
  CliRun hood = Sutra("neighbors --format json --hops 2 --limit 1 --db " + db + " " + id);
  ASSERT_EQ(hood.exit_code, 0) << hood.out;
  auto graph = nlohmann::json::parse(hood.out);
  EXPECT_TRUE(graph["truncated"].get<bool>());
  EXPECT_GT(graph["links_seen"].get<std::uint64_t>(), graph["edges"].size());

  CliRun missing = Sutra("neighbors --db " + db + " 99999999");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("no node has id 99999999"), std::string::npos) << missing.out;
  CliRun no_db = Sutra("stats --db " + Quote(tmp.path() / "nope"));
  EXPECT_EQ(no_db.exit_code, 1);
  EXPECT_NE(no_db.out.find("no Sutra database"), std::string::npos) << no_db.out;
}

TEST(Cli, CheckPassesAHealthyDatabaseAndBackupCopiesIt) {
  testing::TempDir tmp;
  auto db = Quote(tmp.path() / "db");
  ASSERT_EQ(Sutra("ingest --db " + db + " " + SUTRA_SAMPLE_DIR).exit_code, 0);
  CliRun check = Sutra("check --db " + db);
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find("no problem found"), std::string::npos) << check.out;
  CliRun backup = Sutra("backup --db " + db + " --out " + Quote(tmp.path() / "copy"));
  ASSERT_EQ(backup.exit_code, 0) << backup.out;
  EXPECT_EQ(Sutra("check --db " + Quote(tmp.path() / "copy")).exit_code, 0);
  EXPECT_EQ(CountNodes(tmp.path() / "copy"), 407u);
  CliRun again = Sutra("backup --db " + db + " --out " + Quote(tmp.path() / "copy"));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.out.find("is not empty"), std::string::npos) << again.out;
}

// A database damaged outside Sutra (here: one adjacency entry removed with raw LMDB) is
// reported problem by problem, with exit code 3.
TEST(Cli, CheckReportsEachProblemOfADamagedDatabase) {
  testing::TempDir tmp;
  auto db = tmp.path() / "db";
  ASSERT_EQ(Sutra("ingest --db " + Quote(db) + " " + SUTRA_SAMPLE_DIR).exit_code, 0);
  MDB_env* env;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 16);
  ASSERT_EQ(mdb_env_open(env, db.c_str(), 0, 0664), 0);
  MDB_txn* txn;
  MDB_dbi adj;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, "adj", MDB_DUPSORT, &adj), 0);
  MDB_cursor* cursor;
  ASSERT_EQ(mdb_cursor_open(txn, adj, &cursor), 0);
  MDB_val key, value;
  ASSERT_EQ(mdb_cursor_get(cursor, &key, &value, MDB_FIRST), 0);
  ASSERT_EQ(mdb_cursor_del(cursor, 0), 0);
  mdb_cursor_close(cursor);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);

  CliRun check = Sutra("check --format json --db " + Quote(db));
  EXPECT_EQ(check.exit_code, 3) << check.out;
  auto problems = nlohmann::json::parse(check.out);
  ASSERT_EQ(problems.size(), 2u) << check.out;  // the edge misses an entry; its mirror is alone
  EXPECT_EQ(problems[0]["area"], "edges");
  EXPECT_EQ(problems[1]["area"], "adjacency");
}

}  // namespace
}  // namespace sutra
