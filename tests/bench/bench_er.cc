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
#include "engine/er/person_file_input.h"
#include "ingest/person_file.h"
#include "tests/bench/bench_support.h"
#include "tests/bench/er_scores.h"

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
  fmt::print("{:<12} {:>8} {:>10} {:>9} {:>7} {:>7} {:>9} {:>8} {:>9}\n", "data set", "records",
             "candidates", "precision", "recall", "F1", "B-cubed", "seconds", "peak MiB");
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
        inputs.push_back(engine::er::ToPersonInput(r));
        truth.push_back(r.truth);
      }
    }
    options.random_pairs = random_pairs;
    bench::MemorySampler memory;
    bench::Stopwatch clock;
    auto resolution = resolver.Resolve(inputs, options);
    const double seconds = clock.Seconds();
    memory.Stop();
    if (!resolution.ok()) {
      std::cerr << "bench_er: " << set.name << ": " << resolution.status().ToString() << "\n";
      return 1;
    }
    const bench::ErScores s = bench::ScoreResolution(resolution->cluster, truth);
    fmt::print("{:<12} {:>8} {:>10} {:>9.4f} {:>7.4f} {:>7.4f} {:>9.4f} {:>8.2f} {:>9.0f}\n",
               set.name, inputs.size(), resolution->scored.size(), s.precision, s.recall, s.f1,
               s.bcubed_f1, seconds, memory.peak_anon());
  }
  fmt::print("\npeak MiB: the largest anonymous memory (heap) seen while resolving that set\n");
  return 0;
}
