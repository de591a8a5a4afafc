#include "tensorflow_micro/core/resource_variables.h"

#include <cstring>

namespace tfmicro {
namespace internal {

void ResourceVariables::Init(ArenaAllocator* allocator) {
  allocator_ = allocator;
  first_ = nullptr;
  count_ = 0;
}

int32_t ResourceVariables::FindOrCreate(const char* container,
                                        const char* shared_name) {
  if (container == nullptr) container = "";
  if (shared_name == nullptr) shared_name = "";
  Entry** link = &first_;
  for (; *link != nullptr; link = &(*link)->next) {
    const Entry& e = **link;
    if (std::strcmp(e.container, container) == 0 &&
        std::strcmp(e.shared_name, shared_name) == 0) {
      return e.id;
    }
  }
  auto* entry = static_cast<Entry*>(allocator_->AllocatePersistent(sizeof(Entry)));
  if (entry == nullptr) return 0;
  entry->next = nullptr;
  entry->container = container;
  entry->shared_name = shared_name;
  entry->id = ++count_;
  entry->variable = ResourceVariable();
  entry->variable.name = shared_name;
  *link = entry;
  return entry->id;
}

ResourceVariable* ResourceVariables::Get(int32_t id) const {
  for (Entry* e = first_; e != nullptr; e = e->next) {
    if (e->id == id) return &e->variable;
  }
  return nullptr;
}

void ResourceVariables::ResetAll() {
  for (Entry* e = first_; e != nullptr; e = e->next) {
    e->variable.assigned = false;
    if (e->variable.data != nullptr) {
      std::memset(e->variable.data, 0, e->variable.bytes);
    }
  }
}

}  // namespace internal
}  // namespace tfmicro
