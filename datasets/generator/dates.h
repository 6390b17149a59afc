// Calendar days as integers (days since 1970-01-01) and their ISO-8601 text.
#pragma once

#include <string>

namespace sutra::gen {

struct CivilDate {
  int year, month, day;
};

int DayNumber(int year, int month, int day);
CivilDate ToCivil(int day_number);
// Appends "YYYY-MM-DD".
void AppendIsoDate(int day_number, std::string& out);
std::string IsoDate(int day_number);

}  // namespace sutra::gen
