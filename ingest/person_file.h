// Person records from any CSV file whose columns the user maps to roles, for entity-resolution
// benchmarks on public data (FEBRL, Splink's fake_1000; see ../shared/datasets/README.md).
//
// The file is RFC 4180 CSV (csv_reader.h) with a header row. Every header name and field is
// trimmed of spaces and tabs, so FEBRL's "comma and space" files read as plain CSV (a quoted
// field must then start right after the comma). Values are kept as written: a benchmark file
// holds malformed dates and ids on purpose, and judging them is the resolver's business.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/status.h"

namespace sutra::ingest {

enum class PersonField {
  kGivenName,
  kSurname,
  kFullName,
  kFatherName,
  kDob,
  kBirthYear,
  kAge,
  kGender,
  kAddress,
  kCity,
  kPostcode,
  kState,
  kPhone,
  kEmail,
  kIdNumber,
};

// "given_name", "surname", "full_name", "father_name", "dob", "birth_year", "age", "gender",
// "address", "city", "postcode", "state", "phone", "email", "id_number".
std::string_view PersonFieldName(PersonField field);
std::optional<PersonField> ParsePersonField(std::string_view name);

// Where a record's true entity comes from, when the file has ground truth.
enum class TruthSource {
  kNone,
  kColumn,   // the value of truth_column (Splink's `cluster`)
  kFebrlId,  // N of a FEBRL id "rec-N-org" / "rec-N-dup-K" in truth_column
};

struct PersonFileSpec {
  std::string id_column;  // unique, non-empty on every row
  // Role <- column. A role may be given several columns: their non-empty values are joined
  // with one space in this order (FEBRL's street_number, address_1, address_2 -> kAddress).
  std::vector<std::pair<PersonField, std::string>> fields;
  TruthSource truth = TruthSource::kNone;
  std::string truth_column;  // for kColumn and kFebrlId
};

// Builds a spec from command-line words: `mappings` are "ROLE=COLUMN" (ROLE a PersonFieldName);
// `truth`, when given, is "COLUMN" or "febrl:COLUMN". InvalidArgument names the bad word and
// lists the roles.
StatusOr<PersonFileSpec> ParseFieldMappings(std::string id_column,
                                            const std::vector<std::string>& mappings,
                                            std::optional<std::string> truth = std::nullopt);

// Ready-made specs for the shared benchmark files: "febrl" (febrl/dataset*.csv) and "splink"
// (splink_fake_1000/fake_1000.csv). std::nullopt for another name.
std::optional<PersonFileSpec> PersonFilePreset(std::string_view name);

struct PersonFileRecord {
  std::string id;
  std::map<PersonField, std::string> fields;  // roles with a non-empty value only
  std::string truth;                          // "" when the spec has no truth
  std::size_t line = 0;                       // 1-based line where the row starts
};

// Reads `text` as the contents of a file named `file_name` (used in messages only) and calls
// visit() with each data row, in order: a record, or InvalidArgument "FILE:LINE: reason" for a
// row that cannot be read (malformed quoting, wrong number of fields, invalid UTF-8, an empty or
// repeated id, an id that is not a FEBRL id when the truth needs one). Returns an error only
// for the file as a whole: no header, or a column of the spec missing from it or repeated.
Status ReadPersonText(std::string_view text, std::string_view file_name, const PersonFileSpec& spec,
                      const std::function<void(StatusOr<PersonFileRecord>)>& visit);

// ReadPersonText() over the file at `path`; NotFound when it cannot be read.
Status ReadPersonFile(const std::filesystem::path& path, const PersonFileSpec& spec,
                      const std::function<void(StatusOr<PersonFileRecord>)>& visit);

// The whole file at once, for a command: the readable records, and one "FILE:LINE: reason" per
// row left out.
struct PersonFile {
  std::vector<PersonFileRecord> records;
  std::vector<std::string> rejected;
};
StatusOr<PersonFile> LoadPersonFile(const std::filesystem::path& path, const PersonFileSpec& spec);

}  // namespace sutra::ingest
