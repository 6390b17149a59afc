#include "datasets/generator/places.h"

#include <fmt/format.h>

namespace sutra::gen {
namespace {

constexpr std::string_view kSpots[] = {
    "bus stop",      "vegetable market", "railway crossing", "Hanuman temple", "SBI ATM",
    "petrol pump",   "municipal school", "civil hospital",   "main chowk",     "bus depot",
    "shopping mall", "municipal garden", "wine shop",        "tea stall",      "flyover",
    "cinema hall",   "masjid",           "church",           "college gate",   "weekly market"};
constexpr std::string_view kSocieties[] = {
    "Sai Darshan",   "Shree Ganesh", "Om Shanti",   "Gokul",      "Vrindavan",    "Shivneri",
    "Laxmi Narayan", "Suyog",        "Mangalmurti", "Anand Park", "Green Valley", "Sunshine"};
constexpr std::string_view kStreets[] = {"Gandhi",   "Nehru",   "Kamaraj", "Periyar",
                                         "Bharathi", "Station", "Temple",  "Market",
                                         "Mill",     "Church",  "School",  "Tank"};
constexpr std::string_view kKeralaHouses[] = {
    "Puthenveedu", "Kizhakkethil", "Thekkumkara",    "Valiyaparambil", "Kochuparambil",
    "Mangalath",   "Chirayil",     "Padinjattethil", "Kallupurakkal",  "Thoppil"};
constexpr std::string_view kVillageStems[] = {"Ram",    "Shiv",    "Hari",  "Sita",  "Chandan",
                                              "Bhim",   "Mohan",   "Gopal", "Ganga", "Madhav",
                                              "Sundar", "Narayan", "Kesh",  "Bal",   "Dev"};
constexpr std::string_view kLodges[] = {"Sai",      "Shivam",    "Paradise", "Royal", "Sagar",
                                        "Maharaja", "Annapurna", "Krishna",  "Metro", "Star"};

std::string_view VillageSuffix(std::string_view state_code) {
  if (state_code == "MH") return "wadi";
  if (state_code == "KA") return "halli";
  if (state_code == "TN") return "patti";
  if (state_code == "TG" || state_code == "AP") return "palli";
  if (state_code == "WB") return "gram";
  if (state_code == "KL") return "kara";
  if (state_code == "GJ") return "pura";
  if (state_code == "PB") return "wala";
  return "pur";
}

template <typename T, std::size_t N>
const T& PickOne(const T (&items)[N], Rng& rng) {
  return items[rng.Below(N)];
}

std::string Ordinal(int n) {
  const char* suffix = n == 1 ? "st" : n == 2 ? "nd" : n == 3 ? "rd" : "th";
  return fmt::format("{}{}", n, suffix);
}

// A fixed point for each locality within about 7 km of the headquarters, so that places in one
// locality cluster together.
void LocalityPoint(const District& d, std::size_t locality, double& lat, double& lon) {
  std::uint64_t h = (locality + 1) * 0x9E3779B97F4A7C15ULL ^ d.code.size() * 0xC2B2AE3D27D4EB4FULL;
  for (char c : d.code) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  lat = d.latitude + (static_cast<double>(h & 0xFFFF) / 65535.0 - 0.5) * 0.12;
  lon = d.longitude + (static_cast<double>((h >> 16) & 0xFFFF) / 65535.0 - 0.5) * 0.12;
}

Location Place(const Geography& geo, std::size_t district, std::size_t locality,
               std::string address, bool coordinates, LocationIds& ids, Rng& rng) {
  const District& d = geo.districts()[district];
  Location loc;
  loc.id = ids.Next();
  loc.address = std::move(address);
  loc.district = d.name;
  loc.state = geo.state_of(d).name;
  if (coordinates) {
    LocalityPoint(d, locality, loc.latitude, loc.longitude);
    loc.latitude += (rng.Unit() - 0.5) * 0.016;
    loc.longitude += (rng.Unit() - 0.5) * 0.016;
    loc.has_coordinates = true;
  }
  return loc;
}

std::string HomeAddress(std::string_view state, std::string_view loc, std::string_view district,
                        Rng& rng) {
  const int n = 1 + static_cast<int>(rng.Skewed(300));
  const bool rural = rng.Chance(0.2);
  if (rural) {
    const std::string village =
        fmt::format("{}{}", PickOne(kVillageStems, rng), VillageSuffix(state));
    if (state == "MH") return fmt::format("At post {}, Tal. {}, Dist. {}", village, loc, district);
    if (state == "WB") return fmt::format("Vill. {}, PO {}, Dist. {}", village, loc, district);
    return fmt::format("Village {}, PS {}, Dist. {}", village, loc, district);
  }
  const int form = static_cast<int>(rng.Below(3));
  if (state == "MH") {
    if (form == 0)
      return fmt::format("Flat {}, {} Society, {}, {}", n, PickOne(kSocieties, rng), loc, district);
    if (form == 1)
      return fmt::format("Room No. {}, {} Chawl, {}, {}", n, PickOne(kSocieties, rng), loc,
                         district);
    return fmt::format("{}, {}, {}", n, loc, district);
  }
  if (state == "TN") {
    if (form == 0)
      return fmt::format("No. {}, {} Street, {}, {}", n, PickOne(kStreets, rng), loc, district);
    return fmt::format("{}/{}, {} {} Street, {}, {}", n, 1 + rng.Below(40), PickOne(kStreets, rng),
                       Ordinal(1 + static_cast<int>(rng.Below(6))), loc, district);
  }
  if (state == "KA") {
    if (form == 0)
      return fmt::format("No. {}, {} Cross, {}, {}", n,
                         Ordinal(1 + static_cast<int>(rng.Below(12))), loc, district);
    return fmt::format("#{}, {} Main, {}, {}", n, Ordinal(1 + static_cast<int>(rng.Below(9))), loc,
                       district);
  }
  if (state == "KL")
    return fmt::format("{} House, {}, {}", PickOne(kKeralaHouses, rng), loc, district);
  if (state == "TG" || state == "AP") {
    return fmt::format("H.No. {}-{}-{}, {}, {}", 1 + rng.Below(20), 1 + rng.Below(9), n, loc,
                       district);
  }
  if (state == "WB")
    return fmt::format("{}, {} Lane, {}, {}", n, PickOne(kStreets, rng), loc, district);
  if (state == "GJ") {
    if (form == 0)
      return fmt::format("{}, {} Society, {}, {}", n, PickOne(kSocieties, rng), loc, district);
    return fmt::format("Block {}, {} Apartment, {}, {}", n, PickOne(kSocieties, rng), loc,
                       district);
  }
  if (state == "PB")
    return fmt::format("H.No. {}, Street No. {}, {}, {}", n, 1 + rng.Below(12), loc, district);
  if (form == 0) return fmt::format("Mohalla {}, {}, {}", PickOne(kStreets, rng), loc, district);
  if (form == 1) return fmt::format("{}/{}, {}, {}", n, 1 + rng.Below(200), loc, district);
  return fmt::format("H.No. {}, {}, {}", n, loc, district);
}

}  // namespace

std::string LocationIds::Format(std::uint64_t n) { return fmt::format("L{:07}", n); }

std::size_t PickLocality(const District& district, Rng& rng) {
  // Real localities and the first composed ones hold most addresses.
  const std::size_t common = std::min<std::size_t>(district.localities.size(), 40);
  return rng.Chance(0.85) ? rng.Skewed(common) : rng.Below(district.localities.size());
}

std::string_view PickSpot(Rng& rng) { return PickOne(kSpots, rng); }

Location MakeHome(const Geography& geo, std::size_t district, std::size_t locality,
                  LocationIds& ids, Rng& rng) {
  const District& d = geo.districts()[district];
  std::string address = HomeAddress(geo.state_of(d).code, d.localities[locality], d.name, rng);
  return Place(geo, district, locality, std::move(address), rng.Chance(0.4), ids, rng);
}

Location MakeScene(const Geography& geo, std::size_t district, std::size_t locality,
                   LocationIds& ids, Rng& rng) {
  const District& d = geo.districts()[district];
  const std::string_view loc = d.localities[locality];
  std::string address;
  switch (rng.Below(4)) {
    case 0:
      address = fmt::format("near {}, {}, {}", PickSpot(rng), loc, d.name);
      break;
    case 1:
      address = fmt::format("opp. {}, {}, {}", PickSpot(rng), loc, d.name);
      break;
    case 2:
      address =
          fmt::format("{}, {} Road, {}, {}", PickSpot(rng), PickOne(kStreets, rng), loc, d.name);
      break;
    default:
      address = fmt::format("in front of {}, {}, {}", PickSpot(rng), loc, d.name);
      break;
  }
  return Place(geo, district, locality, std::move(address), rng.Chance(0.85), ids, rng);
}

DistrictHubs MakeHubs(const Geography& geo, std::size_t district, LocationIds& ids, Rng& rng,
                      std::vector<std::unique_ptr<Location>>& store) {
  const District& d = geo.districts()[district];
  auto add = [&](std::string address) {
    store.push_back(
        std::make_unique<Location>(Place(geo, district, 0, std::move(address), true, ids, rng)));
    return store.back().get();
  };
  DistrictHubs hubs;
  // "Pune Railway Station"; a district named like "Mumbai Suburban" uses its first locality.
  const std::string_view town =
      d.name.find(' ') == std::string_view::npos ? d.name : std::string_view(d.localities[0]);
  hubs.railway_station = add(fmt::format("{} Railway Station, {}", town, d.name));
  hubs.bus_stand = add(fmt::format("Central Bus Stand, {}", d.name));
  for (int i = 0; i < 2; ++i) {
    hubs.lodges.push_back(
        add(fmt::format("Hotel {} Lodge, Station Road, {}",
                        kLodges[(district * 3 + i) % std::size(kLodges)], d.name)));
  }
  return hubs;
}

}  // namespace sutra::gen
