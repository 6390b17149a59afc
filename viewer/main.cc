// sutra-viewer: the Sutra investigation viewer (Dear ImGui + GLFW + OpenGL 3).
//
//   sutra-viewer --connect HOST:PORT
//       opens the viewer on a running `sutra serve`; the user signs in and states a purpose and
//       a case before the first search.
//   sutra-viewer --connect HOST:PORT --script FILE --screenshot OUT.png [--width W --height H]
//       runs the script (script.h: it logs in with `login USER`, the password from
//       SUTRA_PASSWORD, and states `purpose` and `case`), renders one frame fitted to the
//       window, writes it to OUT.png and exits: how tests and `./sutra.sh demo` look at the
//       viewer (under xvfb-run).
//
// main() is the composition root: it wires the RPC client, the Session, the window and the UI,
// in that order, so that a bad script or an unreachable server is reported before any window
// opens. Exit codes: 0 done; 1 the script, the server, the display or the PNG failed (the
// message says which); CLI11's own codes for bad command-line arguments.
#include <imgui.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "rpc/client.h"
#include "viewer/panels.h"
#include "viewer/script.h"
#include "viewer/session.h"
#include "viewer/window.h"

namespace sutra::viewer {
namespace {

// Layout steps per frame in the interactive viewer: enough to settle a chart of a hundred
// nodes in a second or two, few enough to keep frames smooth on software rendering.
constexpr int kLayoutStepsPerFrame = 4;
// Frames rendered before a headless capture: ImGui settles window sizes over the first frames.
constexpr int kHeadlessFrames = 3;

struct Options {
  std::string address;
  std::string script;
  std::string screenshot;
  int width = 1280;
  int height = 800;
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  return 1;
}

int CaptureOnce(ViewerWindow& window, ViewerUi& ui, Session& session, const Options& options) {
  if (window.framebuffer_width() != options.width ||
      window.framebuffer_height() != options.height) {
    return Fail("sutra-viewer: asked for a " + std::to_string(options.width) + "x" +
                std::to_string(options.height) + " frame but the display gave " +
                std::to_string(window.framebuffer_width()) + "x" +
                std::to_string(window.framebuffer_height()) +
                "; use a smaller size or a larger Xvfb screen (xvfb-run -s '-screen 0 WxHx24')");
  }
  // A headless frame must not depend on where the X pointer happens to be.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouse;
  ui.chart_view().set_follow(false);
  for (int frame = 0; frame < kHeadlessFrames; ++frame) {
    window.PollEvents(0);
    window.BeginFrame();
    ui.chart_view().RequestFit();
    ui.Frame();
    bool last = frame + 1 == kHeadlessFrames;
    Status status =
        window.EndFrame(last ? std::filesystem::path(options.screenshot) : std::filesystem::path());
    if (!status.ok()) return Fail("sutra-viewer: " + status.message());
  }
  std::printf("wrote %s (%dx%d, %zu nodes, %zu edges on the chart)\n", options.screenshot.c_str(),
              options.width, options.height, session.chart().nodes().size(),
              session.chart().edges().size());
  return 0;
}

// "sutra-chart-20250131-142501.png" in the working directory.
std::filesystem::path ExportPath() {
  std::time_t now = std::time(nullptr);
  char stamp[32] = {};
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  return std::filesystem::path(std::string("sutra-chart-") + stamp + ".png");
}

int Interactive(ViewerWindow& window, ViewerUi& ui, Session& session) {
  while (!window.ShouldClose()) {
    // While the layout runs, draw continuously; when the chart is still, sleep until an event
    // (or a short timeout, so ImGui's hover effects still settle).
    window.PollEvents(session.layout().converged() ? 0.05 : 0.0);
    session.layout().Step(session.chart(), kLayoutStepsPerFrame);
    std::filesystem::path capture = ui.TakeExportRequest() ? ExportPath() : std::filesystem::path();
    window.BeginFrame();
    ui.Frame();
    Status status = window.EndFrame(capture);
    if (!status.ok()) {
      ui.SetMessage(status.ToString(), true);
    } else if (!capture.empty()) {
      ui.SetMessage("saved " + std::filesystem::absolute(capture).string(), false);
    }
  }
  return 0;
}

int Run(const Options& options) {
  std::optional<Script> script;
  if (!options.script.empty()) {
    auto loaded = LoadScript(options.script);
    if (!loaded.ok()) return Fail(loaded.status().message());
    script = std::move(loaded).value();
  }

  auto client = rpc::Client::Connect(options.address);
  Status reached = client.ok() ? Status::Ok() : client.status();
  std::unique_ptr<Session> session;
  if (reached.ok()) {
    session = std::make_unique<Session>(**client, options.address);
    reached = session->RefreshStats();  // Connect may succeed lazily: this call proves it
  }
  if (!reached.ok()) {
    return Fail("sutra-viewer: cannot reach the Sutra server at " + options.address + ": " +
                reached.message() + "\n  (start one with `sutra serve --db DIR --listen " +
                options.address + "`)");
  }

  if (script) {
    if (Status status = RunScript(*script, *session); !status.ok()) return Fail(status.message());
  }

  const bool headless = !options.screenshot.empty();
  WindowOptions window_options;
  window_options.width = options.width;
  window_options.height = options.height;
  window_options.title = "Sutra viewer - " + options.address;
  window_options.resizable = !headless;
  window_options.vsync = !headless;
  auto window = ViewerWindow::Open(window_options);
  if (!window.ok()) return Fail("sutra-viewer: " + window.status().message());

  ViewerUi ui(*session, (*window)->fonts());
  if (headless) return CaptureOnce(**window, ui, *session, options);
  return Interactive(**window, ui, *session);
}

}  // namespace
}  // namespace sutra::viewer

int main(int argc, char** argv) {
  sutra::viewer::Options options;
  CLI::App app{
      "sutra-viewer: search, expand and inspect the Sutra crime graph as a link chart.\n"
      "With --script and --screenshot it runs the script, writes one frame as a PNG and exits."};
  app.add_option("--connect", options.address, "HOST:PORT of a running `sutra serve`")->required();
  app.add_option("--script", options.script,
                 "chart actions to run first, one per line: search TEXT | expand TARGET | "
                 "layout N | select TARGET (TARGET: FIRST, a node id or a label)");
  app.add_option("--screenshot", options.screenshot,
                 "render one frame to this PNG file and exit (use under xvfb-run when headless)");
  app.add_option("--width", options.width, "window width in pixels")->check(CLI::Range(320, 8192));
  app.add_option("--height", options.height, "window height in pixels")
      ->check(CLI::Range(240, 8192));
  CLI11_PARSE(app, argc, argv);
  return sutra::viewer::Run(options);
}
