// The TCK's test procedures: "there exists a procedure test.my.proc(in :: INTEGER?) ::
// (out :: STRING?):" followed by a table whose columns are the inputs then the outputs. A call
// emits, in table order, the outputs of every row whose inputs equal the call's arguments.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "engine/cypher/procedures.h"
#include "tests/tck/gherkin.h"

namespace sutra::cypher::tck {

// Parses "test.my.proc(in :: INTEGER?) :: (out :: STRING?):" (the step text after "there
// exists a procedure "). Throws std::invalid_argument when malformed.
ProcedureSignature ParseProcedureDeclaration(std::string_view declaration);

class TableProcedure final : public Procedure {
 public:
  // `table`: header of input then output field names, then rows of TCK literals. Throws
  // std::invalid_argument when the header does not name the signature's fields, TckValueError
  // on a malformed cell.
  TableProcedure(ProcedureSignature signature, const GherkinTable& table);

  const ProcedureSignature& signature() const override { return signature_; }
  void Call(std::span<const Value> args, QueryGraph& graph,
            const std::function<void(List row)>& emit) const override;

 private:
  ProcedureSignature signature_;
  std::vector<List> rows_;  // inputs then outputs
};

}  // namespace sutra::cypher::tck
