// Procedures callable as `CALL name(args) YIELD fields`: Sutra's algorithms (sutra.*) and, in
// the TCK runner, the TCK's table-backed test procedures. A registry is built once and read by
// any number of queries. Thread-safe for reading after setup.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cypher/query_graph.h"
#include "engine/cypher/value.h"

namespace sutra::cypher {

// A parameter or output field with its declared type as openCypher writes it ("INTEGER?",
// "STRING?", "FLOAT?", "NUMBER?", "BOOLEAN?", "NODE?", "RELATIONSHIP?", "PATH?", "LIST?",
// "MAP?", "ANY?"); a trailing '?' means null is accepted.
struct ProcedureField {
  std::string name;
  std::string type;
};

struct ProcedureSignature {
  std::string name;  // namespaced: "sutra.pagerank"
  std::vector<ProcedureField> inputs;
  std::vector<ProcedureField> outputs;  // empty: a procedure that returns no rows (VOID)
  std::string description;              // one line, for `sutra query --procedures`
};

class Procedure {
 public:
  virtual ~Procedure() = default;
  virtual const ProcedureSignature& signature() const = 0;
  // Called with arguments already checked against the signature's input types (integers are
  // accepted for FLOAT? / NUMBER?). Emits one row per result: values in the order of
  // signature().outputs. Raises CypherError (ProcedureError, or ArgumentError) on failure.
  virtual void Call(std::span<const Value> args, QueryGraph& graph,
                    const std::function<void(List row)>& emit) const = 0;
};

class ProcedureRegistry {
 public:
  void Add(std::shared_ptr<const Procedure> procedure);
  // Case-sensitive on the namespace and name, as Cypher is; nullptr when unknown.
  const Procedure* Find(std::string_view name) const;
  std::vector<const Procedure*> All() const;  // sorted by name

 private:
  std::map<std::string, std::shared_ptr<const Procedure>, std::less<>> procedures_;
};

// Whether `value` is acceptable for a field of `type` ("INTEGER?" ...).
bool ValueFitsType(const Value& value, std::string_view type);

}  // namespace sutra::cypher
