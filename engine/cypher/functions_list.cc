// List and path functions: head, last, tail, range, reverse, size, length, nodes,
// relationships. Strings count code points for size/length/reverse.
#include <cstdint>
#include <string>

#include "engine/cypher/errors.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/functions_internal.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {
namespace {

using scalar::Args;
using scalar::BadArgument;
using scalar::SequenceLength;

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < s.size(); at += SequenceLength(static_cast<unsigned char>(s[at]))) {
    ++n;
  }
  return n;
}

// The list argument, or nullptr for null.
const List* ListArg(std::string_view function, const Value& v) {
  if (v.is_null()) return nullptr;
  if (!v.is_list()) BadArgument(function, v);
  return &v.as_list();
}

// range() refuses to build lists longer than this: a typo such as range(0, 1e12) would
// otherwise exhaust memory instead of failing.
constexpr std::int64_t kMaxRangeLength = std::int64_t{1} << 28;

std::int64_t RangeBound(const Value& v) {
  if (!v.is_int()) {
    ThrowRuntime(ErrorType::kArgumentError, "InvalidArgumentType",
                 std::string("range() takes integers, not a value of type ") + KindName(v.kind()));
  }
  return v.as_int();
}

}  // namespace

namespace scalar {

Value Head(Args args, const EvalEnv&) {
  const List* list = ListArg("head", args[0]);
  if (!list || list->empty()) return Value();
  return list->front();
}

Value Last(Args args, const EvalEnv&) {
  const List* list = ListArg("last", args[0]);
  if (!list || list->empty()) return Value();
  return list->back();
}

Value Tail(Args args, const EvalEnv&) {
  const List* list = ListArg("tail", args[0]);
  if (!list) return Value();
  if (list->empty()) return Value(List{});
  return Value(List(list->begin() + 1, list->end()));
}

// range(start, end [, step]): start, start + step, ... up to and including end; empty when
// the step points away from end.
Value Range(Args args, const EvalEnv&) {
  for (const Value& v : args) {
    if (v.is_null()) return Value();
  }
  const std::int64_t start = RangeBound(args[0]);
  const std::int64_t end = RangeBound(args[1]);
  const std::int64_t step = args.size() > 2 ? RangeBound(args[2]) : 1;
  if (step == 0) {
    ThrowRuntime(ErrorType::kArgumentError, "NumberOutOfRange", "range() step cannot be 0");
  }
  List out;
  if ((step > 0 && start > end) || (step < 0 && start < end)) return Value(std::move(out));
  const __int128 count = (static_cast<__int128>(end) - start) / step + 1;
  if (count > kMaxRangeLength) {
    ThrowRuntime(
        ErrorType::kArgumentError, "NumberOutOfRange",
        "range() would produce more than " + std::to_string(kMaxRangeLength) + " elements");
  }
  out.reserve(static_cast<std::size_t>(count));
  __int128 value = start;
  for (__int128 i = 0; i < count; ++i, value += step) {
    out.emplace_back(static_cast<std::int64_t>(value));
  }
  return Value(std::move(out));
}

// reverse(list) or reverse(string) (by code points).
Value Reverse(Args args, const EvalEnv&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_list()) return Value(List(v.as_list().rbegin(), v.as_list().rend()));
  if (!v.is_string()) BadArgument("reverse", v);
  const std::string& s = v.as_string();
  std::string out(s.size(), '\0');
  std::size_t write = s.size();
  for (std::size_t at = 0; at < s.size();) {
    std::size_t n = SequenceLength(static_cast<unsigned char>(s[at]));
    if (at + n > s.size()) n = s.size() - at;
    write -= n;
    out.replace(write, n, s, at, n);
    at += n;
  }
  return Value(std::move(out));
}

Value Size(Args args, const EvalEnv&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_list()) return Value(static_cast<std::int64_t>(v.as_list().size()));
  if (v.is_string()) return Value(static_cast<std::int64_t>(CodePointCount(v.as_string())));
  BadArgument("size", v);
}

// length(path): its relationship count (strings and lists are accepted as size() is).
Value Length(Args args, const EvalEnv& env) {
  const Value& v = args[0];
  if (v.is_path()) return Value(static_cast<std::int64_t>(v.as_path().rels.size()));
  if (v.is_null() || v.is_list() || v.is_string()) return Size(args, env);
  BadArgument("length", v);
}

Value Nodes(Args args, const EvalEnv&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_path()) BadArgument("nodes", v);
  List out;
  out.reserve(v.as_path().nodes.size());
  for (ElementId id : v.as_path().nodes) out.emplace_back(NodeRef{id});
  return Value(std::move(out));
}

Value Relationships(Args args, const EvalEnv&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_path()) BadArgument("relationships", v);
  List out;
  out.reserve(v.as_path().rels.size());
  for (ElementId id : v.as_path().rels) out.emplace_back(RelRef{id});
  return Value(std::move(out));
}

}  // namespace scalar
}  // namespace sutra::cypher
