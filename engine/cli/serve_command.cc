#include <signal.h>

#include <chrono>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/engine.h"
#include "rpc/server.h"

namespace sutra::cli {
namespace {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:7687";
  int idle_minutes = 30;
};

int RunServe(const ServeArgs& args) {
  // Block the stop signals before the server thread starts, so it inherits the mask and the
  // signals reach sigwait() below instead of killing the process mid-answer.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto engine = engine::Engine::Open(args.db);
  if (!engine.ok()) return Fail("serve", engine.status());
  rpc::ServerOptions options;
  options.session_idle_timeout = std::chrono::minutes(args.idle_minutes);
  auto server = rpc::Server::Start(**engine, args.listen, options);
  if (!server.ok()) return Fail("serve", server.status());
  std::string host = args.listen.substr(0, args.listen.rfind(':'));
  std::cout << "sutra: serving " << args.db << " on " << host << ":" << (*server)->port()
            << " (Ctrl-C or SIGTERM stops)" << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cout << "sutra: stopping on signal " << signal << std::endl;
  server->reset();
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve a database over Cap'n Proto RPC (contract: rpc/sutra.capnp) until SIGINT or\n"
      "SIGTERM. Port 0 picks a free port; the bound address is printed on the first line.\n"
      "Clients log in with Sutra accounts (`sutra user add`), state a purpose and a case, and\n"
      "every read is decided by the access policy and written to the audit log.");
  AddDbOption(*cmd, args->db);
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on")->capture_default_str();
  cmd->add_option("--idle-timeout", args->idle_minutes,
                  "Minutes a session may stay unused before its user must log in again")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  cmd->callback([args, &exit_code] { exit_code = RunServe(*args); });
}

}  // namespace sutra::cli
