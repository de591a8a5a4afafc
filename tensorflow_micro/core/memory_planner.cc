#include "tensorflow_micro/core/memory_planner.h"

#include "tensorflow_micro/core/arena_allocator.h"

namespace tfmicro {
namespace {

bool LifetimesOverlap(const PlannedBuffer& a, const PlannedBuffer& b) {
  return a.first_op <= b.last_op && b.first_op <= a.last_op;
}

// Insertion sort keeps the planner free of library dependencies; models
// have at most a few hundred buffers.
template <typename Less>
void SortIndices(int32_t* indices, int count, Less less) {
  for (int i = 1; i < count; ++i) {
    const int32_t value = indices[i];
    int j = i - 1;
    while (j >= 0 && less(value, indices[j])) {
      indices[j + 1] = indices[j];
      --j;
    }
    indices[j + 1] = value;
  }
}

}  // namespace

size_t GreedyMemoryPlanner::WorkspaceBytes(int count) const {
  // Placement order plus the list of conflicting buffers.
  return 2 * sizeof(int32_t) * static_cast<size_t>(count > 0 ? count : 1);
}

Status GreedyMemoryPlanner::Plan(PlannedBuffer* buffers, int count,
                                 void* workspace, size_t* total_bytes) const {
  int32_t* order = static_cast<int32_t*>(workspace);
  int32_t* placed = order + count;  // placed buffers, sorted by offset
  for (int i = 0; i < count; ++i) order[i] = i;
  // Largest first; ties keep the earlier-born buffer first (stable plans).
  SortIndices(order, count, [buffers](int32_t a, int32_t b) {
    if (buffers[a].bytes != buffers[b].bytes) {
      return buffers[a].bytes > buffers[b].bytes;
    }
    return a < b;
  });
  int num_placed = 0;
  size_t total = 0;
  for (int k = 0; k < count; ++k) {
    PlannedBuffer& buffer = buffers[order[k]];
    const size_t size = AlignUp(buffer.bytes, kArenaAlignment);
    // Scan placed buffers by increasing offset for the first gap.
    size_t candidate = 0;
    for (int p = 0; p < num_placed; ++p) {
      const PlannedBuffer& other = buffers[placed[p]];
      if (!LifetimesOverlap(buffer, other)) continue;
      const size_t other_end =
          other.offset + AlignUp(other.bytes, kArenaAlignment);
      if (candidate + size <= other.offset) break;  // fits before `other`
      if (other_end > candidate) candidate = other_end;
    }
    buffer.offset = static_cast<uint32_t>(candidate);
    if (candidate + size > total) total = candidate + size;
    // Insert into `placed`, keeping it sorted by offset.
    int pos = num_placed;
    while (pos > 0 && buffers[placed[pos - 1]].offset > buffer.offset) {
      placed[pos] = placed[pos - 1];
      --pos;
    }
    placed[pos] = order[k];
    ++num_placed;
  }
  *total_bytes = total;
  return Status::kOk;
}

size_t LinearMemoryPlanner::WorkspaceBytes(int) const { return 0; }

Status LinearMemoryPlanner::Plan(PlannedBuffer* buffers, int count, void*,
                                 size_t* total_bytes) const {
  size_t offset = 0;
  for (int i = 0; i < count; ++i) {
    buffers[i].offset = static_cast<uint32_t>(offset);
    offset += AlignUp(buffers[i].bytes, kArenaAlignment);
  }
  *total_bytes = offset;
  return Status::kOk;
}

}  // namespace tfmicro
