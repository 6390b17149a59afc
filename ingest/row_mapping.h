// How accepted rows become nodes, edges and lookup terms (the data model of DESIGN.md).
//
// Natural keys: a station by its code, a location by state|district|address (folded), an FIR
// by station|number, a person record by its FIR and record id, a phone by its E.164 number, a
// vehicle by its normalised registration. The same input therefore always names the same
// nodes, which is what makes loading idempotent.
#pragma once

#include <optional>
#include <string>

#include "ingest/bundle_rows.h"
#include "ingest/graph_batch.h"

namespace sutra::ingest {

std::string FirNodeKey(const FirKey& fir);
std::string LocationNodeKey(const LocationRow& location);
std::string RecordNodeKey(const FirKey& fir, std::string_view record_id);

storage::Properties StationProperties(const StationRow& station);
storage::Properties LocationProperties(const LocationRow& location);
// `district` and `state` are the registering station's.
storage::Properties CaseProperties(const CaseRow& c, const std::string& district,
                                   const std::string& state);
storage::Properties PersonProperties(const PersonRow& p);

// Each adds the row's node(s), terms and edges to `batch` and returns the index of its node.
std::size_t AddStation(GraphBatch& batch, const StationRow& station);
std::size_t AddLocation(GraphBatch& batch, const LocationRow& location);
// `properties`: CaseProperties() or PersonProperties() of the row, which callers have made
// already to check it against what the load stored before.
std::size_t AddCase(GraphBatch& batch, const CaseRow& c, storage::Properties properties,
                    NodeRef station, std::optional<NodeRef> location);
std::size_t AddPerson(GraphBatch& batch, const PersonRow& p, storage::Properties properties,
                      NodeRef fir, std::optional<NodeRef> address);
// `properties`: the vehicle's make, model and colour as merged from every row that names it.
std::size_t AddVehicle(GraphBatch& batch, const VehicleRow& v, storage::Properties properties,
                       NodeRef fir, std::optional<NodeRef> owner);
void AddCall(GraphBatch& batch, const CallRow& call);

}  // namespace sutra::ingest
