// A CSV bundle after validation: only rows that passed every check, with every reference
// between them resolved. Internal to ingest/: produced by bundle_loader.cc, written by
// bundle_writer.cc.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ingest/bundle_rows.h"
#include "storage/graph_store.h"

namespace sutra::ingest {

struct ValidBundle {
  std::map<std::string, StationRow> stations;    // by station code
  std::map<std::string, LocationRow> locations;  // by bundle-local location id
  std::map<FirKey, CaseRow> cases;
  std::map<std::string, PersonRow> persons;  // by record id
  std::vector<VehicleRow> vehicles;
  std::vector<CallRow> calls;
  std::uint64_t row_count() const {
    return stations.size() + locations.size() + cases.size() + persons.size() + vehicles.size() +
           calls.size();
  }
};

struct WriteCounts {
  std::uint64_t batch = 0;
  std::uint64_t nodes_created = 0;
  std::uint64_t edges_created = 0;
};

// Writes everything in `bundle` in the transaction `txn` under a new load batch described by
// `description`. Upserts by natural key, so writing the same bundle twice creates nothing new.
StatusOr<WriteCounts> WriteValidBundle(storage::WriteTxn& txn, const ValidBundle& bundle,
                                       std::string_view description);

}  // namespace sutra::ingest
