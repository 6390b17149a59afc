// The loader (loader.h): streaming readers, batches, reference checks and rejects.
#include "ingest/loader.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>
#include <variant>

#include "ingest/bundle_rows.h"
#include "ingest/fir_jsonl.h"
#include "ingest/graph_batch.h"
#include "ingest/id_map.h"
#include "ingest/row_mapping.h"
#include "storage/bounded_queue.h"
#include "storage/bulk_load.h"

namespace sutra::ingest {
namespace {

using storage::GraphStore;
using storage::NodeId;
using storage::NodeType;
using storage::Properties;
using storage::ReadTxn;
using storage::WriteTxn;

constexpr std::size_t kMaxErrorsInMessage = 20;

// The column or JSON path a parser's message starts with ("column 'age': ..." or
// "persons[2].roles[0]: ..."), or "".
std::string FieldOf(const std::string& reason) {
  if (reason.starts_with("column '")) {
    const std::size_t end = reason.find('\'', 8);
    if (end != std::string::npos) return reason.substr(8, end - 8);
  }
  const std::size_t colon = reason.find(": ");
  if (colon != std::string::npos && colon < 80 && reason.find(' ') > colon) {
    return reason.substr(0, colon);
  }
  return "";
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string ErrorList(const std::vector<RowError>& errors, std::uint64_t total) {
  std::string out;
  for (std::size_t i = 0; i < errors.size() && i < kMaxErrorsInMessage; ++i) {
    out += "\n  " + errors[i].ToString();
  }
  if (total > kMaxErrorsInMessage) {
    out += fmt::format("\n  ... and {} more", total - kMaxErrorsInMessage);
  }
  return out;
}

// The kinds of table of a CSV bundle, in the order they are loaded: each refers only to
// kinds loaded before it.
enum class TableKind { kStations, kLocations, kCases, kPersons, kVehicles, kCalls };

struct TableFile {
  const char* name;
  const std::vector<ColumnSpec>* columns;
  bool required;
  TableKind kind;
};

constexpr std::size_t kTableCount = 6;
const TableFile kTables[kTableCount] = {
    {"stations.csv", &kStationColumns, true, TableKind::kStations},
    {"locations.csv", &kLocationColumns, false, TableKind::kLocations},
    {"cases.csv", &kCaseColumns, true, TableKind::kCases},
    {"persons.csv", &kPersonColumns, true, TableKind::kPersons},
    {"vehicles.csv", &kVehicleColumns, false, TableKind::kVehicles},
    {"calls.csv", &kCallColumns, false, TableKind::kCalls},
};

using ParsedRow =
    std::variant<StationRow, LocationRow, CaseRow, PersonRow, VehicleRow, CallRow, FirDocument>;

template <typename Row>
StatusOr<ParsedRow> AsParsed(StatusOr<Row> row) {
  if (!row.ok()) return row.status();
  return ParsedRow(std::move(row).value());
}

StatusOr<ParsedRow> Parse(TableKind kind, const TableRow& row) {
  switch (kind) {
    case TableKind::kStations:
      return AsParsed(ParseStationRow(row));
    case TableKind::kLocations:
      return AsParsed(ParseLocationRow(row));
    case TableKind::kCases:
      return AsParsed(ParseCaseRow(row));
    case TableKind::kPersons:
      return AsParsed(ParsePersonRow(row));
    case TableKind::kVehicles:
      return AsParsed(ParseVehicleRow(row));
    case TableKind::kCalls:
      return AsParsed(ParseCallRow(row));
  }
  return Internal("unknown table");
}

// The key under which rows of later tables refer to a row of `kind` ("" for kinds no row
// refers to), from the row's raw fields: also known for rows that failed to parse.
std::string ReferenceKey(TableKind kind, const TableRow& row) {
  switch (kind) {
    case TableKind::kStations:
      return std::string("station") + '\0' + row.Get("station_code");
    case TableKind::kLocations:
      return std::string("location") + '\0' + row.Get("location_id");
    case TableKind::kCases:
      return std::string("FIR") + '\0' +
             FirKey{row.Get("station_code"), row.Get("fir_number")}.ToString();
    default:
      return "";
  }
}

// A parsed row waiting for its batch.
struct PendingRow {
  std::size_t line;
  ParsedRow row;
  std::string reference_key;  // ReferenceKey() of the row
};

// Rows of one table parsed by the parsing thread, with the rows it rejected (and their
// reference keys, "" for none) and how far into the file it got.
struct ParsedBatch {
  std::size_t table = 0;  // index into kTables
  std::vector<PendingRow> rows = {};
  std::vector<std::pair<RowError, std::string>> rejects = {};
  std::uint64_t rows_read = 0;
  std::uint64_t offset = 0;
  bool table_done = false;  // the table's last batch
};

// What a batch's write transaction found out, applied to the loader only once it commits
// (the transaction may be run again from the start when the map grows).
struct BatchOutcome {
  std::vector<RowError> rejects;
  std::uint64_t accepted = 0;
  std::vector<std::pair<std::string, std::size_t>> new_locations;  // bundle id -> batch index
  std::vector<std::pair<std::string, std::size_t>> rejected_keys;  // key -> line
  BatchCounts counts;
};

struct StationInfo {
  NodeId id;
  std::string district, state;
};

class Loader {
 public:
  Loader(GraphStore& store, const LoadOptions& options) : store_(store), options_(options) {}

  StatusOr<LoadReport> Run(const std::vector<std::filesystem::path>& inputs);

 private:
  using Body = std::function<Status(WriteTxn&)>;

  // Runs `body` as one write: in the load's single transaction (strict), in the bulk load, or
  // in a transaction of its own.
  Status Write(const Body& body) {
    if (strict_txn_ != nullptr) return body(*strict_txn_);
    if (bulk_ != nullptr) return bulk_->Update(body);
    return store_.Update(body);
  }

  Status RunInputs(const std::vector<std::filesystem::path>& inputs);
  Status LoadBundle(const std::filesystem::path& dir);
  Status LoadFeed(const std::filesystem::path& path);
  Status Flush(const std::string& file, std::vector<PendingRow>& rows);
  Status FlushDocuments(const std::string& file, std::vector<PendingRow>& docs);
  void Apply(const std::string& file, BatchOutcome& outcome, const std::vector<NodeId>& ids);
  void Reject(RowError error);
  void RememberRejected(const std::string& file, const std::string& key, std::size_t line) {
    if (!key.empty()) {
      rejected_keys_[key] = {std::filesystem::path(file).filename().string(), line};
    }
  }
  void Progress(bool force);

  // Row checks and mapping, run inside the batch's transaction.
  struct BatchContext {
    const ReadTxn& reader;
    GraphBatch batch;
    BatchOutcome outcome;
    std::unordered_map<std::string, std::size_t> keys;       // type+key -> batch index
    std::unordered_map<std::string, std::size_t> locations;  // bundle id -> batch index
    std::unordered_map<std::string, Properties> vehicles;    // registration -> merged
  };
  // Rows of a CSV table: "" when accepted into ctx.batch, else the reason it is rejected.
  StatusOr<std::string> MapRow(BatchContext& ctx, const PendingRow& row);
  StatusOr<std::string> MapDocument(BatchContext& ctx, const FirDocument& doc);
  // Whether writing `props` under `key` would change a node this load wrote already, which
  // means the input gives one id twice with different content.
  StatusOr<bool> Conflicts(BatchContext& ctx, NodeType type, const std::string& key,
                           const Properties& props);
  std::size_t AddChecked(BatchContext& ctx, std::size_t index);
  StatusOr<std::optional<StationInfo>> Station(const ReadTxn& reader, const std::string& code);
  StatusOr<std::optional<NodeId>> Fir(const ReadTxn& reader, const FirKey& fir);
  std::optional<NodeRef> Location(BatchContext& ctx, const std::string& id) const;
  StatusOr<Properties> VehicleProperties(BatchContext& ctx, const VehicleRow& v);
  std::string Missing(std::string_view what, const std::string& key, std::string_view file) const;

  GraphStore& store_;
  const LoadOptions& options_;
  LoadReport report_;
  std::unique_ptr<storage::BulkLoad> bulk_;
  WriteTxn* strict_txn_ = nullptr;
  NodeId first_new_id_ = 0;
  std::ofstream rejects_;
  std::map<std::string, StationInfo> stations_;  // stored stations seen
  IdMap bundle_locations_;                       // the bundle's location ids -> node ids
  std::map<std::string, std::pair<std::string, std::size_t>> rejected_keys_;  // key -> file,line
  std::optional<std::pair<FirKey, NodeId>> last_fir_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_ = started_;
  std::uint64_t bytes_done_ = 0, bytes_total_ = 0, bytes_current_ = 0;
};

std::string TypedKey(NodeType type, const std::string& key) {
  return std::string(1, static_cast<char>(type)) + key;
}

void Loader::Reject(RowError error) {
  ++report_.rows_rejected;
  if (rejects_.is_open()) {
    rejects_ << CsvField(error.file) << ',' << error.line << ',' << CsvField(error.field) << ','
             << CsvField(error.reason) << '\n';
  }
  if (report_.rejected.size() < LoadReport::kKeptRejects) {
    report_.rejected.push_back(std::move(error));
  }
}

void Loader::Progress(bool force) {
  if (!options_.progress) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_progress_ < std::chrono::milliseconds(200)) return;
  last_progress_ = now;
  options_.progress({report_.rows_read, report_.rows_rejected, bytes_done_ + bytes_current_,
                     bytes_total_, std::chrono::duration<double>(now - started_).count()});
}

std::string Loader::Missing(std::string_view what, const std::string& key,
                            std::string_view file) const {
  if (auto it = rejected_keys_.find(std::string(what) + '\0' + key); it != rejected_keys_.end()) {
    return fmt::format("refers to {} '{}', whose row {}:{} was rejected", what, key,
                       it->second.first, it->second.second);
  }
  return fmt::format("refers to {} '{}', which is not in {} (nor stored before)", what, key, file);
}

StatusOr<bool> Loader::Conflicts(BatchContext& ctx, NodeType type, const std::string& key,
                                 const Properties& props) {
  if (auto it = ctx.keys.find(TypedKey(type, key)); it != ctx.keys.end()) {
    return ctx.batch.node(it->second).properties != props;
  }
  SUTRA_ASSIGN_OR_RETURN(auto id, ctx.reader.FindNode(type, key));
  if (!id || *id < first_new_id_) return false;  // new, or stored by an earlier load: upsert
  SUTRA_ASSIGN_OR_RETURN(auto node, ctx.reader.GetNode(*id));
  return node && node->properties != props;
}

std::size_t Loader::AddChecked(BatchContext& ctx, std::size_t index) {
  const storage::NodeWrite& n = ctx.batch.node(index);
  ctx.keys[TypedKey(n.type, n.key)] = index;
  return index;
}

StatusOr<std::optional<StationInfo>> Loader::Station(const ReadTxn& reader,
                                                     const std::string& code) {
  if (auto it = stations_.find(code); it != stations_.end()) {
    return std::optional<StationInfo>(it->second);
  }
  SUTRA_ASSIGN_OR_RETURN(auto id, reader.FindNode(NodeType::kStation, code));
  if (!id) return std::optional<StationInfo>();
  SUTRA_ASSIGN_OR_RETURN(auto node, reader.GetNode(*id));
  if (!node) return std::optional<StationInfo>();
  StationInfo info{*id, storage::GetString(node->properties, "district").value_or(""),
                   storage::GetString(node->properties, "state").value_or("")};
  if (strict_txn_ == nullptr) stations_[code] = info;  // stored for good: safe to remember
  return std::optional<StationInfo>(info);
}

StatusOr<std::optional<NodeId>> Loader::Fir(const ReadTxn& reader, const FirKey& fir) {
  if (last_fir_ && last_fir_->first == fir) return std::optional<NodeId>(last_fir_->second);
  SUTRA_ASSIGN_OR_RETURN(auto id, reader.FindNode(NodeType::kCase, FirNodeKey(fir)));
  if (id && strict_txn_ == nullptr) last_fir_.emplace(fir, *id);
  return id;
}

std::optional<NodeRef> Loader::Location(BatchContext& ctx, const std::string& id) const {
  if (auto it = ctx.locations.find(id); it != ctx.locations.end()) {
    return NodeRef::InBatch(it->second);
  }
  if (auto node = bundle_locations_.Find(id)) return NodeRef::Stored(*node);
  return std::nullopt;
}

// Make, model and colour may be given on only some of a vehicle's rows: the first value
// given for each is kept (what is stored, then earlier rows), so no row erases another's.
StatusOr<Properties> Loader::VehicleProperties(BatchContext& ctx, const VehicleRow& v) {
  auto [it, first_in_batch] = ctx.vehicles.try_emplace(v.registration);
  Properties& props = it->second;
  if (first_in_batch) {
    SUTRA_ASSIGN_OR_RETURN(auto id, ctx.reader.FindNode(NodeType::kVehicle, v.registration));
    if (id) {
      SUTRA_ASSIGN_OR_RETURN(auto node, ctx.reader.GetNode(*id));
      if (node) props = node->properties;
    }
  }
  props.try_emplace("registration", v.registration);
  if (!v.make.empty()) props.try_emplace("make", v.make);
  if (!v.model.empty()) props.try_emplace("model", v.model);
  if (!v.colour.empty()) props.try_emplace("colour", v.colour);
  return props;
}

StatusOr<std::string> Loader::MapRow(BatchContext& ctx, const PendingRow& pending) {
  GraphBatch& batch = ctx.batch;
  auto duplicate = [](std::string_view what, const std::string& key) {
    return fmt::format(
        "{} '{}' is given again in this load with different content; each must "
        "be unique",
        what, key);
  };
  if (const auto* s = std::get_if<StationRow>(&pending.row)) {
    SUTRA_ASSIGN_OR_RETURN(bool conflict,
                           Conflicts(ctx, NodeType::kStation, s->code, StationProperties(*s)));
    if (conflict) return duplicate("station_code", s->code);
    AddChecked(ctx, AddStation(batch, *s));
    return std::string();
  }
  if (const auto* l = std::get_if<LocationRow>(&pending.row)) {
    if (ctx.locations.contains(l->id) || bundle_locations_.Contains(l->id)) {
      return fmt::format("location_id '{}' is given twice; each must be unique", l->id);
    }
    ctx.locations[l->id] = AddLocation(batch, *l);
    ctx.outcome.new_locations.emplace_back(l->id, ctx.locations[l->id]);
    return std::string();
  }
  if (const auto* c = std::get_if<CaseRow>(&pending.row)) {
    SUTRA_ASSIGN_OR_RETURN(auto station, Station(ctx.reader, c->fir.station_code));
    if (!station) return Missing("station", c->fir.station_code, "stations.csv");
    std::optional<NodeRef> location;
    if (!c->location_id.empty()) {
      location = Location(ctx, c->location_id);
      if (!location) return Missing("location", c->location_id, "locations.csv");
    }
    Properties props = CaseProperties(*c, station->district, station->state);
    SUTRA_ASSIGN_OR_RETURN(bool conflict,
                           Conflicts(ctx, NodeType::kCase, FirNodeKey(c->fir), props));
    if (conflict) return duplicate("FIR", c->fir.ToString());
    AddChecked(ctx, AddCase(batch, *c, std::move(props), NodeRef::Stored(station->id), location));
    return std::string();
  }
  if (const auto* p = std::get_if<PersonRow>(&pending.row)) {
    SUTRA_ASSIGN_OR_RETURN(auto fir, Fir(ctx.reader, p->fir));
    if (!fir) return Missing("FIR", p->fir.ToString(), "cases.csv");
    std::optional<NodeRef> address;
    if (!p->address_location_id.empty()) {
      address = Location(ctx, p->address_location_id);
      if (!address) return Missing("location", p->address_location_id, "locations.csv");
    }
    Properties props = PersonProperties(*p);
    SUTRA_ASSIGN_OR_RETURN(bool conflict, Conflicts(ctx, NodeType::kPersonRecord,
                                                    RecordNodeKey(p->fir, p->record_id), props));
    if (conflict) return duplicate("record_id", p->record_id);
    AddChecked(ctx, AddPerson(batch, *p, std::move(props), NodeRef::Stored(*fir), address));
    return std::string();
  }
  if (const auto* v = std::get_if<VehicleRow>(&pending.row)) {
    SUTRA_ASSIGN_OR_RETURN(auto fir, Fir(ctx.reader, v->fir));
    if (!fir) return Missing("FIR", v->fir.ToString(), "cases.csv");
    std::optional<NodeRef> owner;
    if (!v->owner_record_id.empty()) {
      SUTRA_ASSIGN_OR_RETURN(
          auto id,
          ctx.reader.FindNode(NodeType::kPersonRecord, RecordNodeKey(v->fir, v->owner_record_id)));
      if (!id) {
        return fmt::format(
            "owner_record_id '{}' is not a person of FIR {} in persons.csv (the owner must "
            "be written in the same FIR)",
            v->owner_record_id, v->fir.ToString());
      }
      owner = NodeRef::Stored(*id);
    }
    SUTRA_ASSIGN_OR_RETURN(Properties props, VehicleProperties(ctx, *v));
    AddVehicle(batch, *v, std::move(props), NodeRef::Stored(*fir), owner);
    return std::string();
  }
  if (const auto* call = std::get_if<CallRow>(&pending.row)) {
    SUTRA_ASSIGN_OR_RETURN(auto fir, Fir(ctx.reader, call->fir));
    if (!fir) return Missing("FIR", call->fir.ToString(), "cases.csv");
    AddCall(batch, *call);
    return std::string();
  }
  return Internal("a FIR document in a CSV table");
}

StatusOr<std::string> Loader::MapDocument(BatchContext& ctx, const FirDocument& doc) {
  GraphBatch& batch = ctx.batch;
  Properties case_props = CaseProperties(doc.fir, doc.station.district, doc.station.state);
  SUTRA_ASSIGN_OR_RETURN(bool conflict,
                         Conflicts(ctx, NodeType::kCase, FirNodeKey(doc.fir.fir), case_props));
  if (conflict) {
    return fmt::format("FIR {} is given again in this load with different content",
                       doc.fir.fir.ToString());
  }
  // Everything below only adds: the document is accepted whole from here on.
  const std::size_t station = AddStation(batch, doc.station);
  std::map<std::string, std::size_t> locations;
  for (const LocationRow& l : doc.locations) locations[l.id] = AddLocation(batch, l);
  auto location = [&](const std::string& id) -> std::optional<NodeRef> {
    if (id.empty()) return std::nullopt;
    return NodeRef::InBatch(locations.at(id));
  };
  const std::size_t fir =
      AddChecked(ctx, AddCase(batch, doc.fir, std::move(case_props), NodeRef::InBatch(station),
                              location(doc.fir.location_id)));
  std::map<std::string, std::size_t> records;
  for (const PersonRow& p : doc.persons) {
    records[p.record_id] = AddPerson(batch, p, PersonProperties(p), NodeRef::InBatch(fir),
                                     location(p.address_location_id));
  }
  for (const VehicleRow& v : doc.vehicles) {
    std::optional<NodeRef> owner;
    if (!v.owner_record_id.empty()) owner = NodeRef::InBatch(records.at(v.owner_record_id));
    SUTRA_ASSIGN_OR_RETURN(Properties props, VehicleProperties(ctx, v));
    AddVehicle(batch, v, std::move(props), NodeRef::InBatch(fir), owner);
  }
  for (const CallRow& c : doc.calls) AddCall(batch, c);
  return std::string();
}

void Loader::Apply(const std::string& file, BatchOutcome& outcome, const std::vector<NodeId>& ids) {
  report_.rows_loaded += outcome.accepted;
  report_.nodes_created += outcome.counts.nodes_created;
  report_.edges_created += outcome.counts.edges_created;
  for (const auto& [id, index] : outcome.new_locations) {
    bundle_locations_.Insert(id, ids[index]);
  }
  for (auto& [key, line] : outcome.rejected_keys) RememberRejected(file, key, line);
  for (RowError& e : outcome.rejects) Reject(std::move(e));
}

Status Loader::Flush(const std::string& file, std::vector<PendingRow>& rows) {
  if (rows.empty()) return Status::Ok();
  BatchOutcome outcome;
  std::vector<NodeId> ids;
  SUTRA_RETURN_IF_ERROR(Write([&](WriteTxn& w) -> Status {
    BatchContext ctx{w.reader(), {}, {}, {}, {}, {}};
    for (const PendingRow& row : rows) {
      SUTRA_ASSIGN_OR_RETURN(std::string problem, MapRow(ctx, row));
      if (problem.empty()) {
        ++ctx.outcome.accepted;
        continue;
      }
      ctx.outcome.rejects.push_back({file, row.line, FieldOf(problem), problem});
      // Rows of later tables that refer to this one will say it was rejected.
      const std::string& key = row.reference_key;
      if (!key.empty()) ctx.outcome.rejected_keys.emplace_back(key, row.line);
    }
    SUTRA_ASSIGN_OR_RETURN(ctx.outcome.counts, ctx.batch.Write(w, report_.batch, &ids));
    outcome = std::move(ctx.outcome);
    return Status::Ok();
  }));
  Apply(file, outcome, ids);
  rows.clear();
  Progress(false);
  return Status::Ok();
}

Status Loader::FlushDocuments(const std::string& file, std::vector<PendingRow>& docs) {
  if (docs.empty()) return Status::Ok();
  BatchOutcome outcome;
  std::vector<NodeId> ids;
  SUTRA_RETURN_IF_ERROR(Write([&](WriteTxn& w) -> Status {
    BatchContext ctx{w.reader(), {}, {}, {}, {}, {}};
    for (const PendingRow& row : docs) {
      const auto& doc = std::get<FirDocument>(row.row);
      SUTRA_ASSIGN_OR_RETURN(std::string problem, MapDocument(ctx, doc));
      if (problem.empty()) {
        // An FIR document is one input record, whatever it holds.
        ++ctx.outcome.accepted;
      } else {
        ctx.outcome.rejects.push_back({file, row.line, "fir_number", problem});
      }
    }
    SUTRA_ASSIGN_OR_RETURN(ctx.outcome.counts, ctx.batch.Write(w, report_.batch, &ids));
    outcome = std::move(ctx.outcome);
    return Status::Ok();
  }));
  Apply(file, outcome, ids);
  docs.clear();
  Progress(false);
  return Status::Ok();
}

Status Loader::LoadBundle(const std::filesystem::path& dir) {
  // Every table's header is checked before anything of the bundle is written.
  std::optional<TableReader> readers[kTableCount];
  for (std::size_t i = 0; i < kTableCount; ++i) {
    const std::filesystem::path path = dir / kTables[i].name;
    if (!kTables[i].required && !std::filesystem::exists(path)) continue;
    if (!std::filesystem::exists(path)) {
      return NotFound(
          fmt::format("{}: missing (a bundle needs stations.csv, cases.csv and "
                      "persons.csv; see datasets/README.md)",
                      path.string()));
    }
    SUTRA_ASSIGN_OR_RETURN(TableReader reader, TableReader::Open(path, *kTables[i].columns));
    readers[i] = std::move(reader);
  }
  bundle_locations_.Clear();  // location ids are the bundle's own
  // A second thread reads and parses the tables, a batch ahead of the writing one; rejects
  // found by parsing travel with their batch and are reported by the writing thread, in order.
  storage::BoundedQueue<ParsedBatch> queue(2);
  std::thread parser([&] {
    for (std::size_t i = 0; i < kTableCount; ++i) {
      if (!readers[i]) continue;
      TableReader& reader = *readers[i];
      ParsedBatch batch{.table = i};
      bool more = true;
      while (more) {
        std::optional<TableReader::Item> item = reader.Next();
        more = item.has_value();
        if (item) {
          ++batch.rows_read;
          if (!item->row) {
            batch.rejects.push_back(
                {{reader.file(), item->line, FieldOf(item->error), item->error}, ""});
          } else {
            StatusOr<ParsedRow> parsed = Parse(kTables[i].kind, *item->row);
            std::string key = ReferenceKey(kTables[i].kind, *item->row);
            if (parsed.ok()) {
              batch.rows.push_back({item->line, std::move(parsed).value(), std::move(key)});
            } else {
              const std::string reason = parsed.status().message();
              batch.rejects.push_back(
                  {{reader.file(), item->line, FieldOf(reason), reason}, std::move(key)});
            }
          }
        }
        batch.offset = reader.offset();
        batch.table_done = !more;
        if (batch.rows.size() >= options_.batch_rows || batch.table_done) {
          if (!queue.Push(std::move(batch))) return;
          batch = ParsedBatch{.table = i};
        }
      }
    }
    queue.Close();
  });
  Status status;
  while (std::optional<ParsedBatch> batch = queue.Pop()) {
    const TableReader& reader = *readers[batch->table];
    report_.rows_read += batch->rows_read;
    bytes_current_ = batch->offset;
    for (auto& [error, key] : batch->rejects) {
      RememberRejected(error.file, key, error.line);
      Reject(std::move(error));
    }
    status = Flush(reader.file(), batch->rows);
    if (!status.ok()) {
      queue.Stop();
      break;
    }
    if (batch->table_done) {
      bytes_done_ += reader.size();
      bytes_current_ = 0;
    }
  }
  parser.join();
  return status;
}

Status Loader::LoadFeed(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::vector<PendingRow> pending;
  Status flushed;
  const std::size_t batch_docs = std::max<std::size_t>(1, options_.batch_rows / 10);
  SUTRA_RETURN_IF_ERROR(ReadFirFeed(path, [&](std::size_t line, StatusOr<FirDocument> doc) {
    if (!flushed.ok()) return;
    ++report_.rows_read;
    if (!doc.ok()) {
      const std::string reason = doc.status().message();
      Reject({file, line, FieldOf(reason), reason});
      return;
    }
    pending.push_back({line, std::move(doc).value(), ""});
    if (pending.size() >= batch_docs) flushed = FlushDocuments(file, pending);
  }));
  SUTRA_RETURN_IF_ERROR(flushed);
  SUTRA_RETURN_IF_ERROR(FlushDocuments(file, pending));
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (!ec) bytes_done_ += bytes;
  return Status::Ok();
}

Status Loader::RunInputs(const std::vector<std::filesystem::path>& inputs) {
  for (const auto& input : inputs) {
    if (std::filesystem::is_directory(input)) {
      SUTRA_RETURN_IF_ERROR(LoadBundle(input));
    } else if (input.extension() == ".jsonl") {
      SUTRA_RETURN_IF_ERROR(LoadFeed(input));
    } else {
      return InvalidArgument(
          fmt::format("{}: give a CSV bundle directory or a .jsonl FIR feed", input.string()));
    }
  }
  return Status::Ok();
}

StatusOr<LoadReport> Loader::Run(const std::vector<std::filesystem::path>& inputs) {
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!std::filesystem::exists(input, ec)) {
      return NotFound(fmt::format("{}: no such file or directory", input.string()));
    }
    // For the progress display only; an optional table that is absent counts nothing.
    auto size = [](const std::filesystem::path& path) -> std::uint64_t {
      std::error_code error;
      const auto bytes = std::filesystem::file_size(path, error);
      return error ? 0 : bytes;
    };
    if (std::filesystem::is_directory(input)) {
      for (const TableFile& t : kTables) bytes_total_ += size(input / t.name);
    } else {
      bytes_total_ += size(input);
    }
  }
  if (!options_.rejects_file.empty()) {
    rejects_.open(options_.rejects_file, std::ios::trunc);
    if (!rejects_) {
      return IoError(
          fmt::format("{}: cannot write the rejects file", options_.rejects_file.string()));
    }
    rejects_ << "file,line,field,reason\n";
  }
  std::string description = "load";
  for (const auto& input : inputs) description += " " + input.string();
  {
    SUTRA_ASSIGN_OR_RETURN(ReadTxn reader, store_.BeginRead());
    SUTRA_ASSIGN_OR_RETURN(first_new_id_, reader.NextNodeId());
    SUTRA_ASSIGN_OR_RETURN(auto counts, reader.CountEntries());
    report_.bulk =
        options_.allow_bulk && !options_.strict && counts.nodes == 0 && counts.edges == 0;
  }
  auto new_batch = [&](WriteTxn& w) -> Status {
    SUTRA_ASSIGN_OR_RETURN(report_.batch, w.NewBatch(description));
    return Status::Ok();
  };
  Status status;
  if (options_.strict) {
    // One transaction for everything: any rejected row aborts it, so nothing is stored.
    status = store_.Update([&](WriteTxn& w) -> Status {
      report_ = LoadReport{};
      stations_.clear();
      rejected_keys_.clear();
      last_fir_.reset();
      bytes_done_ = bytes_current_ = 0;
      strict_txn_ = &w;
      SUTRA_RETURN_IF_ERROR(new_batch(w));
      Status run = RunInputs(inputs);
      strict_txn_ = nullptr;
      SUTRA_RETURN_IF_ERROR(run);
      if (report_.rows_rejected != 0) {
        return InvalidArgument(fmt::format("{} row(s) rejected; nothing was loaded (--strict):{}",
                                           report_.rows_rejected,
                                           ErrorList(report_.rejected, report_.rows_rejected)));
      }
      return Status::Ok();
    });
  } else {
    if (report_.bulk) {
      SUTRA_ASSIGN_OR_RETURN(bulk_, storage::BulkLoad::Begin(store_, description));
    }
    status = Write(new_batch);
    if (status.ok()) status = RunInputs(inputs);
    if (status.ok() && bulk_ != nullptr) {
      SUTRA_ASSIGN_OR_RETURN(auto summary, bulk_->Finish());
      report_.edges_created -= summary.repeated_edges;
    }
  }
  Progress(true);
  if (!status.ok()) return status;
  if (report_.rows_loaded == 0) {
    return InvalidArgument(fmt::format("no row could be loaded{}",
                                       ErrorList(report_.rejected, report_.rows_rejected)));
  }
  return report_;
}

}  // namespace

std::string RowError::ToString() const { return fmt::format("{}:{}: {}", file, line, reason); }

StatusOr<LoadReport> LoadInputs(storage::GraphStore& store,
                                const std::vector<std::filesystem::path>& inputs,
                                const LoadOptions& options) {
  Loader loader(store, options);
  return loader.Run(inputs);
}

}  // namespace sutra::ingest
