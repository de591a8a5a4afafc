/* The C API of tfmicro: the single boundary the Python bindings cross.
 *
 * Plain C, no heap: the interpreter object itself lives at the start of the
 * caller's arena. Every function that can fail returns a TfmStatus; the
 * message of the last failure is available from tfm_last_error (or, for
 * tfm_interpreter_create, in the caller's error buffer).
 *
 * The interpreter created here resolves operators against every kernel the
 * library was built with.
 */
#ifndef TENSORFLOW_MICRO_C_TFMICRO_C_H_
#define TENSORFLOW_MICRO_C_TFMICRO_C_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Same values as tfmicro::Status. */
typedef enum {
  TFM_OK = 0,
  TFM_INVALID_MODEL = 1,
  TFM_UNSUPPORTED_OP = 2,
  TFM_ARENA_TOO_SMALL = 3,
  TFM_KERNEL_ERROR = 4,
  TFM_NOT_READY = 5,
  TFM_INVALID_ARGUMENT = 6
} TfmStatus;

/* Flags for tfm_interpreter_create. */
enum {
  /* Give every tensor its own arena memory so intermediate values stay
   * readable after Invoke (for layer-by-layer debugging). */
  TFM_FLAG_PRESERVE_ALL_TENSORS = 1,
  /* Keep what the memory plan was made for (tfm_plan_buffer,
   * tfm_in_place): for the offline planner; costs persistent arena bytes. */
  TFM_FLAG_RECORD_PLAN = 2,
  /* Plan on the device even when the model carries an offline plan. */
  TFM_FLAG_IGNORE_OFFLINE_PLAN = 4
};

#define TFM_MAX_RANK 8
/* Largest arena the interpreter accepts after its own object (planned
 * offsets are 32-bit): tfmicro::kMaxArenaBytes in core/model_checks.h, where
 * every limit is defined; tfmicro_c.cc checks that the two agree. */
#define TFM_MAX_ARENA_BYTES 0x80000000

typedef struct TfmInterpreter TfmInterpreter;

typedef struct {
  int32_t tensor_index;  /* index in the model's main subgraph */
  const char* name;      /* tensor name from the model, "" if none */
  int32_t type;          /* TFLite TensorType numbering (FLOAT32=0, INT8=9) */
  int32_t rank;
  int32_t dims[TFM_MAX_RANK];
  size_t bytes;
  void* data;            /* NULL before tfm_allocate_tensors */
  int32_t is_constant;
  /* Quantization: num_channels = 0 when not quantized, 1 per-tensor. */
  int32_t num_channels;
  int32_t quantized_dimension;
  const float* scales;
  const int64_t* zero_points;
  /* Memory plan: offset in the arena's planned region, -1 when the tensor
   * is not planned (constant, or before allocation). The tensor is live
   * from operator first_op to last_op inclusive. */
  int64_t arena_offset;
  int32_t first_op;
  int32_t last_op;
} TfmTensorInfo;

typedef struct {
  int32_t builtin_code;  /* TFLite BuiltinOperator, 32 = CUSTOM */
  const char* op_name;   /* "CONV_2D", or the custom op's name */
  int32_t num_inputs;
  const int32_t* inputs; /* tensor indices, -1 for an absent optional one */
  int32_t num_outputs;
  const int32_t* outputs;
} TfmOperatorInfo;

typedef struct {
  size_t total_bytes;      /* what tfm_arena_used_bytes reports */
  size_t planned_bytes;    /* tensors and scratch laid out by the planner */
  size_t scratch_bytes;    /* the part of planned_bytes kernels requested */
  size_t persistent_bytes; /* runtime and kernel state, tensor metadata */
  size_t temporary_bytes;  /* needed only while planning, beyond the rest */
  size_t interpreter_bytes;/* the C API's own interpreter object */
} TfmArenaUsage;

/* Bytes of the interpreter object that tfm_interpreter_create places at
 * the start of the arena. */
size_t tfm_interpreter_object_bytes(void);

/* Verifies `model` and creates an interpreter in `arena`. `model` and
 * `arena` must outlive the interpreter. On failure *out is NULL and the
 * reason is written to `error` (if not NULL). */
TfmStatus tfm_interpreter_create(const void* model, size_t model_size,
                                 void* arena, size_t arena_size,
                                 uint32_t flags, TfmInterpreter** out,
                                 char* error, size_t error_size);

TfmStatus tfm_allocate_tensors(TfmInterpreter* interpreter);
TfmStatus tfm_invoke(TfmInterpreter* interpreter);
/* Like tfm_invoke, and writes each operator's duration in platform ticks
 * to ticks[0 .. count-1] (count must be tfm_operators_size). */
TfmStatus tfm_invoke_profiled(TfmInterpreter* interpreter, uint64_t* ticks,
                              size_t count);
/* Clears variable tensors and kernel state. */
TfmStatus tfm_reset(TfmInterpreter* interpreter);

/* Sizes of this library's structs, for bindings to check they were built
 * against the same header. */
typedef struct {
  size_t tensor_info;
  size_t operator_info;
  size_t arena_usage;
} TfmAbiSizes;
void tfm_abi_sizes(TfmAbiSizes* sizes);

/* The message of the last failure, "" if none. */
const char* tfm_last_error(const TfmInterpreter* interpreter);

/* Exact arena bytes the model needs (from the start of the arena), valid
 * after tfm_allocate_tensors. */
size_t tfm_arena_used_bytes(const TfmInterpreter* interpreter);
TfmStatus tfm_arena_usage(const TfmInterpreter* interpreter,
                          TfmArenaUsage* usage);

int32_t tfm_inputs_size(const TfmInterpreter* interpreter);
int32_t tfm_outputs_size(const TfmInterpreter* interpreter);
TfmStatus tfm_input_info(const TfmInterpreter* interpreter, int32_t index,
                         TfmTensorInfo* info);
TfmStatus tfm_output_info(const TfmInterpreter* interpreter, int32_t index,
                          TfmTensorInfo* info);

/* Every tensor and operator of the main subgraph, for reports and
 * debugging. */
int32_t tfm_tensors_size(const TfmInterpreter* interpreter);
TfmStatus tfm_tensor_info(const TfmInterpreter* interpreter,
                          int32_t tensor_index, TfmTensorInfo* info);
int32_t tfm_operators_size(const TfmInterpreter* interpreter);
TfmStatus tfm_operator_info(const TfmInterpreter* interpreter,
                            int32_t op_index, TfmOperatorInfo* info);

/* Who made the memory plan, valid after tfm_allocate_tensors: 1 the
 * device's planner, 2 the model's offline plan ("tfmicro_plan" metadata,
 * checked), 3 the device's planner because the offline plan failed its
 * check (the reason went to the platform log). */
int32_t tfm_plan_source(const TfmInterpreter* interpreter);

/* With TFM_FLAG_RECORD_PLAN: the buffers of the memory plan (planned
 * tensors in tensor order, then scratch buffers in node order) and the
 * in-place permissions kernels declared for them. */
typedef struct {
  int32_t tensor_index; /* -1 for a scratch buffer */
  int32_t first_op;     /* alive from this operator to last_op, inclusive */
  int32_t last_op;
  uint32_t bytes;
  uint32_t offset;      /* in the planned region */
} TfmPlanBuffer;
typedef struct {
  int32_t input_buffer;  /* indices of tfm_plan_buffer */
  int32_t output_buffer;
  uint32_t min_gap;      /* input offset - output offset must be >= this */
} TfmInPlace;
int32_t tfm_plan_buffers_size(const TfmInterpreter* interpreter);
TfmStatus tfm_plan_buffer(const TfmInterpreter* interpreter, int32_t index,
                          TfmPlanBuffer* buffer);
int32_t tfm_in_place_size(const TfmInterpreter* interpreter);
TfmStatus tfm_in_place(const TfmInterpreter* interpreter, int32_t index,
                       TfmInPlace* in_place);

/* Ticks per second of the platform timer used by tfm_invoke_profiled. */
uint64_t tfm_ticks_per_second(void);

/* Builtin operators this library has kernels for: writes up to `capacity`
 * codes to `codes` and returns how many there are. */
int32_t tfm_supported_builtins(int32_t* codes, int32_t capacity);
/* "CONV_2D" for 3; NULL for codes the schema does not know. */
const char* tfm_builtin_name(int32_t builtin_code);

const char* tfm_version(void);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* TENSORFLOW_MICRO_C_TFMICRO_C_H_ */
