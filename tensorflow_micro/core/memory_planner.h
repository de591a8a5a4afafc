// The memory planner interface: given buffers with sizes and lifetimes
// (operator index ranges), choose offsets in the planned region so that
// buffers alive at the same time never overlap.
#ifndef TENSORFLOW_MICRO_CORE_MEMORY_PLANNER_H_
#define TENSORFLOW_MICRO_CORE_MEMORY_PLANNER_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/core/status.h"

namespace tfmicro {

struct PlannedBuffer {
  uint32_t bytes;
  int32_t first_op;  // alive from this operator...
  int32_t last_op;   // ...to this one, inclusive
  uint32_t offset;   // output: offset from the start of the planned region
};

class MemoryPlanner {
 public:
  // Temporary bytes Plan needs for `count` buffers.
  virtual size_t WorkspaceBytes(int count) const = 0;
  // Sets every buffer's offset and *total_bytes to the planned region's
  // size. Offsets are multiples of kArenaAlignment.
  virtual Status Plan(PlannedBuffer* buffers, int count, void* workspace,
                      size_t* total_bytes) const = 0;

 protected:
  ~MemoryPlanner() = default;
};

// Places buffers largest first, each at the lowest offset that does not
// collide with an already placed buffer whose lifetime overlaps.
class GreedyMemoryPlanner : public MemoryPlanner {
 public:
  size_t WorkspaceBytes(int count) const override;
  Status Plan(PlannedBuffer* buffers, int count, void* workspace,
              size_t* total_bytes) const override;
};

// Gives every buffer its own memory (nothing is shared): intermediate
// tensors stay readable after Invoke.
class LinearMemoryPlanner : public MemoryPlanner {
 public:
  size_t WorkspaceBytes(int count) const override;
  Status Plan(PlannedBuffer* buffers, int count, void* workspace,
              size_t* total_bytes) const override;
};

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_MEMORY_PLANNER_H_
