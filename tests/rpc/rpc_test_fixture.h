// Shared by the RPC end-to-end tests: datasets/sample loaded into a fresh database, an Engine over
// it, Sutra accounts made with the UserDirectory, and a server on a loopback port chosen by the
// kernel, all in this process.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/engine.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/users.h"
#include "ingest/loader.h"
#include "rpc/client.h"
#include "rpc/server.h"
#include "storage/graph_store.h"

namespace sutra::rpc::testing {

namespace policy = engine::policy;

// The accounts every test may log in as (password kPassword for all).
inline constexpr char kPassword[] = "chain-snatching-2024";
inline constexpr char kStationUser[] = "asha.patil";   // investigator, station MH-PUN-0012
inline constexpr char kNationalUser[] = "ravi.kumar";  // investigator, national
inline constexpr char kAuditorUser[] = "meera.rao";    // auditor, national
inline constexpr char kCaseRef[] = "0087/2021";        // an FIR of MH-PUN-0012
inline constexpr char kPurpose[] = "investigation of the job racket, FIR 0087/2021";

// A directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("sutra-rpc-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct SampleDatabase {
  TempDir dir;
  ingest::LoadReport report;
  std::unique_ptr<engine::Engine> engine;
};

inline StatusOr<std::unique_ptr<SampleDatabase>> BuildSampleDatabase() {
  auto db = std::make_unique<SampleDatabase>();
  {
    // The loading store is closed before the Engine opens the same directory: LMDB allows one
    // environment per database per process.
    storage::StoreOptions options;
    options.create_if_missing = true;
    SUTRA_ASSIGN_OR_RETURN(auto store, storage::GraphStore::Open(db->dir.path(), options));
    SUTRA_ASSIGN_OR_RETURN(db->report, ingest::LoadCsvBundle(*store, SUTRA_SAMPLE_DIR, {}));
  }
  SUTRA_ASSIGN_OR_RETURN(db->engine, engine::Engine::Open(db->dir.path()));
  policy::AuditLog audit(db->engine->store());
  policy::UserDirectory users(db->engine->store(), audit, policy::SystemClock(),
                              policy::PasswordCost::kMinimal);
  const policy::Principal operator_principal{
      "test-operator", policy::Role::kOperator, {policy::JurisdictionLevel::kNational, ""}, "test"};
  SUTRA_RETURN_IF_ERROR(users.Add(operator_principal, kStationUser, policy::Role::kInvestigator,
                                  {policy::JurisdictionLevel::kStation, "MH-PUN-0012"}, kPassword));
  SUTRA_RETURN_IF_ERROR(users.Add(operator_principal, kNationalUser, policy::Role::kInvestigator,
                                  {policy::JurisdictionLevel::kNational, ""}, kPassword));
  SUTRA_RETURN_IF_ERROR(users.Add(operator_principal, kAuditorUser, policy::Role::kAuditor,
                                  {policy::JurisdictionLevel::kNational, ""}, kPassword));
  SUTRA_RETURN_IF_ERROR(audit.Sync());
  return db;
}

// The database is built once per test program; each test gets its own server and client.
class RpcTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = BuildSampleDatabase();
    if (db.ok()) {
      db_ = std::move(db).value();
    } else {
      db_error_ = db.status().ToString();
    }
  }
  static void TearDownTestSuite() { db_.reset(); }

  void SetUp() override {
    ASSERT_NE(db_, nullptr) << "building the sample database failed: " << db_error_;
    StartServer({});
  }

  void StartServer(ServerOptions options) {
    client_.reset();
    server_.reset();
    auto server = Server::Start(engine(), "127.0.0.1:0", std::move(options));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_NE(server_->port(), 0);
    auto client = Client::Connect(address());
    ASSERT_TRUE(client.ok()) << client.status().ToString();
    client_ = std::move(client).value();
  }

  // Logs in as `user` and investigates kPurpose / kCaseRef; fails the test on any error.
  std::unique_ptr<Investigation> Investigate(Client& client, const std::string& user,
                                             std::unique_ptr<Session>& session) {
    auto login = client.Login(user, kPassword);
    EXPECT_TRUE(login.ok()) << login.status().ToString();
    if (!login.ok()) return nullptr;
    session = std::move(login).value();
    auto investigation = session->Investigate({kPurpose, kCaseRef, {}, ""});
    EXPECT_TRUE(investigation.ok()) << investigation.status().ToString();
    if (!investigation.ok()) return nullptr;
    return std::move(investigation).value();
  }

  static engine::Engine& engine() { return *db_->engine; }
  std::string address() const { return "127.0.0.1:" + std::to_string(server_->port()); }

  static inline std::unique_ptr<SampleDatabase> db_;
  static inline std::string db_error_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<Client> client_;
};

}  // namespace sutra::rpc::testing
