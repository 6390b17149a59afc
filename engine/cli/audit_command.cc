// `sutra audit verify|head|report|anomalies`: the overseer's view of the audit log.
//
// Each sub-command is itself an access to the log, so it appends one entry (operation
// "audit-read", role operator, the OS user, rule "operator") naming the sub-command and its
// options. The entry is appended AFTER the log was read, so that what verify checks and what
// report and anomalies list is the log as it was when the command started; `verify` records
// its result too ("intact" or the entry found bad) and never counts its own entry. `head` is
// the one exception: it appends first and exports the head that includes its own entry, in the
// same transaction, so that the exported head covers everything up to and including the export
// (and exists even for a log that was empty).
#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/cli/commands.h"
#include "engine/policy/audit_anomalies.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/audit_report.h"
#include "engine/policy/principal.h"
#include "storage/graph_store.h"

namespace sutra::cli {
namespace {

namespace policy = engine::policy;
using Parameters = std::vector<std::pair<std::string, std::string>>;

policy::ReportFormat ToReportFormat(Format format) {
  switch (format) {
    case Format::kJson:
      return policy::ReportFormat::kJson;
    case Format::kCsv:
      return policy::ReportFormat::kCsv;
    case Format::kTable:
      break;
  }
  return policy::ReportFormat::kTable;
}

policy::AuditRecord OperatorRead(std::string_view command, Parameters parameters,
                                 std::string purpose) {
  policy::AuditRecord record;
  record.user = OsUserName();
  record.role = std::string(policy::RoleName(policy::Role::kOperator));
  record.jurisdiction = policy::JurisdictionText(policy::Jurisdiction{});
  record.session = fmt::format("cli:{}", static_cast<long>(getpid()));
  record.purpose = std::move(purpose);
  record.operation = "audit-read";
  record.parameters.emplace_back("command", std::string(command));
  for (auto& parameter : parameters) record.parameters.push_back(std::move(parameter));
  record.allowed = true;
  record.rule = "operator";
  return record;
}

Status RecordRead(storage::GraphStore& store, policy::AuditRecord record) {
  policy::AuditLog log(store, policy::SystemClock(), storage::GraphStore::Durability::kSynced);
  return log.Append(std::move(record)).status();
}

// A time option: InvalidArgument naming it when it does not read.
StatusOr<std::optional<policy::TimePoint>> TimeOption(std::string_view option,
                                                      const std::string& text, bool end_of_day) {
  if (text.empty()) return std::optional<policy::TimePoint>();
  std::optional<policy::TimePoint> time = policy::ParseAuditTime(text, end_of_day);
  if (!time) {
    return InvalidArgument(
        fmt::format("{} '{}': not a date or time (years 1900 to 2200); write e.g. 2026-11-30 or "
                    "2026-11-30T08:00:00Z",
                    option, text));
  }
  return time;
}

// "+05:30" / "-04:00" as minutes east of UTC.
StatusOr<std::chrono::minutes> OffsetOption(const std::string& text) {
  int hours = 0, minutes = 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':' ||
      std::from_chars(text.data() + 1, text.data() + 3, hours).ptr != text.data() + 3 ||
      std::from_chars(text.data() + 4, text.data() + 6, minutes).ptr != text.data() + 6 ||
      hours > 23 || minutes > 59) {
    return InvalidArgument(
        fmt::format("--utc-offset '{}': write it as +HH:MM or -HH:MM, e.g. +05:30", text));
  }
  const std::chrono::minutes offset(hours * 60 + minutes);
  return text[0] == '-' ? -offset : offset;
}

// "22:00-06:00" as the start and end of the night, minutes after local midnight.
StatusOr<std::pair<std::chrono::minutes, std::chrono::minutes>> NightOption(
    const std::string& text) {
  auto clock = [](std::string_view hhmm) -> std::optional<std::chrono::minutes> {
    int hours = 0, minutes = 0;
    if (hhmm.size() != 5 || hhmm[2] != ':' ||
        std::from_chars(hhmm.data(), hhmm.data() + 2, hours).ptr != hhmm.data() + 2 ||
        std::from_chars(hhmm.data() + 3, hhmm.data() + 5, minutes).ptr != hhmm.data() + 5 ||
        hours > 23 || minutes > 59) {
      return std::nullopt;
    }
    return std::chrono::minutes(hours * 60 + minutes);
  };
  const std::size_t dash = text.find('-');
  std::optional<std::chrono::minutes> start, end;
  if (dash != std::string::npos) {
    start = clock(std::string_view(text).substr(0, dash));
    end = clock(std::string_view(text).substr(dash + 1));
  }
  if (!start || !end) {
    return InvalidArgument(
        fmt::format("--night '{}': write it as HH:MM-HH:MM, e.g. 22:00-06:00", text));
  }
  return std::pair{*start, *end};
}

// ---- verify ------------------------------------------------------------------------------

struct VerifyArgs {
  std::string db;
  std::string head_file;
  std::string purpose = "audit review";
};

int RunVerify(const VerifyArgs& args) {
  std::optional<policy::ChainHead> exported;
  if (!args.head_file.empty()) {
    std::ifstream in(args.head_file, std::ios::binary);
    if (!in) {
      return Fail("audit verify",
                  NotFound(fmt::format("--head '{}': cannot read this file", args.head_file)));
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto head = policy::ParseChainHead(text.str());
    if (!head.ok()) {
      return Fail("audit verify", head.status().WithContext("--head '" + args.head_file + "'"));
    }
    exported = *head;
  }
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("audit verify", store.status());
  StatusOr<policy::ChainCheck> check = [&]() -> StatusOr<policy::ChainCheck> {
    SUTRA_ASSIGN_OR_RETURN(storage::ReadTxn txn, (*store)->BeginRead());
    return policy::VerifyAuditChain(txn, exported);
  }();
  if (!check.ok()) return Fail("audit verify", check.status());

  // Records the check; in the same write transaction, compares the log's end with the store's
  // count of entries ever numbered, which catches a truncated tail without an exported head
  // (unless the count was lowered too: the exported head catches that).
  policy::AuditLog log(**store, policy::SystemClock(), storage::GraphStore::Durability::kSynced);
  const policy::ChainCheck walked = *check;
  Status recorded = (*store)->Update([&](storage::WriteTxn& txn) -> Status {
    *check = walked;  // Update may run this again
    if (check->intact) {
      SUTRA_ASSIGN_OR_RETURN(std::uint64_t next, txn.NextAuditSequence());
      SUTRA_ASSIGN_OR_RETURN(auto last, txn.reader().LastAudit());
      const std::uint64_t last_seq = last ? last->first : 0;
      if (last_seq + 1 < next) {
        check->intact = false;
        check->first_bad = last_seq + 1;
        check->problem = fmt::format(
            "{} from the tail: the log ends at entry {}, but entries were numbered up to {}",
            last_seq + 2 == next
                ? fmt::format("entry {} is missing", last_seq + 1)
                : fmt::format("entries {}..{} are missing", last_seq + 1, next - 1),
            last_seq, next - 1);
      }
    }
    Parameters parameters;
    if (exported) {
      parameters.emplace_back("head", fmt::format("{} (entry {})", args.head_file, exported->seq));
    }
    parameters.emplace_back(
        "result", check->intact ? "intact" : fmt::format("entry {} bad", check->first_bad));
    return log.AppendIn(txn, OperatorRead("verify", parameters, args.purpose)).status();
  });

  if (check->intact) {
    std::cout << fmt::format("{}: audit log intact: {} entr{} chained without a break", args.db,
                             check->entries, check->entries == 1 ? "y" : "ies");
    if (exported) {
      std::cout << fmt::format(", and entry {} matches the exported head", exported->seq);
    }
    std::cout << ".\n";
  } else {
    std::cout << fmt::format(
        "{}: audit log TAMPERED WITH: {}.\n"
        "Entries from {} on cannot be trusted. Keep this database as evidence and compare it with "
        "a backup (`sutra backup`) and with exported chain heads (`sutra audit head`).\n",
        args.db, check->problem, check->first_bad);
  }
  if (!recorded.ok()) {
    std::cerr << "sutra audit verify: this check could not be recorded in the audit log: "
              << recorded.ToString() << "\n";
  }
  return check->intact ? kExitOk : kExitProblems;
}

// ---- head --------------------------------------------------------------------------------

struct HeadArgs {
  std::string db;
  std::string out;
  std::string purpose = "audit review";
};

int RunHead(const HeadArgs& args) {
  std::ofstream file;
  if (!args.out.empty()) {
    file.open(args.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      return Fail("audit head",
                  IoError(fmt::format("--out '{}': cannot write this file", args.out)));
    }
  }
  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("audit head", store.status());
  policy::AuditLog log(**store, policy::SystemClock(), storage::GraphStore::Durability::kSynced);
  Parameters parameters;
  if (!args.out.empty()) parameters.emplace_back("out", args.out);
  policy::ChainHead head;
  Status exported = (*store)->Update([&](storage::WriteTxn& txn) -> Status {
    SUTRA_RETURN_IF_ERROR(
        log.AppendIn(txn, OperatorRead("head", parameters, args.purpose)).status());
    SUTRA_ASSIGN_OR_RETURN(std::optional<policy::ChainHead> last,
                           policy::ReadChainHead(txn.reader()));
    if (!last) return Internal("the audit log is empty right after an entry was appended");
    head = *last;
    return Status::Ok();
  });
  if (!exported.ok()) return Fail("audit head", exported);
  const std::string text = policy::FormatChainHead(head);
  if (args.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  file << text;
  file.close();
  if (!file) {
    return Fail("audit head", IoError(fmt::format("--out '{}': writing failed", args.out)));
  }
  std::cout << fmt::format(
      "Chain head (entry {}) written to {}. Keep it where no one with access to the database can "
      "change it; `sutra audit verify --head {}` checks the log against it.\n",
      head.seq, args.out, args.out);
  return kExitOk;
}

// ---- report ------------------------------------------------------------------------------

struct ReportArgs {
  std::string db;
  std::string user;
  std::string subject;
  std::string since;
  std::string until;
  std::string operation;
  std::string purpose = "audit review";
  Format format = Format::kTable;
};

int RunReport(const ReportArgs& args) {
  policy::AuditFilter filter;
  if (!args.user.empty()) filter.user = args.user;
  if (!args.operation.empty()) filter.operation = args.operation;
  auto since = TimeOption("--since", args.since, /*end_of_day=*/false);
  if (!since.ok()) return Fail("audit report", since.status());
  auto until = TimeOption("--until", args.until, /*end_of_day=*/true);
  if (!until.ok()) return Fail("audit report", until.status());
  filter.since = *since;
  filter.until = *until;
  std::optional<std::uint64_t> subject;
  if (!args.subject.empty()) {
    std::uint64_t id = 0;
    auto [end, ec] =
        std::from_chars(args.subject.data(), args.subject.data() + args.subject.size(), id);
    if (ec != std::errc() || end != args.subject.data() + args.subject.size()) {
      return Fail(
          "audit report",
          InvalidArgument(fmt::format(
              "--subject '{}': give a node id (a number, as `sutra search` shows)", args.subject)));
    }
    subject = id;
  }

  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("audit report", store.status());
  StatusOr<std::vector<policy::AuditRecord>> records =
      [&]() -> StatusOr<std::vector<policy::AuditRecord>> {
    SUTRA_ASSIGN_OR_RETURN(storage::ReadTxn txn, (*store)->BeginRead());
    if (subject) {
      SUTRA_ASSIGN_OR_RETURN(filter.subjects, policy::SubjectIds(txn, *subject));
    }
    return policy::QueryAudit(txn, filter);
  }();
  if (!records.ok()) return Fail("audit report", records.status());

  Parameters parameters;
  for (const auto& [name, value] : {std::pair<std::string, std::string>{"user", args.user},
                                    {"subject", args.subject},
                                    {"since", args.since},
                                    {"until", args.until},
                                    {"operation", args.operation}}) {
    if (!value.empty()) parameters.emplace_back(name, value);
  }
  // The answer leaves only once its reading is on record.
  Status recorded = RecordRead(**store, OperatorRead("report", parameters, args.purpose));
  if (!recorded.ok()) return Fail("audit report", recorded);
  std::cout << policy::FormatAuditRecords(*records, ToReportFormat(args.format));
  return kExitOk;
}

// ---- anomalies ---------------------------------------------------------------------------

struct AnomaliesArgs {
  std::string db;
  std::string since;
  std::string until;
  std::size_t max_subjects = policy::AnomalyOptions{}.max_distinct_subjects;
  std::size_t burst = policy::AnomalyOptions{}.odd_hours_burst;
  std::size_t denials = policy::AnomalyOptions{}.repeated_denials;
  std::string night = "22:00-06:00";
  std::string utc_offset = "+05:30";
  std::string purpose = "audit review";
  Format format = Format::kTable;
};

int RunAnomalies(const AnomaliesArgs& args) {
  auto since = TimeOption("--since", args.since, /*end_of_day=*/false);
  if (!since.ok()) return Fail("audit anomalies", since.status());
  auto until = TimeOption("--until", args.until, /*end_of_day=*/true);
  if (!until.ok()) return Fail("audit anomalies", until.status());
  policy::AnomalyOptions options;
  options.max_distinct_subjects = args.max_subjects;
  options.odd_hours_burst = args.burst;
  options.repeated_denials = args.denials;
  auto offset = OffsetOption(args.utc_offset);
  if (!offset.ok()) return Fail("audit anomalies", offset.status());
  options.utc_offset = *offset;
  auto night = NightOption(args.night);
  if (!night.ok()) return Fail("audit anomalies", night.status());
  options.night_start = night->first;
  options.night_end = night->second;

  auto store = storage::GraphStore::Open(args.db, {});
  if (!store.ok()) return Fail("audit anomalies", store.status());
  StatusOr<std::vector<policy::Anomaly>> found = [&]() -> StatusOr<std::vector<policy::Anomaly>> {
    SUTRA_ASSIGN_OR_RETURN(storage::ReadTxn txn, (*store)->BeginRead());
    return policy::FindAnomalies(txn, *since, *until, options);
  }();
  if (!found.ok()) return Fail("audit anomalies", found.status());

  Parameters parameters;
  if (!args.since.empty()) parameters.emplace_back("since", args.since);
  if (!args.until.empty()) parameters.emplace_back("until", args.until);
  Status recorded = RecordRead(**store, OperatorRead("anomalies", parameters, args.purpose));
  if (!recorded.ok()) return Fail("audit anomalies", recorded);
  std::cout << policy::FormatAnomalies(*found, ToReportFormat(args.format));
  return kExitOk;
}

void AddPurposeOption(CLI::App& command, std::string& purpose) {
  command.add_option("--purpose", purpose, "Why the log is read, recorded with this reading")
      ->capture_default_str();
}

}  // namespace

void AddAuditCommand(CLI::App& app, int& exit_code) {
  CLI::App* audit = app.add_subcommand(
      "audit",
      "The audit log of every access: check that no one changed it, export its head, report who\n"
      "looked at whom and why, and list access patterns worth an overseer's look. Each of these\n"
      "is itself recorded in the log (operation audit-read, as the OS user).");
  audit->require_subcommand(1);

  auto verify = std::make_shared<VerifyArgs>();
  CLI::App* v = audit->add_subcommand(
      "verify",
      "Check the whole hash chain of the audit log and name the first entry altered, removed or\n"
      "reordered; with --head, also that nothing was cut from the tail or rewritten up to an\n"
      "exported head. Exit code 0: intact; 3: tampered with (the entry is named); 1: error.");
  AddDbOption(*v, verify->db);
  v->add_option("--head", verify->head_file, "A chain head exported earlier by `sutra audit head`");
  AddPurposeOption(*v, verify->purpose);
  v->callback([verify, &exit_code] { exit_code = RunVerify(*verify); });

  auto head = std::make_shared<HeadArgs>();
  CLI::App* h = audit->add_subcommand(
      "head",
      "Export the chain head (the last entry's number and hash) to keep somewhere safe: a later\n"
      "`sutra audit verify --head FILE` then detects a truncated or rewritten log. The head\n"
      "includes the entry recording this export.");
  AddDbOption(*h, head->db);
  h->add_option("--out", head->out, "Write the head to this file instead of standard output");
  AddPurposeOption(*h, head->purpose);
  h->callback([head, &exit_code] { exit_code = RunHead(*head); });

  auto report = std::make_shared<ReportArgs>();
  CLI::App* r = audit->add_subcommand(
      "report",
      "Who looked at whom, when and why: the audit entries matching every filter given, in\n"
      "order. --subject matches entries that showed the node, and for a Person also any of its\n"
      "records. Times: 2026-11-30 or 2026-11-30T08:00:00Z (UTC); --until DATE includes that day.");
  AddDbOption(*r, report->db);
  r->add_option("--user", report->user, "Only this user's accesses");
  r->add_option("--subject", report->subject, "Only accesses that showed this node id");
  r->add_option("--since", report->since, "Only accesses at or after this time");
  r->add_option("--until", report->until, "Only accesses before this time");
  r->add_option("--operation", report->operation, "Only this operation (search, expand, ...)");
  AddPurposeOption(*r, report->purpose);
  AddFormatOption(*r, report->format);
  r->callback([report, &exit_code] { exit_code = RunReport(*report); });

  auto anomalies = std::make_shared<AnomaliesArgs>();
  CLI::App* a = audit->add_subcommand(
      "anomalies",
      "Access patterns worth an overseer's look: many distinct persons looked up by one user\n"
      "within 24 h without one common case (many-subjects), searches outside one's jurisdiction,\n"
      "every break-glass use, bursts of accesses at night (odd-hours-burst) and repeated denials\n"
      "within an hour. Leads to follow up, not verdicts.");
  AddDbOption(*a, anomalies->db);
  a->add_option("--since", anomalies->since, "Review entries at or after this time");
  a->add_option("--until", anomalies->until, "Review entries before this time");
  a->add_option("--max-subjects", anomalies->max_subjects,
                "many-subjects: flag more than this many distinct persons within 24 h")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  a->add_option("--burst", anomalies->burst,
                "odd-hours-burst: flag this many accesses within an hour at night")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  a->add_option("--night", anomalies->night, "odd-hours-burst: the night, in local time")
      ->capture_default_str();
  a->add_option("--utc-offset", anomalies->utc_offset,
                "odd-hours-burst: local time zone (India Standard Time by default)")
      ->capture_default_str();
  a->add_option("--denials", anomalies->denials,
                "repeated-denials: flag this many denied accesses within an hour")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  AddPurposeOption(*a, anomalies->purpose);
  AddFormatOption(*a, anomalies->format);
  a->callback([anomalies, &exit_code] { exit_code = RunAnomalies(*anomalies); });
}

}  // namespace sutra::cli
