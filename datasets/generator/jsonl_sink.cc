#include "datasets/generator/jsonl_sink.h"

#include <fmt/format.h>

#include "datasets/generator/output_file.h"

namespace sutra::gen {
namespace {

// A JSON string, or null when `value` is empty.
void StringOrNull(std::string& out, std::string_view value) {
  if (value.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, value);
  }
}

void IntOrNull(std::string& out, int value) {
  if (value < 0) {
    out += "null";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", value);
  }
}

void AppendLocation(std::string& out, const Location* loc) {
  if (loc == nullptr) {
    out += "null";
    return;
  }
  out += "{\"location_id\":";
  AppendJsonString(out, loc->id);
  out += ",\"address\":";
  AppendJsonString(out, loc->address);
  out += ",\"district\":";
  StringOrNull(out, loc->district);
  out += ",\"state\":";
  StringOrNull(out, loc->state);
  if (loc->has_coordinates) {
    fmt::format_to(std::back_inserter(out), ",\"latitude\":{:.4f},\"longitude\":{:.4f}}}",
                   loc->latitude, loc->longitude);
  } else {
    out += ",\"latitude\":null,\"longitude\":null}";
  }
}

void AppendStation(std::string& out, const Fir& fir) {
  const Station& s = *fir.station;
  out += "{\"station_code\":";
  AppendJsonString(out, s.code);
  out += ",\"name\":";
  AppendJsonString(out, s.name);
  out += ",\"district\":";
  AppendJsonString(out, fir.district->name);
  out += ",\"state\":";
  AppendJsonString(out, fir.state->name);
  fmt::format_to(std::back_inserter(out), ",\"district_code\":\"{}-{}\",\"state_code\":\"{}\"}}",
                 fir.state->code, fir.district->code, fir.state->code);
}

void AppendPerson(std::string& out, const PersonRecord& p) {
  out += "{\"record_id\":";
  AppendJsonString(out, p.record_id);
  out += ",\"roles\":[";
  bool first = true;
  for (const RoleName& r : kRoleOrder) {
    if ((p.roles & r.role) == 0) continue;
    if (!first) out += ',';
    out += '"';
    out += r.name;
    out += '"';
    first = false;
  }
  out += "],\"name\":";
  AppendJsonString(out, p.name);
  out += ",\"alias\":";
  StringOrNull(out, p.alias);
  out += ",\"relative_name\":";
  StringOrNull(out, p.relative_name);
  out += ",\"relation\":";
  StringOrNull(out, p.relation);
  out += ",\"gender\":";
  StringOrNull(out, p.gender == 0 ? std::string_view() : std::string_view(&p.gender, 1));
  out += ",\"age\":";
  IntOrNull(out, p.age);
  out += ",\"birth_year\":";
  IntOrNull(out, p.birth_year);
  out += ",\"dob\":";
  StringOrNull(out, p.dob);
  out += ",\"address\":";
  AppendLocation(out, p.address);
  out += ",\"phone\":";
  StringOrNull(out, p.phone);
  out += ",\"flags\":[";
  first = true;
  for (const FlagName& f : kFlagOrder) {
    if ((p.flags & f.flag) == 0) continue;
    if (!first) out += ',';
    out += '"';
    out += f.name;
    out += '"';
    first = false;
  }
  out += "]}";
}

void AppendFir(std::string& out, const Fir& fir) {
  out += "{\"station\":";
  AppendStation(out, fir);
  out += ",\"fir_number\":";
  AppendJsonString(out, fir.fir_number);
  out += ",\"registered_on\":";
  AppendJsonString(out, fir.registered_on);
  out += ",\"acts_sections\":[";
  for (std::size_t i = 0; i < fir.acts_sections.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, fir.acts_sections[i]);
  }
  out += "],\"status\":";
  AppendJsonString(out, fir.status);
  out += ",\"modus_operandi\":";
  StringOrNull(out, fir.modus_operandi);
  out += ",\"location\":";
  AppendLocation(out, fir.place);
  out += ",\"persons\":[";
  for (std::size_t i = 0; i < fir.persons.size(); ++i) {
    if (i > 0) out += ',';
    AppendPerson(out, fir.persons[i]);
  }
  out += "],\"vehicles\":[";
  for (std::size_t i = 0; i < fir.vehicles.size(); ++i) {
    const VehicleLink& v = fir.vehicles[i];
    if (i > 0) out += ',';
    out += "{\"registration\":";
    AppendJsonString(out, v.registration);
    out += ",\"make\":";
    StringOrNull(out, v.make);
    out += ",\"model\":";
    StringOrNull(out, v.model);
    out += ",\"colour\":";
    StringOrNull(out, v.colour);
    out += v.seized ? ",\"link\":\"seized\",\"owner_record_id\":"
                    : ",\"link\":\"used\",\"owner_record_id\":";
    StringOrNull(out, v.owner_record_id);
    out += '}';
  }
  out += "],\"calls\":[";
  for (std::size_t i = 0; i < fir.calls.size(); ++i) {
    const CallRecord& c = fir.calls[i];
    if (i > 0) out += ',';
    out += "{\"caller\":";
    AppendJsonString(out, c.caller);
    out += ",\"callee\":";
    AppendJsonString(out, c.callee);
    fmt::format_to(std::back_inserter(out), ",\"started_at\":\"{}\",\"duration_s\":{}}}",
                   c.started_at, c.duration_s);
  }
  out += "]}\n";
}

class JsonlSink final : public FirSink {
 public:
  explicit JsonlSink(std::unique_ptr<OutputFile> file) : file_(std::move(file)) {}

  // Stations appear inside the FIRs registered at them.
  Status Begin(const Geography&) override { return Status::Ok(); }

  Status Write(const Fir& fir) override {
    AppendFir(file_->buffer(), fir);
    return file_->MaybeFlush();
  }

  Status Finish() override { return file_->Close(); }
  std::uint64_t bytes_written() const override { return file_->bytes_written(); }

 private:
  std::unique_ptr<OutputFile> file_;
};

}  // namespace

StatusOr<std::unique_ptr<FirSink>> MakeJsonlSink(const std::filesystem::path& dir) {
  auto file = OutputFile::Create(dir / "firs.jsonl");
  if (!file.ok()) return file.status();
  return std::unique_ptr<FirSink>(std::make_unique<JsonlSink>(std::move(file).value()));
}

}  // namespace sutra::gen
