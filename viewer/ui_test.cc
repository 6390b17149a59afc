// The viewer's screen driven by synthetic mouse input in a bare ImGui context (no window, no GL):
// what an investigator's clicks, double-clicks, drags and wheel turns do to the chart.
#include <gtest/gtest.h>
#include <imgui.h>

#include "viewer/fake_client.h"
#include "viewer/panels.h"

namespace sutra::viewer {
namespace {

using storage::EdgeType;
using storage::NodeType;

class UiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {1280, 800};
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the font atlas

    fir_ = client_.AddNode(NodeType::kCase, "fir_number", "0145/2022");
    ravi_ = client_.AddNode(NodeType::kPersonRecord, "name", "Ravi Shinde");
    phone_ = client_.AddNode(NodeType::kPhone, "number", "+919822012345");
    client_.AddEdge(EdgeType::kAccusedIn, ravi_, fir_);
    client_.AddEdge(EdgeType::kUses, ravi_, phone_);
    ASSERT_TRUE(session_.Login(testing::FakeClient::kUser, testing::FakeClient::kPassword).ok());
    ASSERT_TRUE(session_.Investigate({"ui test", "0145/2022", {}, ""}).ok());
    ASSERT_TRUE(session_.Search("Ravi Shinde").ok());
    session_.ShowSearchHits();
    ui_.chart_view().set_follow(false);
    Frame();
  }
  void TearDown() override { ImGui::DestroyContext(); }

  void Frame() {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ui_.Frame();
    ImGui::Render();
    ImGui::GetIO().MouseWheel = 0.0f;
  }

  ImVec2 ScreenOf(storage::NodeId id) {
    const ChartNode* node = session_.chart().FindNode(id);
    EXPECT_NE(node, nullptr);
    const ChartView& view = ui_.chart_view();
    return view.camera().ToScreen(node->position, view.canvas_min(), view.canvas_size());
  }
  // A point of the canvas where no node is: near its top right corner.
  ImVec2 EmptySpot() {
    const ChartView& view = ui_.chart_view();
    return {view.canvas_min().x + view.canvas_size().x - 30, view.canvas_min().y + 40};
  }

  void Press(ImVec2 at) {
    ImGui::GetIO().MousePos = at;
    Frame();
    ImGui::GetIO().MouseDown[0] = true;
    Frame();
  }
  void Release() {
    ImGui::GetIO().MouseDown[0] = false;
    Frame();
  }
  void Click(ImVec2 at) {
    Press(at);
    Release();
  }

  testing::FakeClient client_;
  Session session_{client_, "127.0.0.1:1"};
  ViewerUi ui_{session_, ChartFonts{}};
  storage::NodeId fir_ = 0, ravi_ = 0, phone_ = 0;
};

TEST_F(UiTest, ClickSelectsANodeAndClickingTheBackgroundClearsIt) {
  Click(ScreenOf(ravi_));
  EXPECT_EQ(session_.chart().selected(), ravi_);
  Click(EmptySpot());
  EXPECT_FALSE(session_.chart().selected().has_value());
}

TEST_F(UiTest, DoubleClickExpandsANode) {
  ImVec2 at = ScreenOf(ravi_);
  Click(at);
  Click(at);
  const ChartNode* ravi = session_.chart().FindNode(ravi_);
  ASSERT_NE(ravi, nullptr);
  EXPECT_TRUE(ravi->expanded);
  EXPECT_NE(session_.chart().FindNode(fir_), nullptr);
  EXPECT_NE(session_.chart().FindNode(phone_), nullptr);
  EXPECT_EQ(session_.chart().edges().size(), 2u);
}

TEST_F(UiTest, DraggingTheBackgroundPansAndTheWheelZoomsAboutTheCursor) {
  Camera before = ui_.chart_view().camera();
  Press(EmptySpot());
  ImGui::GetIO().MousePos.x -= 60;  // beyond ImGui's drag threshold
  Frame();
  Release();
  Camera panned = ui_.chart_view().camera();
  EXPECT_NEAR(panned.center.x, before.center.x + 60 / before.zoom, 1e-3);
  EXPECT_EQ(panned.zoom, before.zoom);

  ImVec2 cursor = ScreenOf(ravi_);
  ImGui::GetIO().MousePos = cursor;
  ImGui::GetIO().MouseWheel = 1.0f;
  Frame();
  Camera zoomed = ui_.chart_view().camera();
  EXPECT_GT(zoomed.zoom, panned.zoom);
  ImVec2 after = ScreenOf(ravi_);  // the node under the cursor stays under it
  EXPECT_NEAR(after.x, cursor.x, 0.5);
  EXPECT_NEAR(after.y, cursor.y, 0.5);
}

TEST_F(UiTest, DraggingANodeMovesAndPinsIt) {
  Vec2 start = session_.chart().FindNode(ravi_)->position;
  Press(ScreenOf(ravi_));
  ImGui::GetIO().MousePos.y += 40;
  Frame();
  Release();
  const ChartNode* ravi = session_.chart().FindNode(ravi_);
  EXPECT_TRUE(ravi->pinned);
  EXPECT_GT(ravi->position.y, start.y);
  EXPECT_EQ(session_.chart().selected(), ravi_);
}

}  // namespace
}  // namespace sutra::viewer
