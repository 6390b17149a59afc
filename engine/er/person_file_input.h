// The bridge from a person file (ingest/person_file.h: CSV columns mapped to roles) to the
// entity resolver's input (algorithms/er/resolver.h). Shared by `sutra dedupe`, `sutra link`
// and bench_er, so that every one of them reads a file's roles the same way.
#pragma once

#include "algorithms/er/resolver.h"
#include "ingest/person_file.h"

namespace sutra::engine::er {

// Maps one record's roles onto PersonInput:
//   name        full_name, or else given_name and surname joined by a space
//   father_name father_name
//   dob         dob (the resolver reads year, month and day; see PersonInput::dob)
//   birth_year  birth_year, age  age: when all digits (at most 9), else not given
//   address     address, city, postcode and state, the non-empty ones joined by a space
//   phone       phone
//   identifier  id_number
//   email       email (compared with typos allowed, not as an exact identifier)
// gender is not read: the resolver does not compare it. The id is copied as is. Never fails;
// a role with no value leaves its field empty.
algorithms::er::PersonInput ToPersonInput(const ingest::PersonFileRecord& record);

}  // namespace sutra::engine::er
