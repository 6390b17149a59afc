// Strong identifiers: identity numbers whose form proves they were written as issued, so two of
// them that differ belong to two different people rather than to one person and a typing error.
//
// Kinds recognised:
//   Aadhaar  12 digits (spaces and hyphens allowed), first digit 2-9, Verhoeff check digit valid.
//            The check digit catches every single wrong digit and every swap of two adjacent
//            digits, so two valid numbers that differ are never one slip apart.
//   PAN      5 letters, 4 digits, 1 letter (case-insensitive), the 4th letter one of the holder
//            types (P person, C company, H HUF, F firm, A AOP, T trust, B BOI, L local, J
//            artificial, G government). PAN has no check digit, so two PANs one character apart
//            may be one slip; only PANs two or more edits apart plainly differ.
// Anything else (FEBRL's social security numbers, e-mail addresses, phone numbers) is not strong:
// benchmark data replace such values wholesale in true duplicates.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sutra::algorithms::er {

// Whether `digits` (exactly 12 ASCII digits) passes the Verhoeff check.
bool VerhoeffValid(std::string_view digits);

// The canonical form of a strong identifier ("aadhaar:234123412346", "pan:ABCPE1234F"), or
// nullopt when `raw` is not one.
std::optional<std::string> StrongIdentifier(std::string_view raw);

// Whether two canonical strong identifiers belong to different people: of one kind, different,
// and (for PAN) at least two edits (substitutions or adjacent swaps) apart. Identifiers of
// different kinds never conflict: one person holds both an Aadhaar number and a PAN.
bool StrongIdentifiersDiffer(std::string_view a, std::string_view b);

}  // namespace sutra::algorithms::er
