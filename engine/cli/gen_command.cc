#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "datasets/generator/generator.h"
#include "engine/cli/commands.h"

namespace sutra::cli {
namespace {

struct GenArgs {
  gen::GeneratorOptions options;
  std::string out;
  std::string format = "csv";
};

// "\r  412,000 / 1,000,000 FIRs  41%  52,000 FIRs/s  ETA 11 s" on a terminal.
class Progress {
 public:
  explicit Progress(std::uint64_t total)
      : total_(total), start_(Clock::now()), terminal_(isatty(STDERR_FILENO) != 0) {}

  void Update(std::uint64_t done) {
    if (!terminal_) return;
    const double seconds = Elapsed();
    const double rate = seconds > 0 ? done / seconds : 0;
    const double eta = rate > 0 ? (total_ - done) / rate : 0;
    std::cerr << fmt::format("\r  {} / {} FIRs  {:3}%  {} FIRs/s  ETA {:.0f} s   ", done, total_,
                             done * 100 / total_, static_cast<std::uint64_t>(rate), eta)
              << std::flush;
    if (done == total_) std::cerr << "\n";
  }

  double Elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  std::uint64_t total_;
  Clock::time_point start_;
  bool terminal_;
};

int RunGen(const GenArgs& args) {
  Progress progress(args.options.firs);
  const auto format = args.format == "jsonl" ? gen::OutputFormat::kJsonl : gen::OutputFormat::kCsv;
  auto summary = gen::Generate(args.options, format, args.out,
                               [&progress](std::uint64_t done) { progress.Update(done); });
  if (!summary.ok()) return Fail("gen", summary.status());
  std::cout << fmt::format(
      "sutra gen: wrote {} FIRs ({} stations, {} locations, {} person records of {} persons, "
      "{} repeat offenders, {} gangs, {} vehicle rows, {} call rows) to {} as {}: "
      "{:.1f} MB in {:.1f} s\n",
      summary->firs, summary->stations, summary->locations, summary->person_records,
      summary->persons, summary->repeaters, summary->gangs, summary->vehicle_rows,
      summary->call_rows, args.out, args.format, summary->bytes_written / 1e6, progress.Elapsed());
  return kExitOk;
}

void AddRate(CLI::App& cmd, const std::string& name, double& rate, const std::string& help) {
  cmd.add_option(name, rate, help)->capture_default_str()->check(CLI::Range(0.0, 1.0));
}

}  // namespace

void AddGenCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GenArgs>();
  gen::GeneratorOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand(
      "gen",
      "Generate synthetic CCTNS-like police records with ground truth: stations, FIRs, persons\n"
      "(repeat offenders written differently each time, gangs, common names shared by\n"
      "different people), vehicles and call records, plus truth.csv mapping every person record\n"
      "to its true person and gang. The same options and seed give byte-identical output.\n"
      "Rates and what they mean: datasets/README.md, \"The generator\".");
  cmd->add_option("--firs", o.firs, "Number of FIRs (1 to 20,000,000)")->required();
  cmd->add_option("--seed", o.seed, "Random seed")->capture_default_str();
  cmd->add_option("--out", args->out, "Output directory (created if missing; files replaced)")
      ->required();
  cmd->add_option(
         "--format", args->format,
         "csv: the CSV bundle that `sutra ingest` loads; jsonl: firs.jsonl, one FIR a line")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--stations", o.stations,
                  "Police stations (0: FIRs / 200, at least 8, at most 17,000)")
      ->capture_default_str();

  AddRate(*cmd, "--repeat-share", o.repeat_share,
          "Share of distinct accused persons who are repeat offenders (approximate)");
  cmd->add_option("--min-appearances", o.min_appearances, "FIRs per repeat offender, at least")
      ->capture_default_str();
  cmd->add_option("--max-appearances", o.max_appearances, "FIRs per repeat offender, at most")
      ->capture_default_str();
  cmd->add_option("--gangs", o.gangs, "Number of gangs (0: FIRs / 400, at least 1)")
      ->capture_default_str();
  cmd->add_option("--gang-min-size", o.gang_min_size, "Members per gang, at least")
      ->capture_default_str();
  cmd->add_option("--gang-max-size", o.gang_max_size, "Members per gang, at most")
      ->capture_default_str();
  AddRate(*cmd, "--away-share", o.away_share,
          "Share of a repeat offender's FIRs registered outside the home district");
  AddRate(*cmd, "--migrant-share", o.migrant_share,
          "Share of persons named in another state's naming tradition");
  AddRate(*cmd, "--alias-share", o.alias_share, "Share of accused persons known by an alias");

  gen::SpellingRates& s = o.spelling;
  AddRate(*cmd, "--transliteration-rate", s.transliteration,
          "Records with a transliteration variant in the name (v/w, sh/s, ee/i, Mohd/Md, ...)");
  AddRate(*cmd, "--typo-rate", s.typo, "Records with a typing error in the name");
  AddRate(*cmd, "--devanagari-rate", s.devanagari,
          "Records of Hindi and Marathi names written in Devanagari");
  AddRate(*cmd, "--swap-order-rate", s.swap_order, "Records with the name order swapped");
  AddRate(*cmd, "--initials-rate", s.initials,
          "Records with initials expanded or contracted (K. Ramesh / Kannan Ramesh)");
  AddRate(*cmd, "--drop-relative-rate", s.drop_relative,
          "Records leaving out the father's or husband's name");
  AddRate(*cmd, "--alias-written-rate", s.alias_written,
          "Records of a person with an alias that write it");
  AddRate(
      *cmd, "--alias-in-name-rate", s.alias_in_name,
      "Of those, the share writing it in the name (Raju @ Rajendra) instead of the alias column");
  AddRate(*cmd, "--age-noise-rate", s.age_noise,
          "Written ages that are guesses: off by one or two years, or rounded to five");

  AddRate(*cmd, "--juvenile-rate", o.juvenile_rate, "Share of one-off accused under 18");
  AddRate(*cmd, "--wrongful-arrest-rate", o.wrongful_arrest_rate,
          "Share of arrested records marked wrongful_arrest (in cases ending without conviction)");
  AddRate(*cmd, "--hub-rate", o.hub_rate,
          "Accused records giving a lawyer's phone, or a lodge or railway station as address");
  AddRate(*cmd, "--calls-rate", o.calls_rate,
          "Share of FIRs without a gang that carry call records");
  cmd->callback([args, &exit_code] { exit_code = RunGen(*args); });
}

}  // namespace sutra::cli
