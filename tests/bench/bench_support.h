// Small helpers shared by the benchmark programs: timing, medians, memory readings, tables.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/status.h"

namespace sutra::bench {

// The value, or the program ends with "<program>: <what>: <error>" on stderr and exit code 1:
// a benchmark that cannot set up has nothing to measure.
template <typename T>
T OrExit(StatusOr<T> value, std::string_view program, std::string_view what) {
  if (!value.ok()) {
    std::cerr << program << ": " << what << ": " << value.status().ToString() << "\n";
    std::exit(1);
  }
  return std::move(value).value();
}
inline void OrExit(const Status& status, std::string_view program, std::string_view what) {
  if (!status.ok()) {
    std::cerr << program << ": " << what << ": " << status.ToString() << "\n";
    std::exit(1);
  }
}

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

double Median(std::vector<double> values);

// Resident memory of this process from /proc/self/status, in MiB: the peak of all resident
// pages (VmHWM, which counts pages of the memory-mapped database file too) and the current
// anonymous memory (RssAnon: heap and stacks, what the program itself holds).
double PeakResidentMiB();
double AnonymousMiB();
// Current resident memory (VmRSS), in MiB.
double ResidentMiB();

// Tracks the largest AnonymousMiB() seen across calls to Sample().
class AnonymousPeak {
 public:
  void Sample();
  double mib() const { return peak_; }

 private:
  double peak_ = 0;
};

// Samples resident memory every 50 ms on a thread of its own until stopped (VmHWM alone would
// keep the peak of earlier phases of the program).
class MemorySampler {
 public:
  MemorySampler();
  ~MemorySampler() { Stop(); }
  MemorySampler(const MemorySampler&) = delete;
  MemorySampler& operator=(const MemorySampler&) = delete;
  void Stop();
  double peak_anon() const { return anon_; }  // MiB, AnonymousMiB()
  double peak_rss() const { return rss_; }    // MiB, ResidentMiB()

 private:
  void Run();
  std::atomic<bool> stop_{false};
  double anon_ = 0, rss_ = 0;
  std::thread thread_;
};

// "12,345,678"
std::string WithCommas(double value);

// A deterministic 64-bit generator (splitmix64): the same seed gives the same graph everywhere.
class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }

 private:
  std::uint64_t state_;
};

}  // namespace sutra::bench
