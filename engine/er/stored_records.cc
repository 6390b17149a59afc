#include "engine/er/stored_records.h"

#include <algorithm>
#include <unordered_map>

namespace sutra::engine::er {
namespace {

using storage::Direction;
using storage::EdgeType;
using storage::GetInt;
using storage::GetString;
using storage::Neighbor;
using storage::Node;
using storage::NodeId;
using storage::NodeType;

struct CaseInfo {
  std::string fir;  // "STATION/FIR"
  std::string district;
  std::optional<int> year;  // of registration
  std::vector<std::string> flags;
};

bool IsRoleEdge(EdgeType type) {
  return type == EdgeType::kAccusedIn || type == EdgeType::kVictimIn ||
         type == EdgeType::kComplainantIn || type == EdgeType::kWitnessIn ||
         type == EdgeType::kArrestedIn;
}

std::optional<int> YearOf(const std::string& date) {
  if (date.size() < 4) return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
    year = year * 10 + (date[i] - '0');
  }
  return year;
}

CaseInfo ReadCase(const Node& node) {
  CaseInfo info;
  info.fir = GetString(node.properties, "station_code").value_or("") + "/" +
             GetString(node.properties, "fir_number").value_or("");
  info.district = GetString(node.properties, "district").value_or("");
  info.year = YearOf(GetString(node.properties, "registered_on").value_or(""));
  info.flags = storage::ProtectionFlags(node);
  return info;
}

StoredRecord ReadRecord(const Node& node) {
  const storage::Properties& p = node.properties;
  StoredRecord r;
  r.id = node.id;
  r.name = GetString(p, "name").value_or("");
  algorithms::er::PersonInput& in = r.input;
  in.id = GetString(p, "record_id").value_or(std::to_string(node.id));
  in.name = r.name;
  if (auto alias = GetString(p, "alias"); alias && !alias->empty()) in.name += " @ " + *alias;
  in.father_name = GetString(p, "relative_name").value_or("");
  in.dob = GetString(p, "dob").value_or("");
  if (auto year = GetInt(p, "birth_year")) in.birth_year = static_cast<int>(*year);
  if (auto age = GetInt(p, "age")) in.age = static_cast<int>(*age);
  in.phone = GetString(p, "phone").value_or("");
  for (const char* key : {"aadhaar", "id_number", "identifier"}) {
    if (auto id = GetString(p, key); id && !id->empty()) {
      in.identifier = *id;
      break;
    }
  }
  r.flags = storage::ProtectionFlags(node);
  return r;
}

}  // namespace

StatusOr<std::vector<StoredRecord>> LoadPersonRecords(const storage::ReadTxn& txn) {
  std::vector<StoredRecord> records;
  std::unordered_map<NodeId, CaseInfo> cases;
  std::unordered_map<NodeId, std::string> addresses;
  SUTRA_RETURN_IF_ERROR(txn.ForEachNode([&](const Node& node) {
    switch (node.type) {
      case NodeType::kPersonRecord:
        records.push_back(ReadRecord(node));
        break;
      case NodeType::kCase:
        cases.emplace(node.id, ReadCase(node));
        break;
      case NodeType::kLocation:
        addresses.emplace(node.id, GetString(node.properties, "address").value_or(""));
        break;
      default:
        break;
    }
    return true;
  }));
  // Nodes come in id order, so records are sorted and can be found by binary search.
  auto find = [&](NodeId id) -> StoredRecord* {
    auto it = std::lower_bound(records.begin(), records.end(), id,
                               [](const StoredRecord& r, NodeId x) { return r.id < x; });
    return it != records.end() && it->id == id ? &*it : nullptr;
  };
  SUTRA_RETURN_IF_ERROR(txn.ScanAdjacency([&](NodeId node, std::span<const Neighbor> adjacency) {
    StoredRecord* r = find(node);
    if (r == nullptr) return;
    for (const Neighbor& n : adjacency) {
      if (n.direction != Direction::kOut) continue;
      if (IsRoleEdge(n.type)) {
        auto c = cases.find(n.node);
        if (c == cases.end()) continue;
        if (std::find(r->firs.begin(), r->firs.end(), c->second.fir) != r->firs.end()) continue;
        r->firs.push_back(c->second.fir);
        if (r->district.empty()) r->district = c->second.district;
        if (!r->input.age_year) r->input.age_year = c->second.year;
        for (const std::string& flag : c->second.flags) {
          if (std::find(r->flags.begin(), r->flags.end(), flag) == r->flags.end()) {
            r->flags.push_back(flag);
          }
        }
      } else if (n.type == EdgeType::kResidesAt && r->input.address.empty()) {
        auto a = addresses.find(n.node);
        if (a != addresses.end()) r->input.address = a->second;
      } else if (n.type == EdgeType::kSameAs) {
        r->person = n.node;
        r->same_as = n.edge;
      }
    }
  }));
  return records;
}

StatusOr<std::uint32_t> FindRecord(const std::vector<StoredRecord>& records, std::string_view ref) {
  storage::NodeId node = 0;
  const bool numeric = !ref.empty() && std::all_of(ref.begin(), ref.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (numeric) node = std::stoull(std::string(ref));
  std::vector<std::uint32_t> found;
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    if ((numeric && records[i].id == node) || records[i].input.id == ref) found.push_back(i);
  }
  if (found.empty()) {
    return NotFound("no person record has node id or record id '" + std::string(ref) + "'");
  }
  if (found.size() > 1) {
    std::string ids;
    for (std::uint32_t i : found) ids += " " + std::to_string(records[i].id);
    return InvalidArgument("record id '" + std::string(ref) +
                           "' is held by several records; name one by node id:" + ids);
  }
  return found.front();
}

}  // namespace sutra::engine::er
