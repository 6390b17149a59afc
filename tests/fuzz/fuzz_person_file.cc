// Fuzzes the person-file reader (ingest/person_file.h) with arbitrary CSV text. The first byte
// chooses the spec: the FEBRL preset, the Splink preset, or a generic mapping over columns
// "id,a,b,t" with a truth column. Accepted records must have unique non-empty ids, trimmed
// values and, for FEBRL ids, a numeric entity.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "ingest/person_file.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace sutra::ingest;

PersonFileSpec SpecFor(std::uint8_t choice) {
  switch (choice % 3) {
    case 0:
      return *PersonFilePreset("febrl");
    case 1:
      return *PersonFilePreset("splink");
    default:
      return ParseFieldMappings("id", {"full_name=a", "address=a", "address=b"}, "t").value();
  }
}

bool Trimmed(const std::string& s) {
  return s.empty() ||
         (s.front() != ' ' && s.front() != '\t' && s.back() != ' ' && s.back() != '\t');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const PersonFileSpec spec = SpecFor(data[0]);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::set<std::string> ids;
  std::size_t last_line = 0;
  sutra::Status status = ReadPersonText(text, "fuzz.csv", spec, [&](auto record) {
    if (!record.ok()) return;
    SUTRA_FUZZ_CHECK(!record->id.empty() && Trimmed(record->id));
    SUTRA_FUZZ_CHECK(ids.insert(record->id).second);
    SUTRA_FUZZ_CHECK(record->line > last_line);
    last_line = record->line;
    for (const auto& [field, value] : record->fields) {
      SUTRA_FUZZ_CHECK(!value.empty() && Trimmed(value));
    }
    SUTRA_FUZZ_CHECK(!record->truth.empty());
    if (spec.truth == TruthSource::kFebrlId) {
      SUTRA_FUZZ_CHECK(record->truth.find_first_not_of("0123456789") == std::string::npos);
    }
  });
  (void)status;  // a file-level refusal (no header, missing column) is a valid outcome
  return 0;
}
