// Fuzzes a bundle table end to end: ReadTable() (ingest/bundle_rows.h) over a scratch file, then
// the Parse*Row() of its kind over every row read. The first input byte chooses the kind, the
// rest is the file. Whatever a row parser accepts must satisfy the bundle format's rules
// (datasets/README.md), since the loader stores it as it is.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/bundle_rows.h"
#include "ingest/normalize.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/temp_file.h"

namespace {

using namespace sutra::ingest;

void CheckPhone(const std::string& e164) { SUTRA_FUZZ_CHECK(NormalizeIndianMobile(e164) == e164); }

void CheckRow(int kind, const TableRow& row) {
  switch (kind) {
    case 0:
      (void)ParseStationRow(row);
      break;
    case 1:
      if (auto loc = ParseLocationRow(row); loc.ok()) {
        SUTRA_FUZZ_CHECK(loc->latitude.has_value() == loc->longitude.has_value());
        if (loc->latitude) {
          SUTRA_FUZZ_CHECK(std::isfinite(*loc->latitude) && std::abs(*loc->latitude) <= 90);
          SUTRA_FUZZ_CHECK(std::isfinite(*loc->longitude) && std::abs(*loc->longitude) <= 180);
        }
      }
      break;
    case 2:
      if (auto c = ParseCaseRow(row); c.ok()) SUTRA_FUZZ_CHECK(IsIsoDate(c->registered_on));
      break;
    case 3:
      if (auto p = ParsePersonRow(row); p.ok()) {
        SUTRA_FUZZ_CHECK(!p->roles.empty());
        if (p->age) SUTRA_FUZZ_CHECK(*p->age >= 0 && *p->age <= 120);
        if (p->phone) CheckPhone(*p->phone);
      }
      break;
    case 4:
      if (auto v = ParseVehicleRow(row); v.ok()) {
        SUTRA_FUZZ_CHECK(NormalizeVehicleRegistration(v->registration) == v->registration);
      }
      break;
    default:
      if (auto c = ParseCallRow(row); c.ok()) {
        CheckPhone(c->caller);
        CheckPhone(c->callee);
        SUTRA_FUZZ_CHECK(IsIsoDateTime(c->started_at) && c->duration_s >= 0);
      }
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sutra::fuzz::ScratchFile file(".csv");
  if (size == 0) return 0;
  const std::vector<ColumnSpec>* const kSpecs[] = {&kStationColumns, &kLocationColumns,
                                                   &kCaseColumns,    &kPersonColumns,
                                                   &kVehicleColumns, &kCallColumns};
  const int kind = data[0] % 6;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto table = ReadTable(file.Write(text), *kSpecs[kind]);
  if (!table.ok()) return 0;
  for (const TableRow& row : table->rows) {
    for (const ColumnSpec& c : *kSpecs[kind]) {
      if (c.required) SUTRA_FUZZ_CHECK(!row.Get(c.name).empty());
    }
    for (const auto& [column, value] : row.fields) SUTRA_FUZZ_CHECK(IsValidUtf8(value));
    CheckRow(kind, row);
  }
  return 0;
}
