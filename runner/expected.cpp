#include "runner/expected.hpp"

#include "runner/text.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <system_error>

namespace memconform {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kInfoFile = "profile.toml";
constexpr std::string_view kOutcomeExtension = ".out";
constexpr std::string_view kPeerFolder = "peer";
constexpr std::string_view kPeerExtension = ".txt";

std::vector<std::string> strings_of(const toml::node* node) {
    std::vector<std::string> out;
    if (const auto* array = node ? node->as_array() : nullptr)
        for (const auto& item : *array)
            if (auto text = item.value<std::string>()) out.push_back(*text);
    return out;
}

Environment table_of(const toml::node* node) {
    Environment out;
    if (const auto* table = node ? node->as_table() : nullptr)
        for (const auto& [key, value] : *table) out[std::string(key.str())] = value.value_or(std::string());
    return out;
}

}  // namespace

fs::path ExpectedStore::file(std::string_view profile, std::string_view case_id) const {
    return dir_ / profile / (std::string(case_id) + std::string(kOutcomeExtension));
}

std::optional<std::string> ExpectedStore::outcome(std::string_view profile, std::string_view case_id) const {
    auto path = file(profile, case_id);
    if (!fs::is_regular_file(path)) return std::nullopt;
    return read_file(path);
}

void ExpectedStore::save(std::string_view profile, std::string_view case_id, std::string_view outcome) const {
    write_file(file(profile, case_id), outcome);
}

bool ExpectedStore::remove(std::string_view profile, std::string_view case_id) const {
    return fs::remove(file(profile, case_id));
}

fs::path ExpectedStore::peer_file(std::string_view profile, std::string_view module) const {
    return dir_ / profile / kPeerFolder / (std::string(module) + std::string(kPeerExtension));
}

std::optional<std::string> ExpectedStore::peer_listing(std::string_view profile, std::string_view module) const {
    auto path = peer_file(profile, module);
    if (!fs::is_regular_file(path)) return std::nullopt;
    return read_file(path);
}

void ExpectedStore::save_peer_listing(std::string_view profile, std::string_view module,
                                      std::string_view listing) const {
    write_file(peer_file(profile, module), listing);
}

std::vector<std::string> ExpectedStore::profiles() const {
    std::vector<std::string> names;
    if (!fs::is_directory(dir_)) return names;
    for (const auto& entry : fs::directory_iterator(dir_))
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end(), natural_less);
    return names;
}

std::vector<std::string> ExpectedStore::case_ids(std::string_view profile) const {
    std::vector<std::string> ids;
    auto root = dir_ / profile;
    if (!fs::is_directory(root)) return ids;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().extension() == kOutcomeExtension)
            ids.push_back(entry.path().lexically_relative(root).replace_extension().generic_string());
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<ProfileInfo> ExpectedStore::info(std::string_view profile) const {
    auto path = dir_ / profile / kInfoFile;
    if (!fs::is_regular_file(path)) return std::nullopt;
    toml::table table;
    try {
        table = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(path.string() + ": " + std::string(e.description()));
    }
    ProfileInfo info{std::string(profile),
                     table["backend"].value_or(std::string()),
                     table["version"].value_or(std::string()),
                     table["command"].value_or(std::string()),
                     table_of(table.get("env")),
                     strings_of(table.get("normalize")),
                     {}};
    for (const auto& [name, why] : table_of(table.get("lacks"))) info.lacks[name] = why;
    return info;
}

void ExpectedStore::save_info(const ProfileInfo& info) const {
    toml::table env;
    for (const auto& [name, value] : info.env) env.insert(name, value);
    toml::array rules;
    for (const auto& rule : info.normalize) rules.push_back(rule);
    toml::table lacks;
    for (const auto& [name, why] : info.lacks) lacks.insert(name, why);
    toml::table table{{"profile", info.profile},
                      {"backend", info.backend},
                      {"version", info.version},
                      {"command", info.command},
                      {"env", env},
                      {"normalize", rules}};
    if (!lacks.empty()) table.insert("lacks", lacks);
    std::ostringstream text;
    text << "# How the outcomes of this folder were recorded (memconform record).\n" << table << "\n";
    auto file = dir_ / info.profile / kInfoFile;
    if (fs::is_regular_file(file) && read_file(file) == text.str()) return;
    write_file(file, text.str());
}

std::vector<fs::path> ExpectedStore::prepare_recording(std::string_view profile) const {
    auto folder = dir_ / profile;
    auto removed = remove_stale_partial_files(folder);
    // Named as a partial file, so that one left by a kill is removed too.
    auto check = folder / ".write-check.partial";
    try {
        write_file(check, "memconform record checks that it can write here\n");
    } catch (const std::system_error& e) {
        throw std::system_error(e.code(), "cannot record into " + folder.string());
    }
    fs::remove(check);
    return removed;
}

}  // namespace memconform
