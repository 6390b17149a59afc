// `sutra gen`: a deterministic generator of CCTNS-like police records with ground truth.
//
// Generate() builds a world (states, districts, stations, repeat offenders, gangs, hubs), plans
// every FIR (date, station, offence, which repeat offenders it involves), then writes the FIRs
// in registration-date order to a sink: the CSV bundle of datasets/README.md or the JSONL FIR
// feed, each with truth.csv. The same options and seed give byte-identical output.
//
// The rates are documented with their defaults in datasets/README.md ("The generator").
//
// Thread safety: Generate() uses no global state; separate calls may run on separate threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>

#include "datasets/generator/identity.h"
#include "storage/status.h"

namespace sutra::gen {

struct GeneratorOptions {
  std::uint64_t firs = 1000;
  std::uint64_t seed = 1;
  std::uint32_t stations = 0;  // 0: firs / 200, at least 8 and at most 17,000

  // Who offends again.
  double repeat_share = 0.08;  // share of distinct accused persons who are repeat offenders
  int min_appearances = 2;     // FIRs per repeat offender, at least
  int max_appearances = 12;    // and at most
  std::uint32_t gangs = 0;     // 0: firs / 400, at least 1
  int gang_min_size = 3;
  int gang_max_size = 8;
  double away_share = 0.15;     // a repeat offender's FIRs registered outside the home district
  double migrant_share = 0.06;  // persons whose name comes from another state's traditions
  double alias_share = 0.25;    // accused persons known by an alias

  // How records write names and ages.
  SpellingRates spelling;

  // Protected facts.
  double juvenile_rate = 0.03;         // accused persons under 18
  double wrongful_arrest_rate = 0.01;  // arrested records marked wrongful_arrest

  // Links.
  double hub_rate = 0.02;    // accused records giving a lawyer's phone or a lodge as address
  double calls_rate = 0.04;  // FIRs without a gang that still carry call records
};

// Checks ranges: rates in [0, 1], 2 <= min_appearances <= max_appearances, 2 <= gang sizes,
// 1 <= firs <= 20,000,000. The message names the option.
Status Validate(const GeneratorOptions& options);

enum class OutputFormat { kCsv, kJsonl };

struct GenerationSummary {
  std::uint64_t firs = 0;
  std::uint64_t stations = 0;
  std::uint64_t locations = 0;
  std::uint64_t person_records = 0;
  std::uint64_t persons = 0;    // distinct true persons with at least one record
  std::uint64_t repeaters = 0;  // repeat offenders (gang members included)
  std::uint64_t gangs = 0;
  std::uint64_t vehicle_rows = 0;
  std::uint64_t call_rows = 0;
  std::uint64_t bytes_written = 0;
};

// Called now and then with the FIRs written so far (for progress display).
using ProgressFn = std::function<void(std::uint64_t firs_done)>;

// Writes the output into directory `out` (created if missing; existing files of the same names
// are replaced). CSV: stations.csv, locations.csv, cases.csv, persons.csv, vehicles.csv,
// calls.csv, truth.csv. JSONL: firs.jsonl, truth.csv. Fails with the file name on any I/O error.
StatusOr<GenerationSummary> Generate(const GeneratorOptions& options, OutputFormat format,
                                     const std::filesystem::path& out,
                                     const ProgressFn& progress = {});

}  // namespace sutra::gen
