#include "ingest/bundle_rows.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "ingest/csv_reader.h"
#include "ingest/mapped_file.h"
#include "ingest/normalize.h"

namespace sutra::ingest {

const std::vector<ColumnSpec> kStationColumns = {{"station_code", true},
                                                 {"name", true},
                                                 {"district", true},
                                                 {"state", true},
                                                 {"district_code", false, true},
                                                 {"state_code", false, true}};
const std::vector<ColumnSpec> kLocationColumns = {{"location_id", true}, {"address", true},
                                                  {"district", false},   {"state", false},
                                                  {"latitude", false},   {"longitude", false}};
const std::vector<ColumnSpec> kCaseColumns = {{"station_code", true},  {"fir_number", true},
                                              {"registered_on", true}, {"acts_sections", true},
                                              {"status", true},        {"modus_operandi", false},
                                              {"location_id", false}};
const std::vector<ColumnSpec> kPersonColumns = {
    {"record_id", true},      {"station_code", true}, {"fir_number", true},
    {"roles", true},          {"name", true},         {"alias", false},
    {"relative_name", false}, {"relation", false},    {"gender", false},
    {"age", false},           {"birth_year", false},  {"address_location_id", false},
    {"phone", false},         {"flags", false},       {"dob", false, true}};
const std::vector<ColumnSpec> kVehicleColumns = {
    {"registration", true}, {"make", false},      {"model", false}, {"colour", false},
    {"station_code", true}, {"fir_number", true}, {"link", true},   {"owner_record_id", false}};
const std::vector<ColumnSpec> kCallColumns = {{"caller", true},       {"callee", true},
                                              {"started_at", true},   {"duration_s", true},
                                              {"station_code", true}, {"fir_number", true}};

namespace {

constexpr std::array<std::string_view, 6> kStatuses = {
    "under_investigation", "charge_sheeted", "convicted", "acquitted", "discharged", "closed"};
constexpr std::array<std::string_view, 3> kFlags = {"juvenile", "wrongful_arrest",
                                                    "sexual_offence_victim"};

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(';', start);
    if (end == std::string_view::npos) end = s.size();
    std::string item = Trim(s.substr(start, end - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

Status Bad(std::string_view column, std::string_view value, std::string_view expected) {
  return InvalidArgument(fmt::format("column '{}': '{}' is not {}", column, value, expected));
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseDouble(std::string_view s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

template <std::size_t N>
bool OneOf(std::string_view v, const std::array<std::string_view, N>& allowed) {
  for (auto a : allowed) {
    if (a == v) return true;
  }
  return false;
}

FirKey Fir(const TableRow& row) { return {row.Get("station_code"), row.Get("fir_number")}; }

}  // namespace

std::string TableRow::Get(std::string_view column) const {
  auto it = fields.find(column);
  return it == fields.end() ? std::string() : it->second;
}

struct TableReader::State {
  std::string file;
  MappedFile mapped;
  CsvReader reader;
  std::vector<std::string> header;
  const std::vector<ColumnSpec>* spec;
  State(std::string f, MappedFile m)
      : file(std::move(f)), mapped(std::move(m)), reader(mapped.text()) {}
};

TableReader::TableReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
TableReader::TableReader(TableReader&&) noexcept = default;
TableReader& TableReader::operator=(TableReader&&) noexcept = default;
TableReader::~TableReader() = default;
const std::string& TableReader::file() const { return state_->file; }
std::size_t TableReader::size() const { return state_->mapped.text().size(); }
std::size_t TableReader::offset() const { return state_->reader.offset(); }

StatusOr<TableReader> TableReader::Open(const std::filesystem::path& path,
                                        const std::vector<ColumnSpec>& spec) {
  SUTRA_ASSIGN_OR_RETURN(MappedFile mapped, MappedFile::Open(path));
  auto state = std::make_unique<State>(path.string(), std::move(mapped));
  state->spec = &spec;
  const std::string& file = state->file;
  auto header = state->reader.Next();
  if (!header || !header->error.empty()) {
    return InvalidArgument(fmt::format(
        "{}:1: no readable header row{}{}", file, header ? " (" + header->error + ")" : "",
        header ? "" : ": the file is empty; a table needs at least its header row"));
  }
  std::set<std::string, std::less<>> expected;
  for (const auto& c : spec) expected.insert(std::string(c.name));
  std::set<std::string, std::less<>> seen;
  for (std::string& name : header->fields) {
    name = Trim(name);
    if (!expected.contains(name)) {
      return InvalidArgument(
          fmt::format("{}:{}: unknown column '{}' (is the header row missing or misspelt? see "
                      "datasets/README.md)",
                      file, header->line, name));
    }
    if (!seen.insert(name).second) {
      return InvalidArgument(
          fmt::format("{}:{}: column '{}' appears twice", file, header->line, name));
    }
  }
  for (const auto& c : spec) {
    if (!seen.contains(c.name) && !c.may_be_absent) {
      return InvalidArgument(fmt::format("{}:{}: missing column '{}'", file, header->line, c.name));
    }
  }
  state->header = std::move(header->fields);
  return TableReader(std::move(state));
}

std::optional<TableReader::Item> TableReader::Next() {
  auto record = state_->reader.Next();
  if (!record) return std::nullopt;
  Item item;
  item.line = record->line;
  const std::vector<std::string>& header = state_->header;
  if (!record->error.empty()) {
    item.error = record->error;
    return item;
  }
  if (record->fields.size() != header.size()) {
    item.error =
        fmt::format("{} fields where the header has {}", record->fields.size(), header.size());
    return item;
  }
  TableRow row;
  row.line = record->line;
  for (std::size_t i = 0; i < record->fields.size(); ++i) {
    const std::string& field = record->fields[i];
    if (!IsValidUtf8(field)) {
      item.error =
          fmt::format("column '{}' is not valid UTF-8 (re-save the file as UTF-8)", header[i]);
      return item;
    }
    if (field.find('\0') != std::string::npos) {
      item.error = fmt::format("column '{}' holds a NUL byte", header[i]);
      return item;
    }
    row.fields[header[i]] = Trim(field);
  }
  for (const auto& c : *state_->spec) {
    if (c.required && row.Get(c.name).empty()) {
      item.error = fmt::format("column '{}' is required but empty", c.name);
      return item;
    }
  }
  item.row = std::move(row);
  return item;
}

StatusOr<Table> ReadTable(const std::filesystem::path& path, const std::vector<ColumnSpec>& spec) {
  SUTRA_ASSIGN_OR_RETURN(TableReader reader, TableReader::Open(path, spec));
  Table table;
  table.file = reader.file();
  while (auto item = reader.Next()) {
    if (item->row) {
      table.rows.push_back(std::move(*item->row));
    } else {
      table.row_errors.emplace_back(item->line, std::move(item->error));
    }
  }
  return table;
}

StatusOr<StationRow> ParseStationRow(const TableRow& row) {
  return StationRow{row.Get("station_code"), row.Get("name"),          row.Get("district"),
                    row.Get("state"),        row.Get("district_code"), row.Get("state_code")};
}

StatusOr<LocationRow> ParseLocationRow(const TableRow& row) {
  LocationRow loc{row.Get("location_id"), row.Get("address"), row.Get("district"),
                  row.Get("state"),       std::nullopt,       std::nullopt};
  std::string lat = row.Get("latitude"), lon = row.Get("longitude");
  if (lat.empty() != lon.empty()) {
    return InvalidArgument("give both 'latitude' and 'longitude', or neither");
  }
  if (!lat.empty()) {
    loc.latitude = ParseDouble(lat);
    loc.longitude = ParseDouble(lon);
    // NaN and infinities compare false with every bound: refused by name.
    if (!loc.latitude || !std::isfinite(*loc.latitude) || *loc.latitude < -90 ||
        *loc.latitude > 90) {
      return Bad("latitude", lat, "a latitude in decimal degrees (-90 to 90)");
    }
    if (!loc.longitude || !std::isfinite(*loc.longitude) || *loc.longitude < -180 ||
        *loc.longitude > 180) {
      return Bad("longitude", lon, "a longitude in decimal degrees (-180 to 180)");
    }
  }
  return loc;
}

StatusOr<CaseRow> ParseCaseRow(const TableRow& row) {
  CaseRow c{Fir(row),          row.Get("registered_on"),  row.Get("acts_sections"),
            row.Get("status"), row.Get("modus_operandi"), row.Get("location_id")};
  if (!IsIsoDate(c.registered_on))
    return Bad("registered_on", c.registered_on, "a YYYY-MM-DD date");
  if (!OneOf(c.status, kStatuses)) {
    return Bad("status", c.status,
               "one of under_investigation, charge_sheeted, convicted, acquitted, discharged, "
               "closed");
  }
  return c;
}

StatusOr<PersonRow> ParsePersonRow(const TableRow& row) {
  PersonRow p;
  p.record_id = row.Get("record_id");
  p.fir = Fir(row);
  for (const std::string& role : SplitList(row.Get("roles"))) {
    auto type = storage::RoleEdgeType(role);
    if (!type) {
      return Bad("roles", role, "a role (accused, victim, complainant, witness, arrested)");
    }
    p.roles.push_back(*type);
  }
  if (p.roles.empty()) return Bad("roles", row.Get("roles"), "a list of roles");
  p.name = row.Get("name");
  p.alias = row.Get("alias");
  p.relative_name = row.Get("relative_name");
  p.relation = row.Get("relation");
  if (!p.relation.empty() && p.relation != "father" && p.relation != "husband") {
    return Bad("relation", p.relation, "'father' or 'husband'");
  }
  if (!p.relative_name.empty() && p.relation.empty()) {
    return InvalidArgument(
        "column 'relation' must say father or husband when 'relative_name' "
        "is given");
  }
  p.gender = row.Get("gender");
  if (!p.gender.empty() && p.gender != "M" && p.gender != "F" && p.gender != "T") {
    return Bad("gender", p.gender, "M, F or T");
  }
  if (std::string age = row.Get("age"); !age.empty()) {
    p.age = ParseInt(age);
    if (!p.age || *p.age < 0 || *p.age > 120) return Bad("age", age, "a whole age from 0 to 120");
  }
  if (std::string year = row.Get("birth_year"); !year.empty()) {
    p.birth_year = ParseInt(year);
    if (year.size() != 4 || !p.birth_year || *p.birth_year < 1900 || *p.birth_year > 2100) {
      return Bad("birth_year", year, "a four-digit year");
    }
  }
  p.dob = row.Get("dob");
  if (!p.dob.empty() && !IsPartialDate(p.dob)) {
    return Bad("dob", p.dob, "a date of birth as YYYY, YYYY-MM or YYYY-MM-DD");
  }
  p.address_location_id = row.Get("address_location_id");
  if (std::string phone = row.Get("phone"); !phone.empty()) {
    p.phone = NormalizeIndianMobile(phone);
    if (!p.phone) return Bad("phone", phone, "a 10-digit Indian mobile number");
  }
  for (const std::string& flag : SplitList(row.Get("flags"))) {
    if (!OneOf(flag, kFlags)) {
      return Bad("flags", flag, "one of juvenile, wrongful_arrest, sexual_offence_victim");
    }
    p.flags.push_back(flag);
  }
  return p;
}

StatusOr<VehicleRow> ParseVehicleRow(const TableRow& row) {
  VehicleRow v;
  std::string raw = row.Get("registration");
  auto reg = NormalizeVehicleRegistration(raw);
  if (!reg) return Bad("registration", raw, "a vehicle registration such as MH 12 AB 1234");
  v.registration = *reg;
  v.make = row.Get("make");
  v.model = row.Get("model");
  v.colour = row.Get("colour");
  v.owner_record_id = row.Get("owner_record_id");
  v.fir = Fir(row);
  std::string link = row.Get("link");
  if (link == "seized") {
    v.link = storage::EdgeType::kSeizedIn;
  } else if (link == "used") {
    v.link = storage::EdgeType::kUsedIn;
  } else {
    return Bad("link", link, "'seized' or 'used'");
  }
  return v;
}

StatusOr<CallRow> ParseCallRow(const TableRow& row) {
  CallRow c;
  for (auto [column, out] : {std::pair{"caller", &c.caller}, std::pair{"callee", &c.callee}}) {
    std::string raw = row.Get(column);
    auto phone = NormalizeIndianMobile(raw);
    if (!phone) return Bad(column, raw, "a 10-digit Indian mobile number");
    *out = *phone;
  }
  c.started_at = row.Get("started_at");
  if (!IsIsoDateTime(c.started_at)) {
    return Bad("started_at", c.started_at, "a YYYY-MM-DDTHH:MM:SS time");
  }
  std::string duration = row.Get("duration_s");
  auto d = ParseInt(duration);
  if (!d || *d < 0) return Bad("duration_s", duration, "a whole number of seconds");
  c.duration_s = *d;
  c.fir = Fir(row);
  return c;
}

}  // namespace sutra::ingest
