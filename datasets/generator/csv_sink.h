// Writes FIRs as the CSV bundle of datasets/README.md ("The CSV bundle layout"): stations.csv
// (with district_code and state_code), locations.csv, cases.csv, persons.csv (with dob),
// vehicles.csv and calls.csv in one directory. Every location is listed once, before or with
// the first FIR that mentions it.
#pragma once

#include <filesystem>

#include "datasets/generator/sink.h"

namespace sutra::gen {

StatusOr<std::unique_ptr<FirSink>> MakeCsvSink(const std::filesystem::path& dir);

}  // namespace sutra::gen
