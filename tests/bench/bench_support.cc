#include "tests/bench/bench_support.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace sutra::bench {
namespace {

double StatusFieldMiB(const std::string& field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field + ":", 0) == 0) {
      std::istringstream values(line.substr(field.size() + 1));
      double kib = 0;
      values >> kib;
      return kib / 1024.0;
    }
  }
  return 0;
}

}  // namespace

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double PeakResidentMiB() { return StatusFieldMiB("VmHWM"); }
double AnonymousMiB() { return StatusFieldMiB("RssAnon"); }
double ResidentMiB() { return StatusFieldMiB("VmRSS"); }

void AnonymousPeak::Sample() { peak_ = std::max(peak_, AnonymousMiB()); }

std::string WithCommas(double value) {
  std::string digits = std::to_string(static_cast<long long>(value + 0.5));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::uint64_t SplitMix::Next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

MemorySampler::MemorySampler() : thread_([this] { Run(); }) {}

void MemorySampler::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void MemorySampler::Run() {
  while (!stop_) {
    anon_ = std::max(anon_, AnonymousMiB());
    rss_ = std::max(rss_, ResidentMiB());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace sutra::bench
