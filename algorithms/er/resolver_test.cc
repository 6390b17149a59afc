#include "algorithms/er/resolver.h"

#include <gtest/gtest.h>

#include <cstdio>
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

TEST(Resolver, ReadsDatesOfBirthYearFirstOrDayFirst) {
  const Resolver resolver(Normalizer());
  auto birth = [&](const std::string& dob) {
    PersonInput p;
    p.name = "Lola Brown";
    p.dob = dob;
    return resolver.Normalize(p).birth;
  };
  for (const std::string dob : {"1984-03-02", "19840302", "02/03/1984", " 1984 3 2"}) {
    const BirthInfo b = birth(dob);
    EXPECT_EQ(b.birth_year, 1984) << dob;
    EXPECT_EQ(b.birth_month, 3) << dob;
    EXPECT_EQ(b.birth_day, 2) << dob;
  }
  EXPECT_EQ(birth("1984").birth_year, 1984);
  EXPECT_EQ(birth("1984").birth_month, std::nullopt);
  EXPECT_EQ(birth("1984-03").birth_month, std::nullopt);
  EXPECT_EQ(birth("19973015").birth_month, 30);  // a slip, kept for the typo level
  EXPECT_EQ(birth("unknown").birth_year, std::nullopt);
  EXPECT_EQ(birth("0303").birth_year, std::nullopt);
  // An explicit birth year that disagrees with the date wins, and the date is dropped.
  PersonInput p;
  p.dob = "1984-03-02";
  p.birth_year = 1985;
  const BirthInfo b = resolver.Normalize(p).birth;
  EXPECT_EQ(b.birth_year, 1985);
  EXPECT_EQ(b.birth_month, std::nullopt);
}

std::vector<std::string> SharedKeys(const ErRecord& a, const ErRecord& b) {
  const auto ka = Resolver::BlockingKeys(a), kb = Resolver::BlockingKeys(b);
  std::vector<std::string> shared;
  std::set_intersection(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(shared));
  return shared;
}

TEST(Resolver, BlockingKeysSurviveSlipsInEveryField) {
  const Resolver resolver(Normalizer());
  auto record = [&](std::string name, std::string dob, std::string email = "",
                    std::string address = "") {
    PersonInput p;
    p.name = std::move(name);
    p.dob = std::move(dob);
    p.email = std::move(email);
    p.address = std::move(address);
    return resolver.Normalize(p);
  };
  auto has = [](const std::vector<std::string>& keys, const std::string& prefix) {
    return std::any_of(keys.begin(), keys.end(),
                       [&](const std::string& k) { return k.starts_with(prefix); });
  };
  // Both names garbled: the date of birth alone, or the e-mail address alone.
  EXPECT_TRUE(has(SharedKeys(record("Lola Brown", "1983-11-06"), record("Lol Bron", "1983-11-06")),
                  "dob:"));
  const ErRecord email_a = record("Lola Brown", "", " Lola.B@Martinez.net");
  EXPECT_EQ(email_a.email, "lola.b@martinez.net");
  EXPECT_TRUE(has(SharedKeys(email_a, record("Lol Bron", "", "lola.b@martinez.net")), "em:"));
  // A surname kept and the year mistyped: the day and month; or the day mistyped: the year.
  EXPECT_TRUE(
      has(SharedKeys(record("Lola Brown", "1983-11-06"), record("Brown", "1993-11-06")), "nd:"));
  EXPECT_TRUE(
      has(SharedKeys(record("Lola Brown", "1983-11-06"), record("Brown", "1983-01-02")), "ny:"));
  // A name word with a misspelt town (a doubled letter, a wrong vowel: same phonetic key), or
  // with a postcode.
  EXPECT_TRUE(has(SharedKeys(record("Lola Brown", "", "", "London"),
                             record("Brown", "1990-01-01", "", "Londdan")),
                  "nw:"));
  EXPECT_TRUE(has(SharedKeys(record("Lola Brown", "", "", "6 Giblin Street 4011"),
                             record("Brown", "1990-01-01", "", "Killarney 4011")),
                  "na:"));
  // A rare name word alone (the resolver caps these blocks small).
  EXPECT_TRUE(has(SharedKeys(record("Jaswinder", ""), record("Jaswinder Kaur", "")), "n:"));
  EXPECT_TRUE(
      SharedKeys(record("Lola Brown", "1983-11-06"), record("Amit Shah", "1991-02-03")).empty());
}

// A population of distinct people, some written two or three times with the variations police
// records show, and two different men called Rajesh Kumar: the duplicates are found, nobody
// else is merged, and the two Rajesh Kumars stay apart.
// Record pairs of one true person (`expected`), of those the ones put in one cluster (`found`),
// and pairs of different people put in one cluster (`wrong`).
struct PairCounts {
  std::size_t expected = 0, found = 0, wrong = 0;
};
template <typename Truth>
PairCounts CountPairs(const std::vector<std::uint32_t>& cluster, const std::vector<Truth>& truth) {
  PairCounts c;
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    for (std::size_t j = i + 1; j < cluster.size(); ++j) {
      const bool same = truth[i] == truth[j], merged = cluster[i] == cluster[j];
      c.expected += same;
      c.found += same && merged;
      c.wrong += !same && merged;
    }
  }
  return c;
}

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
  const auto [expected, found, wrong] = CountPairs(res->cluster, truth);
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

// People written twice with the slips of hand-typed forms: a name word left out, one digit of
// the date of birth wrong or day and month swapped, the e-mail address mistyped. The full date
// and the e-mail address, compared with their typo levels, find them.
TEST(Resolver, FindsPeopleThroughSlipsInDateOfBirthAndEmail) {
  // 400 names for 300 people: a few namesakes, as in life. (With 100 names every name was held
  // by three people, and a name read against the candidate pairs says almost nothing.)
  const std::vector<std::string> given = {
      "Lola",   "Oliver", "Amelia", "Harry",  "Isla", "Jacob",  "Freya", "Noah", "Ella", "Arthur",
      "Sophie", "Oscar",  "Grace",  "George", "Lily", "Thomas", "Ruby",  "Leo",  "Evie", "Henry"};
  const std::vector<std::string> family = {"Brown",  "Taylor", "Wilson", "Evans",  "Wright",
                                           "Walker", "Hughes", "Hall",   "Green",  "Wood",
                                           "Clarke", "Turner", "Hill",   "Cooper", "Ward",
                                           "Morris", "Baker",  "Harris", "Lewis",  "Scott"};
  std::mt19937 rng(9);
  std::vector<PersonInput> inputs;
  std::vector<int> truth;
  auto add = [&](int person, std::string name, std::string dob, std::string email) {
    PersonInput p;
    p.id = std::to_string(inputs.size());
    p.name = std::move(name);
    p.dob = std::move(dob);
    p.email = std::move(email);
    inputs.push_back(std::move(p));
    truth.push_back(person);
  };
  for (int person = 0; person < 300; ++person) {
    const std::string first = given[rng() % given.size()], last = family[rng() % family.size()];
    const int year = 1950 + static_cast<int>(rng() % 55), month = 1 + static_cast<int>(rng() % 12);
    const int day = 1 + static_cast<int>(rng() % 28);
    char dob[16];
    std::snprintf(dob, sizeof(dob), "%04d-%02d-%02d", year, month, day);
    // Namesakes' addresses differ only in their numbers, which are never one slip apart (no two
    // multiples of 29 below 9000 differ in one digit): a slip there would be a fair match.
    const std::string email =
        first + "." + last + std::to_string(1000 + 29 * person) + "@example.org";
    add(person, first + " " + last, dob, email);
    if (person % 2 != 0) continue;
    std::string slipped_dob = dob, slipped_email = email;
    std::string name = first + " " + last;
    switch (person % 6) {
      case 0:  // a name word left out
        name = last;
        break;
      case 2:  // a digit of the date and a letter of the address
        slipped_dob[9] = slipped_dob[9] == '9' ? '8' : static_cast<char>(slipped_dob[9] + 1);
        std::swap(slipped_email[1], slipped_email[2]);
        break;
      default:  // day and month swapped, no address given
        std::snprintf(dob, sizeof(dob), "%04d-%02d-%02d", year, day, month);
        slipped_dob = dob;
        slipped_email.clear();
        break;
    }
    add(person, name, slipped_dob, slipped_email);
  }
  const Resolver resolver(Normalizer());
  auto res = resolver.Resolve(inputs);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  const auto [expected, found, wrong] = CountPairs(res->cluster, truth);
  EXPECT_GE(found, expected * 9 / 10) << "of " << expected << " repeated people";
  EXPECT_LE(wrong, 2u);
  // The model learned that a mistyped date is evidence for, not against, one person.
  const FieldParams& birth = res->model.fields()[static_cast<int>(ErField::kBirth)];
  const Level typo = AsLevel(BirthLevel::kDateTypo);
  EXPECT_GT(birth.m[typo], birth.u[typo]);
}

}  // namespace
}  // namespace sutra::algorithms::er
