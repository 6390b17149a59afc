// bench_er: entity resolution on the shared person data sets with ground truth.
//
//   bench_er [--datasets DIR] [--random-pairs N]
//
// For each data set: its records are read with the ready-made column mapping (febrl, splink),
// resolved with one and the same set of options (no labels, no per-set tuning), and the
// persons found are scored against the truth: pairwise precision, recall and F1 (over pairs of
// records put in one person), B-cubed F1, candidate pairs compared, seconds. FEBRL 4a and 4b
// are resolved together (a linkage: their matches are across the two files).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <unordered_map>

#include "algorithms/er/resolver.h"
#include "ingest/person_file.h"
#include "tests/bench/bench_support.h"

namespace sutra::bench {
namespace {

using algorithms::er::PersonInput;
using ingest::PersonField;

std::optional<int> ToInt(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The column mapping of a person file onto the resolver's input.
PersonInput ToInput(const ingest::PersonFileRecord& r) {
  auto get = [&](PersonField f) {
    auto it = r.fields.find(f);
    return it == r.fields.end() ? std::string() : it->second;
  };
  PersonInput in;
  in.id = r.id;
  in.name = get(PersonField::kFullName);
  if (in.name.empty()) in.name = get(PersonField::kGivenName) + " " + get(PersonField::kSurname);
  in.father_name = get(PersonField::kFatherName);
  in.dob = get(PersonField::kDob);
  in.birth_year = ToInt(get(PersonField::kBirthYear));
  in.age = ToInt(get(PersonField::kAge));
  in.phone = get(PersonField::kPhone);
  for (PersonField f :
       {PersonField::kAddress, PersonField::kCity, PersonField::kPostcode, PersonField::kState}) {
    if (const std::string v = get(f); !v.empty()) in.address += (in.address.empty() ? "" : " ") + v;
  }
  in.identifier = get(PersonField::kIdNumber);
  if (in.identifier.empty()) in.identifier = get(PersonField::kEmail);
  return in;
}

struct Scores {
  double precision = 0, recall = 0, f1 = 0, bcubed_f1 = 0;
};

// Pairwise and B-cubed scores of `cluster` (per record) against `truth` (per record).
Scores Evaluate(const std::vector<std::uint32_t>& cluster, const std::vector<std::string>& truth) {
  std::unordered_map<std::uint32_t, std::uint64_t> predicted_size;
  std::unordered_map<std::string, std::uint64_t> true_size;
  std::map<std::pair<std::uint32_t, std::string>, std::uint64_t> both;
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    ++predicted_size[cluster[i]];
    ++true_size[truth[i]];
    ++both[{cluster[i], truth[i]}];
  }
  auto pairs = [](std::uint64_t n) { return n * (n - 1) / 2; };
  std::uint64_t predicted = 0, actual = 0, correct = 0;
  for (const auto& [c, n] : predicted_size) predicted += pairs(n);
  for (const auto& [t, n] : true_size) actual += pairs(n);
  for (const auto& [k, n] : both) correct += pairs(n);
  Scores s;
  s.precision = predicted == 0 ? 1 : static_cast<double>(correct) / predicted;
  s.recall = actual == 0 ? 1 : static_cast<double>(correct) / actual;
  s.f1 = s.precision + s.recall == 0 ? 0 : 2 * s.precision * s.recall / (s.precision + s.recall);
  double bp = 0, br = 0;
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    const double common = static_cast<double>(both[{cluster[i], truth[i]}]);
    bp += common / predicted_size[cluster[i]];
    br += common / true_size[truth[i]];
  }
  bp /= cluster.size();
  br /= cluster.size();
  s.bcubed_f1 = 2 * bp * br / (bp + br);
  return s;
}

}  // namespace
}  // namespace sutra::bench

int main(int argc, char** argv) {
  using namespace sutra;
  std::string datasets = "../shared/datasets";
  std::size_t random_pairs = 200000;
  algorithms::er::ResolveOptions options;
  CLI::App app{"Entity resolution on the shared person data sets, scored against their truth"};
  app.add_option("--datasets", datasets, "The shared datasets directory")->capture_default_str();
  app.add_option("--random-pairs", random_pairs, "Random pairs for the u-probabilities")
      ->capture_default_str();
  app.add_option("--threshold", options.clustering.threshold,
                 "Match probability below which pairs never join records")
      ->capture_default_str();
  app.add_option("--cohesion", options.clustering.cohesion,
                 "Average cross-pair probability a merge of two persons needs")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (!std::filesystem::exists(datasets)) {
    std::cerr << "bench_er: " << datasets << " not found (give --datasets DIR)\n";
    return 1;
  }
  auto normalizer =
      algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default());
  if (!normalizer.ok()) {
    std::cerr << "bench_er: " << normalizer.status().ToString() << "\n";
    return 1;
  }
  const algorithms::er::Resolver resolver(*normalizer);
  struct Set {
    std::string name, preset;
    std::vector<std::string> files;
  };
  const std::vector<Set> sets = {
      {"FEBRL 1", "febrl", {"febrl/dataset1.csv"}},
      {"FEBRL 2", "febrl", {"febrl/dataset2.csv"}},
      {"FEBRL 3", "febrl", {"febrl/dataset3.csv"}},
      {"FEBRL 4a+4b", "febrl", {"febrl/dataset4a.csv", "febrl/dataset4b.csv"}},
      {"fake_1000", "splink", {"splink_fake_1000/fake_1000.csv"}},
  };
  fmt::print("{:<12} {:>8} {:>10} {:>9} {:>7} {:>7} {:>9} {:>8}\n", "data set", "records",
             "candidates", "precision", "recall", "F1", "B-cubed", "seconds");
  for (const Set& set : sets) {
    std::vector<algorithms::er::PersonInput> inputs;
    std::vector<std::string> truth;
    for (const std::string& file : set.files) {
      auto loaded = ingest::LoadPersonFile(std::filesystem::path(datasets) / file,
                                           *ingest::PersonFilePreset(set.preset));
      if (!loaded.ok()) {
        std::cerr << "bench_er: " << loaded.status().ToString() << "\n";
        return 1;
      }
      for (const auto& r : loaded->records) {
        inputs.push_back(bench::ToInput(r));
        truth.push_back(r.truth);
      }
    }
    options.random_pairs = random_pairs;
    bench::Stopwatch clock;
    auto resolution = resolver.Resolve(inputs, options);
    const double seconds = clock.Seconds();
    if (!resolution.ok()) {
      std::cerr << "bench_er: " << set.name << ": " << resolution.status().ToString() << "\n";
      return 1;
    }
    const bench::Scores s = bench::Evaluate(resolution->cluster, truth);
    fmt::print("{:<12} {:>8} {:>10} {:>9.4f} {:>7.4f} {:>7.4f} {:>9.4f} {:>8.2f}\n", set.name,
               inputs.size(), resolution->scored.size(), s.precision, s.recall, s.f1, s.bcubed_f1,
               seconds);
  }
  fmt::print("\npeak resident memory: {:.0f} MiB\n", bench::PeakResidentMiB());
  return 0;
}
