// The generator's abstract heap: the objects a program being generated
// makes, what each holds (attributes, dict entries, list items, and hidden
// references: closure cells, generator frames, exception args) and which
// statements put each reference there; and the cycle rule: without
// Feature::Cycles no link may close a cycle, and a link that would close
// one if a statement that broke a link were shrunk away needs that
// statement.
#pragma once

#include "runner/fuzz/program.hpp"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace memconform::fuzz {

using Fact = std::vector<StmtId>;  // the statements something depends on

void add(Fact& to, const Fact& more);
Fact joined(Fact a, const Fact& b);

using ObjId = int;
inline constexpr ObjId kNoObject = -1;

enum class ObjectKind {
    Instance,
    List,
    Dict,
    Closure,
    Method,
    Generator,
    Exception,
    File,
    WeakRef,
    Proxy,
    Finalizer,
    WeakValues,
    WeakKeys,
    WeakSet,
    Class  // a class made by the program's statements, whose attributes are its slots
};

// One reference an object holds that a statement stored: an attribute, a
// dict entry or a list item.
struct Slot {
    std::string key;  // attribute name or dict key; "" for a list item
    ObjId target;  // kNoObject: a literal
    Fact fact;
};

struct Object {
    ObjectKind kind = ObjectKind::Instance;
    int cls = -1;  // an instance's class
    std::string label;  // an instance's name, a file's path
    std::vector<Slot> slots;
    std::vector<ObjId> hidden;  // references no statement edits: closure cells, generator frames, exception args
    std::vector<ObjId> frames;  // an exception's traceback: the locals of the frames it keeps
    Fact kind_fact;  // what makes it this kind at run time: a generator function's yields
    std::vector<StmtId> yields;  // a generator's yield statements, in order
    std::size_t consumed = 0;  // yields a generator has given
    bool finished = false;  // a generator exhausted or closed; a file closed
};

// A link that a statement removed: restoring it could close a cycle.
struct RemovedLink {
    ObjId from, to;
    Fact fact;
};

class AbstractHeap {
  public:
    ObjId new_object(ObjectKind kind);
    Object& operator[](ObjId id) { return objects_[static_cast<std::size_t>(id)]; }
    const std::deque<Object>& objects() const { return objects_; }

    // Whether [to] is reachable from [from] (itself included), through the
    // links a statement removed too when [through_removed].
    bool reaches(ObjId from, ObjId to, bool through_removed) const;
    // Whether [owner] may come to hold [target] without closing a cycle;
    // adds to [needs] what the link then needs: the statements that removed
    // links which, shrunk away, would let it close one.
    bool may_link_acyclic(ObjId owner, ObjId target, Fact& needs) const;

    // Records that statement [fact] removed the link [from] -> [to].
    void note_removed(ObjId from, ObjId to, const Fact& fact);
    // Stores [target] under [key] of [owner] ("" for a list's new last
    // item), replacing what the key held.
    void store(ObjId owner, const std::string& key, ObjId target, const Fact& by);
    // Removes [owner]'s slot [index], by statement [by].
    void drop_slot(ObjId owner, std::size_t index, const Fact& by);

  private:
    std::deque<Object> objects_;  // references stay valid as it grows
    std::vector<RemovedLink> removed_links_;
};

}  // namespace memconform::fuzz
