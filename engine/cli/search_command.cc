#include <iostream>

#include "engine/cli/commands.h"
#include "engine/engine.h"

namespace sutra::cli {
namespace {

struct SearchArgs {
  std::string db;
  std::string text;
  std::size_t limit = 50;
  Format format = Format::kTable;
};

int RunSearch(const SearchArgs& args) {
  auto engine = engine::Engine::Open(args.db);
  if (!engine.ok()) return Fail("search", engine.status());
  auto nodes = (*engine)->Search(args.text, args.limit);
  if (!nodes.ok()) return Fail("search", nodes.status());
  Print(NodeTable(*nodes), args.format, std::cout);
  return kExitOk;
}

}  // namespace

void AddSearchCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Find nodes by exact phone number, vehicle registration, FIR number, station code, or\n"
      "whole name (case, spacing and punctuation ignored)");
  AddDbOption(*cmd, args->db);
  cmd->add_option("text", args->text, "What to look for, e.g. \"98220 12345\"")->required();
  cmd->add_option("--limit", args->limit, "Most nodes to return")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  AddFormatOption(*cmd, args->format);
  cmd->callback([args, &exit_code] { exit_code = RunSearch(*args); });
}

}  // namespace sutra::cli
