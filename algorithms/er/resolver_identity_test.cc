// The resolver's promise about strong identifiers: whatever else agrees, two records holding two
// different valid Aadhaar numbers are two people, unless a reviewer said they are one.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "algorithms/er/resolver.h"
#include "algorithms/er/strong_identifier.h"
#include "algorithms/er/test_people.h"

namespace sutra::algorithms::er {
namespace {

using testing_people::Normalizer;
using testing_people::RandomAadhaar;
using testing_people::Strangers;

// Records of a few look-alike men: the same names, fathers and birth years, so that the model
// would join them; each man has his own Aadhaar number, written on some of his records, and
// sometimes written with a slip (which makes it invalid, hence not strong).
std::vector<PersonInput> LookAlikes(std::mt19937& rng, std::vector<int>* man_of_record) {
  const std::vector<std::string> names = {"Rajesh Kumar", "Rajesh Kumaar", "Rajesh Kumar"};
  const int men = 2 + static_cast<int>(rng() % 3);
  std::vector<std::string> aadhaar;
  for (int m = 0; m < men; ++m) aadhaar.push_back(RandomAadhaar(rng));
  std::vector<PersonInput> records;
  const int count = 10 + static_cast<int>(rng() % 12);
  for (int i = 0; i < count; ++i) {
    const int man = static_cast<int>(rng() % men);
    PersonInput r;
    r.id = "r" + std::to_string(i);
    r.name = names[rng() % names.size()];
    r.father_name = "Suresh Kumar";
    r.birth_year = 1985;
    r.address = "12 MG Road Pune";
    switch (rng() % 5) {
      case 0:
      case 1:
      case 2:
        break;  // no identifier
      case 3:
        r.identifier = aadhaar[man];
        break;
      default:  // one digit mistyped
        r.identifier = aadhaar[man];
        r.identifier[5] = r.identifier[5] == '9' ? '0' : static_cast<char>(r.identifier[5] + 1);
    }
    records.push_back(r);
    man_of_record->push_back(man);
  }
  return records;
}

TEST(ResolverIdentity, DifferentValidAadhaarNumbersNeverShareAPerson) {
  const Resolver resolver(Normalizer());
  std::mt19937 rng(5);
  int refused = 0;
  for (int round = 0; round < 40; ++round) {
    std::vector<int> man;
    std::vector<PersonInput> inputs = LookAlikes(rng, &man);
    for (PersonInput& stranger : Strangers(rng, 300)) inputs.push_back(std::move(stranger));
    ResolveOptions options;
    options.random_pairs = 2000;
    const auto resolution = resolver.Resolve(inputs, options);
    ASSERT_TRUE(resolution.ok()) << resolution.status().message();
    std::map<std::uint32_t, std::set<std::string>> strong_ids_of_person;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (auto id = StrongIdentifier(inputs[i].identifier)) {
        strong_ids_of_person[resolution->cluster[i]].insert(*id);
      }
    }
    for (const auto& [person, ids] : strong_ids_of_person) {
      EXPECT_LE(ids.size(), 1u) << "round " << round << ": person " << person << " holds "
                                << ids.size() << " Aadhaar numbers";
    }
    refused += static_cast<int>(resolution->clustering.refused_by_identifier);
  }
  EXPECT_GT(refused, 0) << "the look-alikes never tempted the model; the test proves nothing";
}

TEST(ResolverIdentity, ReviewerCanJoinRecordsWithDifferentNumbers) {
  const Resolver resolver(Normalizer());
  std::mt19937 rng(9);
  PersonInput a;
  a.id = "a";
  a.name = "Rajesh Kumar";
  a.father_name = "Suresh";
  a.birth_year = 1985;
  a.identifier = RandomAadhaar(rng);
  PersonInput b = a;
  b.id = "b";
  b.identifier = RandomAadhaar(rng);
  ResolveOptions options;
  options.random_pairs = 100;
  auto apart = resolver.Resolve({a, b}, options);
  ASSERT_TRUE(apart.ok());
  EXPECT_NE(apart->cluster[0], apart->cluster[1]);
  options.decisions = {{.a = 0, .b = 1, .same = true}};
  auto joined = resolver.Resolve({a, b}, options);
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->cluster[0], joined->cluster[1]);
}

}  // namespace
}  // namespace sutra::algorithms::er
