#include "engine/er/person_file_input.h"

#include <optional>
#include <string>

namespace sutra::engine::er {
namespace {

using ingest::PersonField;

// A non-negative number written in digits only; std::nullopt for anything else (including
// numbers too long for an int).
std::optional<int> ToInt(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

void AppendWord(std::string& to, const std::string& word) {
  if (word.empty()) return;
  if (!to.empty()) to += ' ';
  to += word;
}

}  // namespace

algorithms::er::PersonInput ToPersonInput(const ingest::PersonFileRecord& record) {
  auto get = [&](PersonField field) {
    auto it = record.fields.find(field);
    return it == record.fields.end() ? std::string() : it->second;
  };
  algorithms::er::PersonInput in;
  in.id = record.id;
  in.name = get(PersonField::kFullName);
  if (in.name.empty()) {
    AppendWord(in.name, get(PersonField::kGivenName));
    AppendWord(in.name, get(PersonField::kSurname));
  }
  in.father_name = get(PersonField::kFatherName);
  in.dob = get(PersonField::kDob);
  in.birth_year = ToInt(get(PersonField::kBirthYear));
  in.age = ToInt(get(PersonField::kAge));
  in.phone = get(PersonField::kPhone);
  for (PersonField field :
       {PersonField::kAddress, PersonField::kCity, PersonField::kPostcode, PersonField::kState}) {
    AppendWord(in.address, get(field));
  }
  in.identifier = get(PersonField::kIdNumber);
  in.email = get(PersonField::kEmail);
  return in;
}

}  // namespace sutra::engine::er
