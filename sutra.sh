#!/usr/bin/env bash
# Sutra's set-up script. On a fresh Debian 12 machine it installs what it needs, then builds,
# tests, demonstrates or benchmarks Sutra.
#
#   ./sutra.sh demo          install, build Release, load the sample, serve it, open the viewer
#                            (with no DISPLAY: print the load, run a scripted investigation
#                            through RPC and write the viewer's rendering to demo.png)
#   ./sutra.sh test          install, build with ASan+UBSan, run every test (exit code: ctest's)
#   ./sutra.sh build         Release build only; binaries in build/bin/
#   ./sutra.sh bench [NAME]  Release build, then run tests/bench programs (all, or bench_NAME)
#   ./sutra.sh deps          install missing Debian packages only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

# Every Debian package the build, the tests and the demo use.
PACKAGES=(
  build-essential cmake ninja-build pkg-config   # toolchain
  libboost-graph-dev                             # Boost.Graph
  liblmdb-dev                                    # LMDB
  capnproto libcapnp-dev                         # Cap'n Proto compiler, RPC and KJ
  libeigen3-dev                                  # Eigen
  libimgui-dev libstb-dev libglfw3-dev libgl-dev # Dear ImGui (with its backends), GLFW, OpenGL
  libgl1-mesa-dri xvfb xauth                     # software OpenGL and a virtual display
  fonts-dejavu-core fonts-noto-core              # viewer labels, Indic scripts included
  libgtest-dev libgmock-dev                      # GoogleTest
  libcli11-dev nlohmann-json3-dev libfmt-dev     # command line, JSON, formatting
  libutf8proc-dev libxxhash-dev                  # Unicode normalisation, stable hashes
  libicu-dev                                     # ICU: transliteration of Indic scripts
  libedit-dev                                    # line editing for `sutra shell`
  libsodium-dev                                  # Argon2id passwords, SHA-256 audit chain
  clang libclang-rt-14-dev                       # libFuzzer for tests/fuzz
)
# Only `./sutra.sh bench` needs these: bench_cypher drives Kuzu (npm kuzu@0.11.3) with node.
BENCH_PACKAGES=(nodejs npm)

say() { printf '\033[1msutra.sh:\033[0m %s\n' "$*" >&2; }

# Installs the missing ones of the given packages (default: PACKAGES).
install_deps() {
  local wanted=("$@")
  [ ${#wanted[@]} -eq 0 ] && wanted=("${PACKAGES[@]}")
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

build_preset() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
}

cmd_build() {
  install_deps
  build_preset release
  say "binaries: $(ls build/bin | tr '\n' ' ')"
}

cmd_test() {
  install_deps
  build_preset asan
  local rc=0
  ctest --preset asan -j "$(nproc)" || rc=$?
  fuzz_briefly || rc=$?
  return $rc
}

# Every parser of outside input fuzzed for 20 s with libFuzzer (tests/fuzz), in a clang build
# of the fuzz targets alone; the GCC build above already replays their committed corpora.
fuzz_briefly() {
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
  local targets
  targets=$(sed -n 's/^set(SUTRA_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
  local names=()
  for t in $targets; do names+=("fuzz_$t"); done
  names+=(fuzz_cypher)  # the Cypher front end, built from its own sources (tests/fuzz)
  cmake --build build-fuzz -j "$(nproc)" --target "${names[@]}"
  ctest --test-dir build-fuzz -L fuzz -j "$(nproc)" --output-on-failure
}

cmd_bench() {
  install_deps
  # A machine may already have node and npm from elsewhere (Debian's npm conflicts with them).
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_deps "${BENCH_PACKAGES[@]}"
  fi
  build_preset release
  shopt -s nullglob
  local benches=(build/bin/bench_*)
  if [ $# -gt 0 ]; then benches=("build/bin/bench_$1"); fi
  if [ ${#benches[@]} -eq 0 ]; then
    say "no benchmark programs are built yet (tests/bench/ holds none)"
    return 0
  fi
  for b in "${benches[@]}"; do
    [ -x "$b" ] || { say "no benchmark named ${b#build/bin/bench_}"; return 1; }
    say "running $b"
    "$b"
  done
}

# Starts `sutra serve` on a free loopback port; sets SERVER_PID and SERVER_ADDR.
start_server() {
  local db=$1 log=$2
  build/bin/sutra serve --db "$db" --listen 127.0.0.1:0 >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    SERVER_ADDR=$(sed -n 's/^sutra: serving .* on \([0-9.]*:[0-9]*\).*/\1/p' "$log")
    [ -n "$SERVER_ADDR" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  say "the server did not start:"
  cat "$log" >&2
  return 1
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
}

cmd_demo() {
  install_deps
  build_preset release
  local db=build/demo-db log=build/demo-server.log
  rm -rf "$db"
  say "loading the sample (datasets/sample) into $db"
  build/bin/sutra ingest --db "$db" datasets/sample
  say "resolving person records into persons, then a person search"
  build/bin/sutra resolve --db "$db"
  build/bin/sutra search --db "$db" "Sameer Ansari" --limit 3 \
    --purpose "demo: a person search as the operator"
  build/bin/sutra stats --db "$db"
  # The viewer signs in as a Pune investigator; the demo's password is for this sample only.
  say "adding the user pune.investigator (investigator, district:Pune) for the viewer"
  export SUTRA_PASSWORD="${SUTRA_DEMO_PASSWORD:-sutra demo password}"
  build/bin/sutra user add --db "$db" pune.investigator --role investigator \
    --jurisdiction district:Pune
  build/bin/sutra audit verify --db "$db"
  start_server "$db" "$log"
  trap stop_server EXIT
  say "server on $SERVER_ADDR"
  if [ -n "${DISPLAY:-}" ]; then
    say "opening the viewer (close its window to stop the server)"
    build/bin/sutra-viewer --connect "$SERVER_ADDR"
  else
    say "no DISPLAY: running the scripted investigation viewer/scripts/demo.viewer under Xvfb"
    xvfb-run -a -s "-screen 0 1600x1000x24" build/bin/sutra-viewer --connect "$SERVER_ADDR" \
      --script viewer/scripts/demo.viewer --screenshot demo.png --width 1400 --height 900
    say "wrote $ROOT/demo.png"
    say "who looked at what: build/bin/sutra audit report --db $db"
  fi
}

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  build) shift; cmd_build "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  deps) shift; install_deps ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
