// Resource variables (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE): values
// named by (container, shared_name) that persist across Invoke calls and are
// shared by every subgraph. Entries and storage come from the arena's
// persistent region while the model is prepared; nothing allocates later.
#ifndef TENSORFLOW_MICRO_CORE_RESOURCE_VARIABLES_H_
#define TENSORFLOW_MICRO_CORE_RESOURCE_VARIABLES_H_

#include <cstdint>

#include "tensorflow_micro/core/arena_allocator.h"
#include "tensorflow_micro/core/kernel_api.h"

namespace tfmicro {
namespace internal {

class ResourceVariables {
 public:
  // Forgets every variable (the arena they lived in is being re-planned).
  void Init(ArenaAllocator* allocator);

  // The id (1, 2, ...) of the variable named (container, shared_name),
  // creating it when new; 0 when the arena is full. The names must outlive
  // the table (they point into the model).
  int32_t FindOrCreate(const char* container, const char* shared_name);
  // nullptr for an id FindOrCreate did not return.
  ResourceVariable* Get(int32_t id) const;
  // Marks every variable unassigned and zeroes its value.
  void ResetAll();

 private:
  struct Entry {
    Entry* next;
    const char* container;
    const char* shared_name;
    int32_t id;
    ResourceVariable variable;
  };

  ArenaAllocator* allocator_ = nullptr;
  Entry* first_ = nullptr;
  int32_t count_ = 0;
};

}  // namespace internal
}  // namespace tfmicro

#endif  // TENSORFLOW_MICRO_CORE_RESOURCE_VARIABLES_H_
