// Roles and jurisdictions as the CLI takes them and the audit log records them.

#include "engine/policy/principal.h"

#include <gtest/gtest.h>

namespace sutra::engine::policy {
namespace {

TEST(Principal, EveryRoleNameParsesBackToItsRole) {
  for (Role role : {Role::kInvestigator, Role::kAnalyst, Role::kSupervisor, Role::kAuditor,
                    Role::kAdministrator, Role::kOperator}) {
    const std::optional<Role> parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.has_value()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(RoleName(Role::kInvestigator), "investigator");
  EXPECT_EQ(RoleName(Role::kAdministrator), "administrator");
}

TEST(Principal, UnknownOrMisspelledRolesAreRefused) {
  EXPECT_FALSE(ParseRole("").has_value());
  EXPECT_FALSE(ParseRole("admin").has_value());
  EXPECT_FALSE(ParseRole("Investigator").has_value());  // names are lower case
  EXPECT_FALSE(ParseRole("investigator ").has_value());
}

TEST(Principal, JurisdictionTextNamesLevelAndCode) {
  EXPECT_EQ(JurisdictionText({JurisdictionLevel::kStation, "MH-PUN-0012"}), "station:MH-PUN-0012");
  EXPECT_EQ(JurisdictionText({JurisdictionLevel::kDistrict, "Pune"}), "district:Pune");
  EXPECT_EQ(JurisdictionText({JurisdictionLevel::kState, "Maharashtra"}), "state:Maharashtra");
  EXPECT_EQ(JurisdictionText({JurisdictionLevel::kNational, ""}), "national");
}

TEST(Principal, JurisdictionsRoundTripThroughText) {
  for (const Jurisdiction& jurisdiction : {Jurisdiction{JurisdictionLevel::kStation, "MH-PUN-0012"},
                                           Jurisdiction{JurisdictionLevel::kDistrict, "Pune"},
                                           Jurisdiction{JurisdictionLevel::kState, "Tamil Nadu"},
                                           Jurisdiction{JurisdictionLevel::kNational, ""}}) {
    const std::optional<Jurisdiction> parsed = ParseJurisdiction(JurisdictionText(jurisdiction));
    ASSERT_TRUE(parsed.has_value()) << JurisdictionText(jurisdiction);
    EXPECT_EQ(*parsed, jurisdiction);
  }
}

TEST(Principal, MalformedJurisdictionsAreRefused) {
  EXPECT_FALSE(ParseJurisdiction("").has_value());
  EXPECT_FALSE(ParseJurisdiction("station").has_value());   // no code
  EXPECT_FALSE(ParseJurisdiction("station:").has_value());  // empty code
  EXPECT_FALSE(ParseJurisdiction("county:Pune").has_value());
  EXPECT_FALSE(ParseJurisdiction("Pune").has_value());
  EXPECT_FALSE(ParseJurisdiction("National").has_value());
}

}  // namespace
}  // namespace sutra::engine::policy
