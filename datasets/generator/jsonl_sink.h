// Writes FIRs as the JSONL FIR feed (datasets/README.md, "The generator"): `firs.jsonl` with one
// JSON document per line holding the FIR, its station, place, persons, vehicles and calls.
// Field names are the CSV column names; locations are embedded objects; absent values are null.
#pragma once

#include <filesystem>

#include "datasets/generator/sink.h"

namespace sutra::gen {

StatusOr<std::unique_ptr<FirSink>> MakeJsonlSink(const std::filesystem::path& dir);

}  // namespace sutra::gen
