// The Python source of pymodel's library modules (backends/vm/lib/*.py),
// embedded at build time.
#pragma once

namespace vm::lib {

extern const char* const weakref_py;
extern const char* const weakrefset_py;

}  // namespace vm::lib
