// Person records as the database holds them, read into the resolver's input form.
//
// A PersonRecord node's own properties give the name (with its alias as "NAME @ ALIAS"), the
// father's or husband's name, date of birth, birth year, age and phone; its role edges give the
// FIRs it appears in (and so the year an age was stated, and the district); its RESIDES_AT edge
// gives the address text; its SAME_AS edge, when entity resolution has run, the Person it
// belongs to. An identity number, when a source recorded one, is read from "aadhaar",
// "id_number" or "identifier".
#pragma once

#include <string>
#include <vector>

#include "algorithms/er/resolver.h"
#include "storage/graph_store.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::engine::er {

struct StoredRecord {
  storage::NodeId id = 0;
  algorithms::er::PersonInput input;  // input.id is the source's record id
  std::string name;                   // as written, for display
  std::vector<std::string> firs;      // "STATION/FIR" of each case it appears in, in edge order
  std::string district;               // of its first case; "" when unknown
  std::vector<std::string> flags;     // ProtectionFlags of the record and of its cases
  storage::NodeId person = 0;         // SAME_AS target; 0 while unresolved
  storage::EdgeId same_as = 0;        // that edge
};

// Every PersonRecord of the view, in id order. Cost: one pass over the nodes and one over the
// adjacency.
StatusOr<std::vector<StoredRecord>> LoadPersonRecords(const storage::ReadTxn& txn);

// The index in `records` of the record that `ref` names: a node id (digits) or a source record
// id. NotFound when none; InvalidArgument, listing node ids, when several hold the record id.
StatusOr<std::uint32_t> FindRecord(const std::vector<StoredRecord>& records, std::string_view ref);

}  // namespace sutra::engine::er
