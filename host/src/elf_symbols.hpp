// The symbols a shared library exports, read from its ELF file without loading it (no code of it runs).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

class ElfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The names in the dynamic symbol table (.dynsym, the table dlsym() searches, which `strip` keeps) that the
// library defines and exports: global or weak binding, default or protected visibility, not undefined.
// Reads a 32- or 64-bit ELF file of this machine's byte order. Every offset and size is checked against the
// file, so a damaged or hostile file gives an ElfError, never a read outside it. Throws ElfError for a file
// that is not such an ELF file or has no dynamic symbol table.
std::vector<std::string> elf_exported_symbols(const std::filesystem::path& file);
// The same for the bytes of an ELF file.
std::vector<std::string> elf_exported_symbols_in(std::string_view bytes);

}  // namespace helder
