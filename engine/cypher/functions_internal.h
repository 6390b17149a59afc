// Shared by the scalar-function files (functions.cc, functions_text.cc, functions_list.cc):
// the implementations the function table in functions.cc calls, and the small helpers the
// text and list functions both need. Private to sutra_cypher.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "engine/cypher/errors.h"
#include "engine/cypher/evaluate.h"
#include "engine/cypher/value.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher::scalar {

using Args = std::span<const Value>;

// TypeError InvalidArgumentValue: `function` was given a value of a type it does not take.
[[noreturn]] inline void BadArgument(std::string_view function, const Value& value) {
  ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentValue",
               std::string(function) + "() cannot take a value of type " + KindName(value.kind()));
}

// Byte length of the UTF-8 sequence led by `lead`; invalid lead bytes count as one character.
inline std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// functions_text.cc
Value ToUpper(Args args, const EvalEnv& env);
Value ToLower(Args args, const EvalEnv& env);
Value Trim(Args args, const EvalEnv& env);
Value LTrim(Args args, const EvalEnv& env);
Value RTrim(Args args, const EvalEnv& env);
Value Replace(Args args, const EvalEnv& env);
Value Substring(Args args, const EvalEnv& env);
Value Left(Args args, const EvalEnv& env);
Value Right(Args args, const EvalEnv& env);
Value Split(Args args, const EvalEnv& env);
Value ToStringFn(Args args, const EvalEnv& env);
Value ToStringOrNull(Args args, const EvalEnv& env);
Value ToInteger(Args args, const EvalEnv& env);
Value ToIntegerOrNull(Args args, const EvalEnv& env);
Value ToFloat(Args args, const EvalEnv& env);
Value ToFloatOrNull(Args args, const EvalEnv& env);
Value ToBoolean(Args args, const EvalEnv& env);
Value ToBooleanOrNull(Args args, const EvalEnv& env);
// functions_list.cc
Value Head(Args args, const EvalEnv& env);
Value Last(Args args, const EvalEnv& env);
Value Tail(Args args, const EvalEnv& env);
Value Range(Args args, const EvalEnv& env);
Value Reverse(Args args, const EvalEnv& env);
Value Size(Args args, const EvalEnv& env);
Value Length(Args args, const EvalEnv& env);
Value Nodes(Args args, const EvalEnv& env);
Value Relationships(Args args, const EvalEnv& env);

}  // namespace sutra::cypher::scalar
