#include "ingest/fir_jsonl.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <system_error>

#include "ingest/normalize.h"

namespace sutra::ingest {
namespace {

using nlohmann::json;
using Names = std::initializer_list<std::string_view>;

// A document is at most root -> array -> object -> object; anything deeper is not an FIR and is
// refused before it can cost memory.
constexpr int kMaxDepth = 8;
// Messages quote the values they reject; a 10 MB field must not make a 10 MB message.
constexpr std::size_t kMaxMessageBytes = 1000;

// How a column's value is written in JSON. Columns not named here are strings, so columns that
// bundle_rows.h adds later are read as strings without a change here.
enum class Kind { kString, kInteger, kNumber, kList };

Kind KindOf(std::string_view column) {
  if (column == "age" || column == "birth_year" || column == "duration_s") return Kind::kInteger;
  if (column == "latitude" || column == "longitude") return Kind::kNumber;
  if (column == "acts_sections" || column == "roles" || column == "flags") return Kind::kList;
  return Kind::kString;
}

bool In(std::string_view name, Names names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Cuts an over-long message at a UTF-8 character boundary.
std::string Shorten(std::string message) {
  if (message.size() <= kMaxMessageBytes) return message;
  std::size_t cut = kMaxMessageBytes;
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
  std::size_t total = message.size();
  message.resize(cut);
  message += fmt::format("... ({} bytes in all)", total);
  return message;
}

Status AtPath(std::string_view path, std::string_view what) {
  if (path.empty()) return InvalidArgument(Shorten(std::string(what)));
  return InvalidArgument(Shorten(fmt::format("{}: {}", path, what)));
}

std::string Member(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}
std::string Element(std::string_view path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

std::string Got(const json& v) {
  if (v.is_number_float()) return fmt::format("got {}", v.get<double>());
  return fmt::format("got {} {}", v.is_array() || v.is_object() ? "an" : "a", v.type_name());
}

const json* Find(const json& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

StatusOr<std::string> StringValue(const json& v, std::string_view path) {
  if (v.is_null()) return std::string();
  if (!v.is_string()) return AtPath(path, "expected a string, " + Got(v));
  const std::string& s = v.get_ref<const std::string&>();
  if (s.find('\0') != std::string::npos) {
    return AtPath(path, "holds a NUL character (\\u0000); remove it");
  }
  return Trim(s);
}

StatusOr<std::string> IntegerValue(const json& v, std::string_view path) {
  if (v.is_null()) return std::string();
  if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return AtPath(path, "expected a whole number, " + Got(v));
}

StatusOr<std::string> NumberValue(const json& v, std::string_view path) {
  if (v.is_null()) return std::string();
  if (v.is_number_float()) return fmt::format("{}", v.get<double>());  // shortest round trip
  if (v.is_number()) return IntegerValue(v, path);
  return AtPath(path, "expected a number, " + Got(v));
}

// A list column: an array of strings, joined with ';' as the CSV column writes it. An element
// that would split or vanish when joined is refused rather than silently changed.
StatusOr<std::string> ListValue(const json& v, std::string_view path) {
  if (v.is_null()) return std::string();
  if (!v.is_array()) return AtPath(path, "expected an array of strings, " + Got(v));
  std::string joined;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string at = Element(path, i);
    SUTRA_ASSIGN_OR_RETURN(std::string item, StringValue(v[i], at));
    if (item.empty()) return AtPath(at, "is empty; remove it from the list");
    if (item.find(';') != std::string::npos) {
      return AtPath(at, fmt::format("'{}' holds ';'; give each item as its own element", item));
    }
    if (!joined.empty()) joined += ';';
    joined += item;
  }
  return joined;
}

StatusOr<std::string> ColumnValue(const json& v, std::string_view column, std::string_view path) {
  switch (KindOf(column)) {
    case Kind::kInteger:
      return IntegerValue(v, path);
    case Kind::kNumber:
      return NumberValue(v, path);
    case Kind::kList:
      return ListValue(v, path);
    case Kind::kString:
      break;
  }
  return StringValue(v, path);
}

// Copies the fields of JSON `object` at `path` into `row` as CSV text. The object may hold the
// columns of `spec` except `excluded` (supplied by the caller, e.g. the FIR key of a person) and
// the keys `nested` (read by the caller); any other key is refused, as an extra CSV column is.
Status Flatten(const json& object, std::string_view path, const std::vector<ColumnSpec>& spec,
               Names excluded, Names nested, TableRow& row) {
  if (!object.is_object()) return AtPath(path, "expected an object, " + Got(object));
  auto allowed = [&](std::string_view key) {
    return !In(key, excluded) && std::any_of(spec.begin(), spec.end(),
                                             [&](const ColumnSpec& c) { return c.name == key; });
  };
  for (const auto& [key, value] : object.items()) {
    if (In(key, nested)) continue;
    std::string at = Member(path, key);
    if (!allowed(key)) {
      std::string names;
      for (const ColumnSpec& c : spec) {
        if (!In(c.name, excluded)) names += fmt::format("{}{}", names.empty() ? "" : ", ", c.name);
      }
      for (std::string_view n : nested) names += fmt::format(", {}", n);
      return AtPath(at, fmt::format("unknown field (the fields here are {})", names));
    }
    SUTRA_ASSIGN_OR_RETURN(row.fields[key], ColumnValue(value, key, at));
  }
  for (const ColumnSpec& c : spec) {
    if (c.required && !In(c.name, excluded) && row.Get(c.name).empty()) {
      return AtPath(Member(path, c.name), "is required but missing, null or empty");
    }
  }
  return Status::Ok();
}

// Turns a Parse*Row() error ("column 'age': '130' is not ...") into one that names the JSON
// path of the field, down to the list element when the message quotes one. A message that
// names no column this object may hold (`excluded` are supplied by the caller) is kept whole,
// prefixed with the object's path.
Status Locate(const Status& error, std::string_view path, const json& object, Names excluded = {}) {
  const std::string& m = error.message();
  constexpr std::string_view kPrefix = "column '";
  std::size_t end = m.starts_with(kPrefix) ? m.find('\'', kPrefix.size()) : std::string::npos;
  if (end == std::string::npos) return AtPath(path, m);
  std::string column = m.substr(kPrefix.size(), end - kPrefix.size());
  if (In(column, excluded)) return AtPath(path, m);
  const json* value = Find(object, column);
  std::string_view rest = std::string_view(m).substr(end + 1);
  while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
  std::string at = Member(path, column);
  if (value != nullptr && value->is_array()) {
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (item.is_string() &&
          rest.starts_with("'" + Trim(item.get_ref<const std::string&>()) + "'")) {
        at = Element(at, i);
        break;
      }
    }
  }
  return AtPath(at, rest);
}

bool SamePlace(const LocationRow& a, const LocationRow& b) {
  return a.id == b.id && a.address == b.address && a.district == b.district && a.state == b.state &&
         a.latitude == b.latitude && a.longitude == b.longitude;
}

// Reads the location object at `path` (absent or null: no location) into doc.locations, once
// per id, and returns its id ("" when absent).
StatusOr<std::string> ReadLocation(const json* value, const std::string& path, FirDocument& doc) {
  if (value == nullptr || value->is_null()) return std::string();
  TableRow row;
  SUTRA_RETURN_IF_ERROR(Flatten(*value, path, kLocationColumns, {}, {}, row));
  StatusOr<LocationRow> location = ParseLocationRow(row);
  if (!location.ok()) return Locate(location.status(), path, *value);
  for (const LocationRow& seen : doc.locations) {
    if (seen.id != location->id) continue;
    if (SamePlace(seen, *location)) return seen.id;
    return AtPath(Member(path, "location_id"),
                  fmt::format("'{}' is given twice with different details; give one id per place",
                              location->id));
  }
  doc.locations.push_back(*location);
  return location->id;
}

// Calls read(element, path) for each element of the array `key` of `root` (absent or null:
// none).
template <typename Read>
Status ForEachElement(const json& root, std::string_view key, Read read) {
  const json* array = Find(root, key);
  if (array == nullptr || array->is_null()) return Status::Ok();
  if (!array->is_array()) return AtPath(key, "expected an array, " + Got(*array));
  for (std::size_t i = 0; i < array->size(); ++i) {
    SUTRA_RETURN_IF_ERROR(read((*array)[i], Element(key, i)));
  }
  return Status::Ok();
}

// Columns of the CSV rows that a JSON party object does not hold: the document supplies them.
const Names kFirKey = {"station_code", "fir_number"};
const Names kPersonSupplied = {"station_code", "fir_number", "address_location_id"};

void SetFir(const FirDocument& doc, TableRow& row) {
  row.fields["station_code"] = doc.fir.fir.station_code;
  row.fields["fir_number"] = doc.fir.fir.fir_number;
}

Status ReadHeader(const json& root, FirDocument& doc) {
  const json* station = Find(root, "station");
  if (station == nullptr || station->is_null()) {
    return AtPath("station", "is required: an object with station_code, name, district, state");
  }
  TableRow station_row;
  SUTRA_RETURN_IF_ERROR(Flatten(*station, "station", kStationColumns, {}, {}, station_row));
  StatusOr<StationRow> parsed_station = ParseStationRow(station_row);
  if (!parsed_station.ok()) return Locate(parsed_station.status(), "station", *station);
  doc.station = std::move(parsed_station).value();

  TableRow case_row;
  SUTRA_RETURN_IF_ERROR(Flatten(root, "", kCaseColumns, {"station_code", "location_id"},
                                {"station", "location", "persons", "vehicles", "calls"}, case_row));
  case_row.fields["station_code"] = doc.station.code;
  SUTRA_ASSIGN_OR_RETURN(case_row.fields["location_id"],
                         ReadLocation(Find(root, "location"), "location", doc));
  StatusOr<CaseRow> parsed_case = ParseCaseRow(case_row);
  if (!parsed_case.ok()) {
    return Locate(parsed_case.status(), "", root, {"station_code", "location_id"});
  }
  doc.fir = std::move(parsed_case).value();
  return Status::Ok();
}

Status ReadParties(const json& root, FirDocument& doc) {
  std::map<std::string, std::string> record_paths;  // record_id -> where it was first given
  SUTRA_RETURN_IF_ERROR(ForEachElement(root, "persons", [&](const json& v, std::string path) {
    TableRow row;
    SUTRA_RETURN_IF_ERROR(Flatten(v, path, kPersonColumns, kPersonSupplied, {"address"}, row));
    SetFir(doc, row);
    SUTRA_ASSIGN_OR_RETURN(row.fields["address_location_id"],
                           ReadLocation(Find(v, "address"), Member(path, "address"), doc));
    StatusOr<PersonRow> person = ParsePersonRow(row);
    if (!person.ok()) return Locate(person.status(), path, v, kPersonSupplied);
    auto [it, fresh] = record_paths.emplace(person->record_id, path);
    if (!fresh) {
      return AtPath(Member(path, "record_id"),
                    fmt::format("'{}' is already the record_id of {}; give each person its own",
                                person->record_id, it->second));
    }
    doc.persons.push_back(std::move(person).value());
    return Status::Ok();
  }));
  SUTRA_RETURN_IF_ERROR(ForEachElement(root, "vehicles", [&](const json& v, std::string path) {
    TableRow row;
    SUTRA_RETURN_IF_ERROR(Flatten(v, path, kVehicleColumns, kFirKey, {}, row));
    SetFir(doc, row);
    StatusOr<VehicleRow> vehicle = ParseVehicleRow(row);
    if (!vehicle.ok()) return Locate(vehicle.status(), path, v, kFirKey);
    if (!vehicle->owner_record_id.empty() && !record_paths.contains(vehicle->owner_record_id)) {
      return AtPath(Member(path, "owner_record_id"),
                    fmt::format("'{}' is not the record_id of a person in this FIR; add the "
                                "owner to persons or leave the owner out",
                                vehicle->owner_record_id));
    }
    doc.vehicles.push_back(std::move(vehicle).value());
    return Status::Ok();
  }));
  return ForEachElement(root, "calls", [&](const json& v, std::string path) {
    TableRow row;
    SUTRA_RETURN_IF_ERROR(Flatten(v, path, kCallColumns, kFirKey, {}, row));
    SetFir(doc, row);
    StatusOr<CallRow> call = ParseCallRow(row);
    if (!call.ok()) return Locate(call.status(), path, v, kFirKey);
    doc.calls.push_back(std::move(call).value());
    return Status::Ok();
  });
}

// Thrown from the parser callback to stop parsing; caught in ParseJson().
struct Refusal {
  std::string reason;
};

// Parses with nlohmann_json, refusing duplicate keys (which the library would resolve silently
// to the last) and nesting deeper than any FIR needs.
StatusOr<json> ParseJson(std::string_view line) {
  std::vector<std::set<std::string>> keys;  // the keys seen in each open object
  auto callback = [&keys](int depth, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    if ((event == E::object_start || event == E::array_start) && depth >= kMaxDepth) {
      throw Refusal{fmt::format("nested deeper than {} levels; an FIR document is not", kMaxDepth)};
    }
    if (event == E::object_start) keys.emplace_back();
    if (event == E::object_end && !keys.empty()) keys.pop_back();
    if (event == E::key && !keys.empty()) {
      const std::string& key = parsed.get_ref<const std::string&>();
      if (!keys.back().insert(key).second) {
        throw Refusal{fmt::format("field '{}' appears twice in one object; give it once", key)};
      }
    }
    return true;
  };
  try {
    return json::parse(line.begin(), line.end(), callback);
  } catch (const Refusal& r) {
    return InvalidArgument(Shorten(r.reason));
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error ..."
    std::string_view what = e.what();
    std::size_t detail = what.find(": ");
    if (detail != std::string_view::npos) what.remove_prefix(detail + 2);
    return InvalidArgument(Shorten(
        fmt::format("not valid JSON at byte {}: {} (each line must hold one whole JSON object)",
                    e.byte, what)));
  } catch (const json::exception& e) {
    return InvalidArgument(Shorten(fmt::format("not valid JSON: {}", e.what())));
  }
}

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

StatusOr<FirDocument> ParseFirDocument(std::string_view line) {
  if (!IsValidUtf8(line)) {
    return InvalidArgument("the line is not valid UTF-8 (re-save the feed as UTF-8)");
  }
  SUTRA_ASSIGN_OR_RETURN(json root, ParseJson(line));
  if (!root.is_object()) {
    return InvalidArgument("expected one JSON object per line, " + Got(root));
  }
  FirDocument doc;
  try {
    SUTRA_RETURN_IF_ERROR(ReadHeader(root, doc));
    SUTRA_RETURN_IF_ERROR(ReadParties(root, doc));
  } catch (const json::exception& e) {
    // The readers check each value's type before using it, so this is a bug here.
    return Internal(fmt::format("reading an FIR document: {}", e.what()));
  }
  return doc;
}

Status ReadFirFeed(const std::filesystem::path& path,
                   const std::function<void(std::size_t line, StatusOr<FirDocument>)>& visit,
                   const FeedOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return InvalidArgument(fmt::format("{}: is a directory; give a .jsonl file", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open the file", path.string()));

  std::string line;
  bool overlong = false;  // the current line passed the cap; its bytes are being skipped
  std::size_t number = 1;
  auto finish = [&] {
    std::string_view text = line;
    if (number == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (overlong) {
      visit(number, InvalidArgument(fmt::format(
                        "the line is longer than {} bytes, more than any FIR needs; check that the "
                        "feed holds one document per line",
                        options.max_line_bytes)));
    } else if (!Blank(text)) {
      if (text.ends_with('\r')) text.remove_suffix(1);
      visit(number, ParseFirDocument(text));
    }
    line.clear();
    overlong = false;
    ++number;
  };

  std::vector<char> buffer(std::size_t{1} << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    std::string_view chunk(buffer.data(), static_cast<std::size_t>(in.gcount()));
    while (!chunk.empty()) {
      std::size_t newline = chunk.find('\n');
      std::string_view piece = chunk.substr(0, newline);
      if (!overlong && line.size() + piece.size() > options.max_line_bytes) {
        overlong = true;
        std::string().swap(line);  // give the memory back now, not at the line's end
      }
      if (!overlong) line.append(piece);
      if (newline == std::string_view::npos) break;
      finish();
      chunk.remove_prefix(newline + 1);
    }
  }
  if (in.bad()) return IoError(fmt::format("{}: read failed after line {}", path.string(), number));
  if (overlong || !line.empty()) finish();
  return Status::Ok();
}

}  // namespace sutra::ingest
