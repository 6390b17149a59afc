// What entity resolution keeps in the database beside the graph (storage's state entries):
//
//   er/model                  the trained Fellegi–Sunter model (FellegiSunterModel::Serialize),
//                             so that incremental matching and search score as the last full
//                             run did
//   er/decision/A/B           a reviewer's decision on records A < B (hex node ids):
//                             "same|different <TAB> by <TAB> unix time <TAB> note"
//   er/review/A/B             a pair awaiting review: "probability <TAB> explanation line"
//   er/next_person            the number of the next Person's key ("P-<n>")
//
// Decisions are never removed by a run: they are the reviewers' record, and win over the model
// in every later run. The review queue is replaced by each full run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/er/fellegi_sunter.h"
#include "storage/graph_store.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::engine::er {

struct ReviewDecision {
  storage::NodeId a = 0, b = 0;  // a < b
  bool same = false;
  std::string by;
  std::int64_t at = 0;  // unix seconds
  std::string note;
};

struct ReviewItem {
  storage::NodeId a = 0, b = 0;  // a < b
  double probability = 0;
  std::string explanation;
};

StatusOr<std::optional<algorithms::er::FellegiSunterModel>> ReadModel(const storage::ReadTxn& txn);
Status WriteModel(storage::WriteTxn& txn, const algorithms::er::FellegiSunterModel& model);

// In key order (by a, then b).
StatusOr<std::vector<ReviewDecision>> ReadDecisions(const storage::ReadTxn& txn);
// Records (or replaces) the decision on its pair and takes the pair off the review queue.
Status WriteDecision(storage::WriteTxn& txn, ReviewDecision decision);

// In key order.
StatusOr<std::vector<ReviewItem>> ReadReviewQueue(const storage::ReadTxn& txn);
// Replaces the whole queue.
Status ReplaceReviewQueue(storage::WriteTxn& txn, const std::vector<ReviewItem>& items);

// Reserves `count` Person numbers and returns the first; PersonKey(n) is the key of number n
// ("P-1", "P-2", ...). Numbers are never handed out twice.
StatusOr<std::uint64_t> ReservePersonNumbers(storage::WriteTxn& txn, std::uint64_t count);
std::string PersonKey(std::uint64_t number);

}  // namespace sutra::engine::er
