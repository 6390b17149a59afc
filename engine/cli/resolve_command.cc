// `sutra resolve`: entity resolution on a database (full or incremental), and the field-by-field
// explanation of how the stored model scores two records.

#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "algorithms/er/name_normalizer.h"
#include "algorithms/er/spelling_table.h"
#include "engine/cli/commands.h"
#include "engine/er/resolve_database.h"

namespace sutra::cli {
namespace {

struct ResolveArgs {
  std::string db;
  bool incremental = false;
  std::vector<std::string> explain;
  double threshold = algorithms::er::ResolveOptions{}.clustering.threshold;
  double cohesion = algorithms::er::ResolveOptions{}.clustering.cohesion;
  std::vector<double> review_band = {engine::er::ResolveDbOptions{}.review_low,
                                     engine::er::ResolveDbOptions{}.review_high};
  Format format = Format::kTable;
};

// Seconds to the hundredth, as people read them.
double Seconds(double s) { return std::round(s * 100) / 100; }

int PrintExplanation(const engine::er::RecordPairExplanation& e, Format format) {
  OutputTable table{{"field", "level", "left", "right", "m", "u", "weight", "tf_adjusted"}, {}};
  // People read rounded figures; scripts (JSON, CSV) get them whole.
  const bool round = format == Format::kTable;
  auto shown = [&](double x, double scale) { return round ? std::round(x * scale) / scale : x; };
  for (const auto& f : e.explanation.fields) {
    table.rows.push_back({f.field, f.level, f.left, f.right, shown(f.m, 1e4), shown(f.u, 1e6),
                          shown(f.weight, 100), f.tf_adjusted});
  }
  if (format == Format::kJson) {
    nlohmann::json out = {{"record_a", e.record_a},
                          {"node_a", e.node_a},
                          {"record_b", e.record_b},
                          {"node_b", e.node_b},
                          {"fields", ToJson(table)},
                          {"prior_weight", e.explanation.prior_weight},
                          {"match_weight", e.explanation.match_weight},
                          {"probability", e.explanation.probability},
                          {"same_person", e.same_person}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  if (format == Format::kTable) {
    std::cout << fmt::format("record {} (node {}) and record {} (node {})\n", e.record_a, e.node_a,
                             e.record_b, e.node_b);
  }
  Print(table, format, std::cout);
  if (format == Format::kTable) {
    std::cout << fmt::format(
        "prior weight {:+.2f} + field weights = match weight {:+.2f}: match probability {:.4f}\n"
        "the current resolution puts them in {} person{}\n",
        e.explanation.prior_weight, e.explanation.match_weight, e.explanation.probability,
        e.same_person ? "one" : "different", e.same_person ? "" : "s");
  }
  return kExitOk;
}

int RunResolve(const ResolveArgs& args) {
  for (auto [name, value] :
       {std::pair{"--threshold", args.threshold}, std::pair{"--cohesion", args.cohesion},
        std::pair{"--review-band", args.review_band[0]},
        std::pair{"--review-band", args.review_band[1]}}) {
    if (!(value >= 0 && value <= 1)) {
      return Fail("resolve", InvalidArgument(fmt::format(
                                 "{} must be a probability from 0 to 1, not {}", name, value)));
    }
  }
  if (args.review_band[0] > args.review_band[1]) {
    return Fail("resolve", InvalidArgument("--review-band LOW,HIGH needs LOW <= HIGH"));
  }
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("resolve", store.status());
  auto normalizer =
      algorithms::er::NameNormalizer::Create(algorithms::er::SpellingTable::Default());
  if (!normalizer.ok()) return Fail("resolve", normalizer.status());

  if (!args.explain.empty()) {
    auto e = engine::er::ExplainRecords(**store, *normalizer, args.explain[0], args.explain[1]);
    if (!e.ok()) return Fail("resolve", e.status());
    return PrintExplanation(*e, args.format);
  }

  engine::er::ResolveDbOptions options;
  options.resolve.clustering.threshold = args.threshold;
  options.resolve.clustering.cohesion = args.cohesion;
  options.review_low = args.review_band[0];
  options.review_high = args.review_band[1];
  options.actor = OsUserName();
  auto report = args.incremental ? engine::er::ResolveIncremental(**store, *normalizer, options)
                                 : engine::er::ResolveDatabase(**store, *normalizer, options);
  if (!report.ok()) return Fail("resolve", report.status());
  const auto& r = *report;
  OutputTable table{{"measure", "value"},
                    {{"records", r.records},
                     {"candidate pairs", r.candidate_pairs},
                     {args.incremental ? "persons touched" : "persons", r.persons},
                     {"persons created", r.persons_created},
                     {"persons retired (merged)", r.persons_retired},
                     {"records that changed person", r.records_moved},
                     {"pairs awaiting review", r.review_pairs},
                     {"reviewer decisions applied", r.decisions_applied},
                     {"reviewer decisions in conflict", r.decisions_conflicting},
                     {"merges refused on identity numbers", r.refused_by_identifier},
                     {"seconds loading", Seconds(r.load_seconds)},
                     {"seconds resolving", Seconds(r.resolve_seconds)},
                     {"seconds writing", Seconds(r.write_seconds)}}};
  for (const auto& [stage, seconds] : r.resolve_stages) {
    table.rows.push_back({"  of which " + stage, Seconds(seconds)});
  }
  Print(table, args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddResolveCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ResolveArgs>();
  CLI::App* cmd = app.add_subcommand(
      "resolve",
      "Entity resolution: group the database's person records into persons (Person nodes,\n"
      "SAME_AS edges with score and explanation). Person ids stay stable across runs;\n"
      "reviewers' decisions (`sutra review`) win over the model. --incremental matches only\n"
      "records not yet resolved against the existing persons, with the stored model.");
  AddDbOption(*cmd, args->db);
  cmd->add_flag("--incremental", args->incremental,
                "Match only unresolved records, with the model of the last full run");
  cmd->add_option("--explain", args->explain,
                  "Explain how the model scores two records (node ids or record ids)")
      ->expected(2);
  cmd->add_option("--threshold", args->threshold,
                  "Match probability below which a pair never joins two records")
      ->capture_default_str();
  cmd->add_option("--cohesion", args->cohesion,
                  "Average cross-pair probability two persons need to merge")
      ->capture_default_str();
  cmd->add_option("--review-band", args->review_band,
                  "LOW,HIGH: pairs scored in [LOW, HIGH) go to the review queue")
      ->expected(2)
      ->delimiter(',')
      ->capture_default_str();
  AddFormatOption(*cmd, args->format);
  cmd->get_option("--incremental")->excludes("--explain");
  cmd->callback([args, &exit_code] { exit_code = RunResolve(*args); });
}

}  // namespace sutra::cli
