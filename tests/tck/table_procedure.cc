#include "tests/tck/table_procedure.h"

#include <stdexcept>
#include <string>

#include "tests/tck/tck_value.h"

namespace sutra::cypher::tck {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == ':')) s.remove_suffix(1);
  return s;
}

// "(a :: INTEGER?, b :: STRING?)" -> fields; "()" -> none.
std::vector<ProcedureField> ParseFields(std::string_view list) {
  list = Trim(list);
  if (list.size() < 2 || list.front() != '(' || list.back() != ')') {
    throw std::invalid_argument("expected a parenthesized field list: " + std::string(list));
  }
  list = Trim(list.substr(1, list.size() - 2));
  std::vector<ProcedureField> fields;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view field = Trim(list.substr(0, comma));
    std::size_t colons = field.find("::");
    if (colons == std::string_view::npos) {
      throw std::invalid_argument("a field without a type: " + std::string(field));
    }
    fields.push_back(ProcedureField{std::string(Trim(field.substr(0, colons))),
                                    std::string(Trim(field.substr(colons + 2)))});
    if (comma == std::string_view::npos) break;
    list = Trim(list.substr(comma + 1));
  }
  return fields;
}

// Whether a table row's input cell accepts a call argument: null only null; numbers by value
// when the field is FLOAT (an INTEGER argument is accepted for FLOAT), otherwise the same value.
bool InputMatches(const Value& cell, const Value& arg) {
  if (cell.is_number() && arg.is_number() && (cell.is_float() || arg.is_float())) {
    return cell.is_float() && arg.is_float() ? cell.as_float() == arg.as_float()
                                             : cell.as_number() == arg.as_number();
  }
  return cell == arg;
}

}  // namespace

ProcedureSignature ParseProcedureDeclaration(std::string_view declaration) {
  declaration = Trim(declaration);
  const std::size_t open = declaration.find('(');
  const std::size_t close = declaration.find(')', open);
  const std::size_t colons = declaration.find("::", close);
  if (open == std::string_view::npos || close == std::string_view::npos ||
      colons == std::string_view::npos) {
    throw std::invalid_argument("malformed procedure declaration: " + std::string(declaration));
  }
  ProcedureSignature signature;
  signature.name = std::string(Trim(declaration.substr(0, open)));
  signature.inputs = ParseFields(declaration.substr(open, close - open + 1));
  signature.outputs = ParseFields(declaration.substr(colons + 2));
  signature.description = "TCK test procedure";
  return signature;
}

TableProcedure::TableProcedure(ProcedureSignature signature, const GherkinTable& table)
    : signature_(std::move(signature)) {
  const std::size_t width = signature_.inputs.size() + signature_.outputs.size();
  if (table.empty()) {
    if (width == 0) return;
    throw std::invalid_argument("a procedure table without a header");
  }
  std::vector<std::string> expected_header;
  for (const auto& field : signature_.inputs) expected_header.push_back(field.name);
  for (const auto& field : signature_.outputs) expected_header.push_back(field.name);
  if (table.front() != expected_header) {
    throw std::invalid_argument("the procedure table's header does not name its fields");
  }
  for (std::size_t r = 1; r < table.size(); ++r) {
    if (table[r].size() != width) throw std::invalid_argument("a procedure row of wrong width");
    List row;
    for (const std::string& cell : table[r]) row.push_back(ToEngineValue(ParseTckValue(cell)));
    rows_.push_back(std::move(row));
  }
}

void TableProcedure::Call(std::span<const Value> args, QueryGraph& /*graph*/,
                          const std::function<void(List row)>& emit) const {
  const std::size_t inputs = signature_.inputs.size();
  for (const List& row : rows_) {
    bool matches = args.size() == inputs;
    for (std::size_t i = 0; matches && i < inputs; ++i) matches = InputMatches(row[i], args[i]);
    if (matches) emit(List(row.begin() + static_cast<std::ptrdiff_t>(inputs), row.end()));
  }
}

}  // namespace sutra::cypher::tck
