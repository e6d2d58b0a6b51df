// bytes and bytearray: what CPython's own memory tests ask of them (literals,
// comparison, hashing, repr, len, +, `in`, decode, str.encode). Neither
// holds references nor is a GC object, as in CPython; so none of this moves
// the collector's counts. CPython keeps b"" and the one-byte strings as
// singletons; the model makes each value anew, which only sys.getsizeof's
// and the allocator's block counts could see, and no case reads them for
// bytes.
#include <algorithm>
#include <cctype>

#include "api.hpp"

namespace vm {

Ref<> new_bytes(std::string value) { return make<BytesObject>(types.bytes, std::move(value)); }

namespace {

Ref<> new_of_type(TypeObject* t, std::string value) { return make<BytesObject>(t, std::move(value)); }

// bytes_repr: b'...' (b"..." when only a single quote is inside);
// bytearray(b'...') for a bytearray.
Ref<> bytes_repr(Object* self) {
    const std::string& s = bytes_value(self);
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char quote = has_single && !has_double ? '"' : '\'';
    std::string out = "b";
    out += quote;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == quote || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (u < 0x20 || u >= 0x7F) out += fmt::format("\\x{:02x}", u);
        else out += c;
    }
    out += quote;
    if (self->type == types.bytearray) out = "bytearray(" + out + ")";
    return new_str(out);
}

std::int64_t bytes_hash(Object* self) { return hash_bytes(bytes_value(self)); }

Ref<> bytes_richcompare(Object* a, Object* b, CompareOp op) {
    if (!is_bytes_like(a) || !is_bytes_like(b)) return share(consts.NotImplemented);
    int c = bytes_value(a).compare(bytes_value(b));
    return compare_result(c < 0 ? -1 : c > 0 ? 1 : 0, op);
}

std::size_t bytes_len(Object* self) { return bytes_value(self).size(); }

Ref<> bytes_getitem(Object* self, Object* key) {
    const std::string& s = bytes_value(self);
    if (key->type == types.slice) {
        std::int64_t start = 0, stop = 0, step = 1;
        slice_indices(static_cast<SliceObject*>(key), static_cast<std::int64_t>(s.size()), start, stop, step);
        std::string out;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) out += s[static_cast<std::size_t>(i)];
        if (self->type == types.bytes && out.size() == s.size() && step == 1) return share(self);
        return new_of_type(self->type, std::move(out));
    }
    if (!is_int(key)) unsupported("indexing bytes with a '" + type_name(key) + "'");
    std::int64_t i = int_value(key);
    auto n = static_cast<std::int64_t>(s.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) raisef(types.IndexError, "{} index out of range", self->type->name);
    return new_int(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]));
}

bool bytes_contains(Object* self, Object* item) {
    const std::string& s = bytes_value(self);
    if (is_int(item)) {
        std::int64_t v = int_value(item);
        if (v < 0 || v > 255) raise(types.ValueError, "byte must be in range(0, 256)");
        return s.find(static_cast<char>(v)) != std::string::npos;
    }
    if (!is_bytes_like(item)) raisef(types.TypeError, "a bytes-like object is required, not '{}'", type_name(item));
    return s.find(bytes_value(item)) != std::string::npos;
}

Ref<> bytes_add(Object* a, Object* b) {
    if (!is_bytes_like(a) || !is_bytes_like(b)) return share(consts.NotImplemented);
    return new_of_type(a->type, bytes_value(a) + bytes_value(b));
}

// bytes(), bytes(n), bytes(bytes-like), bytes(str, encoding), bytes(ints).
std::string bytes_from(Object* source, Object* encoding) {
    if (!source) return {};
    if (is_str(source)) {
        if (!encoding) raise(types.TypeError, "string argument without an encoding");
        return str_value(source);  // the model's str is UTF-8; other encodings are not asked for
    }
    if (encoding) raisef(types.TypeError, "encoding without a string argument");
    if (is_bytes_like(source)) return bytes_value(source);
    if (is_int(source)) {
        std::int64_t n = int_value(source);
        if (n < 0) raise(types.ValueError, "negative count");
        return std::string(static_cast<std::size_t>(n), '\0');
    }
    std::string out;
    Ref<> it = get_iter(source);
    while (Ref<> item = iter_next(it.get())) {
        if (!is_int(item.get()))
            raisef(types.TypeError, "'{}' object cannot be interpreted as an integer", type_name(item.get()));
        std::int64_t v = int_value(item.get());
        if (v < 0 || v > 255) raise(types.ValueError, "bytes must be in range(0, 256)");
        out += static_cast<char>(v);
    }
    return out;
}

Ref<> bytes_new(TypeObject* t, Args args) {
    Object *source = nullptr, *encoding = nullptr, *errors = nullptr;
    const char* fn = t == types.bytearray ? "bytearray" : "bytes";
    parse_args(fn, args, {"source", "encoding", "errors"}, 0, {&source, &encoding, &errors});
    if (t == types.bytes && source && source->type == types.bytes) return share(source);
    if (t == types.bytes && source && !encoding && !errors) {  // bytes_new's __bytes__
        if (Ref<> method = lookup_special(source, rt().intern("__bytes__"))) {
            Ref<> b = call(method.get(), {});
            if (!is_instance_of(b.get(), types.bytes))
                raisef(types.TypeError, "__bytes__ returned non-bytes (type {})", type_name(b.get()));
            if (t == b->type) return b;
            return new_of_type(t, bytes_value(b.get()));
        }
    }
    return new_of_type(t, bytes_from(source, encoding));
}

// bytearray.extend(iterable): its bytes, or the ints it yields.
Ref<> m_extend(Object* self, Args args, void*) {
    check_nargs("bytearray.extend", args, 1, 1);
    if (is_str(args[0])) raise(types.TypeError, "expected iterable of integers; got: 'str'");
    std::string added = bytes_from(args[0], nullptr);
    static_cast<BytesObject*>(self)->value += added;
    return new_none();
}

// Whether [s] is UTF-8 as CPython's strict decoder takes it: no overlong
// form, no surrogate, nothing past U+10FFFF.
bool strict_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
        unsigned char c = byte(i);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        char32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (std::size_t k = 1; k < n; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (byte(i + k) & 0x3F);
        }
        constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kLeast[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n;
    }
    return true;
}

// The model's str is UTF-8: it decodes UTF-8 that is valid, strictly, and
// stops on anything else (another codec, an error handler, a decode error,
// whose message it does not model), never a wrong str.
Ref<> m_decode(Object* self, Args args, void*) {
    Object *encoding = nullptr, *errors = nullptr;
    parse_args("bytes.decode", args, {"encoding", "errors"}, 0, {&encoding, &errors});
    if (encoding) {
        std::string name = is_str(encoding) ? str_value(encoding) : "";
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::replace(name.begin(), name.end(), '_', '-');
        if (name != "utf-8" && name != "utf8")
            unsupported("bytes.decode with the encoding " +
                        (is_str(encoding) ? str_value(encoding) : type_name(encoding)));
    }
    if (errors && !(is_str(errors) && str_value(errors) == "strict")) unsupported("bytes.decode with an error handler");
    if (!strict_utf8(bytes_value(self))) unsupported("bytes.decode of bytes that are not valid UTF-8");
    return new_str(bytes_value(self));
}

}  // namespace

void init_bytes_types() {
    for (TypeObject* t : {types.bytes, types.bytearray}) {
        t->tp.repr = &bytes_repr;
        t->tp.str = &bytes_repr;
        t->tp.richcompare = &bytes_richcompare;
        t->tp.len = &bytes_len;
        t->tp.getitem = &bytes_getitem;
        t->tp.contains = &bytes_contains;
        t->tp.new_ = &bytes_new;
        t->tp.init = nullptr;
        t->tp.number[number_slot(lang::BinaryOp::Add)] = &bytes_add;
        add_method(t, "decode", &m_decode);
    }
    add_method(types.bytearray, "extend", &m_extend);
    types.bytes->tp.hash = &bytes_hash;
    types.bytearray->tp.hash = &hash_not_implemented;
}

}  // namespace vm
