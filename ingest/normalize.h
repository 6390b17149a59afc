// Normalisers for values as police records write them. Each returns the canonical form used as
// a natural key and an exact-lookup term, or std::nullopt when the input is not a valid value
// of its kind (the caller reports the field and the value).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sutra::ingest {

// Indian mobile numbers in any common spelling ("98220 12345", "+91-98220-12345",
// "09822012345", "0091 9822012345") -> E.164 "+919822012345". Only 10-digit numbers that start
// with 6, 7, 8 or 9 are mobile numbers.
std::optional<std::string> NormalizeIndianMobile(std::string_view text);

// Vehicle registrations in any spacing, punctuation or case ("mh 12 ab-1234") -> "MH12AB1234".
// Accepts the state series (two letters, 1–2 digit district code, 0–3 letters, 1–4 digits) and
// the Bharat series ("22 BH 1234 AA").
std::optional<std::string> NormalizeVehicleRegistration(std::string_view text);

// A person or place name folded for exact lookup: Unicode NFKC with case folding, punctuation
// turned to spaces, runs of spaces collapsed, trimmed. "Mohd.  IRFAN" -> "mohd irfan".
// Devanagari and other scripts keep their letters and vowel signs. Input must be valid UTF-8.
std::string FoldForLookup(std::string_view text);

bool IsValidUtf8(std::string_view text);

// "YYYY-MM-DD" naming a real calendar day.
bool IsIsoDate(std::string_view text);
// A date as precise as known: "YYYY", "YYYY-MM" or a real "YYYY-MM-DD"; years 1900-2100.
bool IsPartialDate(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS" with a real day and a valid time of day.
bool IsIsoDateTime(std::string_view text);

// Exact-lookup terms written by ingest and read by the engine's search (storage keeps them
// opaque). Values must already be normalised by the functions above.
std::string PhoneTerm(std::string_view e164);
std::string VehicleTerm(std::string_view registration);
std::string FirTerm(std::string_view fir_number);
std::string NameTerm(std::string_view name);  // folds the name itself
std::string StationTerm(std::string_view station_code);

}  // namespace sutra::ingest
