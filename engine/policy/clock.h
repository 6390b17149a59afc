// The time the policy layer reads: session expiry, audit timestamps, retention ages and odd-hour
// review all take a Clock so that tests can set the time.
#pragma once

#include <chrono>
#include <functional>

namespace sutra::engine::policy {

using Clock = std::function<std::chrono::system_clock::time_point()>;

inline Clock SystemClock() {
  return [] { return std::chrono::system_clock::now(); };
}

}  // namespace sutra::engine::policy
