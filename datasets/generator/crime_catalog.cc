#include "datasets/generator/crime_catalog.h"

#include <fmt/format.h>

#include <array>
#include <cassert>

namespace sutra::gen {
namespace {

using enum Crime;

constexpr std::array<CrimeProfile, kCrimeCount> kProfiles = {{
    // key, weight, undetected, accused, witnesses, complainant, female victim, sexual,
    // vehicle, vehicle share, gang
    {"theft", 20, 0.65, 1, 2, 0, 2, Complainant::kVictim, 0.35, false, VehicleUse::kNone, 0, true},
    {"vehicle_theft", 10, 0.70, 1, 2, 0, 1, Complainant::kVictim, 0.15, false, VehicleUse::kStolen,
     0.8, true},
    {"chain_snatching", 5, 0.55, 1, 3, 0, 2, Complainant::kVictim, 0.92, false, VehicleUse::kUsed,
     0.7, true},
    {"robbery", 4, 0.40, 2, 4, 0, 2, Complainant::kVictim, 0.2, false, VehicleUse::kUsed, 0.4,
     true},
    {"house_breaking", 7, 0.70, 1, 3, 0, 2, Complainant::kVictim, 0.3, false, VehicleUse::kUsed,
     0.2, true},
    {"cheating", 6, 0.10, 1, 3, 0, 2, Complainant::kVictim, 0.3, false, VehicleUse::kNone, 0, true},
    {"cyber_fraud", 6, 0.75, 1, 3, 0, 1, Complainant::kVictim, 0.35, false, VehicleUse::kNone, 0,
     true},
    {"assault", 12, 0.03, 1, 4, 1, 3, Complainant::kVictim, 0.25, false, VehicleUse::kNone, 0,
     false},
    {"murder", 1, 0.15, 1, 4, 1, 3, Complainant::kRelative, 0.25, false, VehicleUse::kNone, 0,
     false},
    {"sexual_offence", 3, 0.05, 1, 2, 0, 2, Complainant::kVictim, 1.0, true, VehicleUse::kNone, 0,
     false},
    {"dowry_cruelty", 4, 0.0, 2, 4, 0, 1, Complainant::kVictim, 1.0, false, VehicleUse::kNone, 0,
     false},
    {"kidnapping", 2, 0.45, 1, 2, 0, 1, Complainant::kRelative, 0.7, false, VehicleUse::kNone, 0,
     false},
    {"ndps", 4, 0.0, 1, 3, 2, 2, Complainant::kPolice, 0, false, VehicleUse::kSeized, 0.35, true},
    {"arms_act", 2, 0.0, 1, 1, 2, 2, Complainant::kPolice, 0, false, VehicleUse::kSeized, 0.1,
     true},
    {"prohibition", 4, 0.0, 1, 2, 2, 2, Complainant::kPolice, 0, false, VehicleUse::kSeized, 0.1,
     true},
    {"accident", 6, 0.30, 1, 1, 0, 2, Complainant::kVictim, 0.3, false, VehicleUse::kDriven, 1.0,
     false},
}};

struct RepeatCrime {
  Crime crime;
  int weight;
};
constexpr RepeatCrime kRepeatCrimes[] = {
    {kTheft, 20},         {kVehicleTheft, 15}, {kChainSnatching, 12}, {kRobbery, 8},
    {kHouseBreaking, 14}, {kCheating, 8},      {kCyberFraud, 8},      {kNdps, 8},
    {kProhibition, 5},    {kArmsAct, 2}};
constexpr int kRepeatCrimeTotal = 100;

constexpr MoTemplate kTheft_[] = {
    {"Mobile phone ({phone}) stolen from complainant's pocket in crowd near {spot}, {locality} "
     "around {time} hrs",
     "IPC 379", "BNS 303(2)"},
    {"Shopkeeper reports {item} worth Rs {amount} stolen from the counter of his shop at "
     "{locality} while he was attending to customers",
     "IPC 379", "BNS 303(2)"},
    {"Pickpocketing in crowded bus near {spot}: purse with Rs {amount} cash and Aadhaar card "
     "stolen",
     "IPC 379", "BNS 303(2)"},
    {"Copper cable and electric motor stolen from construction site at {locality} during the "
     "night; stolen property later recovered from scrap dealer",
     "IPC 379;IPC 411", "BNS 303(2);BNS 317(2)"},
    {"Battery of parked truck stolen near {spot}, {locality}; accused found selling it at "
     "{other_locality}",
     "IPC 379;IPC 411", "BNS 303(2);BNS 317(2)"},
};
constexpr MoTemplate kVehicleTheft_[] = {
    {"{vehicle} ({reg}) parked outside {spot}, {locality} stolen between {time} and {time2} "
     "hrs, probably with a duplicate key",
     "IPC 379", "BNS 303(2)"},
    {"Two-wheeler {vehicle} ({reg}, {colour}) stolen from housing society parking at "
     "{locality}; handle lock broken",
     "IPC 379", "BNS 303(2)"},
    {"{vehicle} ({reg}) stolen from {spot} parking at {locality}; CCTV shows two youths "
     "pushing it away",
     "IPC 379", "BNS 303(2)"},
};
constexpr MoTemplate kChainSnatching_[] = {
    {"Chain snatching by bike-borne pair: pillion rider snatched gold chain ({grams} g) from "
     "woman walking near {spot}, {locality}; fled on {colour} {vehicle}",
     "IPC 392;IPC 34", "BNS 304(2);BNS 3(5)"},
    {"Gold mangalsutra ({grams} g) snatched from elderly woman returning from temple at "
     "{locality} around {time} hrs by accused on motorcycle without number plate",
     "IPC 356;IPC 379", "BNS 304(2)"},
    {"Accused on {vehicle} snatched gold chain of {grams} g from victim's neck near {spot}, "
     "{locality} and sped towards {other_locality}",
     "IPC 392", "BNS 304(2)"},
};
constexpr MoTemplate kRobbery_[] = {
    {"Accused threatened complainant with knife near {spot}, {locality} at {time} hrs and "
     "robbed mobile phone and Rs {amount} cash",
     "IPC 392;IPC 34", "BNS 309(4);BNS 3(5)"},
    {"Delivery agent waylaid at {locality} by {n} persons on two motorcycles; cash bag with Rs "
     "{amount} robbed at knife-point",
     "IPC 392;IPC 34", "BNS 309(4);BNS 3(5)"},
    {"Armed robbery at jewellery shop in {locality}: {n} masked accused held staff at gunpoint "
     "and took gold ornaments worth Rs {amount}",
     "IPC 395;IPC 397", "BNS 310(2);BNS 311"},
    {"Truck driver stopped on highway near {locality} at night, beaten and robbed of Rs "
     "{amount}",
     "IPC 394;IPC 34", "BNS 309(6);BNS 3(5)"},
};
constexpr MoTemplate kHouseBreaking_[] = {
    {"House-break at night: door latch cut, gold ornaments and Rs {amount} cash stolen from "
     "locked house at {locality} while the family was away",
     "IPC 457;IPC 380", "BNS 331(4);BNS 305(a)"},
    {"Shop shutter lock cut with gas cutter at {locality} between 0100 and 0400 hrs; {item} "
     "stolen",
     "IPC 457;IPC 380", "BNS 331(4);BNS 305(a)"},
    {"Day-time house-breaking at {locality}: lock of flat broken, cupboard ransacked, gold and "
     "silver articles worth Rs {amount} stolen",
     "IPC 454;IPC 380", "BNS 331(3);BNS 305(a)"},
};
constexpr MoTemplate kCheating_[] = {
    {"Job racket: accused promised {job} jobs to youths, collected Rs {amount} as 'processing "
     "fees' and issued forged appointment letters",
     "IPC 420;IPC 467;IPC 468;IPC 471", "BNS 318(4);BNS 338;BNS 336(3);BNS 340(2)"},
    {"Land fraud: accused sold a plot at {other_locality} to complainant on a forged sale deed "
     "and took Rs {amount}",
     "IPC 420;IPC 467;IPC 471", "BNS 318(4);BNS 338;BNS 340(2)"},
    {"Accused collected Rs {amount} promising to double the money in a chit scheme and "
     "absconded",
     "IPC 420;IPC 406", "BNS 318(4);BNS 316(2)"},
    {"Fake gold loan: accused pledged gilded copper ornaments at a finance company branch in "
     "{locality} and obtained Rs {amount}",
     "IPC 420", "BNS 318(4)"},
};
constexpr MoTemplate kCyberFraud_[] = {
    {"Caller posing as bank officer obtained OTP from complainant and withdrew Rs {amount} from "
     "the account through UPI",
     "IPC 420;IT Act 66C;IT Act 66D", "BNS 318(4);IT Act 66C;IT Act 66D"},
    {"Complainant lured by a part-time job offer on WhatsApp ('like YouTube videos') and made to "
     "deposit Rs {amount} in a task-based scam",
     "IPC 420;IT Act 66D", "BNS 318(4);IT Act 66D"},
    {"Fraudster posing as army officer on OLX took an advance of Rs {amount} for a second-hand "
     "{vehicle} and stopped answering",
     "IPC 420;IT Act 66D", "BNS 318(4);IT Act 66D"},
    {"Sextortion: complainant's video call recorded and morphed; accused extorted Rs {amount} "
     "through UPI",
     "IPC 384;IPC 420;IT Act 66E", "BNS 308(2);BNS 318(4);IT Act 66E"},
    {"Digital arrest: callers posing as police and customs officers kept complainant on a video "
     "call and made him transfer Rs {amount}",
     "IPC 420;IPC 170;IT Act 66D", "BNS 318(4);BNS 204;IT Act 66D"},
};
constexpr MoTemplate kAssault_[] = {
    {"Quarrel over {dispute}: accused abused complainant, beat him with {weapon} and threatened "
     "to kill him",
     "IPC 324;IPC 504;IPC 506", "BNS 118(1);BNS 352;BNS 351(2)"},
    {"Drunk accused picked a fight at {spot}, {locality} and assaulted complainant with fists "
     "and kicks",
     "IPC 323;IPC 504", "BNS 115(2);BNS 352"},
    {"Neighbours' dispute over {dispute} turned violent; complainant hit on the head with "
     "{weapon} and suffered a fracture",
     "IPC 325;IPC 506", "BNS 117(2);BNS 351(2)"},
};
constexpr MoTemplate kMurder_[] = {
    {"Deceased attacked with {weapon} near {spot}, {locality} over {dispute}; died on the way "
     "to hospital",
     "IPC 302", "BNS 103(1)"},
    {"Attempt to murder: accused stabbed victim in the abdomen with a knife at {locality} over "
     "old enmity",
     "IPC 307", "BNS 109(1)"},
    {"Body of deceased found near {spot}, {locality} with head injuries; accused were last seen "
     "with him",
     "IPC 302;IPC 201", "BNS 103(1);BNS 238"},
};
constexpr MoTemplate kSexualOffence_[] = {
    {"Accused repeatedly followed victim on her way to college at {locality}, touched her "
     "inappropriately and passed lewd remarks",
     "IPC 354;IPC 509", "BNS 74;BNS 79"},
    {"Accused sent obscene messages and morphed photographs to victim on social media",
     "IPC 354A;IPC 509;IT Act 67", "BNS 75(2);BNS 79;IT Act 67"},
    {"Accused, known to victim, sexually assaulted her on a false promise of marriage", "IPC 376",
     "BNS 64(1);BNS 69"},
    {"Minor girl aged {victim_age} sexually harassed by accused near {spot}, {locality}",
     "IPC "
     "354;POCSO Act 8",
     "BNS 74;POCSO Act 8", true},
    {"Minor girl aged {victim_age} sexually assaulted by accused known to the family",
     "IPC 376;"
     "POCSO Act 4",
     "BNS 64(1);POCSO Act 4", true},
};
constexpr MoTemplate kDowryCruelty_[] = {
    {"Married woman harassed and beaten by husband and in-laws for a dowry of Rs {amount} and a "
     "motorcycle",
     "IPC 498A;IPC 323;IPC 506;Dowry Prohibition Act 4",
     "BNS 85;BNS 115(2);BNS 351(2);"
     "Dowry Prohibition Act 4"},
    {"Victim driven out of the matrimonial home at {locality} for not bringing Rs {amount} from "
     "her parents",
     "IPC 498A;IPC 34", "BNS 85;BNS 3(5)"},
};
constexpr MoTemplate kKidnapping_[] = {
    {"Minor girl aged {victim_age} went missing from {locality}; suspected to have been enticed "
     "away by accused",
     "IPC 363;IPC 366", "BNS 137(2);BNS 87", true},
    {"Accused abducted complainant's son aged {victim_age} from near school at {locality} and "
     "demanded a ransom of Rs {amount}",
     "IPC 364A", "BNS 140(2)", true},
};
constexpr MoTemplate kNdps_[] = {
    {"On secret information, accused caught near {spot}, {locality} with {qty} of {drug} in a "
     "plastic bag",
     "", ""},
    {"Raid at {locality}: {qty} of {drug} seized from accused's house, packed for sale", "", ""},
    {"Vehicle intercepted at naka near {locality}; {qty} of {drug} found concealed in a cavity", "",
     ""},
};
constexpr MoTemplate kArmsAct_[] = {
    {"Accused found roaming near {spot}, {locality} with a country-made pistol and {n} live "
     "cartridges",
     "Arms Act 25(1-B)(a);Arms Act 3", "Arms Act 25(1-B)(a);Arms Act 3"},
    {"Accused brandishing a sword at {locality} to spread terror; sword seized",
     "Arms Act 4;Arms Act 25", "Arms Act 4;Arms Act 25"},
};
constexpr MoTemplate kProhibition_[] = {
    {"Illicit liquor: {n} litres of hand-made liquor and {litres} litres of wash seized from "
     "accused at {locality}",
     "", ""},
    {"Accused found selling country liquor bottles near {spot}, {locality} without a licence", "",
     ""},
};
constexpr MoTemplate kAccident_[] = {
    {"Rash and negligent driving: {vehicle} ({reg}) hit a pedestrian crossing the road at "
     "{locality}; victim injured",
     "IPC 279;IPC 337", "BNS 281;BNS 125(a)"},
    {"{vehicle} ({reg}) driven at high speed dashed a motorcycle near {spot}, {locality}; rider "
     "suffered grievous injuries",
     "IPC 279;IPC 338", "BNS 281;BNS 125(b)"},
    {"Hit and run near {spot}, {locality}: {vehicle} ({reg}) knocked down a cyclist, who died "
     "on the spot",
     "IPC 279;IPC 304A;MV Act 134", "BNS 281;BNS 106(1);MV Act 134"},
};

constexpr std::array<std::span<const MoTemplate>, kCrimeCount> kTemplates = {
    kTheft_,      kVehicleTheft_, kChainSnatching_, kRobbery_,       kHouseBreaking_, kCheating_,
    kCyberFraud_, kAssault_,      kMurder_,         kSexualOffence_, kDowryCruelty_,  kKidnapping_,
    kNdps_,       kArmsAct_,      kProhibition_,    kAccident_};

constexpr std::string_view kPhones[] = {"Vivo Y21",  "Redmi Note 10", "Samsung Galaxy M31",
                                        "iPhone 13", "Realme C25",    "Oppo A54"};
constexpr std::string_view kItems[] = {"a Vivo mobile phone", "a gold ring",    "a Dell laptop",
                                       "an LED TV",           "copper vessels", "two LPG cylinders",
                                       "a cash box",          "silver anklets"};
constexpr std::string_view kWeapons[] = {"an iron rod", "a wooden stick", "a knife",
                                         "a sickle",    "a stone",        "a hockey stick",
                                         "a koyta",     "a beer bottle"};
constexpr std::string_view kDisputes[] = {
    "parking of a two-wheeler", "a land boundary", "repayment of a loan",
    "water from a common tap",  "a love affair",   "payment for liquor",
    "loud music at night",      "an old enmity"};
constexpr std::string_view kJobs[] = {"railway", "airport",      "government", "police constable",
                                      "bank",    "Gulf country", "municipal"};

struct Drug {
  std::string_view name, sections, small, large;
};
constexpr Drug kDrugs[] = {
    {"ganja", "NDPS Act 8(c);NDPS Act 20(b)(ii)(B)", "1.2 kg", "24 kg"},
    {"heroin (brown sugar)", "NDPS Act 8(c);NDPS Act 21(b)", "18 g", "260 g"},
    {"mephedrone (MD)", "NDPS Act 8(c);NDPS Act 22(b)", "12 g", "110 g"},
    {"charas", "NDPS Act 8(c);NDPS Act 20(b)(ii)(A)", "250 g", "1.5 kg"},
    {"codeine cough syrup", "NDPS Act 8(c);NDPS Act 21(b)", "40 bottles", "600 bottles"},
};

// Indian digit grouping: 350000 -> "3,50,000".
void AppendIndianAmount(long amount, std::string& out) {
  const std::string digits = std::to_string(amount);
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[i];
    const std::size_t left = n - 1 - i;
    if (left > 0 && (left == 3 || (left > 3 && (left - 3) % 2 == 0))) out += ',';
  }
}

template <typename T, std::size_t N>
const T& PickOne(const T (&items)[N], Rng& rng) {
  return items[rng.Below(N)];
}

}  // namespace

const CrimeProfile& ProfileOf(Crime crime) { return kProfiles[static_cast<int>(crime)]; }

Crime PickRepeatCrime(Rng& rng) {
  int roll = static_cast<int>(rng.Below(kRepeatCrimeTotal));
  for (const RepeatCrime& c : kRepeatCrimes) {
    if (roll < c.weight) return c.crime;
    roll -= c.weight;
  }
  return kTheft;
}

const MoTemplate& PickTemplate(Crime crime, bool minor_victim, Rng& rng) {
  std::span<const MoTemplate> all = kTemplates[static_cast<int>(crime)];
  std::size_t matching = 0;
  for (const MoTemplate& t : all) matching += t.minor_victim == minor_victim;
  if (matching == 0) return all[rng.Below(all.size())];
  std::size_t pick = rng.Below(matching);
  for (const MoTemplate& t : all) {
    if (t.minor_victim != minor_victim) continue;
    if (pick-- == 0) return t;
  }
  assert(false);
  return all[0];
}

void AppendSections(std::string_view list, std::vector<std::string_view>& out) {
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find(';', start);
    if (end == std::string_view::npos) end = list.size();
    out.push_back(list.substr(start, end - start));
    start = end + 1;
  }
}

std::string FillModusOperandi(Crime crime, const MoTemplate& tpl, const MoFacts& facts, bool bns,
                              Rng& rng, std::vector<std::string_view>& sections) {
  const Drug& drug = PickOne(kDrugs, rng);
  if (crime == kNdps) {
    AppendSections(drug.sections, sections);
  } else if (crime == kProhibition) {
    AppendSections(facts.prohibition_act, sections);
  } else {
    AppendSections(bns ? tpl.bns : tpl.ipc, sections);
  }

  std::string out;
  out.reserve(tpl.text.size() + 64);
  std::string_view text = tpl.text;
  while (!text.empty()) {
    const std::size_t open = text.find('{');
    out.append(text.substr(0, open));
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open);
    const std::string_view key = text.substr(open + 1, close - open - 1);
    text.remove_prefix(close + 1);
    if (key == "locality") {
      out += facts.locality;
    } else if (key == "other_locality") {
      out += facts.other_locality;
    } else if (key == "spot") {
      out += facts.spot;
    } else if (key == "vehicle") {
      out += facts.vehicle;
    } else if (key == "reg") {
      out += facts.registration;
    } else if (key == "colour") {
      out += facts.colour;
    } else if (key == "amount") {
      const long base = crime == kCyberFraud || crime == kCheating ? 20000 : 2000;
      AppendIndianAmount(base + static_cast<long>(rng.Below(60)) * base / 4, out);
    } else if (key == "time" || key == "time2") {
      fmt::format_to(std::back_inserter(out), "{:02}{:02}", rng.Below(24), rng.Below(4) * 15);
    } else if (key == "phone") {
      out += PickOne(kPhones, rng);
    } else if (key == "item") {
      out += PickOne(kItems, rng);
    } else if (key == "weapon") {
      out += PickOne(kWeapons, rng);
    } else if (key == "dispute") {
      out += PickOne(kDisputes, rng);
    } else if (key == "job") {
      out += PickOne(kJobs, rng);
    } else if (key == "grams") {
      fmt::format_to(std::back_inserter(out), "{}", 5 + rng.Below(36));
    } else if (key == "n") {
      out += std::to_string(std::max(2, facts.accused_count + static_cast<int>(rng.Below(3))));
    } else if (key == "litres") {
      out += std::to_string(20 + 10 * rng.Below(20));
    } else if (key == "drug") {
      out += drug.name;
    } else if (key == "qty") {
      out += rng.Chance(0.7) ? drug.small : drug.large;
    } else if (key == "victim_age") {
      out += std::to_string(facts.victim_age);
    }
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace sutra::gen
