#include "ingest/person_file.h"

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "ingest/csv_reader.h"
#include "ingest/normalize.h"

namespace sutra::ingest {
namespace {

constexpr std::array<std::pair<PersonField, std::string_view>, 15> kFieldNames = {{
    {PersonField::kGivenName, "given_name"},
    {PersonField::kSurname, "surname"},
    {PersonField::kFullName, "full_name"},
    {PersonField::kFatherName, "father_name"},
    {PersonField::kDob, "dob"},
    {PersonField::kBirthYear, "birth_year"},
    {PersonField::kAge, "age"},
    {PersonField::kGender, "gender"},
    {PersonField::kAddress, "address"},
    {PersonField::kCity, "city"},
    {PersonField::kPostcode, "postcode"},
    {PersonField::kState, "state"},
    {PersonField::kPhone, "phone"},
    {PersonField::kEmail, "email"},
    {PersonField::kIdNumber, "id_number"},
}};

std::string RoleList() {
  std::string out;
  for (const auto& [field, name] : kFieldNames)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", name);
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// N of "rec-N-org" or "rec-N-dup-K"; std::nullopt for any other id.
std::optional<std::string> FebrlEntity(std::string_view id) {
  if (!id.starts_with("rec-")) return std::nullopt;
  id.remove_prefix(4);
  std::size_t dash = id.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view entity = id.substr(0, dash), rest = id.substr(dash + 1);
  if (!AllDigits(entity)) return std::nullopt;
  if (rest == "org" || (rest.starts_with("dup-") && AllDigits(rest.substr(4)))) {
    return std::string(entity);
  }
  return std::nullopt;
}

// A column the spec reads, resolved against the header.
struct Column {
  std::size_t index = 0;
  std::string name;
  std::string purpose;  // "the id", "given_name", ...: how messages refer to it
};

// Resolves `name` in the header, or says why it cannot be read.
StatusOr<Column> Resolve(const std::vector<std::string>& header, std::string_view file,
                         std::size_t line, std::string name, std::string purpose) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] != name) continue;
    if (found) {
      return InvalidArgument(fmt::format("{}:{}: column '{}' ({}) appears twice in the header",
                                         file, line, name, purpose));
    }
    found = i;
  }
  if (!found) {
    return InvalidArgument(
        fmt::format("{}:{}: column '{}' ({}) is not in the header; the header has: {}", file, line,
                    name, purpose, fmt::join(header, ", ")));
  }
  return Column{*found, std::move(name), std::move(purpose)};
}

// The value of `column` in `fields`, trimmed, or why it cannot be used.
StatusOr<std::string> Value(const std::vector<std::string>& fields, const Column& column) {
  const std::string& raw = fields[column.index];
  if (!IsValidUtf8(raw)) {
    return InvalidArgument(
        fmt::format("column '{}' ({}) is not valid UTF-8 (re-save the file as "
                    "UTF-8)",
                    column.name, column.purpose));
  }
  return Trim(raw);
}

}  // namespace

std::string_view PersonFieldName(PersonField field) {
  for (const auto& [f, name] : kFieldNames) {
    if (f == field) return name;
  }
  return "?";
}

std::optional<PersonField> ParsePersonField(std::string_view name) {
  for (const auto& [field, n] : kFieldNames) {
    if (n == name) return field;
  }
  return std::nullopt;
}

StatusOr<PersonFileSpec> ParseFieldMappings(std::string id_column,
                                            const std::vector<std::string>& mappings,
                                            std::optional<std::string> truth) {
  PersonFileSpec spec;
  spec.id_column = Trim(id_column);
  if (spec.id_column.empty()) return InvalidArgument("give the column that holds record ids");
  for (const std::string& word : mappings) {
    std::size_t eq = word.find('=');
    if (eq == std::string::npos) {
      return InvalidArgument(
          fmt::format("'{}': expected ROLE=COLUMN, e.g. given_name=first_name", word));
    }
    std::string role = Trim(std::string_view(word).substr(0, eq));
    std::string column = Trim(std::string_view(word).substr(eq + 1));
    std::optional<PersonField> field = ParsePersonField(role);
    if (!field) {
      return InvalidArgument(
          fmt::format("'{}': unknown role '{}'; the roles are {}", word, role, RoleList()));
    }
    if (column.empty()) return InvalidArgument(fmt::format("'{}': the column name is empty", word));
    spec.fields.emplace_back(*field, std::move(column));
  }
  if (truth) {
    std::string_view t = *truth;
    spec.truth = t.starts_with("febrl:") ? TruthSource::kFebrlId : TruthSource::kColumn;
    if (spec.truth == TruthSource::kFebrlId) t.remove_prefix(6);
    spec.truth_column = Trim(t);
    if (spec.truth_column.empty()) {
      return InvalidArgument(
          fmt::format("truth '{}': give a column (COLUMN, or febrl:COLUMN for FEBRL ids)", *truth));
    }
  }
  return spec;
}

std::optional<PersonFileSpec> PersonFilePreset(std::string_view name) {
  using F = PersonField;
  if (name == "febrl") {
    return PersonFileSpec{"rec_id",
                          {{F::kGivenName, "given_name"},
                           {F::kSurname, "surname"},
                           {F::kAddress, "street_number"},
                           {F::kAddress, "address_1"},
                           {F::kAddress, "address_2"},
                           {F::kCity, "suburb"},
                           {F::kPostcode, "postcode"},
                           {F::kState, "state"},
                           {F::kDob, "date_of_birth"},
                           {F::kIdNumber, "soc_sec_id"}},
                          TruthSource::kFebrlId,
                          "rec_id"};
  }
  if (name == "splink") {
    return PersonFileSpec{"unique_id",
                          {{F::kGivenName, "first_name"},
                           {F::kSurname, "surname"},
                           {F::kDob, "dob"},
                           {F::kCity, "city"},
                           {F::kEmail, "email"}},
                          TruthSource::kColumn,
                          "cluster"};
  }
  return std::nullopt;
}

Status ReadPersonText(std::string_view text, std::string_view file_name, const PersonFileSpec& spec,
                      const std::function<void(StatusOr<PersonFileRecord>)>& visit) {
  CsvReader reader(text);
  std::optional<CsvRecord> header = reader.Next();
  if (!header || !header->error.empty()) {
    return InvalidArgument(fmt::format("{}:1: no readable header row{}", file_name,
                                       header ? " (" + header->error + ")" : ""));
  }
  for (std::string& name : header->fields) name = Trim(name);
  const std::size_t header_line = header->line;
  SUTRA_ASSIGN_OR_RETURN(Column id,
                         Resolve(header->fields, file_name, header_line, spec.id_column, "the id"));
  std::vector<std::pair<PersonField, Column>> fields;
  for (const auto& [field, name] : spec.fields) {
    SUTRA_ASSIGN_OR_RETURN(Column c, Resolve(header->fields, file_name, header_line, name,
                                             std::string(PersonFieldName(field))));
    fields.emplace_back(field, std::move(c));
  }
  std::optional<Column> truth;
  if (spec.truth != TruthSource::kNone) {
    SUTRA_ASSIGN_OR_RETURN(
        truth, Resolve(header->fields, file_name, header_line, spec.truth_column, "the truth"));
  }

  std::unordered_map<std::string, std::size_t> id_lines;  // id -> line of its first row
  auto read_row = [&](const CsvRecord& row) -> StatusOr<PersonFileRecord> {
    if (!row.error.empty()) return InvalidArgument(row.error);
    if (row.fields.size() != header->fields.size()) {
      return InvalidArgument(fmt::format("{} fields where the header has {}", row.fields.size(),
                                         header->fields.size()));
    }
    PersonFileRecord record;
    record.line = row.line;
    SUTRA_ASSIGN_OR_RETURN(record.id, Value(row.fields, id));
    if (record.id.empty())
      return InvalidArgument(fmt::format("column '{}' (the id) is empty", id.name));
    for (const auto& [field, column] : fields) {
      SUTRA_ASSIGN_OR_RETURN(std::string value, Value(row.fields, column));
      if (value.empty()) continue;
      std::string& slot = record.fields[field];
      slot += slot.empty() ? value : " " + value;
    }
    if (truth) {
      SUTRA_ASSIGN_OR_RETURN(std::string value, Value(row.fields, *truth));
      if (spec.truth == TruthSource::kFebrlId) {
        std::optional<std::string> entity = FebrlEntity(value);
        if (!entity) {
          return InvalidArgument(fmt::format(
              "column '{}' (the truth): '{}' is not a FEBRL id (rec-N-org or rec-N-dup-K)",
              truth->name, value));
        }
        value = *entity;
      }
      if (value.empty()) {
        return InvalidArgument(fmt::format("column '{}' (the truth) is empty", truth->name));
      }
      record.truth = std::move(value);
    }
    auto [it, fresh] = id_lines.emplace(record.id, row.line);
    if (!fresh) {
      return InvalidArgument(fmt::format("column '{}' (the id): '{}' is already the id of line {}",
                                         id.name, record.id, it->second));
    }
    return record;
  };
  while (std::optional<CsvRecord> row = reader.Next()) {
    StatusOr<PersonFileRecord> record = read_row(*row);
    if (record.ok()) {
      visit(std::move(record));
    } else {
      visit(InvalidArgument(
          fmt::format("{}:{}: {}", file_name, row->line, record.status().message())));
    }
  }
  return Status::Ok();
}

Status ReadPersonFile(const std::filesystem::path& path, const PersonFileSpec& spec,
                      const std::function<void(StatusOr<PersonFileRecord>)>& visit) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return InvalidArgument(fmt::format("{}: is a directory; give a CSV file", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open the file", path.string()));
  // TODO(perf): reads the whole file; fine for benchmark files of a few hundred MB at most.
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError(fmt::format("{}: read failed", path.string()));
  return ReadPersonText(buffer.str(), path.string(), spec, visit);
}

StatusOr<PersonFile> LoadPersonFile(const std::filesystem::path& path, const PersonFileSpec& spec) {
  PersonFile file;
  SUTRA_RETURN_IF_ERROR(ReadPersonFile(path, spec, [&](StatusOr<PersonFileRecord> record) {
    if (record.ok()) {
      file.records.push_back(std::move(record).value());
    } else {
      file.rejected.push_back(record.status().message());
    }
  }));
  return file;
}

}  // namespace sutra::ingest
