// Test helpers for the Word and OpenDocument readers (see zip_test_support.hpp).
#include "zip_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace fs = std::filesystem;

namespace helder::test {

std::string pandoc_document(const TempDir& dir, const std::string& markdown, const std::string& format) {
  const fs::path in = dir.write("bron.md", markdown);
  const fs::path out = dir.path() / ("bron." + format);
  const std::string command = "pandoc -f markdown -t " + format + " -o '" + out.string() + "' '" + in.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return read_file(out);
}

ZipParts unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  REQUIRE(archive != nullptr);
  ZipParts parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
    std::string content(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(file != nullptr);
    REQUIRE(zip_fread(file, content.data(), content.size()) == static_cast<zip_int64_t>(content.size()));
    zip_fclose(file);
    parts[stat.name] = content;
  }
  zip_discard(archive);
  zip_error_fini(&error);
  return parts;
}

std::string make_zip(const TempDir& dir, const ZipParts& parts, const ZipOptions& options) {
  const fs::path path = dir.path() / "gemaakt.zip";
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    REQUIRE(source != nullptr);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    REQUIRE(index >= 0);
    REQUIRE(zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, options.level) == 0);
    if (name == options.encrypted_part)
      REQUIRE(zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, "geheim") == 0);
  }
  REQUIRE(zip_close(archive) == 0);
  return read_file(path);
}

}  // namespace helder::test
