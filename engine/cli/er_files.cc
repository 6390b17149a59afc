#include "engine/cli/er_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <system_error>

#include "engine/er/person_file_input.h"

namespace sutra::cli {
namespace {

constexpr std::size_t kRejectsShown = 100;

std::string Errno() { return std::strerror(errno); }

// Writes all of `data` to `path` (created or truncated) and syncs it to the disk.
Status WriteAndSync(const std::string& path, const std::string& data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(fmt::format("{}: cannot create the file: {}", path, Errno()));
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status error = IoError(fmt::format("{}: write failed: {}", path, Errno()));
      ::close(fd);
      return error;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status error = IoError(fmt::format("{}: sync to disk failed: {}", path, Errno()));
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) return IoError(fmt::format("{}: close failed: {}", path, Errno()));
  return Status::Ok();
}

}  // namespace

void AddPersonFileOptions(CLI::App& command, PersonFileArgs& args, std::string threshold_help) {
  command.add_option("--id", args.id_column, "The column holding each row's id (unique in a file)")
      ->required();
  command
      .add_option("--field", args.fields,
                  "ROLE=COLUMN: read COLUMN as ROLE; repeat for each column. Roles: given_name,\n"
                  "surname, full_name, father_name, dob, birth_year, age, gender, address, city,\n"
                  "postcode, state, phone, email, id_number. A role given several columns joins\n"
                  "their values (address=house --field address=street)")
      ->required()
      ->allow_extra_args(false);
  command.add_option("--out", args.out, "The CSV file to write (replaced atomically)")->required();
  command.add_option("--threshold", args.threshold, std::move(threshold_help))
      ->capture_default_str();
}

Status CheckProbability(std::string_view option, double value) {
  if (value >= 0 && value <= 1) return Status::Ok();
  return InvalidArgument(
      fmt::format("{} {}: give a match probability between 0 and 1", option, value));
}

StatusOr<ingest::PersonFileSpec> CheckPersonFileArgs(const PersonFileArgs& args,
                                                     const std::vector<std::string>& inputs) {
  if (args.id_column.find_first_not_of(" \t") == std::string::npos) {
    return InvalidArgument("--id: give the name of the column that holds each row's id");
  }
  auto spec = ingest::ParseFieldMappings(args.id_column, args.fields);
  if (!spec.ok()) return spec.status().WithContext("--field");
  SUTRA_RETURN_IF_ERROR(CheckProbability("--threshold", args.threshold));

  const std::filesystem::path out(args.out);
  std::error_code ec;
  const std::filesystem::path dir = out.has_parent_path() ? out.parent_path() : ".";
  if (!std::filesystem::is_directory(dir, ec)) {
    return InvalidArgument(
        fmt::format("--out {}: the directory {} does not exist; create it or give another path",
                    args.out, dir.string()));
  }
  if (std::filesystem::is_directory(out, ec)) {
    return InvalidArgument(fmt::format("--out {}: is a directory; give a file name", args.out));
  }
  for (const std::string& input : inputs) {
    if (std::filesystem::equivalent(out, input, ec)) {
      return InvalidArgument(
          fmt::format("--out {}: is the input file {}; give another path so the input is kept",
                      args.out, input));
    }
  }
  return spec;
}

StatusOr<LoadedPersons> LoadPersons(const std::string& path, const ingest::PersonFileSpec& spec,
                                    std::ostream& errors) {
  auto read = ingest::LoadPersonFile(path, spec);
  std::error_code ec;
  if (!read.ok() && read.status().code() == StatusCode::kInvalidArgument &&
      !std::filesystem::is_directory(path, ec)) {
    // A readable file whose header lacks (or repeats) a column the options name, or has none.
    return InvalidArgument(read.status().message() + " (check --id and --field)");
  }
  SUTRA_ASSIGN_OR_RETURN(ingest::PersonFile file, std::move(read));
  for (std::size_t i = 0; i < file.rejected.size() && i < kRejectsShown; ++i) {
    errors << file.rejected[i] << "\n";
  }
  if (file.rejected.size() > kRejectsShown) {
    errors << fmt::format("{}: ... and {} more rows left out\n", path,
                          file.rejected.size() - kRejectsShown);
  }
  if (file.records.empty()) {
    if (file.rejected.empty()) {
      return InvalidArgument(fmt::format("{}: no data rows below the header", path));
    }
    return InvalidArgument(
        fmt::format("{}: no readable rows ({} left out, listed above); fix them or check --id "
                    "and --field",
                    path, file.rejected.size()));
  }
  LoadedPersons loaded;
  loaded.rejected = file.rejected.size();
  loaded.inputs.reserve(file.records.size());
  for (const ingest::PersonFileRecord& record : file.records) {
    loaded.inputs.push_back(engine::er::ToPersonInput(record));
  }
  return loaded;
}

StatusOr<algorithms::er::Resolution> ResolvePersons(
    const std::vector<algorithms::er::PersonInput>& inputs,
    const algorithms::er::ResolveOptions& options) {
  SUTRA_ASSIGN_OR_RETURN(
      algorithms::er::NameNormalizer normalizer,
      algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default()));
  const algorithms::er::Resolver resolver(normalizer);
  return resolver.Resolve(inputs, options);
}

Status WriteFileAtomically(const std::filesystem::path& out,
                           const std::function<void(std::ostream&)>& write) {
  std::ostringstream content;
  write(content);
  const std::string tmp = out.string() + ".tmp";
  Status written = WriteAndSync(tmp, content.str());
  std::error_code ec;
  if (written.ok()) {
    std::filesystem::rename(tmp, out, ec);
    if (!ec) return Status::Ok();
    written =
        IoError(fmt::format("{}: cannot rename {} to it: {}", out.string(), tmp, ec.message()));
  }
  std::filesystem::remove(tmp, ec);
  return written;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace sutra::cli
