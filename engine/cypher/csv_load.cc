// Generic CSV loading (see csv_load.h): the CSV reader, header sniffing, typed field
// parsing, the primary-key index, and LoadCsvNodes / LoadCsvRelationships. The LDBC SNB
// folder loader built on them is in ldbc_load.cc.
#include "engine/cypher/csv_load.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <string>

#include "engine/cypher/csv_load_internal.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/memory_graph.h"

namespace sutra::cypher {
namespace csv_internal {

[[noreturn]] void ThrowLoad(const std::string& message) {
  ThrowRuntime(ErrorType::kArgumentError, "CsvLoadError", message);
}

}  // namespace csv_internal

namespace {

using csv_internal::ThrowLoad;

// "Person.csv line 17"
std::string Where(const std::string& file, std::size_t line) {
  return file + " line " + std::to_string(line);
}

// The whole file, read with one read.
std::string ReadWholeFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    ThrowLoad("cannot open CSV file " + path + ": " + std::strerror(errno) +
              "; check the path and its permissions");
  }
  std::string data;
  if (std::fseek(f.get(), 0, SEEK_END) == 0) {
    long size = std::ftell(f.get());
    if (size > 0) {
      data.resize(static_cast<std::size_t>(size));
      std::rewind(f.get());
      data.resize(std::fread(data.data(), 1, data.size(), f.get()));
    }
  }
  if (std::ferror(f.get())) ThrowLoad("cannot read CSV file " + path + ": read error");
  return data;
}

// Splits a CSV buffer into records of fields, in place: fields are views into the buffer,
// except quoted fields with doubled quotes, which are unescaped into the reader's scratch.
// Quotes ('"') are recognised only at the start of a field, as Kuzu does; a quoted field may
// hold delimiters and newlines. Lines end with "\n" or "\r\n"; blank lines are skipped.
class CsvReader {
 public:
  CsvReader(std::string path, char delimiter)
      : path_(std::move(path)), data_(ReadWholeFile(path_)), delimiter_(delimiter) {
    if (data_.size() >= 3 && data_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // UTF-8 BOM
  }

  const std::string& path() const { return path_; }
  std::size_t line() const { return record_line_; }  // 1-based line where the record starts

  // An upper bound of the records left (lines), for capacity hints.
  std::size_t CountLines() const {
    return static_cast<std::size_t>(std::count(data_.begin() + pos_, data_.end(), '\n')) + 1;
  }

  bool Next(std::vector<std::string_view>& fields) {
    fields.clear();
    scratch_.clear();
    // Skip blank lines.
    while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
      if (data_[pos_] == '\n') ++line_;
      ++pos_;
    }
    if (pos_ >= data_.size()) return false;
    record_line_ = line_;
    const char* p = data_.data() + pos_;
    const char* end = data_.data() + data_.size();
    while (true) {
      if (p < end && *p == '"') {
        p = ReadQuoted(p + 1, end, fields);
      } else {
        const char* start = p;
        while (p < end && *p != delimiter_ && *p != '\n') ++p;
        const char* field_end = p;
        if (field_end > start && field_end[-1] == '\r' && (p == end || *p == '\n')) --field_end;
        fields.emplace_back(start, static_cast<std::size_t>(field_end - start));
      }
      if (p < end && *p == delimiter_) {
        ++p;
        continue;
      }
      if (p < end) {  // '\n'
        ++p;
        ++line_;
      }
      break;
    }
    pos_ = static_cast<std::size_t>(p - data_.data());
    return true;
  }

 private:
  // Reads a quoted field whose opening quote is before `p`; returns the position after it.
  const char* ReadQuoted(const char* p, const char* end, std::vector<std::string_view>& fields) {
    const char* start = p;
    bool escaped = false;
    while (true) {
      if (p >= end) {
        ThrowLoad(Where(path_, record_line_) +
                  ": a quoted field is not closed; add the closing '\"' (write a quote inside a "
                  "quoted field as \"\")");
      }
      if (*p == '"') {
        if (p + 1 < end && p[1] == '"') {
          escaped = true;
          p += 2;
          continue;
        }
        break;
      }
      if (*p == '\n') ++line_;
      ++p;
    }
    std::string_view raw(start, static_cast<std::size_t>(p - start));
    ++p;  // closing quote
    if (p < end && *p == '\r') ++p;
    if (p < end && *p != delimiter_ && *p != '\n') {
      ThrowLoad(Where(path_, record_line_) + ": unexpected text after a closing quote; quote the " +
                "whole field or double the quotes inside it");
    }
    if (!escaped) {
      fields.push_back(raw);
    } else {
      std::string& text = scratch_.emplace_back();
      for (std::size_t i = 0; i < raw.size(); ++i) {
        text.push_back(raw[i]);
        if (raw[i] == '"') ++i;  // "" -> "
      }
      fields.emplace_back(text);
    }
    return p;
  }

  std::string path_;
  std::string data_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 1;
  std::deque<std::string> scratch_;  // deque: views into it stay valid while it grows
};

const char* TypeName(PropertyType type) {
  switch (type) {
    case PropertyType::kInt:
      return "an integer";
    case PropertyType::kFloat:
      return "a float";
    case PropertyType::kBool:
      return "a boolean (true or false)";
    case PropertyType::kString:
    case PropertyType::kDate:
      return "a string";
  }
  return "a value";
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseFloat(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The value of a non-empty field, or nullopt when it does not parse as `type`.
std::optional<Value> ParseField(std::string_view text, PropertyType type) {
  switch (type) {
    case PropertyType::kInt:
      if (auto v = ParseInt(text)) return Value(*v);
      return std::nullopt;
    case PropertyType::kFloat:
      if (auto v = ParseFloat(text)) return Value(*v);
      return std::nullopt;
    case PropertyType::kBool:
      if (EqualsIgnoreCase(text, "true")) return Value(true);
      if (EqualsIgnoreCase(text, "false")) return Value(false);
      return std::nullopt;
    case PropertyType::kString:
    case PropertyType::kDate:
      return Value(std::string(text));
  }
  return std::nullopt;
}

[[noreturn]] void ThrowBadField(const std::string& path, std::size_t line,
                                const std::string& column, std::string_view text,
                                PropertyType type) {
  ThrowLoad(Where(path, line) + ", column '" + column + "': cannot read '" +
            std::string(text.substr(0, 60)) + "' as " + TypeName(type) +
            "; correct the value or declare the column with another type");
}

void CheckFieldCount(const CsvReader& reader, std::size_t got, const CsvColumns& columns,
                     std::size_t key_columns) {
  std::size_t expected = columns.size() + key_columns;
  if (got == expected) return;
  std::string names = key_columns == 2 ? "start key, end key" : "";
  for (const auto& [name, type] : columns) names += (names.empty() ? "" : ", ") + name;
  ThrowLoad(Where(reader.path(), reader.line()) + ": " + std::to_string(got) + " fields, but " +
            std::to_string(expected) + " columns are declared (" + names +
            "); check the delimiter and the column list");
}

// The name of a header field: "firstName:STRING" -> "firstName".
std::string_view HeaderName(std::string_view field) {
  std::size_t colon = field.find(':');
  return colon == std::string_view::npos ? field : field.substr(0, colon);
}

// Decides whether the first record is a header (see CsvHeader::kAuto). `types` holds the type
// of every field, `names` the declared names (empty for key columns).
bool LooksLikeHeader(const std::vector<std::string_view>& fields,
                     const std::vector<PropertyType>& types,
                     const std::vector<std::string>& names) {
  if (fields.size() != types.size()) return false;
  bool all_names = true;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i].empty() && !ParseField(fields[i], types[i])) return true;
    if (names[i].empty() || !EqualsIgnoreCase(HeaderName(fields[i]), names[i])) all_names = false;
  }
  return all_names;
}

// Reads the first record and skips it when it is a header. Returns false for an empty file.
bool StartFile(CsvReader& reader, std::vector<std::string_view>& fields, CsvHeader header,
               const std::vector<PropertyType>& types, const std::vector<std::string>& names) {
  if (!reader.Next(fields)) return false;
  bool skip = header == CsvHeader::kPresent ||
              (header == CsvHeader::kAuto && LooksLikeHeader(fields, types, names));
  if (skip) return reader.Next(fields);
  return true;
}

// Appends the typed non-empty fields `first`.. of one record to `row` as (column index, value);
// the column index counts from `first`.
void ParseProperties(const CsvReader& reader, const std::vector<std::string_view>& fields,
                     std::size_t first, const CsvColumns& columns, MemoryGraph::PropertyList& row) {
  row.reserve(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::string_view text = fields[first + i];
    if (text.empty()) continue;
    std::optional<Value> value = ParseField(text, columns[i].second);
    if (!value)
      ThrowBadField(reader.path(), reader.line(), columns[i].first, text, columns[i].second);
    row.emplace_back(static_cast<Token>(i), std::move(*value));
  }
}

// Reads one end key of a relationship record into `keys`.
void ParseEndKey(const CsvReader& reader, const char* column, std::string_view text, bool integer,
                 csv_internal::EndKeys& keys) {
  if (text.empty()) {
    ThrowLoad(Where(reader.path(), reader.line()) + ", column '" + column +
              "': the key is empty; every relationship needs both node keys");
  }
  if (!integer) {
    keys.strings.emplace_back(text);
    return;
  }
  std::optional<std::int64_t> key = ParseInt(text);
  if (!key) ThrowBadField(reader.path(), reader.line(), column, text, PropertyType::kInt);
  keys.ints.push_back(*key);
}

// Writes parsed rows (csv_internal::ParsedFile), through MemoryGraph's token API when the graph
// is one (no Map per row), else through the QueryGraph interface. Names are interned when the
// writer is made, i.e. in loading order, so tokens do not depend on how files were parsed.
class RowWriter {
 public:
  RowWriter(QueryGraph& graph, const CsvColumns& columns)
      : graph_(graph), memory_(dynamic_cast<MemoryGraph*>(&graph)) {
    for (const auto& column : columns) {
      if (memory_) key_tokens_.push_back(memory_->InternPropertyKey(column.first));
      key_names_.push_back(column.first);
    }
  }
  void Reserve(std::size_t nodes, std::size_t rels) {
    if (memory_) memory_->Reserve(nodes, rels);
  }
  ElementId CreateNode(const std::string& label, MemoryGraph::PropertyList& row) {
    if (memory_) {
      if (!label_token_) label_token_ = memory_->InternLabel(label);
      Token label_token = *label_token_;
      return memory_->CreateNodeWithTokens(std::span<const Token>(&label_token, 1),
                                           TokenProperties(row));
    }
    std::string labels[1] = {label};
    return graph_.CreateNode(labels, MapProperties(row));
  }
  ElementId CreateRelationship(const std::string& type, ElementId start, ElementId end,
                               MemoryGraph::PropertyList& row) {
    if (memory_) {
      if (!type_token_) type_token_ = memory_->InternRelType(type);
      return memory_->CreateRelationshipWithTokens(*type_token_, start, end, TokenProperties(row));
    }
    return graph_.CreateRelationship(type, start, end, MapProperties(row));
  }

 private:
  // Moves the row out, its column indexes replaced by key tokens and sorted by token: a stable
  // insertion sort (rows are short, and MemoryGraph's own sort would allocate per row).
  MemoryGraph::PropertyList TokenProperties(MemoryGraph::PropertyList& row) {
    for (auto& entry : row) entry.first = key_tokens_[entry.first];
    for (std::size_t i = 1; i < row.size(); ++i) {
      for (std::size_t j = i; j > 0 && row[j].first < row[j - 1].first; --j) {
        std::swap(row[j], row[j - 1]);
      }
    }
    return std::move(row);
  }
  Map MapProperties(MemoryGraph::PropertyList& row) {
    Map map;
    for (auto& [column, value] : row) map.emplace(key_names_[column], std::move(value));
    return map;
  }

  QueryGraph& graph_;
  MemoryGraph* memory_;
  std::vector<Token> key_tokens_;
  std::vector<std::string> key_names_;
  std::optional<Token> label_token_;
  std::optional<Token> type_token_;
};

// The keys of spec.label in `keys`, created on first use; throws when earlier files of the label
// had keys of the other kind.
KeyIndex::LabelKeys& LabelKeysFor(const CsvNodeSpec& spec, std::size_t key_column, KeyIndex& keys) {
  bool integer = spec.columns[key_column].second == PropertyType::kInt;
  KeyIndex::LabelKeys& label_keys = keys.ForLabel(spec.label, integer);
  if (label_keys.integer_keys() != integer) {
    ThrowLoad("key column '" + spec.key_column + "' of " + spec.file + " is " +
              (integer ? "an integer" : "not an integer") + " column, but earlier " + spec.label +
              " files had " + (integer ? "non-integer" : "integer") +
              " keys; declare the same key type for every file of a label");
  }
  return label_keys;
}

const KeyIndex::LabelKeys& RequireLabelKeys(const KeyIndex& keys, const CsvRelSpec& spec,
                                            const std::string& label) {
  const KeyIndex::LabelKeys* found = keys.Find(label);
  if (!found) {
    ThrowLoad("cannot load " + spec.file + ": no " + label +
              " nodes with a key column have been loaded; load the " + label +
              " node file (with key_column set) first");
  }
  return *found;
}

// The node of row `row`'s key in `keys`, or nullopt.
std::optional<ElementId> FindEnd(const KeyIndex::LabelKeys& label_keys,
                                 const csv_internal::EndKeys& keys, std::size_t row) {
  return label_keys.integer_keys() ? label_keys.Find(keys.ints[row])
                                   : label_keys.Find(keys.strings[row]);
}

std::string EndKeyText(const KeyIndex::LabelKeys& label_keys, const csv_internal::EndKeys& keys,
                       std::size_t row) {
  return label_keys.integer_keys() ? std::to_string(keys.ints[row]) : keys.strings[row];
}

}  // namespace

std::size_t KeyIndex::LabelKeys::SlotOf(std::int64_t key) const {
  // splitmix64's finalizer: LDBC keys share low bits, so they need mixing.
  std::uint64_t x = static_cast<std::uint64_t>(key);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  std::size_t mask = slots_.size() - 1;
  std::size_t i = x & mask;
  while (slots_[i].node != kEmpty && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

bool KeyIndex::LabelKeys::Insert(std::int64_t key, ElementId node) {
  if ((int_count_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
    for (const Slot& slot : old) {
      if (slot.node != kEmpty) slots_[SlotOf(slot.key)] = slot;
    }
  }
  Slot& slot = slots_[SlotOf(key)];
  if (slot.node != kEmpty) return false;
  slot = Slot{key, node};
  ++int_count_;
  return true;
}

bool KeyIndex::LabelKeys::Insert(const std::string& key, ElementId node) {
  return strings_.emplace(key, node).second;
}

std::optional<ElementId> KeyIndex::LabelKeys::Find(std::int64_t key) const {
  if (slots_.empty()) return std::nullopt;
  const Slot& slot = slots_[SlotOf(key)];
  if (slot.node == kEmpty) return std::nullopt;
  return slot.node;
}

std::optional<ElementId> KeyIndex::LabelKeys::Find(const std::string& key) const {
  auto it = strings_.find(key);
  if (it == strings_.end()) return std::nullopt;
  return it->second;
}

KeyIndex::LabelKeys& KeyIndex::ForLabel(const std::string& label, bool integer_keys) {
  return labels_.try_emplace(label, integer_keys).first->second;
}

const KeyIndex::LabelKeys* KeyIndex::Find(std::string_view label) const {
  auto it = labels_.find(std::string(label));
  return it == labels_.end() ? nullptr : &it->second;
}

namespace csv_internal {

std::optional<std::size_t> NodeKeyColumn(const CsvNodeSpec& spec) {
  if (spec.columns.empty()) ThrowLoad("no columns declared for " + spec.file);
  if (spec.key_column.empty()) return std::nullopt;
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    if (spec.columns[i].first == spec.key_column) return i;
  }
  ThrowLoad("key column '" + spec.key_column + "' of " + spec.file +
            " is not among the declared columns");
}

ParsedFile ParseNodeFile(const CsvNodeSpec& spec) {
  ParsedFile parsed;
  parsed.path = spec.file;
  try {
    std::optional<std::size_t> key_column = NodeKeyColumn(spec);
    bool text_keys = key_column && spec.columns[*key_column].second != PropertyType::kInt;
    CsvReader reader(spec.file, spec.delimiter);
    std::vector<PropertyType> types;
    std::vector<std::string> names;
    for (const auto& [name, type] : spec.columns) {
      types.push_back(type);
      names.push_back(name);
    }
    std::size_t capacity = reader.CountLines();
    parsed.rows.reserve(capacity);
    parsed.lines.reserve(capacity);
    std::vector<std::string_view> fields;
    for (bool more = StartFile(reader, fields, spec.header, types, names); more;
         more = reader.Next(fields)) {
      CheckFieldCount(reader, fields.size(), spec.columns, 0);
      MemoryGraph::PropertyList row;
      ParseProperties(reader, fields, 0, spec.columns, row);
      if (key_column && fields[*key_column].empty()) {
        ThrowLoad(Where(reader.path(), reader.line()) + ", column '" + spec.key_column +
                  "': the key is empty; every " + spec.label + " node needs a key");
      }
      // Keys that are not integers are matched by their text, as relationship files write it.
      if (text_keys) parsed.key_texts.emplace_back(fields[*key_column]);
      parsed.rows.push_back(std::move(row));
      parsed.lines.push_back(reader.line());
    }
  } catch (...) {
    parsed.error = std::current_exception();
  }
  return parsed;
}

ParsedFile ParseRelFile(const CsvRelSpec& spec, bool integer_start_keys, bool integer_end_keys) {
  ParsedFile parsed;
  parsed.path = spec.file;
  try {
    CsvReader reader(spec.file, spec.delimiter);
    std::vector<PropertyType> types = {
        integer_start_keys ? PropertyType::kInt : PropertyType::kString,
        integer_end_keys ? PropertyType::kInt : PropertyType::kString};
    std::vector<std::string> names = {"", ""};
    for (const auto& [name, type] : spec.columns) {
      types.push_back(type);
      names.push_back(name);
    }
    std::size_t capacity = reader.CountLines();
    parsed.rows.reserve(capacity);
    parsed.lines.reserve(capacity);
    for (auto [integer, keys] :
         {std::pair{integer_start_keys, &parsed.start}, std::pair{integer_end_keys, &parsed.end}}) {
      if (integer) {
        keys->ints.reserve(capacity);
      } else {
        keys->strings.reserve(capacity);
      }
    }
    std::vector<std::string_view> fields;
    for (bool more = StartFile(reader, fields, spec.header, types, names); more;
         more = reader.Next(fields)) {
      CheckFieldCount(reader, fields.size(), spec.columns, 2);
      ParseEndKey(reader, "start key", fields[0], integer_start_keys, parsed.start);
      ParseEndKey(reader, "end key", fields[1], integer_end_keys, parsed.end);
      MemoryGraph::PropertyList row;
      ParseProperties(reader, fields, 2, spec.columns, row);
      parsed.rows.push_back(std::move(row));
      parsed.lines.push_back(reader.line());
    }
  } catch (...) {
    parsed.error = std::current_exception();
  }
  return parsed;
}

std::size_t InsertNodes(QueryGraph& graph, const CsvNodeSpec& spec, ParsedFile& parsed,
                        KeyIndex& keys) {
  std::optional<std::size_t> key_column = NodeKeyColumn(spec);
  KeyIndex::LabelKeys* label_keys = key_column ? &LabelKeysFor(spec, *key_column, keys) : nullptr;
  RowWriter writer(graph, spec.columns);
  writer.Reserve(parsed.rows.size(), 0);
  for (std::size_t i = 0; i < parsed.rows.size(); ++i) {
    MemoryGraph::PropertyList& row = parsed.rows[i];
    std::optional<std::int64_t> int_key;
    if (label_keys) {
      bool duplicate = false;
      std::string text;
      if (label_keys->integer_keys()) {
        // The parser left the (non-empty) key in the row, in column order.
        auto it = std::find_if(row.begin(), row.end(),
                               [&](const auto& entry) { return entry.first == *key_column; });
        int_key = it->second.as_int();
        duplicate = label_keys->Find(*int_key).has_value();
        if (duplicate) text = std::to_string(*int_key);
      } else {
        duplicate = label_keys->Find(parsed.key_texts[i]).has_value();
        text = parsed.key_texts[i];
      }
      if (duplicate) {
        ThrowLoad(Where(parsed.path, parsed.lines[i]) + ", column '" + spec.key_column +
                  "': duplicate key '" + text + "' for label " + spec.label +
                  "; keys must be unique");
      }
    }
    ElementId node = writer.CreateNode(spec.label, row);
    if (int_key) {
      label_keys->Insert(*int_key, node);
    } else if (label_keys) {
      label_keys->Insert(parsed.key_texts[i], node);
    }
  }
  if (parsed.error) std::rethrow_exception(parsed.error);
  return parsed.rows.size();
}

std::vector<ElementId> ResolveEnds(const CsvRelSpec& spec, ParsedFile& parsed,
                                   const KeyIndex::LabelKeys& from, const KeyIndex::LabelKeys& to) {
  std::vector<ElementId> ends;
  ends.reserve(parsed.rows.size() * 2);
  for (std::size_t i = 0; i < parsed.rows.size(); ++i) {
    std::optional<ElementId> start = FindEnd(from, parsed.start, i);
    std::optional<ElementId> end = start ? FindEnd(to, parsed.end, i) : std::nullopt;
    if (!start || !end) {
      const std::string& label = start ? spec.to_label : spec.from_label;
      std::string key = start ? EndKeyText(to, parsed.end, i) : EndKeyText(from, parsed.start, i);
      try {
        ThrowLoad(Where(parsed.path, parsed.lines[i]) + ", column '" +
                  (start ? "end key" : "start key") + "': no " + label + " node has the key '" +
                  key + "'; load the " + label + " nodes first or correct the key");
      } catch (...) {
        parsed.error = std::current_exception();
      }
      parsed.rows.resize(i);
      parsed.lines.resize(i);
      break;
    }
    ends.push_back(*start);
    ends.push_back(*end);
  }
  return ends;
}

std::size_t InsertRelationships(QueryGraph& graph, const CsvRelSpec& spec, ParsedFile& parsed,
                                std::span<const ElementId> ends) {
  RowWriter writer(graph, spec.columns);
  writer.Reserve(0, parsed.rows.size());
  for (std::size_t i = 0; i < parsed.rows.size(); ++i) {
    writer.CreateRelationship(spec.type, ends[2 * i], ends[2 * i + 1], parsed.rows[i]);
  }
  if (parsed.error) std::rethrow_exception(parsed.error);
  return parsed.rows.size();
}

}  // namespace csv_internal

std::size_t LoadCsvNodes(QueryGraph& graph, const CsvNodeSpec& spec, KeyIndex& keys) {
  std::optional<std::size_t> key_column = csv_internal::NodeKeyColumn(spec);
  if (key_column) LabelKeysFor(spec, *key_column, keys);  // a key kind clash fails before reading
  csv_internal::ParsedFile parsed = csv_internal::ParseNodeFile(spec);
  return csv_internal::InsertNodes(graph, spec, parsed, keys);
}

std::size_t LoadCsvRelationships(QueryGraph& graph, const CsvRelSpec& spec, const KeyIndex& keys) {
  const KeyIndex::LabelKeys& from = RequireLabelKeys(keys, spec, spec.from_label);
  const KeyIndex::LabelKeys& to = RequireLabelKeys(keys, spec, spec.to_label);
  csv_internal::ParsedFile parsed =
      csv_internal::ParseRelFile(spec, from.integer_keys(), to.integer_keys());
  std::vector<ElementId> ends = csv_internal::ResolveEnds(spec, parsed, from, to);
  return csv_internal::InsertRelationships(graph, spec, parsed, ends);
}

}  // namespace sutra::cypher
