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

// A kernel's permission to write one of its node's outputs over one of its
// inputs that is not needed after the node (in place): the two buffers may
// share bytes when the output starts at least `min_gap` bytes before the
// input (input offset - output offset >= min_gap; 0 lets the output take
// the input's place exactly). Indices are into the PlannedBuffer array.
struct InPlaceAllowance {
  int32_t input_buffer;   // last used by the node
  int32_t output_buffer;  // first written by the node
  uint32_t min_gap;
};

// Whether a and b may share bytes at their offsets: true when their
// lifetimes or byte ranges are disjoint, or an allowance permits it.
bool MayShareBytes(const PlannedBuffer* buffers, int a, int b,
                   const InPlaceAllowance* allowances, int num_allowances);

// Checks a finished plan before it is trusted: every offset a multiple of
// kArenaAlignment, every buffer inside [0, region_bytes), and no two
// buffers alive at the same operator sharing a byte unless an allowance
// permits it. On failure writes the first problem to `reason` ("tensor
// buffers 3 and 5 overlap: ...") and returns false.
bool CheckPlan(const PlannedBuffer* buffers, int count,
               const InPlaceAllowance* allowances, int num_allowances,
               size_t region_bytes, char* reason, size_t reason_size);

class MemoryPlanner {
 public:
  // Temporary bytes Plan needs for `count` buffers.
  virtual size_t WorkspaceBytes(int count) const = 0;
  // Sets every buffer's offset and *total_bytes to the planned region's
  // size. Offsets are multiples of kArenaAlignment.
  virtual Status Plan(PlannedBuffer* buffers, int count, void* workspace,
                      size_t* total_bytes) const = 0;
  // Like Plan, and may let buffers share bytes where `allowances` permit
  // (MayShareBytes). The default ignores them.
  virtual Status PlanWithInPlace(PlannedBuffer* buffers, int count,
                                 const InPlaceAllowance* allowances,
                                 int num_allowances, void* workspace,
                                 size_t* total_bytes) const {
    (void)allowances;
    (void)num_allowances;
    return Plan(buffers, count, workspace, total_bytes);
  }

 protected:
  ~MemoryPlanner() = default;
};

// Places buffers largest first, each at the lowest offset that does not
// collide with an already placed buffer whose lifetime overlaps (except
// where an in-place allowance lets it share bytes with it).
class GreedyMemoryPlanner : public MemoryPlanner {
 public:
  size_t WorkspaceBytes(int count) const override;
  Status Plan(PlannedBuffer* buffers, int count, void* workspace,
              size_t* total_bytes) const override;
  Status PlanWithInPlace(PlannedBuffer* buffers, int count,
                         const InPlaceAllowance* allowances,
                         int num_allowances, void* workspace,
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
