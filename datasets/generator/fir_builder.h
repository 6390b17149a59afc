// Turns one FirPlan into a complete FIR: number, sections, status, modus operandi, place, the
// persons with their roles (each rendered through the spelling habits of records), vehicles and
// call records. Repeat offenders are written differently in each FIR they appear in.
//
// Thread safety: a FirBuilder mutates its World's counters; one thread at a time.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "datasets/generator/fir.h"
#include "datasets/generator/generator.h"
#include "datasets/generator/world.h"

namespace sutra::gen {

class FirBuilder {
 public:
  FirBuilder(const GeneratorOptions& options, World& world, Rng& rng);

  // Replaces the contents of `fir` with the FIR of `plan`. Plans must come in World::plans
  // order, which numbers FIRs by date within their station and year.
  void Build(const FirPlan& plan, Fir& fir);

  // Distinct true persons written so far.
  std::uint64_t persons_written() const { return fresh_persons_ + world_persons_used_; }

 private:
  // A person taking part in the FIR being built.
  struct Actor {
    Identity* who;
    std::int64_t world_index;  // index into World::people, -1 for a one-off person
  };

  // Steps of Build(), in order.
  void Begin(const FirPlan& plan, Fir& fir);
  void AddAccused(Crime crime, const Event* event, Fir& fir);
  std::size_t AddPlace(Crime crime, Fir& fir);  // returns the locality of the place
  std::optional<Vehicle> InvolvedVehicle(Crime crime, const Gang* gang, const Fir& fir);
  void WriteStory(Crime crime, const MoTemplate& tpl, std::size_t locality, const Vehicle* vehicle,
                  int victim_age, Fir& fir);
  void AddVictims(Crime crime, bool minor, bool girl, int victim_age, Fir& fir);
  void AddAccusedRecords(Crime crime, Fir& fir);
  void AddVehicle(Crime crime, const Vehicle* vehicle, Fir& fir);
  void AddCalls(Crime crime, const Gang* gang, Fir& fir);

  // A one-off person of the FIR's district, named in `tradition` or a local one.
  Actor Fresh(char gender, int age, std::optional<Tradition> tradition = std::nullopt);
  Tradition LocalTradition();
  Actor FreshAccused();
  // A location that belongs to this FIR.
  const Location* NewLocation(Location location, Fir& fir);
  // Notes that the FIR mentions `location` (may be null), listing a shared one on its first
  // mention in the output; returns `location`.
  const Location* Mention(const Location* location, Fir& fir);

  PersonRecord& AddRecord(Fir& fir, const Actor& actor, std::uint8_t roles);
  void RenderRepeater(const Identity& person, std::uint32_t index, PersonRecord& record);
  const Location* AddressFor(const Actor& actor, std::uint8_t roles, Fir& fir);
  std::uint64_t PhoneFor(const Actor& actor, std::uint8_t roles);

  void AppendCall(std::uint64_t caller, std::uint64_t callee, Fir& fir);

  const GeneratorOptions& options_;
  World& world_;
  Rng& rng_;
  std::vector<std::uint16_t> fir_counters_;             // by station and year
  std::vector<std::vector<std::uint64_t>> renderings_;  // by repeat offender: fingerprints
  std::vector<bool> world_person_used_;
  std::vector<bool> shared_mentioned_;  // by Location::shared_slot
  std::uint64_t fresh_persons_ = 0;
  std::uint64_t world_persons_used_ = 0;
  std::uint64_t next_record_ = 0;

  // State of the FIR being built.
  int day_ = 0;
  std::size_t district_ = 0;
  std::uint32_t station_ = 0;
  std::string_view status_;
  std::deque<Identity> fresh_;  // one-off persons of this FIR (a deque keeps them in place)
  std::vector<Actor> accused_;
  std::int64_t victim_record_ = -1;  // index into Fir::persons of the main victim
  const Identity* victim_ = nullptr;
  std::int64_t first_accused_record_ = -1;
};

}  // namespace sutra::gen
