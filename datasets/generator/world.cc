#include "datasets/generator/world.h"

#include <fmt/format.h>

#include <algorithm>

#include "datasets/generator/dates.h"

namespace sutra::gen {

const int kFirstDay = DayNumber(2018, 1, 1);
const int kLastDay = DayNumber(2025, 11, 30);
const int kAsOfDay = DayNumber(2025, 12, 31);
const int kBnsDay = DayNumber(2024, 7, 1);

namespace {

constexpr std::string_view kMaharashtraRanks[] = {"PSI", "API", "PI", "HC"};
constexpr std::string_view kRanks[] = {"SI", "ASI", "Inspector", "HC"};

// Picks index i with probability weights[i] / sum, from running totals.
std::size_t PickByTotals(const std::vector<std::uint32_t>& totals, Rng& rng) {
  const std::uint32_t x = static_cast<std::uint32_t>(rng.Below(totals.back()));
  return static_cast<std::size_t>(std::upper_bound(totals.begin(), totals.end(), x) -
                                  totals.begin());
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// A nickname: one of the common ones, or a pet form of the given name ("Rajju" for Rajesh).
std::string MakeAlias(const Identity& p, Rng& rng) {
  const std::string_view given = p.given;
  if (given.size() >= 4 && !IsVowel(given[2]) && IsVowel(given[1]) && rng.Chance(0.5)) {
    std::string pet(given.substr(0, 3));
    if (rng.Chance(0.5)) pet += given[2];
    return pet + "u";
  }
  const auto nicknames = Nicknames();
  return std::string(nicknames[rng.Below(nicknames.size())]);
}

// Builds the repeat offenders, gangs and plans; a class only to share the pickers.
class Planner {
 public:
  Planner(const GeneratorOptions& options, World& world, Rng& rng)
      : o_(options), w_(world), rng_(rng) {
    const Geography& geo = w_.geo;
    std::uint32_t total = 0;
    for (std::size_t d : geo.active_districts()) {
      total += static_cast<std::uint32_t>(geo.districts()[d].weight);
      district_totals_.push_back(total);
    }
    same_state_.resize(geo.states().size());
    for (std::size_t d : geo.active_districts()) same_state_[geo.districts()[d].state].push_back(d);
    for (int c = 0; c < kCrimeCount; ++c) {
      crime_total_ += static_cast<std::uint32_t>(ProfileOf(static_cast<Crime>(c)).weight);
      crime_totals_.push_back(crime_total_);
    }
  }

  void Run() {
    // Planned FIRs never outnumber the FIRs asked for: a small world gets fewer gangs and
    // repeat offenders than the options ask for.
    const double room = 0.6 * static_cast<double>(o_.firs);
    for (std::uint32_t g = 0; g < GangCount() && w_.plans.size() + MaxGangEvents() <= room; ++g) {
      AddGang();
    }
    const std::uint32_t gang_members = static_cast<std::uint32_t>(w_.people.size());
    const std::uint64_t solos = SoloCount(gang_members, w_.events.size());
    for (std::uint64_t r = 0; r < solos && w_.plans.size() + MaxSoloEvents() <= o_.firs; ++r) {
      AddSolo();
    }
    w_.repeaters = static_cast<std::uint32_t>(w_.people.size());
    AddOfficers();
    const std::uint64_t planned = w_.plans.size();
    for (std::uint64_t i = planned; i < o_.firs; ++i) {
      const std::size_t district = PickDistrict();
      w_.plans.push_back(FirPlan{rng_.Between(kFirstDay, kLastDay), PickStation(w_, district, rng_),
                                 -1, PickCrime()});
    }
    // Stable: plans of one day keep their creation order, so the result is deterministic.
    std::stable_sort(w_.plans.begin(), w_.plans.end(),
                     [](const FirPlan& a, const FirPlan& b) { return a.day < b.day; });
  }

 private:
  std::uint32_t GangCount() const {
    return o_.gangs != 0 ? o_.gangs
                         : std::max<std::uint32_t>(1, static_cast<std::uint32_t>(o_.firs / 400));
  }

  // Lone repeat offenders needed so that about repeat_share of distinct accused persons are
  // repeat offenders. With M gang members in E_g planned FIRs, R lone ones of m FIRs each, a
  // accused per ordinary FIR and c fresh co-accused per planned FIR, the fresh accused number
  // (N - E_g - R m) a + (E_g + R m) c; solving (M + R) = p (M + R + fresh) for R gives the
  // expression below. Planned FIRs are kept under 60% of all FIRs.
  std::uint64_t SoloCount(std::uint32_t gang_members, std::uint64_t gang_events) const {
    double a_num = 0, a_den = 0;
    for (int c = 0; c < kCrimeCount; ++c) {
      const CrimeProfile& p = ProfileOf(static_cast<Crime>(c));
      a_num += p.weight * (1 - p.undetected) * (p.accused_min + p.accused_max) / 2.0;
      a_den += p.weight;
    }
    const double a = a_num / a_den, c = kFreshCoAccused;
    const double p = o_.repeat_share, n = static_cast<double>(o_.firs);
    const double m = MeanAppearances();
    const double eg = static_cast<double>(gang_events), mg = gang_members;
    double r = (p * ((n - eg) * a + eg * c) - (1 - p) * mg) / ((1 - p) + p * m * (a - c));
    r = std::min(r, (0.6 * n - eg) / m);
    return r <= 0 ? 0 : static_cast<std::uint64_t>(r + 0.5);
  }

  // The most FIRs one gang or one lone repeat offender is planned into.
  std::size_t MaxGangEvents() const { return static_cast<std::size_t>(GangEventRange().second); }
  std::size_t MaxSoloEvents() const { return static_cast<std::size_t>(o_.max_appearances); }
  std::pair<int, int> GangEventRange() const {
    const int lo = std::max(3, o_.min_appearances);
    return {lo, std::max(lo, std::min(o_.max_appearances, 10))};
  }

  double MeanAppearances() const {
    const int span = o_.max_appearances - o_.min_appearances + 1;
    return o_.min_appearances + (span - 1) / 4.0;  // mean of Rng::Skewed(span)
  }

  std::size_t PickDistrict() {
    return w_.geo.active_districts()[PickByTotals(district_totals_, rng_)];
  }

  Crime PickCrime() { return static_cast<Crime>(PickByTotals(crime_totals_, rng_)); }

  // Where a repeat offender from `home` offends this time: mostly at home, at `away_share`
  // elsewhere, then mostly in the same state.
  std::size_t EventDistrict(std::size_t home) {
    if (!rng_.Chance(o_.away_share) || w_.geo.active_districts().size() < 2) return home;
    const auto& near = same_state_[w_.geo.districts()[home].state];
    if (near.size() > 1 && rng_.Chance(0.7)) {
      std::size_t d = near[rng_.Below(near.size())];
      if (d != home) return d;
    }
    for (;;) {
      const std::size_t d = PickDistrict();
      if (d != home) return d;
    }
  }

  // A new repeat offender living in `district` (at `home`, or at a new address when null), old
  // enough to offend from `from_day`.
  std::uint32_t AddRepeater(std::size_t district, int from_day, const Location* home = nullptr) {
    const State& state = w_.geo.state_of(w_.geo.districts()[district]);
    const char gender = rng_.Chance(0.93) ? 'M' : rng_.Chance(0.95) ? 'F' : 'T';
    const int age =
        rng_.Chance(0.03) ? rng_.Between(15, 17) : 18 + static_cast<int>(rng_.Skewed(32));
    Identity p = MakeIdentity(PickTradition(state, o_.migrant_share, rng_), gender,
                              BirthDayFor(age, from_day, rng_), rng_);
    p.number = ++w_.next_person_number;
    p.home_district = static_cast<int>(district);
    if (rng_.Chance(0.9)) p.phone = w_.phones.Next();
    if (rng_.Chance(o_.alias_share)) p.alias = MakeAlias(p, rng_);
    if (home == nullptr) {
      w_.shared_locations.push_back(std::make_unique<Location>(
          MakeHome(w_.geo, district, PickLocality(w_.geo.districts()[district], rng_),
                   w_.location_ids, rng_)));
      home = w_.shared_locations.back().get();
    }
    p.home = home;
    w_.people.push_back(std::move(p));
    return static_cast<std::uint32_t>(w_.people.size() - 1);
  }

  // A brother of `elder` (a man): same father, family name and home.
  std::uint32_t AddBrother(std::uint32_t elder, std::size_t district, int from_day) {
    const std::uint32_t i = AddRepeater(district, from_day, w_.people[elder].home);
    Identity& b = w_.people[i];
    const Identity& e = w_.people[elder];
    Identity sibling = MakeIdentity(e.tradition, 'M', b.birth_day, rng_);
    b.tradition = e.tradition;
    b.gender = 'M';
    b.given = sibling.given;
    b.style = e.style;
    b.habit = e.habit;
    b.middle = e.middle;
    b.surname = e.surname;
    b.initial_source = e.initial_source;
    b.relative = e.relative;
    b.husband = false;
    return i;
  }

  // An active period: a start day and an end day within the FIR range.
  std::pair<int, int> Window(int min_days, int max_days) {
    const int length = rng_.Between(min_days, max_days);
    const int start = rng_.Between(kFirstDay, std::max(kFirstDay, kLastDay - length));
    return {start, std::min(kLastDay, start + length)};
  }

  void Plan(std::size_t district, std::int32_t event, Crime crime, int day,
            std::int32_t preferred_station) {
    std::uint32_t station = PickStation(w_, district, rng_);
    if (preferred_station >= 0 && rng_.Chance(0.5))
      station = static_cast<std::uint32_t>(preferred_station);
    w_.plans.push_back(FirPlan{day, station, event, crime});
  }

  void AddGang() {
    Gang gang;
    gang.id = fmt::format("G{:05}", w_.gangs.size() + 1);
    gang.specialty = PickRepeatCrime(rng_);
    gang.home_district = PickDistrict();
    const auto [start, end] = Window(365, 5 * 365);
    const int size = rng_.Between(o_.gang_min_size, o_.gang_max_size);
    for (int i = 0; i < size; ++i) {
      const bool brother =
          i > 0 && rng_.Chance(0.25) && w_.people[gang.members.back()].gender == 'M';
      gang.members.push_back(brother ? AddBrother(gang.members.back(), gang.home_district, start)
                                     : AddRepeater(gang.home_district, start));
      w_.people[gang.members.back()].gang = static_cast<int>(w_.gangs.size());
    }
    const int phones = rng_.Between(1, 2);
    for (int i = 0; i < phones; ++i) gang.phones.push_back(w_.phones.Next());
    const District& home = w_.geo.districts()[gang.home_district];
    const bool bikes = gang.specialty == Crime::kChainSnatching ||
                       gang.specialty == Crime::kTheft || gang.specialty == Crime::kVehicleTheft ||
                       gang.specialty == Crime::kHouseBreaking;
    const int vehicles = rng_.Between(1, 3);
    for (int i = 0; i < vehicles; ++i) {
      gang.vehicles.push_back(w_.vehicles.Next(w_.geo.state_of(home).vehicle_code, home.rto,
                                               bikes || rng_.Chance(0.5), rng_));
    }
    PlanGangEvents(gang, start, end);
    w_.gangs.push_back(std::move(gang));
  }

  // Who takes part in each of the gang's FIRs: each member with probability 0.6, at least two
  // per FIR, then adjusted so that every member appears min_appearances to max_appearances
  // times (as far as the number of FIRs allows).
  void PlanGangEvents(const Gang& gang, int start, int end) {
    const auto [lo, hi] = GangEventRange();
    const int count = rng_.Between(lo, hi);
    const std::size_t size = gang.members.size();
    std::vector<std::vector<bool>> in(static_cast<std::size_t>(count), std::vector<bool>(size));
    std::vector<int> appearances(size, 0);
    for (auto& event : in) {
      int taking_part = 0;
      for (std::size_t m = 0; m < size; ++m) {
        event[m] = rng_.Chance(0.6);
        taking_part += event[m];
      }
      while (taking_part < 2) {
        const std::size_t m = rng_.Below(size);
        if (!event[m]) {
          event[m] = true;
          ++taking_part;
        }
      }
      for (std::size_t m = 0; m < size; ++m) appearances[m] += event[m];
    }
    for (std::size_t m = 0; m < size; ++m) {
      while (appearances[m] < o_.min_appearances) {
        auto& event = in[rng_.Below(in.size())];
        if (!event[m]) {
          event[m] = true;
          ++appearances[m];
        }
      }
      for (auto& event : in) {
        if (appearances[m] <= o_.max_appearances) break;
        if (event[m] && std::count(event.begin(), event.end(), true) > 2) {
          event[m] = false;
          --appearances[m];
        }
      }
    }
    for (const auto& event : in) {
      Event e;
      e.first_member = static_cast<std::uint32_t>(w_.event_members.size());
      e.gang = static_cast<std::int32_t>(w_.gangs.size());
      for (std::size_t m = 0; m < size; ++m) {
        if (event[m]) w_.event_members.push_back(gang.members[m]);
      }
      e.member_count = static_cast<std::uint32_t>(w_.event_members.size()) - e.first_member;
      w_.events.push_back(e);
      const Crime crime = rng_.Chance(0.8) ? gang.specialty : PickRepeatCrime(rng_);
      Plan(EventDistrict(gang.home_district), static_cast<std::int32_t>(w_.events.size() - 1),
           crime, rng_.Between(start, end), -1);
    }
  }

  void AddSolo() {
    const std::size_t home = PickDistrict();
    const auto [start, end] = Window(365, 7 * 365);
    const std::uint32_t person = AddRepeater(home, start);
    const Crime specialty = PickRepeatCrime(rng_);
    const std::uint32_t home_station = PickStation(w_, home, rng_);
    const int span = o_.max_appearances - o_.min_appearances + 1;
    const int count =
        o_.min_appearances + static_cast<int>(rng_.Skewed(static_cast<std::size_t>(span)));
    for (int k = 0; k < count; ++k) {
      Event e;
      e.first_member = static_cast<std::uint32_t>(w_.event_members.size());
      e.member_count = 1;
      w_.event_members.push_back(person);
      w_.events.push_back(e);
      const std::size_t district = EventDistrict(home);
      const Crime crime = rng_.Chance(0.75) ? specialty : PickRepeatCrime(rng_);
      Plan(district, static_cast<std::int32_t>(w_.events.size() - 1), crime,
           rng_.Between(start, end),
           district == home ? static_cast<std::int32_t>(home_station) : -1);
    }
  }

  void AddOfficers() {
    const Geography& geo = w_.geo;
    w_.first_officer = static_cast<std::uint32_t>(w_.people.size());
    const int reference = DayNumber(2022, 1, 1);
    for (const Station& station : geo.stations()) {
      const State& state = geo.state_of(geo.districts()[station.district]);
      w_.station_phones.push_back(w_.phones.Next());
      for (int k = 0; k < kOfficersPerStation; ++k) {
        const char gender = rng_.Chance(0.85) ? 'M' : 'F';
        Identity p = MakeIdentity(PickTradition(state, 0, rng_), gender,
                                  BirthDayFor(rng_.Between(28, 56), reference, rng_), rng_);
        p.number = ++w_.next_person_number;
        p.relative.clear();
        p.phone = w_.station_phones.back();
        p.home_district = static_cast<int>(station.district);
        p.title =
            state.maharashtra_ranks ? kMaharashtraRanks[rng_.Below(4)] : kRanks[rng_.Below(4)];
        w_.people.push_back(std::move(p));
      }
    }
  }

  const GeneratorOptions& o_;
  World& w_;
  Rng& rng_;
  std::vector<std::uint32_t> district_totals_;
  std::vector<std::vector<std::size_t>> same_state_;
  std::vector<std::uint32_t> crime_totals_;
  std::uint32_t crime_total_ = 0;
};

}  // namespace

Tradition PickTradition(const State& state, double migrant_share, Rng& rng) {
  if (rng.Chance(migrant_share)) return static_cast<Tradition>(rng.Below(kTraditionCount));
  int roll = static_cast<int>(rng.Below(100));
  for (const TraditionShare& share : state.traditions) {
    if (roll < share.percent) return share.tradition;
    roll -= share.percent;
  }
  return state.traditions.front().tradition;
}

int BirthDayFor(int age, int day, Rng& rng) {
  return day - age * 365 - age / 4 - static_cast<int>(rng.Below(365));
}

std::uint32_t PickStation(const World& world, std::size_t district, Rng& rng) {
  const auto& stations = world.geo.stations_of(district);
  return static_cast<std::uint32_t>(
      stations[PickByTotals(world.station_weight_totals[district], rng)]);
}

std::unique_ptr<World> BuildWorld(const GeneratorOptions& options, Rng& rng) {
  auto world = std::make_unique<World>(options.seed);
  const std::uint32_t stations =
      options.stations != 0
          ? options.stations
          : static_cast<std::uint32_t>(std::clamp<std::uint64_t>(options.firs / 200, 8, 17000));
  world->geo = Geography::Build(stations, rng);
  const Geography& geo = world->geo;
  world->hubs.resize(geo.districts().size());
  world->lawyer_phones.resize(geo.districts().size());
  world->station_weight_totals.resize(geo.districts().size());
  for (std::size_t d : geo.active_districts()) {
    world->hubs[d] = MakeHubs(geo, d, world->location_ids, rng, world->shared_locations);
    for (int k = 0; k < 3; ++k) world->lawyer_phones[d].push_back(world->phones.Next());
    std::uint32_t total = 0;
    for (std::size_t s : geo.stations_of(d)) {
      total += static_cast<std::uint32_t>(geo.stations()[s].weight);
      world->station_weight_totals[d].push_back(total);
    }
  }
  Planner(options, *world, rng).Run();
  for (std::size_t i = 0; i < world->shared_locations.size(); ++i) {
    world->shared_locations[i]->shared_slot = static_cast<std::uint32_t>(i);
  }
  return world;
}

}  // namespace sutra::gen
