#include "ingest/person_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "ingest/csv_reader.h"

namespace sutra::ingest {
namespace {

using F = PersonField;

struct Read {
  std::vector<PersonFileRecord> records;
  std::vector<std::string> errors;
};

Read ReadText(std::string_view text, const PersonFileSpec& spec) {
  Read out;
  Status s = ReadPersonText(text, "people.csv", spec, [&](StatusOr<PersonFileRecord> r) {
    if (r.ok()) {
      out.records.push_back(std::move(r).value());
    } else {
      out.errors.push_back(r.status().message());
    }
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

PersonFileSpec Febrl() { return *PersonFilePreset("febrl"); }

TEST(PersonFile, ReadsFebrlCommaSpaceFiles) {
  Read r = ReadText(
      "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, "
      "state, date_of_birth, soc_sec_id\n"
      "rec-223-org, , waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209, "
      "6988048\n"
      "rec-223-dup-3, lachlan, walter, , tullaroop st, , st james, 4011, wa, 1908l209, 6988048",
      Febrl());
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.records.size(), 2u);
  const PersonFileRecord& org = r.records[0];
  EXPECT_EQ(org.id, "rec-223-org");
  EXPECT_EQ(org.truth, "223");
  EXPECT_EQ(org.line, 2u);
  EXPECT_FALSE(org.fields.contains(F::kGivenName));  // empty values are absent
  EXPECT_EQ(org.fields.at(F::kSurname), "waller");
  EXPECT_EQ(org.fields.at(F::kAddress), "6 tullaroop street willaroo");
  EXPECT_EQ(org.fields.at(F::kCity), "st james");
  EXPECT_EQ(org.fields.at(F::kDob), "19081209");
  const PersonFileRecord& dup = r.records[1];
  EXPECT_EQ(dup.truth, "223");
  EXPECT_EQ(dup.fields.at(F::kAddress), "tullaroop st");
  EXPECT_EQ(dup.fields.at(F::kDob), "1908l209");  // kept as written, malformed on purpose
}

TEST(PersonFile, ReadsQuotedCsvWithATruthColumn) {
  Read r = ReadText(
      "unique_id,first_name,surname,dob,city,email,cluster\r\n"
      "0,Robert,Alan,1971-06-24,,robert255@smith.net,0\r\n"
      "1,\"Robert, Jr\",\"O\"\"Neil\",1971-05-24,London,,0\r\n"
      "2,Grace,,,,,1\r\n",
      *PersonFilePreset("splink"));
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1].fields.at(F::kGivenName), "Robert, Jr");
  EXPECT_EQ(r.records[1].fields.at(F::kSurname), "O\"Neil");
  EXPECT_EQ(r.records[1].truth, "0");
  EXPECT_EQ(r.records[2].truth, "1");
  EXPECT_EQ(r.records[2].fields.size(), 1u);
}

TEST(PersonFile, ParsesMappings) {
  auto spec = ParseFieldMappings(
      "id", {"given_name=first", " surname = last ", "address=a1", "address=a2"}, "febrl:id");
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  EXPECT_EQ(spec->fields.size(), 4u);
  EXPECT_EQ(spec->fields[1], (std::pair<PersonField, std::string>{F::kSurname, "last"}));
  EXPECT_EQ(spec->truth, TruthSource::kFebrlId);
  EXPECT_EQ(spec->truth_column, "id");
  auto with_column = ParseFieldMappings("id", {}, "cluster");
  ASSERT_TRUE(with_column.ok());
  EXPECT_EQ(with_column->truth, TruthSource::kColumn);

  auto unknown = ParseFieldMappings("id", {"forename=first"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown role 'forename'; the roles are given_name"),
            std::string::npos)
      << unknown.status().message();
  EXPECT_FALSE(ParseFieldMappings("id", {"given_name"}).ok());
  EXPECT_FALSE(ParseFieldMappings("id", {"given_name="}).ok());
  EXPECT_FALSE(ParseFieldMappings("", {}).ok());
  EXPECT_FALSE(ParseFieldMappings("id", {}, "febrl:").ok());
  for (int i = 0; i <= static_cast<int>(F::kIdNumber); ++i) {
    auto field = static_cast<F>(i);
    EXPECT_EQ(ParsePersonField(PersonFieldName(field)), field);
  }
}

TEST(PersonFile, HeaderProblemsNameTheColumn) {
  auto spec = ParseFieldMappings("id", {"given_name=first", "surname=last"}).value();
  auto fail = [&](std::string_view text) {
    Status s = ReadPersonText(text, "people.csv", spec, [](StatusOr<PersonFileRecord>) {});
    EXPECT_FALSE(s.ok());
    return s.message();
  };
  EXPECT_EQ(fail("id,first,surname\n1,a,b\n"),
            "people.csv:1: column 'last' (surname) is not in the header; the header has: id, "
            "first, surname");
  EXPECT_EQ(fail("ident,first,last\n"),
            "people.csv:1: column 'id' (the id) is not in the header; the header has: ident, "
            "first, last");
  EXPECT_EQ(fail("id,first,last,first\n"),
            "people.csv:1: column 'first' (given_name) appears twice in the header");
  EXPECT_EQ(fail(""), "people.csv:1: no readable header row");
  auto truth = ParseFieldMappings("id", {}, "cluster").value();
  Status s = ReadPersonText("id,x\n", "p.csv", truth, [](StatusOr<PersonFileRecord>) {});
  EXPECT_EQ(s.message(),
            "p.csv:1: column 'cluster' (the truth) is not in the header; the header "
            "has: id, x");
}

TEST(PersonFile, BadRowsAreReportedByLineAndReadingGoesOn) {
  Read r = ReadText(
      "rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,"
      "date_of_birth,soc_sec_id\n"
      "rec-1-org,a,b,,,,,,,,\n"
      "rec-1-org,a,b,,,,,,,,\n"       // repeated id
      "rec-2-org,a,b\n"               // too few fields
      ",a,b,,,,,,,,\n"                // empty id
      "person-3,a,b,,,,,,,,\n"        // not a FEBRL id
      "rec-4-org,\xff,b,,,,,,,,\n"    // invalid UTF-8
      "rec-5-dup-x,a,b,,,,,,,,\n"     // not a FEBRL id
      "rec-6-org,\"a\"x,b,,,,,,,,\n"  // text after a closing quote
      "rec-7-dup-0,a,b,,,,,,,,\n",
      Febrl());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].id, "rec-7-dup-0");
  EXPECT_EQ(r.records[1].line, 10u);
  ASSERT_EQ(r.errors.size(), 7u);
  EXPECT_EQ(r.errors[0],
            "people.csv:3: column 'rec_id' (the id): 'rec-1-org' is already the id of line 2");
  EXPECT_EQ(r.errors[1], "people.csv:4: 3 fields where the header has 11");
  EXPECT_EQ(r.errors[2], "people.csv:5: column 'rec_id' (the id) is empty");
  EXPECT_EQ(r.errors[3],
            "people.csv:6: column 'rec_id' (the truth): 'person-3' is not a FEBRL id (rec-N-org or "
            "rec-N-dup-K)");
  EXPECT_EQ(
      r.errors[4],
      "people.csv:7: column 'given_name' (given_name) is not valid UTF-8 (re-save the file as "
      "UTF-8)");
  EXPECT_TRUE(r.errors[5].starts_with("people.csv:8: column 'rec_id' (the truth)")) << r.errors[5];
  EXPECT_TRUE(r.errors[6].starts_with("people.csv:9: text after a closing quote")) << r.errors[6];
}

// The shared benchmark data (../shared/datasets, outside the repository).
class SharedDatasets : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::is_directory(dir_)) {
      GTEST_SKIP() << "../shared/datasets not present: " << dir_;
    }
  }
  // Records of a file, with no row rejected.
  std::vector<PersonFileRecord> Load(const std::string& file, const PersonFileSpec& spec) {
    StatusOr<PersonFile> loaded = LoadPersonFile(dir_ / file, spec);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    if (!loaded.ok()) return {};
    EXPECT_TRUE(loaded->rejected.empty()) << loaded->rejected[0];
    return std::move(loaded->records);
  }
  std::filesystem::path dir_ = SUTRA_SHARED_DATASETS;
};

struct Truth {
  std::size_t entities = 0;
  std::size_t true_pairs = 0;  // record pairs of the same entity
};

Truth Summarise(const std::vector<PersonFileRecord>& records) {
  std::map<std::string, std::size_t> sizes;
  for (const auto& r : records) ++sizes[r.truth];
  Truth t{sizes.size(), 0};
  for (const auto& [entity, n] : sizes) t.true_pairs += n * (n - 1) / 2;
  return t;
}

TEST_F(SharedDatasets, FebrlDeduplicationFilesMatchTheirDocumentedTruth) {
  struct Expected {
    std::string file;
    std::size_t records, entities, pairs;
  };
  for (const Expected& e : {Expected{"febrl/dataset1.csv", 1000, 500, 500},
                            Expected{"febrl/dataset2.csv", 5000, 4000, 1934},
                            Expected{"febrl/dataset3.csv", 5000, 2000, 6538}}) {
    SCOPED_TRACE(e.file);
    auto records = Load(e.file, Febrl());
    EXPECT_EQ(records.size(), e.records);
    Truth t = Summarise(records);
    EXPECT_EQ(t.entities, e.entities);
    EXPECT_EQ(t.true_pairs, e.pairs);
    for (const auto& r : records) {
      for (const auto& [field, value] : r.fields) {
        ASSERT_FALSE(value.starts_with(' ') || value.ends_with(' ')) << r.id;  // trimmed
      }
    }
  }
}

TEST_F(SharedDatasets, FebrlLinkageFilesHoldTheSameEntities) {
  auto a = Load("febrl/dataset4a.csv", Febrl());
  auto b = Load("febrl/dataset4b.csv", Febrl());
  ASSERT_EQ(a.size(), 5000u);  // the last line has no newline
  ASSERT_EQ(b.size(), 5000u);
  std::set<std::string> in_a, in_b;
  for (const auto& r : a) {
    EXPECT_TRUE(r.id.ends_with("-org")) << r.id;
    in_a.insert(r.truth);
  }
  for (const auto& r : b) {
    EXPECT_TRUE(r.id.ends_with("-dup-0")) << r.id;
    in_b.insert(r.truth);
  }
  EXPECT_EQ(in_a.size(), 5000u);
  EXPECT_EQ(in_a, in_b);  // 5,000 true links
}

TEST_F(SharedDatasets, SplinkFake1000ClustersAgreeWithTheClericalLabels) {
  auto records = Load("splink_fake_1000/fake_1000.csv", *PersonFilePreset("splink"));
  ASSERT_EQ(records.size(), 1000u);
  Truth t = Summarise(records);
  EXPECT_EQ(t.entities, 251u);
  EXPECT_EQ(t.true_pairs, 2031u);
  EXPECT_EQ(records[2].fields.at(F::kCity), "London");
  EXPECT_EQ(records[2].fields.at(F::kGivenName), "Rob");

  std::map<std::string, std::string> cluster;
  for (const auto& r : records) cluster[r.id] = r.truth;
  std::ifstream in(dir_ / "splink_fake_1000/fake_1000_labels.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string labels = text.str();
  CsvReader reader(labels);
  ASSERT_TRUE(reader.Next());  // header: unique_id_l, .., unique_id_r, .., clerical_match_score
  std::size_t matches = 0, rows = 0;
  while (auto row = reader.Next()) {
    ASSERT_EQ(row->fields.size(), 5u);
    ++rows;
    bool same = cluster.at(row->fields[0]) == cluster.at(row->fields[2]);
    EXPECT_EQ(same, row->fields[4] == "1.0") << "line " << row->line;
    matches += same;
  }
  EXPECT_EQ(rows, 3176u);
  EXPECT_EQ(matches, 2031u);
}

TEST(PersonFile, MissingFileIsNotFound) {
  auto loaded = LoadPersonFile("/nonexistent/people.csv", Febrl());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sutra::ingest
