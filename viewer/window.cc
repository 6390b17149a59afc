#include "viewer/window.h"

#include <GLFW/glfw3.h>  // includes <GL/gl.h>: glReadPixels and friends are OpenGL 1.x
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>  // implemented in Debian's libstb

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "viewer/palette.h"

namespace sutra::viewer {
namespace {

// Fonts tried in order; ImGui's built-in bitmap font is the fallback. DejaVu Sans is in every
// Debian install with X (fonts-dejavu-core) and reads far better than the bitmap font in PNGs.
constexpr const char* kFontFiles[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
};
// Indic scripts appear in names and addresses as written in FIRs. When fonts-noto-core is
// installed their glyphs are merged into the fonts above; otherwise ImGui shows '?' for them.
// (ImGui does no text shaping, so conjuncts are drawn as their component letters.)
struct ScriptFont {
  const char* path;
  ImWchar ranges[3];
};
const ScriptFont kScriptFonts[] = {
    {"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", {0x0900, 0x097F, 0}},
    {"/usr/share/fonts/truetype/noto/NotoSansKannada-Regular.ttf", {0x0C80, 0x0CFF, 0}},
    {"/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf", {0x0B80, 0x0BFF, 0}},
    {"/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf", {0x0980, 0x09FF, 0}},
};
constexpr float kLabelFontSize = 15.0f;
constexpr float kSmallFontSize = 12.5f;

bool Readable(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  std::fclose(f);
  return true;
}

// Adds `path` at `size` and merges every installed script font into it.
ImFont* AddFontWithScripts(ImGuiIO& io, const char* path, float size) {
  ImFont* font = io.Fonts->AddFontFromFileTTF(path, size);
  if (font == nullptr) return nullptr;
  for (const ScriptFont& script : kScriptFonts) {
    if (!Readable(script.path)) continue;
    ImFontConfig merge;
    merge.MergeMode = true;
    io.Fonts->AddFontFromFileTTF(script.path, size, &merge, script.ranges);
  }
  return font;
}

void OnGlfwError(int code, const char* description) {
  std::fprintf(stderr, "sutra-viewer: GLFW error %d: %s\n", code, description);
}

}  // namespace

StatusOr<std::unique_ptr<ViewerWindow>> ViewerWindow::Open(const WindowOptions& options) {
  auto window = std::make_unique<ViewerWindow>(PassKey{});
  SUTRA_RETURN_IF_ERROR(window->Init(options));
  return window;
}

Status ViewerWindow::Init(const WindowOptions& options) {
  glfwSetErrorCallback(OnGlfwError);
  if (glfwInit() != GLFW_TRUE) {
    return Unavailable(
        "cannot open a display for the viewer window; set DISPLAY, or for a headless run use "
        "`xvfb-run -a sutra-viewer ...`");
  }
  glfw_ready_ = true;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_RESIZABLE, options.resizable ? GLFW_TRUE : GLFW_FALSE);
  window_ =
      glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (window_ == nullptr) {
    return Internal("cannot create a " + std::to_string(options.width) + "x" +
                    std::to_string(options.height) +
                    " window with an OpenGL 3.3 core context (is Mesa installed?)");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(options.vsync ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  imgui_ready_ = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; do not litter the working directory
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 1.0f;
  LoadFonts();
  glfw_backend_ready_ = ImGui_ImplGlfw_InitForOpenGL(window_, true);
  gl_backend_ready_ = glfw_backend_ready_ && ImGui_ImplOpenGL3_Init("#version 330 core");
  if (!gl_backend_ready_) return Internal("cannot initialise Dear ImGui's GLFW/OpenGL3 backends");
  return Status::Ok();
}

void ViewerWindow::LoadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  for (const char* path : kFontFiles) {
    if (!Readable(path)) continue;
    fonts_.label = AddFontWithScripts(io, path, kLabelFontSize);
    fonts_.small = AddFontWithScripts(io, path, kSmallFontSize);
    if (fonts_.label != nullptr && fonts_.small != nullptr) {
      fonts_.label_size = kLabelFontSize;
      fonts_.small_size = kSmallFontSize;
      return;
    }
  }
  // The built-in font is a 13 px bitmap font: draw it only at its own size.
  io.Fonts->Clear();
  ImFont* builtin = io.Fonts->AddFontDefault();
  fonts_ = ChartFonts{builtin, 13.0f, builtin, 13.0f};
}

ViewerWindow::~ViewerWindow() {
  if (gl_backend_ready_) ImGui_ImplOpenGL3_Shutdown();
  if (glfw_backend_ready_) ImGui_ImplGlfw_Shutdown();
  if (imgui_ready_) ImGui::DestroyContext();
  if (window_ != nullptr) glfwDestroyWindow(window_);
  if (glfw_ready_) glfwTerminate();
}

bool ViewerWindow::ShouldClose() const { return glfwWindowShouldClose(window_) != 0; }

void ViewerWindow::PollEvents(double wait_seconds) {
  if (wait_seconds > 0) {
    glfwWaitEventsTimeout(wait_seconds);
  } else {
    glfwPollEvents();
  }
}

void ViewerWindow::BeginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

Status ViewerWindow::EndFrame(const std::filesystem::path& capture) {
  ImGui::Render();
  const int width = framebuffer_width();
  const int height = framebuffer_height();
  glViewport(0, 0, width, height);
  glClearColor(kChartBackground.r / 255.0f, kChartBackground.g / 255.0f,
               kChartBackground.b / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  Status status = Status::Ok();
  if (!capture.empty()) {
    glFinish();
    status = CaptureFramebufferPng(capture, width, height);
  }
  glfwSwapBuffers(window_);
  return status;
}

int ViewerWindow::framebuffer_width() const {
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  return width;
}

int ViewerWindow::framebuffer_height() const {
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  return height;
}

Status CaptureFramebufferPng(const std::filesystem::path& path, int width, int height) {
  if (width <= 0 || height <= 0) return Internal("the window has an empty framebuffer");
  std::vector<unsigned char> rgba(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  if (GLenum error = glGetError(); error != GL_NO_ERROR) {
    return Internal("glReadPixels failed with OpenGL error " + std::to_string(error));
  }
  // Drop alpha: ImGui's blending leaves partial alpha in the framebuffer, which would make the
  // PNG look washed out in image viewers.
  std::vector<unsigned char> rgb(static_cast<std::size_t>(width) * height * 3);
  for (std::size_t i = 0, j = 0; i < rgba.size(); i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  stbi_flip_vertically_on_write(1);  // OpenGL's first row is the bottom one
  if (stbi_write_png(path.c_str(), width, height, 3, rgb.data(), width * 3) == 0) {
    return IoError("cannot write " + path.string() +
                   " (does its folder exist and is it writable?)");
  }
  return Status::Ok();
}

}  // namespace sutra::viewer
