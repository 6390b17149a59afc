// The rows of a CSV bundle (datasets/README.md), parsed and checked field by field.
//
// ReadTable() checks a file's header against the columns its kind allows; each Parse*Row()
// checks one row on its own (formats, enumerations, ranges) and returns InvalidArgument with a
// reason naming the column and the value. References between files are checked later by the
// loader, which knows what was accepted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model.h"
#include "storage/status.h"

namespace sutra::ingest {

struct ColumnSpec {
  std::string_view name;
  bool required;  // must be non-empty on every row
};

// One data row of a table: its physical line and its fields by column name.
struct TableRow {
  std::size_t line = 0;
  std::map<std::string, std::string, std::less<>> fields;
  std::string Get(std::string_view column) const;  // "" when empty
};

struct Table {
  std::string file;  // path as reported in messages
  std::vector<TableRow> rows;
  std::vector<std::pair<std::size_t, std::string>> row_errors;  // (line, reason)
};

// Reads `path` whose header must hold exactly the columns of `spec`, in any order. Rows with the
// wrong number of fields, invalid UTF-8, malformed quoting, or an empty required column become
// row_errors; a missing file, a missing or extra column is an error for the whole file.
StatusOr<Table> ReadTable(const std::filesystem::path& path, const std::vector<ColumnSpec>& spec);

extern const std::vector<ColumnSpec> kStationColumns;
extern const std::vector<ColumnSpec> kLocationColumns;
extern const std::vector<ColumnSpec> kCaseColumns;
extern const std::vector<ColumnSpec> kPersonColumns;
extern const std::vector<ColumnSpec> kVehicleColumns;
extern const std::vector<ColumnSpec> kCallColumns;

struct FirKey {
  std::string station_code;
  std::string fir_number;
  auto operator<=>(const FirKey&) const = default;
  std::string ToString() const { return fir_number + " of " + station_code; }
};

struct StationRow {
  std::string code, name, district, state;
};

struct LocationRow {
  std::string id, address, district, state;
  std::optional<double> latitude, longitude;
};

struct CaseRow {
  FirKey fir;
  std::string registered_on, acts_sections, status, modus_operandi, location_id;
};

struct PersonRow {
  std::string record_id;
  FirKey fir;
  std::vector<storage::EdgeType> roles;
  std::string name, alias, relative_name, relation, gender, address_location_id;
  std::optional<std::int64_t> age, birth_year;
  std::optional<std::string> phone;  // E.164
  std::vector<std::string> flags;
};

struct VehicleRow {
  std::string registration;  // normalised
  std::string make, model, colour, owner_record_id;
  FirKey fir;
  storage::EdgeType link = storage::EdgeType::kUsedIn;
};

struct CallRow {
  std::string caller, callee;  // E.164
  std::string started_at;
  std::int64_t duration_s = 0;
  FirKey fir;
};

StatusOr<StationRow> ParseStationRow(const TableRow& row);
StatusOr<LocationRow> ParseLocationRow(const TableRow& row);
StatusOr<CaseRow> ParseCaseRow(const TableRow& row);
StatusOr<PersonRow> ParsePersonRow(const TableRow& row);
StatusOr<VehicleRow> ParseVehicleRow(const TableRow& row);
StatusOr<CallRow> ParseCallRow(const TableRow& row);

}  // namespace sutra::ingest
