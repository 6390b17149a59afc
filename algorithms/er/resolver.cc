// Resolver: the entity-resolution pipeline (resolver.h).
#include "algorithms/er/resolver.h"

#include <algorithm>
#include <cctype>
#include <random>

#include "algorithms/er/strong_identifier.h"

namespace sutra::algorithms::er {
namespace {

// The year of a date written with the year first; nullopt when it is not one.
std::optional<int> YearOf(const std::string& date) {
  if (date.size() < 4) return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return std::nullopt;
    year = year * 10 + (date[i] - '0');
  }
  if (year < 1850 || year > 2100) return std::nullopt;
  return year;
}

// Lowercase ASCII words of `romanized` text.
std::vector<std::string> Words(const std::string& romanized) {
  std::vector<std::string> words;
  std::string word;
  for (char c : romanized + ' ') {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

std::string Digits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  return digits.size() > 10 ? digits.substr(digits.size() - 10) : digits;
}

// Name tokens that say something for blocking: initials are too common to block on.
std::vector<std::string> BlockableTokens(const std::vector<std::string>& tokens) {
  std::vector<std::string> keys;
  for (const std::string& t : tokens) {
    if (t.size() >= 2) keys.push_back(PhoneticKey(t));
  }
  return keys;
}

}  // namespace

ErRecord Resolver::Normalize(const PersonInput& input) const {
  ErRecord r;
  r.id = input.id;
  NormalizedName name = normalizer_.Normalize(input.name);
  r.name_tokens = std::move(name.tokens);
  r.father_tokens = input.father_name.empty() ? std::move(name.relative)
                                              : normalizer_.Normalize(input.father_name).tokens;
  r.birth.birth_year = input.birth_year ? input.birth_year : YearOf(input.dob);
  r.birth.age = input.age;
  r.birth.reference_year = input.age_year;
  r.phone = input.phone;
  if (!input.address.empty()) r.address_tokens = Words(normalizer_.Romanize(input.address));
  r.identifier = input.identifier;
  return r;
}

std::vector<std::string> Resolver::BlockingKeys(const ErRecord& r) {
  std::vector<std::string> keys;
  const std::vector<std::string> names = BlockableTokens(r.name_tokens);
  const std::optional<int> year = DerivedBirthYear(r.birth);
  // The first and last name words together, in either order.
  if (names.size() >= 2) {
    std::string a = names.front(), b = names.back();
    if (b < a) std::swap(a, b);
    keys.push_back("nn:" + a + "|" + b);
  }
  const std::vector<std::string> father = BlockableTokens(r.father_tokens);
  std::vector<const std::string*> numbers;  // of the address: house number, postcode
  for (const std::string& w : r.address_tokens) {
    if (w.size() >= 3 && std::all_of(w.begin(), w.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      numbers.push_back(&w);
    }
  }
  for (const std::string& n : names) {
    // A name word with the birth year, the father's first name word or an address number:
    // each survives a misspelling of every other name word.
    if (year) keys.push_back("ny:" + n + "|" + std::to_string(*year));
    if (!father.empty()) keys.push_back("nf:" + n + "|" + father.front());
    for (const std::string* w : numbers) keys.push_back("na:" + n + "|" + *w);
  }
  if (const std::string phone = Digits(r.phone); phone.size() >= 6) keys.push_back("ph:" + phone);
  if (!r.identifier.empty()) keys.push_back("id:" + r.identifier);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

StatusOr<Resolution> Resolver::Resolve(const std::vector<PersonInput>& inputs,
                                       const ResolveOptions& options) const {
  if (inputs.size() >= UINT32_MAX) return InvalidArgument("too many records for one resolution");
  Resolution res;
  res.records.reserve(inputs.size());
  for (const PersonInput& input : inputs) res.records.push_back(Normalize(input));
  res.frequencies = CountValues(res.records);

  std::vector<std::vector<std::string>> keys;
  keys.reserve(res.records.size());
  for (const ErRecord& r : res.records) keys.push_back(BlockingKeys(r));
  const auto candidates = CandidatePairs(keys, options.blocking, &res.blocking);
  keys = {};

  // u from random pairs (almost all of them different people), m and λ by EM on the candidates.
  if (res.records.size() >= 2) {
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, res.records.size() - 1);
    SUTRA_RETURN_IF_ERROR(res.model.EstimateU(options.random_pairs, [&] {
      std::size_t a = pick(rng), b = pick(rng);
      while (b == a) b = pick(rng);
      return Levels(Compare(res.records[a], res.records[b]));
    }));
  }
  std::vector<LevelVector> levels;
  std::vector<std::vector<std::optional<double>>> frequencies;
  levels.reserve(candidates.size());
  frequencies.reserve(candidates.size());
  for (const auto& [a, b] : candidates) {
    const std::vector<FieldComparison> c = Compare(res.records[a], res.records[b]);
    levels.push_back(Levels(c));
    frequencies.push_back(TfFrequencies(c, res.frequencies));
  }
  if (!levels.empty()) {
    SUTRA_ASSIGN_OR_RETURN(res.em, res.model.Estimate(levels, options.em));
  }
  res.scored.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Weights w = res.model.Score(levels[i], frequencies[i]);
    res.scored.push_back({candidates[i].first, candidates[i].second, w.probability});
  }
  ClusterConstraints constraints;
  constraints.decisions = options.decisions;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (std::optional<std::string> id = StrongIdentifier(inputs[i].identifier)) {
      constraints.strong_ids.resize(inputs.size());
      constraints.strong_ids[i] = std::move(*id);
    }
  }
  constraints.plainly_differ = StrongIdentifiersDiffer;
  res.cluster =
      Cluster(res.records.size(), res.scored, options.clustering, constraints, &res.clustering);
  return res;
}

Weights Resolver::Explain(const Resolution& res, std::uint32_t a, std::uint32_t b,
                          std::vector<FieldComparison>* comparisons) {
  std::vector<FieldComparison> c = Compare(res.records[a], res.records[b]);
  const Weights w = res.model.Score(Levels(c), TfFrequencies(c, res.frequencies));
  if (comparisons != nullptr) *comparisons = std::move(c);
  return w;
}

}  // namespace sutra::algorithms::er
