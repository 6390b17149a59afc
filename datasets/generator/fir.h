// The generator's output unit: one FIR with everything written in it, as plain values. The
// sinks (csv_sink.h, jsonl_sink.h) turn it into the CSV bundle or the JSONL FIR feed; the
// column meanings are those of datasets/README.md.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace sutra::gen {

struct Station;
struct District;
struct State;

inline constexpr std::uint32_t kNotShared = 0xFFFFFFFF;

struct Location {
  std::string id;  // "L0000042", unique in the output
  std::string address;
  std::string_view district, state;
  bool has_coordinates = false;
  double latitude = 0, longitude = 0;
  // Index among the world's shared locations (hubs, homes of repeat offenders), which many
  // FIRs may mention; kNotShared for a location that belongs to one FIR.
  std::uint32_t shared_slot = kNotShared;
};

// Role bits of a person record.
enum Role : std::uint8_t {
  kAccused = 1,
  kVictim = 2,
  kComplainant = 4,
  kWitness = 8,
  kArrested = 16,
};
struct RoleName {
  Role role;
  std::string_view name;
};
// The order roles are written in: "complainant;victim", "accused;arrested".
inline constexpr RoleName kRoleOrder[] = {{kComplainant, "complainant"},
                                          {kVictim, "victim"},
                                          {kAccused, "accused"},
                                          {kArrested, "arrested"},
                                          {kWitness, "witness"}};

enum Flag : std::uint8_t {
  kJuvenile = 1,
  kWrongfulArrest = 2,
  kSexualOffenceVictim = 4,
};
struct FlagName {
  Flag flag;
  std::string_view name;
};
inline constexpr FlagName kFlagOrder[] = {{kJuvenile, "juvenile"},
                                          {kWrongfulArrest, "wrongful_arrest"},
                                          {kSexualOffenceVictim, "sexual_offence_victim"}};

struct PersonRecord {
  std::string record_id;  // "R0000042", unique in the output
  std::uint8_t roles = 0;
  std::string name, alias, relative_name;
  std::string_view relation;  // "father", "husband" or "" (with an empty relative_name)
  char gender = 0;            // 'M', 'F', 'T' or 0 when not written
  int age = -1;               // -1: not written
  int birth_year = -1;        // -1: not written
  std::string dob;            // "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  const Location* address = nullptr;
  std::string phone;  // as written
  std::uint8_t flags = 0;
  // Ground truth, written only to truth.csv.
  std::string person_id;  // "P0000042"
  std::string gang_id;    // "G00042" or ""
};

struct VehicleLink {
  std::string registration;  // as written
  std::string_view make, model;
  std::string colour;
  bool seized = false;  // false: used in the offence
  std::string owner_record_id;
};

struct CallRecord {
  std::string caller, callee;  // as written
  std::string started_at;      // "YYYY-MM-DDTHH:MM:SS"
  int duration_s = 0;
};

struct Fir {
  const Station* station = nullptr;
  const District* district = nullptr;
  const State* state = nullptr;
  std::string fir_number;     // "0123/2023"
  std::string registered_on;  // "YYYY-MM-DD"
  std::vector<std::string_view> acts_sections;
  std::string_view status;
  std::string modus_operandi;
  const Location* place = nullptr;
  std::vector<PersonRecord> persons;
  std::vector<VehicleLink> vehicles;
  std::vector<CallRecord> calls;
  // Every location this FIR is the first to mention, in order of mention: locations.csv lists
  // each location once, with the first FIR that mentions it.
  std::vector<const Location*> first_mentions;
  // The locations that belong to this FIR, owned here (a deque keeps pointers to them stable).
  std::deque<Location> new_locations;
};

}  // namespace sutra::gen
