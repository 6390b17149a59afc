#include <fmt/format.h>

#include "ingest/normalize.h"
#include "ingest/valid_bundle.h"

namespace sutra::ingest {
namespace {

using storage::EdgeType;
using storage::NodeId;
using storage::NodeType;
using storage::Properties;
using storage::Provenance;

void SetIfPresent(Properties& props, const char* key, const std::string& value) {
  if (!value.empty()) props[key] = value;
}

std::string FirNodeKey(const FirKey& fir) { return fir.station_code + "|" + fir.fir_number; }

std::string LocationNodeKey(const LocationRow& l) {
  return FoldForLookup(l.state) + "|" + FoldForLookup(l.district) + "|" + FoldForLookup(l.address);
}

std::string RecordNodeKey(const PersonRow& p) { return FirNodeKey(p.fir) + "|" + p.record_id; }

// Writes the bundle with one counter set; every id it needs is looked up by natural key, so the
// order of the steps below only has to respect "endpoints before edges".
class Writer {
 public:
  Writer(storage::WriteTxn& txn, const ValidBundle& bundle) : txn_(txn), bundle_(bundle) {}

  StatusOr<WriteCounts> Run(std::string_view description) {
    SUTRA_ASSIGN_OR_RETURN(counts_.batch, txn_.NewBatch(description));
    SUTRA_RETURN_IF_ERROR(WriteStations());
    SUTRA_RETURN_IF_ERROR(WriteLocations());
    SUTRA_RETURN_IF_ERROR(WriteCases());
    SUTRA_RETURN_IF_ERROR(WritePersons());
    SUTRA_RETURN_IF_ERROR(WriteVehicles());
    SUTRA_RETURN_IF_ERROR(WriteCalls());
    return counts_;
  }

 private:
  StatusOr<NodeId> Node(NodeType type, const std::string& key, const Properties& props) {
    SUTRA_ASSIGN_OR_RETURN(auto r, txn_.UpsertNode(type, key, props));
    counts_.nodes_created += r.created;
    return r.id;
  }

  Status Edge(EdgeType type, NodeId from, NodeId to, const FirKey& fir,
              const Properties& props = {}, std::string_view discriminator = {}) {
    Provenance prov{fir.fir_number, fir.station_code, counts_.batch};
    SUTRA_ASSIGN_OR_RETURN(auto r, txn_.UpsertEdge(type, from, to, props, prov, discriminator));
    counts_.edges_created += r.created;
    return Status::Ok();
  }

  Status WriteStations() {
    for (const auto& [code, s] : bundle_.stations) {
      SUTRA_ASSIGN_OR_RETURN(
          station_ids_[code],
          Node(NodeType::kStation, code,
               {{"code", s.code}, {"name", s.name}, {"district", s.district}, {"state", s.state}}));
      SUTRA_RETURN_IF_ERROR(txn_.AddTerm(StationTerm(code), station_ids_[code]));
      SUTRA_RETURN_IF_ERROR(txn_.AddTerm(NameTerm(s.name), station_ids_[code]));
    }
    return Status::Ok();
  }

  Status WriteLocations() {
    for (const auto& [id, l] : bundle_.locations) {
      Properties props{{"address", l.address}};
      SetIfPresent(props, "district", l.district);
      SetIfPresent(props, "state", l.state);
      if (l.latitude) {
        props["latitude"] = *l.latitude;
        props["longitude"] = *l.longitude;
      }
      SUTRA_ASSIGN_OR_RETURN(location_ids_[id],
                             Node(NodeType::kLocation, LocationNodeKey(l), props));
    }
    return Status::Ok();
  }

  Status WriteCases() {
    for (const auto& [key, c] : bundle_.cases) {
      const StationRow& station = bundle_.stations.at(key.station_code);
      Properties props{{"fir_number", c.fir.fir_number},
                       {"station_code", c.fir.station_code},
                       {"district", station.district},
                       {"state", station.state},
                       {"registered_on", c.registered_on},
                       {"acts_sections", c.acts_sections},
                       {"status", c.status}};
      SetIfPresent(props, "modus_operandi", c.modus_operandi);
      SUTRA_ASSIGN_OR_RETURN(NodeId id, Node(NodeType::kCase, FirNodeKey(key), props));
      case_ids_[key] = id;
      SUTRA_RETURN_IF_ERROR(txn_.AddTerm(FirTerm(c.fir.fir_number), id));
      SUTRA_RETURN_IF_ERROR(
          Edge(EdgeType::kRegisteredAt, id, station_ids_.at(key.station_code), key));
      if (!c.location_id.empty()) {
        SUTRA_RETURN_IF_ERROR(
            Edge(EdgeType::kOccurredAt, id, location_ids_.at(c.location_id), key));
      }
    }
    return Status::Ok();
  }

  StatusOr<NodeId> Phone(const std::string& e164) {
    SUTRA_ASSIGN_OR_RETURN(NodeId id, Node(NodeType::kPhone, e164, {{"number", e164}}));
    SUTRA_RETURN_IF_ERROR(txn_.AddTerm(PhoneTerm(e164), id));
    return id;
  }

  Status WritePersons() {
    for (const auto& [record_id, p] : bundle_.persons) {
      Properties props{{"record_id", p.record_id},
                       {"name", p.name},
                       {"fir_number", p.fir.fir_number},
                       {"station_code", p.fir.station_code}};
      SetIfPresent(props, "alias", p.alias);
      SetIfPresent(props, "relative_name", p.relative_name);
      SetIfPresent(props, "relation", p.relation);
      SetIfPresent(props, "gender", p.gender);
      if (p.age) props["age"] = *p.age;
      if (p.birth_year) props["birth_year"] = *p.birth_year;
      if (p.phone) props["phone"] = *p.phone;
      for (const std::string& flag : p.flags) props[flag] = true;
      SUTRA_ASSIGN_OR_RETURN(NodeId id, Node(NodeType::kPersonRecord, RecordNodeKey(p), props));
      record_ids_[record_id] = id;
      SUTRA_RETURN_IF_ERROR(IndexNames(p, id));
      for (EdgeType role : p.roles) {
        SUTRA_RETURN_IF_ERROR(Edge(role, id, case_ids_.at(p.fir), p.fir));
      }
      if (p.phone) {
        SUTRA_ASSIGN_OR_RETURN(NodeId phone, Phone(*p.phone));
        SUTRA_RETURN_IF_ERROR(Edge(EdgeType::kUses, id, phone, p.fir));
      }
      if (!p.address_location_id.empty()) {
        SUTRA_RETURN_IF_ERROR(
            Edge(EdgeType::kResidesAt, id, location_ids_.at(p.address_location_id), p.fir));
      }
    }
    return Status::Ok();
  }

  // A record is found by its whole name, its alias, and each side of an "A @ B" alias form.
  Status IndexNames(const PersonRow& p, NodeId id) {
    for (const std::string* text : {&p.name, &p.alias}) {
      if (text->empty()) continue;
      SUTRA_RETURN_IF_ERROR(txn_.AddTerm(NameTerm(*text), id));
      std::size_t at = text->find('@');
      if (at == std::string::npos) continue;
      for (std::string_view part :
           {std::string_view(*text).substr(0, at), std::string_view(*text).substr(at + 1)}) {
        if (std::string folded = FoldForLookup(part); !folded.empty()) {
          SUTRA_RETURN_IF_ERROR(txn_.AddTerm("name:" + folded, id));
        }
      }
    }
    return Status::Ok();
  }

  Status WriteVehicles() {
    // Make, model and colour may be given on only some of a vehicle's rows: merge them, first
    // non-empty value wins, so the row order of one vehicle does not erase what another said.
    std::map<std::string, Properties> merged;
    for (const VehicleRow& v : bundle_.vehicles) {
      Properties& props = merged[v.registration];
      props.try_emplace("registration", v.registration);
      if (!v.make.empty()) props.try_emplace("make", v.make);
      if (!v.model.empty()) props.try_emplace("model", v.model);
      if (!v.colour.empty()) props.try_emplace("colour", v.colour);
    }
    std::map<std::string, NodeId> vehicle_ids;
    for (const auto& [registration, props] : merged) {
      SUTRA_ASSIGN_OR_RETURN(vehicle_ids[registration],
                             Node(NodeType::kVehicle, registration, props));
      SUTRA_RETURN_IF_ERROR(txn_.AddTerm(VehicleTerm(registration), vehicle_ids[registration]));
    }
    for (const VehicleRow& v : bundle_.vehicles) {
      NodeId vehicle = vehicle_ids.at(v.registration);
      SUTRA_RETURN_IF_ERROR(Edge(v.link, vehicle, case_ids_.at(v.fir), v.fir));
      if (!v.owner_record_id.empty()) {
        // The ownership is asserted by the FIR in which the owner's record was written.
        const PersonRow& owner = bundle_.persons.at(v.owner_record_id);
        SUTRA_RETURN_IF_ERROR(
            Edge(EdgeType::kOwns, record_ids_.at(v.owner_record_id), vehicle, owner.fir));
      }
    }
    return Status::Ok();
  }

  Status WriteCalls() {
    for (const CallRow& c : bundle_.calls) {
      SUTRA_ASSIGN_OR_RETURN(NodeId caller, Phone(c.caller));
      SUTRA_ASSIGN_OR_RETURN(NodeId callee, Phone(c.callee));
      SUTRA_RETURN_IF_ERROR(Edge(EdgeType::kCalled, caller, callee, c.fir,
                                 {{"started_at", c.started_at}, {"duration_s", c.duration_s}},
                                 c.started_at));
    }
    return Status::Ok();
  }

  storage::WriteTxn& txn_;
  const ValidBundle& bundle_;
  WriteCounts counts_;
  std::map<std::string, NodeId> station_ids_, location_ids_, record_ids_;
  std::map<FirKey, NodeId> case_ids_;
};

}  // namespace

StatusOr<WriteCounts> WriteValidBundle(storage::WriteTxn& txn, const ValidBundle& bundle,
                                       std::string_view description) {
  return Writer(txn, bundle).Run(description);
}

}  // namespace sutra::ingest
