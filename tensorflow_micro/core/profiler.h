// A profiler hook called around every operator's eval.
#ifndef TENSORFLOW_MICRO_CORE_PROFILER_H_
#define TENSORFLOW_MICRO_CORE_PROFILER_H_

#include <cstdint>

namespace tfmicro {

class Profiler {
 public:
  virtual void BeginOp(int node_index, const char* op_name) = 0;
  virtual void EndOp(int node_index) = 0;

 protected:
  ~Profiler() = default;
};

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_PROFILER_H_
