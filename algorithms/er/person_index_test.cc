// PersonIndex: matching one new record against resolved persons, and ranked person search.

#include "algorithms/er/person_index.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "algorithms/er/explanation.h"
#include "algorithms/er/test_people.h"

namespace sutra::algorithms::er {
namespace {

using testing_people::Normalizer;
using testing_people::RandomAadhaar;
using testing_people::Strangers;

// Strangers plus one man written four ways; resolved, then indexed with person = cluster id.
class PersonIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(3);
    inputs_ = Strangers(rng, 400);
    aadhaar_ = RandomAadhaar(rng);
    for (const char* name : {"Mohd Irfan", "Mohammad Irfaan", "Md. Irfan", "Mohammed Irfan"}) {
      PersonInput r;
      r.id = std::string("irfan-") + name;
      r.name = name;
      r.father_name = "Salim Khan";
      r.birth_year = 1991;
      r.address = "14 Chandni Chowk Delhi";
      r.phone = "9876543210";
      r.identifier = aadhaar_;
      inputs_.push_back(r);
    }
    const Resolver resolver(Normalizer());
    ResolveOptions options;
    options.random_pairs = 20000;
    auto res = resolver.Resolve(inputs_, options);
    ASSERT_TRUE(res.ok()) << res.status().message();
    irfan_person_ = res->cluster[inputs_.size() - 1];
    ASSERT_EQ(res->cluster[inputs_.size() - 4], irfan_person_) << "the four Irfans are one person";
    index_ = std::make_unique<PersonIndex>(res->model, options);
    for (std::size_t i = 0; i < res->records.size(); ++i) {
      index_->Add(res->records[i], res->cluster[i],
                  StrongIdentifier(inputs_[i].identifier).value_or(""));
    }
    index_->Seal();
  }

  ErRecord Normalized(const PersonInput& input) const {
    return Resolver(Normalizer()).Normalize(input);
  }

  PersonInput NewIrfan() const {
    PersonInput r;
    r.id = "new";
    r.name = "Mohamad Irphan";
    r.father_name = "Saleem Khan";
    r.age = 33;
    r.age_year = 2024;
    r.address = "Chandni Chowk, Delhi";
    r.phone = "+91 98765 43210";
    return r;
  }

  std::vector<PersonInput> inputs_;
  std::string aadhaar_;
  std::uint32_t irfan_person_ = 0;
  std::unique_ptr<PersonIndex> index_;
};

TEST_F(PersonIndexTest, ANewSpellingJoinsTheKnownPerson) {
  const auto match = index_->Decide(Normalized(NewIrfan()), "");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->person, irfan_person_);
  EXPECT_GE(match->best_probability, 0.8);
  EXPECT_GE(match->average, 0.5);
}

TEST_F(PersonIndexTest, AStrangerJoinsNoOne) {
  PersonInput r;
  r.name = "Jaswinder Singh Gill";
  r.father_name = "Harbhajan Singh";
  r.birth_year = 1970;
  r.address = "Ward 9 Bathinda";
  EXPECT_FALSE(index_->Decide(Normalized(r), "").has_value());
}

TEST_F(PersonIndexTest, ADifferentAadhaarNumberKeepsTheRecordOut) {
  std::mt19937 rng(99);
  const std::string other = *StrongIdentifier(RandomAadhaar(rng));
  EXPECT_FALSE(index_->Decide(Normalized(NewIrfan()), other).has_value());
  EXPECT_TRUE(index_->Decide(Normalized(NewIrfan()), *StrongIdentifier(aadhaar_)).has_value());
}

TEST_F(PersonIndexTest, SearchByNameAloneRanksThePersonFirstAndExplainsIt) {
  PersonInput query;
  query.name = "Irfan";
  query.father_name = "Salim";
  const ErRecord q = Normalized(query);
  const PersonLookup found = index_->Find(q, 0.0, 5);
  ASSERT_FALSE(found.persons.empty());
  EXPECT_EQ(found.persons.front().person, irfan_person_);
  EXPECT_EQ(found.persons.front().records_scored, 4u);
  EXPECT_LE(found.persons.size(), 5u);
  for (std::size_t i = 1; i < found.persons.size(); ++i) {
    EXPECT_LE(found.persons[i].best_probability, found.persons[i - 1].best_probability);
  }
  std::vector<FieldComparison> comparisons;
  const Weights w = index_->Explain(q, found.persons.front().best_record, &comparisons);
  const Explanation e = Explain(w, comparisons);
  EXPECT_EQ(e.fields.size(), comparisons.size());
  EXPECT_DOUBLE_EQ(e.probability, found.persons.front().best_probability);
  EXPECT_NE(ExplanationLine(e).find("name "), std::string::npos);
}

TEST_F(PersonIndexTest, AddedRecordsAreFoundByLaterLookups) {
  const ErRecord record = Normalized(NewIrfan());
  const std::uint32_t index = index_->Add(record, 777777);
  EXPECT_EQ(index_->person_of(index), 777777u);
  EXPECT_EQ(index_->person_size(777777), 1u);
  const PersonLookup found = index_->Find(record, 0.99, 10);
  bool saw_new = false;
  for (const PersonMatch& m : found.persons) saw_new |= m.person == 777777;
  EXPECT_TRUE(saw_new);
}

}  // namespace
}  // namespace sutra::algorithms::er
