// `sutra search`: exact lookups (phone, vehicle registration, FIR number, station code) and
// national person search — ranked persons for a name, with father's name, age or birth year and
// district when the suspect gave them.

#include <fmt/format.h>

#include <ctime>
#include <iostream>

#include "engine/cli/access_options.h"
#include "engine/cli/commands.h"
#include "engine/engine.h"

namespace sutra::cli {
namespace {

struct SearchArgs {
  std::string db;
  std::string text;
  std::string father;
  std::optional<int> age;
  std::optional<int> birth_year;
  std::string district;
  std::size_t limit = 20;
  Format format = Format::kTable;
  AccessArgs access;
};

int CurrentYear() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

// "a;b;c" with at most `most` items, then "(+N more)".
std::string JoinSome(const std::vector<std::string>& items, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < most; ++i) out += (i ? ";" : "") + items[i];
  if (items.size() > most) out += fmt::format(" (+{} more)", items.size() - most);
  return out;
}

nlohmann::json ExplanationJson(const algorithms::er::Explanation& e) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : e.fields) {
    fields.push_back({{"field", f.field},
                      {"level", f.level},
                      {"query", f.left},
                      {"record", f.right},
                      {"weight", f.weight},
                      {"tf_adjusted", f.tf_adjusted}});
  }
  return {{"fields", fields},
          {"prior_weight", e.prior_weight},
          {"match_weight", e.match_weight},
          {"probability", e.probability}};
}

int PrintPersons(const engine::er::PersonSearchResult& result, const SearchArgs& args) {
  if (args.format == Format::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : result.persons) {
      out.push_back({{"person", p.person},
                     {"resolved", p.resolved},
                     {"name", p.name},
                     {"probability", p.probability},
                     {"matched_record", p.matched_record},
                     {"records", p.records},
                     {"firs", p.firs},
                     {"districts", p.districts},
                     {"flags", p.flags},
                     {"explanation", ExplanationJson(p.explanation)}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  const bool table = args.format == Format::kTable;
  OutputTable out{{"rank", "person", "name", "probability", "records", "firs", "districts", "flags",
                   "explanation"},
                  {}};
  for (std::size_t i = 0; i < result.persons.size(); ++i) {
    const auto& p = result.persons[i];
    const std::string person =
        p.resolved ? std::to_string(p.person) : fmt::format("record {} (unresolved)", p.person);
    out.rows.push_back({i + 1, person, p.name, std::round(p.probability * 1e4) / 1e4, p.records,
                        table ? JoinSome(p.firs, 4) : JoinSome(p.firs, p.firs.size()),
                        JoinSome(p.districts, p.districts.size()),
                        JoinSome(p.flags, p.flags.size()),
                        algorithms::er::ExplanationLine(p.explanation)});
  }
  Print(out, args.format, std::cout);
  if (table) {
    std::cout << fmt::format("{} person(s); {} records compared", result.persons.size(),
                             result.records_compared);
    if (result.keys_too_common > 0) {
      std::cout << fmt::format(", {} name keys too common to use", result.keys_too_common);
    }
    std::cout << "\n";
  }
  return kExitOk;
}

int RunSearch(const SearchArgs& args) {
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail("search", session.status());
  const engine::GuardedEngine& guarded = *(*session)->guarded;
  const engine::AccessContext& context = (*session)->context;
  const bool person_terms =
      !args.father.empty() || args.age || args.birth_year || !args.district.empty();
  std::vector<engine::AnswerNode> exact;
  if (!person_terms) {
    auto nodes = guarded.Search(context, args.text, args.limit);
    if (!nodes.ok()) return Fail("search", nodes.status());
    exact = std::move(*nodes);
    // A phone, vehicle, FIR or station: the exact answer is the answer.
    if (std::any_of(exact.begin(), exact.end(), [](const engine::AnswerNode& n) {
          return n.node.type != storage::NodeType::kPersonRecord;
        })) {
      Print(NodeTable(exact), args.format, std::cout);
      return kExitOk;
    }
  }
  engine::er::PersonQuery query;
  query.name = args.text;
  query.father = args.father;
  query.age = args.age;
  query.birth_year = args.birth_year;
  if (args.age) query.reference_year = CurrentYear();
  query.district = args.district;
  query.limit = args.limit;
  auto persons = guarded.SearchPersons(context, query);
  if (persons.ok()) return PrintPersons(*persons, args);
  if (persons.status().code() != StatusCode::kFailedPrecondition || person_terms) {
    return Fail("search", persons.status());
  }
  // Not resolved yet: the records whose whole name matches, as before (the note only for
  // people: scripts read the records).
  if (args.format == Format::kTable) {
    std::cerr << "sutra search: " << persons.status().message()
              << "; showing person records whose whole name matches\n";
  }
  Print(NodeTable(exact), args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddSearchCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Find by exact phone number, vehicle registration, FIR number or station code; or find\n"
      "persons by name (any spelling or script), ranked by match probability, with the FIRs\n"
      "each appears in. --father, --age/--birth-year and --district narrow a person search.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("text", args->text, "What to look for, e.g. \"98220 12345\" or \"Mohd Irfan\"")
      ->required();
  cmd->add_option("--father", args->father, "Father's (or husband's) name, as the suspect says");
  auto* age =
      cmd->add_option("--age", args->age, "Age in years, as stated now")->check(CLI::Range(0, 120));
  cmd->add_option("--birth-year", args->birth_year, "Year of birth")
      ->check(CLI::Range(1900, 2100))
      ->excludes(age);
  cmd->add_option("--district", args->district, "Keep persons with a record in this district");
  cmd->add_option("--limit", args->limit, "Most answers to return")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  AddFormatOption(*cmd, args->format);
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, &exit_code] { exit_code = RunSearch(*args); });
}

}  // namespace sutra::cli
