// Addresses and places: homes written the way each state's records write them ("Flat 12, Sai
// Darshan Society, Hadapsar, Pune"; "No. 14, 3rd Cross, Jayanagar, Bengaluru Urban"), scenes of
// offences ("near bus stop, Kothrud, Pune"), and the hubs of a district (railway station, bus
// stand, lodges) that turn up in many unrelated FIRs.
//
// Coordinates, when given, fall near the locality's own point, itself within about ten
// kilometres of the district headquarters.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "datasets/generator/fir.h"
#include "datasets/generator/geography.h"
#include "datasets/generator/random.h"

namespace sutra::gen {

// Hands out location ids "L0000001", "L0000002", ... in creation order.
class LocationIds {
 public:
  std::string Next() { return Format(++last_); }

 private:
  static std::string Format(std::uint64_t n);
  std::uint64_t last_ = 0;
};

// A locality of `district` for a new address: the commoner ones (real ones first) more often.
std::size_t PickLocality(const District& district, Rng& rng);

Location MakeHome(const Geography& geo, std::size_t district, std::size_t locality,
                  LocationIds& ids, Rng& rng);
Location MakeScene(const Geography& geo, std::size_t district, std::size_t locality,
                   LocationIds& ids, Rng& rng);
// A short name for a kind of spot ("bus stop") used by scenes and modus-operandi text.
std::string_view PickSpot(Rng& rng);

// The shared places of one district.
struct DistrictHubs {
  const Location* railway_station = nullptr;  // scene and "residence" of the homeless
  const Location* bus_stand = nullptr;
  std::vector<const Location*> lodges;  // cheap lodges near the station, given as addresses
};

// Creates the hubs of `district`, appending the locations to `store` (which owns them).
DistrictHubs MakeHubs(const Geography& geo, std::size_t district, LocationIds& ids, Rng& rng,
                      std::vector<std::unique_ptr<Location>>& store);

}  // namespace sutra::gen
