// The one arena: persistent data from the tail (growing down), temporary
// data and then the planned tensors from the head (growing up).
//
//   start                                                         end
//   | planned tensors / scratch (or temp while preparing) | free | persistent |
#ifndef TENSORFLOW_MICRO_CORE_ARENA_ALLOCATOR_H_
#define TENSORFLOW_MICRO_CORE_ARENA_ALLOCATOR_H_

#include <cstddef>
#include <cstdint>

namespace tfmicro {

constexpr size_t kArenaAlignment = 16;

inline size_t AlignUp(size_t value, size_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

class ArenaAllocator {
 public:
  ArenaAllocator() = default;
  void Init(uint8_t* arena, size_t arena_size);

  // Persistent memory from the tail, kArenaAlignment aligned, zeroed.
  // nullptr when it does not fit; shortfall() then says by how much.
  void* AllocatePersistent(size_t bytes);
  // Temporary memory from the head, released by ResetTemp().
  void* AllocateTemp(size_t bytes);
  void ResetTemp();
  // Claims the head region for planned buffers; false if it does not fit.
  bool ReservePlanned(size_t bytes);

  uint8_t* head_start() const { return start_; }
  size_t persistent_bytes() const { return static_cast<size_t>(end_ - tail_); }
  size_t planned_bytes() const { return planned_; }
  // Bytes needed from the caller's arena pointer for everything so far:
  // alignment loss at the start plus the largest head + tail extent seen.
  size_t used_bytes() const { return start_loss_ + peak_; }
  // After a failed allocation: the smallest arena size that would have
  // satisfied it (a lower bound of what the model needs).
  size_t needed_bytes_at_failure() const { return needed_at_failure_; }
  size_t arena_size() const { return arena_size_; }
  // Bytes lost to aligning the caller's arena pointer.
  size_t start_loss() const { return start_loss_; }

 private:
  void NotePeak();
  void NoteFailure(size_t head_extent, size_t tail_extent);

  uint8_t* start_ = nullptr;
  uint8_t* end_ = nullptr;
  uint8_t* tail_ = nullptr;
  size_t temp_ = 0;     // bytes of temporary data at the head
  size_t planned_ = 0;  // bytes of planned data at the head
  size_t peak_ = 0;
  size_t start_loss_ = 0;
  size_t arena_size_ = 0;
  size_t needed_at_failure_ = 0;
};

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_ARENA_ALLOCATOR_H_
