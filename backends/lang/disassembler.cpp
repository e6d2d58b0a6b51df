// The disassembler. The code object's header (names, locals, constants),
// then one line per instruction:
//   LINE  >>  INDEX OPNAME  ARG (MEANING)
// the line number only where it changes, ">>" on jump targets; then the
// exception table, then the nested code objects.
#include "disassembler.hpp"

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace lang {

namespace {

std::string make_function_flags(int arg) {
    static const char* const names[] = {"defaults", "kwdefaults", "annotations", "closure"};
    std::vector<const char*> set;
    for (int i = 0; i < 4; ++i)
        if (arg & (1 << i)) set.push_back(names[i]);
    return fmt::format("{}", fmt::join(set, ", "));
}

// The meaning of an instruction's argument, or "" when it needs none.
std::string argument_meaning(const Code& code, const Instruction& ins, const UnicodeTables& tables) {
    int arg = ins.arg;
    auto at = [](const std::vector<std::string>& v, int i) {
        return i >= 0 && i < static_cast<int>(v.size()) ? v[i] : "?";
    };
    switch (opcode_arg_kind(ins.op)) {
    case ArgKind::CONST:
        return arg >= 0 && arg < static_cast<int>(code.constants.size()) ? constant_repr(code.constants[arg], tables)
                                                                         : "?";
    case ArgKind::NAME: return at(code.names, arg);
    case ArgKind::LOCAL: return at(code.varnames, arg);
    case ArgKind::DEREF: {
        int cells = static_cast<int>(code.cellvars.size());
        return arg < cells ? at(code.cellvars, arg) : at(code.freevars, arg - cells);
    }
    case ArgKind::JUMP: return fmt::format("to {}", arg);
    case ArgKind::OTHER: break;
    default: return "";
    }
    switch (ins.op) {
    case Opcode::BINARY_OP: return binary_op_symbol(arg);
    case Opcode::COMPARE_OP: return compare_op_symbol(arg);
    case Opcode::IS_OP: return arg ? "is not" : "is";
    case Opcode::CONTAINS_OP: return arg ? "not in" : "in";
    case Opcode::FORMAT_VALUE: {  // as CPython's dis
        static const char* const plain[] = {"", "str", "repr", "?"};
        static const char* const with_spec[] = {"with format", "str, with format", "repr, with format", "?"};
        return (arg & kFormatWithSpec ? with_spec : plain)[arg & 3];
    }
    case Opcode::MAKE_FUNCTION: return make_function_flags(arg);
    default: return "";
    }
}

std::string flags_text(std::uint32_t flags) {
    static const std::pair<std::uint32_t, const char*> names[] = {
        {CO_OPTIMIZED, "OPTIMIZED"}, {CO_NEWLOCALS, "NEWLOCALS"},
        {CO_VARARGS, "VARARGS"},     {CO_VARKEYWORDS, "VARKEYWORDS"},
        {CO_NESTED, "NESTED"},       {CO_GENERATOR, "GENERATOR"},
        {CO_COROUTINE, "COROUTINE"}, {CO_ASYNC_GENERATOR, "ASYNC_GENERATOR"},
    };
    std::vector<const char*> set;
    for (auto [bit, name] : names)
        if (flags & bit) set.push_back(name);
    return set.empty() ? "0" : fmt::format("{}", fmt::join(set, ", "));
}

void disassemble_one(const Code& code, const UnicodeTables& tables, std::string& out) {
    out += fmt::format("Disassembly of {}:\n", code_repr(code));
    out +=
        fmt::format("  qualname {}, args {} (positional-only {}, keyword-only {}), flags {}, stack {}\n", code.qualname,
                    code.argcount, code.posonlyargcount, code.kwonlyargcount, flags_text(code.flags), code.stacksize);
    if (!code.varnames.empty()) out += fmt::format("  locals {}\n", fmt::join(code.varnames, ", "));
    if (!code.cellvars.empty()) out += fmt::format("  cells {}\n", fmt::join(code.cellvars, ", "));
    if (!code.freevars.empty()) out += fmt::format("  free {}\n", fmt::join(code.freevars, ", "));
    if (!code.constants.empty()) {
        std::vector<std::string> reprs;
        for (const Constant& c : code.constants) reprs.push_back(constant_repr(c, tables));
        out += fmt::format("  consts {}\n", fmt::join(reprs, ", "));
    }
    std::set<int> targets;
    for (const Instruction& ins : code.instructions)
        if (opcode_arg_kind(ins.op) == ArgKind::JUMP) targets.insert(ins.arg);
    for (const ExceptionEntry& e : code.exception_table) targets.insert(e.target);
    int last_line = -1;
    for (std::size_t i = 0; i < code.instructions.size(); ++i) {
        const Instruction& ins = code.instructions[i];
        int line = code.positions[i].line;
        std::string line_text = line != last_line && line > 0 ? std::to_string(line) : "";
        if (line > 0) last_line = line;
        std::string arg = opcode_arg_kind(ins.op) == ArgKind::NONE ? "" : std::to_string(ins.arg);
        std::string meaning = argument_meaning(code, ins, tables);
        std::string text = fmt::format("{:>4} {:>2} {:>4} {:<22} {:>3}", line_text,
                                       targets.count(static_cast<int>(i)) ? ">>" : "", i, opcode_name(ins.op), arg);
        if (!meaning.empty()) text += fmt::format(" ({})", meaning);
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text + "\n";
    }
    if (!code.exception_table.empty()) {
        out += "ExceptionTable:\n";
        for (const ExceptionEntry& e : code.exception_table)
            out += fmt::format("  {} to {} -> {} [{}]{}\n", e.start, e.end - 1, e.target, e.depth,
                               e.lasti ? " lasti" : "");
    }
}

}  // namespace

std::string disassemble(const Code& code, const UnicodeTables& tables) {
    std::string out;
    disassemble_one(code, tables, out);
    for (const Constant& c : code.constants)
        if (auto* nested = std::get_if<std::shared_ptr<const Code>>(&c.value)) {
            out += "\n";
            out += disassemble(**nested, tables);
        }
    return out;
}

}  // namespace lang
