// The generated world and the plan of every FIR, built before any FIR is written.
//
// The world holds what persists across FIRs: the geography, the repeat offenders (some in
// gangs, with shared phones and vehicles), each station's officers and phone, each district's
// hubs and lawyers' phones. The plan fixes, for every FIR, its registration day, station,
// offence and which repeat offenders are its accused; plans are sorted by day so FIR numbers
// grow with dates within a station and year.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "datasets/generator/crime_catalog.h"
#include "datasets/generator/generator.h"
#include "datasets/generator/geography.h"
#include "datasets/generator/identity.h"
#include "datasets/generator/places.h"
#include "datasets/generator/vehicles.h"

namespace sutra::gen {

// FIRs are registered from kFirstDay to kLastDay; case outcomes are as of kAsOfDay; BNS
// replaced the IPC for offences registered from kBnsDay.
extern const int kFirstDay, kLastDay, kAsOfDay, kBnsDay;
inline constexpr int kFirstYear = 2018;
inline constexpr int kYears = 8;
inline constexpr int kOfficersPerStation = 3;
// Share of FIRs planned for repeat offenders that also name a one-off co-accused (used by the
// planner's arithmetic and by the FIR builder).
inline constexpr double kFreshCoAccused = 0.25;

// Hands out unique 10-digit mobile numbers that look scattered.
class PhoneNumbers {
 public:
  explicit PhoneNumbers(std::uint64_t seed) : offset_(seed % kSpace) {}
  std::uint64_t Next() { return 6'000'000'000ULL + (++serial_ * 2654435761ULL + offset_) % kSpace; }

 private:
  static constexpr std::uint64_t kSpace = 4'000'000'000ULL;
  std::uint64_t offset_;
  std::uint64_t serial_ = 0;
};

struct Gang {
  std::string id;  // "G00001"
  Crime specialty;
  std::size_t home_district;
  std::vector<std::uint32_t> members;  // indices into World::people
  std::vector<std::uint64_t> phones;   // shared by the members
  std::vector<Vehicle> vehicles;       // used again and again
};

// A planned FIR whose accused are repeat offenders.
struct Event {
  std::uint32_t first_member = 0;  // into World::event_members
  std::uint32_t member_count = 0;
  std::int32_t gang = -1;  // -1: a lone repeat offender
};

struct FirPlan {
  std::int32_t day;
  std::uint32_t station;
  std::int32_t event;  // -1: no repeat offender planned
  Crime crime;
};

struct World {
  Geography geo;
  std::vector<Identity> people;  // repeat offenders [0, repeaters), then officers
  std::uint32_t repeaters = 0;
  std::uint32_t first_officer = 0;  // station s has officers first_officer + 3 * s + k
  std::vector<Gang> gangs;
  std::vector<std::uint64_t> station_phones;
  std::vector<DistrictHubs> hubs;                         // by district index
  std::vector<std::vector<std::uint64_t>> lawyer_phones;  // by district index
  std::vector<std::unique_ptr<Location>> shared_locations;
  std::vector<Event> events;
  std::vector<std::uint32_t> event_members;
  std::vector<FirPlan> plans;  // in output order
  // Running totals of station weights, by district, for PickStation.
  std::vector<std::vector<std::uint32_t>> station_weight_totals;

  // Counters that FIR generation continues.
  LocationIds location_ids;
  PhoneNumbers phones;
  VehicleNumbers vehicles;
  std::uint32_t next_person_number = 0;

  World(std::uint64_t seed) : phones(seed), vehicles(seed) {}
};

// Builds the world and the plan of options.firs FIRs. Deterministic in `rng`.
std::unique_ptr<World> BuildWorld(const GeneratorOptions& options, Rng& rng);

// A naming tradition for a person of `state`: the state's mix, or at `migrant_share` any.
Tradition PickTradition(const State& state, double migrant_share, Rng& rng);

// A birth day for someone `age` years old on `day`.
int BirthDayFor(int age, int day, Rng& rng);

// The station that registers an FIR in `district`: busier stations more often.
std::uint32_t PickStation(const World& world, std::size_t district, Rng& rng);

}  // namespace sutra::gen
