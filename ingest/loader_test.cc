#include "ingest/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "tests/support/temp_dir.h"

namespace sutra::ingest {
namespace {

using storage::GraphStore;
using storage::NodeType;

// A tiny valid bundle; tests spoil one file at a time.
struct Bundle {
  std::string stations =
      "station_code,name,district,state\n"
      "MH-PUN-01,Shivajinagar PS,Pune,Maharashtra\n";
  std::string cases =
      "station_code,fir_number,registered_on,acts_sections,status,modus_operandi,location_id\n"
      "MH-PUN-01,0001/2023,2023-01-05,IPC 379,charge_sheeted,chain snatching,\n"
      "MH-PUN-01,0002/2023,2023-02-07,IPC 392;IPC 34,acquitted,\"robbery, at night\",\n";
  std::string persons =
      "record_id,station_code,fir_number,roles,name,alias,relative_name,relation,gender,age,"
      "birth_year,address_location_id,phone,flags\n"
      "R1,MH-PUN-01,0001/2023,accused;arrested,Vikas Shinde,,Ramesh,father,M,28,,,98220 12345,\n"
      "R2,MH-PUN-01,0001/2023,complainant,Sunita Patil,,,,F,45,,,,\n"
      "R3,MH-PUN-01,0002/2023,accused,Bikash Shinde,Raju,Ramesh,father,M,,1995,,09822012345,\n";
};

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

class BundleLoaderTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const Bundle& b) {
    auto dir = tmp_.path() / ("bundle" + std::to_string(++bundles_));
    std::filesystem::create_directories(dir);
    WriteFile(dir / "stations.csv", b.stations);
    WriteFile(dir / "cases.csv", b.cases);
    WriteFile(dir / "persons.csv", b.persons);
    return dir;
  }
  GraphStore& Store() {
    if (!store_) {
      auto s = GraphStore::Open(tmp_.path() / "db", {.create_if_missing = true});
      EXPECT_TRUE(s.ok()) << s.status().ToString();
      store_ = std::move(s).value();
    }
    return *store_;
  }
  int CountNodes() {
    auto txn = Store().BeginRead();
    int n = 0;
    EXPECT_TRUE(txn->ForEachNode([&](const storage::Node&) { return ++n, true; }).ok());
    return n;
  }
  std::optional<storage::NodeId> Record(const std::string& key) {
    auto txn = Store().BeginRead();
    return *txn->FindNode(NodeType::kPersonRecord, key);
  }

  testing::TempDir tmp_;
  int bundles_ = 0;
  std::unique_ptr<GraphStore> store_;
};

TEST_F(BundleLoaderTest, LoadsEveryRowAndSharesThePhone) {
  auto report = LoadCsvBundle(Store(), Write(Bundle{}), {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->rejected.empty());
  EXPECT_EQ(report->rows_loaded, 6u);
  // 1 station + 2 cases + 3 records + 1 phone (two spellings of one number).
  EXPECT_EQ(report->nodes_created, 7u);
  EXPECT_EQ(CountNodes(), 7);
  auto txn = Store().BeginRead();
  auto hits = txn->LookupTerm("phone:+919822012345", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(*txn->CountNeighbors(hits->front()), 2u);  // used by R1 and R3
}

TEST_F(BundleLoaderTest, ReloadingChangesNothing) {
  auto dir = Write(Bundle{});
  ASSERT_TRUE(LoadCsvBundle(Store(), dir, {}).ok());
  auto again = LoadCsvBundle(Store(), dir, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->nodes_created, 0u);
  EXPECT_EQ(again->edges_created, 0u);
  EXPECT_EQ(CountNodes(), 7);
}

TEST_F(BundleLoaderTest, WrongColumnCountNamesFileAndLineAndStoresNothingOfTheRow) {
  Bundle b;
  b.persons += "R4,MH-PUN-01,0001/2023,witness,Anil\n";
  auto dir = Write(b);
  auto report = LoadCsvBundle(Store(), dir, {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_EQ(report->rejected[0].ToString(),
            (dir / "persons.csv").string() + ":5: 5 fields where the header has 14");
  EXPECT_FALSE(Record("MH-PUN-01|0001/2023|R4"));
  EXPECT_TRUE(Record("MH-PUN-01|0001/2023|R1"));
}

TEST_F(BundleLoaderTest, InvalidUtf8AndUnknownRoleAreRejectedByLine) {
  Bundle b;
  b.persons += "R4,MH-PUN-01,0001/2023,witness,Bad \xff name,,,,,,,,,\n";
  b.persons += "R5,MH-PUN-01,0001/2023,accomplice,Anil,,,,,,,,,\n";
  auto report = LoadCsvBundle(Store(), Write(b), {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->rejected.size(), 2u);
  EXPECT_EQ(report->rejected[0].line, 5u);
  EXPECT_NE(report->rejected[0].reason.find("not valid UTF-8"), std::string::npos);
  EXPECT_EQ(report->rejected[1].line, 6u);
  EXPECT_NE(report->rejected[1].reason.find("'accomplice'"), std::string::npos);
  EXPECT_FALSE(Record("MH-PUN-01|0001/2023|R4"));
  EXPECT_FALSE(Record("MH-PUN-01|0001/2023|R5"));
}

TEST_F(BundleLoaderTest, RowsOfARejectedFirAreRejectedNamingIt) {
  Bundle b;
  b.cases.replace(b.cases.find("2023-02-07"), 10, "2023-02-30");
  auto report = LoadCsvBundle(Store(), Write(b), {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->rejected.size(), 2u);
  EXPECT_NE(report->rejected[0].reason.find("registered_on"), std::string::npos);
  EXPECT_EQ(report->rejected[1].line, 4u);
  EXPECT_NE(report->rejected[1].reason.find("whose row cases.csv:3 was rejected"),
            std::string::npos);
  EXPECT_FALSE(Record("MH-PUN-01|0002/2023|R3"));
}

TEST_F(BundleLoaderTest, StrictModeWritesNothingWhenAnyRowIsBad) {
  Bundle b;
  b.persons += "R4,MH-PUN-01,0009/2023,witness,Anil,,,,,,,,,\n";
  auto report = LoadCsvBundle(Store(), Write(b), {.strict = true});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("persons.csv:5: refers to FIR '0009/2023 of MH-PUN-01'"),
            std::string::npos);
  EXPECT_EQ(CountNodes(), 0);
}

TEST_F(BundleLoaderTest, NothingLoadableIsAnError) {
  Bundle b;
  b.stations = "station_code,name,district,state\nMH-PUN-01,Shivajinagar PS,Pune\n";
  auto report = LoadCsvBundle(Store(), Write(b), {});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("no row could be loaded"), std::string::npos);
  EXPECT_EQ(CountNodes(), 0);
}

TEST_F(BundleLoaderTest, UnknownOrMissingColumnIsAFileError) {
  Bundle b;
  b.stations = "station_code,name,district,state,pincode\n";
  auto report = LoadCsvBundle(Store(), Write(b), {});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("stations.csv:1: unknown column 'pincode'"),
            std::string::npos);
}

// Mutated bundles never crash the loader; whatever it accepts leaves a store where every
// edge's endpoints exist.
TEST_F(BundleLoaderTest, FuzzedBundlesLoadOrFailCleanly) {
  std::mt19937 rng(23);
  const std::string bytes = ",\"\n;\xff@ 9aZ-";
  for (int round = 0; round < 150; ++round) {
    Bundle b;
    std::string* files[] = {&b.stations, &b.cases, &b.persons};
    for (int m = 0; m < 4; ++m) {
      std::string& f = *files[rng() % 3];
      std::size_t at = rng() % f.size();
      switch (rng() % 3) {
        case 0:
          f[at] = bytes[rng() % bytes.size()];
          break;
        case 1:
          f.erase(at, 1 + rng() % 5);
          break;
        default:
          f.insert(at, 1, bytes[rng() % bytes.size()]);
          break;
      }
      if (f.empty()) f = "x";
    }
    auto report = LoadCsvBundle(Store(), Write(b), {});
    if (report.ok()) {
      EXPECT_GT(report->rows_loaded, 0u);
    }
  }
  auto txn = Store().BeginRead();
  ASSERT_TRUE(txn->ForEachEdge([&](const storage::Edge& e) {
                   EXPECT_TRUE(txn->GetNode(e.from)->has_value());
                   EXPECT_TRUE(txn->GetNode(e.to)->has_value());
                   return true;
                 })
                  .ok());
}

// --- Bad input loses nothing: each kind of fault rejects its row alone, with a reason. ---

std::string Hash(GraphStore& store) {
  return *store.BeginRead()->ContentHash(storage::ReadTxn::HashScope::kGraphOnly);
}

TEST_F(BundleLoaderTest, ReingestOfTheSampleLeavesTheGraphUnchanged) {
  ASSERT_TRUE(LoadCsvBundle(Store(), SUTRA_SAMPLE_DIR, {}).ok());
  const std::string before = Hash(Store());
  auto again = LoadCsvBundle(Store(), SUTRA_SAMPLE_DIR, {});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->bulk);
  EXPECT_EQ(again->nodes_created + again->edges_created, 0u);
  EXPECT_EQ(Hash(Store()), before);
}

TEST_F(BundleLoaderTest, BulkAndBatchedLoadsStoreTheSameGraph) {
  auto bulk = LoadCsvBundle(Store(), SUTRA_SAMPLE_DIR, {});
  ASSERT_TRUE(bulk.ok());
  EXPECT_TRUE(bulk->bulk);
  auto other = GraphStore::Open(tmp_.path() / "batched", {.create_if_missing = true});
  ASSERT_TRUE(other.ok());
  auto batched = LoadCsvBundle(**other, SUTRA_SAMPLE_DIR, {.strict = false, .allow_bulk = false, .batch_rows = 7});
  ASSERT_TRUE(batched.ok());
  EXPECT_FALSE(batched->bulk);
  EXPECT_EQ(bulk->nodes_created, batched->nodes_created);
  EXPECT_EQ(bulk->edges_created, batched->edges_created);
  EXPECT_EQ(Hash(Store()), Hash(**other));
}

TEST_F(BundleLoaderTest, EachFaultRejectsOnlyItsRowAndGoesToTheRejectsFile) {
  Bundle b;
  b.persons += "R4,MH-PUN-01,0001/2023,witness,Nul";  // line 5: a NUL byte in a field
  b.persons += '\0';
  b.persons += "name,,,,,,,,,\n";
  b.persons += "R5,MH-PUN-01,0009/2023,witness,Anil,,,,,,,,,\n";                 // line 6
  b.persons += "R1,MH-PUN-01,0001/2023,accused,Someone Else,,,,M,28,,,,\n";      // line 7
  b.persons += "R2,MH-PUN-01,0001/2023,complainant,Sunita Patil,,,,F,45,,,,\n";  // line 8
  b.persons += "R6,MH-PUN-01,0001/2023,witness,\"" + std::string(10 << 20, 'x') + "\",,,,,,,,,\n";
  b.persons += "R7,MH-PUN-01,0001/2023,witness,\"Unterminated,,,,,,,,,\n";  // line 10
  const auto rejects = tmp_.path() / "rejects.csv";
  LoadOptions options;
  options.rejects_file = rejects;
  auto report = LoadCsvBundle(Store(), Write(b), options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::map<std::size_t, std::string> by_line;
  for (const RowError& e : report->rejected) by_line[e.line] = e.field + ": " + e.reason;
  EXPECT_NE(by_line[5].find("NUL"), std::string::npos) << by_line[5];
  EXPECT_NE(by_line[6].find("refers to FIR '0009/2023 of MH-PUN-01'"), std::string::npos);
  EXPECT_NE(by_line[7].find("record_id 'R1' is given again"), std::string::npos) << by_line[7];
  EXPECT_FALSE(by_line.contains(8)) << "an identical repeat is not a conflict";
  EXPECT_FALSE(by_line.contains(9)) << "a 10 MB field is stored, not refused";
  EXPECT_NE(by_line[10].find("quote"), std::string::npos) << by_line[10];
  EXPECT_TRUE(Record("MH-PUN-01|0001/2023|R6"));
  EXPECT_EQ(report->rows_rejected, 4u);
  // The rejects file has a header and one line per rejected row.
  std::ifstream in(rejects);
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "file,line,field,reason");
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) {
                            return l.find("persons.csv,6,,\"refers to FIR") != std::string::npos;
                          }),
            1);
}

TEST_F(BundleLoaderTest, ImpossibleDatesAndPartialBirthDates) {
  Bundle b;
  b.persons =
      "record_id,station_code,fir_number,roles,name,alias,relative_name,relation,gender,age,"
      "birth_year,address_location_id,phone,flags,dob\n"
      "R1,MH-PUN-01,0001/2023,accused,Vikas Shinde,,,,M,,,,,,1988\n"
      "R2,MH-PUN-01,0001/2023,accused,Raju,,,,M,,,,,,1988-07\n"
      "R3,MH-PUN-01,0001/2023,accused,Sonu,,,,M,,,,,,1988-02-30\n";
  auto report = LoadCsvBundle(Store(), Write(b), {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_EQ(report->rejected[0].line, 4u);
  EXPECT_EQ(report->rejected[0].field, "dob");
  auto txn = Store().BeginRead();
  auto node = txn->GetNode(**txn->FindNode(NodeType::kPersonRecord, "MH-PUN-01|0001/2023|R2"));
  EXPECT_EQ(storage::GetString((*node)->properties, "dob"), "1988-07");
}

TEST_F(BundleLoaderTest, EmptyFileOrMissingHeaderRefusesTheBundleWithNothingStored) {
  Bundle empty;
  empty.persons = "";
  auto report = LoadCsvBundle(Store(), Write(empty), {});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("persons.csv:1: no readable header row"),
            std::string::npos)
      << report.status().message();
  Bundle headless;
  headless.stations = "MH-PUN-01,Shivajinagar PS,Pune,Maharashtra\n";
  report = LoadCsvBundle(Store(), Write(headless), {});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("header row missing"), std::string::npos);
  EXPECT_EQ(CountNodes(), 0);
}

TEST_F(BundleLoaderTest, AJsonlFirIsAllOrNothing) {
  const std::string good =
      R"({"station":{"station_code":"MH-PUN-01","name":"Shivajinagar PS","district":"Pune",)"
      R"("state":"Maharashtra"},"fir_number":"0001/2023","registered_on":"2023-01-05",)"
      R"("acts_sections":["IPC 379"],"status":"charge_sheeted","location":null,)"
      R"("persons":[{"record_id":"R1","roles":["accused"],"name":"Vikas Shinde",)"
      R"("phone":"98220 12345"}],"vehicles":[],"calls":[]})";
  std::string bad = good;
  bad.replace(bad.find("0001/2023"), 9, "0002/2023");
  bad.replace(bad.find("\"accused\""), 9, "\"suspect\"");
  const auto feed = tmp_.path() / "firs.jsonl";
  WriteFile(feed, good + "\n" + bad + "\n");
  auto report = LoadInputs(Store(), {feed}, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_loaded, 1u);
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_EQ(report->rejected[0].line, 2u);
  EXPECT_NE(report->rejected[0].field.find("persons[0].roles[0]"), std::string::npos)
      << report->rejected[0].field;
  auto txn = Store().BeginRead();
  EXPECT_TRUE(*txn->FindNode(NodeType::kCase, "MH-PUN-01|0001/2023"));
  EXPECT_FALSE(*txn->FindNode(NodeType::kCase, "MH-PUN-01|0002/2023"));
  EXPECT_FALSE(*txn->FindNode(NodeType::kPersonRecord, "MH-PUN-01|0002/2023|R1"));
}

}  // namespace
}  // namespace sutra::ingest
