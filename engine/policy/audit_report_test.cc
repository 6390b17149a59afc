// The audit report ("who looked at this person, when and why") and the anomaly review: each
// filter, each output format, and each anomaly rule just at and just under its threshold.
#include "engine/policy/audit_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/policy/audit_anomalies.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine::policy {
namespace {

using std::chrono::minutes;

TimePoint At(std::string_view text) { return *ParseAuditTime(text); }

// Records as the log would hold them, with times and sequence numbers set by the test.
class RecordList {
 public:
  AuditRecord& Add(std::string user, TimePoint time) {
    AuditRecord& r = records_.emplace_back();
    r.seq = records_.size();
    r.time = FormatAuditTime(time);
    r.user = std::move(user);
    r.role = "investigator";
    r.operation = "search";
    r.allowed = true;
    r.rule = "in-jurisdiction";
    return r;
  }
  const std::vector<AuditRecord>& records() const { return records_; }

 private:
  std::vector<AuditRecord> records_;
};

std::vector<std::string> Rules(const std::vector<Anomaly>& anomalies) {
  std::vector<std::string> rules;
  for (const Anomaly& a : anomalies) rules.push_back(a.rule);
  return rules;
}

// --- The report -------------------------------------------------------------------------

class AuditReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::GraphStore::Open(dir_.path(), {.create_if_missing = true});
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    // A Person resolved from two records, and an unrelated record.
    Status built = store_->Update([&](storage::WriteTxn& w) -> Status {
      SUTRA_ASSIGN_OR_RETURN(auto person, w.UpsertNode(storage::NodeType::kPerson, "P1", {}));
      SUTRA_ASSIGN_OR_RETURN(auto r1, w.UpsertNode(storage::NodeType::kPersonRecord, "R1", {}));
      SUTRA_ASSIGN_OR_RETURN(auto r2, w.UpsertNode(storage::NodeType::kPersonRecord, "R2", {}));
      SUTRA_ASSIGN_OR_RETURN(auto other, w.UpsertNode(storage::NodeType::kPersonRecord, "R3", {}));
      person_ = person.id;
      record1_ = r1.id;
      record2_ = r2.id;
      other_ = other.id;
      const storage::Provenance provenance{"1", "S", 1};
      SUTRA_RETURN_IF_ERROR(
          w.UpsertEdge(storage::EdgeType::kSameAs, r1.id, person.id, {}, provenance).status());
      return w.UpsertEdge(storage::EdgeType::kSameAs, r2.id, person.id, {}, provenance).status();
    });
    ASSERT_TRUE(built.ok()) << built.ToString();

    TimePoint now = At("2026-11-29T10:00:00Z");
    AuditLog log(
        *store_, [&now] { return now; }, storage::GraphStore::Durability::kSynced);
    auto append = [&](std::string user, std::string operation, std::vector<std::uint64_t> shown,
                      std::vector<std::uint64_t> subjects, std::string time) {
      now = At(time);
      AuditRecord r;
      r.user = std::move(user);
      r.role = "investigator";
      r.purpose = "investigation";
      r.case_ref = "S|0042/2026";
      r.operation = std::move(operation);
      r.allowed = true;
      r.rule = "in-jurisdiction";
      SetDisclosed(r, std::move(shown));
      r.subjects = std::move(subjects);
      ASSERT_TRUE(log.Append(r).ok());
    };
    append("patil", "search", {record1_}, {record1_}, "2026-11-29T10:00:00Z");    // 1
    append("khan", "expand", {person_, 900}, {person_}, "2026-11-30T09:00:00Z");  // 2
    append("patil", "search", {other_}, {other_}, "2026-11-30T11:00:00Z");        // 3
    append("rao", "export", {record2_, 901}, {}, "2026-12-01T08:00:00Z");  // 4: disclosed only
  }

  std::vector<std::uint64_t> Query(const AuditFilter& filter) {
    auto txn = store_->BeginRead();
    EXPECT_TRUE(txn.ok());
    auto found = QueryAudit(*txn, filter);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::uint64_t> seqs;
    if (found.ok()) {
      for (const AuditRecord& r : *found) seqs.push_back(r.seq);
    }
    return seqs;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  std::uint64_t person_ = 0, record1_ = 0, record2_ = 0, other_ = 0;
};

TEST_F(AuditReportTest, APersonMatchesEntriesThatShowedItOrAnyOfItsRecords) {
  auto txn = store_->BeginRead();
  ASSERT_TRUE(txn.ok());
  auto ids = SubjectIds(*txn, person_);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::uint64_t>{person_, record1_, record2_}));
  EXPECT_EQ(Query({.subjects = *ids}), (std::vector<std::uint64_t>{1, 2, 4}));

  // A record alone is just itself; an id no longer in the store still matches its entries.
  auto record_ids = SubjectIds(*txn, record2_);
  ASSERT_TRUE(record_ids.ok());
  EXPECT_EQ(*record_ids, (std::vector<std::uint64_t>{record2_}));
  EXPECT_EQ(Query({.subjects = *record_ids}), (std::vector<std::uint64_t>{4}));
  auto gone = SubjectIds(*txn, 900);
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(Query({.subjects = *gone}), (std::vector<std::uint64_t>{2}));
}

TEST_F(AuditReportTest, UserTimeAndOperationFiltersCombine) {
  EXPECT_EQ(Query({}), (std::vector<std::uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(Query({.user = "patil"}), (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(Query({.user = "nobody"}), (std::vector<std::uint64_t>{}));
  EXPECT_EQ(Query({.since = At("2026-11-30")}), (std::vector<std::uint64_t>{2, 3, 4}));
  EXPECT_EQ(Query({.since = At("2026-11-30"), .until = ParseAuditTime("2026-11-30", true)}),
            (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(Query({.until = At("2026-11-30T09:00:00Z")}), (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(Query({.user = "patil", .since = At("2026-11-30")}), (std::vector<std::uint64_t>{3}));
  EXPECT_EQ(Query({.operation = "export"}), (std::vector<std::uint64_t>{4}));
}

TEST(AuditFormatTest, TableJsonAndCsvCarryTheEntries) {
  RecordList list;
  AuditRecord& r = list.Add("patil", At("2026-11-30T08:15:20.123Z"));
  r.case_ref = "S|0042/2026";
  r.purpose = "investigation";
  r.parameters = {{"query", "name, \"quoted\""}};
  r.subjects = {7, 8};
  r.reason = "line one\nline two";
  AuditRecord& denied = list.Add("khan", At("2026-11-30T09:00:00Z"));
  denied.allowed = false;
  denied.rule = "outside-jurisdiction:hit-only";

  const std::string table = FormatAuditRecords(list.records(), ReportFormat::kTable);
  EXPECT_NE(table.find("seq  time"), std::string::npos) << table;
  EXPECT_NE(table.find("2026-11-30T08:15:20.123Z  patil"), std::string::npos) << table;
  EXPECT_NE(table.find("denied"), std::string::npos);
  EXPECT_NE(table.find("2 entries"), std::string::npos);
  EXPECT_EQ(FormatAuditRecords({}, ReportFormat::kTable), "No audit entry matches.\n");

  const auto json = nlohmann::json::parse(FormatAuditRecords(list.records(), ReportFormat::kJson));
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["user"], "patil");
  EXPECT_EQ(json[0]["case"], "S|0042/2026");
  EXPECT_EQ(json[0]["parameters"]["query"], "name, \"quoted\"");
  EXPECT_EQ(json[0]["subjects"], nlohmann::json({7, 8}));
  EXPECT_EQ(json[1]["allowed"], false);
  EXPECT_EQ(json[1]["rule"], "outside-jurisdiction:hit-only");

  const std::string csv = FormatAuditRecords(list.records(), ReportFormat::kCsv);
  EXPECT_TRUE(csv.starts_with("seq,time,user,role,jurisdiction,session,purpose,case,operation,"))
      << csv;
  // RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
  EXPECT_NE(csv.find(",\"query=name, \"\"quoted\"\"\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"line one\nline two\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",7;8,"), std::string::npos) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\r'), 3);  // header and two rows
}

// --- Anomalies -----------------------------------------------------------------------------

TEST(AuditAnomaliesTest, ManyDistinctSubjectsWithoutOneCommonCase) {
  for (const std::size_t people : {25u, 26u}) {
    RecordList list;
    for (std::size_t i = 0; i < people; ++i) {
      AuditRecord& r = list.Add("patil", At("2026-11-30T01:00:00Z") + minutes(30 * i));
      r.subjects = {1000 + i};
      r.case_ref = i % 2 == 0 ? "S|1/2026" : "S|2/2026";
    }
    const auto found = FindAnomalies(list.records());
    if (people == 25) {
      EXPECT_TRUE(found.empty()) << "25 is not more than 25";
    } else {
      ASSERT_EQ(Rules(found), std::vector<std::string>{"many-subjects"});
      EXPECT_EQ(found[0].user, "patil");
      EXPECT_EQ(found[0].entries.size(), 26u);
      EXPECT_NE(found[0].description.find("26 distinct persons"), std::string::npos)
          << found[0].description;
      EXPECT_NE(found[0].description.find("under 2 cases"), std::string::npos);
    }
  }
}

TEST(AuditAnomaliesTest, ManySubjectsAllForOneCaseOrSpreadOverMoreThanADayAreNotFlagged) {
  RecordList one_case, spread, no_case;
  for (std::size_t i = 0; i < 26; ++i) {
    AuditRecord& same = one_case.Add("patil", At("2026-11-30T01:00:00Z") + minutes(i));
    same.subjects = {1000 + i};
    same.case_ref = "S|1/2026";
    spread.Add("patil", At("2026-11-01T00:00:00Z") + minutes(60 * i)).subjects = {1000 + i};
    no_case.Add("patil", At("2026-11-30T01:00:00Z") + minutes(i)).subjects = {1000 + i};
  }
  EXPECT_TRUE(FindAnomalies(one_case.records()).empty());
  // 26 lookups an hour apart: no 24 h window holds more than 24 of them.
  EXPECT_TRUE(FindAnomalies(spread.records()).empty());
  const auto found = FindAnomalies(no_case.records());
  ASSERT_EQ(Rules(found), std::vector<std::string>{"many-subjects"});
  EXPECT_NE(found[0].description.find("with no case stated"), std::string::npos);
}

TEST(AuditAnomaliesTest, OutsideJurisdictionSearchesAreGroupedPerUser) {
  RecordList list;
  list.Add("patil", At("2026-11-30T08:00:00Z")).rule = "outside-jurisdiction:hit-only";
  list.Add("khan", At("2026-11-30T08:05:00Z")).rule = "in-jurisdiction";
  list.Add("patil", At("2026-11-30T09:00:00Z")).rule = "outside-jurisdiction:granted";
  const auto found = FindAnomalies(list.records());
  ASSERT_EQ(Rules(found), std::vector<std::string>{"outside-jurisdiction"});
  EXPECT_EQ(found[0].user, "patil");
  EXPECT_EQ(found[0].entries, (std::vector<std::uint64_t>{1, 3}));
  EXPECT_NE(found[0].description.find("2 times"), std::string::npos) << found[0].description;
}

TEST(AuditAnomaliesTest, EveryBreakGlassUseIsListedWithItsReason) {
  RecordList list;
  list.Add("patil", At("2026-11-30T08:00:00Z"));
  for (int i = 0; i < 2; ++i) {
    AuditRecord& r = list.Add("khan", At("2026-11-30T08:10:00Z") + minutes(i));
    r.break_glass = true;
    r.rule = "break-glass";
    r.reason = "child missing";
    r.case_ref = "S|9/2026";
  }
  const auto found = FindAnomalies(list.records());
  ASSERT_EQ(Rules(found), (std::vector<std::string>{"break-glass", "break-glass"}));
  EXPECT_EQ(found[0].entries, (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(found[1].entries, (std::vector<std::uint64_t>{3}));
  EXPECT_NE(found[0].description.find("\"child missing\""), std::string::npos);
  EXPECT_NE(found[0].description.find("case S|9/2026"), std::string::npos);
}

TEST(AuditAnomaliesTest, BurstsAtOddHoursInIndianStandardTime) {
  // 23:30 IST is 18:00 UTC. Ten accesses within the hour at night, nine, and ten by day.
  for (const std::size_t count : {9u, 10u}) {
    RecordList list;
    for (std::size_t i = 0; i < count; ++i) {
      list.Add("patil", At("2026-11-30T18:00:00Z") + minutes(5 * i));
    }
    const auto found = FindAnomalies(list.records());
    if (count == 9) {
      EXPECT_TRUE(found.empty());
    } else {
      ASSERT_EQ(Rules(found), std::vector<std::string>{"odd-hours-burst"});
      EXPECT_EQ(found[0].entries.size(), 10u);
      EXPECT_NE(found[0].description.find("between 23:30 and 00:15 local time (UTC+05:30)"),
                std::string::npos)
          << found[0].description;
    }
  }
  RecordList by_day;  // 10:00 IST
  for (std::size_t i = 0; i < 12; ++i) by_day.Add("patil", At("2026-11-30T04:30:00Z") + minutes(i));
  EXPECT_TRUE(FindAnomalies(by_day.records()).empty());
  // The same daytime burst counts as night where the options say so.
  AnomalyOptions options;
  options.utc_offset = minutes(-6 * 60);  // 04:30 UTC is 22:30 local
  EXPECT_EQ(Rules(FindAnomalies(by_day.records(), options)),
            std::vector<std::string>{"odd-hours-burst"});
}

TEST(AuditAnomaliesTest, RepeatedDenialsWithinAnHour) {
  for (const std::size_t count : {4u, 5u}) {
    RecordList list;
    for (std::size_t i = 0; i < count; ++i) {
      AuditRecord& r = list.Add("khan", At("2026-11-30T08:00:00Z") + minutes(10 * i));
      r.allowed = false;
      r.rule = "role:auditor-no-case-data";
    }
    const auto found = FindAnomalies(list.records());
    if (count == 4) {
      EXPECT_TRUE(found.empty());
    } else {
      ASSERT_EQ(Rules(found), std::vector<std::string>{"repeated-denials"});
      EXPECT_EQ(found[0].entries, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
      EXPECT_NE(found[0].description.find("denied access 5 times"), std::string::npos);
    }
  }
  // Five denials spread over more than an hour are not a burst.
  RecordList spread;
  for (std::size_t i = 0; i < 5; ++i) {
    spread.Add("khan", At("2026-11-30T08:00:00Z") + minutes(15 * i)).allowed = false;
  }
  EXPECT_TRUE(FindAnomalies(spread.records()).empty());
}

TEST(AuditAnomaliesTest, FindingsPrintAsTableJsonAndCsv) {
  RecordList list;
  AuditRecord& r = list.Add("khan", At("2026-11-30T08:10:00Z"));
  r.break_glass = true;
  r.reason = "danger, \"now\"";
  const auto found = FindAnomalies(list.records());
  const std::string table = FormatAnomalies(found, ReportFormat::kTable);
  EXPECT_NE(table.find("break-glass  khan"), std::string::npos) << table;
  EXPECT_EQ(FormatAnomalies({}, ReportFormat::kTable), "No anomaly found.\n");
  const auto json = nlohmann::json::parse(FormatAnomalies(found, ReportFormat::kJson));
  EXPECT_EQ(json[0]["rule"], "break-glass");
  EXPECT_EQ(json[0]["entries"], nlohmann::json({1}));
  const std::string csv = FormatAnomalies(found, ReportFormat::kCsv);
  EXPECT_TRUE(csv.starts_with("rule,user,entries,first_time,description\r\nbreak-glass,khan,1,"))
      << csv;
  EXPECT_NE(csv.find(R"(""danger, ""now"")"), std::string::npos) << csv;
}

}  // namespace
}  // namespace sutra::engine::policy
