#include "tensorflow_micro/kernels/control_flow_common.h"

#include <cstring>

#include "tensorflow_micro/kernels/internal/tensor_util.h"

namespace tfmicro {
namespace {

// "input 2", "output 0 of subgraph 3", ... for messages (kernels have no
// printf of their own: the text is built by hand).
struct TensorNameText {
  char text[48];
};

void AppendText(TensorNameText* name, size_t* length, const char* text) {
  for (; *text != '\0' && *length + 1 < sizeof(name->text); ++text) {
    name->text[(*length)++] = *text;
  }
  name->text[*length] = '\0';
}

void AppendNumber(TensorNameText* name, size_t* length, int value) {
  char digits[12];
  int n = 0;
  unsigned v = static_cast<unsigned>(value < 0 ? -value : value);
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  if (value < 0) digits[n++] = '-';
  char text[13];
  for (int i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
  text[n] = '\0';
  AppendText(name, length, text);
}

TensorNameText Describe(const TensorList& list, int i) {
  TensorNameText name;
  size_t length = 0;
  name.text[0] = '\0';
  const bool inputs = list.kind == TensorListKind::kNodeInputs ||
                      list.kind == TensorListKind::kSubgraphInputs;
  AppendText(&name, &length, inputs ? "input " : "output ");
  AppendNumber(&name, &length, list.first + i);
  if (list.kind == TensorListKind::kSubgraphInputs ||
      list.kind == TensorListKind::kSubgraphOutputs) {
    AppendText(&name, &length, " of subgraph ");
    AppendNumber(&name, &length, list.subgraph);
  }
  return name;
}

}  // namespace

Tensor* TensorList::Get(OpContext& context, int i) const {
  switch (kind) {
    case TensorListKind::kNodeInputs:
      return context.input(first + i);
    case TensorListKind::kNodeOutputs:
      return context.output(first + i);
    case TensorListKind::kSubgraphInputs:
      return context.subgraph_input(subgraph, first + i);
    case TensorListKind::kSubgraphOutputs:
      return context.subgraph_output(subgraph, first + i);
  }
  return nullptr;
}

int TensorList::size(OpContext& context) const {
  switch (kind) {
    case TensorListKind::kNodeInputs:
      return context.num_inputs() - first;
    case TensorListKind::kNodeOutputs:
      return context.num_outputs() - first;
    case TensorListKind::kSubgraphInputs:
      return context.subgraph_num_inputs(subgraph) - first;
    case TensorListKind::kSubgraphOutputs:
      return context.subgraph_num_outputs(subgraph) - first;
  }
  return 0;
}

Status ExpectCopyable(OpContext& context, const TensorList& from,
                      const TensorList& to, int count) {
  for (int i = 0; i < count; ++i) {
    const Tensor* a = from.Get(context, i);
    const Tensor* b = to.Get(context, i);
    if (a == nullptr || b == nullptr) {
      return context.Error("%s is missing",
                           Describe(a == nullptr ? from : to, i).text);
    }
    if (a->type != b->type || a->bytes != b->bytes) {
      return context.Error(
          "%s (%s %s) does not match %s (%s %s); shapes must be static and "
          "equal on device",
          Describe(from, i).text, DataTypeName(a->type), ShapeText(*a).text,
          Describe(to, i).text, DataTypeName(b->type), ShapeText(*b).text);
    }
  }
  return Status::kOk;
}

void CopyTensors(OpContext& context, const TensorList& from,
                 const TensorList& to, int count) {
  for (int i = 0; i < count; ++i) {
    const Tensor* a = from.Get(context, i);
    Tensor* b = to.Get(context, i);
    if (a->bytes > 0 && a->data != b->data) {
      std::memcpy(b->data, a->data, a->bytes);
    }
  }
}

void CopyResourceHandles(OpContext& context, const TensorList& from,
                         const TensorList& to, int count) {
  for (int i = 0; i < count; ++i) {
    const Tensor* a = from.Get(context, i);
    Tensor* b = to.Get(context, i);
    if (a != nullptr && b != nullptr && a->type == DataType::kResource &&
        b->type == DataType::kResource && a->data != b->data) {
      std::memcpy(b->data, a->data, sizeof(int32_t));
    }
  }
}

Status PrepareCalledSubgraph(OpContext& context, const char* role,
                             int subgraph, const TensorList& inputs,
                             int num_inputs, int num_outputs) {
  TFM_RETURN_IF_ERROR(context.InitSubgraph(subgraph));
  const int have_inputs = context.subgraph_num_inputs(subgraph);
  const int have_outputs = context.subgraph_num_outputs(subgraph);
  TFM_ENSURE(context, have_inputs == num_inputs,
             "%s subgraph %d has %d inputs; the node passes %d", role,
             subgraph, have_inputs, num_inputs);
  TFM_ENSURE(context, have_outputs == num_outputs,
             "%s subgraph %d has %d outputs; the node needs %d", role,
             subgraph, have_outputs, num_outputs);
  TFM_RETURN_IF_ERROR(
      ExpectCopyable(context, inputs, SubgraphInputs(subgraph), num_inputs));
  CopyResourceHandles(context, inputs, SubgraphInputs(subgraph), num_inputs);
  return context.PrepareSubgraph(subgraph);
}

}  // namespace tfmicro
