// Runs recorded conformance cases on the build's target and checks each
// output against TFLite's, as the host conformance suite does: integer and
// bool outputs bit-exact, float32 within the tolerance recorded with the
// case. On an emulated Cortex-M the bundle is read from qemu's working
// directory through semihosting (newlib's fopen, platform/cortex_m
// syscalls.cc); on the host from the path given as the first argument.
//
//   case_runner [BUNDLE]     (default: conformance_cases.bin)
//
// Prints one line per case, "case N: pass|fail: ...|error: ...|skipped:
// ...", then "cases: P passed, F failed, E errors, S skipped". Exit code 0
// when every case passed or was skipped, 1 when one failed or erred, 2 when
// the bundle cannot be read. tools/conformance/on_target.py builds it, packs
// the bundle and turns the lines into the operator x dtype table.
//
// Bundle: cases one after the other (python/tfmicro/target_cases.py writes
// them; all integers little-endian uint32):
//   header (16 bytes): magic "TFMC", version 1, body bytes, model bytes
//   body: the model, zero-padded to a multiple of 16;
//         invocations; per invocation: inputs, outputs, then per input
//         {type, bytes, data padded to 4} and per output
//         {type, bytes, float32 rtol, float32 atol, data padded to 4}.
//   Type is TFLite's TensorType number (tfmicro::DataType's too).
// Invocations of a case run in order on one interpreter (state carries:
// variables, SVDF/LSTM).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "tensorflow_micro/core/interpreter.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"

namespace {

using tfmicro::DataType;
using tfmicro::Status;

constexpr uint32_t kMagic = 0x434D4654;  // "TFMC"
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 16;
// Every board of tools/toolchains/targets.bzl has 4 MB of RAM; the
// suite's largest case is a few hundred KB.
constexpr size_t kCaseBytes = 768 * 1024;
constexpr size_t kArenaBytes = 1024 * 1024;

alignas(16) uint8_t g_case[kCaseBytes];
alignas(16) uint8_t g_arena[kArenaBytes];

// Reads the body of a case; every read checks the bytes left.
class BodyReader {
 public:
  BodyReader(const uint8_t* data, size_t size) : at_(data), end_(data + size) {}

  bool ok() const { return ok_; }

  uint32_t U32() {
    const uint8_t* p = Take(4, 1);
    uint32_t v = 0;
    if (p != nullptr) std::memcpy(&v, p, 4);
    return v;
  }
  float F32() {
    const uint32_t bits = U32();
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
  }
  // `size` bytes, then skips the padding up to a multiple of `align`.
  const uint8_t* Take(size_t size, size_t align) {
    const size_t padded = (size + align - 1) / align * align;
    if (!ok_ || padded < size ||
        padded > static_cast<size_t>(end_ - at_)) {
      ok_ = false;
      return nullptr;
    }
    const uint8_t* p = at_;
    at_ += padded;
    return p;
  }

 private:
  const uint8_t* at_;
  const uint8_t* end_;
  bool ok_ = true;
};

const char* TypeName(uint32_t type) {
  switch (static_cast<DataType>(type)) {
    case DataType::kFloat32: return "float32";
    case DataType::kInt8: return "int8";
    case DataType::kUInt8: return "uint8";
    case DataType::kInt16: return "int16";
    case DataType::kInt32: return "int32";
    case DataType::kInt64: return "int64";
    case DataType::kBool: return "bool";
    default: return "other";
  }
}

size_t ElementBytes(uint32_t type) {
  switch (static_cast<DataType>(type)) {
    case DataType::kFloat32: case DataType::kInt32: return 4;
    case DataType::kInt16: return 2;
    case DataType::kInt64: return 8;
    default: return 1;
  }
}

// Element `i` of integer data of `type`, widened.
long long IntegerAt(const uint8_t* data, uint32_t type, size_t i) {
  switch (static_cast<DataType>(type)) {
    case DataType::kInt8: return static_cast<int8_t>(data[i]);
    case DataType::kInt16: {
      int16_t v;
      std::memcpy(&v, data + 2 * i, 2);
      return v;
    }
    case DataType::kInt32: {
      int32_t v;
      std::memcpy(&v, data + 4 * i, 4);
      return v;
    }
    case DataType::kInt64: {
      int64_t v;
      std::memcpy(&v, data + 8 * i, 8);
      return v;
    }
    default: return data[i];
  }
}

// newlib-nano's printf has no %lld.
const char* IntegerText(long long value, char (&text)[24]) {
  char* end = text + sizeof(text) - 1;
  *end = '\0';
  unsigned long long magnitude =
      value < 0 ? 0ull - static_cast<unsigned long long>(value)
                : static_cast<unsigned long long>(value);
  do {
    *--end = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) *--end = '-';
  return end;
}

float FloatAt(const uint8_t* data, size_t i) {
  float v;
  std::memcpy(&v, data + 4 * i, 4);
  return v;
}

// The host suite's rule (python/tests/conformance/conformance_util.py):
// |ours - ref| <= atol + rtol * |ref|, or the same non-finite value.
bool FloatAgrees(float ours, float ref, float rtol, float atol) {
  if (!std::isfinite(ref)) {
    return ours == ref || (std::isnan(ours) && std::isnan(ref));
  }
  const double diff = std::fabs(static_cast<double>(ours) - ref);
  return diff <= static_cast<double>(atol) +
                     static_cast<double>(rtol) * std::fabs(ref);
}

// Compares one output; on a mismatch writes the reason to `why`.
bool OutputMatches(const tfmicro::Tensor& ours, uint32_t type,
                   const uint8_t* expected, uint32_t bytes, float rtol,
                   float atol, char* why, size_t why_size) {
  if (static_cast<uint32_t>(ours.type) != type) {
    std::snprintf(why, why_size, "type %s, the oracle's %s",
                  TypeName(static_cast<uint32_t>(ours.type)), TypeName(type));
    return false;
  }
  if (ours.bytes != bytes) {
    std::snprintf(why, why_size, "%u bytes, the oracle's %u",
                  static_cast<unsigned>(ours.bytes),
                  static_cast<unsigned>(bytes));
    return false;
  }
  const uint8_t* actual = ours.data_as<uint8_t>();
  const size_t count = bytes / ElementBytes(type);
  size_t differing = 0;
  size_t first = 0;
  for (size_t i = 0; i < count; ++i) {
    const bool same =
        static_cast<DataType>(type) == DataType::kFloat32
            ? FloatAgrees(FloatAt(actual, i), FloatAt(expected, i), rtol, atol)
            : std::memcmp(actual + i * ElementBytes(type),
                          expected + i * ElementBytes(type),
                          ElementBytes(type)) == 0;
    if (same) continue;
    if (differing++ == 0) first = i;
  }
  if (differing == 0) return true;
  if (static_cast<DataType>(type) == DataType::kFloat32) {
    std::snprintf(why, why_size,
                  "%u of %u float32 elements outside |ours - ref| <= %g + "
                  "%g * |ref|; first at %u: ours %.9g, oracle %.9g",
                  static_cast<unsigned>(differing),
                  static_cast<unsigned>(count), static_cast<double>(atol),
                  static_cast<double>(rtol), static_cast<unsigned>(first),
                  static_cast<double>(FloatAt(actual, first)),
                  static_cast<double>(FloatAt(expected, first)));
  } else {
    char ours_text[24];
    char ref_text[24];
    std::snprintf(why, why_size,
                  "%u of %u %s elements differ (bit-exact); first at %u: "
                  "ours %s, oracle %s",
                  static_cast<unsigned>(differing),
                  static_cast<unsigned>(count), TypeName(type),
                  static_cast<unsigned>(first),
                  IntegerText(IntegerAt(actual, type, first), ours_text),
                  IntegerText(IntegerAt(expected, type, first), ref_text));
  }
  return false;
}

enum class Outcome { kPass, kFail, kError };

// Runs one case whose body (model first) is in g_case.
Outcome RunCase(const uint8_t* body, size_t body_bytes, uint32_t model_bytes,
                char* why, size_t why_size) {
  BodyReader reader(body, body_bytes);
  const uint8_t* model = reader.Take(model_bytes, 16);
  const uint32_t invocations = reader.U32();
  if (!reader.ok()) {
    std::snprintf(why, why_size, "the case is truncated");
    return Outcome::kError;
  }
  static const tfmicro::AllOpsResolver resolver;
  tfmicro::InterpreterOptions options;
  options.log_errors = false;
  tfmicro::Interpreter interpreter(model, model_bytes, resolver, g_arena,
                                   kArenaBytes, options);
  if (interpreter.AllocateTensors() != Status::kOk) {
    std::snprintf(why, why_size, "AllocateTensors: %s",
                  interpreter.error_message());
    return Outcome::kError;
  }
  for (uint32_t run = 0; run < invocations; ++run) {
    const uint32_t num_inputs = reader.U32();
    const uint32_t num_outputs = reader.U32();
    if (reader.ok() && (num_inputs != interpreter.inputs_size() ||
                        num_outputs != interpreter.outputs_size())) {
      std::snprintf(why, why_size,
                    "the case has %u inputs and %u outputs, the model %u "
                    "and %u",
                    static_cast<unsigned>(num_inputs),
                    static_cast<unsigned>(num_outputs),
                    static_cast<unsigned>(interpreter.inputs_size()),
                    static_cast<unsigned>(interpreter.outputs_size()));
      return Outcome::kError;
    }
    for (uint32_t i = 0; i < num_inputs && reader.ok(); ++i) {
      const uint32_t type = reader.U32();
      const uint32_t bytes = reader.U32();
      const uint8_t* data = reader.Take(bytes, 4);
      if (!reader.ok()) break;
      tfmicro::Tensor* input = interpreter.input(i);
      if (static_cast<uint32_t>(input->type) != type || input->bytes != bytes) {
        std::snprintf(why, why_size,
                      "input %u: the case has %s x %u bytes, the model %s x "
                      "%u",
                      static_cast<unsigned>(i), TypeName(type),
                      static_cast<unsigned>(bytes),
                      TypeName(static_cast<uint32_t>(input->type)),
                      static_cast<unsigned>(input->bytes));
        return Outcome::kError;
      }
      if (bytes != 0) std::memcpy(input->data, data, bytes);
    }
    if (!reader.ok()) break;
    if (interpreter.Invoke() != Status::kOk) {
      std::snprintf(why, why_size, "Invoke %u: %s",
                    static_cast<unsigned>(run), interpreter.error_message());
      return Outcome::kError;
    }
    for (uint32_t i = 0; i < num_outputs; ++i) {
      const uint32_t type = reader.U32();
      const uint32_t bytes = reader.U32();
      const float rtol = reader.F32();
      const float atol = reader.F32();
      const uint8_t* expected = reader.Take(bytes, 4);
      if (!reader.ok()) break;
      char detail[200];
      if (!OutputMatches(*interpreter.output(i), type, expected, bytes, rtol,
                         atol, detail, sizeof(detail))) {
        std::snprintf(why, why_size, "output %u of invocation %u: %s",
                      static_cast<unsigned>(i), static_cast<unsigned>(run),
                      detail);
        return Outcome::kFail;
      }
    }
  }
  if (!reader.ok()) {
    std::snprintf(why, why_size, "the case is truncated");
    return Outcome::kError;
  }
  return Outcome::kPass;
}

uint32_t HeaderField(const uint8_t* header, int index) {
  uint32_t v;
  std::memcpy(&v, header + 4 * index, 4);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "conformance_cases.bin";
  std::FILE* bundle = std::fopen(path, "rb");
  if (bundle == nullptr) {
    std::printf("case_runner: cannot open %s\n", path);
    return 2;
  }
  unsigned counts[4] = {0, 0, 0, 0};  // passed, failed, errors, skipped
  int status = 0;
  static char why[400];
  for (unsigned index = 0;; ++index) {
    uint8_t header[kHeaderBytes];
    const size_t got = std::fread(header, 1, kHeaderBytes, bundle);
    if (got == 0) break;
    if (got != kHeaderBytes || HeaderField(header, 0) != kMagic ||
        HeaderField(header, 1) != kVersion) {
      std::printf("case_runner: %s: case %u has no valid header (magic "
                  "TFMC, version %u)\n",
                  path, index, static_cast<unsigned>(kVersion));
      status = 2;
      break;
    }
    const uint32_t body_bytes = HeaderField(header, 2);
    const uint32_t model_bytes = HeaderField(header, 3);
    if (body_bytes > kCaseBytes) {
      std::printf("case %u: skipped: %u bytes, the runner holds %u\n", index,
                  static_cast<unsigned>(body_bytes),
                  static_cast<unsigned>(kCaseBytes));
      ++counts[3];
      if (std::fseek(bundle, static_cast<long>(body_bytes), SEEK_CUR) != 0) {
        status = 2;
        break;
      }
      continue;
    }
    if (std::fread(g_case, 1, body_bytes, bundle) != body_bytes) {
      std::printf("case_runner: %s: case %u is truncated\n", path, index);
      status = 2;
      break;
    }
    why[0] = '\0';
    const Outcome outcome =
        RunCase(g_case, body_bytes, model_bytes, why, sizeof(why));
    if (outcome == Outcome::kPass) {
      std::printf("case %u: pass\n", index);
      ++counts[0];
    } else {
      std::printf("case %u: %s: %s\n", index,
                  outcome == Outcome::kFail ? "fail" : "error", why);
      ++counts[outcome == Outcome::kFail ? 1 : 2];
      if (status == 0) status = 1;
    }
  }
  std::fclose(bundle);
  std::printf("cases: %u passed, %u failed, %u errors, %u skipped\n",
              counts[0], counts[1], counts[2], counts[3]);
  return status;
}
