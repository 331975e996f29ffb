// ICU's NFC normalizer, looked up once for the whole program and shared by every thread.
#pragma once

#include <unicode/normalizer2.h>

namespace helder {

// nullptr when ICU cannot give it (no data). Thread-safe; the object belongs to ICU and lives until exit.
// Why a function-local static and not a call to getNFCInstance() each time: ICU sets its singleton up behind a
// lock-free check inside the (uninstrumented) library, so ThreadSanitizer cannot see that a thread that only
// takes the fast path reads an object another thread built, and reports a race on the normalizer's first use.
// The C++ guard of this static is a synchronisation TSan knows; it also saves a lookup per word.
inline const icu::Normalizer2* nfc_normalizer() {
  static const icu::Normalizer2* const normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return normalizer;
}

}  // namespace helder
