// The data side of bench_cypher: the workloads (query texts per engine and their start
// points, drawn with a fixed seed) and the Kuzu copy of Sutra's crime graph (schema and
// per-table CSV files written from the store).
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storage/graph_store.h"
#include "storage/status.h"

namespace sutra::bench {

// One workload: the same question asked of both engines, once per parameter set.
struct Workload {
  std::string name;
  std::string sutra_text;
  std::string kuzu_text;               // the same text unless Kuzu's syntax differs (shortest path)
  std::vector<nlohmann::json> params;  // each an object: `$name` -> int or string
  double target_ratio = 0;             // issue 7's bound on Sutra's time / Kuzu's; 0: none
};

// LDBC SNB SF0.1 in `dir` (the kuzu package's dataset/ldbc-sf01 layout: '|'-separated CSVs
// with headers, schema.cypher, copy.cypher).
// Both workload lists begin with whole-graph counts of nodes and relationships (the check that
// both engines hold the same graph). Then:
// 1-, 2-, 3-hop distinct `knows` neighbourhoods of `starts` persons and shortest `knows` paths
// between `starts` pairs of distinct persons, persons drawn from Person.csv with a fixed seed.
std::vector<Workload> LdbcWorkloads(const std::filesystem::path& dir, std::size_t starts);
// Kuzu's load statements: schema.cypher, then copy.cypher with its paths made absolute.
nlohmann::json LdbcKuzuLoad(const std::filesystem::path& dir);

// The crime graph in Kuzu: one node table per Sutra label, one relationship table per edge
// type (with one FROM/TO pair per pair of labels it joins in the data), every property typed
// as stored (INT64, DOUBLE, BOOLEAN, or STRING when a key holds values of several types), each
// edge's provenance as `fir` and `station` (as StoreGraph shows it) and `batch`. A table's
// primary key is the property Sutra indexes for it when that property is unique in the data
// (Phone.number, Vehicle.registration, Station.code), else a column `sid` holding Sutra's node
// id, which no query reads.
struct KuzuTables {
  nlohmann::json load;  // CREATE NODE/REL TABLE and COPY statements, in order
  std::size_t nodes = 0;
  std::size_t relationships = 0;
};
StatusOr<KuzuTables> WriteKuzuTables(const storage::GraphStore& store,
                                     const std::filesystem::path& dir);

// Workloads on the crime graph, start points drawn from the store with a fixed seed:
//   co-accused     of person records found by name (accused records' names),
//   shared phone   records using one phone and accused in different cases (phones used by at
//                  least two accused records),
//   case 1-hop / 2-hop  distinct nodes around a case found by station and FIR number.
StatusOr<std::vector<Workload>> CrimeWorkloads(const storage::GraphStore& store,
                                               std::size_t starts);

}  // namespace sutra::bench
