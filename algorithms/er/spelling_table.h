// SpellingTable: the editable rules that bring Romanised spellings of one Indian name to one
// canonical token (Mohd/Md/Muhammad -> one token, Bikash/Vikas -> one token), and the list of
// honorifics that are not part of a name.
//
// The rule language is documented at the top of algorithms/er/spelling_rules.txt, which is also
// the built-in table (Default()). Users edit a copy and load it with Parse().
//
// Thread safety: immutable after construction; any number of threads may call Apply().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"

namespace sutra::algorithms::er {

class SpellingTable {
 public:
  // The built-in table, parsed from DefaultText(). Never fails (a test parses the text).
  static SpellingTable Default();
  // The text of the built-in table, identical to algorithms/er/spelling_rules.txt.
  static std::string_view DefaultText();

  // Parses the rule language. On a bad line the error reads "<source_name>:<line>: <problem>",
  // e.g. "rules.txt:12: unknown rule kind 'subs'".
  static StatusOr<SpellingTable> Parse(std::string_view text,
                                       std::string_view source_name = "spelling rules");

  // The canonical spelling of one token of lowercase ASCII letters: every rewrite rule, in
  // order. Single letters (initials) are returned unchanged. The result may be empty if the
  // rules delete every letter; callers drop empty tokens.
  std::string Apply(std::string_view token) const;

  // True when `token` (lowercase, as written) is listed as an honorific.
  bool IsHonorific(std::string_view token) const;
  // True when a `token` rule rewrites exactly this word ("md"), which marks it as a name even
  // when it looks like glued initials.
  bool HasTokenRule(std::string_view token) const;

  bool operator==(const SpellingTable&) const = default;

 private:
  enum class Kind { kToken, kSub, kPrefix, kSuffix, kCollapseDoubles, kDropFinalA };
  struct Rule {
    Kind kind = Kind::kSub;
    std::string from;
    std::string to;
    std::size_t min_length = 0;  // kSuffix, kDropFinalA: tokens shorter than this are skipped
    bool operator==(const Rule&) const = default;
  };

  static Status ParseLine(std::string_view line, SpellingTable& table);
  static std::string ApplyRule(const Rule& rule, std::string token);

  std::vector<Rule> rules_;              // in file order
  std::vector<std::string> honorifics_;  // in file order; lists are short
};

}  // namespace sutra::algorithms::er
