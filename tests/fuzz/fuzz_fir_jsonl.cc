// Fuzzes the JSONL FIR feed (ingest/fir_jsonl.h): ParseFirDocument() on the whole input as one
// line, and ReadFirFeed() on it as a file with a small line cap when it has several lines. An
// accepted document must hold together: every part carries the document's FIR key, record ids are
// unique, and every reference (owner, address, place of occurrence) resolves inside the document.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "ingest/fir_jsonl.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/temp_file.h"

namespace {

using namespace sutra::ingest;

void CheckDocument(const FirDocument& doc) {
  SUTRA_FUZZ_CHECK(doc.fir.fir.station_code == doc.station.code);
  std::set<std::string> locations, records;
  for (const LocationRow& l : doc.locations) SUTRA_FUZZ_CHECK(locations.insert(l.id).second);
  auto known_location = [&](const std::string& id) { return id.empty() || locations.contains(id); };
  SUTRA_FUZZ_CHECK(known_location(doc.fir.location_id));
  for (const PersonRow& p : doc.persons) {
    SUTRA_FUZZ_CHECK(p.fir == doc.fir.fir);
    SUTRA_FUZZ_CHECK(records.insert(p.record_id).second);
    SUTRA_FUZZ_CHECK(known_location(p.address_location_id));
  }
  for (const VehicleRow& v : doc.vehicles) {
    SUTRA_FUZZ_CHECK(v.fir == doc.fir.fir);
    SUTRA_FUZZ_CHECK(v.owner_record_id.empty() || records.contains(v.owner_record_id));
  }
  for (const CallRow& c : doc.calls) SUTRA_FUZZ_CHECK(c.fir == doc.fir.fir);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sutra::fuzz::ScratchFile file(".jsonl");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto doc = ParseFirDocument(text); doc.ok()) CheckDocument(*doc);

  // The feed adds line splitting to the above; without a line break there is nothing to split.
  if (text.find('\n') == std::string_view::npos) return 0;
  std::size_t last_line = 0;
  sutra::Status status = ReadFirFeed(file.Write(text),
                                     [&](std::size_t line, sutra::StatusOr<FirDocument> doc) {
                                       SUTRA_FUZZ_CHECK(line > last_line && line <= size + 1);
                                       last_line = line;
                                       if (doc.ok()) CheckDocument(*doc);
                                     },
                                     {.max_line_bytes = 512});
  SUTRA_FUZZ_CHECK(status.ok());
  return 0;
}
