#include "engine/cypher/procedures.h"

#include <algorithm>

namespace sutra::cypher {

void ProcedureRegistry::Add(std::shared_ptr<const Procedure> procedure) {
  std::string name = procedure->signature().name;
  procedures_[name] = std::move(procedure);
}

const Procedure* ProcedureRegistry::Find(std::string_view name) const {
  auto it = procedures_.find(name);
  return it == procedures_.end() ? nullptr : it->second.get();
}

std::vector<const Procedure*> ProcedureRegistry::All() const {
  std::vector<const Procedure*> all;
  for (const auto& [name, procedure] : procedures_) all.push_back(procedure.get());
  return all;
}

bool ValueFitsType(const Value& value, std::string_view type) {
  bool nullable = !type.empty() && type.back() == '?';
  if (nullable) type.remove_suffix(1);
  if (value.is_null()) return nullable;
  if (type == "ANY") return true;
  if (type == "INTEGER") return value.is_int();
  if (type == "FLOAT") return value.is_number();
  if (type == "NUMBER") return value.is_number();
  if (type == "STRING") return value.is_string();
  if (type == "BOOLEAN") return value.is_bool();
  if (type == "NODE") return value.is_node();
  if (type == "RELATIONSHIP") return value.is_rel();
  if (type == "PATH") return value.is_path();
  if (type == "MAP") return value.is_map();
  if (type.starts_with("LIST")) return value.is_list();
  return false;
}

}  // namespace sutra::cypher
