// marshal: what the import system does with it. loads() of a .pyc's code
// reads the runtime's marshal data (CPython's Python/marshal.c, format 4)
// for what it allocates, and gives the code the model compiled from the
// source the .pyc was made of: the model cannot run CPython's bytecode.
// The unmarshalled containers are counted as CPython's reader makes them
// (its list of references, each tuple and frozenset in the order read, the
// temporary tuples code creation makes of frozenset constants), the
// constants' as the model's own constant objects later die, the tuples a
// code object holds (its names, constants, local names) when the model's
// code object dies (MemoryManager::hold_code_containers).
#include <fstream>
#include <functional>
#include <set>

#include "../api.hpp"
#include "../importer.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// One object of the marshal data, as far as the count sees it.
struct Node {
    enum class Kind { Atom, Str, Tuple, List, Dict, Set, FrozenSet, Code } kind = Kind::Atom;
    std::vector<Node*> items;  // a container's
    std::string text;  // a str's
    // A code object's fields that are tuples it holds (names, constants,
    // local names) and its constants tuple, its file name.
    std::vector<Node*> held;
    Node* consts = nullptr;
    Node* filename = nullptr;
    bool constant = false;  // reachable from a constants tuple through tuples and frozensets
    std::shared_ptr<CodeContainer> holding;  // the code objects that hold it
};

// The events of the reader, in order: an allocation or a free of a
// container (a tuple's size), or the end of a code object.
struct Event {
    enum class Op { Allocate, Free, Code } op;
    Container kind = Container::Other;
    std::size_t size = 0;
    Node* node = nullptr;  // what an allocation made, or the code that ends
};

class Reader {
  public:
    Reader(std::string_view data, const std::array<int, 3>& version) : data_(data), version_(version) {}

    Node* read_all() {
        // PyMarshal_ReadObjectFromString: its list of references.
        events_.push_back({Event::Op::Allocate, Container::List});
        Node* top = read();
        events_.push_back({Event::Op::Free, Container::List});
        return top;
    }
    std::vector<Event>& events() { return events_; }
    std::vector<Node*>& codes() { return codes_; }  // in the order they end (innermost first)

  private:
    [[noreturn]] void bad() { raise(types.ValueError, "bad marshal data"); }
    std::uint8_t byte() {
        if (pos_ >= data_.size()) raise(types.EOFError, "marshal data too short");
        return static_cast<std::uint8_t>(data_[pos_++]);
    }
    std::int32_t long32() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= std::uint32_t(byte()) << (8 * i);
        return static_cast<std::int32_t>(v);
    }
    std::string_view bytes(std::size_t n) {
        if (pos_ + n > data_.size()) raise(types.EOFError, "marshal data too short");
        std::string_view out = data_.substr(pos_, n);
        pos_ += n;
        return out;
    }
    Node* make(Node::Kind kind) {
        nodes_.push_back(std::make_unique<Node>());
        nodes_.back()->kind = kind;
        return nodes_.back().get();
    }
    Node* allocate(Node::Kind kind, Container container, std::size_t size) {
        Node* n = make(kind);
        events_.push_back({Event::Op::Allocate, container, size, n});
        return n;
    }
    std::size_t reserve(bool flag) {
        if (!flag) return SIZE_MAX;
        refs_.push_back(nullptr);
        return refs_.size() - 1;
    }
    Node* read();
    Node* read_code(bool flag);
    void read_items(Node* n, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) n->items.push_back(read());
    }

    std::string_view data_;
    std::array<int, 3> version_;
    std::size_t pos_ = 0;
    std::vector<std::unique_ptr<Node>> nodes_;
    std::vector<Node*> refs_;
    std::vector<Event> events_;
    std::vector<Node*> codes_;
};

constexpr std::uint8_t kFlagRef = 0x80;

Node* Reader::read() {
    std::uint8_t code = byte();
    bool flag = code & kFlagRef;
    char type = static_cast<char>(code & ~kFlagRef);
    Node* n = nullptr;
    switch (type) {
    case '0': bad();  // NULL where an object belongs
    case 'N':
    case 'F':
    case 'T':
    case 'S':
    case '.': n = make(Node::Kind::Atom); break;
    case 'i':
        long32();
        n = make(Node::Kind::Atom);
        break;
    case 'l': {
        std::int32_t digits = long32();
        bytes(static_cast<std::size_t>(digits < 0 ? -std::int64_t(digits) : digits) * 2);
        n = make(Node::Kind::Atom);
        break;
    }
    case 'g':
        bytes(8);
        n = make(Node::Kind::Atom);
        break;
    case 'y':
        bytes(16);
        n = make(Node::Kind::Atom);
        break;
    case 'f':
        bytes(byte());
        n = make(Node::Kind::Atom);
        break;
    case 'x':
        bytes(byte());
        bytes(byte());
        n = make(Node::Kind::Atom);
        break;
    case 's':
        bytes(static_cast<std::uint32_t>(long32()));
        n = make(Node::Kind::Atom);
        break;
    case 'u':
    case 't':
    case 'a':
    case 'A': {
        n = make(Node::Kind::Str);
        n->text = bytes(static_cast<std::uint32_t>(long32()));
        break;
    }
    case 'z':
    case 'Z': {
        n = make(Node::Kind::Str);
        n->text = bytes(byte());
        break;
    }
    case '(':
    case ')': {
        std::size_t size = type == ')' ? byte() : static_cast<std::uint32_t>(long32());
        // PyTuple_New(0) is the empty tuple: nothing allocated.
        n = size ? allocate(Node::Kind::Tuple, Container::Tuple, size) : make(Node::Kind::Tuple);
        if (flag) refs_.push_back(n);
        read_items(n, size);
        return n;
    }
    case '[': {
        std::size_t size = static_cast<std::uint32_t>(long32());
        n = allocate(Node::Kind::List, Container::List, 0);
        if (flag) refs_.push_back(n);
        read_items(n, size);
        return n;
    }
    case '{': {
        n = allocate(Node::Kind::Dict, Container::Dict, 0);
        if (flag) refs_.push_back(n);
        for (;;) {
            if (pos_ < data_.size() && data_[pos_] == '0') {
                ++pos_;
                break;
            }
            n->items.push_back(read());
            n->items.push_back(read());
        }
        return n;
    }
    case '<':
    case '>': {
        std::size_t size = static_cast<std::uint32_t>(long32());
        bool frozen = type == '>';
        // To 3.9 frozenset() is a singleton: an empty one allocates nothing.
        bool singleton = frozen && size == 0 && version_[1] <= 9;
        Node::Kind kind = frozen ? Node::Kind::FrozenSet : Node::Kind::Set;
        n = singleton ? make(kind) : allocate(kind, Container::Other, 0);
        // A frozenset is registered once filled (r_ref_reserve/r_ref_insert).
        std::size_t index = frozen ? reserve(flag) : SIZE_MAX;
        if (flag && !frozen) refs_.push_back(n);
        read_items(n, size);
        if (index != SIZE_MAX) refs_[index] = n;
        return n;
    }
    case 'c': return read_code(flag);
    case 'r': {
        std::uint32_t index = static_cast<std::uint32_t>(long32());
        if (index >= refs_.size() || !refs_[index]) bad();
        return refs_[index];
    }
    default: bad();
    }
    if (flag) refs_.push_back(n);
    return n;
}

// TYPE_CODE: its fields in the runtime's order; then _PyCode_New, whose
// intern_string_constants makes a tuple of each frozenset constant's items
// (PySequence_Tuple), and drops it.
Node* Reader::read_code(bool flag) {
    std::size_t index = reserve(flag);
    Node* code = make(Node::Kind::Code);
    const bool locals_plus = version_[1] >= 11;
    int ints_before = locals_plus ? 5 : 6;  // argcount ... flags (3.8-3.10: nlocals too)
    for (int i = 0; i < ints_before; ++i) long32();
    read();  // the bytecode
    code->consts = read();
    code->held.push_back(code->consts);
    code->held.push_back(read());  // names
    if (locals_plus) {
        code->held.push_back(read());  // localsplusnames
        read();  // localspluskinds
    } else {
        for (int i = 0; i < 3; ++i) code->held.push_back(read());  // varnames, freevars, cellvars
    }
    code->filename = read();
    read();  // name
    if (locals_plus) read();  // qualname
    long32();  // firstlineno
    read();  // line table
    if (locals_plus) read();  // exception table
    std::function<void(Node*)> intern_constants = [&](Node* tuple) {
        for (auto it = tuple->items.rbegin(); it != tuple->items.rend(); ++it) {
            Node* item = *it;
            if (item->kind == Node::Kind::Tuple) intern_constants(item);
            if (item->kind != Node::Kind::FrozenSet) continue;
            std::size_t size = item->items.size();
            if (size) events_.push_back({Event::Op::Allocate, Container::Tuple, size});
            if (size) events_.push_back({Event::Op::Free, Container::Tuple, size});
        }
    };
    if (code->consts->kind == Node::Kind::Tuple) intern_constants(code->consts);
    events_.push_back({Event::Op::Code, Container::Other, 0, code});
    codes_.push_back(code);
    if (index != SIZE_MAX) refs_[index] = code;
    return code;
}

void mark_constant(Node* n) {
    if (n->constant) return;
    n->constant = true;
    if (n->kind == Node::Kind::Tuple || n->kind == Node::Kind::FrozenSet)
        for (Node* item : n->items) mark_constant(item);
}

// The model's code objects in the order marshal wrote them: each code's
// nested code objects among its constants, depth first, the code itself
// after them (marshal finishes a code object after its constants).
void code_objects_in_order(CodeObject* code, std::vector<CodeObject*>& out) {
    for (Object* c : code->consts)
        if (c->type == types.code) code_objects_in_order(static_cast<CodeObject*>(c), out);
    out.push_back(code);
}

// How many distinct containers the model's constants are (tuples and
// frozensets, nested ones too, in every code object). The empty tuple is
// none: marshal's reader allocates nothing for it.
std::size_t model_constant_containers(const std::vector<CodeObject*>& codes) {
    std::set<const Object*> seen;
    std::function<void(Object*)> walk = [&](Object* o) {
        bool container = o->type == types.tuple || o->type == types.frozenset;
        if (!container || o == consts.empty_tuple || !seen.insert(o).second) return;
        if (o->type == types.tuple)
            for (Object* item : static_cast<TupleObject*>(o)->items) walk(item);
        else
            for (const HashTable::Entry& e : static_cast<SetObject*>(o)->table.entries())
                if (e.key) walk(e.key);
    };
    for (CodeObject* code : codes)
        for (Object* c : code->consts) walk(c);
    return seen.size();
}

// The bytes of loads()'s argument (bytes, bytearray, or a memoryview of them).
std::string_view buffer_of(Object* o) {
    if (is_bytes_like(o)) return bytes_value(o);
    if (o->type == types.memoryview) return memoryview_bytes(o);
    raisef(types.TypeError, "a bytes-like object is required, not '{}'", type_name(o));
}

Ref<> m_loads(Object*, Args args, void*) {
    check_nargs({"marshal", "loads"}, args, 1, 1);
    std::string_view data = buffer_of(args[0]);
    Reader reader(data, rt().profile().version_info);
    Node* top = reader.read_all();
    if (top->kind != Node::Kind::Code) unsupported("marshal.loads of anything but a module's code");
    if (!top->filename || top->filename->kind != Node::Kind::Str) unsupported("marshal data without a file name");
    // The code the model runs: compiled from the source the .pyc was made of.
    std::filesystem::path source = top->filename->text;
    Ref<CodeObject> code = compile_library_file(source, source.string());
    std::vector<CodeObject*> model_codes;
    code_objects_in_order(code.get(), model_codes);
    std::vector<Node*>& codes = reader.codes();
    std::size_t marshal_constants = 0;
    for (Node* c : codes)
        if (c->consts->kind == Node::Kind::Tuple)
            for (Node* item : c->consts->items) mark_constant(item);
    std::set<const Node*> counted;
    for (const Event& e : reader.events())
        if (e.op == Event::Op::Allocate && e.node && e.node->constant &&
            (e.node->kind == Node::Kind::Tuple || e.node->kind == Node::Kind::FrozenSet) &&
            counted.insert(e.node).second)
            ++marshal_constants;
    if (model_codes.size() != codes.size() || model_constant_containers(model_codes) != marshal_constants)
        unsupported(fmt::format("the code of {}, whose constants the model compiles otherwise than the runtime's .pyc",
                                source.string()));
    // Each code object holds its names and constants tuples; a constant
    // container is the model's own object, which counts its own death.
    std::map<const Node*, std::size_t> code_index;
    for (std::size_t i = 0; i < codes.size(); ++i) code_index[codes[i]] = i;
    std::vector<std::vector<std::shared_ptr<CodeContainer>>> held(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i)
        for (Node* tuple : codes[i]->held) {
            if (tuple->kind != Node::Kind::Tuple || tuple->items.empty() || tuple->constant) continue;
            if (!tuple->holding) tuple->holding = std::make_shared<CodeContainer>(CodeContainer{tuple->items.size()});
            ++tuple->holding->holders;
            held[i].push_back(tuple->holding);
        }
    MemoryManager& manager = rt().manager();
    for (const Event& e : reader.events()) {
        if (e.op == Event::Op::Allocate) manager.on_runtime_allocate(e.kind, e.size);
        else if (e.op == Event::Op::Free) manager.on_runtime_free(e.kind, e.size);
    }
    for (std::size_t i = 0; i < codes.size(); ++i)
        manager.hold_code_containers(*model_codes[i]->code, std::move(held[i]));
    return code;
}

Ref<> m_dumps(Object*, Args, void*) {
    unsupported("marshal.dumps: pymodel cannot write the runtime's marshal data (nor its .pyc files)");
}

}  // namespace

Ref<ModuleObject> make_marshal_module() {
    NativeModule m("marshal");
    m.add_function("loads", &m_loads);
    m.add_function("dumps", &m_dumps);
    m.add("version", new_int(4).get());
    return m.take();
}

}  // namespace vm
