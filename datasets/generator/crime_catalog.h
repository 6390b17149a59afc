// Kinds of offence the generator writes FIRs for: their share of FIRs, who appears in them, the
// acts and sections they are registered under (IPC before 2024-07-01, BNS from then on), and
// modus-operandi templates whose text matches the sections.
//
// Thread safety: the catalog is immutable; any thread may read it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/generator/random.h"

namespace sutra::gen {

enum class Crime : int {
  kTheft,
  kVehicleTheft,
  kChainSnatching,
  kRobbery,
  kHouseBreaking,
  kCheating,
  kCyberFraud,
  kAssault,
  kMurder,
  kSexualOffence,
  kDowryCruelty,
  kKidnapping,
  kNdps,
  kArmsAct,
  kProhibition,
  kAccident,
};
inline constexpr int kCrimeCount = 16;

enum class Complainant {
  kVictim,    // the victim complains: one record with roles complainant;victim
  kRelative,  // a relative complains for the victim (murder, a missing child)
  kPolice,    // an officer of the station complains (raids, seizures)
};

enum class VehicleUse { kNone, kStolen, kUsed, kSeized, kDriven };

struct CrimeProfile {
  std::string_view key;  // "chain_snatching"
  int weight;            // relative share among FIRs that no repeat offender is planned for
  double undetected;     // share of those FIRs with no accused known
  int accused_min, accused_max;
  int witness_min, witness_max;
  Complainant complainant;
  double female_victim;  // share of victims who are women
  bool sexual;           // victims are flagged sexual_offence_victim
  VehicleUse vehicle;
  double vehicle_share;  // share of FIRs with a vehicle row, when accused are known
  bool gang_suitable;    // repeat offenders and gangs specialise in it
};

const CrimeProfile& ProfileOf(Crime crime);
// An offence repeat offenders and gangs specialise in, by how common such careers are
// (thieves and house-breakers more than gun-runners).
Crime PickRepeatCrime(Rng& rng);

// One modus-operandi template with the sections it is registered under. Placeholders in
// `text` are filled from MoFacts by FillModusOperandi.
struct MoTemplate {
  std::string_view text;
  std::string_view ipc;  // sections separated by ';'
  std::string_view bns;
  bool minor_victim = false;  // written only when the victim is a child
};

// The facts a template may mention.
struct MoFacts {
  std::string_view locality, other_locality, spot;
  std::string_view vehicle;       // "Bajaj Pulsar 150"
  std::string_view registration;  // "MH 12 AB 1234"
  std::string_view colour;
  std::string_view prohibition_act;
  int accused_count = 1;
  int victim_age = 30;
};

// Picks a template for `crime` (child-victim templates only when `minor_victim`).
const MoTemplate& PickTemplate(Crime crime, bool minor_victim, Rng& rng);

// The template text with its placeholders filled; amounts, times, items, weapons and drugs are
// drawn from `rng`. NDPS sections depend on the drug, so the acts and sections are produced
// here too (appended to `sections` as views of static text).
std::string FillModusOperandi(Crime crime, const MoTemplate& tpl, const MoFacts& facts, bool bns,
                              Rng& rng, std::vector<std::string_view>& sections);

// Splits "IPC 379;IPC 411" into views of the same storage and appends them.
void AppendSections(std::string_view list, std::vector<std::string_view>& out);

}  // namespace sutra::gen
