#include "ingest/row_mapping.h"

#include "ingest/normalize.h"

namespace sutra::ingest {
namespace {

using storage::EdgeType;
using storage::NodeType;
using storage::Properties;

void SetIfPresent(Properties& props, const char* key, const std::string& value) {
  if (!value.empty()) props[key] = value;
}

std::size_t AddPhone(GraphBatch& batch, const std::string& e164) {
  const std::size_t phone = batch.AddNode(NodeType::kPhone, e164, {{"number", e164}});
  batch.AddTerm(phone, PhoneTerm(e164));
  return phone;
}

// A record is found by its whole name, its alias, and each side of an "A @ B" alias form.
void AddNameTerms(GraphBatch& batch, std::size_t node, const PersonRow& p) {
  for (const std::string* text : {&p.name, &p.alias}) {
    if (text->empty()) continue;
    batch.AddTerm(node, NameTerm(*text));
    const std::size_t at = text->find('@');
    if (at == std::string::npos) continue;
    for (std::string_view part :
         {std::string_view(*text).substr(0, at), std::string_view(*text).substr(at + 1)}) {
      if (std::string folded = FoldForLookup(part); !folded.empty()) {
        batch.AddTerm(node, "name:" + folded);
      }
    }
  }
}

}  // namespace

std::string FirNodeKey(const FirKey& fir) { return fir.station_code + "|" + fir.fir_number; }

std::string LocationNodeKey(const LocationRow& l) {
  return FoldForLookup(l.state) + "|" + FoldForLookup(l.district) + "|" + FoldForLookup(l.address);
}

std::string RecordNodeKey(const FirKey& fir, std::string_view record_id) {
  return FirNodeKey(fir) + "|" + std::string(record_id);
}

Properties StationProperties(const StationRow& s) {
  Properties props{
      {"code", s.code}, {"name", s.name}, {"district", s.district}, {"state", s.state}};
  SetIfPresent(props, "district_code", s.district_code);
  SetIfPresent(props, "state_code", s.state_code);
  return props;
}

Properties LocationProperties(const LocationRow& l) {
  Properties props{{"address", l.address}};
  SetIfPresent(props, "district", l.district);
  SetIfPresent(props, "state", l.state);
  if (l.latitude) {
    props["latitude"] = *l.latitude;
    props["longitude"] = *l.longitude;
  }
  return props;
}

Properties CaseProperties(const CaseRow& c, const std::string& district, const std::string& state) {
  Properties props{{"fir_number", c.fir.fir_number},
                   {"station_code", c.fir.station_code},
                   {"district", district},
                   {"state", state},
                   {"registered_on", c.registered_on},
                   {"acts_sections", c.acts_sections},
                   {"status", c.status}};
  SetIfPresent(props, "modus_operandi", c.modus_operandi);
  return props;
}

Properties PersonProperties(const PersonRow& p) {
  Properties props{{"record_id", p.record_id},
                   {"name", p.name},
                   {"fir_number", p.fir.fir_number},
                   {"station_code", p.fir.station_code}};
  SetIfPresent(props, "alias", p.alias);
  SetIfPresent(props, "relative_name", p.relative_name);
  SetIfPresent(props, "relation", p.relation);
  SetIfPresent(props, "gender", p.gender);
  SetIfPresent(props, "dob", p.dob);
  if (p.age) props["age"] = *p.age;
  if (p.birth_year) props["birth_year"] = *p.birth_year;
  if (p.phone) props["phone"] = *p.phone;
  for (const std::string& flag : p.flags) props[flag] = true;
  return props;
}

std::size_t AddStation(GraphBatch& batch, const StationRow& s) {
  const std::size_t node = batch.AddNode(NodeType::kStation, s.code, StationProperties(s));
  batch.AddTerm(node, StationTerm(s.code));
  batch.AddTerm(node, NameTerm(s.name));
  return node;
}

std::size_t AddLocation(GraphBatch& batch, const LocationRow& l) {
  return batch.AddNode(NodeType::kLocation, LocationNodeKey(l), LocationProperties(l));
}

std::size_t AddCase(GraphBatch& batch, const CaseRow& c, Properties properties, NodeRef station,
                    std::optional<NodeRef> location) {
  const std::size_t node = batch.AddNode(NodeType::kCase, FirNodeKey(c.fir), std::move(properties));
  batch.AddTerm(node, FirTerm(c.fir.fir_number));
  batch.AddEdge(EdgeType::kRegisteredAt, NodeRef::InBatch(node), station, c.fir);
  if (location) batch.AddEdge(EdgeType::kOccurredAt, NodeRef::InBatch(node), *location, c.fir);
  return node;
}

std::size_t AddPerson(GraphBatch& batch, const PersonRow& p, Properties properties, NodeRef fir,
                      std::optional<NodeRef> address) {
  const std::size_t node = batch.AddNode(NodeType::kPersonRecord, RecordNodeKey(p.fir, p.record_id),
                                         std::move(properties));
  AddNameTerms(batch, node, p);
  const NodeRef record = NodeRef::InBatch(node);
  for (EdgeType role : p.roles) batch.AddEdge(role, record, fir, p.fir);
  if (p.phone) {
    batch.AddEdge(EdgeType::kUses, record, NodeRef::InBatch(AddPhone(batch, *p.phone)), p.fir);
  }
  if (address) batch.AddEdge(EdgeType::kResidesAt, record, *address, p.fir);
  return node;
}

std::size_t AddVehicle(GraphBatch& batch, const VehicleRow& v, Properties properties, NodeRef fir,
                       std::optional<NodeRef> owner) {
  const std::size_t node = batch.AddNode(NodeType::kVehicle, v.registration, std::move(properties));
  batch.AddTerm(node, VehicleTerm(v.registration));
  batch.AddEdge(v.link, NodeRef::InBatch(node), fir, v.fir);
  // The owner is a person of the same FIR, which asserts the ownership.
  if (owner) batch.AddEdge(EdgeType::kOwns, *owner, NodeRef::InBatch(node), v.fir);
  return node;
}

void AddCall(GraphBatch& batch, const CallRow& c) {
  const std::size_t caller = AddPhone(batch, c.caller), callee = AddPhone(batch, c.callee);
  batch.AddEdge(EdgeType::kCalled, NodeRef::InBatch(caller), NodeRef::InBatch(callee), c.fir,
                {{"started_at", c.started_at}, {"duration_s", c.duration_s}}, c.started_at);
}

}  // namespace sutra::ingest
