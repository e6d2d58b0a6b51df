// Fuzz target: any input must compile or be rejected with a diagnostic,
// without crashing, hanging, exhausting memory, or producing bytecode whose
// stack depths do not add up (the assembler throws then, which aborts).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lang/disassembler.hpp"
#include "lang/lang.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view source(reinterpret_cast<const char*>(data), size);
    lang::CompileResult result = lang::compile(source, "fuzz.py");
    if (result.diagnostic) (void)lang::format_diagnostic(*result.diagnostic, source);
    else (void)lang::disassemble(*result.code, lang::UnicodeTables());
    return 0;
}
