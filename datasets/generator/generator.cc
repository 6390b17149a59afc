#include "datasets/generator/generator.h"

#include <fmt/format.h>

#include <system_error>

#include "datasets/generator/csv_sink.h"
#include "datasets/generator/fir_builder.h"
#include "datasets/generator/jsonl_sink.h"
#include "datasets/generator/output_file.h"
#include "datasets/generator/world.h"

namespace sutra::gen {
namespace {

Status CheckRate(std::string_view option, double value) {
  if (value >= 0 && value <= 1) return Status::Ok();
  return InvalidArgument(fmt::format("{} must be between 0 and 1, not {}", option, value));
}

void AppendTruth(std::string& out, const PersonRecord& r) {
  out += r.record_id;
  out += ',';
  out += r.person_id;
  out += ',';
  out += r.gang_id;
  out += '\n';
}

}  // namespace

Status Validate(const GeneratorOptions& o) {
  if (o.firs < 1 || o.firs > 20'000'000) {
    return InvalidArgument(fmt::format("--firs must be from 1 to 20,000,000, not {}", o.firs));
  }
  if (o.stations > 17'000) {
    return InvalidArgument(fmt::format("--stations must be at most 17,000, not {}", o.stations));
  }
  if (o.min_appearances < 2 || o.max_appearances < o.min_appearances || o.max_appearances > 100) {
    return InvalidArgument(
        fmt::format("need 2 <= --min-appearances <= --max-appearances <= 100, not {} and {}",
                    o.min_appearances, o.max_appearances));
  }
  if (o.gang_min_size < 2 || o.gang_max_size < o.gang_min_size || o.gang_max_size > 50) {
    return InvalidArgument(
        fmt::format("need 2 <= --gang-min-size <= --gang-max-size <= 50, not {} and {}",
                    o.gang_min_size, o.gang_max_size));
  }
  const std::pair<std::string_view, double> rates[] = {
      {"--repeat-share", o.repeat_share},
      {"--away-share", o.away_share},
      {"--migrant-share", o.migrant_share},
      {"--alias-share", o.alias_share},
      {"--transliteration-rate", o.spelling.transliteration},
      {"--typo-rate", o.spelling.typo},
      {"--devanagari-rate", o.spelling.devanagari},
      {"--swap-order-rate", o.spelling.swap_order},
      {"--initials-rate", o.spelling.initials},
      {"--drop-relative-rate", o.spelling.drop_relative},
      {"--alias-written-rate", o.spelling.alias_written},
      {"--alias-in-name-rate", o.spelling.alias_in_name},
      {"--age-noise-rate", o.spelling.age_noise},
      {"--juvenile-rate", o.juvenile_rate},
      {"--wrongful-arrest-rate", o.wrongful_arrest_rate},
      {"--hub-rate", o.hub_rate},
      {"--calls-rate", o.calls_rate},
  };
  for (const auto& [option, value] : rates) {
    if (Status s = CheckRate(option, value); !s.ok()) return s;
  }
  if (o.repeat_share >= 1) return InvalidArgument("--repeat-share must be below 1");
  return Status::Ok();
}

StatusOr<GenerationSummary> Generate(const GeneratorOptions& options, OutputFormat format,
                                     const std::filesystem::path& out, const ProgressFn& progress) {
  if (Status s = Validate(options); !s.ok()) return s;
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) {
    return IoError(
        fmt::format("{}: cannot create the directory: {}", out.string(), error.message()));
  }
  auto sink = format == OutputFormat::kCsv ? MakeCsvSink(out) : MakeJsonlSink(out);
  if (!sink.ok()) return sink.status();
  auto truth = OutputFile::Create(out / "truth.csv");
  if (!truth.ok()) return truth.status();
  (*truth)->buffer() += "record_id,person_id,gang_id\n";

  Rng rng(options.seed);
  std::unique_ptr<World> world = BuildWorld(options, rng);
  if (Status s = (*sink)->Begin(world->geo); !s.ok()) return s;

  GenerationSummary summary;
  summary.stations = world->geo.stations().size();
  summary.repeaters = world->repeaters;
  summary.gangs = world->gangs.size();
  FirBuilder builder(options, *world, rng);
  Fir fir;
  for (const FirPlan& plan : world->plans) {
    builder.Build(plan, fir);
    if (Status s = (*sink)->Write(fir); !s.ok()) return s;
    for (const PersonRecord& r : fir.persons) AppendTruth((*truth)->buffer(), r);
    if (Status s = (*truth)->MaybeFlush(); !s.ok()) return s;
    ++summary.firs;
    summary.person_records += fir.persons.size();
    summary.vehicle_rows += fir.vehicles.size();
    summary.call_rows += fir.calls.size();
    summary.locations += fir.first_mentions.size();
    if (progress && summary.firs % 16384 == 0) progress(summary.firs);
  }
  if (Status s = (*sink)->Finish(); !s.ok()) return s;
  if (Status s = (*truth)->Close(); !s.ok()) return s;
  if (progress) progress(summary.firs);
  summary.persons = builder.persons_written();
  summary.bytes_written = (*sink)->bytes_written() + (*truth)->bytes_written();
  return summary;
}

}  // namespace sutra::gen
