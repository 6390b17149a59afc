// crash_writer DIR: loads the crash workload (crash_workload.h) into DIR, skipping batches
// already present, so running it again after a kill resumes the load.
#include <iostream>

#include "storage/graph_store.h"
#include "tests/crash/crash_workload.h"

namespace sutra::crash {
namespace {

using storage::EdgeType;
using storage::NodeType;

Status WriteBatch(storage::WriteTxn& w, int batch) {
  SUTRA_ASSIGN_OR_RETURN(std::uint64_t load, w.NewBatch("crash batch " + std::to_string(batch)));
  std::vector<storage::NodeId> ids;
  for (int row = 0; row < kRows; ++row) {
    const std::string key = RowKey(batch, row);
    SUTRA_ASSIGN_OR_RETURN(
        auto node,
        w.UpsertNode(NodeType::kPhone, key,
                     {{"number", key}, {"row", std::int64_t{row}}, {"pad", std::string(64, 'x')}}));
    SUTRA_RETURN_IF_ERROR(w.AddTerm("phone:" + key, node.id));
    ids.push_back(node.id);
  }
  const storage::Provenance prov{"F" + std::to_string(batch), "S", load};
  for (int row = 0; row < kRows; ++row) {
    SUTRA_RETURN_IF_ERROR(w.UpsertEdge(EdgeType::kCalled, ids[row], ids[(row + 1) % kRows],
                                       {{"duration_s", std::int64_t{row}}}, prov)
                              .status());
  }
  if (batch > 0) {
    SUTRA_ASSIGN_OR_RETURN(auto older, w.reader().FindNode(NodeType::kPhone, RowKey(batch - 1, 0)));
    if (!older) return Internal("batch " + std::to_string(batch - 1) + " is missing");
    SUTRA_RETURN_IF_ERROR(w.UpsertEdge(EdgeType::kCalled, ids[0], *older, {}, prov).status());
  }
  return Status::Ok();
}

int Run(const char* dir) {
  auto store = storage::GraphStore::Open(
      dir, {.create_if_missing = true, .initial_map_size = std::size_t{4} << 20});
  if (!store.ok()) {
    std::cerr << "crash_writer: " << store.status().ToString() << "\n";
    return 1;
  }
  for (int batch = 0; batch < kBatches; ++batch) {
    Status s = (*store)->Update([&](storage::WriteTxn& w) -> Status {
      SUTRA_ASSIGN_OR_RETURN(auto done, w.reader().FindNode(NodeType::kPhone, RowKey(batch, 0)));
      return done ? Status::Ok() : WriteBatch(w, batch);
    });
    if (!s.ok()) {
      std::cerr << "crash_writer: batch " << batch << ": " << s.ToString() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace sutra::crash

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: crash_writer DIR\n";
    return 2;
  }
  return sutra::crash::Run(argv[1]);
}
