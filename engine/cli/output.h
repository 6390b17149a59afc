// Printing of command results as a table for people, or JSON / CSV for scripts
// (`--format table|json|csv`). Cells are JSON values so numbers stay numbers in JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "storage/model.h"

namespace sutra::cli {

enum class Format { kTable, kJson, kCsv };

struct OutputTable {
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;
};

// table: aligned columns with a header rule; csv: RFC 4180 with a header row;
// json: an array of objects keyed by column name.
void Print(const OutputTable& table, Format format, std::ostream& out);
nlohmann::json ToJson(const OutputTable& table);

// Node and edge listings shared by the commands that print subgraphs.
OutputTable NodeTable(const std::vector<storage::Node>& nodes);
OutputTable EdgeTable(const std::vector<storage::Edge>& edges);
nlohmann::json ValueToJson(const storage::Value& value);

}  // namespace sutra::cli
