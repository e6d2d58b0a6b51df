// lang::Code as bytes and back: how pymodel's library (backends/vm/lib/)
// is compiled at build time rather than at each import.
//
// serialize() writes every field of a Code and of each code object nested
// in its constants and constant uses, each of those once: two references to
// one code object read back as two references to one, so the VM's merging
// of equal constants (which compares code objects by identity) sees what a
// fresh compile gives. The format is private to one build (the tool that
// writes it, backends/vm/lib/precompile.cpp, and the reader are built
// together): no version, no promise across builds.
//
// Every struct is read and written through one list of its fields (a
// structured binding, serialize.cpp), so a field added to Code, or to a
// struct it holds, without being added there does not compile; same_code
// compares through the same lists.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "code.hpp"
#include "lang.hpp"

namespace lang {

std::string serialize(const Code& code);

// The Code `bytes` holds, or null when they are not what serialize()
// writes (cut short, or trailing bytes).
std::shared_ptr<const Code> deserialize(std::string_view bytes);

// Bytes that differ for any two different option sets: the key under
// which the build stores the library's code for one set.
std::string options_key(const CompileOptions& options);

// Every field equal, floats bitwise, nested code objects by content; and
// the code objects shared the same way (a code object referenced twice in
// `a` is one code object referenced at the same two places in `b`).
bool same_code(const Code& a, const Code& b);

}  // namespace lang
