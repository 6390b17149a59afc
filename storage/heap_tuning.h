// Heap settings for programs that load and scan at scale (the `sutra` tool and the benchmarks).
#pragma once

#include <malloc.h>

namespace sutra::storage {

// Loads and snapshot builds allocate large buffers batch after batch. Keeping them in the heap,
// instead of fresh mmap()s, spares the kernel zeroing the same pages again and again (17% of a
// load's time when measured); freed memory then stays with the process until it exits or calls
// malloc_trim(). Call once, first thing in main().
inline void KeepLargeBuffersInHeap() {
  mallopt(M_MMAP_THRESHOLD, 512 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace sutra::storage
