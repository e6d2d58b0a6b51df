// A list's items: the part of std::vector's interface the VM uses, over a
// block of object memory (object_memory.hpp) with 32-bit size and capacity.
// A list is then 56 bytes and its array of two items 16 (with
// std::vector: 64, and 32 of malloc's). Left to itself it grows as
// libstdc++'s vector does (doubling) and keeps its capacity when cleared; a
// list sets its capacity to CPython's first (list.cpp's list_resize), which
// sys.getsizeof reads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <utility>
#include <vector>

#include "object_memory.hpp"

namespace vm {

struct Object;

class ItemArray {
  public:
    using value_type = Object*;
    using iterator = Object**;
    using const_iterator = Object* const*;

    ItemArray() = default;
    ItemArray(const ItemArray& other) { assign(other.begin(), other.end()); }
    ItemArray(ItemArray&& other) noexcept { swap(other); }
    explicit ItemArray(const std::vector<Object*>& items) { assign(items.begin(), items.end()); }
    ItemArray& operator=(ItemArray other) noexcept {
        swap(other);
        return *this;
    }
    ~ItemArray() { release_block(); }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::size_t capacity() const { return capacity_; }
    Object** data() { return data_; }
    Object* const* data() const { return data_; }
    iterator begin() { return data_; }
    iterator end() { return data_ + size_; }
    const_iterator begin() const { return data_; }
    const_iterator end() const { return data_ + size_; }
    Object*& operator[](std::size_t i) { return data_[i]; }
    Object* operator[](std::size_t i) const { return data_[i]; }
    Object*& back() { return data_[size_ - 1]; }
    operator std::span<Object* const>() const { return {data_, size_}; }
    std::vector<Object*> to_vector() const { return {begin(), end()}; }

    void swap(ItemArray& other) noexcept {
        std::swap(data_, other.data_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }
    void reserve(std::size_t n) {
        if (n > capacity_) reallocate(n);
    }
    void push_back(Object* item) {
        if (size_ == capacity_) reallocate(grown(1));
        data_[size_++] = item;
    }
    // Exactly n slots (n >= size()); none for 0.
    void set_capacity(std::size_t n) {
        if (n == capacity_) return;
        if (n == 0) release_block();
        else reallocate(n);
    }
    void pop_back() { --size_; }
    void clear() { size_ = 0; }  // the capacity stays, as a vector's
    void resize(std::size_t n) {  // new items are null
        reserve(n);
        if (n > size_) std::fill(data_ + size_, data_ + n, nullptr);
        size_ = static_cast<std::uint32_t>(n);
    }
    template <class It> void assign(It first, It last) {
        auto n = static_cast<std::size_t>(last - first);
        reserve(n);
        std::copy(first, last, data_);
        size_ = static_cast<std::uint32_t>(n);
    }
    iterator insert(const_iterator pos, Object* item) { return insert(pos, &item, &item + 1); }
    template <class It> iterator insert(const_iterator pos, It first, It last) {
        auto at = static_cast<std::size_t>(pos - data_);
        auto n = static_cast<std::size_t>(last - first);
        if (size_ + n > capacity_) reallocate(grown(n));
        std::copy_backward(data_ + at, data_ + size_, data_ + size_ + n);  // (no memmove: data_ may be null)
        std::copy(first, last, data_ + at);
        size_ += static_cast<std::uint32_t>(n);
        return data_ + at;
    }
    iterator erase(const_iterator pos) { return erase(pos, pos + 1); }
    iterator erase(const_iterator first, const_iterator last) {
        auto at = static_cast<std::size_t>(first - data_);
        auto n = static_cast<std::size_t>(last - first);
        std::copy(data_ + at + n, data_ + size_, data_ + at);
        size_ -= static_cast<std::uint32_t>(n);
        return data_ + at;
    }

  private:
    Object** data_ = nullptr;
    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = 0;

    // libstdc++'s growth for `added` more items: at least double.
    std::size_t grown(std::size_t added) const { return size_ + std::max<std::size_t>(size_, added); }
    void reallocate(std::size_t n) {
        data_ = static_cast<Object**>(data_ ? reallocate_memory(data_, capacity_ * sizeof(Object*), n * sizeof(Object*))
                                            : allocate_memory(n * sizeof(Object*)));
        capacity_ = static_cast<std::uint32_t>(n);
    }
    void release_block() {
        if (data_) free_memory(data_, capacity_ * sizeof(Object*));
        data_ = nullptr;
        capacity_ = 0;
    }
};

}  // namespace vm
