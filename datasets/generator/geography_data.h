// The built-in tables behind Geography (geography_data.cc). Internal to the generator.
#pragma once

#include <span>
#include <string_view>

#include "datasets/generator/geography.h"

namespace sutra::gen::data {

struct DistrictSeed {
  std::string_view state_code;
  std::string_view name;
  std::string_view code;
  int rto;
  double latitude, longitude;
  int weight;
  std::string_view localities;  // real localities separated by '|'
};

std::span<const State> States();
std::span<const DistrictSeed> Districts();

// Parts for composing locality names beyond the real ones: "Gandhi" + " Nagar".
std::span<const std::string_view> LocalityStems();
std::span<const std::string_view> LocalitySuffixes();
// Further qualifiers for station names once composed localities run out: "East", "Rural".
std::span<const std::string_view> StationQualifiers();

}  // namespace sutra::gen::data
