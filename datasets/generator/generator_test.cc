// Tests of `sutra gen`: determinism, referential integrity of the CSV bundle, ground truth,
// repeat offenders written differently, JSONL agreeing with CSV, and the committed gen100
// samples.
#include "datasets/generator/generator.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "datasets/generator/devanagari.h"
#include "datasets/generator/output_file.h"
#include "datasets/generator/spelling_variants.h"

namespace sutra::gen {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A CSV file as rows of fields by column name (RFC 4180 quoting).
struct Csv {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

Csv ParseCsv(const std::string& text) {
  Csv csv;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  auto end_row = [&] {
    fields.push_back(field);
    field.clear();
    if (csv.header.empty()) {
      csv.header = fields;
    } else {
      EXPECT_EQ(fields.size(), csv.header.size()) << "row " << csv.rows.size() + 2;
      std::map<std::string, std::string> row;
      for (std::size_t i = 0; i < fields.size() && i < csv.header.size(); ++i) {
        row[csv.header[i]] = fields[i];
      }
      csv.rows.push_back(std::move(row));
    }
    fields.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else if (c == '\n') {
      end_row();
    } else {
      field += c;
    }
  }
  return csv;
}

Csv ReadCsv(const fs::path& path) { return ParseCsv(ReadFile(path)); }

class GeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("sutra-gen-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path Run(const GeneratorOptions& options, OutputFormat format, const std::string& name) {
    const fs::path dir = root_ / name;
    auto summary = Generate(options, format, dir);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return dir;
  }

  static GeneratorOptions Options(std::uint64_t firs, std::uint64_t seed) {
    GeneratorOptions o;
    o.firs = firs;
    o.seed = seed;
    return o;
  }

  fs::path root_;
};

void ExpectSameFiles(const fs::path& a, const fs::path& b, const std::string& hint) {
  std::set<std::string> names_a, names_b;
  for (const auto& e : fs::directory_iterator(a)) names_a.insert(e.path().filename().string());
  for (const auto& e : fs::directory_iterator(b)) names_b.insert(e.path().filename().string());
  ASSERT_EQ(names_a, names_b) << hint;
  for (const std::string& name : names_a) {
    EXPECT_TRUE(ReadFile(a / name) == ReadFile(b / name)) << name << " differs. " << hint;
  }
}

TEST_F(GeneratorTest, SameSeedGivesIdenticalBytes) {
  for (OutputFormat format : {OutputFormat::kCsv, OutputFormat::kJsonl}) {
    const fs::path a = Run(Options(400, 7), format, "a");
    const fs::path b = Run(Options(400, 7), format, "b");
    ExpectSameFiles(a, b, "the generator is not deterministic");
    fs::remove_all(a);
    fs::remove_all(b);
  }
}

TEST_F(GeneratorTest, DifferentSeedGivesDifferentData) {
  const fs::path a = Run(Options(200, 1), OutputFormat::kCsv, "a");
  const fs::path b = Run(Options(200, 2), OutputFormat::kCsv, "b");
  EXPECT_NE(ReadFile(a / "persons.csv"), ReadFile(b / "persons.csv"));
  EXPECT_NE(ReadFile(a / "cases.csv"), ReadFile(b / "cases.csv"));
}

TEST_F(GeneratorTest, CommittedGen100SamplesAreReproduced) {
  const std::string hint =
      "datasets/gen100 no longer matches the generator. If the change to the generator is "
      "intended, regenerate the samples: `build/bin/sutra gen --firs 100 --seed 1 --out "
      "datasets/gen100/csv` and `build/bin/sutra gen --firs 100 --seed 1 --format jsonl --out "
      "datasets/gen100/jsonl`, and commit them with the change.";
  ExpectSameFiles(Run(Options(100, 1), OutputFormat::kCsv, "csv"),
                  fs::path(SUTRA_GEN100_DIR) / "csv", hint);
  ExpectSameFiles(Run(Options(100, 1), OutputFormat::kJsonl, "jsonl"),
                  fs::path(SUTRA_GEN100_DIR) / "jsonl", hint);
}

TEST_F(GeneratorTest, CsvBundleHasTheDocumentedColumns) {
  const fs::path dir = Run(Options(100, 3), OutputFormat::kCsv, "csv");
  const std::map<std::string, std::vector<std::string>> expected = {
      {"stations.csv",
       {"station_code", "name", "district", "state", "district_code", "state_code"}},
      {"locations.csv", {"location_id", "address", "district", "state", "latitude", "longitude"}},
      {"cases.csv",
       {"station_code", "fir_number", "registered_on", "acts_sections", "status", "modus_operandi",
        "location_id"}},
      {"persons.csv",
       {"record_id", "station_code", "fir_number", "roles", "name", "alias", "relative_name",
        "relation", "gender", "age", "birth_year", "dob", "address_location_id", "phone", "flags"}},
      {"vehicles.csv",
       {"registration", "make", "model", "colour", "station_code", "fir_number", "link",
        "owner_record_id"}},
      {"calls.csv", {"caller", "callee", "started_at", "duration_s", "station_code", "fir_number"}},
      {"truth.csv", {"record_id", "person_id", "gang_id"}},
  };
  for (const auto& [file, columns] : expected) {
    EXPECT_EQ(ReadCsv(dir / file).header, columns) << file;
  }
}

TEST_F(GeneratorTest, EveryReferenceInTheCsvBundleResolves) {
  const fs::path dir = Run(Options(1000, 11), OutputFormat::kCsv, "csv");
  const Csv stations = ReadCsv(dir / "stations.csv");
  const Csv locations = ReadCsv(dir / "locations.csv");
  const Csv cases = ReadCsv(dir / "cases.csv");
  const Csv persons = ReadCsv(dir / "persons.csv");
  const Csv vehicles = ReadCsv(dir / "vehicles.csv");
  const Csv calls = ReadCsv(dir / "calls.csv");
  ASSERT_EQ(cases.rows.size(), 1000u);

  std::set<std::string> station_codes, location_ids;
  for (const auto& s : stations.rows) {
    EXPECT_TRUE(station_codes.insert(s.at("station_code")).second) << s.at("station_code");
    EXPECT_TRUE(s.at("station_code").starts_with(s.at("district_code") + "-"));
    EXPECT_TRUE(s.at("district_code").starts_with(s.at("state_code") + "-"));
  }
  for (const auto& l : locations.rows) {
    EXPECT_TRUE(location_ids.insert(l.at("location_id")).second) << l.at("location_id");
    EXPECT_EQ(l.at("latitude").empty(), l.at("longitude").empty());
  }
  const std::regex fir_number(R"(\d{4}/20\d\d)");
  std::set<std::pair<std::string, std::string>> firs;
  for (const auto& c : cases.rows) {
    EXPECT_TRUE(station_codes.contains(c.at("station_code")));
    EXPECT_TRUE(firs.insert({c.at("station_code"), c.at("fir_number")}).second)
        << c.at("fir_number") << " of " << c.at("station_code") << " is not unique";
    EXPECT_TRUE(std::regex_match(c.at("fir_number"), fir_number));
    EXPECT_EQ(c.at("fir_number").substr(5), c.at("registered_on").substr(0, 4));
    if (!c.at("location_id").empty()) {
      EXPECT_TRUE(location_ids.contains(c.at("location_id")));
    }
  }
  std::set<std::string> mentioned;
  for (const auto& c : cases.rows) mentioned.insert(c.at("location_id"));
  std::map<std::string, std::pair<std::string, std::string>> record_fir;
  for (const auto& p : persons.rows) {
    mentioned.insert(p.at("address_location_id"));
    const std::pair fir{p.at("station_code"), p.at("fir_number")};
    EXPECT_TRUE(firs.contains(fir)) << p.at("record_id");
    EXPECT_TRUE(record_fir.emplace(p.at("record_id"), fir).second) << p.at("record_id");
    const std::string& home = p.at("address_location_id");
    if (!home.empty()) {
      EXPECT_TRUE(location_ids.contains(home)) << p.at("record_id");
    }
    EXPECT_FALSE(p.at("name").empty());
    EXPECT_EQ(p.at("relative_name").empty(), p.at("relation").empty()) << p.at("record_id");
  }
  for (const auto& v : vehicles.rows) {
    const std::pair fir{v.at("station_code"), v.at("fir_number")};
    EXPECT_TRUE(firs.contains(fir));
    if (!v.at("owner_record_id").empty()) {
      ASSERT_TRUE(record_fir.contains(v.at("owner_record_id")));
      EXPECT_EQ(record_fir.at(v.at("owner_record_id")), fir) << "owner in another FIR";
    }
  }
  for (const auto& c : calls.rows) {
    EXPECT_TRUE(firs.contains({c.at("station_code"), c.at("fir_number")}));
  }
  for (const std::string& id : location_ids) {
    EXPECT_TRUE(mentioned.contains(id)) << id << " is listed but no FIR mentions it";
  }
  EXPECT_FALSE(vehicles.rows.empty());
  EXPECT_FALSE(calls.rows.empty());
}

// The value formats the loader accepts (ingest/bundle_rows.cc).
TEST_F(GeneratorTest, ValuesHaveLoadableFormats) {
  const fs::path dir = Run(Options(600, 5), OutputFormat::kCsv, "csv");
  const std::regex phone(R"((\+91[- ]?|91|0)?[6-9]\d{4} ?\d{5})");
  const std::regex date(R"(20[12]\d-[01]\d-[0-3]\d)");
  const std::regex dob(R"(\d{4}(-[01]\d(-[0-3]\d)?)?)");
  const std::regex roles(
      R"((complainant|victim|accused|arrested|witness)(;(complainant|victim|accused|arrested|witness))*)");
  const std::regex registration(R"([A-Za-z]{2}[ -.]?\d{2}[ -.]?[A-Za-z]{2}[ -.]?\d{4})");
  const std::set<std::string> statuses = {"under_investigation", "charge_sheeted", "convicted",
                                          "acquitted",           "discharged",     "closed"};
  const int bns_day = 20240701;
  for (const auto& c : ReadCsv(dir / "cases.csv").rows) {
    EXPECT_TRUE(std::regex_match(c.at("registered_on"), date));
    EXPECT_TRUE(statuses.contains(c.at("status"))) << c.at("status");
    const std::string& on = c.at("registered_on");
    const int day = std::stoi(on.substr(0, 4) + on.substr(5, 2) + on.substr(8, 2));
    const std::string& sections = c.at("acts_sections");
    EXPECT_FALSE(sections.empty());
    if (day >= bns_day) {
      EXPECT_EQ(sections.find("IPC "), std::string::npos) << on << " " << sections;
    } else {
      EXPECT_EQ(sections.find("BNS "), std::string::npos) << on << " " << sections;
    }
  }
  for (const auto& p : ReadCsv(dir / "persons.csv").rows) {
    EXPECT_TRUE(std::regex_match(p.at("roles"), roles)) << p.at("roles");
    if (!p.at("phone").empty()) {
      EXPECT_TRUE(std::regex_match(p.at("phone"), phone)) << p.at("phone");
    }
    if (!p.at("dob").empty()) {
      EXPECT_TRUE(std::regex_match(p.at("dob"), dob)) << p.at("dob");
    }
    if (!p.at("age").empty()) {
      const int age = std::stoi(p.at("age"));
      EXPECT_TRUE(age >= 0 && age <= 120);
    }
    if (!p.at("birth_year").empty()) {
      EXPECT_EQ(p.at("birth_year").size(), 4u);
    }
    const std::string& g = p.at("gender");
    EXPECT_TRUE(g.empty() || g == "M" || g == "F" || g == "T") << g;
  }
  for (const auto& v : ReadCsv(dir / "vehicles.csv").rows) {
    EXPECT_TRUE(std::regex_match(v.at("registration"), registration)) << v.at("registration");
    EXPECT_TRUE(v.at("link") == "seized" || v.at("link") == "used");
  }
  const std::regex time(R"(20[12]\d-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d)");
  for (const auto& c : ReadCsv(dir / "calls.csv").rows) {
    EXPECT_TRUE(std::regex_match(c.at("started_at"), time)) << c.at("started_at");
    EXPECT_TRUE(std::regex_match(c.at("caller"), phone)) << c.at("caller");
    EXPECT_TRUE(std::regex_match(c.at("callee"), phone)) << c.at("callee");
  }
}

TEST_F(GeneratorTest, TruthCoversEveryRecordOnce) {
  const fs::path dir = Run(Options(800, 4), OutputFormat::kCsv, "csv");
  const Csv persons = ReadCsv(dir / "persons.csv");
  const Csv truth = ReadCsv(dir / "truth.csv");
  const std::regex person_id(R"(P\d{7})");
  std::map<std::string, int> seen;
  for (const auto& t : truth.rows) {
    ++seen[t.at("record_id")];
    EXPECT_TRUE(std::regex_match(t.at("person_id"), person_id));
  }
  ASSERT_EQ(truth.rows.size(), persons.rows.size());
  for (const auto& p : persons.rows) EXPECT_EQ(seen[p.at("record_id")], 1) << p.at("record_id");
}

TEST_F(GeneratorTest, RepeatOffendersAppearInSeveralFirsWrittenDifferently) {
  const fs::path dir = Run(Options(2000, 9), OutputFormat::kCsv, "csv");
  const Csv persons = ReadCsv(dir / "persons.csv");
  const Csv truth = ReadCsv(dir / "truth.csv");
  std::map<std::string, std::string> person_of, gang_of;
  for (const auto& t : truth.rows) {
    person_of[t.at("record_id")] = t.at("person_id");
    gang_of[t.at("record_id")] = t.at("gang_id");
  }
  struct Seen {
    std::set<std::string> firs, spellings, stations;
    int records = 0;
    bool accused = false;
    std::string gang;
  };
  std::map<std::string, Seen> by_person;
  for (const auto& p : persons.rows) {
    Seen& s = by_person[person_of.at(p.at("record_id"))];
    ++s.records;
    s.firs.insert(p.at("station_code") + " " + p.at("fir_number"));
    s.stations.insert(p.at("station_code"));
    s.spellings.insert(p.at("name") + "|" + p.at("alias") + "|" + p.at("relative_name"));
    s.accused = s.accused || p.at("roles").find("accused") != std::string::npos;
    s.gang = gang_of.at(p.at("record_id"));
  }
  int repeaters = 0, gang_members = 0, across_stations = 0;
  std::set<std::string> gangs;
  for (const auto& [person, s] : by_person) {
    if (!s.gang.empty()) {
      ++gang_members;
      gangs.insert(s.gang);
      EXPECT_GE(s.records, 2) << person << " of gang " << s.gang;
    }
    if (!s.accused || s.records < 2) continue;
    ++repeaters;
    across_stations += s.stations.size() > 1;
    EXPECT_EQ(s.firs.size(), static_cast<std::size_t>(s.records))
        << person << " appears twice in one FIR";
    EXPECT_EQ(s.spellings.size(), static_cast<std::size_t>(s.records))
        << person << " is written the same way twice";
  }
  EXPECT_GT(repeaters, 50);
  EXPECT_GE(gangs.size(), 3u);
  EXPECT_GT(across_stations, repeaters / 3);
}

TEST_F(GeneratorTest, DifferentPeopleShareCommonNames) {
  const fs::path dir = Run(Options(2000, 12), OutputFormat::kCsv, "csv");
  const Csv persons = ReadCsv(dir / "persons.csv");
  const Csv truth = ReadCsv(dir / "truth.csv");
  std::map<std::string, std::set<std::string>> people_by_name;
  for (std::size_t i = 0; i < persons.rows.size(); ++i) {
    people_by_name[persons.rows[i].at("name")].insert(truth.rows[i].at("person_id"));
  }
  std::size_t most = 0;
  for (const auto& [name, people] : people_by_name) most = std::max(most, people.size());
  EXPECT_GE(most, 5u) << "no name is shared by five different people";
}

TEST_F(GeneratorTest, JsonlAgreesWithCsv) {
  const fs::path csv_dir = Run(Options(500, 21), OutputFormat::kCsv, "csv");
  const fs::path jsonl_dir = Run(Options(500, 21), OutputFormat::kJsonl, "jsonl");
  EXPECT_EQ(ReadFile(csv_dir / "truth.csv"), ReadFile(jsonl_dir / "truth.csv"));
  const Csv cases = ReadCsv(csv_dir / "cases.csv");
  const Csv persons = ReadCsv(csv_dir / "persons.csv");
  std::map<std::string, const std::map<std::string, std::string>*> person_by_id;
  for (const auto& p : persons.rows) person_by_id[p.at("record_id")] = &p;
  std::set<std::string> csv_locations, jsonl_locations;
  for (const auto& l : ReadCsv(csv_dir / "locations.csv").rows) {
    csv_locations.insert(l.at("location_id") + "|" + l.at("address") + "|" + l.at("latitude"));
  }
  auto note_location = [&](const nlohmann::json& l) {
    if (l.is_null()) return;
    const std::string latitude =
        l["latitude"].is_null() ? "" : fmt::format("{:.4f}", l["latitude"].get<double>());
    jsonl_locations.insert(l["location_id"].get<std::string>() + "|" +
                           l["address"].get<std::string>() + "|" + latitude);
  };
  const std::size_t vehicle_rows = ReadCsv(csv_dir / "vehicles.csv").rows.size();
  const std::size_t call_rows = ReadCsv(csv_dir / "calls.csv").rows.size();

  std::ifstream in(jsonl_dir / "firs.jsonl");
  std::string line;
  std::size_t firs = 0, records = 0, vehicles = 0, calls = 0;
  auto text = [](const nlohmann::json& v) {
    return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump();
  };
  while (std::getline(in, line)) {
    const nlohmann::json fir = nlohmann::json::parse(line);  // throws (fails) on bad JSON
    ASSERT_LT(firs, cases.rows.size());
    const auto& c = cases.rows[firs++];
    EXPECT_EQ(fir["station"]["station_code"], c.at("station_code"));
    EXPECT_EQ(fir["fir_number"], c.at("fir_number"));
    EXPECT_EQ(fir["registered_on"], c.at("registered_on"));
    EXPECT_EQ(fir["status"], c.at("status"));
    EXPECT_EQ(text(fir["modus_operandi"]), c.at("modus_operandi"));
    std::string sections;
    for (const auto& s : fir["acts_sections"])
      sections += (sections.empty() ? "" : ";") + s.get<std::string>();
    EXPECT_EQ(sections, c.at("acts_sections"));
    EXPECT_EQ(fir["location"].is_null() ? "" : text(fir["location"]["location_id"]),
              c.at("location_id"));
    note_location(fir["location"]);
    for (const auto& p : fir["persons"]) {
      ++records;
      ASSERT_TRUE(person_by_id.contains(p["record_id"])) << p["record_id"];
      const auto& row = *person_by_id.at(p["record_id"]);
      EXPECT_EQ(row.at("station_code"), c.at("station_code"));
      EXPECT_EQ(text(p["name"]), row.at("name"));
      EXPECT_EQ(text(p["alias"]), row.at("alias"));
      EXPECT_EQ(text(p["relative_name"]), row.at("relative_name"));
      EXPECT_EQ(text(p["gender"]), row.at("gender"));
      EXPECT_EQ(text(p["age"]), row.at("age"));
      EXPECT_EQ(text(p["birth_year"]), row.at("birth_year"));
      EXPECT_EQ(text(p["dob"]), row.at("dob"));
      EXPECT_EQ(text(p["phone"]), row.at("phone"));
      EXPECT_EQ(p["address"].is_null() ? "" : text(p["address"]["location_id"]),
                row.at("address_location_id"));
      note_location(p["address"]);
      std::string roles;
      for (const auto& r : p["roles"]) roles += (roles.empty() ? "" : ";") + r.get<std::string>();
      EXPECT_EQ(roles, row.at("roles"));
    }
    vehicles += fir["vehicles"].size();
    calls += fir["calls"].size();
  }
  EXPECT_EQ(firs, cases.rows.size());
  EXPECT_EQ(records, persons.rows.size());
  EXPECT_EQ(vehicles, vehicle_rows);
  EXPECT_EQ(calls, call_rows);
  EXPECT_EQ(jsonl_locations, csv_locations) << "the two formats describe different places";
}

TEST_F(GeneratorTest, StationsScaleWithFirs) {
  auto count_rows = [](const fs::path& file) { return ReadCsv(file).rows.size(); };
  EXPECT_EQ(count_rows(Run(Options(100, 1), OutputFormat::kCsv, "small") / "stations.csv"), 8u);
  EXPECT_EQ(count_rows(Run(Options(4000, 1), OutputFormat::kCsv, "large") / "stations.csv"), 20u);
}

TEST_F(GeneratorTest, BadOptionsAreRefusedByName) {
  GeneratorOptions o = Options(0, 1);
  EXPECT_NE(Validate(o).message().find("--firs"), std::string::npos);
  o = Options(10, 1);
  o.spelling.typo = 1.5;
  EXPECT_NE(Validate(o).message().find("--typo-rate"), std::string::npos);
  o = Options(10, 1);
  o.min_appearances = 1;
  EXPECT_NE(Validate(o).message().find("--min-appearances"), std::string::npos);
}

TEST(TextEscaping, CsvFieldsAreQuotedOnlyWhenNeeded) {
  std::string out;
  AppendCsvField(out, "plain");
  out += '|';
  AppendCsvField(out, "FC Road, Pune");
  out += '|';
  AppendCsvField(out, "the \"Pulsar\"");
  EXPECT_EQ(out, "plain|\"FC Road, Pune\"|\"the \"\"Pulsar\"\"\"");
}

TEST(TextEscaping, JsonStringsEscapeQuotesBackslashesAndControls) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\nd\x01 राजेश");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001 राजेश\"");
}

TEST(Devanagari, CommonNamesAndRules) {
  EXPECT_EQ(ToDevanagari("Rajesh Kumar", false), "राजेश कुमार");
  EXPECT_EQ(ToDevanagari("Sanjay", false), "संजय");
  EXPECT_EQ(ToDevanagari("Bhupendra", false), "भुपेंद्र");
  EXPECT_EQ(ToDevanagari("Kavita", true), "कविता");
}

TEST(SpellingVariants, MohammadHasManySpellings) {
  Rng rng(1);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) seen.insert(std::string(AlternativeSpelling("Mohammad", rng)));
  EXPECT_GE(seen.size(), 6u);
  EXPECT_FALSE(seen.contains("Mohammad"));
}

TEST(SpellingVariants, TransliterationAndTyposChangeTheWord) {
  Rng rng(2);
  for (std::string_view word : {"Vikas", "Dharmendra", "Santosh", "Geeta"}) {
    std::string w(word);
    EXPECT_TRUE(Transliterate(w, false, rng)) << word;
    EXPECT_NE(w, word);
    std::string t(word);
    EXPECT_TRUE(MakeTypo(t, rng));
    EXPECT_NE(t, word);
    EXPECT_EQ(t[0], word[0]);
  }
}

}  // namespace
}  // namespace sutra::gen
