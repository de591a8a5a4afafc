#include "tensorflow_micro/core/memory_planner.h"

#include "tensorflow_micro/core/arena_allocator.h"
#include "tensorflow_micro/core/format.h"

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

bool MayShareBytes(const PlannedBuffer* buffers, int a, int b,
                   const InPlaceAllowance* allowances, int num_allowances) {
  const PlannedBuffer& x = buffers[a];
  const PlannedBuffer& y = buffers[b];
  if (!LifetimesOverlap(x, y)) return true;
  const uint64_t x_end = static_cast<uint64_t>(x.offset) + x.bytes;
  const uint64_t y_end = static_cast<uint64_t>(y.offset) + y.bytes;
  if (x_end <= y.offset || y_end <= x.offset) return true;
  for (int i = 0; i < num_allowances; ++i) {
    const InPlaceAllowance& allowance = allowances[i];
    const bool forward =
        allowance.input_buffer == a && allowance.output_buffer == b;
    const bool backward =
        allowance.input_buffer == b && allowance.output_buffer == a;
    if (!forward && !backward) continue;
    const PlannedBuffer& input = buffers[allowance.input_buffer];
    const PlannedBuffer& output = buffers[allowance.output_buffer];
    // The pair lives together only at the node that consumes the input
    // and produces the output.
    if (input.last_op != output.first_op) continue;
    if (static_cast<uint64_t>(output.offset) + allowance.min_gap <=
        input.offset) {
      return true;
    }
  }
  return false;
}

bool CheckPlan(const PlannedBuffer* buffers, int count,
               const InPlaceAllowance* allowances, int num_allowances,
               size_t region_bytes, char* reason, size_t reason_size) {
  for (int i = 0; i < num_allowances; ++i) {
    if (allowances[i].input_buffer < 0 || allowances[i].input_buffer >= count ||
        allowances[i].output_buffer < 0 ||
        allowances[i].output_buffer >= count) {
      Format(reason, reason_size, "in-place allowance %d names no buffer", i);
      return false;
    }
  }
  for (int i = 0; i < count; ++i) {
    const PlannedBuffer& b = buffers[i];
    if (b.offset % kArenaAlignment != 0) {
      Format(reason, reason_size,
             "buffer %d at offset %u is not %zu-byte aligned", i,
             static_cast<unsigned>(b.offset), kArenaAlignment);
      return false;
    }
    if (static_cast<uint64_t>(b.offset) + b.bytes > region_bytes) {
      Format(reason, reason_size,
             "buffer %d (%u bytes at offset %u) ends outside the planned "
             "region of %zu bytes",
             i, static_cast<unsigned>(b.bytes), static_cast<unsigned>(b.offset),
             region_bytes);
      return false;
    }
  }
  for (int i = 0; i < count; ++i) {
    for (int j = i + 1; j < count; ++j) {
      if (MayShareBytes(buffers, i, j, allowances, num_allowances)) continue;
      Format(reason, reason_size,
             "buffers %d and %d overlap while both are alive (%u bytes at "
             "offset %u, ops %d..%d; %u bytes at offset %u, ops %d..%d)",
             i, j, static_cast<unsigned>(buffers[i].bytes),
             static_cast<unsigned>(buffers[i].offset),
             static_cast<int>(buffers[i].first_op),
             static_cast<int>(buffers[i].last_op),
             static_cast<unsigned>(buffers[j].bytes),
             static_cast<unsigned>(buffers[j].offset),
             static_cast<int>(buffers[j].first_op),
             static_cast<int>(buffers[j].last_op));
      return false;
    }
  }
  return true;
}

size_t GreedyMemoryPlanner::WorkspaceBytes(int count) const {
  // Placement order plus the list of conflicting buffers.
  return 2 * sizeof(int32_t) * static_cast<size_t>(count > 0 ? count : 1);
}

Status GreedyMemoryPlanner::Plan(PlannedBuffer* buffers, int count,
                                 void* workspace, size_t* total_bytes) const {
  return PlanWithInPlace(buffers, count, nullptr, 0, workspace, total_bytes);
}

namespace {

// The smallest gap an allowance gives `input` and `output`, or -1 when
// none does.
int64_t InPlaceGap(int32_t input, int32_t output,
                   const InPlaceAllowance* allowances, int num_allowances) {
  int64_t gap = -1;
  for (int i = 0; i < num_allowances; ++i) {
    const InPlaceAllowance& a = allowances[i];
    if (a.input_buffer == input && a.output_buffer == output &&
        (gap < 0 || a.min_gap < gap)) {
      gap = a.min_gap;
    }
  }
  return gap;
}

}  // namespace

Status GreedyMemoryPlanner::PlanWithInPlace(
    PlannedBuffer* buffers, int count, const InPlaceAllowance* allowances,
    int num_allowances, void* workspace, size_t* total_bytes) const {
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
    // Scan placed buffers by increasing offset for the first gap. A buffer
    // may not start in (other.offset - size, other end); in place, the
    // output's start may come up to `gap` bytes before its input's and the
    // input's start `gap` bytes after its output's.
    // Moving past one buffer can make an in-place overlap with an earlier
    // one too deep: scan again until the candidate stays.
    size_t candidate = 0;
    bool moved = true;
    while (moved) {
      moved = false;
      for (int p = 0; p < num_placed; ++p) {
        const PlannedBuffer& other = buffers[placed[p]];
        if (!LifetimesOverlap(buffer, other)) continue;
        if (candidate + size <= other.offset) break;  // fits before `other`
        size_t other_end =
            other.offset + AlignUp(other.bytes, kArenaAlignment);
        if (candidate >= other_end) continue;
        if (num_allowances > 0) {
          const int64_t as_output =
              InPlaceGap(placed[p], order[k], allowances, num_allowances);
          if (as_output >= 0 &&
              candidate + static_cast<uint64_t>(as_output) <= other.offset) {
            continue;  // written over `other` from far enough below
          }
          const int64_t as_input =
              InPlaceGap(order[k], placed[p], allowances, num_allowances);
          if (as_input >= 0) {
            const size_t input_floor = AlignUp(
                other.offset + static_cast<size_t>(as_input), kArenaAlignment);
            if (candidate >= input_floor) continue;
            if (input_floor < other_end) other_end = input_floor;
          }
        }
        candidate = other_end;
        moved = true;
      }
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
