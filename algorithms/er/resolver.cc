// Resolver: the entity-resolution pipeline (resolver.h).
#include "algorithms/er/resolver.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <random>

#include "algorithms/er/candidate_scoring.h"
#include "algorithms/parallel.h"
#include "algorithms/er/strong_identifier.h"

namespace sutra::algorithms::er {
namespace {

// The value of a short run of ASCII digits.
int Number(const std::string& digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool PlausibleYear(int year) { return year >= 1850 && year <= 2100; }

// The runs of digits in `text`.
std::vector<std::string> DigitGroups(const std::string& text) {
  std::vector<std::string> groups(1);
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      groups.back().push_back(c);
    } else if (!groups.back().empty()) {
      groups.emplace_back();
    }
  }
  if (groups.back().empty()) groups.pop_back();
  return groups;
}

// Reads a date of birth into `birth`: the year, and the month and day when the text has them
// (year first, "1984-03-02" or "19840302", else day first, "02/03/1984"). Leaves `birth` alone
// when no plausible year is found.
void ReadDob(const std::string& text, BirthInfo& birth) {
  const std::vector<std::string> groups = DigitGroups(text);
  if (groups.empty()) return;
  int year = 0, month = 0, day = 0;
  bool has_date = false;
  const std::string& first = groups.front();
  if (groups.size() == 1 && first.size() == 8 && PlausibleYear(Number(first.substr(0, 4)))) {
    year = Number(first.substr(0, 4));
    month = Number(first.substr(4, 2));
    day = Number(first.substr(6, 2));
    has_date = true;
  } else if (first.size() >= 4) {
    year = Number(first.substr(0, 4));
    if (groups.size() >= 3 && first.size() == 4 && groups[1].size() <= 2 && groups[2].size() <= 2) {
      month = Number(groups[1]);
      day = Number(groups[2]);
      has_date = true;
    }
  } else if (groups.size() >= 3 && groups[2].size() == 4 && groups[1].size() <= 2) {
    year = Number(groups[2]);
    month = Number(groups[1]);
    day = Number(first);
    has_date = true;
  }
  if (!PlausibleYear(year)) return;
  birth.birth_year = year;
  if (has_date) {
    birth.birth_month = month;
    birth.birth_day = day;
  }
}

std::string Lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
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
  ReadDob(input.dob, r.birth);
  if (input.birth_year && input.birth_year != r.birth.birth_year) {
    r.birth = {};
    r.birth.birth_year = input.birth_year;
  }
  r.birth.age = input.age;
  r.birth.reference_year = input.age_year;
  r.phone = input.phone;
  if (!input.address.empty()) r.address_tokens = Words(normalizer_.Romanize(input.address));
  r.identifier = input.identifier;
  r.email = Lowercase(Trim(input.email));
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
  // Address words of three characters or more: numbers (house number, postcode) as written,
  // other words by their phonetic key, so that a misspelt town still meets its right spelling.
  std::vector<std::string> numbers, words;
  for (const std::string& w : r.address_tokens) {
    if (w.size() < 3) continue;
    if (std::all_of(w.begin(), w.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
      numbers.push_back(w);
    } else {
      words.push_back(PhoneticKey(w));
    }
  }
  for (std::vector<std::string>* list : {&numbers, &words}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  // Each name word with one other field: each key survives a misspelling of every other name
  // word and of every other field.
  for (const std::string& n : names) {
    if (year) keys.push_back("ny:" + n + "|" + std::to_string(*year));
    // With the day and month of birth: survives a mistyped year.
    if (r.birth.birth_month && r.birth.birth_day) {
      keys.push_back("nd:" + n + "|" + std::to_string(*r.birth.birth_month) + "-" +
                     std::to_string(*r.birth.birth_day));
    }
    if (!father.empty()) keys.push_back("nf:" + n + "|" + father.front());
    // Alone: a rare name word finds the records whose every other field is garbled (the
    // resolver caps these blocks far below the others).
    keys.push_back("n:" + n);
    for (const std::string& w : numbers) keys.push_back("na:" + n + "|" + w);
    // A street or town word is shared by many more people than a postcode: a weak rule.
    for (const std::string& w : words) keys.push_back("nw:" + n + "|" + w);
  }
  if (const std::string phone = Digits(r.phone); phone.size() >= 6) keys.push_back("ph:" + phone);
  if (!r.identifier.empty()) keys.push_back("id:" + r.identifier);
  if (!r.email.empty()) keys.push_back("em:" + r.email);
  // The full date of birth alone: a day shared by more people than the block cap is skipped.
  if (r.birth.birth_year && r.birth.birth_month && r.birth.birth_day) {
    keys.push_back("dob:" + std::to_string(*r.birth.birth_year) + "-" +
                   std::to_string(*r.birth.birth_month) + "-" + std::to_string(*r.birth.birth_day));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

StatusOr<Resolution> Resolver::Resolve(const std::vector<PersonInput>& inputs,
                                       const ResolveOptions& options) const {
  if (inputs.size() >= UINT32_MAX) return InvalidArgument("too many records for one resolution");
  Resolution res;
  auto clock = std::chrono::steady_clock::now();
  auto stage = [&](const char* name) {
    const auto now = std::chrono::steady_clock::now();
    res.stage_seconds.emplace_back(name, std::chrono::duration<double>(now - clock).count());
    clock = now;
  };
  // Normalising and keying are per record: slices of the records on several threads. Keys are
  // hashed as they are made, so their text never piles up.
  const unsigned slices = SliceCount(options.threads, inputs.size());
  res.records.resize(inputs.size());
  std::vector<std::vector<BlockEntry>> entries(slices);
  ForSlices(inputs.size(), slices, [&](std::size_t begin, std::size_t end, unsigned slice) {
    for (std::size_t i = begin; i < end; ++i) {
      res.records[i] = Normalize(inputs[i]);
      AppendBlockEntries(BlockingKeys(res.records[i]), static_cast<std::uint32_t>(i),
                         options.blocking, entries[slice]);
    }
  });
  res.frequencies = CountValues(res.records);
  stage("normalise");

  for (unsigned s = 1; s < slices; ++s) {
    entries[0].insert(entries[0].end(), entries[s].begin(), entries[s].end());
    entries[s] = {};
  }
  const CandidateList candidates =
      CandidatePairs(std::move(entries[0]), res.records.size(), options.blocking, &res.blocking);
  entries = {};
  stage("block");

  std::vector<PreparedRecord> prepared;
  prepared.reserve(res.records.size());
  for (const ErRecord& r : res.records) prepared.push_back(Prepare(r));
  // u from random pairs (almost all of them different people), m and λ by EM on the candidates.
  if (res.records.size() >= 2) {
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, res.records.size() - 1);
    SUTRA_RETURN_IF_ERROR(res.model.EstimateU(options.random_pairs, [&] {
      std::size_t a = pick(rng), b = pick(rng);
      while (b == a) b = pick(rng);
      LevelVector levels(kErFieldCount);
      CompareLevels(prepared[a], prepared[b], levels.data());
      return levels;
    }));
  }
  stage("u from random pairs");
  const ComparedPairs compared = CompareCandidates(prepared, candidates, options.threads);
  prepared = {};
  stage("compare");
  if (!compared.patterns.empty()) {
    SUTRA_ASSIGN_OR_RETURN(
        res.em, res.model.EstimatePatterns(compared.patterns, compared.counts, options.em));
  }
  res.scored = ScoreCandidates(res.model, compared, candidates,
                               RecordFrequencies(res.records, res.frequencies), options.threads);
  stage("EM and score");
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
  stage("cluster");
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
