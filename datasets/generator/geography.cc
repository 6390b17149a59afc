#include "datasets/generator/geography.h"

#include <fmt/format.h>

#include <algorithm>

#include "datasets/generator/geography_data.h"

namespace sutra::gen {
namespace {

std::vector<std::string> SplitBars(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('|', start);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <typename T>
void Shuffle(std::vector<T>& items, Rng& rng) {
  for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng.Below(i)]);
}

// The district's real localities, then composed ones ("Gandhi Nagar") in a shuffled order,
// skipping composed names that equal a real one.
std::vector<std::string> Localities(std::string_view real, Rng& rng) {
  std::vector<std::string> out = SplitBars(real);
  std::vector<std::string> composed;
  for (std::string_view stem : data::LocalityStems()) {
    for (std::string_view suffix : data::LocalitySuffixes()) {
      std::string name = fmt::format("{}{}", stem, suffix);
      if (std::find(out.begin(), out.end(), name) == out.end()) composed.push_back(name);
    }
  }
  Shuffle(composed, rng);
  out.insert(out.end(), composed.begin(), composed.end());
  return out;
}

// Splits `total` over `weights` proportionally, each share at least 1 (largest remainder).
std::vector<std::uint32_t> Apportion(std::uint32_t total, const std::vector<int>& weights) {
  std::vector<std::uint32_t> shares(weights.size(), 1);
  std::uint32_t left = total - static_cast<std::uint32_t>(weights.size());
  long sum = 0;
  for (int w : weights) sum += w;
  std::vector<std::pair<long, std::size_t>> remainders;
  std::uint32_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const long exact = static_cast<long>(left) * weights[i];
    shares[i] += static_cast<std::uint32_t>(exact / sum);
    given += static_cast<std::uint32_t>(exact / sum);
    remainders.emplace_back(-(exact % sum), i);
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::size_t k = 0; given < left; ++k, ++given) ++shares[remainders[k].second];
  return shares;
}

}  // namespace

std::span<const State> Geography::states() const { return data::States(); }

Geography Geography::Build(std::uint32_t station_count, Rng& rng) {
  Geography geo;
  const auto seeds = data::Districts();
  const auto states = data::States();
  for (const data::DistrictSeed& seed : seeds) {
    std::size_t state = 0;
    while (states[state].code != seed.state_code) ++state;
    geo.districts_.push_back(District{seed.name, seed.code, seed.rto, seed.latitude, seed.longitude,
                                      seed.weight, state, Localities(seed.localities, rng)});
  }
  geo.stations_by_district_.resize(geo.districts_.size());

  // Which districts: all of them for a large world; for a small one, a weighted draw without
  // replacement (keys weight * uniform), kept in table order so codes read naturally.
  station_count = std::max<std::uint32_t>(station_count, 1);
  const std::size_t wanted = std::clamp<std::size_t>(
      (station_count + 3) / 4, std::min<std::size_t>(3, station_count), geo.districts_.size());
  std::vector<std::pair<double, std::size_t>> keyed;
  for (std::size_t i = 0; i < geo.districts_.size(); ++i) {
    keyed.emplace_back(-geo.districts_[i].weight * rng.Unit(), i);
  }
  std::sort(keyed.begin(), keyed.end());
  for (std::size_t k = 0; k < wanted; ++k) geo.active_districts_.push_back(keyed[k].second);
  std::sort(geo.active_districts_.begin(), geo.active_districts_.end());

  std::vector<int> weights;
  for (std::size_t d : geo.active_districts_) weights.push_back(geo.districts_[d].weight);
  const std::vector<std::uint32_t> shares = Apportion(station_count, weights);

  for (std::size_t k = 0; k < geo.active_districts_.size(); ++k) {
    const std::size_t d = geo.active_districts_[k];
    const District& district = geo.districts_[d];
    const State& state = geo.state(district.state);
    const auto qualifiers = data::StationQualifiers();
    const std::size_t per_round = district.localities.size();
    int number = 0;
    for (std::uint32_t s = 0; s < shares[k]; ++s) {
      // Round 0 uses the bare locality names; each later round adds one qualifier, so names
      // stay unique within the district. The last resort numbers them.
      const std::size_t locality = s % per_round;
      const std::size_t round = s / per_round;
      std::string name = district.localities[locality];
      if (round > 0 && round <= qualifiers.size()) {
        name += fmt::format(" {}", qualifiers[round - 1]);
      } else if (round > qualifiers.size()) {
        name += fmt::format(" {}", round - qualifiers.size() + 1);
      }
      number += rng.Between(1, 3);
      geo.stations_by_district_[d].push_back(geo.stations_.size());
      geo.stations_.push_back(Station{fmt::format("{}-{}-{:04}", state.code, district.code, number),
                                      name + " PS", d, locality, rng.Between(1, 4)});
    }
  }
  return geo;
}

}  // namespace sutra::gen
