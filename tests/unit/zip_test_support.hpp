// Test helpers for the Word and OpenDocument readers: documents made by pandoc, and zip files read and
// written with libzip (to build what pandoc cannot make: tracked changes, encryption, zip bombs, ...).
#pragma once

#include "test_support.hpp"

#include <zip.h>

#include <map>
#include <string>

namespace helder::test {

using ZipParts = std::map<std::string, std::string>;  // entry name -> content

// `markdown` converted by pandoc to `format` ("docx", "odt"), as bytes.
std::string pandoc_document(const TempDir& dir, const std::string& markdown, const std::string& format);

// Every entry of the zip `bytes`.
ZipParts unzip(const std::string& bytes);

struct ZipOptions {
  std::string encrypted_part;  // this part gets AES-256 encryption (password "geheim")
  zip_uint32_t level = 0;      // deflate level; 0 is libzip's default
};

// A real zip file written by libzip, returned as bytes.
std::string make_zip(const TempDir& dir, const ZipParts& parts, const ZipOptions& options = {});

}  // namespace helder::test
