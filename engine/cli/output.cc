#include "engine/cli/output.h"

#include <algorithm>

namespace sutra::cli {
namespace {

std::string CellText(const nlohmann::json& cell) {
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_null()) return "";
  return cell.dump();
}

// Display width in code points: close enough for aligned columns of names in any script.
std::size_t Width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Flags(const storage::Node& node) {
  std::string out;
  for (const std::string& flag : storage::ProtectionFlags(node)) {
    out += (out.empty() ? "" : ",") + flag;
  }
  return out;
}

}  // namespace

nlohmann::json ValueToJson(const storage::Value& value) {
  return std::visit([](const auto& v) { return nlohmann::json(v); }, value);
}

nlohmann::json ToJson(const OutputTable& table) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
      object[table.columns[i]] = row[i];
    }
    rows.push_back(std::move(object));
  }
  return rows;
}

void Print(const OutputTable& table, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << ToJson(table).dump(2) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      out << (i ? "," : "") << CsvField(table.columns[i]);
    }
    out << "\n";
    for (const auto& row : table.rows) {
      for (std::size_t i = 0; i < row.size(); ++i)
        out << (i ? "," : "") << CsvField(CellText(row[i]));
      out << "\n";
    }
    return;
  }
  std::vector<std::size_t> widths;
  for (const auto& c : table.columns) widths.push_back(Width(c));
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], Width(CellText(row[i])));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << cells[i];
      if (i + 1 < cells.size()) out << std::string(widths[i] - Width(cells[i]) + 2, ' ');
    }
    out << "\n";
  };
  line(table.columns);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (const auto& cell : row) cells.push_back(CellText(cell));
    line(cells);
  }
}

OutputTable NodeTable(const std::vector<storage::Node>& nodes) {
  OutputTable t{{"id", "type", "label", "flags"}, {}};
  for (const auto& n : nodes) {
    t.rows.push_back(
        {n.id, std::string(storage::NodeTypeName(n.type)), storage::DisplayLabel(n), Flags(n)});
  }
  return t;
}

std::string AnswerLabel(const engine::AnswerNode& answer) {
  const auto& [n, flags] = answer;
  if (std::find(flags.begin(), flags.end(), "hit-only") != flags.end()) {
    auto held = storage::GetString(n.properties, "holding_stations");
    return "held at " + (held && !held->empty() ? *held : std::string("another station"));
  }
  if (n.properties.contains("redacted")) return "[identity withheld]";
  return storage::DisplayLabel(n);
}

OutputTable NodeTable(const std::vector<engine::AnswerNode>& nodes) {
  OutputTable t{{"id", "type", "label", "flags"}, {}};
  for (const auto& answer : nodes) {
    std::string joined;
    for (const auto& flag : answer.flags) joined += (joined.empty() ? "" : ";") + flag;
    t.rows.push_back({answer.node.id, std::string(storage::NodeTypeName(answer.node.type)),
                      AnswerLabel(answer), joined});
  }
  return t;
}

OutputTable EdgeTable(const std::vector<storage::Edge>& edges) {
  OutputTable t{{"id", "type", "from", "to", "fir", "station", "batch"}, {}};
  for (const auto& e : edges) {
    t.rows.push_back({e.id, std::string(storage::EdgeTypeName(e.type)), e.from, e.to,
                      e.provenance.fir, e.provenance.station, e.provenance.batch});
  }
  return t;
}

}  // namespace sutra::cli
