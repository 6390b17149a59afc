// Cypher answers as the JSON text of rpc/sutra.capnp's QueryAnswer.rows: one JSON array per
// row. Nodes, relationships and paths are read from `graph`, which must still hold them (the
// guarded engine's view of the query, so withheld identities read as null there too).
#pragma once

#include <string>

#include "engine/cypher/query_graph.h"
#include "engine/cypher/value.h"

namespace sutra::rpc {

// A row (`row` values, in column order) as a compact JSON array.
std::string QueryRowJson(const sutra::cypher::List& row, const sutra::cypher::QueryGraph& graph);

}  // namespace sutra::rpc
