// fmt's compiled part (what libfmt.so holds), compiled once here and linked
// statically into every binary. Debian ships fmt as a shared library only;
// pymodel links statically (backends/CMakeLists.txt), and fmt's header-only
// mode would compile this part again into each file that includes
// <fmt/format.h>, about 6 s of CPU each at -O2 -g.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

// The templates fmt's headers declare `extern` outside header-only mode, or
// leave to the library to instantiate, for char.
template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template locale_ref::locale_ref(const std::locale& loc);
template auto locale_ref::get<std::locale>() const -> std::locale;
template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);
template void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>, locale_ref);

}  // namespace detail
FMT_END_NAMESPACE
