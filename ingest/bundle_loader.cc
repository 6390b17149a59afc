#include "ingest/bundle_loader.h"

#include <fmt/format.h>

#include <optional>

#include "ingest/bundle_rows.h"
#include "ingest/valid_bundle.h"

namespace sutra::ingest {
namespace {

// Validates the tables of a bundle in dependency order (stations, locations, cases, persons,
// vehicles, calls), keeping only rows whose own fields and whose references are good. A row
// that refers to a rejected row is rejected too, and says which row it depended on.
class Validator {
 public:
  explicit Validator(std::vector<RowError>& errors) : errors_(errors) {}

  ValidBundle bundle;

  void Stations(const Table& t) {
    ForEachRow<StationRow>(t, ParseStationRow, [&](const TableRow& row, StationRow s) {
      std::string code = s.code;  // copied: `s` is moved into the map
      return Unique(bundle.stations, code, row, "station_code", std::move(s));
    });
  }

  void Locations(const Table& t) {
    ForEachRow<LocationRow>(t, ParseLocationRow, [&](const TableRow& row, LocationRow l) {
      std::string id = l.id;  // copied: `l` is moved into the map
      return Unique(bundle.locations, id, row, "location_id", std::move(l));
    });
  }

  void Cases(const Table& t) {
    ForEachRow<CaseRow>(t, ParseCaseRow, [&](const TableRow& row, CaseRow c) -> std::string {
      if (!bundle.stations.contains(c.fir.station_code)) {
        return Missing("station", c.fir.station_code, "stations.csv", station_lines_);
      }
      if (!c.location_id.empty() && !bundle.locations.contains(c.location_id)) {
        return Missing("location", c.location_id, "locations.csv", location_lines_);
      }
      FirKey key = c.fir;
      return Unique(bundle.cases, key, row, "FIR", std::move(c));
    });
  }

  void Persons(const Table& t) {
    ForEachRow<PersonRow>(t, ParsePersonRow, [&](const TableRow& row, PersonRow p) -> std::string {
      if (auto problem = CheckFir(p.fir); !problem.empty()) return problem;
      if (!p.address_location_id.empty() && !bundle.locations.contains(p.address_location_id)) {
        return Missing("location", p.address_location_id, "locations.csv", location_lines_);
      }
      std::string id = p.record_id;
      return Unique(bundle.persons, id, row, "record_id", std::move(p));
    });
  }

  void Vehicles(const Table& t) {
    ForEachRow<VehicleRow>(t, ParseVehicleRow, [&](const TableRow&, VehicleRow v) -> std::string {
      if (auto problem = CheckFir(v.fir); !problem.empty()) return problem;
      if (!v.owner_record_id.empty() && !bundle.persons.contains(v.owner_record_id)) {
        return Missing("person record", v.owner_record_id, "persons.csv", person_lines_);
      }
      bundle.vehicles.push_back(std::move(v));
      return {};
    });
  }

  void Calls(const Table& t) {
    ForEachRow<CallRow>(t, ParseCallRow, [&](const TableRow&, CallRow c) -> std::string {
      if (auto problem = CheckFir(c.fir); !problem.empty()) return problem;
      bundle.calls.push_back(std::move(c));
      return {};
    });
  }

 private:
  // Lines of rows that were rejected, by key, so dependants can name them.
  using Lines = std::map<std::string, std::size_t>;

  // Parses each row of `t`; `accept` checks references and stores the row, returning "" or the
  // reason for rejecting it.
  template <typename Row, typename Parse, typename Accept>
  void ForEachRow(const Table& t, Parse parse, Accept accept) {
    file_ = t.file;
    for (const auto& [line, reason] : t.row_errors) Reject(line, reason);
    for (const TableRow& row : t.rows) {
      StatusOr<Row> parsed = parse(row);
      std::string problem =
          parsed.ok() ? accept(row, std::move(parsed).value()) : parsed.status().message();
      if (!problem.empty()) {
        Reject(row.line, problem);
        RememberRejected(row);
      }
    }
  }

  // Remembers the key of a rejected row so that rows referring to it can say so.
  void RememberRejected(const TableRow& row) {
    if (file_.ends_with("stations.csv")) station_lines_.emplace(row.Get("station_code"), row.line);
    if (file_.ends_with("locations.csv")) location_lines_.emplace(row.Get("location_id"), row.line);
    if (file_.ends_with("cases.csv")) {
      case_lines_.emplace(FirKey{row.Get("station_code"), row.Get("fir_number")}.ToString(),
                          row.line);
    }
    if (file_.ends_with("persons.csv")) person_lines_.emplace(row.Get("record_id"), row.line);
  }

  template <typename Map, typename Key, typename Row>
  std::string Unique(Map& map, const Key& key, const TableRow& row, std::string_view what, Row r) {
    auto [it, inserted] = map.try_emplace(key, std::move(r));
    const std::string line_key = file_ + '\0' + KeyText(key);
    if (inserted) {
      accepted_lines_[line_key] = row.line;
      return {};
    }
    return fmt::format("duplicate {} '{}' (first given on line {}); each must be unique", what,
                       KeyText(key), accepted_lines_[line_key]);
  }

  static std::string KeyText(const std::string& key) { return key; }
  static std::string KeyText(const FirKey& key) { return key.ToString(); }

  std::string CheckFir(const FirKey& fir) {
    if (bundle.cases.contains(fir)) return {};
    return Missing("FIR", fir.ToString(), "cases.csv", case_lines_);
  }

  static std::string Missing(std::string_view what, const std::string& key, std::string_view file,
                             const Lines& rejected) {
    if (auto it = rejected.find(key); it != rejected.end()) {
      return fmt::format("refers to {} '{}', whose row {}:{} was rejected", what, key, file,
                         it->second);
    }
    return fmt::format("refers to {} '{}', which is not in {}", what, key, file);
  }

  void Reject(std::size_t line, std::string reason) {
    errors_.push_back({file_, line, std::move(reason)});
  }

  std::vector<RowError>& errors_;
  std::string file_;
  std::map<std::string, std::size_t> accepted_lines_;
  Lines station_lines_, location_lines_, case_lines_, person_lines_;
};

struct TableFile {
  const char* name;
  const std::vector<ColumnSpec>* columns;
  bool required;
  void (Validator::*validate)(const Table&);
};

constexpr std::size_t kMaxErrorsInMessage = 20;

std::string ErrorList(const std::vector<RowError>& errors) {
  std::string out;
  for (std::size_t i = 0; i < errors.size() && i < kMaxErrorsInMessage; ++i) {
    out += "\n  " + errors[i].ToString();
  }
  if (errors.size() > kMaxErrorsInMessage) {
    out += fmt::format("\n  ... and {} more", errors.size() - kMaxErrorsInMessage);
  }
  return out;
}

}  // namespace

std::string RowError::ToString() const { return fmt::format("{}:{}: {}", file, line, reason); }

StatusOr<LoadReport> LoadCsvBundle(storage::GraphStore& store, const std::filesystem::path& dir,
                                   const LoadOptions& options) {
  if (!std::filesystem::is_directory(dir)) {
    return NotFound(
        fmt::format("{}: not a directory (give the folder that holds stations.csv, "
                    "cases.csv and persons.csv)",
                    dir.string()));
  }
  static const TableFile kFiles[] = {
      {"stations.csv", &kStationColumns, true, &Validator::Stations},
      {"locations.csv", &kLocationColumns, false, &Validator::Locations},
      {"cases.csv", &kCaseColumns, true, &Validator::Cases},
      {"persons.csv", &kPersonColumns, true, &Validator::Persons},
      {"vehicles.csv", &kVehicleColumns, false, &Validator::Vehicles},
      {"calls.csv", &kCallColumns, false, &Validator::Calls},
  };
  LoadReport report;
  Validator validator(report.rejected);
  for (const TableFile& f : kFiles) {
    std::filesystem::path path = dir / f.name;
    if (!f.required && !std::filesystem::exists(path)) continue;
    SUTRA_ASSIGN_OR_RETURN(Table table, ReadTable(path, *f.columns));
    report.rows_read += table.rows.size() + table.row_errors.size();
    (validator.*f.validate)(table);
  }
  const ValidBundle& bundle = validator.bundle;
  report.rows_loaded = bundle.row_count();

  if (options.strict && !report.rejected.empty()) {
    return InvalidArgument(fmt::format("{} row(s) rejected; nothing was loaded (--strict):{}",
                                       report.rejected.size(), ErrorList(report.rejected)));
  }
  if (report.rows_loaded == 0) {
    return InvalidArgument(
        fmt::format("{}: no row could be loaded{}", dir.string(), ErrorList(report.rejected)));
  }
  Status written = store.Update([&](storage::WriteTxn& txn) -> Status {
    SUTRA_ASSIGN_OR_RETURN(WriteCounts counts,
                           WriteValidBundle(txn, bundle, "csv bundle " + dir.string()));
    report.batch = counts.batch;
    report.nodes_created = counts.nodes_created;
    report.edges_created = counts.edges_created;
    return Status::Ok();
  });
  if (!written.ok())
    return written.WithContext("loading " + dir.string() + " (nothing was stored)");
  return report;
}

}  // namespace sutra::ingest
