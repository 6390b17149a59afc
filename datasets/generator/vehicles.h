// Vehicles: unique registration numbers of a state's registration offices, written in the many
// ways records write them ("MH 12 AB 1234", "mh12ab1234", "MH-12-AB-1234"), with make, model and
// colour (also varied: "Pulsar" for "Pulsar 150", "black" for "Black").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "datasets/generator/fir.h"
#include "datasets/generator/random.h"

namespace sutra::gen {

struct Vehicle {
  std::string_view state_code;  // "MH"
  int rto = 1;                  // "12"
  int series = 0;               // two letters: 0 -> "AA", 675 -> "ZZ"
  int number = 1;               // 1..9999, written with four digits
  std::uint8_t model = 0;       // index into the model table
  std::uint8_t colour = 0;
};

// Hands out vehicles whose registration numbers never repeat within one generator run.
class VehicleNumbers {
 public:
  explicit VehicleNumbers(std::uint64_t seed) : offset_(seed % kSpace) {}
  // A new vehicle registered at `state_code` `rto`; two-wheelers when `two_wheeler`.
  Vehicle Next(std::string_view state_code, int rto, bool two_wheeler, Rng& rng);

 private:
  static constexpr std::uint64_t kSpace = 676ULL * 9999ULL;
  std::uint64_t offset_;
  std::uint64_t serial_ = 0;
};

// "Bajaj Pulsar 150": for modus-operandi text.
std::string DescribeVehicle(const Vehicle& v);
std::string_view ColourName(const Vehicle& v);
// A registration as one record writes it.
std::string WriteRegistration(const Vehicle& v, Rng& rng);
// A vehicles.csv row's vehicle fields as one record writes them (make or model may be left
// out, the model shortened, the colour in another case).
void WriteVehicle(const Vehicle& v, Rng& rng, VehicleLink& link);

}  // namespace sutra::gen
