#include "viewer/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "viewer/palette.h"

namespace sutra::viewer {
namespace {

constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

const ImVec4 kRed{0.95f, 0.35f, 0.35f, 1.0f};
const ImVec4 kDim{0.65f, 0.68f, 0.74f, 1.0f};
const ImVec4 kAmber{0.98f, 0.84f, 0.35f, 1.0f};

// The screen's fixed regions, from the viewport's work area.
struct Regions {
  ImVec2 chart_pos, chart_size;
  ImVec2 search_pos, search_size;
  ImVec2 details_pos, details_size;
  ImVec2 status_pos, status_size;
};

Regions ComputeRegions() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImVec2 pos = viewport->WorkPos;
  ImVec2 size = viewport->WorkSize;
  const float status_h = ImGui::GetFrameHeight() + 8.0f;
  const float side_w = std::clamp(size.x * 0.3f, 240.0f, 440.0f);
  const float body_h = std::max(size.y - status_h, 100.0f);
  const float search_h = std::floor(body_h * 0.38f);
  Regions r;
  r.chart_pos = pos;
  r.chart_size = {size.x - side_w, body_h};
  r.search_pos = {pos.x + size.x - side_w, pos.y};
  r.search_size = {side_w, search_h};
  r.details_pos = {pos.x + size.x - side_w, pos.y + search_h};
  r.details_size = {side_w, body_h - search_h};
  r.status_pos = {pos.x, pos.y + body_h};
  r.status_size = {size.x, status_h};
  return r;
}

void PlaceNextWindow(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
}

// A small, slightly translucent swatch of a node type in the text flow (translucent so that the
// exact palette colours on screen belong to chart nodes).
void TypeSwatch(storage::NodeType type) {
  const float size = ImGui::GetTextLineHeight();
  ImVec2 at = ImGui::GetCursorScreenPos();
  NodeStyle style = StyleFor(type);
  DrawNodeShape(ImGui::GetWindowDrawList(), {at.x + size * 0.5f, at.y + size * 0.5f}, size * 0.36f,
                style.shape, ToImColor(style.color, 215));
  ImGui::Dummy({size, size});
  ImGui::SameLine();
}

std::string Readable(const std::string& flag) {
  std::string out;
  for (char c : flag)
    out += c == '_' ? ' ' : static_cast<char>((c >= 'a' && c <= 'z') ? c - 32 : c);
  return out;
}

}  // namespace

void ViewerUi::SetMessage(std::string text, bool error) {
  message_ = std::move(text);
  message_is_error_ = error;
}

void ViewerUi::Report(const Status& status) {
  if (!status.ok()) SetMessage(status.ToString(), true);
}

void ViewerUi::Frame() {
  Regions r = ComputeRegions();
  PlaceNextWindow(r.chart_pos, r.chart_size);
  ChartPanel();
  PlaceNextWindow(r.search_pos, r.search_size);
  SearchPanel();
  PlaceNextWindow(r.details_pos, r.details_size);
  DetailsPanel();
  PlaceNextWindow(r.status_pos, r.status_size);
  StatusLine();
}

void ViewerUi::ChartPanel() {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {4, 4});
  ImGui::Begin("Link chart", nullptr,
               kFixedWindow | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  if (ImGui::Button("Fit")) {
    chart_.RequestFit();
    chart_.set_follow(true);
  }
  ImGui::SameLine();
  if (ImGui::Button("Layout again")) session_.layout().Reheat();
  ImGui::SameLine();
  if (ImGui::Button("Clear chart")) session_.chart().Clear();
  ImGui::SameLine();
  if (ImGui::Button("Save PNG")) export_requested_ = true;
  ImGui::SameLine();
  ImGui::TextColored(kDim, "drag: pan/move  wheel: zoom  double-click: expand");
  ChartEvents events =
      chart_.Show(session_.chart(), session_.layout(), ImGui::GetContentRegionAvail());
  ImGui::End();

  if (events.clicked) session_.chart().Select(events.clicked);
  if (events.background_clicked) session_.chart().Select(std::nullopt);
  if (events.node_moved) session_.layout().Reheat();
  if (events.double_clicked) Report(session_.Expand(*events.double_clicked));
}

void ViewerUi::SignIn() {
  Status logged_in = session_.Login(login_user_, login_password_);
  login_password_.clear();
  if (!logged_in.ok()) return Report(logged_in);
  rpc::InvestigationPurpose purpose;
  purpose.text = purpose_text_;
  purpose.case_ref = case_ref_;
  if (need_juvenile_) purpose.needs.emplace_back("juvenile");
  if (need_victim_identity_) purpose.needs.emplace_back("victim-identity");
  purpose.break_glass_reason = break_glass_reason_;
  Status investigating = session_.Investigate(purpose);
  if (!investigating.ok()) {
    session_.Logout();
    return Report(investigating);
  }
  SetMessage("Signed in as " + login_user_ +
                 "; every search and expansion is recorded with "
                 "your purpose",
             false);
}

void ViewerUi::LoginPanel() {
  ImGui::Begin("Sign in", nullptr, kFixedWindow);
  ImGui::PushStyleColor(ImGuiCol_Text, kDim);
  ImGui::TextWrapped(
      "Sign in and state why you are looking. Every search and expansion is "
      "recorded with your purpose and case.");
  ImGui::PopStyleColor();
  const float field_width = -1.0f;
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputTextWithHint("##user", "user", &login_user_);
  ImGui::SetNextItemWidth(field_width);
  bool submitted =
      ImGui::InputTextWithHint("##password", "password", &login_password_,
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputTextWithHint("##purpose", "purpose (e.g. investigation of a chain snatching)",
                           &purpose_text_);
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputTextWithHint("##case", "case: FIR no. (e.g. 0087/2021)", &case_ref_);
  ImGui::Checkbox("juvenile identities", &need_juvenile_);
  ImGui::SameLine();
  ImGui::Checkbox("victim identities", &need_victim_identity_);
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputTextWithHint("##breakglass", "break-glass reason (emergencies only)",
                           &break_glass_reason_);
  submitted = ImGui::Button("Sign in", {-1.0f, 0.0f}) || submitted;
  ImGui::End();
  if (submitted) SignIn();
}

void ViewerUi::SearchPanel() {
  if (!session_.investigating()) return LoginPanel();
  ImGui::Begin("Search", nullptr, kFixedWindow);
  if (ImGui::SmallButton("Log out")) {
    session_.Logout();
    ImGui::End();
    return;
  }
  if (const auto& user = session_.user()) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, kDim);
    // One line, so the hits keep their room; the rest on hover.
    ImGui::Text("%s, FIR %s", user->user.c_str(), session_.purpose().case_ref.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s (%s, %s)\npurpose: %s", user->user.c_str(), user->role.c_str(),
                        user->jurisdiction.c_str(), session_.purpose().text.c_str());
    }
  }
  ImGui::SetNextItemWidth(-70.0f);
  bool submitted = ImGui::InputTextWithHint("##query", "name, phone, vehicle or FIR no.",
                                            &search_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  submitted = ImGui::Button("Search", {-1.0f, 0.0f}) || submitted;
  if (submitted && !search_text_.empty()) Report(session_.Search(search_text_));

  const SearchResults& results = session_.last_search();
  if (!results.text.empty()) {
    if (results.hits.empty()) {
      ImGui::TextColored(kDim, "No match for '%s'", results.text.c_str());
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, kDim);
      ImGui::TextWrapped("%zu%s hit(s) for '%s'; click one to chart and expand it",
                         results.hits.size(), results.capped ? "+" : "", results.text.c_str());
      ImGui::PopStyleColor();
      if (ImGui::SmallButton("Put all on chart")) session_.ShowSearchHits();
    }
  }
  ImGui::BeginChild("hits", {0, 0}, true);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(results.hits.size()));
  // Act on a click after the list is drawn, so nothing it reads changes while it is drawn.
  std::optional<std::size_t> clicked;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const rpc::FlaggedNode& hit = results.hits[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      TypeSwatch(hit.node.type);
      bool on_chart = session_.chart().FindNode(hit.node.id) != nullptr;
      std::string text =
          ChartLabel(hit) + "  (" + std::string(storage::NodeTypeName(hit.node.type)) + ")";
      const bool hit_only = rpc::HasFlag(hit, rpc::kFlagHitOnly);
      if (hit_only) ImGui::PushStyleColor(ImGuiCol_Text, kDim);
      if (ImGui::Selectable(text.c_str(), on_chart)) clicked = static_cast<std::size_t>(i);
      if (hit_only) ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  ImGui::End();
  if (clicked) {
    rpc::FlaggedNode hit = results.hits[*clicked];
    Report(session_.ShowAndExpand(hit));
  }
}

void ViewerUi::DetailsPanel() {
  ImGui::Begin("Details", nullptr, kFixedWindow);
  const ChartNode* node = session_.chart().selected_node();
  if (node == nullptr) {
    ImGui::TextColored(kDim, "Select a node on the chart to see its details.");
    ImGui::End();
    return;
  }
  // Copy the id: the buttons below may change the chart and move the node in memory.
  const storage::NodeId id = node->node.id;
  DetailsHeader(*node);
  if (node->expanded) {
    if (node->truncated) {
      ImGui::TextColored(kAmber, "Showing %llu of %llu links",
                         static_cast<unsigned long long>(node->shown_links),
                         static_cast<unsigned long long>(node->total_links));
      ImGui::SameLine();
      if (ImGui::SmallButton("Show more")) Report(session_.ExpandMore(id));
    } else {
      ImGui::TextColored(kDim, "All %llu links shown",
                         static_cast<unsigned long long>(node->shown_links));
    }
  } else if (ImGui::SmallButton("Expand")) {
    Report(session_.Expand(id));
  }
  node = session_.chart().FindNode(id);
  if (node != nullptr && node->pinned) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Unpin")) {
      session_.chart().FindNode(id)->pinned = false;
      session_.layout().Reheat();
    }
  }
  if (node != nullptr) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove from chart")) session_.chart().RemoveNode(id);
  }
  node = session_.chart().FindNode(id);
  if (node != nullptr) DetailsLinks(*node);
  ImGui::End();
}

void ViewerUi::DetailsHeader(const ChartNode& node) {
  TypeSwatch(node.node.type);
  ImGui::Text("%s", std::string(storage::NodeTypeName(node.node.type)).c_str());
  ImGui::SameLine();
  ImGui::TextColored(kDim, "id %llu", static_cast<unsigned long long>(node.node.id));
  ImGui::TextWrapped("%s", node.label.c_str());
  if (node.hit_only) {
    ImGui::PushStyleColor(ImGuiCol_Text, kDim);
    ImGui::TextWrapped(
        "Outside your jurisdiction: only that it exists and where it is held. "
        "Ask the holding station for the record.");
    ImGui::PopStyleColor();
  }
  if (node.identity_withheld) {
    ImGui::PushStyleColor(ImGuiCol_Text, kDim);
    ImGui::TextWrapped(
        "Identity withheld: a protected person. State the need at sign-in if "
        "your duty requires it.");
    ImGui::PopStyleColor();
  }
  // Sensitive facts come first and in red: they change how everything below must be read.
  for (const std::string& flag : node.flags) {
    ImGui::TextColored(kRed, "! %s", Readable(flag).c_str());
  }
  if (!node.flags.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kRed);
    ImGui::TextWrapped("Sensitive: not evidence of guilt; handle as the law requires.");
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  if (ImGui::BeginTable(
          "properties", 2,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("property", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (const auto& [key, value] : node.node.properties) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(kDim, "%s", key.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", storage::ValueToString(value).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
}

void ViewerUi::DetailsLinks(const ChartNode& node) {
  std::vector<const ChartEdge*> links = session_.chart().EdgesOf(node.node.id);
  ImGui::Text("Links on the chart (%zu)", links.size());
  std::optional<storage::NodeId> go_to;
  ImGui::BeginChild("links", {0, 0}, false);
  for (const ChartEdge* link : links) {
    const storage::Edge& e = link->edge;
    bool outgoing = e.from == node.node.id;
    const ChartNode* other = session_.chart().FindNode(outgoing ? e.to : e.from);
    if (other == nullptr) continue;
    ImGui::PushID(static_cast<int>(e.id));
    ImGui::TextColored(link->flags.empty() ? kAmber : kRed, "%s %s", outgoing ? "->" : "<-",
                       std::string(storage::EdgeTypeName(e.type)).c_str());
    ImGui::SameLine();
    TypeSwatch(other->node.type);
    if (ImGui::SmallButton(other->label.c_str())) go_to = other->node.id;
    ImGui::Indent();
    // Provenance: which FIR, station and load batch asserted this link.
    ImGui::TextColored(kDim, "FIR %s  station %s  batch %llu",
                       e.provenance.fir.empty() ? "-" : e.provenance.fir.c_str(),
                       e.provenance.station.empty() ? "-" : e.provenance.station.c_str(),
                       static_cast<unsigned long long>(e.provenance.batch));
    for (const auto& [key, value] : e.properties) {
      ImGui::TextColored(kDim, "%s: %s", key.c_str(), storage::ValueToString(value).c_str());
    }
    for (const std::string& flag : link->flags) {
      ImGui::TextColored(kRed, "! %s", Readable(flag).c_str());
    }
    ImGui::Unindent();
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (go_to) session_.chart().Select(go_to);
}

void ViewerUi::StatusLine() {
  ImGui::Begin("Status", nullptr, kFixedWindow | ImGuiWindowFlags_NoTitleBar);
  ImGui::Text("Server %s", session_.server_address().c_str());
  if (const auto& stats = session_.server_stats()) {
    ImGui::SameLine();
    ImGui::TextColored(kDim, "(%llu nodes, %llu edges)",
                       static_cast<unsigned long long>(TotalCount(stats->nodes_by_type)),
                       static_cast<unsigned long long>(TotalCount(stats->edges_by_type)));
  }
  ImGui::SameLine();
  ImGui::Text("| Chart: %zu nodes, %zu edges", session_.chart().nodes().size(),
              session_.chart().edges().size());
  ImGui::SameLine();
  const ForceLayout& layout = session_.layout();
  if (layout.converged()) {
    ImGui::Text("| layout converged");
  } else {
    ImGui::TextColored(kAmber, "| layout running");
  }
  if (!message_.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(message_is_error_ ? kRed : kDim, "| %s", message_.c_str());
  }
  ImGui::End();
}

}  // namespace sutra::viewer
