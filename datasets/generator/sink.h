// Where generated FIRs go. A sink receives the geography once, then every FIR in output order;
// it owns its files. truth.csv is written by the generator itself, since it is the same for
// every format.
#pragma once

#include <cstdint>

#include "datasets/generator/fir.h"
#include "datasets/generator/geography.h"
#include "storage/status.h"

namespace sutra::gen {

class FirSink {
 public:
  virtual ~FirSink() = default;
  // Called once, before any Write().
  virtual Status Begin(const Geography& geo) = 0;
  virtual Status Write(const Fir& fir) = 0;
  // Flushes and closes every file; the output is complete only if this returns OK.
  virtual Status Finish() = 0;
  virtual std::uint64_t bytes_written() const = 0;
};

}  // namespace sutra::gen
