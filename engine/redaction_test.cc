// Protected facts (issue 8): identities of juveniles and of victims of sexual offences are
// withheld from every role without a stated need, in every kind of answer; acquittals and
// wrongful arrests are flagged wherever they appear.
#include "engine/redaction.h"

#include <gtest/gtest.h>

#include "engine/guarded_test_fixture.h"

namespace sutra::engine {
namespace {

using policy::Role;

bool Has(const std::vector<std::string>& flags, std::string_view flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

TEST(Present, WithholdsIdentityOfAProtectedRecordUnlessRevealed) {
  storage::Node record{7,
                       storage::NodeType::kPersonRecord,
                       {{"name", std::string("A Child")},
                        {"phone", std::string("+919800000000")},
                        {"juvenile", true},
                        {"fir_number", std::string("1/2024")}}};
  NodePresentation how;
  how.disclosure = policy::Disclosure::kFull;
  how.protection = algorithms::kJuvenile;
  AnswerNode shown = Present(record, how);
  EXPECT_FALSE(shown.node.properties.contains("name"));
  EXPECT_FALSE(shown.node.properties.contains("phone"));
  EXPECT_TRUE(shown.node.properties.contains("fir_number"));  // the case link stays
  EXPECT_NE(storage::GetString(shown.node.properties, "redacted")->find("'juvenile'"),
            std::string::npos);
  EXPECT_TRUE(Has(shown.flags, "juvenile"));
  EXPECT_TRUE(Has(shown.flags, "juvenile:redacted"));

  how.reveal_juvenile = true;
  shown = Present(record, how);
  EXPECT_EQ(storage::GetString(shown.node.properties, "name"), "A Child");
  EXPECT_TRUE(Has(shown.flags, "juvenile"));
  EXPECT_FALSE(Has(shown.flags, "juvenile:redacted"));
}

TEST(Present, AHitShowsOnlyWhereTheRecordIsHeld) {
  storage::Node record{7, storage::NodeType::kPersonRecord, {{"name", std::string("X")}}};
  NodePresentation how;
  how.disclosure = policy::Disclosure::kHitOnly;
  how.protection = algorithms::kWrongfulArrest;
  how.holding_stations = {"MH-PUN-0012", "MH-PUN-0027"};
  AnswerNode shown = Present(record, how);
  EXPECT_EQ(shown.node.properties.size(), 1u);
  EXPECT_EQ(storage::GetString(shown.node.properties, "holding_stations"),
            "MH-PUN-0012;MH-PUN-0027");
  EXPECT_TRUE(Has(shown.flags, "hit-only"));
  EXPECT_TRUE(Has(shown.flags, "wrongful_arrest"));  // flagged even in a hit
}

class ProtectedFacts : public GuardedSample {};

// R0143 "Karthik N." is a juvenile accused at KA-BLR-0203; R0010 "Pooja Ramesh Bhosale" a
// victim of a sexual offence at MH-PUN-0012; R0056 "Sameer Ansari" a wrongful arrest.
TEST_F(ProtectedFacts, JuvenileIdentityIsWithheldWithoutTheNeedInSearchAndQuery) {
  AccessContext context = Context("inv", Role::kInvestigator, "station:KA-BLR-0203");
  context.purpose.case_ref = "0356/2022";
  auto found = guarded_->Search(context, "Karthik N.", 5);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_FALSE((*found)[0].node.properties.contains("name"));
  EXPECT_TRUE(Has((*found)[0].flags, "juvenile:redacted"));
  EXPECT_TRUE(Has(LastEntry().flags, "juvenile:redacted"));

  auto query = guarded_->Query(
      context, "MATCH (r:PersonRecord {record_id: 'R0143'}) RETURN r.name AS name, r.age AS age",
      {});
  ASSERT_TRUE(query.ok());
  ASSERT_EQ(query->result.rows.size(), 1u);
  EXPECT_TRUE(query->result.rows[0][0].is_null());
  EXPECT_TRUE(query->result.rows[0][1].is_null());
  // Nor can a query find the record by the withheld name.
  auto by_name = guarded_->Query(
      context, "MATCH (r:PersonRecord) WHERE r.name = 'Karthik N.' RETURN count(r) AS n", {});
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->result.rows[0][0], cypher::Value(std::int64_t{0}));

  context.purpose.needs = {std::string(policy::kNeedJuvenile)};
  found = guarded_->Search(context, "Karthik N.", 5);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(storage::GetString((*found)[0].node.properties, "name"), "Karthik N.");
  EXPECT_TRUE(Has(LastEntry().flags, "juvenile:revealed"));
  const auto parameters = LastEntry().parameters;
  EXPECT_NE(std::find(parameters.begin(), parameters.end(),
                      std::pair<std::string, std::string>("need", "juvenile")),
            parameters.end());
}

TEST_F(ProtectedFacts, AnalystsCannotStateANeed) {
  AccessContext context = Context("an", Role::kAnalyst, "national");
  context.purpose.needs = {std::string(policy::kNeedVictimIdentity)};
  auto found = guarded_->Search(context, "Pooja Ramesh Bhosale", 5);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_FALSE((*found)[0].node.properties.contains("name"));
  EXPECT_TRUE(Has((*found)[0].flags, "sexual_offence_victim:redacted"));
}

TEST_F(ProtectedFacts, NeighbourhoodsWithholdVictimsAndFlagAcquittals) {
  // The FIR of the victim: her record appears in its neighbourhood, withheld.
  AccessContext context = Context("inv", Role::kInvestigator, "station:MH-PUN-0012");
  context.purpose.case_ref = "0233/2022";
  auto graph = guarded_->Expand(context, CaseNode("MH-PUN-0012|0233/2022"), 50);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  bool saw_victim = false;
  for (const AnswerNode& node : (*graph)->nodes) {
    if (!Has(node.flags, "sexual_offence_victim")) continue;
    saw_victim = true;
    EXPECT_FALSE(node.node.properties.contains("name"));
    EXPECT_TRUE(Has(node.flags, "sexual_offence_victim:redacted"));
  }
  EXPECT_TRUE(saw_victim);

  context.purpose.case_ref = "0087/2021";
  auto acquitted = guarded_->Expand(context, CaseNode("MH-PUN-0012|0087/2021"), 50);
  ASSERT_TRUE(acquitted.ok());
  EXPECT_TRUE(Has((*acquitted)->nodes[0].flags, "acquitted"));
}

TEST_F(ProtectedFacts, CypherAnswersCarryAFlagsColumn) {
  AccessContext context = Context("root", Role::kOperator, "national");
  auto answer =
      guarded_->Query(context, "MATCH (r:PersonRecord {record_id: 'R0056'}) RETURN r", {});
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(answer->result.columns.back(), "flags");
  const cypher::List& flags = answer->result.rows[0].back().as_list();
  bool wrongful = false;
  for (const auto& flag : flags)
    wrongful = wrongful || flag.as_string().ends_with(":wrongful_arrest");
  EXPECT_TRUE(wrongful);
}

}  // namespace
}  // namespace sutra::engine
