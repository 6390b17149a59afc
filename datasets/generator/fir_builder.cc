#include "datasets/generator/fir_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "datasets/generator/dates.h"
#include "datasets/generator/spelling_variants.h"

namespace sutra::gen {
namespace {

using enum Crime;

constexpr std::string_view kUnderInvestigation = "under_investigation";
constexpr std::string_view kChargeSheeted = "charge_sheeted";
constexpr std::string_view kClosed = "closed";
constexpr std::string_view kConvicted = "convicted";
constexpr std::string_view kAcquitted = "acquitted";
constexpr std::string_view kDischarged = "discharged";

// Case outcome by age of the case (as of kAsOfDay): older cases have more often reached a
// verdict; FIRs with no accused known stay under investigation or end closed (untraced).
std::string_view PickStatus(int day, bool detected, Rng& rng) {
  const int days = kAsOfDay - day;
  const int bucket = days < 183 ? 0 : days < 365 ? 1 : days < 730 ? 2 : days < 1461 ? 3 : 4;
  const int roll = static_cast<int>(rng.Below(100));
  if (!detected) {
    constexpr int kOpen[] = {85, 60, 35, 20, 10};
    return roll < kOpen[bucket] ? kUnderInvestigation : kClosed;
  }
  constexpr std::string_view kOrder[] = {kUnderInvestigation, kChargeSheeted, kClosed,
                                         kConvicted,          kAcquitted,     kDischarged};
  constexpr int kShares[5][6] = {{70, 25, 4, 0, 0, 1},
                                 {45, 45, 7, 1, 1, 1},
                                 {22, 55, 8, 6, 6, 3},
                                 {10, 48, 9, 15, 14, 4},
                                 {5, 35, 10, 24, 21, 5}};
  int left = roll;
  for (int i = 0; i < 6; ++i) {
    if (left < kShares[bucket][i]) return kOrder[i];
    left -= kShares[bucket][i];
  }
  return kChargeSheeted;
}

double ArrestShare(std::string_view status) {
  if (status == kChargeSheeted) return 0.8;
  if (status == kConvicted) return 0.9;
  if (status == kAcquitted) return 0.7;
  if (status == kDischarged) return 0.5;
  if (status == kClosed) return 0.2;
  return 0.45;
}

bool PoliceCase(Crime crime) { return ProfileOf(crime).complainant == Complainant::kPolice; }

std::uint64_t Fingerprint(const PersonRecord& r) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  auto mix = [&h](std::string_view s) {
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    h = (h ^ 0x1F) * 0x100000001B3ULL;
  };
  mix(r.name);
  mix(r.alias);
  mix(r.relative_name);
  return h;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

FirBuilder::FirBuilder(const GeneratorOptions& options, World& world, Rng& rng)
    : options_(options),
      world_(world),
      rng_(rng),
      fir_counters_(world.geo.stations().size() * kYears, 0),
      renderings_(world.repeaters),
      world_person_used_(world.people.size(), false),
      shared_mentioned_(world.shared_locations.size(), false) {}

Tradition FirBuilder::LocalTradition() {
  const State& state = world_.geo.state_of(world_.geo.districts()[district_]);
  return PickTradition(state, options_.migrant_share, rng_);
}

FirBuilder::Actor FirBuilder::Fresh(char gender, int age, std::optional<Tradition> tradition) {
  const Tradition t = tradition ? *tradition : LocalTradition();
  fresh_.push_back(MakeIdentity(t, gender, BirthDayFor(age, day_, rng_), rng_));
  Identity& p = fresh_.back();
  p.number = ++world_.next_person_number;
  ++fresh_persons_;
  return Actor{&p, -1};
}

FirBuilder::Actor FirBuilder::FreshAccused() {
  const int roll = static_cast<int>(rng_.Below(1000));
  const char gender = roll < 920 ? 'M' : roll < 997 ? 'F' : 'T';
  const int age = rng_.Chance(options_.juvenile_rate) ? rng_.Between(14, 17)
                                                      : 19 + static_cast<int>(rng_.Skewed(42));
  Actor a = Fresh(gender, age);
  if (rng_.Chance(options_.alias_share)) a.who->alias = Nicknames()[rng_.Below(Nicknames().size())];
  return a;
}

void FirBuilder::AddAccused(Crime crime, const Event* event, Fir& fir) {
  accused_.clear();
  if (event != nullptr) {
    for (std::uint32_t k = 0; k < event->member_count; ++k) {
      const std::uint32_t index = world_.event_members[event->first_member + k];
      accused_.push_back(Actor{&world_.people[index], index});
    }
    if (rng_.Chance(kFreshCoAccused)) accused_.push_back(FreshAccused());
    return;
  }
  const CrimeProfile& profile = ProfileOf(crime);
  if (rng_.Chance(profile.undetected)) return;
  const int count = rng_.Between(profile.accused_min, profile.accused_max);
  if (crime != kDowryCruelty) {
    for (int i = 0; i < count; ++i) accused_.push_back(FreshAccused());
    return;
  }
  // The husband and his family: his mother, a brother or sister, all children (or the wife) of
  // a father who is not in the FIR, living in one house.
  const Tradition tradition = LocalTradition();
  const Identity father =
      MakeIdentity(tradition, 'M', BirthDayFor(rng_.Between(50, 70), day_, rng_), rng_);
  const Location* home = NewLocation(
      MakeHome(world_.geo, district_, PickLocality(world_.geo.districts()[district_], rng_),
               world_.location_ids, rng_),
      fir);
  for (int i = 0; i < count; ++i) {
    const bool mother = i == 1;
    const char gender = i == 0 ? 'M' : mother || rng_.Chance(0.5) ? 'F' : 'M';
    const int age = i == 0   ? rng_.Between(23, 38)
                    : mother ? rng_.Between(45, 65)
                             : rng_.Between(18, 35);
    Actor member = Fresh(gender, age, tradition);
    if (mother) {
      MarryTo(*member.who, father);
    } else {
      MakeChildOf(*member.who, father);
    }
    member.who->home = home;
    accused_.push_back(member);
  }
}

const Location* FirBuilder::NewLocation(Location location, Fir& fir) {
  fir.new_locations.push_back(std::move(location));
  fir.first_mentions.push_back(&fir.new_locations.back());
  return &fir.new_locations.back();
}

const Location* FirBuilder::Mention(const Location* location, Fir& fir) {
  if (location == nullptr || location->shared_slot == kNotShared) return location;
  if (!shared_mentioned_[location->shared_slot]) {
    shared_mentioned_[location->shared_slot] = true;
    fir.first_mentions.push_back(location);
  }
  return location;
}

void FirBuilder::RenderRepeater(const Identity& person, std::uint32_t index, PersonRecord& record) {
  std::vector<std::uint64_t>& seen = renderings_[index];
  SpellingRates rates = options_.spelling;
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (attempt == 6) {
      // Still a spelling seen before: insist on a Latin-script variant.
      rates.devanagari = 0;
      rates.transliteration = 1;
    }
    RenderName(person, rates, rng_, record);
    if (attempt == 7 && IsAscii(record.name)) MakeTypo(record.name, rng_);
    const std::uint64_t fingerprint = Fingerprint(record);
    if (std::find(seen.begin(), seen.end(), fingerprint) == seen.end() || attempt == 7) {
      seen.push_back(fingerprint);
      return;
    }
  }
}

const Location* FirBuilder::AddressFor(const Actor& actor, std::uint8_t roles, Fir& fir) {
  Identity& p = *actor.who;
  if (!p.title.empty()) return nullptr;  // officers are written without an address
  const DistrictHubs& hubs = world_.hubs[district_];
  if ((roles & kAccused) != 0 && rng_.Chance(options_.hub_rate)) {
    return rng_.Chance(0.7) ? hubs.lodges[rng_.Below(hubs.lodges.size())] : hubs.railway_station;
  }
  if (actor.world_index >= 0) {
    if (rng_.Chance(0.85)) return p.home;
    const District& home = world_.geo.districts()[static_cast<std::size_t>(p.home_district)];
    return NewLocation(MakeHome(world_.geo, static_cast<std::size_t>(p.home_district),
                                PickLocality(home, rng_), world_.location_ids, rng_),
                       fir);
  }
  if (p.home != nullptr) return p.home;
  if (!rng_.Chance(0.85)) return nullptr;
  // Most live in the district; some were passing through from elsewhere.
  std::size_t where = district_;
  if (rng_.Chance(0.1)) {
    const auto& active = world_.geo.active_districts();
    where = active[rng_.Below(active.size())];
  }
  p.home =
      NewLocation(MakeHome(world_.geo, where, PickLocality(world_.geo.districts()[where], rng_),
                           world_.location_ids, rng_),
                  fir);
  return p.home;
}

std::uint64_t FirBuilder::PhoneFor(const Actor& actor, std::uint8_t roles) {
  Identity& p = *actor.who;
  if (!p.title.empty()) return p.phone;  // the station's phone
  const bool accused = (roles & kAccused) != 0;
  if (accused && rng_.Chance(options_.hub_rate)) {
    const auto& lawyers = world_.lawyer_phones[district_];
    return lawyers[rng_.Below(lawyers.size())];
  }
  if (actor.world_index >= 0) {
    if (p.gang >= 0 && rng_.Chance(0.25)) {
      const auto& shared = world_.gangs[static_cast<std::size_t>(p.gang)].phones;
      return shared[rng_.Below(shared.size())];
    }
    return rng_.Chance(0.7) ? p.phone : 0;
  }
  if (p.phone != 0) return p.phone;
  if (AgeOn(p.birth_day, day_) < 15) return 0;  // children give no phone of their own
  const double share = (roles & kComplainant) != 0 ? 0.9 : accused ? 0.45 : 0.6;
  if (rng_.Chance(share)) p.phone = world_.phones.Next();
  return p.phone;
}

PersonRecord& FirBuilder::AddRecord(Fir& fir, const Actor& actor, std::uint8_t roles) {
  fir.persons.emplace_back();
  PersonRecord& r = fir.persons.back();
  const Identity& p = *actor.who;
  r.record_id = fmt::format("R{:07}", ++next_record_);
  r.roles = roles;
  if (actor.world_index >= 0 && static_cast<std::uint64_t>(actor.world_index) < world_.repeaters) {
    RenderRepeater(p, static_cast<std::uint32_t>(actor.world_index), r);
  } else {
    RenderName(p, options_.spelling, rng_, r);
  }
  if (actor.world_index >= 0 && !world_person_used_[static_cast<std::size_t>(actor.world_index)]) {
    world_person_used_[static_cast<std::size_t>(actor.world_index)] = true;
    ++world_persons_used_;
  }
  r.gender = rng_.Chance(0.02) ? 0 : p.gender;
  RenderAge(p, day_, options_.spelling, rng_, r);
  r.address = Mention(AddressFor(actor, roles, fir), fir);
  if (const std::uint64_t phone = PhoneFor(actor, roles); phone != 0) {
    r.phone = WritePhone(phone, rng_);
  }
  if (AgeOn(p.birth_day, day_) < 18) r.flags |= kJuvenile;
  r.person_id = fmt::format("P{:07}", p.number);
  if (p.gang >= 0) r.gang_id = world_.gangs[static_cast<std::size_t>(p.gang)].id;
  return r;
}

void FirBuilder::AddVictims(Crime crime, bool minor, bool girl, int victim_age, Fir& fir) {
  const CrimeProfile& profile = ProfileOf(crime);
  const std::uint8_t sexual = profile.sexual ? kSexualOffenceVictim : 0;
  if (profile.complainant == Complainant::kPolice) {
    const std::uint32_t officer = world_.first_officer + station_ * kOfficersPerStation +
                                  static_cast<std::uint32_t>(rng_.Below(kOfficersPerStation));
    AddRecord(fir, Actor{&world_.people[officer], officer}, kComplainant);
    return;
  }
  if (minor) {
    // A parent complains for the child, who lives with them.
    Actor parent = Fresh('M', rng_.Between(30, 55));
    Actor child = Fresh(girl ? 'F' : 'M', victim_age, parent.who->tradition);
    MakeChildOf(*child.who, *parent.who);
    AddRecord(fir, parent, kComplainant);
    parent.who->home = fir.persons.back().address;
    child.who->home = parent.who->home;
    victim_record_ = static_cast<std::int64_t>(fir.persons.size());
    victim_ = child.who;
    AddRecord(fir, child, kVictim).flags |= sexual;
    return;
  }
  const char gender = rng_.Chance(profile.female_victim) ? 'F' : 'M';
  const int age = crime == kChainSnatching ? rng_.Between(30, 72) : rng_.Between(18, 70);
  const bool dowry = crime == kDowryCruelty && !accused_.empty();
  Actor victim = dowry ? Fresh('F', rng_.Between(20, 34), accused_.front().who->tradition)
                       : Fresh(gender, age);
  if (dowry) MarryTo(*victim.who, *accused_.front().who);
  if (profile.complainant == Complainant::kRelative) {
    Actor relative = Fresh(rng_.Chance(0.75) ? 'M' : 'F', rng_.Between(20, 65));
    AddRecord(fir, relative, kComplainant);
    victim_record_ = static_cast<std::int64_t>(fir.persons.size());
    victim_ = victim.who;
    AddRecord(fir, victim, kVictim);
    return;
  }
  victim_record_ = static_cast<std::int64_t>(fir.persons.size());
  victim_ = victim.who;
  if (crime == kCyberFraud && victim.who->phone == 0) victim.who->phone = world_.phones.Next();
  AddRecord(fir, victim, kComplainant | kVictim).flags |= sexual;
  if (crime == kAssault && rng_.Chance(0.25)) {
    AddRecord(fir, Fresh(rng_.Chance(0.7) ? 'M' : 'F', rng_.Between(18, 65)), kVictim);
  }
}

void FirBuilder::AddVehicle(Crime crime, const Vehicle* vehicle, Fir& fir) {
  const CrimeProfile& profile = ProfileOf(crime);
  if (vehicle == nullptr || first_accused_record_ < 0 || !rng_.Chance(profile.vehicle_share))
    return;
  VehicleLink link;
  WriteVehicle(*vehicle, rng_, link);
  std::int64_t owner = -1;
  switch (profile.vehicle) {
    case VehicleUse::kStolen:  // recovered and seized; the victim owns it
      link.seized = true;
      if (rng_.Chance(0.6)) owner = victim_record_;
      break;
    case VehicleUse::kDriven:
      if (rng_.Chance(0.5)) owner = first_accused_record_;
      break;
    case VehicleUse::kSeized:
      link.seized = true;
      if (rng_.Chance(0.4)) owner = first_accused_record_;
      break;
    case VehicleUse::kUsed:
      link.seized = (status_ == kChargeSheeted || status_ == kConvicted) && rng_.Chance(0.5);
      if (rng_.Chance(0.3)) owner = first_accused_record_;
      break;
    case VehicleUse::kNone:
      return;
  }
  if (owner >= 0) link.owner_record_id = fir.persons[static_cast<std::size_t>(owner)].record_id;
  fir.vehicles.push_back(std::move(link));
}

void FirBuilder::AppendCall(std::uint64_t caller, std::uint64_t callee, Fir& fir) {
  CallRecord call;
  call.caller = WritePhone(caller, rng_);
  call.callee = WritePhone(callee, rng_);
  const int day = day_ - static_cast<int>(rng_.Below(10));
  const std::uint64_t second = rng_.Below(86400);
  AppendIsoDate(day, call.started_at);
  fmt::format_to(std::back_inserter(call.started_at), "T{:02}:{:02}:{:02}", second / 3600,
                 second / 60 % 60, second % 60);
  call.duration_s = rng_.Chance(0.15) ? 0 : 5 + static_cast<int>(rng_.Skewed(900));
  fir.calls.push_back(std::move(call));
}

void FirBuilder::AddCalls(Crime crime, const Gang* gang, Fir& fir) {
  const std::uint64_t victim_phone = victim_ != nullptr ? victim_->phone : 0;
  if (gang != nullptr) {
    // Calls inside the gang around the offence, and a few to outsiders.
    std::vector<std::uint64_t> phones = gang->phones;
    for (std::uint32_t m : gang->members) {
      if (world_.people[m].phone != 0) phones.push_back(world_.people[m].phone);
    }
    const int calls = rng_.Between(5, 15);
    for (int i = 0; i < calls && phones.size() >= 2; ++i) {
      const std::size_t a = rng_.Below(phones.size());
      std::size_t b = rng_.Below(phones.size() - 1);
      if (b >= a) ++b;
      AppendCall(phones[a], phones[b], fir);
    }
    const int outsiders = rng_.Between(1, 3);
    for (int i = 0; i < outsiders; ++i) {
      AppendCall(phones[rng_.Below(phones.size())], world_.phones.Next(), fir);
    }
    if (crime == kCyberFraud && victim_phone != 0) {
      for (int i = rng_.Between(1, 4); i > 0; --i)
        AppendCall(gang->phones.front(), victim_phone, fir);
    }
  } else if (crime == kCyberFraud && victim_phone != 0) {
    const std::uint64_t fraudster = world_.phones.Next();
    for (int i = rng_.Between(2, 6); i > 0; --i) {
      if (rng_.Chance(0.8)) {
        AppendCall(fraudster, victim_phone, fir);
      } else {
        AppendCall(victim_phone, fraudster, fir);
      }
    }
  } else if (rng_.Chance(options_.calls_rate)) {
    std::uint64_t subject = 0;
    for (const Actor& a : accused_) {
      if (a.who->phone != 0) subject = a.who->phone;
    }
    if (subject == 0) subject = victim_phone;
    if (subject == 0) return;
    for (int i = rng_.Between(2, 5); i > 0; --i) {
      const std::uint64_t other = world_.phones.Next();
      if (rng_.Chance(0.5)) {
        AppendCall(subject, other, fir);
      } else {
        AppendCall(other, subject, fir);
      }
    }
  }
  std::sort(fir.calls.begin(), fir.calls.end(),
            [](const CallRecord& a, const CallRecord& b) { return a.started_at < b.started_at; });
}

void FirBuilder::Begin(const FirPlan& plan, Fir& fir) {
  fir.acts_sections.clear();
  fir.persons.clear();
  fir.vehicles.clear();
  fir.calls.clear();
  fir.new_locations.clear();
  fir.first_mentions.clear();
  fresh_.clear();
  victim_record_ = -1;
  victim_ = nullptr;
  first_accused_record_ = -1;

  const Geography& geo = world_.geo;
  const Station& station = geo.stations()[plan.station];
  station_ = plan.station;
  district_ = station.district;
  day_ = plan.day;
  fir.station = &station;
  fir.district = &geo.districts()[district_];
  fir.state = &geo.state_of(*fir.district);
  fir.registered_on = IsoDate(day_);
  // Plans come in date order, so numbers grow with dates within a station and year.
  const int year = ToCivil(day_).year;
  std::uint16_t& counter =
      fir_counters_[plan.station * kYears + static_cast<std::size_t>(year - kFirstYear)];
  fir.fir_number = fmt::format("{:04}/{}", ++counter, year);
}

std::size_t FirBuilder::AddPlace(Crime crime, Fir& fir) {
  const Station& station = *fir.station;
  std::size_t locality = rng_.Chance(0.5) ? station.locality : PickLocality(*fir.district, rng_);
  fir.place = nullptr;
  if (!rng_.Chance(0.92)) return locality;
  // Street crime happens at the district's railway station and bus stand more than elsewhere.
  const bool street = crime == kTheft || crime == kChainSnatching || crime == kRobbery;
  if (rng_.Chance(street ? 0.12 : 0.03)) {
    const DistrictHubs& hubs = world_.hubs[district_];
    fir.place = Mention(rng_.Chance(0.6) ? hubs.railway_station : hubs.bus_stand, fir);
    return 0;
  }
  fir.place =
      NewLocation(MakeScene(world_.geo, district_, locality, world_.location_ids, rng_), fir);
  return locality;
}

std::optional<Vehicle> FirBuilder::InvolvedVehicle(Crime crime, const Gang* gang, const Fir& fir) {
  const CrimeProfile& profile = ProfileOf(crime);
  // Cyber fraud has none, but one of its stories is about a vehicle for sale.
  if (profile.vehicle == VehicleUse::kNone && crime != kCyberFraud) return std::nullopt;
  const bool gang_vehicle =
      gang != nullptr && !gang->vehicles.empty() &&
      (profile.vehicle == VehicleUse::kUsed || profile.vehicle == VehicleUse::kSeized) &&
      rng_.Chance(0.7);
  if (gang_vehicle) return gang->vehicles[rng_.Below(gang->vehicles.size())];
  const bool bike =
      crime == kChainSnatching || (profile.vehicle != VehicleUse::kSeized && rng_.Chance(0.6));
  const int rto = rng_.Chance(0.85) ? fir.district->rto : rng_.Between(1, 50);
  return world_.vehicles.Next(fir.state->vehicle_code, rto, bike, rng_);
}

void FirBuilder::WriteStory(Crime crime, const MoTemplate& tpl, std::size_t locality,
                            const Vehicle* vehicle, int victim_age, Fir& fir) {
  const District& district = *fir.district;
  const std::string description = vehicle != nullptr ? DescribeVehicle(*vehicle) : "";
  const std::string registration = vehicle != nullptr ? WriteRegistration(*vehicle, rng_) : "";
  MoFacts facts;
  facts.locality = district.localities[locality];
  facts.other_locality = district.localities[PickLocality(district, rng_)];
  facts.spot = PickSpot(rng_);
  facts.vehicle = description;
  facts.registration = registration;
  facts.colour = vehicle != nullptr ? ColourName(*vehicle) : std::string_view();
  facts.prohibition_act = fir.state->prohibition_act;
  facts.accused_count = static_cast<int>(accused_.size());
  facts.victim_age = victim_age;
  const bool bns = day_ >= kBnsDay;
  fir.modus_operandi = FillModusOperandi(crime, tpl, facts, bns, rng_, fir.acts_sections);

  // Acting jointly (IPC 34 / BNS 3(5)) goes with two or more accused.
  const std::string_view joint = bns ? "BNS 3(5)" : "IPC 34";
  auto& sections = fir.acts_sections;
  const auto found = std::find(sections.begin(), sections.end(), joint);
  if (accused_.size() < 2 && found != sections.end()) {
    sections.erase(found);
  } else if (accused_.size() >= 2 && found == sections.end() && !PoliceCase(crime) &&
             crime != kAccident) {
    sections.push_back(joint);
  }
}

void FirBuilder::AddAccusedRecords(Crime crime, Fir& fir) {
  // Wrongful arrests come to light in cases that ended without a conviction.
  const bool ended_free = status_ == kAcquitted || status_ == kDischarged || status_ == kClosed;
  for (const Actor& a : accused_) {
    const bool child = AgeOn(a.who->birth_day, day_) < 18;
    const double arrest = PoliceCase(crime) ? 1.0 : child ? 0.15 : ArrestShare(status_);
    std::uint8_t roles = kAccused;
    if (rng_.Chance(arrest)) roles |= kArrested;
    if (first_accused_record_ < 0) {
      first_accused_record_ = static_cast<std::int64_t>(fir.persons.size());
    }
    PersonRecord& r = AddRecord(fir, a, roles);
    if ((roles & kArrested) != 0 && ended_free &&
        rng_.Chance(std::min(1.0, options_.wrongful_arrest_rate * 4))) {
      r.flags |= kWrongfulArrest;
    }
  }
}

void FirBuilder::Build(const FirPlan& plan, Fir& fir) {
  Begin(plan, fir);
  const Crime crime = plan.crime;
  const CrimeProfile& profile = ProfileOf(crime);
  const Event* event =
      plan.event >= 0 ? &world_.events[static_cast<std::size_t>(plan.event)] : nullptr;
  const Gang* gang = event != nullptr && event->gang >= 0
                         ? &world_.gangs[static_cast<std::size_t>(event->gang)]
                         : nullptr;
  AddAccused(crime, event, fir);
  status_ = PickStatus(day_, !accused_.empty(), rng_);
  fir.status = status_;

  const std::size_t locality = AddPlace(crime, fir);
  const std::optional<Vehicle> vehicle = InvolvedVehicle(crime, gang, fir);
  const bool minor = crime == kKidnapping || (crime == kSexualOffence && rng_.Chance(0.35));
  const MoTemplate& tpl = PickTemplate(crime, minor, rng_);
  const bool girl = crime == kSexualOffence || tpl.text.find("girl") != std::string_view::npos;
  const int victim_age = minor ? rng_.Between(6, 17) : 30;
  WriteStory(crime, tpl, locality, vehicle ? &*vehicle : nullptr, victim_age, fir);

  AddVictims(crime, minor, girl, victim_age, fir);
  AddAccusedRecords(crime, fir);
  const int witnesses = rng_.Between(profile.witness_min, profile.witness_max);
  for (int i = 0; i < witnesses; ++i) {
    AddRecord(fir, Fresh(rng_.Chance(0.75) ? 'M' : 'F', rng_.Between(20, 65)), kWitness);
  }
  AddVehicle(crime, vehicle ? &*vehicle : nullptr, fir);
  AddCalls(crime, gang, fir);
}

}  // namespace sutra::gen
