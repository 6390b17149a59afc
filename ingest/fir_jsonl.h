// A JSONL FIR feed: one FIR document per line, as a station's system sends them.
//
// A document is one JSON object whose field names are the CSV column names of
// datasets/README.md, nested the way an FIR is written:
//
//   {"station": {"station_code": .., "name": .., "district": .., "state": ..},
//    "fir_number": .., "registered_on": "YYYY-MM-DD", "acts_sections": ["IPC 379", "IPC 411"],
//    "status": .., "modus_operandi": .., "location": {location} | null,
//    "persons": [{"record_id": .., "roles": ["accused"], "name": .., "age": 32,
//                 "address": {location} | null, "phone": .., "flags": [..], ..}],
//    "vehicles": [{"registration": .., "link": "seized", "owner_record_id": .., ..}],
//    "calls": [{"caller": .., "callee": .., "started_at": .., "duration_s": 73}]}
//
// where {location} is {"location_id", "address", "district", "state", "latitude",
// "longitude"}. Absent values are null or omitted. Numbers (age, birth_year, duration_s,
// latitude, longitude) are JSON numbers, lists (acts_sections, roles, flags) are arrays of
// strings, everything else is a string; strings are trimmed of spaces and tabs as CSV fields are.
//
// Each part is checked by the same Parse*Row() functions as the CSV bundle (bundle_rows.h), so
// both paths accept exactly the same values. A document is all or nothing: any bad field
// rejects the whole FIR, persons, vehicles and calls included.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "ingest/bundle_rows.h"
#include "storage/status.h"

namespace sutra::ingest {

struct FirDocument {
  StationRow station;
  CaseRow fir;
  // The place of occurrence and the persons' addresses, each id once, in order of appearance.
  std::vector<LocationRow> locations;
  // Persons, vehicles and calls carry the document's FIR key (station_code + fir_number).
  std::vector<PersonRow> persons;
  std::vector<VehicleRow> vehicles;
  std::vector<CallRow> calls;
};

// Parses and checks one document. Beyond the per-row checks of bundle_rows.h it checks, within
// the document: record_ids are unique, every owner_record_id names a person of the document,
// and a location id given twice describes the same place both times. Unknown fields and
// duplicate keys are rejected, as are strings holding a NUL character.
//
// Errors are InvalidArgument with a message that starts with the JSON path of the bad field and
// says what is expected, e.g. `persons[2].roles[0]: 'suspect' is not a role (accused, ...)`.
// Never throws.
StatusOr<FirDocument> ParseFirDocument(std::string_view line);

struct FeedOptions {
  // A longer line is rejected without being held in memory whole.
  std::size_t max_line_bytes = std::size_t{64} << 20;
};

// Streams the .jsonl file at `path`: calls visit(line_number, document or error) for each line
// that is not blank, in order, with 1-based physical line numbers. A line that is not valid
// UTF-8, is longer than options.max_line_bytes, or does not parse is passed on as an error
// Status (its message does not repeat the file or line; the caller adds them). LF and CRLF line
// ends are accepted, and a UTF-8 byte-order mark at the start is skipped.
//
// Returns an error Status only when the file cannot be opened or read; documents already
// visited stay visited.
Status ReadFirFeed(const std::filesystem::path& path,
                   const std::function<void(std::size_t line, StatusOr<FirDocument>)>& visit,
                   const FeedOptions& options = {});

}  // namespace sutra::ingest
