// `sutra retention apply` and `sutra erase`: records kept no longer than their purpose needs
// (engine/policy/retention.h, erasure.h). Both act on the database directly, as the operator,
// and every change is audited with no personal data in the entry.

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/cli/commands.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/erasure.h"
#include "engine/policy/retention.h"

namespace sutra::cli {
namespace {

namespace policy = engine::policy;

policy::Principal OperatorPrincipal() {
  return {OsUserName(), policy::Role::kOperator,
          policy::Jurisdiction{policy::JurisdictionLevel::kNational, ""},
          "cli:" + std::to_string(::getpid())};
}

struct RetentionArgs {
  std::string db;
  std::string policy_file;
  bool dry_run = false;
  std::string now;
  Format format = Format::kTable;
};

OutputTable ActionTable(const policy::RetentionReport& report) {
  OutputTable table{{"node", "record_id", "action", "rule", "due"}, {}};
  for (const auto& a : report.plan.actions) {
    table.rows.push_back(
        {a.record, a.record_id, std::string(policy::RetentionActionName(a.action)), a.rule, a.due});
  }
  return table;
}

OutputTable CountTable(const policy::RetentionReport& report) {
  OutputTable table{{"rule", "action", "due", "applied"}, {}};
  for (const auto& c : report.counts) table.rows.push_back({c.rule, c.action, c.due, c.applied});
  return table;
}

void PrintReport(const policy::RetentionReport& report, Format format) {
  if (format == Format::kCsv) {
    Print(ActionTable(report), format, std::cout);
    return;
  }
  if (format == Format::kJson) {
    const nlohmann::json out = {{"dry_run", report.dry_run},
                                {"as_of", report.as_of},
                                {"records_examined", report.plan.records_examined},
                                {"undated", report.plan.undated},
                                {"applied", report.applied},
                                {"audit_seq", report.summary_audit_seq},
                                {"rules", ToJson(CountTable(report))},
                                {"actions", ToJson(ActionTable(report))}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (!report.plan.actions.empty()) {
    Print(ActionTable(report), format, std::cout);
    std::cout << "\n";
  }
  Print(CountTable(report), format, std::cout);
  std::cout << fmt::format("{} records examined as of {}", report.plan.records_examined,
                           report.as_of);
  if (report.plan.undated > 0) {
    std::cout << fmt::format(", {} without a dated case (no rule applies)", report.plan.undated);
  }
  std::cout << "\n";
  if (report.dry_run) {
    std::cout << fmt::format("dry run: {} actions due, nothing changed (audit entry {})\n",
                             report.plan.actions.size(), report.summary_audit_seq);
  } else {
    std::cout << fmt::format("{} records erased or pseudonymised (audit entry {})\n",
                             report.applied, report.summary_audit_seq);
  }
}

int RunRetention(const RetentionArgs& args) {
  constexpr std::string_view kCommand = "retention apply";
  policy::RetentionPolicy rules = policy::DefaultRetentionPolicy();
  if (!args.policy_file.empty()) {
    auto loaded = policy::LoadRetentionPolicy(args.policy_file);
    if (!loaded.ok()) return Fail(kCommand, loaded.status());
    rules = std::move(*loaded);
  }
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  if (!args.now.empty()) {
    auto parsed = policy::ParseIsoDate(args.now);
    if (!parsed.ok()) return Fail(kCommand, parsed.status().WithContext("--now"));
    now = *parsed;
  }
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail(kCommand, store.status());
  policy::AuditLog audit(**store, policy::SystemClock(), storage::GraphStore::Durability::kSynced);
  auto report =
      policy::ApplyRetention(**store, audit, OperatorPrincipal(), rules, now, args.dry_run);
  if (!report.ok()) return Fail(kCommand, report.status());
  PrintReport(*report, args.format);
  return kExitOk;
}

struct EraseArgs {
  std::string db;
  std::uint64_t record = 0;
  std::string reason;
  bool pseudonymise = false;
};

int RunErase(const EraseArgs& args) {
  const std::string_view command = args.pseudonymise ? "erase --pseudonymise" : "erase";
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail(command, store.status());
  policy::AuditLog audit(**store, policy::SystemClock(), storage::GraphStore::Durability::kSynced);
  if (args.pseudonymise) {
    auto done =
        policy::PseudonymiseRecord(**store, audit, OperatorPrincipal(), args.record, args.reason);
    if (!done.ok()) return Fail(command, done.status());
    std::cout << fmt::format(
        "pseudonymised PersonRecord {}: now node {} named {}; {} case links kept, {} other links "
        "removed{}; audit entry {}\n",
        done->old_record, done->new_record, done->pseudonym, done->links_kept,
        done->cleanup.links_removed,
        done->cleanup.person_deleted != 0
            ? fmt::format(", Person {} deleted", done->cleanup.person_deleted)
            : std::string(),
        done->audit_seq);
    return kExitOk;
  }
  auto done = policy::EraseRecord(**store, audit, OperatorPrincipal(), args.record, args.reason);
  if (!done.ok()) return Fail(command, done.status());
  const auto& c = done->cleanup;
  std::cout << fmt::format(
      "erased PersonRecord {}: {} links removed{}{}, {} orphaned phone/vehicle/location nodes and "
      "{} entity-resolution entries removed; audit entry {}\n",
      done->record, c.links_removed,
      c.person_deleted != 0 ? fmt::format(", Person {} deleted", c.person_deleted) : std::string(),
      c.person_updated != 0 ? fmt::format(", Person {} updated", c.person_updated) : std::string(),
      c.orphans_removed, c.state_entries_removed, done->audit_seq);
  return kExitOk;
}

}  // namespace

void AddRetentionCommand(CLI::App& app, int& exit_code) {
  CLI::App* retention = app.add_subcommand(
      "retention",
      "Retention of person records: erase or pseudonymise records past the periods of a policy\n"
      "(engine/policy/retention.h documents the rules, the defaults and the policy file)");
  retention->require_subcommand(1);
  auto args = std::make_shared<RetentionArgs>();
  CLI::App* apply = retention->add_subcommand(
      "apply",
      "Erase or pseudonymise every record due under the policy, each with an audit entry, in one\n"
      "transaction; a second run the same day does nothing");
  AddDbOption(*apply, args->db);
  apply->add_option("--policy", args->policy_file,
                    "Retention policy file (JSON); default: Sutra's default periods");
  apply->add_flag("--dry-run", args->dry_run,
                  "List what is due and change nothing (the run itself is audited)");
  apply->add_option("--now", args->now, "Plan as on this date, YYYY-MM-DD (default: today, UTC)");
  AddFormatOption(*apply, args->format);
  apply->callback([args, &exit_code] { exit_code = RunRetention(*args); });

  auto erase_args = std::make_shared<EraseArgs>();
  CLI::App* erase = app.add_subcommand(
      "erase",
      "Erase one person record with every link, its person if left without records, and\n"
      "entity-resolution state naming it; or, with --pseudonymise, keep its case links and\n"
      "flags under a pseudonym. Audited without personal data.");
  AddDbOption(*erase, erase_args->db);
  erase->add_option("--record", erase_args->record, "The PersonRecord's node id")->required();
  erase
      ->add_option("--reason", erase_args->reason,
                   "A reason code kept in the audit log, e.g. court-order:WP-123-2025 (letters, "
                   "digits, -_:./; no names)")
      ->required();
  erase->add_flag("--pseudonymise", erase_args->pseudonymise,
                  "Replace identifying details with a pseudonym instead of erasing");
  erase->callback([erase_args, &exit_code] { exit_code = RunErase(*erase_args); });
}

}  // namespace sutra::cli
