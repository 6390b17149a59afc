// Printing of command results as a table for people, or JSON / CSV for scripts
// (`--format table|json|csv`). Cells are JSON values so numbers stay numbers in JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/answer_nodes.h"
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
// Nodes as the guarded engine showed them: the label says when a node is only a hit (where it
// is held) or its identity was withheld; flags are the answer's (protection facts, "hit-only",
// "juvenile:redacted", ...).
OutputTable NodeTable(const std::vector<engine::AnswerNode>& nodes);
// The label NodeTable gives a shown node: "held at STATION" for a hit, "[identity withheld]"
// for a protected identity, else storage::DisplayLabel.
std::string AnswerLabel(const engine::AnswerNode& node);
OutputTable EdgeTable(const std::vector<storage::Edge>& edges);
nlohmann::json ValueToJson(const storage::Value& value);

}  // namespace sutra::cli
