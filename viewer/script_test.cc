#include "viewer/script.h"

#include <gtest/gtest.h>

#include "viewer/fake_client.h"

namespace sutra::viewer {
namespace {

using storage::EdgeType;
using storage::NodeType;
using testing::FakeClient;

// Ravi (two records) accused in one FIR, with a phone; the FIR has 60 witnesses, so expanding
// it is capped.
class ScriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fir_ = client_.AddNode(NodeType::kCase, "fir_number", "0145/2022");
    ravi_ = client_.AddNode(NodeType::kPersonRecord, "name", "Ravi Shinde");
    ravi2_ = client_.AddNode(NodeType::kPersonRecord, "name", "Ravi Shinde");
    phone_ = client_.AddNode(NodeType::kPhone, "number", "+919822012345");
    client_.AddEdge(EdgeType::kAccusedIn, ravi_, fir_);
    client_.AddEdge(EdgeType::kUses, ravi_, phone_);
    client_.AddEdge(EdgeType::kUses, ravi2_, phone_);
    for (int i = 0; i < 60; ++i) {
      storage::NodeId w = client_.AddNode(NodeType::kPersonRecord, "name", "W" + std::to_string(i));
      client_.AddEdge(EdgeType::kWitnessIn, w, fir_);
    }
    ASSERT_TRUE(session_.Login(FakeClient::kUser, FakeClient::kPassword).ok());
    ASSERT_TRUE(session_.Investigate({"script test", "0145/2022", {}, ""}).ok());
  }

  Status Run(std::string_view text) {
    auto script = ParseScript(text, "t.viewer");
    if (!script.ok()) return script.status();
    return RunScript(*script, session_);
  }

  FakeClient client_;
  Session session_{client_, "127.0.0.1:1"};
  storage::NodeId fir_ = 0, ravi_ = 0, ravi2_ = 0, phone_ = 0;
};

TEST_F(ScriptTest, ParsesCommandsSkippingCommentsAndBlankLines) {
  auto script = ParseScript(
      "# a demo\n\nsearch  Ravi Shinde \r\nexpand FIRST\n  layout 20\n"
      "select +919822012345\n",
      "t.viewer");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  ASSERT_EQ(script->commands.size(), 4u);
  EXPECT_EQ(script->commands[0].verb, ScriptVerb::kSearch);
  EXPECT_EQ(script->commands[0].argument, "Ravi Shinde");
  EXPECT_EQ(script->commands[0].line, 3u);
  EXPECT_EQ(script->commands[2].verb, ScriptVerb::kLayout);
  EXPECT_EQ(script->commands[2].steps, 20);
  EXPECT_EQ(script->commands[3].line, 6u);
}

TEST_F(ScriptTest, BadLinesNameFileAndLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"search x\nzoom 3\n", "t.viewer:2: unknown command 'zoom'"},
           Case{"layout ten\n", "t.viewer:1: layout takes a whole number"},
           Case{"layout 0\n", "t.viewer:1: layout takes a whole number"},
           Case{"\n\nsearch\n", "t.viewer:3: search needs the text"},
           Case{"expand\n", "t.viewer:1: expand needs a target"},
       }) {
    auto script = ParseScript(c.text, "t.viewer");
    ASSERT_FALSE(script.ok()) << c.text;
    EXPECT_EQ(script.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(script.status().message().rfind(c.message, 0), 0u)
        << script.status().message() << " should start with " << c.message;
  }
}

TEST_F(ScriptTest, SearchExpandAndSelectBuildTheChart) {
  Status status =
      Run("search Ravi Shinde\n"
          "expand FIRST\n"
          "expand +919822012345\n"
          "layout 50\n"
          "select 0145/2022\n");
  ASSERT_TRUE(status.ok()) << status.ToString();
  const ChartModel& chart = session_.chart();
  EXPECT_NE(chart.FindNode(ravi_), nullptr);
  EXPECT_NE(chart.FindNode(ravi2_), nullptr);  // both hits are on the chart
  EXPECT_NE(chart.FindNode(phone_), nullptr);
  EXPECT_TRUE(chart.FindNode(ravi_)->expanded);
  EXPECT_TRUE(chart.FindNode(phone_)->expanded);
  EXPECT_EQ(chart.selected(), fir_);
  EXPECT_EQ(chart.edges().size(), 3u);
  EXPECT_GT(session_.layout().steps_run(), 0u);
}

TEST_F(ScriptTest, ExpandingAHubIsCappedAndSaysSo) {
  Status status = Run("expand " + std::to_string(fir_) + "\n");
  ASSERT_TRUE(status.ok()) << status.ToString();
  const ChartNode* fir = session_.chart().FindNode(fir_);
  ASSERT_NE(fir, nullptr);
  EXPECT_TRUE(fir->truncated);
  EXPECT_EQ(fir->shown_links, Session::kExpandLimit);
  EXPECT_EQ(fir->total_links, 61u);
  ASSERT_TRUE(session_.ExpandMore(fir_).ok());
  EXPECT_FALSE(session_.chart().FindNode(fir_)->truncated);
  EXPECT_EQ(session_.chart().nodes().size(), 62u);
}

TEST_F(ScriptTest, RuntimeFailuresNameTheLine) {
  Status status = Run("search Ravi Shinde\n# fine so far\nselect Nobody\n");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "t.viewer:3: no node labelled 'Nobody' on the chart");

  status = Run("search Nobody At All\n");
  EXPECT_EQ(status.message(), "t.viewer:1: search for 'Nobody At All' found nothing");

  status = Run("select 999999\n");
  EXPECT_EQ(status.message(), "t.viewer:1: node 999999 is not on the chart");

  status = Run("expand 999999\n");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message().rfind("t.viewer:1: node 999999 does not exist", 0), 0u)
      << status.message();
}

TEST(ScriptFirst, NeedsASearchFirst) {
  FakeClient client;
  Session session(client, "x");
  auto script = ParseScript(
      "login tester fake-password-123\npurpose checking\ncase 0145/2022\nexpand FIRST\n",
      "s.viewer");
  ASSERT_TRUE(script.ok());
  Status status = RunScript(*script, session);
  EXPECT_EQ(status.message(), "s.viewer:4: FIRST needs a search before it");
}

TEST(ScriptLogin, ReadsNeedALoginAndAPurpose) {
  FakeClient client;
  Session session(client, "x");
  auto run = [&session](std::string_view text) {
    auto script = ParseScript(text, "s.viewer");
    EXPECT_TRUE(script.ok()) << script.status().ToString();
    return script.ok() ? RunScript(*script, session) : script.status();
  };
  Status status = run("search 0145/2022\n");
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("log in first"), std::string::npos) << status.message();

  status = run("login tester wrong-password-1\n");
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message().rfind("s.viewer:1: ", 0), 0u) << status.message();

  status = run("login tester fake-password-123\nsearch 0145/2022\n");
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("s.viewer:2: state why"), std::string::npos) << status.message();
}

TEST(ScriptLogin, StatesThePurposeCaseAndNeedsBeforeTheFirstRead) {
  FakeClient client;
  client.AddNode(NodeType::kCase, "fir_number", "0145/2022");
  Session session(client, "x");
  auto script = ParseScript(
      "login tester fake-password-123\npurpose chain snatching at FC Road\ncase 0145/2022\n"
      "need juvenile\nsearch 0145/2022\n",
      "s.viewer");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  ASSERT_TRUE(RunScript(*script, session).ok());
  EXPECT_TRUE(session.investigating());
  EXPECT_EQ(client.last_purpose().text, "chain snatching at FC Road");
  EXPECT_EQ(client.last_purpose().case_ref, "0145/2022");
  EXPECT_EQ(client.last_purpose().needs, std::vector<std::string>{"juvenile"});
  EXPECT_EQ(session.chart().nodes().size(), 1u);
}

TEST(ScriptLogin, AnUnknownNeedIsAParseError) {
  auto script = ParseScript("need everything\n", "s.viewer");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.status().message(),
            "s.viewer:1: need takes juvenile or victim-identity, not 'everything'");
}

}  // namespace
}  // namespace sutra::viewer
