// `sutra dedupe`: the persons of one CSV file of person records (entity resolution alone,
// without a database). Writes `id,cluster_id` for every readable row, in file order; the
// cluster id is the id of the person's first row in the file.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "engine/cli/commands.h"
#include "engine/cli/er_files.h"

namespace sutra::cli {
namespace {

struct DedupeArgs {
  std::string file;
  PersonFileArgs person;
  double cohesion = algorithms::er::ResolveOptions{}.clustering.cohesion;
};

int RunDedupe(const DedupeArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  auto spec = CheckPersonFileArgs(args.person, {args.file});
  if (!spec.ok()) return Fail("dedupe", spec.status());
  if (Status s = CheckProbability("--cohesion", args.cohesion); !s.ok()) return Fail("dedupe", s);
  auto loaded = LoadPersons(args.file, *spec, std::cerr);
  if (!loaded.ok()) return Fail("dedupe", loaded.status());

  algorithms::er::ResolveOptions options;
  options.clustering.threshold = args.person.threshold;
  options.clustering.cohesion = args.cohesion;
  auto resolution = ResolvePersons(loaded->inputs, options);
  if (!resolution.ok()) return Fail("dedupe", resolution.status().WithContext(args.file));

  const std::vector<algorithms::er::PersonInput>& inputs = loaded->inputs;
  const std::vector<std::uint32_t>& cluster = resolution->cluster;
  std::size_t persons = 0;
  for (std::size_t i = 0; i < cluster.size(); ++i) persons += cluster[i] == i;
  const Status written = WriteFileAtomically(args.person.out, [&](std::ostream& out) {
    out << "id,cluster_id\n";
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      out << CsvField(inputs[i].id) << ',' << CsvField(inputs[cluster[i]].id) << '\n';
    }
  });
  if (!written.ok()) return Fail("dedupe", written);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << fmt::format(
      "sutra dedupe: {} records ({} rows left out), {} candidate pairs, {} persons, {:.1f} s; "
      "wrote {}\n",
      inputs.size(), loaded->rejected, resolution->scored.size(), persons, seconds,
      args.person.out);
  return loaded->rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void AddDedupeCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<DedupeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dedupe",
      "Find the records of one CSV file that describe the same person (entity resolution,\n"
      "no database). Writes OUT as `id,cluster_id`: one row per readable input row, in file\n"
      "order; cluster_id is the id of that person's first row. Unreadable rows are listed as\n"
      "FILE:LINE: reason and left out (exit 2).\n"
      "Example: sutra dedupe people.csv --id rec_id --field full_name=name\n"
      "         --field father_name=father --field birth_year=yob --out clusters.csv");
  cmd->add_option("file", args->file, "The CSV file of person records (with a header row)")
      ->required();
  AddPersonFileOptions(*cmd, args->person,
                       "Match probability below which two records are never joined");
  cmd->add_option("--cohesion", args->cohesion,
                  "Average match probability over all their record pairs that two groups of\n"
                  "records need to be merged into one person (a single strong link is not enough)")
      ->capture_default_str();
  cmd->callback([args, &exit_code] { exit_code = RunDedupe(*args); });
}

}  // namespace sutra::cli
