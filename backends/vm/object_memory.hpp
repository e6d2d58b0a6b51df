// The memory of the VM's objects (not the modeled runtime's allocator,
// which is pymalloc.hpp's accounting): every Object is allocated through
// Object::operator new, which takes blocks of its size class from free
// lists carved out of large chunks, as pymalloc does for CPython. An
// object needs no malloc header, objects made one after another lie side
// by side (a collection's walk over them stays in the cache), and
// allocating or freeing one is a few instructions. Freed blocks are kept
// for reuse, never returned to the system: the model's own memory is not
// what the cases observe (allocator.md). Under AddressSanitizer objects
// come from the ordinary heap, so that a use after free is still caught.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>

namespace vm {

// The ordinary heap's malloc, which reallocate_memory can realloc.
inline void* heap_allocate(std::size_t size) {
    void* block = std::malloc(size);
    if (!block) throw std::bad_alloc();
    return block;
}

class ObjectMemory {
  public:
    static constexpr std::size_t kGranule = 8;  // every layout needs 8-byte alignment at most
    static constexpr std::size_t kLargest = 512;  // larger objects come from the ordinary heap

    void* allocate(std::size_t size) {
        if (size > kLargest) return heap_allocate(size);
        std::size_t size_class = class_of(size);
        if (FreeBlock* block = free_[size_class]) {
            free_[size_class] = block->next;
            return block;
        }
        return carve(size_class);
    }
    void free(void* p, std::size_t size) {
        if (size > kLargest) {
            std::free(p);
            return;
        }
        auto* block = static_cast<FreeBlock*>(p);
        std::size_t size_class = class_of(size);
        block->next = free_[size_class];
        free_[size_class] = block;
    }

  private:
    struct FreeBlock {
        FreeBlock* next;
    };
    static constexpr std::size_t kChunkSize = std::size_t(1) << 20;

    static std::size_t class_of(std::size_t size) { return (size + kGranule - 1) / kGranule; }
    void* carve(std::size_t size_class);

    FreeBlock* free_[kLargest / kGranule + 1] = {};
    char* chunk_next_ = nullptr;  // the unused rest of the newest chunk
    char* chunk_end_ = nullptr;
};

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kPooledObjects = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kPooledObjects = false;
#else
inline constexpr bool kPooledObjects = true;
#endif
#else
inline constexpr bool kPooledObjects = true;
#endif

extern constinit ObjectMemory g_object_memory;

// A block of object memory for what an object holds apart from itself (a
// dict's table, a list's items), or of the ordinary heap under
// AddressSanitizer; freed with the size it was allocated with.
inline void* allocate_memory(std::size_t size) {
    return kPooledObjects ? g_object_memory.allocate(size) : heap_allocate(size);
}
inline void free_memory(void* p, std::size_t size) {
    if (kPooledObjects) g_object_memory.free(p, size);
    else std::free(p);
}

// The block `p` of `old_size` bytes as one of `new_size`, its first bytes
// kept. Blocks of the ordinary heap are realloc'ed: a large list grows in
// place or by remapping instead of being copied at each growth.
inline void* reallocate_memory(void* p, std::size_t old_size, std::size_t new_size) {
    if (!kPooledObjects || (old_size > ObjectMemory::kLargest && new_size > ObjectMemory::kLargest)) {
        void* block = std::realloc(p, new_size);
        if (!block) throw std::bad_alloc();
        return block;
    }
    void* block = allocate_memory(new_size);
    std::memcpy(block, p, old_size < new_size ? old_size : new_size);
    free_memory(p, old_size);
    return block;
}

}  // namespace vm
