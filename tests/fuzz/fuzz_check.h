// What a fuzz target asserts beyond "no crash": an invariant of the parser's output that input
// must never break. A failed check aborts, which libFuzzer and the replay runner report with the
// input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>

#define SUTRA_FUZZ_CHECK(cond)                                                               \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
