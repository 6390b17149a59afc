// ViewerUi: the viewer's screen, rebuilt every frame from the Session — the search panel, the
// link chart, the entity details panel and the status line.
//
// Immediate mode: the UI keeps no copy of domain state. What it keeps is UI state only — the
// text being typed into the search box and the last message to show — and it turns clicks into
// Session calls (search, expand, show more) whose results it reads back on the next frame.
//
// Screen layout (fixed, so headless screenshots are reproducible): the chart fills the left of
// the window; on the right, search above details; the status line along the bottom. Until the
// user has logged in and stated a purpose and a case, the search region holds the login panel
// (user, password — masked —, purpose, FIR, the protected identities the duty needs, and an
// optional break-glass reason): the server reads no case data without them.
#pragma once

#include <string>
#include <utility>

#include "storage/status.h"
#include "viewer/chart_draw.h"
#include "viewer/chart_view.h"
#include "viewer/session.h"

namespace sutra::viewer {

class ViewerUi {
 public:
  // `session` must outlive the ViewerUi.
  ViewerUi(Session& session, ChartFonts fonts) : session_(session), fonts_(fonts), chart_(fonts) {}

  // Builds the whole screen for this frame. Call between ImGui::NewFrame() and ImGui::Render().
  void Frame();

  ChartView& chart_view() { return chart_; }

  // Shows `text` in the status line (in red when `error`), until the next message.
  void SetMessage(std::string text, bool error);

  // True once after the user pressed "Save PNG": the caller captures the next frame to a file
  // (the UI has no access to the window) and reports the outcome with SetMessage().
  bool TakeExportRequest() { return std::exchange(export_requested_, false); }

 private:
  void ChartPanel();
  void SearchPanel();
  void LoginPanel();
  void SignIn();
  void DetailsPanel();
  void DetailsHeader(const ChartNode& node);
  void DetailsLinks(const ChartNode& node);
  void StatusLine();
  // Reports a failed call in the status line; OK statuses are ignored.
  void Report(const Status& status);

  Session& session_;
  ChartFonts fonts_;
  ChartView chart_;
  std::string search_text_;
  // The login panel's fields. The password is cleared as soon as it has been sent.
  std::string login_user_;
  std::string login_password_;
  std::string purpose_text_;
  std::string case_ref_;
  bool need_juvenile_ = false;
  bool need_victim_identity_ = false;
  std::string break_glass_reason_;
  std::string message_;
  bool message_is_error_ = false;
  bool export_requested_ = false;
};

}  // namespace sutra::viewer
