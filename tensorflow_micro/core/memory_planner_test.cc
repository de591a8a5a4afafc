#include "tensorflow_micro/core/memory_planner.h"

#include "tensorflow_micro/core/arena_allocator.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace tfmicro {
namespace {

bool Overlap(const PlannedBuffer& a, const PlannedBuffer& b) {
  const bool in_time = a.first_op <= b.last_op && b.first_op <= a.last_op;
  const bool in_space = a.offset < b.offset + b.bytes &&
                        b.offset < a.offset + a.bytes;
  return in_time && in_space;
}

void ExpectValidPlan(const PlannedBuffer* buffers, int count, size_t total) {
  for (int i = 0; i < count; ++i) {
    TFM_EXPECT_EQ(0u, buffers[i].offset % kArenaAlignment);
    TFM_EXPECT_TRUE(buffers[i].offset + buffers[i].bytes <= total);
    for (int j = i + 1; j < count; ++j) {
      TFM_EXPECT_FALSE(Overlap(buffers[i], buffers[j]));
    }
  }
}

TFM_TEST(GreedyReusesMemoryOfDeadBuffers) {
  // A chain: 0 -> 1 -> 2 -> 3; buffer k lives over ops [k, k+1].
  PlannedBuffer buffers[] = {
      {1000, 0, 1, 0}, {500, 1, 2, 0}, {1000, 2, 3, 0}, {500, 3, 4, 0}};
  int32_t workspace[8];
  size_t total = 0;
  GreedyMemoryPlanner planner;
  TFM_EXPECT_EQ(Status::kOk, planner.Plan(buffers, 4, workspace, &total));
  ExpectValidPlan(buffers, 4, total);
  // Two live at a time: 1008 + 512 bytes suffice.
  TFM_EXPECT_EQ(AlignUp(1000, 16) + AlignUp(500, 16), total);
}

TFM_TEST(GreedyNeverOverlapsLiveBuffers) {
  PlannedBuffer buffers[32];
  uint32_t seed = 12345;
  for (int i = 0; i < 32; ++i) {
    seed = seed * 1103515245u + 12345u;
    const int32_t first = static_cast<int32_t>((seed >> 8) % 20);
    seed = seed * 1103515245u + 12345u;
    buffers[i] = {1 + (seed >> 8) % 4000, first,
                  first + static_cast<int32_t>((seed >> 4) % 5), 0};
  }
  int32_t workspace[64];
  size_t total = 0;
  GreedyMemoryPlanner planner;
  TFM_EXPECT_EQ(Status::kOk, planner.Plan(buffers, 32, workspace, &total));
  ExpectValidPlan(buffers, 32, total);
}

TFM_TEST(GreedyWritesOutputsOverDyingInputsWhereAllowed) {
  // Elementwise chain 0 -> 1 -> 2 (gap 0), then a larger output 3 that may
  // start 64 bytes before its input 2.
  PlannedBuffer buffers[] = {
      {256, 0, 1, 0}, {256, 1, 2, 0}, {256, 2, 3, 0}, {512, 3, 4, 0}};
  const InPlaceAllowance allowances[] = {{0, 1, 0}, {1, 2, 0}, {2, 3, 64}};
  int32_t workspace[8];
  size_t total = 0;
  GreedyMemoryPlanner planner;
  TFM_EXPECT_EQ(Status::kOk, planner.PlanWithInPlace(buffers, 4, allowances,
                                                     3, workspace, &total));
  char reason[160];
  TFM_EXPECT_TRUE(
      CheckPlan(buffers, 4, allowances, 3, total, reason, sizeof(reason)));
  // 3 first at 0; 2 at >= 64 inside it; 1 and 0 in place of 2.
  TFM_EXPECT_EQ(512u, total);
  // Without the allowances every neighbour needs its own bytes.
  TFM_EXPECT_EQ(Status::kOk, planner.Plan(buffers, 4, workspace, &total));
  TFM_EXPECT_EQ(768u, total);
}

TFM_TEST(GreedyInPlacePlansPassTheCheck) {
  PlannedBuffer buffers[40];
  InPlaceAllowance allowances[40];
  uint32_t seed = 99;
  for (int round = 0; round < 20; ++round) {
    int num_allowances = 0;
    for (int i = 0; i < 40; ++i) {
      seed = seed * 1103515245u + 12345u;
      const int32_t first = static_cast<int32_t>((seed >> 8) % 30);
      seed = seed * 1103515245u + 12345u;
      buffers[i] = {1 + (seed >> 8) % 3000, first,
                    first + static_cast<int32_t>((seed >> 4) % 4), 0};
    }
    for (int i = 0; i < 40; ++i) {
      for (int j = 0; j < 40 && num_allowances < 40; ++j) {
        seed = seed * 1103515245u + 12345u;
        if (i != j && buffers[i].last_op == buffers[j].first_op &&
            (seed >> 8) % 3 == 0) {
          allowances[num_allowances++] = {i, j, (seed >> 12) % 2048};
        }
      }
    }
    int32_t workspace[80];
    size_t total = 0;
    GreedyMemoryPlanner planner;
    TFM_EXPECT_EQ(Status::kOk,
                  planner.PlanWithInPlace(buffers, 40, allowances,
                                          num_allowances, workspace, &total));
    char reason[160];
    TFM_EXPECT_TRUE(CheckPlan(buffers, 40, allowances, num_allowances, total,
                              reason, sizeof(reason)));
  }
}

TFM_TEST(LinearGivesEveryBufferItsOwnMemory) {
  PlannedBuffer buffers[] = {{10, 0, 0, 0}, {20, 1, 1, 0}, {30, 2, 2, 0}};
  size_t total = 0;
  LinearMemoryPlanner planner;
  TFM_EXPECT_EQ(Status::kOk, planner.Plan(buffers, 3, nullptr, &total));
  TFM_EXPECT_EQ(0u, buffers[0].offset);
  TFM_EXPECT_EQ(16u, buffers[1].offset);
  TFM_EXPECT_EQ(48u, buffers[2].offset);
  TFM_EXPECT_EQ(80u, total);
}

TFM_TEST(ArenaTracksPeakOfHeadAndTail) {
  alignas(16) static uint8_t arena[1024];
  ArenaAllocator allocator;
  allocator.Init(arena, sizeof(arena));
  TFM_EXPECT_TRUE(allocator.AllocatePersistent(100) != nullptr);  // 112
  TFM_EXPECT_TRUE(allocator.AllocateTemp(300) != nullptr);        // 304
  TFM_EXPECT_EQ(416u, allocator.used_bytes());
  allocator.ResetTemp();
  TFM_EXPECT_TRUE(allocator.ReservePlanned(200));                 // 208
  TFM_EXPECT_EQ(416u, allocator.used_bytes());
  TFM_EXPECT_TRUE(allocator.AllocatePersistent(2000) == nullptr);
  TFM_EXPECT_EQ(208u + 112u + 2000u, allocator.needed_bytes_at_failure());
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
