#include "datasets/generator/dates.h"

#include <chrono>

namespace sutra::gen {

int DayNumber(int year, int month, int day) {
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

CivilDate ToCivil(int day_number) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(day_number))};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

void AppendIsoDate(int day_number, std::string& out) {
  const CivilDate d = ToCivil(day_number);
  char text[11];
  text[0] = static_cast<char>('0' + d.year / 1000);
  text[1] = static_cast<char>('0' + d.year / 100 % 10);
  text[2] = static_cast<char>('0' + d.year / 10 % 10);
  text[3] = static_cast<char>('0' + d.year % 10);
  text[4] = '-';
  text[5] = static_cast<char>('0' + d.month / 10);
  text[6] = static_cast<char>('0' + d.month % 10);
  text[7] = '-';
  text[8] = static_cast<char>('0' + d.day / 10);
  text[9] = static_cast<char>('0' + d.day % 10);
  out.append(text, 10);
}

std::string IsoDate(int day_number) {
  std::string out;
  AppendIsoDate(day_number, out);
  return out;
}

}  // namespace sutra::gen
