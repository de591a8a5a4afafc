// Offline memory plans: tensor and scratch offsets computed ahead of time
// (`tfmicro plan`, python/tfmicro/plan.py) and stored in the model's
// metadata under the name "tfmicro_plan". The device trusts a plan only
// after CheckPlan (memory_planner.h) accepts it for the buffers, lifetimes
// and in-place permissions it computes itself.
//
// Format, version 1: little-endian, every field a uint32 unless noted.
//   offset  field
//   0       magic, the bytes "TFMP"
//   4       uint16 version (1)
//   6       uint16 subgraph the plan is for (0)
//   8       number of tensors of that subgraph
//   12      number of operators of that subgraph (the order it was made for)
//   16      bytes of the planned region
//   20      number of scratch buffers
//   24      the offset of every tensor, in tensor order; 0xFFFFFFFF for a
//           tensor the runtime does not plan (constant, variable, unused)
//   ...     the offset of every scratch buffer, in node order and within a
//           node in request order
#ifndef TENSORFLOW_MICRO_CORE_OFFLINE_PLAN_H_
#define TENSORFLOW_MICRO_CORE_OFFLINE_PLAN_H_

#include <cstddef>
#include <cstdint>

#include "tensorflow_micro/core/graph.h"
#include "tensorflow_micro/core/memory_planner.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {

constexpr char kOfflinePlanMetadataName[] = "tfmicro_plan";
constexpr uint16_t kOfflinePlanVersion = 1;
constexpr uint32_t kOfflinePlanNotPlanned = 0xFFFFFFFFu;
constexpr size_t kOfflinePlanHeaderBytes = 24;

struct OfflinePlan {
  const uint8_t* offsets = nullptr;  // tensor offsets, then scratch offsets
  uint32_t num_tensors = 0;
  uint32_t num_operators = 0;
  uint32_t region_bytes = 0;
  uint32_t num_scratch = 0;
};

// Finds the model's "tfmicro_plan" metadata and reads its header. false
// with reason "" when there is none, or with the reason when the entry is
// malformed (bad magic, version, sizes).
bool FindOfflinePlan(const schema::Model* model, OfflinePlan* plan,
                     char* reason, size_t reason_size);

// Sets every buffer's offset from the plan and checks the result with
// CheckPlan. buffer_tensor[k] is the tensor of buffer k, or -1 for a
// scratch buffer (scratch buffers come in plan order). On success
// *region_bytes is the planned region's size.
bool ApplyOfflinePlan(const OfflinePlan& plan, int32_t num_tensors,
                      int32_t num_operators, const int32_t* buffer_tensor,
                      PlannedBuffer* buffers, int count,
                      const InPlaceAllowance* allowances, int num_allowances,
                      size_t* region_bytes, char* reason, size_t reason_size);

// What the interpreter planned with: kept when InterpreterOptions asks to
// record it, for the offline planner (through the C API).
struct PlanRecord {
  const PlannedBuffer* buffers = nullptr;
  const int32_t* buffer_tensors = nullptr;  // -1 for scratch buffers
  int32_t num_buffers = 0;
  const InPlaceAllowance* allowances = nullptr;
  int32_t num_allowances = 0;
};

enum class PlanSource : int32_t {
  kNone = 0,             // not planned yet
  kDevice = 1,           // the interpreter's planner (greedy by default)
  kOffline = 2,          // the model's offline plan, checked
  kOfflineRejected = 3,  // the offline plan failed its check: device planner
};

namespace internal {

// The in-place permissions the graph's kernels declared in prepare that
// hold for these buffers: the input dies at the node, the output is born
// there and the input is not a graph output. buffer_tensor as in
// ApplyOfflinePlan. Writes at most kMaxInPlacePerNode per node to `out`
// and returns how many.
int32_t CollectInPlaceAllowances(const Graph& graph,
                                 const int32_t* buffer_tensor,
                                 const PlannedBuffer* buffers, int32_t count,
                                 InPlaceAllowance* out);

}  // namespace internal
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_OFFLINE_PLAN_H_
