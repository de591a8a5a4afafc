#include "tensorflow_micro/core/status.h"

namespace tfmicro {

const char* StatusName(Status status) {
  switch (status) {
    case Status::kOk:
      return "OK";
    case Status::kInvalidModel:
      return "INVALID_MODEL";
    case Status::kUnsupportedOp:
      return "UNSUPPORTED_OP";
    case Status::kArenaTooSmall:
      return "ARENA_TOO_SMALL";
    case Status::kKernelError:
      return "KERNEL_ERROR";
    case Status::kNotReady:
      return "NOT_READY";
    case Status::kInvalidArgument:
      return "INVALID_ARGUMENT";
  }
  return "UNKNOWN";
}

}  // namespace tfmicro
