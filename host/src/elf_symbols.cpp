// Reads the exported symbols of an ELF shared library from its dynamic symbol table (see elf_symbols.hpp).
//
// Why not boost::dll::library_info::symbols() (Boost 1.74): it reads the static .symtab, which `strip` removes,
// and takes the names from whichever string table comes last in the file (.shstrtab, not the .strtab that
// belongs to .symtab). It only worked while the names happened to lie past the end of .shstrtab, in the
// leftover capacity of Boost's buffer; under ThreadSanitizer's section layout, or for a stripped plugin, it
// gave garbage or nothing, and a plugin was refused for the wrong reason.
#include "elf_symbols.hpp"

#include <elf.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>

namespace helder {

namespace {

constexpr std::uint64_t max_file_size = std::uint64_t{1} << 31;  // 2 GiB: no plugin is larger

// `count` objects of `size` bytes at `offset` lie inside a buffer of `total` bytes (no overflow).
bool inside(std::uint64_t offset, std::uint64_t count, std::uint64_t size, std::uint64_t total) {
  if (offset > total) return false;
  if (size != 0 && count > (total - offset) / size) return false;
  return true;
}

template <class T>
T read_at(std::string_view bytes, std::uint64_t offset) {
  if (!inside(offset, 1, sizeof(T), bytes.size())) throw ElfError("the ELF file is cut short");
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

template <class Ehdr, class Shdr, class Sym>
std::vector<std::string> dynamic_symbols(std::string_view bytes) {
  const auto header = read_at<Ehdr>(bytes, 0);
  if (header.e_shoff == 0 || header.e_shnum == 0) throw ElfError("the ELF file has no section headers");
  if (header.e_shentsize != sizeof(Shdr)) throw ElfError("the ELF section headers have an unknown size");
  if (!inside(header.e_shoff, header.e_shnum, sizeof(Shdr), bytes.size()))
    throw ElfError("the ELF section headers lie outside the file");
  auto section = [&](std::uint64_t i) { return read_at<Shdr>(bytes, header.e_shoff + i * sizeof(Shdr)); };

  for (std::uint64_t i = 0; i < header.e_shnum; ++i) {
    const Shdr symbols = section(i);
    if (symbols.sh_type != SHT_DYNSYM) continue;
    if (symbols.sh_entsize != sizeof(Sym)) throw ElfError("the ELF symbol table has an unknown entry size");
    if (symbols.sh_link >= header.e_shnum) throw ElfError("the ELF symbol table names no string table");
    const Shdr strings = section(symbols.sh_link);
    if (strings.sh_type != SHT_STRTAB) throw ElfError("the ELF symbol table names no string table");
    if (!inside(symbols.sh_offset, symbols.sh_size / sizeof(Sym), sizeof(Sym), bytes.size()) ||
        !inside(strings.sh_offset, strings.sh_size, 1, bytes.size()))
      throw ElfError("the ELF symbol table lies outside the file");
    const std::string_view names(bytes.data() + strings.sh_offset, strings.sh_size);

    std::vector<std::string> out;
    const std::uint64_t count = symbols.sh_size / sizeof(Sym);
    for (std::uint64_t s = 1; s < count; ++s) {  // entry 0 is always the null symbol
      const auto sym = read_at<Sym>(bytes, symbols.sh_offset + s * sizeof(Sym));
      const unsigned bind = ELF64_ST_BIND(sym.st_info);  // the same bit layout in ELF32
      const unsigned visibility = ELF64_ST_VISIBILITY(sym.st_other);
      if (sym.st_shndx == SHN_UNDEF) continue;
      if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE) continue;
      if (visibility != STV_DEFAULT && visibility != STV_PROTECTED) continue;
      if (sym.st_name >= names.size()) throw ElfError("an ELF symbol name lies outside its string table");
      const std::size_t end = names.find('\0', sym.st_name);
      if (end == std::string_view::npos) throw ElfError("an ELF symbol name does not end");
      if (end > sym.st_name) out.emplace_back(names.substr(sym.st_name, end - sym.st_name));
    }
    return out;
  }
  throw ElfError("the ELF file has no dynamic symbol table");
}

}  // namespace

std::vector<std::string> elf_exported_symbols(const std::filesystem::path& file) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) throw ElfError("cannot read " + file.string() + ": " + ec.message());
  if (size > max_file_size) throw ElfError("the file is too large for a shared library");
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw ElfError("cannot read " + file.string());
  return elf_exported_symbols_in(bytes);
}

std::vector<std::string> elf_exported_symbols_in(std::string_view bytes) {
  if (bytes.size() < EI_NIDENT || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0) throw ElfError("not an ELF file");
  const unsigned char data = static_cast<unsigned char>(bytes[EI_DATA]);
  const bool little = std::endian::native == std::endian::little;
  if (data != (little ? ELFDATA2LSB : ELFDATA2MSB)) throw ElfError("an ELF file of the other byte order");
  switch (static_cast<unsigned char>(bytes[EI_CLASS])) {
    case ELFCLASS64: return dynamic_symbols<Elf64_Ehdr, Elf64_Shdr, Elf64_Sym>(bytes);
    case ELFCLASS32: return dynamic_symbols<Elf32_Ehdr, Elf32_Shdr, Elf32_Sym>(bytes);
    default: throw ElfError("an ELF file of an unknown class");
  }
}

}  // namespace helder
