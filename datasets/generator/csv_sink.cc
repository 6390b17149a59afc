#include "datasets/generator/csv_sink.h"

#include <fmt/format.h>

#include <array>

#include "datasets/generator/output_file.h"

namespace sutra::gen {
namespace {

enum File { kStations, kLocations, kCases, kPersons, kVehicles, kCalls, kFileCount };

constexpr std::array<std::string_view, kFileCount> kNames = {
    "stations.csv", "locations.csv", "cases.csv", "persons.csv", "vehicles.csv", "calls.csv"};
constexpr std::array<std::string_view, kFileCount> kHeaders = {
    "station_code,name,district,state,district_code,state_code\n",
    "location_id,address,district,state,latitude,longitude\n",
    "station_code,fir_number,registered_on,acts_sections,status,modus_operandi,location_id\n",
    "record_id,station_code,fir_number,roles,name,alias,relative_name,relation,gender,age,"
    "birth_year,dob,address_location_id,phone,flags\n",
    "registration,make,model,colour,station_code,fir_number,link,owner_record_id\n",
    "caller,callee,started_at,duration_s,station_code,fir_number\n"};

void AppendLocation(std::string& out, const Location& loc) {
  out += loc.id;
  out += ',';
  AppendCsvField(out, loc.address);
  out += ',';
  AppendCsvField(out, loc.district);
  out += ',';
  AppendCsvField(out, loc.state);
  if (loc.has_coordinates) {
    fmt::format_to(std::back_inserter(out), ",{:.4f},{:.4f}\n", loc.latitude, loc.longitude);
  } else {
    out += ",,\n";
  }
}

// ",STATION,FIR" closing a row that belongs to an FIR.
void AppendFirKey(std::string& out, const Fir& fir, const Station& station) {
  out += ',';
  out += station.code;
  out += ',';
  out += fir.fir_number;
}

void AppendPerson(std::string& out, const PersonRecord& p, const Fir& fir, const Station& station) {
  out += p.record_id;
  AppendFirKey(out, fir, station);
  out += ',';
  bool first = true;
  for (const RoleName& r : kRoleOrder) {
    if ((p.roles & r.role) == 0) continue;
    if (!first) out += ';';
    out += r.name;
    first = false;
  }
  out += ',';
  AppendCsvField(out, p.name);
  out += ',';
  AppendCsvField(out, p.alias);
  out += ',';
  AppendCsvField(out, p.relative_name);
  out += ',';
  out += p.relation;
  out += ',';
  if (p.gender != 0) out += p.gender;
  out += ',';
  if (p.age >= 0) fmt::format_to(std::back_inserter(out), "{}", p.age);
  out += ',';
  if (p.birth_year >= 0) fmt::format_to(std::back_inserter(out), "{}", p.birth_year);
  out += ',';
  out += p.dob;
  out += ',';
  if (p.address != nullptr) out += p.address->id;
  out += ',';
  AppendCsvField(out, p.phone);
  out += ',';
  first = true;
  for (const FlagName& f : kFlagOrder) {
    if ((p.flags & f.flag) == 0) continue;
    if (!first) out += ';';
    out += f.name;
    first = false;
  }
  out += '\n';
}

class CsvSink final : public FirSink {
 public:
  explicit CsvSink(std::array<std::unique_ptr<OutputFile>, kFileCount> files)
      : files_(std::move(files)) {
    for (int f = 0; f < kFileCount; ++f) files_[f]->buffer() += kHeaders[f];
  }

  Status Begin(const Geography& geo) override {
    std::string& out = files_[kStations]->buffer();
    for (const Station& s : geo.stations()) {
      const District& d = geo.districts()[s.district];
      const State& state = geo.state_of(d);
      out += s.code;
      out += ',';
      AppendCsvField(out, s.name);
      out += ',';
      AppendCsvField(out, d.name);
      out += ',';
      AppendCsvField(out, state.name);
      fmt::format_to(std::back_inserter(out), ",{}-{},{}\n", state.code, d.code, state.code);
      if (Status st = files_[kStations]->MaybeFlush(); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Status Write(const Fir& fir) override {
    const Station& station = *fir.station;
    std::string& locations = files_[kLocations]->buffer();
    for (const Location* loc : fir.first_mentions) AppendLocation(locations, *loc);

    std::string& cases = files_[kCases]->buffer();
    cases += station.code;
    cases += ',';
    cases += fir.fir_number;
    cases += ',';
    cases += fir.registered_on;
    cases += ',';
    for (std::size_t i = 0; i < fir.acts_sections.size(); ++i) {
      if (i > 0) cases += ';';
      cases += fir.acts_sections[i];
    }
    cases += ',';
    cases += fir.status;
    cases += ',';
    AppendCsvField(cases, fir.modus_operandi);
    cases += ',';
    if (fir.place != nullptr) cases += fir.place->id;
    cases += '\n';

    std::string& persons = files_[kPersons]->buffer();
    for (const PersonRecord& p : fir.persons) AppendPerson(persons, p, fir, station);

    std::string& vehicles = files_[kVehicles]->buffer();
    for (const VehicleLink& v : fir.vehicles) {
      AppendCsvField(vehicles, v.registration);
      vehicles += ',';
      AppendCsvField(vehicles, v.make);
      vehicles += ',';
      AppendCsvField(vehicles, v.model);
      vehicles += ',';
      AppendCsvField(vehicles, v.colour);
      AppendFirKey(vehicles, fir, station);
      vehicles += v.seized ? ",seized," : ",used,";
      vehicles += v.owner_record_id;
      vehicles += '\n';
    }

    std::string& calls = files_[kCalls]->buffer();
    for (const CallRecord& c : fir.calls) {
      AppendCsvField(calls, c.caller);
      calls += ',';
      AppendCsvField(calls, c.callee);
      fmt::format_to(std::back_inserter(calls), ",{},{}", c.started_at, c.duration_s);
      AppendFirKey(calls, fir, station);
      calls += '\n';
    }
    for (auto& file : files_) {
      if (Status st = file->MaybeFlush(); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Status Finish() override {
    for (auto& file : files_) {
      if (Status st = file->Close(); !st.ok()) return st;
    }
    return Status::Ok();
  }

  std::uint64_t bytes_written() const override {
    std::uint64_t total = 0;
    for (const auto& file : files_) total += file->bytes_written();
    return total;
  }

 private:
  std::array<std::unique_ptr<OutputFile>, kFileCount> files_;
};

}  // namespace

StatusOr<std::unique_ptr<FirSink>> MakeCsvSink(const std::filesystem::path& dir) {
  std::array<std::unique_ptr<OutputFile>, kFileCount> files;
  for (int f = 0; f < kFileCount; ++f) {
    auto file = OutputFile::Create(dir / kNames[f]);
    if (!file.ok()) return file.status();
    files[f] = std::move(file).value();
  }
  return std::unique_ptr<FirSink>(std::make_unique<CsvSink>(std::move(files)));
}

}  // namespace sutra::gen
