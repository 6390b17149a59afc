// ViewerWindow: the GLFW window, its OpenGL 3 context and Dear ImGui's GLFW/OpenGL3 backends,
// plus capturing a rendered frame to a PNG file.
//
// Owns, and releases in reverse order on destruction: GLFW itself, the window, the ImGui
// context and both backends. Only one ViewerWindow may exist at a time (GLFW and ImGui's
// backends are process-wide).
//
// Frame protocol: PollEvents(), BeginFrame(), build the UI with ImGui calls, EndFrame(). A
// capture reads the back buffer with glReadPixels after rendering and before the buffers are
// swapped, so it holds exactly the frame that was drawn (under Xvfb too).
//
// Thread safety: GLFW requires the main thread; use a ViewerWindow only from there.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "storage/status.h"
#include "viewer/chart_draw.h"

struct GLFWwindow;

namespace sutra::viewer {

struct WindowOptions {
  int width = 1280;
  int height = 800;
  std::string title = "Sutra viewer";
  // A headless capture needs a framebuffer of exactly width x height: the window is not
  // resizable then.
  bool resizable = true;
  bool vsync = true;
};

class ViewerWindow {
 private:
  struct PassKey {
    explicit PassKey() = default;
  };

 public:
  // Use Open(); the key keeps construction private while allowing std::make_unique.
  explicit ViewerWindow(PassKey) {}
  // Opens the window and sets up ImGui (dark style, the DejaVu Sans font when installed, no
  // imgui.ini). Unavailable when no display can be opened, with a message saying to set
  // DISPLAY or run under xvfb-run; Internal when OpenGL 3.3 or ImGui cannot be initialised.
  static StatusOr<std::unique_ptr<ViewerWindow>> Open(const WindowOptions& options);
  ~ViewerWindow();
  ViewerWindow(const ViewerWindow&) = delete;
  ViewerWindow& operator=(const ViewerWindow&) = delete;

  bool ShouldClose() const;
  // Processes window events; waits up to `wait_seconds` for one when positive, so an idle
  // viewer does not spin the CPU.
  void PollEvents(double wait_seconds);
  void BeginFrame();
  // Renders the frame built since BeginFrame(). When `capture` is not empty, writes the frame
  // to that PNG file (RGB, top row first) before presenting it; IoError when it cannot.
  Status EndFrame(const std::filesystem::path& capture = {});

  const ChartFonts& fonts() const { return fonts_; }
  int framebuffer_width() const;
  int framebuffer_height() const;

 private:
  Status Init(const WindowOptions& options);
  void LoadFonts();

  GLFWwindow* window_ = nullptr;  // owned; destroyed in ~ViewerWindow
  bool glfw_ready_ = false;
  bool imgui_ready_ = false;
  bool glfw_backend_ready_ = false;
  bool gl_backend_ready_ = false;
  ChartFonts fonts_;
};

// Reads the current read buffer (width x height from the bottom-left corner) and writes it as
// an RGB PNG, flipped so the file's first row is the top of the screen.
Status CaptureFramebufferPng(const std::filesystem::path& path, int width, int height);

}  // namespace sutra::viewer
