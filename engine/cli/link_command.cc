// `sutra link`: record linkage between two CSV files of person records. Writes
// `id_a,id_b,probability` for each pair of a record of A and a record of B whose match
// probability is at least the threshold.
//
// Both files are resolved together (A's records first), so the model is trained on the pairs of
// both; only pairs across the files are written. Pairs that blocking never proposed are not
// scored and never written.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <tuple>
#include <unordered_set>

#include "engine/cli/commands.h"
#include "engine/cli/er_files.h"

namespace sutra::cli {
namespace {

struct LinkArgs {
  std::string file_a, file_b;
  PersonFileArgs person;
  bool one_to_one = false;
};

// A pair across the files: `a` indexes A's records, `b` B's.
struct Link {
  std::uint32_t a = 0, b = 0;
  double probability = 0;
};

// The cross-file pairs of `scored` at or above `threshold`; records below `a_count` are A's.
std::vector<Link> CrossPairs(const std::vector<algorithms::er::ScoredPair>& scored,
                             std::size_t a_count, double threshold) {
  std::vector<Link> links;
  for (const algorithms::er::ScoredPair& p : scored) {
    if (!(p.probability >= threshold)) continue;
    const auto [lo, hi] = std::minmax(p.a, p.b);
    if (lo >= a_count || hi < a_count) continue;  // both in A or both in B
    links.push_back({lo, static_cast<std::uint32_t>(hi - a_count), p.probability});
  }
  return links;
}

// Greedy maximum-probability matching: links in descending probability (ties by A's then B's
// file order), each kept unless its A or B record is already matched.
std::vector<Link> OneToOne(std::vector<Link> links) {
  std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) {
    if (x.probability != y.probability) return x.probability > y.probability;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  std::unordered_set<std::uint32_t> used_a, used_b;
  std::vector<Link> kept;
  for (const Link& link : links) {
    if (used_a.contains(link.a) || used_b.contains(link.b)) continue;
    used_a.insert(link.a);
    used_b.insert(link.b);
    kept.push_back(link);
  }
  return kept;
}

int RunLink(const LinkArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  auto spec = CheckPersonFileArgs(args.person, {args.file_a, args.file_b});
  if (!spec.ok()) return Fail("link", spec.status());
  auto a = LoadPersons(args.file_a, *spec, std::cerr);
  if (!a.ok()) return Fail("link", a.status());
  auto b = LoadPersons(args.file_b, *spec, std::cerr);
  if (!b.ok()) return Fail("link", b.status());

  std::vector<algorithms::er::PersonInput> inputs = a->inputs;
  inputs.insert(inputs.end(), b->inputs.begin(), b->inputs.end());
  auto resolution = ResolvePersons(inputs, {});
  if (!resolution.ok()) return Fail("link", resolution.status());

  std::vector<Link> links = CrossPairs(resolution->scored, a->inputs.size(), args.person.threshold);
  const std::size_t above = links.size();
  if (args.one_to_one) links = OneToOne(std::move(links));
  const auto& ids_a = a->inputs;
  const auto& ids_b = b->inputs;
  std::sort(links.begin(), links.end(), [&](const Link& x, const Link& y) {
    if (ids_a[x.a].id != ids_a[y.a].id) return ids_a[x.a].id < ids_a[y.a].id;
    if (x.probability != y.probability) return x.probability > y.probability;
    return ids_b[x.b].id < ids_b[y.b].id;
  });
  const Status written = WriteFileAtomically(args.person.out, [&](std::ostream& out) {
    out << "id_a,id_b,probability\n";
    for (const Link& link : links) {
      out << CsvField(ids_a[link.a].id) << ',' << CsvField(ids_b[link.b].id) << ','
          << fmt::format("{:.4f}", link.probability) << '\n';
    }
  });
  if (!written.ok()) return Fail("link", written);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << fmt::format(
      "sutra link: {} + {} records ({} rows left out), {} candidate pairs, {} across the files "
      "at or above {}, {} links{}, {:.1f} s; wrote {}\n",
      ids_a.size(), ids_b.size(), a->rejected + b->rejected, resolution->scored.size(), above,
      args.person.threshold, links.size(), args.one_to_one ? " (one-to-one)" : "", seconds,
      args.person.out);
  return a->rejected + b->rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void AddLinkCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LinkArgs>();
  CLI::App* cmd = app.add_subcommand(
      "link",
      "Find the records of file A and file B that describe the same person (record linkage,\n"
      "no database). Both files have the same columns. Writes OUT as `id_a,id_b,probability`,\n"
      "one row per pair at or above the threshold, sorted by id_a (byte order), then by\n"
      "descending probability. An id may appear in both files. Unreadable rows are listed as\n"
      "FILE:LINE: reason and left out (exit 2).\n"
      "Example: sutra link a.csv b.csv --id rec_id --field full_name=name --field dob=dob\n"
      "         --out links.csv --one-to-one");
  cmd->add_option("file_a", args->file_a, "The first CSV file of person records")->required();
  cmd->add_option("file_b", args->file_b, "The second CSV file, with the same columns")->required();
  AddPersonFileOptions(*cmd, args->person, "Match probability a pair needs to be written");
  cmd->add_flag("--one-to-one", args->one_to_one,
                "Link each record at most once: keep the most probable pairs first (a greedy\n"
                "matching; ties go to the records earlier in their files)");
  cmd->callback([args, &exit_code] { exit_code = RunLink(*args); });
}

}  // namespace sutra::cli
