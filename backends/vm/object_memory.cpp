// The chunks the objects' blocks are carved from (object_memory.hpp).
#include "object_memory.hpp"

namespace vm {

constinit ObjectMemory g_object_memory;

// A new block from the rest of the newest chunk, or from a new chunk (what
// was left of the old one goes to the free list of its size).
void* ObjectMemory::carve(std::size_t size_class) {
    std::size_t size = size_class * kGranule;
    if (static_cast<std::size_t>(chunk_end_ - chunk_next_) < size) {
        while (static_cast<std::size_t>(chunk_end_ - chunk_next_) >= kGranule) {
            std::size_t rest = static_cast<std::size_t>(chunk_end_ - chunk_next_);
            std::size_t piece = rest < kLargest ? rest / kGranule * kGranule : kLargest;
            free(chunk_next_, piece);
            chunk_next_ += piece;
        }
        chunk_next_ = static_cast<char*>(::operator new(kChunkSize));
        chunk_end_ = chunk_next_ + kChunkSize;
    }
    void* block = chunk_next_;
    chunk_next_ += size;
    return block;
}

}  // namespace vm
