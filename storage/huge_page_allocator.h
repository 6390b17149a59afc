// HugePageAllocator: a std::allocator for large, long-lived buffers (sort arenas, snapshot
// arrays). Blocks of 2 MiB and more are 2 MiB-aligned and marked MADV_HUGEPAGE, so the kernel
// backs them with transparent huge pages where it can: one page fault per 2 MiB instead of
// one per 4 KiB, which on virtual machines is a large share of the time spent filling a
// fresh buffer. Smaller blocks come from the ordinary heap.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace sutra::storage {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return std::allocator<T>().allocate(n);
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without THP it is plain memory
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    if (n * sizeof(T) < kHugePage) return std::allocator<T>().deallocate(p, n);
    std::free(p);
  }
  // Elements made without arguments are default-initialized: sizing a vector of plain
  // structs writes nothing, so its pages are first touched where they are filled.
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

// Backs [data, data + bytes) with zeroed pages now, leaving any contents alone, so that a later
// first write does not stop for a page fault. Safe while another thread writes the range.
// Walks in 8 MiB steps and stops early when `stop` turns true. Returns false where the kernel
// cannot (MADV_POPULATE_WRITE arrived in Linux 5.14); the memory then fills on first write.
inline bool PopulateForWrite(void* data, std::size_t bytes, const std::atomic<bool>& stop) {
#ifndef MADV_POPULATE_WRITE
  constexpr int MADV_POPULATE_WRITE = 23;
#endif
  constexpr std::uintptr_t kPage = 4096, kStep = std::size_t{8} << 20;
  std::uintptr_t begin = reinterpret_cast<std::uintptr_t>(data) & ~(kPage - 1);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(data) + bytes;
  for (; begin < end && !stop.load(std::memory_order_relaxed); begin += kStep) {
    const std::size_t length = std::min<std::uintptr_t>(kStep, end - begin);
    if (madvise(reinterpret_cast<void*>(begin), length, MADV_POPULATE_WRITE) != 0) return false;
  }
  return true;
}

}  // namespace sutra::storage
