// Maps operators in a model to kernel registrations.
#ifndef TENSORFLOW_MICRO_CORE_OP_RESOLVER_H_
#define TENSORFLOW_MICRO_CORE_OP_RESOLVER_H_

#include <cstdint>

#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {

class OpResolver {
 public:
  // nullptr when no kernel is registered for the operator.
  virtual const KernelRegistration* FindBuiltin(int32_t builtin_code) const = 0;
  virtual const KernelRegistration* FindCustom(const char* name) const = 0;

 protected:
  ~OpResolver() = default;
};

// A resolver filled at run time, holding at most `kCapacity` kernels: only
// the kernels a program registers are linked into it.
template <unsigned kCapacity>
class MutableOpResolver : public OpResolver {
 public:
  // kInvalidArgument when full or when the operator is already registered.
  Status AddBuiltin(int32_t builtin_code,
                    const KernelRegistration& registration) {
    if (FindBuiltin(builtin_code) != nullptr || count_ >= kCapacity) {
      return Status::kInvalidArgument;
    }
    entries_[count_++] = {builtin_code, nullptr, &registration};
    return Status::kOk;
  }
  Status AddCustom(const char* name, const KernelRegistration& registration) {
    if (FindCustom(name) != nullptr || count_ >= kCapacity) {
      return Status::kInvalidArgument;
    }
    entries_[count_++] = {kCustomCode, name, &registration};
    return Status::kOk;
  }

  const KernelRegistration* FindBuiltin(int32_t builtin_code) const override {
    for (unsigned i = 0; i < count_; ++i) {
      if (entries_[i].name == nullptr && entries_[i].code == builtin_code) {
        return entries_[i].registration;
      }
    }
    return nullptr;
  }
  const KernelRegistration* FindCustom(const char* name) const override {
    for (unsigned i = 0; i < count_; ++i) {
      if (entries_[i].name != nullptr && SameName(entries_[i].name, name)) {
        return entries_[i].registration;
      }
    }
    return nullptr;
  }
  unsigned size() const { return count_; }
  unsigned capacity() const { return kCapacity; }

 private:
  static constexpr int32_t kCustomCode = 32;  // BuiltinOperator CUSTOM
  static bool SameName(const char* a, const char* b) {
    while (*a && *a == *b) {
      ++a;
      ++b;
    }
    return *a == *b;
  }
  struct Entry {
    int32_t code;
    const char* name;
    const KernelRegistration* registration;
  };
  Entry entries_[kCapacity] = {};
  unsigned count_ = 0;
};

}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_OP_RESOLVER_H_
