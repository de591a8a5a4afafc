// Status codes shared by the core, the kernels and the C API.
#ifndef TENSORFLOW_MICRO_CORE_STATUS_H_
#define TENSORFLOW_MICRO_CORE_STATUS_H_

#include <cstdint>

namespace tfmicro {

// Values are part of the C API (tfmicro_c.h mirrors them); append only.
enum class Status : int32_t {
  kOk = 0,
  kInvalidModel = 1,     // the bytes are not a valid TFLite model for us
  kUnsupportedOp = 2,    // an operator has no registered kernel
  kArenaTooSmall = 3,    // the arena cannot hold what the model needs
  kKernelError = 4,      // a kernel rejected its node (types, shapes, params)
  kNotReady = 5,         // call order wrong (e.g. Invoke before AllocateTensors)
  kInvalidArgument = 6,  // a bad argument from the caller
};

const char* StatusName(Status status);

}  // namespace tfmicro

// Propagates a non-OK status to the caller.
#define TFM_RETURN_IF_ERROR(expr)                              \
  do {                                                         \
    const ::tfmicro::Status tfm_status_ = (expr);              \
    if (tfm_status_ != ::tfmicro::Status::kOk) return tfm_status_; \
  } while (0)

#endif  // TENSORFLOW_MICRO_CORE_STATUS_H_
