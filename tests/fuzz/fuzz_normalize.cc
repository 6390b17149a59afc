// Fuzzes the normalisers (ingest/normalize.h) with arbitrary bytes. Beyond not crashing, each
// canonical form must have its documented shape and be a fixed point: normalising it again
// gives it back, since stored keys and search terms are compared after normalisation.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/normalize.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace sutra::ingest;

void CheckPhone(std::string_view text) {
  auto phone = NormalizeIndianMobile(text);
  if (!phone) return;
  SUTRA_FUZZ_CHECK(phone->size() == 13 && phone->starts_with("+91"));
  for (char c : phone->substr(3)) SUTRA_FUZZ_CHECK(std::isdigit(static_cast<unsigned char>(c)));
  SUTRA_FUZZ_CHECK((*phone)[3] >= '6');
  SUTRA_FUZZ_CHECK(NormalizeIndianMobile(*phone) == phone);
}

void CheckRegistration(std::string_view text) {
  auto reg = NormalizeVehicleRegistration(text);
  if (!reg) return;
  SUTRA_FUZZ_CHECK(!reg->empty() && reg->size() <= 11);  // SS DD LLL NNNN
  for (char c : *reg) SUTRA_FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  SUTRA_FUZZ_CHECK(NormalizeVehicleRegistration(*reg) == reg);
}

void CheckFold(std::string_view text) {
  if (!IsValidUtf8(text)) return;  // FoldForLookup's precondition
  std::string folded = FoldForLookup(text);
  SUTRA_FUZZ_CHECK(IsValidUtf8(folded));
  SUTRA_FUZZ_CHECK(!folded.starts_with(' ') && !folded.ends_with(' '));
  SUTRA_FUZZ_CHECK(folded.find("  ") == std::string::npos);
  SUTRA_FUZZ_CHECK(FoldForLookup(folded) == folded);
  SUTRA_FUZZ_CHECK(NameTerm(text) == "name:" + folded);
}

void CheckDates(std::string_view text) {
  if (IsIsoDate(text)) SUTRA_FUZZ_CHECK(text.size() == 10);
  if (IsPartialDate(text)) {
    SUTRA_FUZZ_CHECK(text.size() == 4 || text.size() == 7 || IsIsoDate(text));
  }
  if (IsIsoDateTime(text)) {
    SUTRA_FUZZ_CHECK(text.size() == 19 && IsIsoDate(text.substr(0, 10)));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckPhone(text);
  CheckRegistration(text);
  CheckFold(text);
  CheckDates(text);
  return 0;
}
