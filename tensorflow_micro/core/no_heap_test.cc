// Proves the runtime never touches the heap once constructed: malloc,
// calloc, realloc and free are wrapped at link time (-Wl,--wrap) and
// operator new/delete are replaced; every call while the guard is up is
// counted. AllocateTensors, Invoke and Reset run on the bundled sine model
// and on a model with subgraphs and resource variables.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/examples/models/sine_int8_model.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/testing/graph_model.h"
#include "tensorflow_micro/testing/micro_test.h"

namespace {
// volatile: the compiler may assume malloc leaves globals untouched and
// drop the count otherwise.
volatile bool g_guard = false;
volatile int g_heap_calls = 0;
void Note() {
  if (g_guard) ++g_heap_calls;
}
}  // namespace

extern "C" {
void* __real_malloc(size_t size);
void* __real_calloc(size_t count, size_t size);
void* __real_realloc(void* pointer, size_t size);
void __real_free(void* pointer);

void* __wrap_malloc(size_t size) {
  Note();
  return __real_malloc(size);
}
void* __wrap_calloc(size_t count, size_t size) {
  Note();
  return __real_calloc(count, size);
}
void* __wrap_realloc(void* pointer, size_t size) {
  Note();
  return __real_realloc(pointer, size);
}
void __wrap_free(void* pointer) {
  if (pointer != nullptr) Note();
  __real_free(pointer);
}
}  // extern "C"

void* operator new(size_t size) {
  Note();
  void* p = __real_malloc(size == 0 ? 1 : size);
  if (p == nullptr) std::abort();  // test-only: no exceptions here
  return p;
}
void* operator new[](size_t size) { return operator new(size); }
void operator delete(void* pointer) noexcept {
  if (pointer != nullptr) Note();
  __real_free(pointer);
}
void operator delete[](void* pointer) noexcept { operator delete(pointer); }
void operator delete(void* pointer, size_t) noexcept {
  operator delete(pointer);
}
void operator delete[](void* pointer, size_t) noexcept {
  operator delete(pointer);
}

namespace tfmicro {
namespace {

TFM_TEST(WrappersSeeHeapCalls) {
  // The guard works: a deliberate allocation under it is counted.
  g_heap_calls = 0;
  g_guard = true;
  void* volatile p = std::malloc(16);
  g_guard = false;
  std::free(p);
  TFM_EXPECT_EQ(1, g_heap_calls);
}

TFM_TEST(RunsTheSineModelWithoutTheHeap) {
  alignas(16) static uint8_t arena[8 * 1024];
  MicroOpResolver<1> resolver;
  TFM_EXPECT_EQ(Status::kOk, resolver.AddFullyConnected());
  Interpreter interpreter(g_sine_int8_model, g_sine_int8_model_len, resolver,
                          arena, sizeof(arena));
  std::printf("guarding AllocateTensors, Invoke and Reset\n");
  std::fflush(stdout);

  g_heap_calls = 0;
  g_guard = true;
  const Status allocated = interpreter.AllocateTensors();
  Status invoked = Status::kNotReady;
  if (allocated == Status::kOk) {
    for (int i = 0; i < 3; ++i) {
      interpreter.input(0)->data_as<int8_t>()[0] = static_cast<int8_t>(i * 40);
      invoked = interpreter.Invoke();
    }
    interpreter.Reset();
  }
  g_guard = false;

  TFM_EXPECT_EQ(Status::kOk, allocated);
  TFM_EXPECT_EQ(Status::kOk, invoked);
  TFM_EXPECT_EQ(0, g_heap_calls);
  if (allocated != Status::kOk) std::printf("%s\n", interpreter.error_message());
}

TFM_TEST(RunsSubgraphsAndVariablesWithoutTheHeap) {
  // Building the model uses the heap; preparing and running it must not.
  testing::GraphModel m;
  testing::BuildAccumulatorModel(m);
  TFM_EXPECT_EQ(Status::kOk, m.Build());
  g_heap_calls = 0;
  g_guard = true;
  const Status allocated = m.interpreter().AllocateTensors();
  Status invoked = Status::kNotReady;
  if (allocated == Status::kOk) {
    for (int i = 0; i < 3; ++i) invoked = m.Invoke();
    m.interpreter().Reset();
    if (invoked == Status::kOk) invoked = m.Invoke();
  }
  g_guard = false;

  TFM_EXPECT_EQ(Status::kOk, allocated);
  TFM_EXPECT_EQ(Status::kOk, invoked);
  TFM_EXPECT_EQ(0, g_heap_calls);
}

}  // namespace
}  // namespace tfmicro

TFM_TEST_MAIN()
