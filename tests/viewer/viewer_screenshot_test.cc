// Viewer end to end: datasets/sample loaded into a fresh database, an Engine and the RPC server
// in this process, and the real sutra-viewer run headless under xvfb-run against the server.
//
// What is checked is what a person would see: the viewer exits cleanly, the PNG has the asked
// size, it is not blank, and nodes of the types the script put on the chart are on it, in their
// palette colours (viewer/palette.h: only chart nodes use the exact palette colours). Failures
// the user must be told about — a bad script line, an unreachable server, a wrong password — are
// checked by their exit code and message. The scripts log in as accounts this test creates
// (password in SUTRA_PASSWORD, which the viewer inherits). Needs xvfb-run and xauth; skipped
// with a message where they are absent.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <stb_image.h>  // implemented in Debian's libstb
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "engine/policy/audit_log.h"
#include "engine/policy/users.h"
#include "ingest/loader.h"
#include "rpc/server.h"
#include "storage/graph_store.h"
#include "viewer/palette.h"

extern char** environ;

namespace sutra::viewer {
namespace {

namespace fs = std::filesystem;

// From datasets/sample/TRUTH.md ("Gang G1"): Raju Shinde's own phone, on three of his records.
// Expanding it brings his records; expanding the first record brings its FIR and address.
constexpr const char* kChartScript =
    "# written by viewer_screenshot_test\n"
    "login pune.investigator\n"
    "purpose investigation of the Pune chain snatchings\n"
    "case 0145/2022\n"
    "search +919823147602\n"
    "expand FIRST\n"
    "expand Rajendra Bhimrao Shinde\n"
    "expand 0145/2022\n"
    "layout 400\n"
    "select Rajendra Bhimrao Shinde\n";

// The accounts the scripts log in as, and their (shared) password.
constexpr char kPassword[] = "viewer-test-password-1";
constexpr char kDistrictUser[] = "pune.investigator";  // district:Pune (as the demo script)
constexpr char kStationUser[] = "asha.patil";          // station:MH-PUN-0012
// The login lines of a script for `user`, with purpose and case.
std::string LoginLines(const std::string& user) {
  return "login " + user + "\npurpose viewer test of FIR 0145/2022\ncase 0145/2022\n";
}

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("sutra-viewer-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

struct RunResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string output;  // stdout and stderr, interleaved
};

// The environment for a child: this process's, except that a child that opens a window gets
// $SUTRA_VIEWER_LSAN_OPTIONS as its LSAN_OPTIONS when that is set (see CMakeLists.txt: the GL
// stack's leaks at exit cannot be suppressed by name). Runs that fail before any window opens
// keep this process's leak checking.
std::vector<std::string> ChildEnvironment(bool opens_window) {
  std::vector<std::string> env;
  const char* lsan = opens_window ? std::getenv("SUTRA_VIEWER_LSAN_OPTIONS") : nullptr;
  for (char** e = environ; *e != nullptr; ++e) {
    if (lsan != nullptr && std::string_view(*e).starts_with("LSAN_OPTIONS=")) continue;
    env.emplace_back(*e);
  }
  if (lsan != nullptr) env.push_back(std::string("LSAN_OPTIONS=") + lsan);
  return env;
}

// Runs `argv` (argv[0] looked up on PATH) with stdout and stderr captured into `log`.
RunResult RunProgram(const std::vector<std::string>& argv, const fs::path& log,
                     bool opens_window = false) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = ChildEnvironment(opens_window);
  std::vector<char*> env;
  for (std::string& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  RunResult result;
  int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    result.output = "cannot start " + argv[0];
    return result;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  std::ifstream in(log);
  std::ostringstream text;
  text << in.rdbuf();
  result.output = text.str();
  return result;
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;

  std::size_t CountNear(Rgb c, int tolerance) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) {
      if (std::abs(rgb[i] - c.r) <= tolerance && std::abs(rgb[i + 1] - c.g) <= tolerance &&
          std::abs(rgb[i + 2] - c.b) <= tolerance) {
        ++n;
      }
    }
    return n;
  }
  std::size_t DistinctColours() const {
    std::set<std::uint32_t> seen;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) {
      seen.insert(rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]);
    }
    return seen.size();
  }
};

std::optional<Image> LoadPng(const fs::path& path) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  if (data == nullptr) return std::nullopt;
  image.rgb.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
  stbi_image_free(data);
  return image;
}

// The sample database and a server on a kernel-chosen loopback port, shared by every test.
class ViewerScreenshotTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_dir_ = std::make_unique<TempDir>();
    {
      // The loading store is closed before the Engine opens the same directory (one LMDB
      // environment per database per process).
      storage::StoreOptions options;
      options.create_if_missing = true;
      auto store = storage::GraphStore::Open(db_dir_->path(), options);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      auto report = ingest::LoadCsvBundle(**store, SUTRA_SAMPLE_DIR, {});
      ASSERT_TRUE(report.ok()) << report.status().ToString();
    }
    auto engine = engine::Engine::Open(db_dir_->path());
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
    {
      namespace policy = engine::policy;
      policy::AuditLog audit(engine_->store());
      policy::UserDirectory users(engine_->store(), audit, policy::SystemClock(),
                                  policy::PasswordCost::kMinimal);
      const policy::Principal operator_principal{"test-operator",
                                                 policy::Role::kOperator,
                                                 {policy::JurisdictionLevel::kNational, ""},
                                                 "test"};
      Status added = users.Add(operator_principal, kDistrictUser, policy::Role::kInvestigator,
                               {policy::JurisdictionLevel::kDistrict, "Pune"}, kPassword);
      ASSERT_TRUE(added.ok()) << added.ToString();
      added = users.Add(operator_principal, kStationUser, policy::Role::kInvestigator,
                        {policy::JurisdictionLevel::kStation, "MH-PUN-0012"}, kPassword);
      ASSERT_TRUE(added.ok()) << added.ToString();
    }
    // Scripts log in without writing the password down; the viewer processes inherit it.
    ::setenv("SUTRA_PASSWORD", kPassword, 1);
    auto server = rpc::Server::Start(*engine_, "127.0.0.1:0");
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }
  static void TearDownTestSuite() {
    server_.reset();
    engine_.reset();
    db_dir_.reset();
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr) << "the sample database or the server could not be set up";
  }

  static std::string Address() { return "127.0.0.1:" + std::to_string(server_->port()); }

  fs::path WriteScript(const std::string& name, const std::string& text) {
    fs::path path = work_.path() / name;
    std::ofstream(path) << text;
    return path;
  }

  // Runs the viewer headless under xvfb-run, writing a width x height PNG to `png`.
  RunResult Screenshot(const fs::path& script, const fs::path& png, int width, int height) {
    return RunProgram(
        {"xvfb-run", "-a", "-s", "-screen 0 1600x1200x24", SUTRA_VIEWER_BIN, "--connect", Address(),
         "--script", script.string(), "--screenshot", png.string(), "--width",
         std::to_string(width), "--height", std::to_string(height)},
        work_.path() / "viewer.log", /*opens_window=*/true);
  }

  static bool HaveXvfb() { return OnPath("xvfb-run") && OnPath("xauth"); }

  // Keeps a copy of a screenshot beside the test binary, for people and CI artifacts.
  static void KeepArtifact(const fs::path& png, const std::string& name) {
    std::error_code ignored;
    fs::copy_file(png, fs::path(SUTRA_VIEWER_ARTIFACT_DIR) / name,
                  fs::copy_options::overwrite_existing, ignored);
  }

  TempDir work_;
  static inline std::unique_ptr<TempDir> db_dir_;
  static inline std::unique_ptr<engine::Engine> engine_;
  static inline std::unique_ptr<rpc::Server> server_;
};

void ExpectLooksLikeAChart(const Image& image) {
  const std::size_t pixels = static_cast<std::size_t>(image.width) * image.height;
  // Not blank: text, shapes and panels give thousands of colours (anti-aliasing included).
  EXPECT_GT(image.DistinctColours(), 200u);
  std::size_t background = image.CountNear(kChartBackground, 0);
  EXPECT_LT(background, pixels * 9 / 10) << "almost everything is the chart background";
  EXPECT_GT(pixels - background, pixels / 10);
  // Chart nodes of each type the script put on the chart, in their exact palette colour; the
  // threshold is a few node interiors' worth, far above stray anti-aliased pixels.
  for (storage::NodeType type :
       {storage::NodeType::kCase, storage::NodeType::kPersonRecord, storage::NodeType::kPhone}) {
    EXPECT_GE(image.CountNear(NodeColor(type), 1), 60u)
        << "no " << storage::NodeTypeName(type) << " node in its palette colour";
  }
}

TEST_F(ViewerScreenshotTest, ScriptedScreenshotShowsTheLinkChart) {
  if (!HaveXvfb())
    GTEST_SKIP() << "xvfb-run or xauth is not installed (apt-get install xvfb xauth)";
  fs::path script = WriteScript("chart.viewer", kChartScript);
  fs::path png = work_.path() / "chart.png";
  RunResult run = Screenshot(script, png, 800, 600);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto image = LoadPng(png);
  ASSERT_TRUE(image.has_value()) << "no readable PNG at " << png << "\n" << run.output;
  KeepArtifact(png, "viewer_screenshot.png");
  EXPECT_EQ(image->width, 800);
  EXPECT_EQ(image->height, 600);
  ExpectLooksLikeAChart(*image);

  // The same script gives the same picture: the layout is seeded, not random.
  fs::path again = work_.path() / "again.png";
  RunResult rerun = Screenshot(script, again, 800, 600);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  auto second = LoadPng(again);
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(second->rgb == image->rgb) << "two runs of one script drew different pictures";
}

TEST_F(ViewerScreenshotTest, DemoScriptRunsAgainstTheSample) {
  if (!HaveXvfb())
    GTEST_SKIP() << "xvfb-run or xauth is not installed (apt-get install xvfb xauth)";
  fs::path png = work_.path() / "demo.png";
  RunResult run = Screenshot(SUTRA_VIEWER_DEMO_SCRIPT, png, 1280, 800);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto image = LoadPng(png);
  ASSERT_TRUE(image.has_value()) << run.output;
  KeepArtifact(png, "viewer_demo.png");
  EXPECT_EQ(image->width, 1280);
  EXPECT_EQ(image->height, 800);
  ExpectLooksLikeAChart(*image);
}

// A station investigator searching a person held at another station gets a hit: drawn in the
// hit-only grey with the holding station, never in the person colour, with no name.
TEST_F(ViewerScreenshotTest, APersonHeldAtAnotherStationIsDrawnAsAHit) {
  if (!HaveXvfb())
    GTEST_SKIP() << "xvfb-run or xauth is not installed (apt-get install xvfb xauth)";
  fs::path script = WriteScript("hit.viewer", LoginLines(kStationUser) +
                                                  "search Shobha Arun Kadam\nlayout 50\n"
                                                  "select held at MH-PUN-0027\n");
  fs::path png = work_.path() / "hit.png";
  RunResult run = Screenshot(script, png, 800, 600);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto image = LoadPng(png);
  ASSERT_TRUE(image.has_value()) << run.output;
  KeepArtifact(png, "viewer_hit_only.png");
  EXPECT_GE(image->CountNear(kHitOnly, 1), 60u) << "no node in the hit-only grey";
  EXPECT_LT(image->CountNear(NodeColor(storage::NodeType::kPersonRecord), 1), 20u)
      << "a hit must not be drawn as a person record";
  // Expanding the hit is refused by the access policy, naming the rule.
  fs::path expand = WriteScript(
      "expand.viewer", LoginLines(kStationUser) + "search Shobha Arun Kadam\nexpand FIRST\n");
  RunResult refused =
      RunProgram({SUTRA_VIEWER_BIN, "--connect", Address(), "--script", expand.string(),
                  "--screenshot", (work_.path() / "x.png").string()},
                 work_.path() / "refused.log");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find(expand.string() + ":5: "), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("outside your jurisdiction"), std::string::npos) << refused.output;
}

TEST_F(ViewerScreenshotTest, AWrongPasswordIsRefusedNamingTheLine) {
  fs::path script =
      WriteScript("wrong.viewer", "login asha.patil not-the-password-9\nsearch 0145/2022\n");
  RunResult run = RunProgram({SUTRA_VIEWER_BIN, "--connect", Address(), "--script", script.string(),
                              "--screenshot", (work_.path() / "x.png").string()},
                             work_.path() / "wrong.log");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find(script.string() + ":1: "), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(work_.path() / "x.png"));
}

TEST_F(ViewerScreenshotTest, ReadingWithoutLoggingInIsRefused) {
  fs::path script = WriteScript("anon.viewer", "search +919823147602\n");
  RunResult run = RunProgram({SUTRA_VIEWER_BIN, "--connect", Address(), "--script", script.string(),
                              "--screenshot", (work_.path() / "x.png").string()},
                             work_.path() / "anon.log");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find(script.string() + ":1: log in first"), std::string::npos) << run.output;
}

// Script and server errors are found before any window opens: no display is needed.
TEST_F(ViewerScreenshotTest, BadScriptLineNamesFileAndLine) {
  fs::path script = WriteScript("bad.viewer", "search +919823147602\n\nzoom 3\n");  // parse error
  RunResult run = RunProgram({SUTRA_VIEWER_BIN, "--connect", Address(), "--script", script.string(),
                              "--screenshot", (work_.path() / "x.png").string()},
                             work_.path() / "bad.log");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find(script.string() + ":3: unknown command 'zoom'"), std::string::npos)
      << run.output;
  EXPECT_FALSE(fs::exists(work_.path() / "x.png"));
}

TEST_F(ViewerScreenshotTest, ScriptActionThatFailsNamesFileAndLine) {
  fs::path script = WriteScript(
      "missing.viewer", LoginLines(kDistrictUser) + "search +919823147602\nselect Nobody Here\n");
  RunResult run = RunProgram({SUTRA_VIEWER_BIN, "--connect", Address(), "--script", script.string(),
                              "--screenshot", (work_.path() / "x.png").string()},
                             work_.path() / "missing.log");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find(script.string() + ":5: no node labelled 'Nobody Here' on the chart"),
            std::string::npos)
      << run.output;
}

TEST_F(ViewerScreenshotTest, UnreachableServerIsReportedClearly) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  fs::path script = WriteScript("ok.viewer", "search +919823147602\n");
  RunResult run = RunProgram({SUTRA_VIEWER_BIN, "--connect", "127.0.0.1:1", "--script",
                              script.string(), "--screenshot", (work_.path() / "x.png").string()},
                             work_.path() / "unreachable.log");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("cannot reach the Sutra server at 127.0.0.1:1"), std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace sutra::viewer
