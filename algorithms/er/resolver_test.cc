#include "algorithms/er/resolver.h"

#include <gtest/gtest.h>

#include <random>

namespace sutra::algorithms::er {
namespace {

const NameNormalizer& Normalizer() {
  static const NameNormalizer* normalizer =
      new NameNormalizer(std::move(NameNormalizer::Create(SpellingTable::Default()).value()));
  return *normalizer;
}

PersonInput Person(std::string id, std::string name, std::string father, int birth_year,
                   std::string phone = "") {
  PersonInput p;
  p.id = std::move(id);
  p.name = std::move(name);
  p.father_name = std::move(father);
  p.birth_year = birth_year;
  p.phone = std::move(phone);
  return p;
}

TEST(Resolver, SpellingsOfOneManShareABlockingKey) {
  const Resolver resolver(Normalizer());
  const ErRecord a = resolver.Normalize(Person("a", "Mohd. Irfan s/o Salim", "", 1991));
  const ErRecord b = resolver.Normalize(Person("b", "Mohammad Irfaan", "Saleem", 1991));
  EXPECT_EQ(a.father_tokens, b.father_tokens);
  const auto ka = Resolver::BlockingKeys(a), kb = Resolver::BlockingKeys(b);
  std::vector<std::string> shared;
  std::set_intersection(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(shared));
  EXPECT_FALSE(shared.empty());
}

// A population of distinct people, some written two or three times with the variations police
// records show, and two different men called Rajesh Kumar: the duplicates are found, nobody
// else is merged, and the two Rajesh Kumars stay apart.
TEST(Resolver, FindsRepeatedPeopleAndKeepsNamesakesApart) {
  const std::vector<std::string> given = {
      "Ramesh", "Suresh", "Anil", "Sunil", "Vikas", "Pooja", "Irfan", "Salim",   "Deepak", "Manoj",
      "Sanjay", "Rakesh", "Amit", "Ajay",  "Vijay", "Geeta", "Sita",  "Lakshmi", "Arjun",  "Kiran"};
  const std::vector<std::string> family = {"Sharma", "Verma",  "Yadav", "Khan",  "Patil",
                                           "Reddy",  "Naidu",  "Gupta", "Singh", "Mishra",
                                           "Pandey", "Shinde", "Joshi", "Rao",   "Iyer"};
  std::mt19937 rng(3);
  std::vector<PersonInput> inputs;
  std::vector<int> truth;
  for (int person = 0; person < 300; ++person) {
    const std::string name = given[rng() % given.size()] + " " + family[rng() % family.size()];
    const std::string father = given[rng() % given.size()] + " " + family[rng() % family.size()];
    const int year = 1960 + static_cast<int>(rng() % 45);
    const std::string phone = "98" + std::to_string(10000000 + rng() % 89999999);
    inputs.push_back(Person("p" + std::to_string(person), name, father, year, phone));
    truth.push_back(person);
    if (person % 5 == 0) {  // written again: father missing, phone kept, name order swapped
      const std::size_t space = name.find(' ');
      inputs.push_back(Person("q" + std::to_string(person),
                              name.substr(space + 1) + " " + name.substr(0, space), "", year,
                              phone));
      truth.push_back(person);
    }
  }
  inputs.push_back(Person("rk1", "Rajesh Kumar", "Mohan Lal", 1980, "9811111111"));
  truth.push_back(1000);
  inputs.push_back(Person("rk2", "Rajesh Kumar", "Shyam Sundar", 1993, "9822222222"));
  truth.push_back(1001);

  const Resolver resolver(Normalizer());
  auto res = resolver.Resolve(inputs);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  std::size_t found = 0, wrong = 0, expected = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (std::size_t j = i + 1; j < inputs.size(); ++j) {
      const bool same = truth[i] == truth[j], merged = res->cluster[i] == res->cluster[j];
      expected += same;
      found += same && merged;
      wrong += !same && merged;
    }
  }
  EXPECT_GE(found, expected * 9 / 10) << "of " << expected << " repeated people";
  EXPECT_EQ(wrong, 0u);
  EXPECT_NE(res->cluster[inputs.size() - 1], res->cluster[inputs.size() - 2]);

  // The explanation of a found pair names every field and adds up to the match weight.
  std::vector<FieldComparison> fields;
  const Weights w = Resolver::Explain(*res, 0, 1, &fields);
  ASSERT_EQ(fields.size(), static_cast<std::size_t>(kErFieldCount));
  double sum = w.prior_weight;
  for (const FieldWeight& f : w.fields) sum += f.weight;
  EXPECT_NEAR(sum, w.match_weight, 1e-9);
}

}  // namespace
}  // namespace sutra::algorithms::er
