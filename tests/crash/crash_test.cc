#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <random>
#include <thread>

#include "storage/graph_store.h"
#include "tests/crash/crash_workload.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace sutra::crash {
namespace {

using Clock = std::chrono::steady_clock;

pid_t StartWriter(const std::filesystem::path& dir) {
  std::string path = SUTRA_CRASH_WRITER, arg = dir.string();
  char* argv[] = {path.data(), arg.data(), nullptr};
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, path.c_str(), nullptr, nullptr, argv, environ), 0);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  return status;
}

// Runs the writer to the end and returns the database's content hash.
std::string LoadToEnd(const std::filesystem::path& dir) {
  int status = Wait(StartWriter(dir));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer status " << status;
  auto store = storage::GraphStore::Open(dir, {});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return *(*store)->BeginRead()->ContentHash();
}

int SutraCheck(const std::filesystem::path& dir) {
  std::string command = std::string(SUTRA_BIN) + " check --db '" + dir.string() + "' >/dev/null";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Each batch is wholly present or wholly absent, and present batches form a prefix (they are
// written in order). Returns the number present.
int VerifyBatches(const storage::GraphStore& store) {
  auto txn = store.BeginRead();
  EXPECT_TRUE(txn.ok());
  int present = 0;
  for (int batch = 0; batch < kBatches; ++batch) {
    int rows = 0;
    for (int row = 0; row < kRows; ++row) {
      rows += txn->FindNode(storage::NodeType::kPhone, RowKey(batch, row))->has_value();
    }
    EXPECT_TRUE(rows == 0 || rows == kRows) << "batch " << batch << " holds " << rows << " rows";
    if (rows == kRows) {
      EXPECT_EQ(present, batch) << "batch " << batch << " present after a missing one";
      ++present;
    }
  }
  return present;
}

TEST(CrashSafety, FiftyKillsNeverLeaveAHalfWrittenBatch) {
  testing::TempDir tmp;
  const auto start = Clock::now();
  const std::string reference = LoadToEnd(tmp.path() / "reference");
  const auto full_run = Clock::now() - start;
  ASSERT_GT(full_run, std::chrono::milliseconds(20)) << "the workload is too small to kill";

  std::mt19937 rng(2026);
  int kills = 0, rounds = 0;
  while (kills < 50) {
    const auto dir = tmp.path() / ("round" + std::to_string(++rounds));
    int present = 0;  // batches already loaded, so kill times spread over what is left to do
    for (int attempt = 0; attempt < 6 && kills < 50; ++attempt) {
      pid_t pid = StartWriter(dir);
      const double left = std::max(0.15, 1.0 - static_cast<double>(present) / kBatches);
      const auto delay = std::chrono::duration_cast<std::chrono::microseconds>(full_run) *
                         (left * std::uniform_real_distribution<double>(0.05, 0.95)(rng));
      std::this_thread::sleep_for(delay);
      kill(pid, SIGKILL);
      int status = Wait(pid);
      if (!WIFSIGNALED(status)) continue;  // finished before the kill: not counted
      ++kills;
      auto store = storage::GraphStore::Open(dir, {});
      if (!store.ok() && store.status().code() == StatusCode::kNotFound) continue;  // never began
      ASSERT_TRUE(store.ok()) << "kill " << kills << ": " << store.status().ToString();
      present = VerifyBatches(**store);
      store->reset();
      ASSERT_EQ(SutraCheck(dir), 0)
          << "kill " << kills << ": `sutra check` found problems in " << dir;
    }
    EXPECT_EQ(LoadToEnd(dir), reference)
        << "resumed load of round " << rounds << " differs from an uninterrupted load";
    auto store = storage::GraphStore::Open(dir, {});
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(VerifyBatches(**store), kBatches);
  }
  std::cout << kills << " kills over " << rounds << " rounds (an uninterrupted load takes "
            << std::chrono::duration_cast<std::chrono::milliseconds>(full_run).count()
            << " ms); every database opened, checked clean, and resumed to the reference "
            << "content\n";
}

}  // namespace
}  // namespace sutra::crash
