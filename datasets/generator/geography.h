// States, districts and police stations of the generated world.
//
// The states and districts are real (names, district headquarters' approximate coordinates,
// vehicle registration office numbers); station names are real localities of the district
// where the built-in list has them, and plausible composed names beyond that ("Gandhi Nagar
// East PS"). Codes follow the `MH-PUN-0012` pattern: state code, district code, station number.
//
// Thread safety: a Geography is immutable after Build(); any thread may read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/generator/name_pools.h"
#include "datasets/generator/random.h"

namespace sutra::gen {

struct TraditionShare {
  Tradition tradition;
  int percent;
};

struct State {
  std::string_view name;                       // "Maharashtra"
  std::string_view code;                       // "MH": station codes
  std::string_view vehicle_code;               // "MH": vehicle registrations
  std::string_view prohibition_act;            // the state's liquor law as written in acts_sections
  std::span<const TraditionShare> traditions;  // who lives there, by naming tradition
  bool maharashtra_ranks;  // police ranks written PSI/API/PI instead of SI/ASI/Inspector
};

struct District {
  std::string_view name;                // "Pune"
  std::string_view code;                // "PUN"
  int rto;                              // vehicle registration office number, "MH 12"
  double latitude, longitude;           // headquarters, approximately
  int weight;                           // relative share of crime
  std::size_t state;                    // index into Geography::states()
  std::vector<std::string> localities;  // real localities first, composed ones after
};

struct Station {
  std::string code;  // "MH-PUN-0012"
  std::string name;  // "Shivajinagar PS"
  std::size_t district;
  std::size_t locality;  // index into the district's localities: the one it is named after
  int weight;            // relative share of the district's FIRs
};

class Geography {
 public:
  // Builds `station_count` stations (at least 1) spread over districts by weight. Fewer
  // stations use fewer districts (about four stations per district, at least three districts)
  // so that a small world still has neighbouring stations. Which districts is drawn from `rng`.
  static Geography Build(std::uint32_t station_count, Rng& rng);

  std::span<const State> states() const;
  const State& state(std::size_t index) const { return states()[index]; }
  const std::vector<District>& districts() const { return districts_; }
  const std::vector<Station>& stations() const { return stations_; }
  // Districts that have stations, and each one's stations.
  const std::vector<std::size_t>& active_districts() const { return active_districts_; }
  const std::vector<std::size_t>& stations_of(std::size_t district) const {
    return stations_by_district_[district];
  }
  const State& state_of(const District& d) const { return state(d.state); }

 private:
  std::vector<District> districts_;
  std::vector<Station> stations_;
  std::vector<std::size_t> active_districts_;
  std::vector<std::vector<std::size_t>> stations_by_district_;
};

}  // namespace sutra::gen
