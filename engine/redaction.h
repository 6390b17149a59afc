// Redaction: what an answer shows of one node, once the access policy has decided
// (engine/policy/access_policy.h). The one place that strips a node to a hit or withholds a
// protected identity, so that search, expand, paths, export and Cypher all show the same.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/answer_nodes.h"
#include "engine/policy/access_policy.h"
#include "storage/model.h"

namespace sutra::engine {

// The properties that identify a person: withheld from a protected record (and from a
// resolved person with such a record) unless the need is stated.
bool IsIdentityProperty(std::string_view key);

// The protection facts (algorithms::NodeFlag / storage::ProtectionBit bits) as the names answers
// carry: "acquitted", "discharged", "wrongful_arrest", "juvenile", "sexual_offence_victim".
std::vector<std::string> ProtectionFlagNames(std::uint8_t bits);

struct NodePresentation {
  policy::Disclosure disclosure = policy::Disclosure::kNone;
  // The node's protection bits, including those it takes from its case or its records (a
  // record accused in an acquitted case, a person with a juvenile record).
  std::uint8_t protection = 0;
  bool reveal_juvenile = false;  // the need was stated and may be
  bool reveal_victim = false;
  std::vector<std::string> holding_stations;  // codes, for a hit
};

// The node as the answer shows it:
//   kFull     every property, except the identity of a protected person without the need
//             (replaced by `redacted`: why, and which need would reveal it); flags name the
//             protection facts, and "juvenile:redacted" / "sexual_offence_victim:redacted"
//   kHitOnly  the id and type, and only `holding_stations` (";"-joined); flag "hit-only"
//   kNone     not to be shown at all (callers leave it out; this returns it as kHitOnly would)
AnswerNode Present(storage::Node node, const NodePresentation& how);

}  // namespace sutra::engine
