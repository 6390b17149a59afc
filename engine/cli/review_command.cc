// `sutra review list|accept|reject`: the human review of uncertain matches. A decision is
// recorded with who made it and when, and wins over the model in every later `sutra resolve`.

#include <fmt/format.h>

#include <ctime>
#include <iostream>

#include "engine/cli/access_options.h"
#include "engine/cli/commands.h"
#include "engine/er/er_state.h"
#include "engine/er/stored_records.h"

namespace sutra::cli {
namespace {

struct ReviewArgs {
  std::string db;
  Format format = Format::kTable;
  std::size_t limit = 50;
  std::vector<std::string> pair;  // accept / reject: two records
  std::string by;
  std::string note;
  AccessArgs access;
};

int RunList(const ReviewArgs& args) {
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("review list", store.status());
  auto txn = (*store)->BeginRead();
  if (!txn.ok()) return Fail("review list", txn.status());
  auto queue = engine::er::ReadReviewQueue(*txn);
  if (!queue.ok()) return Fail("review list", queue.status());
  auto records = engine::er::LoadPersonRecords(*txn);
  if (!records.ok()) return Fail("review list", records.status());
  auto find = [&](storage::NodeId id) -> const engine::er::StoredRecord* {
    auto it = std::lower_bound(records->begin(), records->end(), id,
                               [](const auto& r, storage::NodeId x) { return r.id < x; });
    return it != records->end() && it->id == id ? &*it : nullptr;
  };
  // Most uncertain first: nearest to an even chance.
  std::stable_sort(queue->begin(), queue->end(), [](const auto& x, const auto& y) {
    return std::abs(x.probability - 0.5) < std::abs(y.probability - 0.5);
  });
  OutputTable table{{"node_a", "record_a", "name_a", "node_b", "record_b", "name_b", "probability",
                     "same_person_now", "explanation"},
                    {}};
  for (const auto& item : *queue) {
    if (table.rows.size() >= args.limit) break;
    const auto* a = find(item.a);
    const auto* b = find(item.b);
    if (a == nullptr || b == nullptr) continue;  // a record erased since the run
    table.rows.push_back({item.a, a->input.id, a->name, item.b, b->input.id, b->name,
                          item.probability, a->person != 0 && a->person == b->person,
                          item.explanation});
  }
  Print(table, args.format, std::cout);
  if (args.format == Format::kTable) {
    std::cout << fmt::format("{} of {} pairs awaiting review shown\n", table.rows.size(),
                             queue->size());
  }
  return kExitOk;
}

int RunDecide(const ReviewArgs& args, bool same) {
  const char* command = same ? "review accept" : "review reject";
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail(command, store.status());
  engine::er::ReviewDecision decision;
  decision.same = same;
  decision.by = args.by.empty() ? OsUserName() : args.by;
  decision.at = static_cast<std::int64_t>(std::time(nullptr));
  decision.note = args.note;
  std::string names[2];
  {
    auto txn = (*store)->BeginRead();
    if (!txn.ok()) return Fail(command, txn.status());
    auto records = engine::er::LoadPersonRecords(*txn);
    if (!records.ok()) return Fail(command, records.status());
    storage::NodeId ids[2];
    for (int i = 0; i < 2; ++i) {
      auto at = engine::er::FindRecord(*records, args.pair[i]);
      if (!at.ok()) return Fail(command, at.status());
      ids[i] = (*records)[*at].id;
      names[i] = (*records)[*at].name;
    }
    if (ids[0] == ids[1]) {
      return Fail(command, InvalidArgument("name two different records"));
    }
    decision.a = std::min(ids[0], ids[1]);
    decision.b = std::max(ids[0], ids[1]);
  }
  store->reset();  // the guarded session opens the database for the write
  auto session = OpenGuardedSession(args.db, args.access);
  if (!session.ok()) return Fail(command, session.status());
  Status written = (*session)->guarded->Merge((*session)->context, decision.a, decision.b,
                                              decision.same, decision.note, args.by);
  if (!written.ok()) return Fail(command, written);
  std::cout << fmt::format(
      "recorded: {} and {} are {} (by {}); the next `sutra resolve --db {}` applies it\n", names[0],
      names[1], same ? "the same person" : "different people", decision.by, args.db);
  return kExitOk;
}

void AddDecisionCommand(CLI::App& review, const char* name, const char* help, bool same,
                        int& exit_code) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* cmd = review.add_subcommand(name, help);
  AddDbOption(*cmd, args->db);
  cmd->add_option("records", args->pair, "The two records: node ids or record ids")
      ->required()
      ->expected(2);
  cmd->add_option("--by", args->by,
                  "The reviewer whose decision this is, when the operator enters it for them "
                  "(default: the operating-system user)");
  cmd->add_option("--note", args->note, "Why, for the record");
  AddAccessOptions(*cmd, args->access);
  cmd->callback([args, same, &exit_code] { exit_code = RunDecide(*args, same); });
}

}  // namespace

void AddReviewCommand(CLI::App& app, int& exit_code) {
  CLI::App* review = app.add_subcommand(
      "review",
      "Human review of uncertain matches: list the pairs `sutra resolve` was unsure of, and\n"
      "record a decision that wins over the model in every later run (who and when are kept).");
  review->require_subcommand(1);
  auto list_args = std::make_shared<ReviewArgs>();
  CLI::App* list = review->add_subcommand("list", "Pairs awaiting review, most uncertain first");
  AddDbOption(*list, list_args->db);
  list->add_option("--limit", list_args->limit, "At most this many pairs")->capture_default_str();
  AddFormatOption(*list, list_args->format);
  list->callback([list_args, &exit_code] { exit_code = RunList(*list_args); });
  AddDecisionCommand(*review, "accept", "The two records are the same person", true, exit_code);
  AddDecisionCommand(*review, "reject",
                     "The two records are different people (splits them if merged)", false,
                     exit_code);
}

}  // namespace sutra::cli
