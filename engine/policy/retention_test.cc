// Retention, erasure and pseudonymisation on a small database built for the purpose: what goes,
// what stays, what the audit log keeps (and never keeps: names, phones), who may.

#include "engine/policy/retention.h"

#include <gtest/gtest.h>

#include <fstream>

#include "engine/policy/audit_log.h"
#include "engine/policy/erasure.h"
#include "ingest/loader.h"
#include "ingest/normalize.h"
#include "tests/support/temp_dir.h"

namespace sutra::engine::policy {
namespace {

using storage::EdgeType;
using storage::NodeId;
using storage::NodeType;

// Cases: 0001/2010 acquitted long ago, 0002/2024 acquitted recently, 0003/2012 closed long ago,
// 0004/2011 convicted. Records (all names and phones invented, each distinct so that a leak
// shows):
//   R1 accused in 0001/2010, phone and address of its own       -> erased (acquitted, 7y)
//   R2 victim in 0001/2010                                      -> kept (victims not in rule)
//   R3 accused in 0002/2024                                     -> kept (too recent)
//   R4 witness in 0003/2012, phone                              -> pseudonymised (closed, 10y)
//   R5 accused in 0004/2011, the same person as R2              -> kept (convicted)
//   R6 accused in 0002/2024, juvenile born 2007                 -> erased (18 + 1 years)
//   R7 arrested in 0002/2024, wrongful arrest                   -> erased (1 year)
constexpr const char* kStations =
    "station_code,name,district,state\nMH-PUN-0012,Shivajinagar PS,Pune,Maharashtra\n";
constexpr const char* kLocations =
    "location_id,address,district,state,latitude,longitude\n"
    "L1,\"Flat 3, Zirvelkar Niwas, Pune\",Pune,Maharashtra,,\n"
    "L2,\"Market Yard, Pune\",Pune,Maharashtra,,\n";
constexpr const char* kCases =
    "station_code,fir_number,registered_on,acts_sections,status,modus_operandi,location_id\n"
    "MH-PUN-0012,0001/2010,2010-01-15,IPC 420,acquitted,,L2\n"
    "MH-PUN-0012,0002/2024,2024-03-01,IPC 379,acquitted,,L2\n"
    "MH-PUN-0012,0003/2012,2012-05-05,IPC 380,closed,,L2\n"
    "MH-PUN-0012,0004/2011,2011-07-07,IPC 392,convicted,,L2\n";
constexpr const char* kPersons =
    "record_id,station_code,fir_number,roles,name,alias,relative_name,relation,gender,age,"
    "birth_year,address_location_id,phone,flags\n"
    "R1,MH-PUN-0012,0001/2010,accused,Bhaskar Tondwalkar,Bhasya,Keshav Tondwalkar,father,M,41,,L1,"
    "9822011111,\n"
    "R2,MH-PUN-0012,0001/2010,victim,Kamala Deshmane,,,,F,30,,,,\n"
    "R3,MH-PUN-0012,0002/2024,accused,Raghav Pethkar,,,,M,25,,,,\n"
    "R4,MH-PUN-0012,0003/2012,witness,Sumitra Vazekar,,Dattu Vazekar,father,F,34,,,9822033333,\n"
    "R5,MH-PUN-0012,0004/2011,accused,Kamala Deshmane Patil,,,,F,31,,,,\n"
    "R6,MH-PUN-0012,0002/2024,accused,Chintu Ghorpadkar,,,,M,,2007,,,juvenile\n"
    "R7,MH-PUN-0012,0002/2024,arrested,Ishwar Lonkarwadi,,,,M,52,,,,wrongful_arrest\n";

// The date every test plans on.
std::chrono::system_clock::time_point Now() { return *ParseIsoDate("2026-06-01"); }

Principal Operator() {
  return {"ops", Role::kOperator, {JurisdictionLevel::kNational, ""}, "cli:1"};
}

std::string Hex16(NodeId id) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(id));
  return text;
}

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto bundle = tmp_.path() / "bundle";
    std::filesystem::create_directories(bundle);
    for (auto [name, text] : {std::pair{"stations.csv", kStations},
                              {"locations.csv", kLocations},
                              {"cases.csv", kCases},
                              {"persons.csv", kPersons}}) {
      std::ofstream(bundle / name) << text;
    }
    auto store = storage::GraphStore::Open(tmp_.path() / "db", {.create_if_missing = true});
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    auto loaded = ingest::LoadCsvBundle(*store_, bundle, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    ASSERT_EQ(loaded->rows_rejected, 0u);
    for (int i = 1; i <= 7; ++i) record_[i] = Record("R" + std::to_string(i));
    // Entity resolution's result, as `sutra resolve` writes it: R2 and R5 are one person, every
    // other record a person of its own; the person of R1 uses R1's phone too.
    ASSERT_TRUE(store_
                    ->Update([&](storage::WriteTxn& w) -> Status {
                      auto person = [&](const std::string& key, const std::string& name,
                                        std::vector<int> records) -> StatusOr<NodeId> {
                        SUTRA_ASSIGN_OR_RETURN(
                            auto p, w.UpsertNode(NodeType::kPerson, key,
                                                 {{"person_id", key},
                                                  {"name", name},
                                                  {"records", std::int64_t(records.size())},
                                                  {"status", std::string("active")}}));
                        for (int r : records) {
                          SUTRA_RETURN_IF_ERROR(
                              w.UpsertEdge(EdgeType::kSameAs, record_[r], p.id,
                                           {{"score", 1.0}, {"decided_by", std::string("model")}},
                                           {})
                                  .status());
                        }
                        return p.id;
                      };
                      SUTRA_ASSIGN_OR_RETURN(person_r1_, person("P-1", "Bhaskar Tondwalkar", {1}));
                      SUTRA_ASSIGN_OR_RETURN(person_r25_, person("P-2", "Kamala Deshmane", {2, 5}));
                      SUTRA_ASSIGN_OR_RETURN(person_r3_, person("P-3", "Raghav Pethkar", {3}));
                      SUTRA_ASSIGN_OR_RETURN(person_r4_, person("P-4", "Sumitra Vazekar", {4}));
                      SUTRA_ASSIGN_OR_RETURN(
                          auto phone, w.reader().FindNode(NodeType::kPhone, "+919822011111"));
                      SUTRA_RETURN_IF_ERROR(
                          w.UpsertEdge(EdgeType::kUses, person_r1_, *phone, {}, {}).status());
                      // A reviewer's decision and queued pairs naming records.
                      SUTRA_RETURN_IF_ERROR(
                          w.PutState("er/decision/" + Hex16(record_[1]) + "/" + Hex16(record_[5]),
                                     "different\treviewer\t1700000000\tBhaskar is not Kamala"));
                      SUTRA_RETURN_IF_ERROR(
                          w.PutState("er/review/" + Hex16(record_[3]) + "/" + Hex16(record_[4]),
                                     "0.500000\tname agree"));
                      return w.PutState("er/review/" + Hex16(record_[3]) + "/" + Hex16(record_[5]),
                                        "0.400000\tname disagree");
                    })
                    .ok());
    audit_ = std::make_unique<AuditLog>(
        *store_, [] { return Now(); }, storage::GraphStore::Durability::kSynced);
  }

  NodeId Record(const std::string& record_id) {
    auto txn = store_->BeginRead();
    auto id =
        txn->FindNode(NodeType::kPersonRecord, "MH-PUN-0012|" + Fir(record_id) + "|" + record_id);
    EXPECT_TRUE(id.ok() && id->has_value()) << record_id;
    return id.ok() && id->has_value() ? **id : 0;
  }
  static std::string Fir(const std::string& record_id) {
    if (record_id == "R1" || record_id == "R2") return "0001/2010";
    if (record_id == "R4") return "0003/2012";
    if (record_id == "R5") return "0004/2011";
    return "0002/2024";
  }

  bool Exists(NodeId id) {
    auto txn = store_->BeginRead();
    auto node = txn->GetNode(id);
    return node.ok() && node->has_value();
  }
  std::vector<NodeId> Term(const std::string& term) {
    auto txn = store_->BeginRead();
    return *txn->LookupTerm(term, 100);
  }
  std::string GraphHash() {
    auto txn = store_->BeginRead();
    return *txn->ContentHash(storage::ReadTxn::HashScope::kGraphOnly);
  }
  std::vector<std::string> StateKeys(const std::string& prefix) {
    auto txn = store_->BeginRead();
    std::vector<std::string> keys;
    EXPECT_TRUE(txn->ForEachState(prefix,
                                  [&](std::string_view key, std::string_view) {
                                    keys.emplace_back(key);
                                    return true;
                                  })
                    .ok());
    return keys;
  }
  std::vector<AuditRecord> Audit() {
    auto txn = store_->BeginRead();
    std::vector<AuditRecord> out;
    EXPECT_TRUE(ForEachAuditRecord(*txn, 1, [&](const AuditRecord& r) {
                  out.push_back(r);
                  return true;
                }).ok());
    return out;
  }
  // Every audit entry's stored bytes, as a thief of the database would read them.
  std::string RawAudit() {
    auto txn = store_->BeginRead();
    std::string all;
    EXPECT_TRUE(txn->ForEachAudit(1,
                                  [&](std::uint64_t, std::string_view bytes) {
                                    all.append(bytes).push_back('\n');
                                    return true;
                                  })
                    .ok());
    return all;
  }
  static std::string Param(const AuditRecord& r, const std::string& name) {
    for (const auto& [key, value] : r.parameters) {
      if (key == name) return value;
    }
    return "<absent>";
  }

  testing::TempDir tmp_;
  std::unique_ptr<storage::GraphStore> store_;
  std::unique_ptr<AuditLog> audit_;
  NodeId record_[8] = {};
  NodeId person_r1_ = 0, person_r25_ = 0, person_r3_ = 0, person_r4_ = 0;
};

TEST_F(RetentionTest, PlanListsWhatIsDueUnderEachRule) {
  auto txn = store_->BeginRead();
  auto plan = PlanRetention(*txn, DefaultRetentionPolicy(), Now());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->records_examined, 7u);
  EXPECT_EQ(plan->undated, 0u);
  ASSERT_EQ(plan->actions.size(), 4u);
  std::map<std::string, RetentionAction> by_record;
  for (const auto& a : plan->actions) by_record[a.record_id] = a;
  EXPECT_EQ(by_record["R1"].rule, "acquitted_or_discharged");
  EXPECT_EQ(by_record["R1"].due, "2017-01-15");
  EXPECT_EQ(by_record["R1"].action, RetentionActionKind::kErase);
  EXPECT_EQ(by_record["R4"].rule, "closed_case_victims_witnesses");
  EXPECT_EQ(by_record["R4"].action, RetentionActionKind::kPseudonymise);
  EXPECT_EQ(by_record["R4"].due, "2022-05-05");
  // Born 2007: 18 on 2025-01-01 at the earliest, erased a year later, before 2024 + 3 years.
  EXPECT_EQ(by_record["R6"].rule, "juvenile");
  EXPECT_EQ(by_record["R6"].due, "2026-01-01");
  EXPECT_EQ(by_record["R7"].rule, "wrongful_arrest");
  EXPECT_EQ(by_record["R7"].due, "2025-03-01");
  EXPECT_EQ(by_record["R7"].record, record_[7]);

  // A day before R6 turns due, it is not listed.
  plan = PlanRetention(*txn, DefaultRetentionPolicy(), *ParseIsoDate("2025-12-31"));
  ASSERT_TRUE(plan.ok());
  for (const auto& a : plan->actions) EXPECT_NE(a.record_id, "R6");
}

TEST_F(RetentionTest, ApplyErasesRecordsTheirLinksPersonsAndStateAndAuditsWithoutNames) {
  const auto phone_r1 = Term(ingest::PhoneTerm("+919822011111"));
  ASSERT_EQ(phone_r1.size(), 1u);
  ASSERT_EQ(Term(ingest::NameTerm("Bhaskar Tondwalkar")), std::vector<NodeId>{record_[1]});

  auto report = ApplyRetention(*store_, *audit_, Operator(), DefaultRetentionPolicy(), Now(),
                               /*dry_run=*/false);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->applied, 4u);

  // R1 is gone with its name terms, its links, its person (which had no other record) and the
  // phone only it and its person used; the case it was accused in stays.
  EXPECT_FALSE(Exists(record_[1]));
  EXPECT_FALSE(Exists(person_r1_));
  EXPECT_FALSE(Exists(phone_r1[0]));
  EXPECT_TRUE(Term(ingest::NameTerm("Bhaskar Tondwalkar")).empty());
  EXPECT_TRUE(Term(ingest::NameTerm("Bhasya")).empty());
  EXPECT_TRUE(Term(ingest::PhoneTerm("+919822011111")).empty());
  EXPECT_EQ(Term(ingest::FirTerm("0001/2010")).size(), 1u);
  EXPECT_FALSE(Exists(record_[6]));
  EXPECT_FALSE(Exists(record_[7]));
  // The recent acquitted case's other accused, the victim and the convict are untouched.
  EXPECT_TRUE(Exists(record_[2]));
  EXPECT_TRUE(Exists(record_[3]));
  EXPECT_TRUE(Exists(record_[5]));
  EXPECT_TRUE(Exists(person_r25_));
  {
    auto txn = store_->BeginRead();
    std::vector<std::string> problems;
    ASSERT_TRUE(txn->CheckIntegrity([&](const storage::IntegrityProblem& p) {
                     problems.push_back(p.area + ": " + p.message);
                   })
                    .ok());
    EXPECT_TRUE(problems.empty()) << problems.front();
    ASSERT_TRUE(txn->ForEachEdge([&](const storage::Edge& e) {
                     for (int r : {1, 4, 6, 7}) {
                       EXPECT_NE(e.from, record_[r]) << "edge " << e.id << " from an old record";
                     }
                     EXPECT_NE(e.to, person_r1_);
                     return true;
                   })
                    .ok());
  }
  // The decision naming R1 and the queued pair naming R4 are gone; the pair of R3 and R5 stays.
  EXPECT_TRUE(StateKeys("er/decision/").empty());
  EXPECT_EQ(StateKeys("er/review/"),
            std::vector<std::string>{"er/review/" + Hex16(record_[3]) + "/" + Hex16(record_[5])});

  // One tombstone per erasure, one pseudonymisation entry, one summary; no personal data.
  const auto entries = Audit();
  ASSERT_EQ(entries.size(), 5u);
  const AuditRecord* tombstone = nullptr;
  for (const auto& e : entries) {
    if (e.operation == "erase" && Param(e, "node_id") == std::to_string(record_[1])) tombstone = &e;
  }
  ASSERT_NE(tombstone, nullptr);
  EXPECT_TRUE(tombstone->allowed);
  EXPECT_EQ(tombstone->user, "ops");
  EXPECT_EQ(tombstone->purpose, "retention");
  EXPECT_EQ(Param(*tombstone, "node_type"), "PersonRecord");
  EXPECT_EQ(Param(*tombstone, "reason"), "retention:acquitted_or_discharged");
  // R1's edges: ACCUSED_IN, USES, RESIDES_AT, SAME_AS; its person's: USES (SAME_AS went already).
  EXPECT_EQ(Param(*tombstone, "links_removed"), "5");
  EXPECT_EQ(Param(*tombstone, "person_deleted"), std::to_string(person_r1_));
  EXPECT_EQ(Param(*tombstone, "state_entries_removed"), "1");
  EXPECT_EQ(Param(*tombstone, "orphans_removed"), "2");  // the phone and the flat
  EXPECT_EQ(entries.back().operation, "retention");
  EXPECT_EQ(Param(entries.back(), "acquitted_or_discharged.applied"), "1");
  EXPECT_EQ(Param(entries.back(), "dry_run"), "false");
  const std::string raw = RawAudit();
  for (const char* secret :
       {"Bhaskar", "Tondwalkar", "Bhasya", "Keshav", "9822011111", "Zirvelkar", "Sumitra",
        "Vazekar", "Dattu", "9822033333", "Chintu", "Ghorpadkar", "Ishwar", "Lonkarwadi"}) {
    EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " is in the audit log";
  }
  auto txn = store_->BeginRead();
  auto chain = VerifyAuditChain(*txn, std::nullopt);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact) << chain->problem;
}

TEST_F(RetentionTest, PseudonymisedRecordKeepsCaseLinksAndFlagsButNotItsName) {
  auto report = ApplyRetention(*store_, *audit_, Operator(), DefaultRetentionPolicy(), Now(),
                               /*dry_run=*/false);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_FALSE(Exists(record_[4]));
  EXPECT_FALSE(Exists(person_r4_));  // its only record left it
  EXPECT_TRUE(Term(ingest::NameTerm("Sumitra Vazekar")).empty());
  EXPECT_TRUE(Term(ingest::PhoneTerm("+919822033333")).empty());

  auto txn = store_->BeginRead();
  auto moved = txn->FindNode(NodeType::kPersonRecord, "MH-PUN-0012|0003/2012|R4");
  ASSERT_TRUE(moved.ok() && moved->has_value());
  auto node = txn->GetNode(**moved);
  const auto& props = (*node)->properties;
  const std::string name = storage::GetString(props, "name").value_or("");
  EXPECT_EQ(name.rfind("pseudonym:", 0), 0u) << name;
  EXPECT_EQ(name.size(), std::string("pseudonym:").size() + 16);
  EXPECT_EQ(storage::GetString(props, "age_band"), "30-39");
  EXPECT_EQ(storage::GetString(props, "gender"), "F");
  for (const char* gone : {"relative_name", "phone", "age", "alias"}) {
    EXPECT_FALSE(props.contains(gone)) << gone;
  }
  std::vector<storage::Neighbor> edges;
  ASSERT_TRUE(txn->ForEachNeighbor(**moved,
                                   [&](const storage::Neighbor& n) {
                                     edges.push_back(n);
                                     return true;
                                   })
                  .ok());
  ASSERT_EQ(edges.size(), 1u);  // WITNESS_IN; SAME_AS and USES went
  EXPECT_EQ(edges[0].type, EdgeType::kWitnessIn);
  auto edge = txn->GetEdge(edges[0].edge);
  EXPECT_EQ((*edge)->provenance.fir, "0003/2012");

  const auto entries = Audit();
  auto entry = std::find_if(entries.begin(), entries.end(),
                            [](const AuditRecord& r) { return r.operation == "pseudonymise"; });
  ASSERT_NE(entry, entries.end());
  EXPECT_EQ(Param(*entry, "node_id"), std::to_string(record_[4]));
  EXPECT_EQ(Param(*entry, "new_node_id"), std::to_string(**moved));
  EXPECT_EQ(Param(*entry, "links_kept"), "1");
}

TEST_F(RetentionTest, ProtectionFlagsSurvivePseudonymisationAndPseudonymsAreStable) {
  auto result = PseudonymiseRecord(*store_, *audit_, Operator(), record_[6], "court-order:WP-1");
  ASSERT_TRUE(result.ok()) << result.status().message();
  const NodeId now_r6 = result->new_record;
  const std::string first = result->pseudonym;
  // A pseudonymised record is not pseudonymised twice.
  auto again = PseudonymiseRecord(*store_, *audit_, Operator(), now_r6, "court-order:WP-1");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  auto txn = store_->BeginRead();
  auto node = txn->GetNode(now_r6);
  EXPECT_EQ(storage::ProtectionFlags(**node), std::vector<std::string>{"juvenile"});
  EXPECT_EQ(storage::GetString((*node)->properties, "name"), first);
  EXPECT_FALSE((*node)->properties.contains("birth_year"));
  // The secret is kept, so the same record always maps to the same pseudonym.
  auto key = txn->GetState("policy/pseudonym_key");
  ASSERT_TRUE(key.ok() && key->has_value());
  EXPECT_EQ((*key)->size(), 64u);
}

TEST_F(RetentionTest, DryRunChangesNoRecordAndASecondApplyDoesNothing) {
  const std::string before = GraphHash();
  auto dry = ApplyRetention(*store_, *audit_, Operator(), DefaultRetentionPolicy(), Now(),
                            /*dry_run=*/true);
  ASSERT_TRUE(dry.ok()) << dry.status().message();
  EXPECT_EQ(dry->plan.actions.size(), 4u);
  EXPECT_EQ(dry->applied, 0u);
  EXPECT_EQ(GraphHash(), before);
  EXPECT_TRUE(Exists(record_[1]));
  ASSERT_EQ(Audit().size(), 1u);
  EXPECT_EQ(Param(Audit()[0], "dry_run"), "true");
  EXPECT_EQ(Param(Audit()[0], "acquitted_or_discharged.due"), "1");

  auto first = ApplyRetention(*store_, *audit_, Operator(), DefaultRetentionPolicy(), Now(), false);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->applied, 4u);
  const std::string after = GraphHash();
  EXPECT_NE(after, before);
  auto second =
      ApplyRetention(*store_, *audit_, Operator(), DefaultRetentionPolicy(), Now(), false);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->applied, 0u);
  EXPECT_TRUE(second->plan.actions.empty());
  EXPECT_EQ(GraphHash(), after);
}

TEST_F(RetentionTest, EraseByHandRenamesAPersonThatKeepsOtherRecords) {
  auto result = EraseRecord(*store_, *audit_, Operator(), record_[2], "court-order:WP-9-2026");
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->cleanup.person_deleted, 0u);
  EXPECT_EQ(result->cleanup.person_updated, person_r25_);
  auto txn = store_->BeginRead();
  auto person = txn->GetNode(person_r25_);
  ASSERT_TRUE(person->has_value());
  EXPECT_EQ(storage::GetString((*person)->properties, "name"), "Kamala Deshmane Patil");
  EXPECT_EQ(storage::GetInt((*person)->properties, "records"), 1);
  EXPECT_EQ(Param(Audit().back(), "reason"), "court-order:WP-9-2026");
  EXPECT_EQ(Audit().back().purpose, "erasure");
}

TEST_F(RetentionTest, OnlyOperatorsAdministratorsAndSupervisorsMayEraseAndRefusalsAreAudited) {
  Principal investigator{"asha", Role::kInvestigator, {JurisdictionLevel::kNational, ""}, "s-1"};
  auto erased = EraseRecord(*store_, *audit_, investigator, record_[1], "court-order:X");
  ASSERT_FALSE(erased.ok());
  EXPECT_EQ(erased.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Exists(record_[1]));
  auto applied =
      ApplyRetention(*store_, *audit_, investigator, DefaultRetentionPolicy(), Now(), false);
  EXPECT_EQ(applied.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Exists(record_[7]));

  const auto entries = Audit();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].operation, "erase");
  EXPECT_FALSE(entries[0].allowed);
  EXPECT_EQ(entries[0].user, "asha");
  EXPECT_EQ(entries[0].rule, "role:investigator-may-not-erase");
  EXPECT_EQ(Param(entries[0], "node_id"), std::to_string(record_[1]));
  EXPECT_EQ(entries[1].operation, "retention");
  EXPECT_FALSE(entries[1].allowed);

  Principal supervisor{"sup", Role::kSupervisor, {JurisdictionLevel::kNational, ""}, "s-2"};
  EXPECT_TRUE(EraseRecord(*store_, *audit_, supervisor, record_[1], "court-order:X").ok());
  EXPECT_FALSE(Exists(record_[1]));
}

TEST_F(RetentionTest, EraseRefusesProseReasonsAndNodesThatAreNotRecords) {
  auto prose = EraseRecord(*store_, *audit_, Operator(), record_[1], "Bhaskar asked us");
  EXPECT_EQ(prose.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(prose.status().message().find("code"), std::string::npos);
  auto person = EraseRecord(*store_, *audit_, Operator(), person_r3_, "x");
  EXPECT_EQ(person.status().code(), StatusCode::kInvalidArgument);
  auto missing = EraseRecord(*store_, *audit_, Operator(), 999999, "x");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Exists(record_[1]));
  EXPECT_TRUE(Exists(person_r3_));
  EXPECT_TRUE(Audit().empty());  // nothing was erased, nothing refused for lack of rights
}

TEST(RetentionPolicyFile, OverridesDefaultsAndNamesTheFileAndMemberOfEachError) {
  auto policy = ParseRetentionPolicy(
      R"({"rules": {"juvenile": {"enabled": false},
                    "closed_case_victims_witnesses": {"years": 2, "statuses": ["Closed", "convicted"]},
                    "acquitted_or_discharged": {"years": 0, "roles": ["accused"]}}})",
      "p.json");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  EXPECT_EQ(policy->Summary(),
            "wrongful_arrest=1y:erase;juvenile=off;acquitted_or_discharged=0y:erase;"
            "closed_case_victims_witnesses=2y:pseudonymise");
  EXPECT_EQ(policy->rules[3].statuses, (std::vector<std::string>{"closed", "convicted"}));
  EXPECT_EQ(policy->rules[2].roles, std::vector<std::string>{"accused"});

  const std::pair<const char*, const char*> bad[] = {
      {R"({"rules": {"juvenile": {"years": -1}}})", "p.json: rules.juvenile.years: must be"},
      {R"({"rules": {"juvenile": {"years": "five"}}})", "p.json: rules.juvenile.years"},
      {R"({"rules": {"juvenil": {"years": 1}}})", "p.json: rules.juvenil: is not a rule"},
      {R"({"rules": {"wrongful_arrest": {"yeers": 1}}})", "p.json: rules.wrongful_arrest.yeers"},
      {R"({"rules": {"wrongful_arrest": {"years_after_18": 1}}})",
       "rules.wrongful_arrest.years_after_18: is not a setting"},
      {R"({"rules": {"acquitted_or_discharged": {"roles": ["judge"]}}})", "'judge' is not a role"},
      {R"({"periods": {}})", "p.json: periods: is not a member"},
      {R"({"rules": {)", "p.json: not valid JSON"},
  };
  for (const auto& [text, message] : bad) {
    auto parsed = ParseRetentionPolicy(text, "p.json");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.status().message().find(message), std::string::npos)
        << parsed.status().message();
  }
  auto missing = LoadRetentionPolicy("/nonexistent/policy.json");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/policy.json"), std::string::npos);
}

}  // namespace
}  // namespace sutra::engine::policy
