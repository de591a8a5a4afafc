#include "tensorflow_micro/core/arena_allocator.h"

#include <cstring>

namespace tfmicro {

void ArenaAllocator::Init(uint8_t* arena, size_t arena_size) {
  const uintptr_t raw = reinterpret_cast<uintptr_t>(arena);
  const uintptr_t aligned_start = AlignUp(raw, kArenaAlignment);
  const uintptr_t raw_end = raw + arena_size;
  uintptr_t aligned_end = raw_end / kArenaAlignment * kArenaAlignment;
  if (aligned_end < aligned_start) aligned_end = aligned_start;
  start_ = reinterpret_cast<uint8_t*>(aligned_start);
  end_ = reinterpret_cast<uint8_t*>(aligned_end);
  tail_ = end_;
  temp_ = 0;
  planned_ = 0;
  peak_ = 0;
  start_loss_ = aligned_start - raw;
  arena_size_ = arena_size;
  needed_at_failure_ = 0;
}

void ArenaAllocator::NotePeak() {
  const size_t head = temp_ > planned_ ? temp_ : planned_;
  const size_t used = head + persistent_bytes();
  if (used > peak_) peak_ = used;
}

void ArenaAllocator::NoteFailure(size_t head_extent, size_t tail_extent) {
  needed_at_failure_ = start_loss_ + head_extent + tail_extent;
}

void* ArenaAllocator::AllocatePersistent(size_t bytes) {
  const size_t size = AlignUp(bytes == 0 ? 1 : bytes, kArenaAlignment);
  const size_t head = temp_ > planned_ ? temp_ : planned_;
  const size_t free_bytes = static_cast<size_t>(tail_ - start_) - head;
  if (size > free_bytes) {
    NoteFailure(head, persistent_bytes() + size);
    return nullptr;
  }
  tail_ -= size;
  std::memset(tail_, 0, size);
  NotePeak();
  return tail_;
}

void* ArenaAllocator::AllocateTemp(size_t bytes) {
  const size_t size = AlignUp(bytes == 0 ? 1 : bytes, kArenaAlignment);
  const size_t base = temp_ > planned_ ? temp_ : planned_;
  if (size > static_cast<size_t>(tail_ - start_) - base) {
    NoteFailure(base + size, persistent_bytes());
    return nullptr;
  }
  void* result = start_ + base;
  temp_ = base + size;
  NotePeak();
  return result;
}

void ArenaAllocator::ResetTemp() { temp_ = 0; }

bool ArenaAllocator::ReservePlanned(size_t bytes) {
  const size_t size = AlignUp(bytes, kArenaAlignment);
  if (size > static_cast<size_t>(tail_ - start_)) {
    NoteFailure(size, persistent_bytes());
    return false;
  }
  planned_ = size;
  NotePeak();
  return true;
}

}  // namespace tfmicro
