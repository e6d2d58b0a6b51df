#include "runner/fuzz/heap.hpp"

namespace memconform::fuzz {

void add(Fact& to, const Fact& more) { to.insert(to.end(), more.begin(), more.end()); }

Fact joined(Fact a, const Fact& b) {
    add(a, b);
    return a;
}

ObjId AbstractHeap::new_object(ObjectKind kind) {
    Object o;
    o.kind = kind;
    objects_.push_back(std::move(o));
    return static_cast<ObjId>(objects_.size() - 1);
}

bool AbstractHeap::reaches(ObjId from, ObjId to, bool through_removed) const {
    std::vector<bool> seen(objects_.size(), false);
    std::vector<ObjId> todo{from};
    while (!todo.empty()) {
        ObjId at = todo.back();
        todo.pop_back();
        if (at == to) return true;
        if (at == kNoObject || seen[at]) continue;
        seen[at] = true;
        const Object& o = objects_[static_cast<std::size_t>(at)];
        for (const auto& s : o.slots) todo.push_back(s.target);
        for (ObjId h : o.hidden) todo.push_back(h);
        for (ObjId f : o.frames) todo.push_back(f);
        if (through_removed)
            for (const auto& link : removed_links_)
                if (link.from == at) todo.push_back(link.to);
    }
    return false;
}

bool AbstractHeap::may_link_acyclic(ObjId owner, ObjId target, Fact& needs) const {
    if (target == kNoObject) return true;
    if (reaches(target, owner, false)) return false;
    if (reaches(target, owner, true))
        for (const auto& link : removed_links_) add(needs, link.fact);
    return true;
}

void AbstractHeap::note_removed(ObjId from, ObjId to, const Fact& fact) {
    if (to != kNoObject) removed_links_.push_back({from, to, fact});
}

void AbstractHeap::store(ObjId owner, const std::string& key, ObjId target, const Fact& by) {
    auto& slots = (*this)[owner].slots;
    if (!key.empty()) {
        for (auto& old : slots) {
            if (old.key != key) continue;
            note_removed(owner, old.target, by);
            old.target = target;
            old.fact = by;
            return;
        }
    }
    slots.push_back({key, target, by});
}

void AbstractHeap::drop_slot(ObjId owner, std::size_t index, const Fact& by) {
    auto& slots = (*this)[owner].slots;
    note_removed(owner, slots[index].target, by);
    slots.erase(slots.begin() + static_cast<std::ptrdiff_t>(index));
}

}  // namespace memconform::fuzz
