#include "tensorflow_micro/core/offline_plan.h"

#include <cstring>

#include "tensorflow_micro/core/format.h"

namespace tfmicro {
namespace {

uint32_t ReadU32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

uint16_t ReadU16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | p[1] << 8);
}

}  // namespace

bool FindOfflinePlan(const schema::Model* model, OfflinePlan* plan,
                     char* reason, size_t reason_size) {
  reason[0] = '\0';
  const auto* metadata = model->metadata();
  if (metadata == nullptr) return false;
  for (uint32_t i = 0; i < metadata->size(); ++i) {
    const schema::Metadata* entry = metadata->Get(i);
    if (entry == nullptr || entry->name() == nullptr ||
        std::strcmp(entry->name()->c_str(), kOfflinePlanMetadataName) != 0) {
      continue;
    }
    const auto* buffers = model->buffers();
    if (buffers == nullptr || entry->buffer() >= buffers->size() ||
        buffers->Get(entry->buffer())->data() == nullptr) {
      Format(reason, reason_size, "its metadata names buffer %u, which has no "
             "data", static_cast<unsigned>(entry->buffer()));
      return false;
    }
    const auto* data = buffers->Get(entry->buffer())->data();
    const uint8_t* bytes = data->data();
    const size_t size = data->size();
    if (size < kOfflinePlanHeaderBytes || std::memcmp(bytes, "TFMP", 4) != 0) {
      Format(reason, reason_size, "bad header (%zu bytes)", size);
      return false;
    }
    const uint16_t version = ReadU16(bytes + 4);
    if (version != kOfflinePlanVersion || ReadU16(bytes + 6) != 0) {
      Format(reason, reason_size,
             "version %u subgraph %u (this runtime reads version %u, "
             "subgraph 0)",
             static_cast<unsigned>(version),
             static_cast<unsigned>(ReadU16(bytes + 6)),
             static_cast<unsigned>(kOfflinePlanVersion));
      return false;
    }
    plan->num_tensors = ReadU32(bytes + 8);
    plan->num_operators = ReadU32(bytes + 12);
    plan->region_bytes = ReadU32(bytes + 16);
    plan->num_scratch = ReadU32(bytes + 20);
    const uint64_t expected =
        kOfflinePlanHeaderBytes +
        4ull * (static_cast<uint64_t>(plan->num_tensors) + plan->num_scratch);
    if (size != expected) {
      Format(reason, reason_size,
             "%zu bytes for %u tensors and %u scratch buffers (expected "
             "%llu)",
             size, static_cast<unsigned>(plan->num_tensors),
             static_cast<unsigned>(plan->num_scratch),
             static_cast<unsigned long long>(expected));
      return false;
    }
    plan->offsets = bytes + kOfflinePlanHeaderBytes;
    return true;
  }
  return false;
}

bool ApplyOfflinePlan(const OfflinePlan& plan, int32_t num_tensors,
                      int32_t num_operators, const int32_t* buffer_tensor,
                      PlannedBuffer* buffers, int count,
                      const InPlaceAllowance* allowances, int num_allowances,
                      size_t* region_bytes, char* reason, size_t reason_size) {
  if (plan.num_tensors != static_cast<uint32_t>(num_tensors) ||
      plan.num_operators != static_cast<uint32_t>(num_operators)) {
    Format(reason, reason_size,
           "made for %u tensors and %u operators, the model has %d and %d",
           static_cast<unsigned>(plan.num_tensors),
           static_cast<unsigned>(plan.num_operators),
           static_cast<int>(num_tensors), static_cast<int>(num_operators));
    return false;
  }
  uint32_t scratch = 0;
  for (int k = 0; k < count; ++k) {
    const int32_t tensor = buffer_tensor[k];
    uint32_t offset;
    if (tensor >= 0) {
      offset = ReadU32(plan.offsets + 4 * static_cast<uint32_t>(tensor));
      if (offset == kOfflinePlanNotPlanned) {
        Format(reason, reason_size, "tensor %d has no offset",
               static_cast<int>(tensor));
        return false;
      }
    } else {
      if (scratch >= plan.num_scratch) {
        Format(reason, reason_size,
               "it has %u scratch buffers, the kernels request more",
               static_cast<unsigned>(plan.num_scratch));
        return false;
      }
      offset = ReadU32(plan.offsets + 4 * (plan.num_tensors + scratch++));
    }
    buffers[k].offset = offset;
  }
  if (scratch != plan.num_scratch) {
    Format(reason, reason_size,
           "it has %u scratch buffers, the kernels request %u",
           static_cast<unsigned>(plan.num_scratch),
           static_cast<unsigned>(scratch));
    return false;
  }
  if (!CheckPlan(buffers, count, allowances, num_allowances, plan.region_bytes,
                 reason, reason_size)) {
    return false;
  }
  *region_bytes = plan.region_bytes;
  return true;
}

namespace internal {
namespace {

int32_t BufferOf(int32_t tensor, const int32_t* buffer_tensor, int32_t count) {
  for (int32_t k = 0; k < count; ++k) {
    if (buffer_tensor[k] == tensor) return k;
  }
  return -1;
}

bool IsGraphOutput(const Graph& graph, int32_t tensor) {
  const auto* outputs = graph.subgraph->outputs();
  for (uint32_t i = 0; outputs != nullptr && i < outputs->size(); ++i) {
    if (outputs->Get(i) == tensor) return true;
  }
  return false;
}

}  // namespace

int32_t CollectInPlaceAllowances(const Graph& graph,
                                 const int32_t* buffer_tensor,
                                 const PlannedBuffer* buffers, int32_t count,
                                 InPlaceAllowance* out) {
  int32_t num = 0;
  for (int32_t n = 0; n < graph.num_nodes; ++n) {
    const NodeState& node = graph.nodes[n];
    for (int r = 0; r < node.num_in_place; ++r) {
      const InPlaceRequest& request =
          graph.in_place_requests[n * kMaxInPlacePerNode + r];
      const int32_t input =
          BufferOf(request.input_tensor, buffer_tensor, count);
      const int32_t output =
          BufferOf(request.output_tensor, buffer_tensor, count);
      if (input < 0 || output < 0 || input == output) continue;
      if (buffers[input].last_op != n || buffers[output].first_op != n) {
        continue;
      }
      if (IsGraphOutput(graph, request.input_tensor)) continue;
      out[num++] = {input, output, request.min_gap};
    }
  }
  return num;
}

}  // namespace internal
}  // namespace tfmicro
