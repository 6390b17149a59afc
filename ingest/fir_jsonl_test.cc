#include "ingest/fir_jsonl.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace sutra::ingest {
namespace {

// One good FIR document; tests spoil one part of it at a time.
const std::string kGood =
    R"({"station":{"station_code":"MH-PUN-0012","name":"Shivajinagar PS","district":"Pune",)"
    R"("state":"Maharashtra","district_code":"MH-PUN","state_code":"MH"},"fir_number":"0145/2022","registered_on":"2022-04-09",)"
    R"("acts_sections":["IPC 392"," IPC 34"],"status":"convicted",)"
    R"("modus_operandi":"Chain snatching","location":{"location_id":"L001",)"
    R"("address":"FC Road, Pune","district":"Pune","state":"Maharashtra","latitude":18.5196,)"
    R"("longitude":73.8413},"persons":[)"
    R"({"record_id":"R1","roles":["accused","arrested"],"name":"Vikas Shinde","alias":null,)"
    R"("relative_name":"Ramesh Shinde","relation":"father","gender":"M","age":32,)"
    R"("birth_year":null,"address":{"location_id":"L002","address":"Hadapsar, Pune"},)"
    R"("phone":"98220 12345","flags":[]},)"
    R"({"record_id":"R2","roles":["victim","complainant"],"name":"Sunita Patil","gender":"F",)"
    R"("age":45,"dob":"1978-03","address":{"location_id":"L002","address":"Hadapsar, Pune"},)"
    R"("phone":"+91-9881204573"},)"
    R"({"record_id":"R3","roles":["witness"],"name":"राहुल","gender":"M","birth_year":2008,)"
    R"("flags":["juvenile"]}],)"
    R"("vehicles":[{"registration":"mh 12 kt 4471","make":"Bajaj","model":"Pulsar",)"
    R"("colour":"Black","link":"used","owner_record_id":"R1"}],)"
    R"("calls":[{"caller":"9822012345","callee":"+91 98812 04573",)"
    R"("started_at":"2022-04-08T21:14:05","duration_s":73}]})";

// An FIR with no persons, vehicles, calls or place of occurrence.
const std::string kMinimal =
    R"({"station":{"station_code":"S1","name":"N","district":"D","state":"St"},)"
    R"j("fir_number":"1/2024","registered_on":"2024-01-31","acts_sections":["BNS 303(2)"],)j"
    R"("status":"under_investigation","location":null,"vehicles":null})";

// kGood with the one occurrence of `from` replaced by `to`.
std::string With(std::string_view from, std::string_view to) {
  std::string doc = kGood;
  std::size_t at = doc.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(doc.find(from, at + 1), std::string::npos) << "ambiguous: " << from;
  if (at != std::string::npos) doc.replace(at, from.size(), to);
  return doc;
}

// Parses `line` and expects it to be refused with a message that starts with `prefix`.
void ExpectRefused(std::string_view line, std::string_view prefix) {
  StatusOr<FirDocument> doc = ParseFirDocument(line);
  ASSERT_FALSE(doc.ok()) << "accepted: " << line.substr(0, 200);
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(doc.status().message().starts_with(prefix))
      << "expected a message starting with \"" << prefix << "\", got: " << doc.status().message();
}

TEST(FirJsonl, ParsesAGoodDocument) {
  StatusOr<FirDocument> doc = ParseFirDocument(kGood);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->station.code, "MH-PUN-0012");
  EXPECT_EQ(doc->station.name, "Shivajinagar PS");
  EXPECT_EQ(doc->station.district_code, "MH-PUN");
  EXPECT_EQ(doc->station.state_code, "MH");
  EXPECT_EQ(doc->fir.fir, (FirKey{"MH-PUN-0012", "0145/2022"}));
  EXPECT_EQ(doc->fir.acts_sections, "IPC 392;IPC 34");  // trimmed, joined as in CSV
  EXPECT_EQ(doc->fir.location_id, "L001");
  ASSERT_EQ(doc->locations.size(), 2u);  // L002 is given twice, the same both times
  EXPECT_EQ(doc->locations[0].latitude, 18.5196);
  EXPECT_EQ(doc->locations[1].id, "L002");
  ASSERT_EQ(doc->persons.size(), 3u);
  const PersonRow& r1 = doc->persons[0];
  EXPECT_EQ(r1.fir, doc->fir.fir);
  EXPECT_EQ(r1.roles, (std::vector{storage::EdgeType::kAccusedIn, storage::EdgeType::kArrestedIn}));
  EXPECT_EQ(r1.age, 32);
  EXPECT_EQ(r1.phone, "+919822012345");
  EXPECT_EQ(r1.address_location_id, "L002");
  EXPECT_EQ(doc->persons[1].dob, "1978-03");
  EXPECT_EQ(doc->persons[2].name, "राहुल");
  EXPECT_EQ(doc->persons[2].birth_year, 2008);
  EXPECT_EQ(doc->persons[2].flags, std::vector<std::string>{"juvenile"});
  ASSERT_EQ(doc->vehicles.size(), 1u);
  EXPECT_EQ(doc->vehicles[0].registration, "MH12KT4471");
  EXPECT_EQ(doc->vehicles[0].owner_record_id, "R1");
  EXPECT_EQ(doc->vehicles[0].fir, doc->fir.fir);
  ASSERT_EQ(doc->calls.size(), 1u);
  EXPECT_EQ(doc->calls[0].callee, "+919881204573");
  EXPECT_EQ(doc->calls[0].duration_s, 73);
}

TEST(FirJsonl, PersonsVehiclesCallsLocationMayBeAbsent) {
  StatusOr<FirDocument> parsed = ParseFirDocument(kMinimal);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->persons.empty());
  EXPECT_TRUE(parsed->locations.empty());
  EXPECT_EQ(parsed->fir.location_id, "");
}

TEST(FirJsonl, WrongTypesNameThePath) {
  ExpectRefused(With(R"("age":32)", R"("age":"32")"), "persons[0].age: expected a whole number");
  ExpectRefused(With(R"("age":32)", R"("age":32.5)"), "persons[0].age: expected a whole number");
  ExpectRefused(With(R"("fir_number":"0145/2022")", R"("fir_number":145)"),
                "fir_number: expected a string, got a number");
  ExpectRefused(With(R"("acts_sections":["IPC 392"," IPC 34"])", R"("acts_sections":"IPC 392")"),
                "acts_sections: expected an array of strings");
  ExpectRefused(With(R"(["witness"])", R"(["witness",7])"),
                "persons[2].roles[1]: expected a string");
  ExpectRefused(With(R"("latitude":18.5196)", R"("latitude":"18.5196")"),
                "location.latitude: expected a number");
  ExpectRefused(std::string(kMinimal).replace(kMinimal.find("null}"), 4, R"("car")"),
                "vehicles: expected an array, got a string");
  ExpectRefused(With(R"("duration_s":73)", R"("duration_s":true)"),
                "calls[0].duration_s: expected a whole number, got a boolean");
}

TEST(FirJsonl, ValuesAreCheckedAsInCsv) {
  ExpectRefused(With(R"("arrested")", R"("suspect")"),
                "persons[0].roles[1]: 'suspect' is not a role");
  ExpectRefused(With(R"("2022-04-09")", R"("09-04-2022")"),
                "registered_on: '09-04-2022' is not a YYYY-MM-DD date");
  ExpectRefused(With(R"("2022-04-09")", R"("2023-02-30")"), "registered_on: '2023-02-30'");
  ExpectRefused(With(R"("98220 12345")", R"("12345")"),
                "persons[0].phone: '12345' is not a 10-digit Indian mobile number");
  ExpectRefused(With(R"("convicted")", R"("pending")"), "status: 'pending' is not one of");
  ExpectRefused(With(R"("age":45)", R"("age":130)"), "persons[1].age: '130'");
  ExpectRefused(With(R"("link":"used")", R"("link":"stolen")"), "vehicles[0].link:");
  ExpectRefused(With(R"("relation":"father",)", ""), "persons[0].relation: must say father");
  ExpectRefused(With(R"("started_at":"2022-04-08T21:14:05")", R"("started_at":"2022-04-08 21:14")"),
                "calls[0].started_at:");
  ExpectRefused(With(R"("duration_s":73)", R"("duration_s":-1)"), "calls[0].duration_s: '-1'");
  ExpectRefused(With(R"(,"longitude":73.8413)", ""), "location: give both");
  ExpectRefused(With(R"(["juvenile"])", R"(["juvenile","minor"])"), "persons[2].flags[1]: 'minor'");
  ExpectRefused(With(R"("mh 12 kt 4471")", R"("not a plate")"), "vehicles[0].registration:");
  ExpectRefused(With(R"("dob":"1978-03")", R"("dob":"1978-13")"), "persons[1].dob: '1978-13'");
  ExpectRefused(With(R"("dob":"1978-03")", R"("dob":1978)"), "persons[1].dob: expected a string");
}

TEST(FirJsonl, RequiredAndUnknownFields) {
  ExpectRefused(With(R"("name":"Sunita Patil",)", ""), "persons[1].name: is required");
  ExpectRefused(With(R"("name":"Sunita Patil")", R"("name":"  ")"), "persons[1].name: is required");
  ExpectRefused(With(R"("status":"convicted",)", ""), "status: is required");
  ExpectRefused(With(R"("name":"Sunita Patil")", R"("nmae":"Sunita Patil")"),
                "persons[1].nmae: unknown field");
  ExpectRefused(With(R"("record_id":"R3",)", R"("record_id":"R3","fir_number":"9",)"),
                "persons[2].fir_number: unknown field");
  ExpectRefused(With(R"("roles":["witness"])", R"("roles":[])"), "persons[2].roles: is required");
  ExpectRefused(With(R"(["witness"])", R"(["witness;accused"])"),
                "persons[2].roles[0]: 'witness;accused' holds ';'");
  ExpectRefused(With(R"(["witness"])", R"(["witness",""])"), "persons[2].roles[1]: is empty");
  ExpectRefused(R"({"fir_number":"1"})", "station: is required");
  ExpectRefused("[1,2]", "expected one JSON object per line, got an array");
}

TEST(FirJsonl, ChecksWithinTheDocument) {
  ExpectRefused(With(R"("record_id":"R2")", R"("record_id":"R1")"),
                "persons[1].record_id: 'R1' is already the record_id of persons[0]");
  ExpectRefused(With(R"("owner_record_id":"R1")", R"("owner_record_id":"R9")"),
                "vehicles[0].owner_record_id: 'R9' is not the record_id of a person in this FIR");
  ExpectRefused(With(R"("address":"Hadapsar, Pune"},"phone":"+91)",
                     R"("address":"Kothrud, Pune"},"phone":"+91)"),
                "persons[1].address.location_id: 'L002' is given twice with different details");
  // One bad call rejects the whole FIR, persons and vehicles included.
  EXPECT_FALSE(ParseFirDocument(With(R"("caller":"9822012345")", R"("caller":"1")")).ok());
}

TEST(FirJsonl, MalformedText) {
  ExpectRefused(With("Vikas",
                     "Vi\xff"
                     "kas"),
                "the line is not valid UTF-8");
  std::string raw_nul = With("Vikas", std::string("Vi\0kas", 6));
  ExpectRefused(raw_nul, "not valid JSON at byte");
  ExpectRefused(With("Vikas", R"(Vi\u0000kas)"), "persons[0].name: holds a NUL character");
  ExpectRefused(kGood.substr(0, kGood.size() / 2), "not valid JSON at byte");
  ExpectRefused(kGood + "{}", "not valid JSON at byte");
  ExpectRefused(With(R"("status":"convicted",)", R"("status":"convicted","status":"closed",)"),
                "field 'status' appears twice");
  ExpectRefused(std::string(10000, '[') + std::string(10000, ']'), "nested deeper than");
  ExpectRefused("", "not valid JSON at byte");
}

TEST(FirJsonl, HugeFieldsAreHandled) {
  const std::string big(10 << 20, 'x');
  StatusOr<FirDocument> doc = ParseFirDocument(With("Chain snatching", big));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString().substr(0, 300);
  EXPECT_EQ(doc->fir.modus_operandi.size(), big.size());
  // A rejected 10 MB value is not copied into the message whole.
  StatusOr<FirDocument> bad = ParseFirDocument(With("98220 12345", big));
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().message().starts_with("persons[0].phone: 'xxx"));
  EXPECT_LT(bad.status().message().size(), 2000u);
}

class FirFeedTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& text) {
    auto path = tmp_.path() / "feed.jsonl";
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  // (line, ok or the message) for every line visited.
  std::vector<std::pair<std::size_t, std::string>> Read(const std::string& text,
                                                        FeedOptions options = {}) {
    std::vector<std::pair<std::size_t, std::string>> seen;
    Status s = ReadFirFeed(
        Write(text),
        [&](std::size_t line, StatusOr<FirDocument> doc) {
          seen.emplace_back(line, doc.ok() ? "ok" : doc.status().message());
        },
        options);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return seen;
  }
  testing::TempDir tmp_;
};

TEST_F(FirFeedTest, SkipsBlankLinesAndKeepsLineNumbers) {
  auto seen = Read("\xEF\xBB\xBF" + kGood + "\r\n\n   \r\n" + kGood + "\n{\"x\":1}\n\n");
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], (std::pair<std::size_t, std::string>{1, "ok"}));
  EXPECT_EQ(seen[1], (std::pair<std::size_t, std::string>{4, "ok"}));
  EXPECT_EQ(seen[2].first, 5u);
  EXPECT_TRUE(seen[2].second.starts_with("station: is required")) << seen[2].second;
}

TEST_F(FirFeedTest, RejectsBadLinesAndGoesOn) {
  auto seen = Read(kGood + "\nnot json\n" + With("Vikas", "Vi\xc3kas") + "\n" + kGood);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].second, "ok");
  EXPECT_TRUE(seen[1].second.starts_with("not valid JSON")) << seen[1].second;
  EXPECT_EQ(seen[2], (std::pair<std::size_t, std::string>{
                         3, "the line is not valid UTF-8 (re-save the feed as UTF-8)"}));
  EXPECT_EQ(seen[3], (std::pair<std::size_t, std::string>{4, "ok"}));
}

TEST_F(FirFeedTest, OverlongLineIsRejectedAndReadingResumes) {
  // Longer than the read buffer too, so the line spans several chunks.
  std::string long_line = With("Chain snatching", std::string(200000, 'y'));
  auto seen = Read(long_line + "\n" + kGood + "\n" + long_line, {.max_line_bytes = 100000});
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].first, 1u);
  EXPECT_TRUE(seen[0].second.starts_with("the line is longer than 100000 bytes")) << seen[0].second;
  EXPECT_EQ(seen[1], (std::pair<std::size_t, std::string>{2, "ok"}));
  EXPECT_EQ(seen[2].first, 3u);
  EXPECT_NE(seen[2].second, "ok");
}

TEST_F(FirFeedTest, MissingFileIsAnError) {
  Status s = ReadFirFeed(tmp_.path() / "absent.jsonl", [](std::size_t, StatusOr<FirDocument>) {});
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_FALSE(ReadFirFeed(tmp_.path(), [](std::size_t, StatusOr<FirDocument>) {}).ok());
}

}  // namespace
}  // namespace sutra::ingest
