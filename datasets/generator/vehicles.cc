#include "datasets/generator/vehicles.h"

#include <fmt/format.h>

#include <cctype>

namespace sutra::gen {
namespace {

struct Model {
  std::string_view make, model, short_model;
  bool two_wheeler;
};

constexpr Model kModels[] = {
    {"Bajaj", "Pulsar 150", "Pulsar", true},
    {"Hero", "Splendor Plus", "Splendor", true},
    {"Honda", "Activa 6G", "Activa", true},
    {"TVS", "Apache RTR 160", "Apache", true},
    {"Honda", "CB Shine", "Shine", true},
    {"Hero", "HF Deluxe", "HF Deluxe", true},
    {"Bajaj", "Platina 100", "Platina", true},
    {"Royal Enfield", "Classic 350", "Bullet", true},
    {"TVS", "Jupiter", "Jupiter", true},
    {"Yamaha", "FZ-S", "FZ", true},
    {"Suzuki", "Access 125", "Access", true},
    {"Maruti Suzuki", "Swift Dzire", "Dzire", false},
    {"Maruti Suzuki", "Alto 800", "Alto", false},
    {"Maruti Suzuki", "Wagon R", "WagonR", false},
    {"Hyundai", "i20", "i20", false},
    {"Mahindra", "Bolero", "Bolero", false},
    {"Mahindra", "Scorpio", "Scorpio", false},
    {"Tata", "Ace", "Chhota Hathi", false},
    {"Toyota", "Innova Crysta", "Innova", false},
    {"Bajaj", "RE Compact", "Auto Rickshaw", false},
};
constexpr std::size_t kTwoWheelers = 11;  // the first entries of kModels

constexpr std::string_view kColours[] = {"Black", "Red",    "Blue",       "Grey",       "Silver",
                                         "White", "Maroon", "Matt Black", "Sports Red", "Green"};

std::string Series(int series) {
  return {static_cast<char>('A' + series / 26), static_cast<char>('A' + series % 26)};
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Vehicle VehicleNumbers::Next(std::string_view state_code, int rto, bool two_wheeler, Rng& rng) {
  // An affine map with a multiplier coprime to the space is a bijection, so serials never
  // collide while the numbers look scattered.
  const std::uint64_t v = (++serial_ * 2654435761ULL + offset_) % kSpace;
  Vehicle out;
  out.state_code = state_code;
  out.rto = rto;
  out.series = static_cast<int>(v / 9999);
  out.number = static_cast<int>(v % 9999) + 1;
  out.model = static_cast<std::uint8_t>(
      two_wheeler ? rng.Below(kTwoWheelers)
                  : kTwoWheelers + rng.Below(std::size(kModels) - kTwoWheelers));
  out.colour = static_cast<std::uint8_t>(rng.Below(std::size(kColours)));
  return out;
}

std::string DescribeVehicle(const Vehicle& v) {
  const Model& m = kModels[v.model];
  return fmt::format("{} {}", m.make, m.model);
}

std::string_view ColourName(const Vehicle& v) { return kColours[v.colour]; }

std::string WriteRegistration(const Vehicle& v, Rng& rng) {
  const std::string series = Series(v.series);
  const int roll = static_cast<int>(rng.Below(100));
  if (roll < 40) return fmt::format("{} {:02} {} {:04}", v.state_code, v.rto, series, v.number);
  if (roll < 60) return fmt::format("{}{:02}{}{:04}", v.state_code, v.rto, series, v.number);
  if (roll < 70) {
    return Lower(fmt::format("{}{:02}{}{:04}", v.state_code, v.rto, series, v.number));
  }
  if (roll < 85) return fmt::format("{}-{:02}-{}-{:04}", v.state_code, v.rto, series, v.number);
  if (roll < 92) return fmt::format("{}{:02} {} {:04}", v.state_code, v.rto, series, v.number);
  return fmt::format("{} {:02} {}-{:04}", v.state_code, v.rto, series, v.number);
}

void WriteVehicle(const Vehicle& v, Rng& rng, VehicleLink& link) {
  const Model& m = kModels[v.model];
  link.registration = WriteRegistration(v, rng);
  link.make = rng.Chance(0.9) ? m.make : std::string_view();
  link.model = rng.Chance(0.3) ? m.short_model : rng.Chance(0.9) ? m.model : std::string_view();
  link.colour.clear();
  if (rng.Chance(0.85)) {
    link.colour = kColours[v.colour];
    if (rng.Chance(0.15)) link.colour = Lower(link.colour);
  }
}

}  // namespace sutra::gen
