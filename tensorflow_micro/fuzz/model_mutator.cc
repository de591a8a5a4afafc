#include "tensorflow_micro/fuzz/model_mutator.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "tensorflow_micro/core/model_checks.h"
#include "tensorflow_micro/core/op_resolver.h"
#include "tensorflow_micro/kernels/micro_op_resolver.h"
#include "tensorflow_micro/schema/schema_generated.h"

namespace tfmicro {
namespace fuzz {
namespace {

// What a field means, which decides the values worth trying.
enum class Kind : uint8_t {
  kDim,                // int32 tensor dimension
  kTensorIndex,        // int32 index into the subgraph's tensors, -1 absent
  kOpcodeIndex,        // uint32 index into operator_codes
  kOperatorCode,       // an operator code's builtin operator
  kTensorType,         // int8 TensorType
  kBufferIndex,        // uint32 index into buffers
  kScale,              // float quantization scale
  kZeroPoint,          // int64 quantization zero point
  kQuantizedDimension, // int32
  kBufferOffset,       // uint64 offset of data after the flatbuffer
  kBufferSize,         // uint64 size of that data
  kBytes,              // a byte vector (buffer data, custom options)
  kFlag,               // bool (is_variable)
  kOptionsType,        // uint8 union tag of builtin options
  kOptionField,        // a field of an options table, `width` bytes
  kNumKinds,
};

struct Location {
  uint8_t* at;
  uint32_t width;  // bytes of the field; of the vector for kBytes
  int64_t range;   // element count for index kinds
};

class Rng {
 public:
  explicit Rng(uint32_t seed) : state_(seed * 2654435761u + 0x6d2b79f5u) {}
  uint32_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  // Uniform in [0, n); 0 for n == 0.
  uint32_t Below(uint32_t n) { return n == 0 ? 0 : Next() % n; }
  template <typename T, size_t N>
  T Pick(const T (&values)[N]) {
    return values[Below(N)];
  }

 private:
  uint32_t state_;
};

int64_t ReadInt(const uint8_t* at, uint32_t width) {
  uint64_t value = 0;
  for (uint32_t i = 0; i < width; ++i) value |= uint64_t{at[i]} << (8 * i);
  if (width < 8 && (value >> (8 * width - 1)) & 1) {
    value |= ~uint64_t{0} << (8 * width);  // sign-extend
  }
  return static_cast<int64_t>(value);
}

void WriteInt(uint8_t* at, uint32_t width, int64_t value) {
  const uint64_t bits = static_cast<uint64_t>(value);
  for (uint32_t i = 0; i < width; ++i) {
    at[i] = static_cast<uint8_t>(bits >> (8 * i));
  }
}

// a + b with two's-complement wrap-around (fields hold any 64-bit value).
int64_t WrappingAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}

float ReadFloat(const uint8_t* at) {
  float value;
  std::memcpy(&value, at, sizeof(value));
  return value;
}

void WriteFloat(uint8_t* at, float value) {
  std::memcpy(at, &value, sizeof(value));
}

// Values that sit on boundaries of the integer types and of small shapes.
int64_t InterestingInt(Rng& rng) {
  static constexpr int64_t kValues[] = {
      0,      1,      -1,     2,          3,          4,         7,
      8,      15,     16,     31,         32,         63,        64,
      127,    128,    -128,   -129,       255,        256,       32767,
      -32768, 65535,  65536,  0x7fffffff, -0x7fffffff - 1,       0x40000000,
      0xffff, 1000000};
  return rng.Pick(kValues);
}

// An index into `range` elements, mostly valid, sometimes just outside.
int64_t IndexValue(Rng& rng, int64_t range, bool allow_absent) {
  if (rng.Below(5) != 0) {
    const int64_t low = allow_absent ? -1 : 0;
    return low + rng.Below(static_cast<uint32_t>(range - low));
  }
  const int64_t outside[] = {range, range + 1, -2, 0x7fffffff,
                             -0x7fffffff - 1};
  return rng.Pick(outside);
}

// Builtin codes this build has kernels for, so a changed code often
// reaches a real prepare.
const std::vector<int32_t>& KernelCodes() {
  static const std::vector<int32_t> codes = [] {
    static const AllOpsResolver resolver;
    std::vector<int32_t> found;
    for (int32_t c = 0; c <= schema::BuiltinOperator_MAX; ++c) {
      if (resolver.FindBuiltin(c) != nullptr) found.push_back(c);
    }
    return found;
  }();
  return codes;
}

int32_t BuiltinCodeValue(Rng& rng) {
  const std::vector<int32_t>& codes = KernelCodes();
  if (!codes.empty() && rng.Below(3) != 0) {
    return codes[rng.Below(static_cast<uint32_t>(codes.size()))];
  }
  return static_cast<int32_t>(rng.Below(schema::BuiltinOperator_MAX + 2));
}

uint8_t* Field(const void* table, flatbuffers::voffset_t field) {
  auto* t = reinterpret_cast<const flatbuffers::Table*>(table);
  return const_cast<uint8_t*>(t->GetAddressOf(field));
}

template <typename T>
uint8_t* VectorData(const flatbuffers::Vector<T>* vector) {
  return const_cast<uint8_t*>(
      reinterpret_cast<const uint8_t*>(vector->data()));
}

class Collector {
 public:
  explicit Collector(size_t model_size) : model_size_(model_size) {}

  void Model(const schema::Model* model);
  void Mutate(Rng& rng);
  bool empty() const {
    for (const auto& list : found_) {
      if (!list.empty()) return false;
    }
    return true;
  }

 private:
  void Add(Kind kind, uint8_t* at, uint32_t width, int64_t range = 0) {
    if (at != nullptr) {
      found_[static_cast<int>(kind)].push_back({at, width, range});
    }
  }
  template <typename T>
  void AddVector(Kind kind, const flatbuffers::Vector<T>* vector,
                 int64_t range = 0) {
    if (vector == nullptr) return;
    uint8_t* data = VectorData(vector);
    for (uint32_t i = 0; i < vector->size(); ++i) {
      Add(kind, data + i * sizeof(T), sizeof(T), range);
    }
  }
  // An operator code: its two code fields (either may be absent) and the
  // options type fields of the operators that use it.
  struct Code {
    uint8_t* builtin;
    uint8_t* deprecated;
    std::vector<uint8_t*> options_types;
  };
  void MutateCode(const Location& location, Rng& rng);
  void Tensor(const schema::Tensor* tensor);
  void Operator(const schema::Operator* op, int64_t num_tensors);
  void TableFields(const void* table);
  void MutateOne(Kind kind, const Location& location, Rng& rng);

  size_t model_size_;
  int64_t num_codes_ = 0;
  int64_t num_buffers_ = 0;
  std::vector<Location> found_[static_cast<int>(Kind::kNumKinds)];
  std::vector<Code> codes_;
};

void Collector::Model(const schema::Model* model) {
  num_codes_ = model->operator_codes() ? model->operator_codes()->size() : 0;
  num_buffers_ = model->buffers() ? model->buffers()->size() : 0;
  codes_.resize(static_cast<size_t>(num_codes_));
  for (uint32_t i = 0; i < num_codes_; ++i) {
    const schema::OperatorCode* code = model->operator_codes()->Get(i);
    codes_[i].builtin = Field(code, schema::OperatorCode::VT_BUILTIN_CODE);
    codes_[i].deprecated =
        Field(code, schema::OperatorCode::VT_DEPRECATED_BUILTIN_CODE);
    if (codes_[i].builtin != nullptr || codes_[i].deprecated != nullptr) {
      found_[static_cast<int>(Kind::kOperatorCode)].push_back(
          {nullptr, 0, static_cast<int64_t>(i)});
    }
  }
  for (uint32_t i = 0; i < num_buffers_; ++i) {
    const schema::Buffer* buffer = model->buffers()->Get(i);
    Add(Kind::kBufferOffset, Field(buffer, schema::Buffer::VT_OFFSET), 8);
    Add(Kind::kBufferSize, Field(buffer, schema::Buffer::VT_SIZE), 8);
    if (buffer->data() != nullptr && buffer->data()->size() > 0) {
      Add(Kind::kBytes, VectorData(buffer->data()), buffer->data()->size());
    }
  }
  const uint32_t num_subgraphs =
      model->subgraphs() ? model->subgraphs()->size() : 0;
  for (uint32_t s = 0; s < num_subgraphs; ++s) {
    const schema::SubGraph* subgraph = model->subgraphs()->Get(s);
    const int64_t num_tensors =
        subgraph->tensors() ? subgraph->tensors()->size() : 0;
    for (int64_t t = 0; t < num_tensors; ++t) {
      Tensor(subgraph->tensors()->Get(static_cast<uint32_t>(t)));
    }
    AddVector(Kind::kTensorIndex, subgraph->inputs(), num_tensors);
    AddVector(Kind::kTensorIndex, subgraph->outputs(), num_tensors);
    const uint32_t num_ops =
        subgraph->operators() ? subgraph->operators()->size() : 0;
    for (uint32_t n = 0; n < num_ops; ++n) {
      Operator(subgraph->operators()->Get(n), num_tensors);
    }
  }
}

void Collector::Tensor(const schema::Tensor* tensor) {
  AddVector(Kind::kDim, tensor->shape());
  Add(Kind::kTensorType, Field(tensor, schema::Tensor::VT_TYPE), 1);
  Add(Kind::kBufferIndex, Field(tensor, schema::Tensor::VT_BUFFER), 4,
      num_buffers_);
  Add(Kind::kFlag, Field(tensor, schema::Tensor::VT_IS_VARIABLE), 1);
  const schema::QuantizationParameters* q = tensor->quantization();
  if (q == nullptr) return;
  AddVector(Kind::kScale, q->scale());
  AddVector(Kind::kZeroPoint, q->zero_point());
  Add(Kind::kQuantizedDimension,
      Field(q, schema::QuantizationParameters::VT_QUANTIZED_DIMENSION), 4);
}

void Collector::Operator(const schema::Operator* op, int64_t num_tensors) {
  Add(Kind::kOpcodeIndex, Field(op, schema::Operator::VT_OPCODE_INDEX), 4,
      num_codes_);
  AddVector(Kind::kTensorIndex, op->inputs(), num_tensors);
  AddVector(Kind::kTensorIndex, op->outputs(), num_tensors);
  AddVector(Kind::kTensorIndex, op->intermediates(), num_tensors);
  uint8_t* options_type = Field(op, schema::Operator::VT_BUILTIN_OPTIONS_TYPE);
  Add(Kind::kOptionsType, options_type, 1);
  if (options_type != nullptr && op->opcode_index() < codes_.size()) {
    codes_[op->opcode_index()].options_types.push_back(options_type);
  }
  // The flatbuffers verifier checks an options table only under a known,
  // non-NONE union tag; under any other tag its vtable may point anywhere.
  const auto type = op->builtin_options_type();
  if (op->builtin_options() != nullptr && type != schema::BuiltinOptions_NONE &&
      type <= schema::BuiltinOptions_MAX) {
    TableFields(op->builtin_options());
  }
  const auto type_2 = op->builtin_options_2_type();
  if (op->builtin_options_2() != nullptr &&
      type_2 != schema::BuiltinOptions2_NONE &&
      type_2 <= schema::BuiltinOptions2_MAX) {
    TableFields(op->builtin_options_2());
  }
  if (op->custom_options() != nullptr && op->custom_options()->size() > 0) {
    Add(Kind::kBytes, VectorData(op->custom_options()),
        op->custom_options()->size());
  }
}

// Every present field of a table whose schema we do not name here (the
// options tables): its width is the gap to the next field, at most 8 bytes.
void Collector::TableFields(const void* table) {
  const auto* t = static_cast<const uint8_t*>(table);
  const uint8_t* vtable =
      t - flatbuffers::ReadScalar<flatbuffers::soffset_t>(t);
  const auto vtable_bytes =
      flatbuffers::ReadScalar<flatbuffers::voffset_t>(vtable);
  const auto table_bytes =
      flatbuffers::ReadScalar<flatbuffers::voffset_t>(vtable + 2);
  flatbuffers::voffset_t offsets[64];
  size_t count = 0;
  for (size_t slot = 4; slot + 2 <= vtable_bytes && count < 64; slot += 2) {
    const auto offset =
        flatbuffers::ReadScalar<flatbuffers::voffset_t>(vtable + slot);
    if (offset != 0 && offset < table_bytes) offsets[count++] = offset;
  }
  std::sort(offsets, offsets + count);
  for (size_t i = 0; i < count; ++i) {
    const uint32_t end = i + 1 < count ? offsets[i + 1] : table_bytes;
    uint32_t width = 1;
    while (width * 2 <= end - offsets[i] && width < 8) width *= 2;
    Add(Kind::kOptionField, const_cast<uint8_t*>(t) + offsets[i], width);
  }
}

void Collector::MutateOne(Kind kind, const Location& l, Rng& rng) {
  const int64_t old = l.width == 0 || kind == Kind::kScale ||
                              kind == Kind::kBytes
                          ? 0
                          : ReadInt(l.at, l.width);
  const int64_t next = WrappingAdd(old, 1);
  const int64_t previous = WrappingAdd(old, -1);
  const int64_t twice = WrappingAdd(old, old);
  switch (kind) {
    case Kind::kDim: {
      const int64_t values[] = {0,     1,       2,          3,
                                next,  previous, twice,     old / 2,
                                -1,    65536,   0x7fffffff, 0x40000001,
                                rng.Below(33)};
      WriteInt(l.at, 4, rng.Pick(values));
      break;
    }
    case Kind::kTensorIndex:
      WriteInt(l.at, 4, IndexValue(rng, l.range, true));
      break;
    case Kind::kOpcodeIndex:
    case Kind::kBufferIndex:
      WriteInt(l.at, 4, IndexValue(rng, l.range, false));
      break;
    case Kind::kOperatorCode:
      MutateCode(l, rng);
      break;
    case Kind::kTensorType: {
      static constexpr int64_t kCommon[] = {
          schema::TensorType_FLOAT32, schema::TensorType_INT8,
          schema::TensorType_INT16,   schema::TensorType_INT32,
          schema::TensorType_UINT8,   schema::TensorType_BOOL,
          schema::TensorType_INT64};
      WriteInt(l.at, 1,
               rng.Below(2) ? rng.Pick(kCommon)
                            : rng.Below(schema::TensorType_MAX + 2));
      break;
    }
    case Kind::kScale: {
      const float scale = ReadFloat(l.at);
      const float values[] = {0.f,     -scale,   scale * 2,      scale / 2,
                              1.f,     1e-38f,   1.4e-45f,       1e38f,
                              1e-10f,  65536.f,  __builtin_inff(),
                              __builtin_nanf(""), 3.4028235e38f};
      WriteFloat(l.at, rng.Pick(values));
      break;
    }
    case Kind::kZeroPoint: {
      const int64_t values[] = {0,     next,   previous,   -128,
                                127,   128,    -129,       255,
                                32767, -32768, 0x7fffffff, int64_t{1} << 40};
      WriteInt(l.at, 8, rng.Pick(values));
      break;
    }
    case Kind::kQuantizedDimension:
      WriteInt(l.at, 4, static_cast<int64_t>(rng.Below(10)) - 1);
      break;
    case Kind::kBufferOffset:
    case Kind::kBufferSize: {
      const int64_t size = static_cast<int64_t>(model_size_);
      const int64_t values[] = {0,        1,        next,     previous,
                                twice,    size,     size - 1, size + 1,
                                rng.Below(static_cast<uint32_t>(size) + 1),
                                -1};
      WriteInt(l.at, 8, rng.Pick(values));
      break;
    }
    case Kind::kBytes: {
      const uint32_t at = rng.Below(l.width);
      if (rng.Below(3) == 0 && l.width >= 4) {
        // A float special at an aligned position of float data.
        const float values[] = {__builtin_nanf(""), __builtin_inff(),
                                -__builtin_inff(), 3.4028235e38f, 1.4e-45f};
        WriteFloat(l.at + (at & ~3u) - ((at & ~3u) + 4 > l.width ? 4 : 0),
                   rng.Pick(values));
      } else {
        l.at[at] = static_cast<uint8_t>(
            rng.Below(2) ? rng.Next() : InterestingInt(rng));
      }
      break;
    }
    case Kind::kFlag:
      l.at[0] = l.at[0] ? 0 : 1;
      break;
    case Kind::kOptionsType:
      l.at[0] = static_cast<uint8_t>(rng.Below(schema::BuiltinOptions_MAX + 2));
      break;
    case Kind::kOptionField: {
      const int64_t values[] = {next, previous, InterestingInt(rng),
                                InterestingInt(rng), rng.Below(8)};
      WriteInt(l.at, l.width, rng.Pick(values));
      break;
    }
    case Kind::kNumKinds:
      break;
  }
}

// A new builtin operator in both code fields (the runtime takes the larger),
// and usually the options type it expects on the operators that use the
// code, so that the new operator's prepare runs on the old options table.
void Collector::MutateCode(const Location& l, Rng& rng) {
  Code& code = codes_[static_cast<size_t>(l.range)];
  const int32_t value = BuiltinCodeValue(rng);
  if (code.builtin != nullptr) WriteInt(code.builtin, 4, value);
  if (code.deprecated != nullptr) {
    WriteInt(code.deprecated, 1,
             value < schema::BuiltinOperator_PLACEHOLDER_FOR_GREATER_OP_CODES
                 ? value
                 : schema::BuiltinOperator_PLACEHOLDER_FOR_GREATER_OP_CODES);
  }
  const schema::BuiltinOptions expected = ExpectedBuiltinOptions(value);
  if (expected == schema::BuiltinOptions_NONE || rng.Below(4) == 0) return;
  for (uint8_t* type : code.options_types) {
    *type = static_cast<uint8_t>(expected);
  }
}

void Collector::Mutate(Rng& rng) {
  // A kind first, then one of its fields: rare kinds (opcodes, quantized
  // dimensions) are edited as often as the many dimensions and indices.
  int kinds[static_cast<int>(Kind::kNumKinds)];
  int num_kinds = 0;
  for (int k = 0; k < static_cast<int>(Kind::kNumKinds); ++k) {
    if (!found_[k].empty()) kinds[num_kinds++] = k;
  }
  const int kind = kinds[rng.Below(static_cast<uint32_t>(num_kinds))];
  const std::vector<Location>& list = found_[kind];
  MutateOne(static_cast<Kind>(kind),
            list[rng.Below(static_cast<uint32_t>(list.size()))], rng);
}

}  // namespace

bool MutateModelFields(uint8_t* data, size_t size, uint32_t seed) {
  if (size < 8 || size >= FLATBUFFERS_MAX_BUFFER_SIZE ||
      !flatbuffers::BufferHasIdentifier(data, schema::ModelIdentifier())) {
    return false;
  }
  // The reader needs the model aligned; work on an aligned copy.
  std::vector<uint64_t> storage((size + 7) / 8);
  auto* copy = reinterpret_cast<uint8_t*>(storage.data());
  std::memcpy(copy, data, size);
  flatbuffers::Verifier verifier(copy, size);
  if (!schema::VerifyModelBuffer(verifier)) return false;
  Collector collector(size);
  collector.Model(schema::GetModel(copy));
  if (collector.empty()) return false;
  Rng rng(seed);
  const uint32_t edits = 1 + rng.Below(4);
  // Edits change values, never a vector's length or a table's layout, so
  // the collected addresses stay valid across edits.
  for (uint32_t i = 0; i < edits; ++i) collector.Mutate(rng);
  std::memcpy(data, copy, size);
  return true;
}

}  // namespace fuzz
}  // namespace tfmicro
