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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model.h"
#include "storage/status.h"

namespace sutra::ingest {

struct ColumnSpec {
  std::string_view name;
  bool required;               // must be non-empty on every row
  bool may_be_absent = false;  // a later addition: files written before it may lack the column
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

// Streams the rows of a table file whose header must hold the columns of `spec` (those marked
// may_be_absent may be left out), in any order. The file is memory-mapped, so holding it costs
// page cache, not heap, whatever its size.
class TableReader {
 public:
  // NotFound when the file cannot be opened; InvalidArgument naming the file and line 1 when
  // the header is missing, unreadable, lacks a column, or names an unknown or repeated one.
  static StatusOr<TableReader> Open(const std::filesystem::path& path,
                                    const std::vector<ColumnSpec>& spec);
  TableReader(TableReader&&) noexcept;
  TableReader& operator=(TableReader&&) noexcept;
  ~TableReader();

  const std::string& file() const;
  std::size_t size() const;    // of the file, in bytes
  std::size_t offset() const;  // bytes read so far
  // The next row, or nullopt at the end. A row with the wrong number of fields, invalid UTF-8,
  // a NUL byte, malformed quoting, or an empty required column comes back as `error` (with
  // its line); the reader goes on with the next row.
  struct Item {
    std::size_t line = 0;
    std::optional<TableRow> row;
    std::string error;
  };
  std::optional<Item> Next();

 private:
  struct State;
  explicit TableReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// The whole table at once (small files and tests): rows and row errors, through TableReader.
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
  std::string district_code, state_code;  // optional, e.g. "MH-PUN" and "MH"
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
  std::string dob;  // "" or a date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD
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
