// CPython 3.11's compile-time allocations (Python/compile.c, symtable.c,
// Objects/codeobject.c), replayed from the model's lang::Code tree. Only
// containers matter to the count: strings, ints, bytes and code objects are
// not GC objects. See compile_replay.hpp.
#include "compile_replay.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace refcount {

namespace {

using lang::Code;
using lang::Constant;

std::string tuple_of_names_text(const std::vector<std::string>& names) {
    std::string text = "(";
    for (const std::string& name : names) text += 's' + std::to_string(name.size()) + ':' + name;
    return text + ')';
}

// The instructions 3.11 added, which 3.10's code has no counterpart of
// (KW_NAMES has one: the LOAD_CONST of the names tuple).
bool new_in_3_11(lang::Opcode op) {
    using lang::Opcode;
    return op == Opcode::RESUME || op == Opcode::COPY_FREE_VARS || op == Opcode::MAKE_CELL || op == Opcode::PUSH_NULL ||
           op == Opcode::PRECALL;
}

// A code object's instructions as 3.10's would be for its line table and
// bytecode: without those 3.11 added, with the load of the qualified name
// before each MAKE_FUNCTION, with the NOP of a statement of no
// code where 3.10 keeps it (clean_basic_block: not when the instruction
// before or after has its line, or the one after has none), and each
// instruction of no line with the line before it (propagate_line_numbers;
// after a NOP, the NOP's).
struct OldInstruction {
    lang::Instruction in;
    int line;
};
std::vector<OldInstruction> as_3_10(const Code& code) {
    struct Item {
        lang::Instruction in;
        int line;  // 0: none
        bool nop;
    };
    std::vector<Item> items;
    std::size_t next_nop = 0;
    for (std::size_t i = 0; i <= code.instructions.size(); ++i) {
        for (; next_nop < code.nop_lines.size() && code.nop_lines[next_nop].before == static_cast<int>(i); ++next_nop)
            items.push_back({{lang::Opcode::NOP, 0}, code.nop_lines[next_nop].line, true});
        if (i == code.instructions.size()) break;
        if (new_in_3_11(code.instructions[i].op)) continue;
        int line = i < code.positions.size() ? code.positions[i].line : 0;
        // 3.10's MAKE_FUNCTION takes the qualified name from a LOAD_CONST.
        if (code.instructions[i].op == lang::Opcode::MAKE_FUNCTION)
            items.push_back({{lang::Opcode::LOAD_CONST, -1}, line, false});
        items.push_back({code.instructions[i], line, false});
    }
    std::vector<OldInstruction> out;
    int line = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        if (item.nop) {
            bool lost = (out.empty() || out.back().line != item.line) &&
                        (i + 1 < items.size() && items[i + 1].line && items[i + 1].line != item.line);
            line = item.line;
            if (lost) out.push_back({item.in, line});
            continue;
        }
        if (item.line) line = item.line;
        out.push_back({item.in, line});
    }
    return out;
}

// The three byte strings assemble() merges, as texts that are equal when
// CPython's would be: the line table (relative to the first line; with the
// columns from 3.11), the bytecode (line_and_bytecode_texts) and the
// exception table. The model's bytecode is 3.11's; `as_of_3_10` compares
// 3.10's instead (as_3_10, made once for both).
struct LineAndBytecode {
    std::string line_table = "L", bytecode = "B";
};
LineAndBytecode line_and_bytecode_texts(const Code& code, bool as_of_3_10) {
    LineAndBytecode texts;
    auto add = [&](const lang::Instruction& in) {
        texts.bytecode += std::to_string(static_cast<int>(in.op)) + ',' + std::to_string(in.arg) + ';';
    };
    if (as_of_3_10) {  // lines only
        for (const OldInstruction& in : as_3_10(code)) {
            add(in.in);
            texts.line_table += std::to_string(in.line ? in.line - code.first_line : -1) + ';';
        }
        return texts;
    }
    for (const lang::Instruction& in : code.instructions) add(in);
    for (const lang::Position& p : code.positions)
        texts.line_table += std::to_string(p.line ? p.line - code.first_line : -1) + ',' + std::to_string(p.col) + ',' +
                            std::to_string(p.end_line ? p.end_line - code.first_line : -1) + ',' +
                            std::to_string(p.end_col) + ';';
    return texts;
}
std::string exception_table_text(const Code& code) {
    std::string text = "X";
    for (const lang::ExceptionEntry& e : code.exception_table)
        text += std::to_string(e.start) + ',' + std::to_string(e.end) + ',' + std::to_string(e.target) + ',' +
                std::to_string(e.depth) + (e.lasti ? "l;" : ";");
    return text;
}

// An int LOAD_SMALL_INT loads (3.14's _PY_IS_SMALL_INT operand range).
bool is_small_int(const Constant& c) {
    const std::int64_t* v = std::get_if<std::int64_t>(&c.value);
    return v && *v >= 0 && *v <= 255;
}

const lang::Tuple* as_tuple(const Constant& c) { return std::get_if<lang::Tuple>(&c.value); }
std::string key_text(const Constant& c) {
    std::string text;
    lang::append_constant_key(c, text);
    return text;
}
// Whether a tuple of these constants holds nothing the collector tracks
// (no tuple: a constant tuple is tracked unless made untracked).
bool all_atoms(const std::vector<Constant>& items) {
    return std::none_of(items.begin(), items.end(), [](const Constant& c) { return as_tuple(c) != nullptr; });
}
const Code* as_code(const Constant& c) {
    auto* code = std::get_if<std::shared_ptr<const Code>>(&c.value);
    return code ? code->get() : nullptr;
}

// The fast locals of a code object (co_localsplusnames): a cell that is
// also a parameter is one slot.
std::vector<std::string> locals_plus_names(const Code& code) {
    std::vector<std::string> names = code.varnames;
    for (const std::string& cell : code.cellvars)
        if (std::find(names.begin(), names.end(), cell) == names.end()) names.push_back(cell);
    names.insert(names.end(), code.freevars.begin(), code.freevars.end());
    return names;
}

class Replay {
  public:
    Replay(vm::MemoryManager& manager, CompilerShape shape) : manager_(manager), shape_(shape) {}

    ReplayedCompile run(const Code& module, vm::CompiledFrom from) {
        if (from == vm::CompiledFrom::MainFile) {
            // _PyRun_SimpleFileObject, before the parser: PyImport_AddModule's
            // weakref to __main__, dropped at once, and the call that makes
            // __main__.__loader__ (a SourceFileLoader) with its argument tuple.
            allocate(Container::Other);
            free(Container::Other);
            allocate(Container::Tuple, 2);
            allocate(Container::Other);
            if (shape_.loader_instance_dict) allocate(Container::Dict);
            free(Container::Tuple, 2);
        }
        module_ = &module;
        allocate(Container::List);  // the parser's arena keeps its objects in a list, to the end
        allocate(Container::Dict);  // compiler_init: c_const_cache
        allocate(Container::List);  // ... and c_stack
        fold_constants(module);
        allocate(Container::List);  // symtable_new: st_stack
        allocate(Container::Dict);  // ... and st_blocks
        std::vector<int> block_directives = enter_blocks(module);
        allocate(Container::Other);  // symtable_analyze: the free and global sets
        allocate(Container::Other);
        analyze_block(module);
        free(Container::Other);
        free(Container::Other);
        compile_unit(module);
        // compiler_free: the symtable's blocks, its dict and stack, then the
        // constant cache with every key it holds.
        free(Container::Dict);
        for (int directives : block_directives) {  // ste_dealloc
            free(Container::Dict);
            free(Container::List);
            free(Container::List);
            for (int i = 0; i < directives; ++i) free(Container::Tuple, shape_.directive_items);
            if (directives) free(Container::List);
        }
        free(Container::List);
        free(Container::Dict);
        for (std::size_t size : cached_tuples_) free(Container::Tuple, size);
        free_tuples_only_cached(module);
        free_dropped_codes(module);
        free(Container::List);
        return {arena_frees(module), std::move(code_tuples_)};
    }

  private:
    void allocate(Container kind, std::size_t size = 0) {
        if (kind == Container::Tuple && size == 0) return;  // the empty tuple is a singleton
        manager_.on_runtime_allocate(kind, size);
    }
    void free(Container kind, std::size_t size = 0) {
        if (kind == Container::Tuple && size == 0) return;
        manager_.on_runtime_free(kind, size);
    }
    void free_tuples(const std::vector<std::size_t>& sizes) {
        for (std::size_t size : sizes) free(Container::Tuple, size);
    }

    // _PyAST_Optimize: each constant tuple of the source is made once, and
    // lives as long as the arena.
    void fold_constants(const Code& code) {
        std::set<int> nodes;
        for (const lang::ConstantUse& use : code.constant_uses) {
            if (const Code* nested = as_code(use.value)) fold_constants(*nested);
            else if (use.source_node >= 0 && nodes.insert(use.source_node).second) fold_tuple(use.value);
        }
    }
    void fold_tuple(const Constant& c) {
        const lang::Tuple* tuple = as_tuple(c);
        if (!tuple) return;
        for (const Constant& item : tuple->items) fold_tuple(item);
        allocate(Container::Tuple, tuple->items.size());
        folded_.emplace_back(key_text(c), tuple->items.size());
    }

    // What goes once the code has run: the arena's list drops its objects,
    // the last first, then goes itself. A folded tuple dies then unless it
    // is the one a kept code's constants hold (the VM's constant object is
    // that one): an equal tuple folded from another node was merged into
    // it, and one only dead code loaded is in no table.
    std::vector<vm::RuntimeContainer> arena_frees(const Code& module) const {
        std::set<std::string> held = kept_constant_texts(module);
        std::vector<vm::RuntimeContainer> frees;
        for (auto it = folded_.rbegin(); it != folded_.rend(); ++it)
            if (held.erase(it->first) == 0) frees.push_back({Container::Tuple, it->second});
        frees.push_back({Container::List, 0});
        return frees;
    }

    // ste_new for each block: its symbols dict, varnames and children lists;
    // then, as its statements are visited, the list of its global and
    // nonlocal directives, a tuple each. Returns the blocks' directives, in
    // the order they are freed.
    std::vector<int> enter_blocks(const Code& code) {
        allocate(Container::Dict);
        allocate(Container::List);
        allocate(Container::List);
        if (code.directives) allocate(Container::List);
        for (int i = 0; i < code.directives; ++i) allocate(Container::Tuple, shape_.directive_items);
        std::vector<int> directives{code.directives};
        for (const Code* nested : blocks_inside(code)) {
            std::vector<int> inner = enter_blocks(*nested);
            directives.insert(directives.end(), inner.begin(), inner.end());
        }
        return directives;
    }

    // The symtable blocks directly inside `code`'s: its nested code objects
    // and the records of the comprehensions it inlines, in order.
    static std::vector<const Code*> blocks_inside(const Code& code) {
        std::vector<const Code*> blocks;
        for (const lang::ConstantUse& use : code.constant_uses)
            if (const Code* nested = as_code(use.value)) blocks.push_back(nested);
        return blocks;
    }

    // analyze_block: its sets and scopes dict, and three copied sets around
    // the analysis of each child block.
    void analyze_block(const Code& code) {
        allocate(Container::Other);  // local
        allocate(Container::Dict);  // scopes
        for (int i = 0; i < 3; ++i) allocate(Container::Other);  // newglobal, newfree, newbound
        allocate(Container::Other);  // allfree
        for (const Code* nested : blocks_inside(code)) {
            for (int i = 0; i < 3; ++i) allocate(Container::Other);
            analyze_block(*nested);
            for (int i = 0; i < 3; ++i) free(Container::Other);
        }
        allocate(Container::Other);  // update_symbols: an iterator over the free set
        free(Container::Other);
        free(Container::Dict);
        for (int i = 0; i < 5; ++i) free(Container::Other);
    }

    // _PyCode_ConstantKey: the tuples it makes (a bool, bytes, float or
    // complex is paired with its type, a signed zero with a third item; a tuple gets a tuple of its items' keys).
    void constant_key_tuples(const Constant& c, std::vector<std::size_t>& made) {
        if (std::holds_alternative<bool>(c.value) || std::holds_alternative<lang::Bytes>(c.value)) {
            made.push_back(2);
        } else if (const double* d = std::get_if<double>(&c.value)) {
            made.push_back(*d == 0.0 && std::signbit(*d) ? 3 : 2);
        } else if (const lang::Complex* z = std::get_if<lang::Complex>(&c.value)) {
            auto negzero = [](double part) { return part == 0.0 && std::signbit(part); };
            made.push_back(negzero(z->real) || negzero(z->imag) ? 3 : 2);
        } else if (const lang::Tuple* tuple = as_tuple(c)) {
            made.push_back(tuple->items.size());
            for (const Constant& item : tuple->items) constant_key_tuples(item, made);
            made.push_back(2);
        }
    }
    // PyDict_SetDefault on the cache: a new key stays there (and its tuples
    // with it); an old one is freed. True when the key was new.
    bool merge(std::string text, std::vector<std::size_t> made) {
        for (std::size_t size : made) allocate(Container::Tuple, size);
        if (!cache_.insert(std::move(text)).second) {
            free_tuples(made);
            return false;
        }
        cached_tuples_.insert(cached_tuples_.end(), made.begin(), made.end());
        return true;
    }
    // merge_consts_recursive: a new tuple's items are merged too. True when
    // the constant was new.
    bool add_constant(const Constant& c) {
        std::vector<std::size_t> made;
        constant_key_tuples(c, made);
        std::string text;
        lang::append_constant_key(c, text);
        if (!merge(std::move(text), std::move(made))) return false;
        if (const lang::Tuple* tuple = as_tuple(c))
            for (const Constant& item : tuple->items) add_constant(item);
        return true;
    }
    // merge_const_one for a tuple makecode() just made: the new tuple is
    // freed when an equal one is cached.
    bool merge_new_tuple(std::string text, std::size_t size, std::vector<std::size_t> key_items) {
        allocate(Container::Tuple, size);
        return merge_made_tuple(std::move(text), size, std::move(key_items));
    }
    // ... of an untracked one (atom_constants_untracked): only its key's
    // tuples count.
    void merge_untracked_tuple(std::string text, std::size_t size, std::vector<std::size_t> key_items) {
        std::vector<std::size_t> made{size};
        made.insert(made.end(), key_items.begin(), key_items.end());
        made.push_back(2);
        merge(std::move(text), std::move(made));
    }
    // ... of a tuple made before.
    bool merge_made_tuple(std::string text, std::size_t size, std::vector<std::size_t> key_items) {
        std::vector<std::size_t> made{size};
        made.insert(made.end(), key_items.begin(), key_items.end());
        made.push_back(2);
        if (merge(std::move(text), std::move(made))) return true;
        free(Container::Tuple, size);
        return false;
    }

    // The code's constants as its co_consts holds them: to 3.10, with the
    // qualified name of each function it makes after the function's code
    // (MAKE_FUNCTION's operand; one constant with an equal string); from
    // 3.14, without the small ints but the first.
    std::vector<Constant> constants_of(const Code& code) const {
        if (shape_.small_int_loads) {
            std::vector<Constant> constants;
            for (const Constant& c : code.constants)
                if (constants.empty() || !is_small_int(c)) constants.push_back(c);
            return constants;
        }
        if (!shape_.qualname_constants) return code.constants;
        std::vector<Constant> constants;
        auto has_string = [&](const std::string& s) {
            return std::any_of(code.constants.begin(), code.constants.end(), [&](const Constant& c) {
                const std::string* held = std::get_if<std::string>(&c.value);
                return held && *held == s;
            });
        };
        std::set<std::string> added;
        for (const Constant& c : code.constants) {
            constants.push_back(c);
            if (const Code* nested = as_code(c))
                if (!has_string(nested->qualname) && added.insert(nested->qualname).second)
                    constants.push_back(Constant{nested->qualname});
        }
        return constants;
    }

    // A def's compiler_function (3.8, 3.9): compiler_visit_annotations'
    // list of the annotated names, before the body's scope is entered.
    bool is_def(const Code& code) const {
        return (code.flags & lang::CO_OPTIMIZED) && !code.name.empty() && code.name[0] != '<';
    }

    void compile_unit(const Code& code) {
        if (shape_.annotation_list && is_def(code)) {
            allocate(Container::List);
            free(Container::List);
        }
        // compiler_enter_scope: varnames, cellvars and freevars (each of the
        // last two sorting a list of the symbols' keys), (3.12: fasthidden,)
        // consts, names.
        allocate(Container::Dict);
        for (int i = 0; i < 2; ++i) {
            allocate(Container::Dict);
            allocate(Container::List);
            free(Container::List);
        }
        for (int i = 3; i < shape_.unit_dicts; ++i) allocate(Container::Dict);
        compile_constants(code, false);
        assemble(code);
        for (int i = 0; i < shape_.unit_dicts; ++i) free(Container::Dict);  // compiler_unit_free
    }

    // What compiling the unit's code adds to its constants, in order (a
    // comprehension 3.12 inlines adds its own, where it is: `inlined`).
    void compile_constants(const Code& code, bool inlined) {
        using Origin = lang::ConstantUse::Origin;
        for (const lang::ConstantUse& use : code.constant_uses) {
            const Constant& c = use.value;
            if (use.origin == Origin::InlinedComprehension) {
                compile_inlined(*as_code(c), inlined);
                continue;
            }
            if (use.unemitted) {
                compile_unemitted(use);
                continue;
            }
            if (const Code* nested = as_code(c)) {
                compile_unit(*nested);
                std::string text;
                lang::append_constant_key(c, text);
                cache_.insert(text);  // a code object is its own key
                if (shape_.qualname_constants) add_constant(Constant{nested->qualname});  // a str: no tuple
                continue;
            }
            std::size_t size = as_tuple(c) ? as_tuple(c)->items.size() : 0;
            switch (use.origin) {
            case Origin::Source: add_constant(c); break;
            case Origin::TemporaryList: allocate(Container::List); break;
            case Origin::Compiler:
            case Origin::CompilerFromList: {
                // The compiler's new tuple; freed at once when an equal one
                // was cached before. PyList_AsTuple of atoms makes it
                // untracked (3.14.1+, gh-139951): only its key's tuples count.
                const bool untracked = use.origin == Origin::CompilerFromList && shape_.atom_constants_untracked &&
                                       all_atoms(as_tuple(c)->items);
                if (!untracked) allocate(Container::Tuple, size);
                if (use.origin == Origin::CompilerFromList) free(Container::List);
                if (add_constant(c)) {
                    if (!untracked) tuples_made_cached_.emplace_back(key_text(c), size);
                } else if (!untracked) {
                    free(Container::Tuple, size);
                }
                break;
            }
            case Origin::Optimizer:
            case Origin::TestTruth: break;  // in assemble()
            case Origin::InlinedComprehension: break;  // above
            }
        }
    }

    // A use in a dead branch the compiler emits nothing of (to 3.9): no
    // constant is merged; a code object made there is compiled, is in no
    // table, and dies at once; a tuple the compiler made is freed at once.
    void compile_unemitted(const lang::ConstantUse& use) {
        using Origin = lang::ConstantUse::Origin;
        if (const Code* nested = as_code(use.value)) {
            compile_unit(*nested);
            release_code_tuples(code_tuples_, *nested, manager_);
            return;
        }
        std::size_t size = as_tuple(use.value) ? as_tuple(use.value)->items.size() : 0;
        switch (use.origin) {
        case Origin::TemporaryList: allocate(Container::List); break;
        case Origin::Compiler:
        case Origin::CompilerFromList:
            allocate(Container::Tuple, size);
            if (use.origin == Origin::CompilerFromList) free(Container::List);
            free(Container::Tuple, size);
            break;
        default: break;  // a source constant is not merged; the optimizer sees no instruction
        }
    }

    // 3.12's compiler_comprehension of an inlined one (PEP 709): no unit of
    // its own. push_inlined_comprehension_state keeps the outer symbols it
    // swaps in a dict and the names whose values it saves in a list, both
    // freed by pop_inlined_comprehension_state once the body is compiled.
    // Inside another inlined one (`nested`), `.0` is swapped in already.
    void compile_inlined(const Code& comprehension, bool nested) {
        bool swaps = comprehension.inline_swaps_scopes || (shape_.inline_swaps_argument && !nested);
        bool saves = !comprehension.inline_locals.empty();
        if (swaps) allocate(Container::Dict);
        if (saves) allocate(Container::List);
        compile_constants(comprehension, true);
        if (swaps) free(Container::Dict);
        if (saves) free(Container::List);
    }

    // assemble() and makecode(): the constants as a list, the optimizer's
    // folded tuples, the three byte strings merged (two to 3.10, which has
    // no exception table), then the names, constants
    // and local names tuples.
    void assemble(const Code& code) {
        std::vector<const lang::ConstantUse*> folds;  // the optimizer's, in assemble()
        for (const lang::ConstantUse& use : code.constant_uses)
            if (!use.unemitted && (use.origin == lang::ConstantUse::Origin::Optimizer ||
                                   use.origin == lang::ConstantUse::Origin::TestTruth))
                folds.push_back(&use);
        allocate(Container::List);
        for (const lang::ConstantUse* use : folds) {
            if (use->origin == lang::ConstantUse::Origin::TestTruth) {
                add_constant(use->value);
                continue;
            }
            if (shape_.peephole_folds) continue;
            std::string text;
            lang::append_constant_key(use->value, text);
            std::vector<std::size_t> item_keys;
            for (const Constant& item : as_tuple(use->value)->items) constant_key_tuples(item, item_keys);
            std::size_t size = as_tuple(use->value)->items.size();
            if (merge_new_tuple(text, size, std::move(item_keys)))
                tuples_made_cached_.emplace_back(std::move(text), size);
        }
        if (shape_.exception_table) {
            std::string table = exception_table_text(code);
            if (shape_.generator_handler && (code.flags & lang::CO_GENERATOR))
                table += "G" + std::to_string(code.instructions.size());  // the handler's entry spans the body
            merge(std::move(table), {2});
        }
        if (shape_.merges_bytes) {
            LineAndBytecode texts = line_and_bytecode_texts(code, shape_.bytes_of_3_10);
            merge(std::move(texts.line_table), {2});
            merge(std::move(texts.bytecode), {2});
        }
        std::string consts_text = "(";
        std::vector<std::size_t> item_keys;
        const std::vector<Constant> constants = constants_of(code);
        for (const Constant& c : constants) {
            lang::append_constant_key(c, consts_text);
            constant_key_tuples(c, item_keys);
        }
        auto hold = [&](const std::string& text, std::size_t size, bool made) { hold_tuple(code, text, size, made); };
        // makecode()'s new tuple, merged, then held by the code object.
        auto make_and_hold = [&](const std::string& text, std::size_t size, std::vector<std::size_t> key_items) {
            hold(text, size, merge_new_tuple(text, size, std::move(key_items)));
        };
        if (shape_.qualname_constants) {
            // makecode() to 3.10: the four name tuples made, then merged,
            // then the constants.
            const std::vector<std::string>* tuples[] = {&code.names, &code.varnames, &code.cellvars, &code.freevars};
            for (const auto* names : tuples) allocate(Container::Tuple, names->size());
            for (const auto* names : tuples) {
                std::string text = tuple_of_names_text(*names);
                hold(text, names->size(), merge_made_tuple(text, names->size(), {}));
            }
            // PyCode_Optimize (3.8, 3.9) then folds each tuple of constant
            // defaults into a new tuple of the list, merged only as an item
            // of the constants tuple.
            for (const lang::ConstantUse* use : folds)
                if (shape_.peephole_folds && use->origin == lang::ConstantUse::Origin::Optimizer)
                    allocate(Container::Tuple, as_tuple(use->value)->items.size());
            make_and_hold(consts_text + ')', constants.size(), item_keys);
        } else {
            make_and_hold(tuple_of_names_text(code.names), code.names.size(), {});
            if (shape_.atom_constants_untracked && all_atoms(constants))
                merge_untracked_tuple(consts_text + ')', constants.size(), item_keys);
            else make_and_hold(consts_text + ')', constants.size(), item_keys);
            std::vector<std::string> locals = locals_plus_names(code);
            make_and_hold(tuple_of_names_text(locals), locals.size(), {});
        }
        free(Container::List);
    }

    // A tuple the compiler or its optimizer made that no code kept in its
    // constants (one only unreachable code loaded, or a dropped code's) was
    // held by the constant cache alone, and dies with it.
    void free_tuples_only_cached(const Code& module) {
        std::set<std::string> held = kept_constant_texts(module);
        for (const auto& [text, size] : tuples_made_cached_)
            if (!held.count(text)) free(Container::Tuple, size);
    }
    // The key texts of the constants the kept code objects hold, items too.
    static std::set<std::string> kept_constant_texts(const Code& module) {
        std::set<const Code*> kept;
        collect_constant_codes(module, kept);
        std::set<std::string> held;
        for (const Code* code : kept)
            for (const Constant& c : code->constants) collect_constant_texts(c, held);
        return held;
    }
    static void collect_constant_texts(const Constant& c, std::set<std::string>& texts) {
        texts.insert(key_text(c));
        if (const lang::Tuple* tuple = as_tuple(c))
            for (const Constant& item : tuple->items) collect_constant_texts(item, texts);
    }

    // A code object compiled but left out of its parent's constants (the
    // body of a constant test's dead branch) dies with the constant cache
    // that held it last, and gives back the tuples only it held.
    void free_dropped_codes(const Code& module) {
        std::set<const Code*> kept;
        collect_constant_codes(module, kept);
        std::vector<const Code*> compiled;
        collect_compiled_codes(module, compiled);
        for (const Code* code : compiled)
            if (!kept.count(code)) release_code_tuples(code_tuples_, *code, manager_);
    }
    static void collect_constant_codes(const Code& code, std::set<const Code*>& kept) {
        kept.insert(&code);
        for (const Constant& c : code.constants)
            if (const Code* nested = as_code(c)) collect_constant_codes(*nested, kept);
    }
    // Every code object compiled inside `code`, in the order compiled.
    static void collect_compiled_codes(const Code& code, std::vector<const Code*>& compiled) {
        for (const lang::ConstantUse& use : code.constant_uses)
            if (const Code* nested = as_code(use.value)) {
                if (use.origin != lang::ConstantUse::Origin::InlinedComprehension) compiled.push_back(nested);
                collect_compiled_codes(*nested, compiled);
            }
    }

    // A tuple the code object holds: `made` by its makecode(), or merged
    // into an equal one made before, which it then holds too (but for a
    // constant's, which lives as long as what holds the constant).
    void hold_tuple(const Code& code, const std::string& text, std::size_t size, bool made) {
        if (size == 0) return;  // the empty tuple
        std::shared_ptr<CodeTuple> tuple;
        if (made) tuple = code_tuples_by_text_[text] = std::make_shared<CodeTuple>(CodeTuple{size, 0});
        else if (auto it = code_tuples_by_text_.find(text); it != code_tuples_by_text_.end()) tuple = it->second;
        if (!tuple) return;
        ++tuple->holders;
        code_tuples_[&code].push_back(std::move(tuple));
    }

    vm::MemoryManager& manager_;
    CompilerShape shape_;
    std::set<std::string> cache_;
    std::vector<std::size_t> cached_tuples_;  // the tuples the cache's keys hold
    // The tuples the compiler or optimizer made and merged as new: key text, size.
    std::vector<std::pair<std::string, std::size_t>> tuples_made_cached_;
    // The tuples the AST optimizer folded, in the arena's order: key text, size.
    std::vector<std::pair<std::string, std::size_t>> folded_;
    const Code* module_ = nullptr;
    CodeTuples code_tuples_;
    std::map<std::string, std::shared_ptr<CodeTuple>> code_tuples_by_text_;
};

}  // namespace

void release_code_tuples(CodeTuples& tuples, const lang::Code& code, vm::MemoryManager& manager) {
    auto it = tuples.find(&code);
    if (it == tuples.end()) return;
    for (const std::shared_ptr<CodeTuple>& tuple : it->second)
        if (--tuple->holders == 0) manager.on_runtime_free(tuple->kind, tuple->size);
    tuples.erase(it);
}

namespace {
// Whether `code`, or code compiled in it, has a frozenset constant.
bool has_frozenset_constant(const Code& code) {
    for (const lang::ConstantUse& use : code.constant_uses) {
        if (std::holds_alternative<lang::FrozenSet>(use.value.value)) return true;
        if (const Code* nested = as_code(use.value); nested && has_frozenset_constant(*nested)) return true;
    }
    return false;
}
}  // namespace

ReplayedCompile replay_compile(const lang::Code& module, vm::CompiledFrom from, vm::MemoryManager& manager,
                               CompilerShape shape) {
    // What the compiler allocates for a frozenset (its key's frozenset and
    // tuples, the set its merge rebuilds) is not replayed: the counts are
    // unknown until a full collection. The frozenset itself, and what the
    // code frees when it dies, are the model's.
    if (has_frozenset_constant(module))
        manager.on_uncharged("compiling a frozenset constant (`x in {1, 2}`, a set display of constants)");
    return Replay(manager, shape).run(module, from);
}

}  // namespace refcount
