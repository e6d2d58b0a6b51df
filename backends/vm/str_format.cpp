// String formatting: format specs (format(), str.format) and %-formatting.
#include <cctype>
#include <cmath>

#include "api.hpp"
#include "bigint.hpp"

namespace vm {

// ---- str.format and format() --------------------------------------------------------------------

// Applies a format spec ([[fill]align][sign][#][0][width][,][.precision][type])
// to a str, int or float, as format(value, spec).
std::string format_with_spec(Object* value, const std::string& spec) {
    if (spec.empty()) return str_string(value);
    std::size_t i = 0;
    char fill = ' ', align = 0, sign = '-';
    auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
    if (spec.size() >= 2 && is_align(spec[1])) {
        fill = spec[0];
        align = spec[1];
        i = 2;
    } else if (is_align(spec[0])) {
        align = spec[0];
        i = 1;
    }
    if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' ')) sign = spec[i++];
    bool alternate = i < spec.size() && spec[i] == '#';  // 0x, 0o, 0b before the digits
    if (alternate) ++i;
    if (i < spec.size() && spec[i] == '0') {
        if (!align) {
            fill = '0';
            align = '=';
        }
        ++i;
    }
    std::size_t width = 0;
    while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) width = width * 10 + (spec[i++] - '0');
    char grouping = 0;  // ',' or '_'
    if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) grouping = spec[i++];
    int precision = -1;
    if (i < spec.size() && spec[i] == '.') {
        precision = 0;
        ++i;
        while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])))
            precision = precision * 10 + (spec[i++] - '0');
    }
    char type = i < spec.size() ? spec[i++] : 0;
    if (i != spec.size()) raise(types.ValueError, "Invalid format specifier");

    std::string body, prefix;
    bool numeric = is_int(value) || is_float(value);
    if (is_str(value)) {
        if (type && type != 's') raisef(types.ValueError, "Unknown format code '{}' for object of type 'str'", type);
        body = str_value(value);
        if (precision >= 0) body = body.substr(0, precision);
        if (!align) align = '<';
    } else if (is_int(value) && (!type || std::string("dxXobn").find(type) != std::string::npos)) {
        if (grouping && (type == 'n' || (grouping == ',' && type && type != 'd')))
            raisef(types.ValueError, "Cannot specify '{}' with '{}'.", grouping, type);
        bool negative = static_cast<IntObject*>(value)->big ? big_value(value) < 0 : int_value(value) < 0;
        int base = type == 'x' || type == 'X' ? 16 : type == 'o' ? 8 : type == 'b' ? 2 : 10;
        if (base == 10 && rt().profile().int_format_limits_str_digits) {
            body = int_decimal(value);  // under sys.set_int_max_str_digits' limit
            if (negative) body.erase(0, 1);
        } else {
            body = big_digits(big_value(value), base);
        }
        if (type == 'X')
            for (char& c : body) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (grouping) {
            if (fill == '0' && align == '=' && width > body.size()) unsupported("a grouped int padded with zeros");
            int group = base == 10 ? 3 : 4;
            for (int k = static_cast<int>(body.size()) - group; k > 0; k -= group) body.insert(k, 1, grouping);
        }
        prefix = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
        if (alternate && type && type != 'd' && type != 'n') prefix += std::string("0") + type;
    } else if (numeric) {
        if (grouping) unsupported("a grouped float format");
        double d = is_float(value) ? static_cast<FloatObject*>(value)->value : int_to_double(value);
        double mag = std::fabs(d);
        int p = precision < 0 ? 6 : precision;
        switch (type) {
        case 'f':
        case 'F': body = fmt::format("{:.{}f}", mag, p); break;
        case 'e': body = fmt::format("{:.{}e}", mag, p); break;
        case '%': body = fmt::format("{:.{}f}%", mag * 100, p); break;
        case 'g': body = fmt::format("{:.{}g}", mag, p == 0 ? 1 : p); break;
        case 0: body = precision < 0 ? float_repr(mag) : fmt::format("{:.{}g}", mag, p == 0 ? 1 : p); break;
        default: raisef(types.ValueError, "Unknown format code '{}' for object of type '{}'", type, type_name(value));
        }
        prefix = std::signbit(d) ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
    } else {  // object.__format__
        raisef(types.TypeError, "unsupported format string passed to {}.__format__", type_name(value));
    }
    if (numeric && !align) align = '>';
    std::size_t len = count_code_points(prefix + body, *std::make_unique<bool>().get());
    if (len >= width) return prefix + body;
    std::size_t pad = width - len;
    switch (align) {
    case '<': return prefix + body + std::string(pad, fill);
    case '^': return std::string(pad / 2, fill) + prefix + body + std::string(pad - pad / 2, fill);
    case '=': return prefix + std::string(pad, fill) + body;
    default: return std::string(pad, fill) + prefix + body;
    }
}

std::string str_format(const std::string& format, Args args) {
    std::string out;
    std::size_t auto_index = 0;
    for (std::size_t i = 0; i < format.size(); ++i) {
        char c = format[i];
        if (c == '}') {
            if (i + 1 < format.size() && format[i + 1] == '}') ++i;
            else raise(types.ValueError, "Single '}' encountered in format string");
            out += '}';
            continue;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        std::size_t end = format.find('}', i);
        if (end == std::string::npos) raise(types.ValueError, "Single '{' encountered in format string");
        std::string field = format.substr(i + 1, end - i - 1);
        i = end;
        std::string spec;
        char conversion = 0;
        if (std::size_t colon = field.find(':'); colon != std::string::npos) {
            spec = field.substr(colon + 1);
            field.resize(colon);
        }
        if (std::size_t bang = field.find('!'); bang != std::string::npos) {
            conversion = bang + 1 < field.size() ? field[bang + 1] : 0;
            field.resize(bang);
        }
        Object* value = nullptr;
        if (field.empty()) {
            if (auto_index >= args.nargs)
                raisef(types.IndexError, "Replacement index {} out of range for positional args tuple", auto_index);
            value = args[auto_index++];
        } else if (std::isdigit(static_cast<unsigned char>(field[0]))) {
            std::size_t k = std::stoul(field);
            if (k >= args.nargs)
                raisef(types.IndexError, "Replacement index {} out of range for positional args tuple", k);
            value = args[k];
        } else {
            for (std::size_t k = 0; k < args.nkw(); ++k)
                if (str_value(static_cast<TupleObject*>(args.kwnames)->items[k]) == field) value = args[args.nargs + k];
            if (!value) raise(new_exception(types.KeyError, new_str(field).get()));
        }
        Ref<> converted = conversion == 'r'   ? Ref<>(repr(value))
                          : conversion == 'a' ? Ref<>(new_str(ascii_escape(repr_string(value))))
                          : conversion == 's' ? Ref<>(str(value))
                                              : share(value);
        out += format_with_spec(converted.get(), spec);
    }
    return out;
}

// ---- %-formatting -------------------------------------------------------------------------------

Ref<> str_percent_format(StrObject* format, Object* args) {
    const std::string& f = format->value;
    std::vector<Object*> items;
    bool tuple_args = is_tuple(args);
    if (tuple_args) items = static_cast<TupleObject*>(args)->items.to_vector();
    else items = {args};
    std::size_t next = 0;
    bool dict_args = is_dict(args) && !tuple_args;
    auto next_arg = [&]() -> Object* {
        if (next >= items.size()) raise(types.TypeError, "not enough arguments for format string");
        return items[next++];
    };
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') {
            out += f[i];
            continue;
        }
        if (++i >= f.size()) raise(types.ValueError, "incomplete format");
        const std::size_t spec_start = i;
        Ref<> keyed;
        if (f[i] == '(') {
            std::size_t close = f.find(')', i);
            if (close == std::string::npos) raise(types.ValueError, "incomplete format key");
            if (!is_dict(args)) raise(types.TypeError, "format requires a mapping");
            keyed = getitem(args, new_str(f.substr(i + 1, close - i - 1)).get());
            i = close + 1;
        }
        std::string flags;
        while (i < f.size() && std::string("-+ #0").find(f[i]) != std::string::npos) flags += f[i++];
        std::string width, precision;
        if (i < f.size() && f[i] == '*') {
            width = std::to_string(as_index(next_arg()));
            ++i;
        }
        while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) width += f[i++];
        if (i < f.size() && f[i] == '.') {
            precision = ".";
            ++i;
            while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) precision += f[i++];
        }
        if (i >= f.size()) raise(types.ValueError, "incomplete format");
        char conv = f[i];
        if (conv == '%' && i == spec_start) {
            out += '%';
            continue;
        }
        // `%5%`: CPython takes an argument, then finds '%' no conversion;
        // PyPy words its own error.
        if (conv == '%' && rt().profile().implementation_name == "pypy")
            unsupported("a '%' after a key, flags, width or precision in a %-format");
        Object* v = keyed ? keyed.get() : next_arg();
        std::string spec;
        char align = flags.find('-') != std::string::npos ? '<' : 0;
        std::string sign = flags.find('+') != std::string::npos ? "+" : flags.find(' ') != std::string::npos ? " " : "";
        bool zero = flags.find('0') != std::string::npos && !align;
        switch (conv) {
        case 's':
        case 'r':
        case 'a': {
            std::string s = conv == 's' ? str_string(v) : conv == 'r' ? repr_string(v) : ascii_escape(repr_string(v));
            spec = std::string(align ? "<" : ">") + width + precision;
            out += format_with_spec(new_str(s).get(), spec);
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            Ref<> n;
            if (is_int(v)) n = share(v);
            else if (is_float(v) && conv != 'x' && conv != 'X' && conv != 'o') n = call(types.int_, {v});
            else
                raisef(types.TypeError, "%{} format: {} is required, not {}", conv,
                       conv == 'd' || conv == 'i' || conv == 'u' ? "a real number" : "an integer", type_name(v));
            char t = conv == 'x' || conv == 'X' || conv == 'o' ? conv : 'd';
            bool alternate = t != 'd' && flags.find('#') != std::string::npos;
            spec = std::string(align ? "<" : "") + sign + (alternate ? "#" : "") + (zero ? "0" : "") + width + t;
            out += format_with_spec(n.get(), spec);
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'g': {
            if (!is_int(v) && !is_float(v)) raisef(types.TypeError, "must be real number, not {}", type_name(v));
            spec = std::string(align ? "<" : "") + sign + (zero ? "0" : "") + width +
                   (precision.empty() ? ".6" : precision) + conv;
            out += format_with_spec(v, spec);
            break;
        }
        case 'c': {
            if (is_str(v)) out += str_value(v);
            else unsupported("%c of an int");
            break;
        }
        default:
            raisef(types.ValueError, "unsupported format character '{}' (0x{:x}) at index {}", conv,
                   static_cast<int>(conv), i);
        }
    }
    // A lone argument that is a mapping (PyMapping_Check: subscriptable, no
    // str) may go unused; anything else left over is an error.
    bool lone_mapping = items.size() == 1 && !tuple_args && args->type->tp.getitem && !is_str(args);
    if (!dict_args && next < items.size() && !(lone_mapping && next == 0))
        raise(types.TypeError, "not all arguments converted during string formatting");
    return new_str(std::move(out));
}

}  // namespace vm
