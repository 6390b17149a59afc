#include "engine/er/er_state.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "algorithms/er/comparison.h"

namespace sutra::engine::er {
namespace {

constexpr std::string_view kModelKey = "er/model";
constexpr std::string_view kDecisionPrefix = "er/decision/";
constexpr std::string_view kReviewPrefix = "er/review/";
constexpr std::string_view kNextPersonKey = "er/next_person";

std::string Hex(storage::NodeId id) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(id));
  return text;
}

std::string PairKey(std::string_view prefix, storage::NodeId a, storage::NodeId b) {
  if (a > b) std::swap(a, b);
  return std::string(prefix) + Hex(a) + "/" + Hex(b);
}

// Parses "<16 hex>/<16 hex>" after the prefix.
bool ParsePair(std::string_view rest, storage::NodeId& a, storage::NodeId& b) {
  if (rest.size() != 33 || rest[16] != '/') return false;
  auto parse = [](std::string_view hex, storage::NodeId& out) {
    auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), out, 16);
    return ec == std::errc() && end == hex.data() + hex.size();
  };
  return parse(rest.substr(0, 16), a) && parse(rest.substr(17), b);
}

std::vector<std::string_view> SplitTabs(std::string_view text, std::size_t parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const std::size_t tab = text.find('\t');
    if (tab == std::string_view::npos) break;
    out.push_back(text.substr(0, tab));
    text.remove_prefix(tab + 1);
  }
  out.push_back(text);
  return out;
}

// Tabs and newlines in free text would break the entry's fields.
std::string OneLine(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return text;
}

Status Corrupt(std::string_view key, std::string_view what) {
  return Corruption("engine state entry '" + std::string(key) + "': " + std::string(what));
}

}  // namespace

StatusOr<std::optional<algorithms::er::FellegiSunterModel>> ReadModel(const storage::ReadTxn& txn) {
  SUTRA_ASSIGN_OR_RETURN(std::optional<std::string> text, txn.GetState(kModelKey));
  if (!text) return std::optional<algorithms::er::FellegiSunterModel>();
  auto model = algorithms::er::FellegiSunterModel::Parse(*text);
  if (!model.ok()) return Corrupt(kModelKey, model.status().message());
  // A model trained by another version compares other fields or levels: scoring today's
  // comparisons with it would be wrong, so it is refused rather than used.
  const std::vector<algorithms::er::FieldSpec> specs = algorithms::er::ErFieldSpecs();
  bool same = model->fields().size() == specs.size();
  for (std::size_t k = 0; same && k < specs.size(); ++k) {
    const auto& stored = model->fields()[k].spec;
    same = stored.name == specs[k].name && stored.level_names == specs[k].level_names &&
           stored.tf_level == specs[k].tf_level;
  }
  if (!same) {
    return FailedPrecondition(
        "the stored entity-resolution model was trained by another version of Sutra (its "
        "fields or levels differ): run a full `sutra resolve --db DIR` to retrain it");
  }
  return std::optional<algorithms::er::FellegiSunterModel>(std::move(*model));
}

Status WriteModel(storage::WriteTxn& txn, const algorithms::er::FellegiSunterModel& model) {
  return txn.PutState(kModelKey, model.Serialize());
}

StatusOr<std::vector<ReviewDecision>> ReadDecisions(const storage::ReadTxn& txn) {
  std::vector<ReviewDecision> out;
  Status bad = Status::Ok();
  SUTRA_RETURN_IF_ERROR(
      txn.ForEachState(kDecisionPrefix, [&](std::string_view key, std::string_view value) {
        ReviewDecision d;
        const auto fields = SplitTabs(value, 4);
        if (!ParsePair(key.substr(kDecisionPrefix.size()), d.a, d.b) || fields.size() != 4 ||
            (fields[0] != "same" && fields[0] != "different")) {
          bad = Corrupt(key, "not a decision");
          return false;
        }
        d.same = fields[0] == "same";
        d.by = std::string(fields[1]);
        std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), d.at);
        d.note = std::string(fields[3]);
        out.push_back(std::move(d));
        return true;
      }));
  SUTRA_RETURN_IF_ERROR(bad);
  return out;
}

Status WriteDecision(storage::WriteTxn& txn, ReviewDecision d) {
  if (d.a > d.b) std::swap(d.a, d.b);
  const std::string value = std::string(d.same ? "same" : "different") + "\t" + OneLine(d.by) +
                            "\t" + std::to_string(d.at) + "\t" + OneLine(d.note);
  SUTRA_RETURN_IF_ERROR(txn.PutState(PairKey(kDecisionPrefix, d.a, d.b), value));
  return txn.DeleteState(PairKey(kReviewPrefix, d.a, d.b)).status();
}

namespace {
StatusOr<ReviewItem> ParseReviewItem(std::string_view key, std::string_view value) {
  ReviewItem item;
  const auto fields = SplitTabs(value, 2);
  if (!ParsePair(key.substr(kReviewPrefix.size()), item.a, item.b) || fields.size() != 2) {
    return Corrupt(key, "not a review item");
  }
  auto [end, ec] =
      std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), item.probability);
  if (ec != std::errc()) return Corrupt(key, "no probability");
  item.explanation = std::string(fields[1]);
  return item;
}
}  // namespace

StatusOr<std::vector<ReviewItem>> ReadReviewQueue(const storage::ReadTxn& txn) {
  std::vector<ReviewItem> out;
  Status bad = Status::Ok();
  SUTRA_RETURN_IF_ERROR(
      txn.ForEachState(kReviewPrefix, [&](std::string_view key, std::string_view value) {
        auto item = ParseReviewItem(key, value);
        if (!item.ok()) {
          bad = item.status();
          return false;
        }
        out.push_back(std::move(*item));
        return true;
      }));
  SUTRA_RETURN_IF_ERROR(bad);
  return out;
}

Status ReplaceReviewQueue(storage::WriteTxn& txn, const std::vector<ReviewItem>& items) {
  std::vector<std::string> old;
  SUTRA_RETURN_IF_ERROR(
      txn.reader().ForEachState(kReviewPrefix, [&](std::string_view key, std::string_view) {
        old.emplace_back(key);
        return true;
      }));
  for (const std::string& key : old) SUTRA_RETURN_IF_ERROR(txn.DeleteState(key).status());
  for (const ReviewItem& item : items) {
    char probability[32];
    std::snprintf(probability, sizeof probability, "%.6f", item.probability);
    SUTRA_RETURN_IF_ERROR(
        txn.PutState(PairKey(kReviewPrefix, item.a, item.b),
                     std::string(probability) + "\t" + OneLine(item.explanation)));
  }
  return Status::Ok();
}

StatusOr<std::uint64_t> ReservePersonNumbers(storage::WriteTxn& txn, std::uint64_t count) {
  SUTRA_ASSIGN_OR_RETURN(std::optional<std::string> text, txn.reader().GetState(kNextPersonKey));
  std::uint64_t next = 1;
  if (text) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), next);
    if (ec != std::errc() || next == 0) return Corrupt(kNextPersonKey, "not a number");
  }
  if (count > 0) SUTRA_RETURN_IF_ERROR(txn.PutState(kNextPersonKey, std::to_string(next + count)));
  return next;
}

std::string PersonKey(std::uint64_t number) { return "P-" + std::to_string(number); }

}  // namespace sutra::engine::er
