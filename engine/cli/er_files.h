// What `sutra dedupe` and `sutra link` share: the options that map a CSV file's columns to
// person roles, reading person files with their unreadable rows reported, resolving the
// records, and writing a result file so that a failure never leaves half of one behind.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/er/resolver.h"
#include "ingest/person_file.h"
#include "storage/status.h"

namespace sutra::cli {

// The command-line words of a person-file command, as given.
struct PersonFileArgs {
  std::string id_column;
  std::vector<std::string> fields;  // "ROLE=COLUMN"
  std::string out;
  double threshold = algorithms::er::ResolveOptions{}.clustering.threshold;
};

// Adds --id, --field (repeatable), --out and --threshold to `command`; `threshold_help` says
// what the threshold does for that command.
void AddPersonFileOptions(CLI::App& command, PersonFileArgs& args, std::string threshold_help);

// Checks what CLI11 cannot: the field mappings (ingest::ParseFieldMappings), that the
// threshold is a probability, and that --out is a file in an existing directory that is none
// of `inputs`. InvalidArgument names the option and what to do.
StatusOr<ingest::PersonFileSpec> CheckPersonFileArgs(const PersonFileArgs& args,
                                                     const std::vector<std::string>& inputs);

// Checks that `value` of `option` is a probability (0 to 1).
Status CheckProbability(std::string_view option, double value);

// The readable records of one file as resolver inputs, in file order.
struct LoadedPersons {
  std::vector<algorithms::er::PersonInput> inputs;
  std::size_t rejected = 0;  // rows left out
};

// Reads `path` with `spec`. Each row left out is printed to `errors` as "FILE:LINE: reason"
// (the first 100; then a count of the rest). Fails as LoadPersonFile() does (no header, a
// column missing), and with InvalidArgument "FILE: no readable rows" when no row can be read.
StatusOr<LoadedPersons> LoadPersons(const std::string& path, const ingest::PersonFileSpec& spec,
                                    std::ostream& errors);

// Resolves `inputs` (at least one) with the built-in spelling table.
StatusOr<algorithms::er::Resolution> ResolvePersons(
    const std::vector<algorithms::er::PersonInput>& inputs,
    const algorithms::er::ResolveOptions& options);

// Writes `out` by calling write() on a stream to "OUT.tmp", then renaming it over `out`. On
// any failure the temporary file is removed, `out` is left as it was, and IoError names the
// file.
Status WriteFileAtomically(const std::filesystem::path& out,
                           const std::function<void(std::ostream&)>& write);

// `value` as one RFC 4180 CSV field: quoted when it holds a comma, quote or line break.
std::string CsvField(std::string_view value);

}  // namespace sutra::cli
