/* A test plugin written in C11 against the plugin ABI of the previous minor (1.1: tests/plugins/abi_1_1/, the
 * header as it was released), as a ministry's plugin built last year would be. The current host must load it
 * and run it: it reads the host's larger structs through their strides and sizes, and the host reads the
 * plugin's smaller ones. It flags words of `min_syllables` syllables or more (default 5) and counts syllables
 * through the host's callback. */
#include <helder/plugin_abi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const helder_host* host;
  int64_t min_syllables;
} long_words;

static helder_status create(const helder_host* host, const helder_options* options, const helder_errors* errors,
                            void** rule) {
  long_words* self = (long_words*)malloc(sizeof *self);
  if (!self) {
    helder_str message = {"geen geheugen", strlen("geen geheugen")};
    errors->report(errors->context, message);
    return HELDER_ERROR;
  }
  self->host = host;
  helder_str path = {"min_syllables", strlen("min_syllables")};
  self->min_syllables = options->get_int(options->context, path, 5);
  *rule = self;
  return HELDER_OK;
}

static helder_status check(const void* rule, const helder_unit* unit, const helder_sink* sink,
                           const helder_errors* errors) {
  const long_words* self = (const long_words*)rule;
  (void)errors;
  for (size_t p = 0; p < unit->paragraph_count; ++p) {
    const helder_paragraph* para =
        (const helder_paragraph*)((const char*)unit->paragraphs + p * unit->paragraph_stride);
    for (size_t i = 0; i < para->token_count; ++i) {
      const helder_token* t = (const helder_token*)((const char*)para->tokens + i * para->token_stride);
      if (t->kind != HELDER_TOKEN_WORD) continue;
      const uint32_t syllables = self->host->syllables(self->host->context, t->lower);
      if (syllables != t->syllables || (int64_t)syllables < self->min_syllables) continue;
      char message[128];
      const int n = snprintf(message, sizeof message, "Dit woord heeft %u lettergrepen.", syllables);
      helder_finding f;
      memset(&f, 0, sizeof f);
      f.struct_size = sizeof f;
      f.paragraph = (uint32_t)p;
      f.start = t->start;
      f.end = t->end;
      f.severity = HELDER_SEVERITY_RULE;
      f.message.data = message;
      f.message.size = (size_t)n;
      f.fix_stride = sizeof(helder_fix);
      sink->emit(sink->context, &f);
    }
  }
  return HELDER_OK;
}

static void destroy(void* rule) { free(rule); }

static const helder_check_kind kinds[] = {
    {sizeof(helder_check_kind), "long-words", "Flags words with many syllables (ABI 1.1, C)", HELDER_SCOPE_PARAGRAPH,
     create, check, destroy},
};

__attribute__((visibility("default"))) const helder_plugin helder_plugin_v1 = {
    sizeof(helder_plugin), HELDER_ABI_MAJOR, HELDER_ABI_MINOR, "previous-minor", "1.1.0", kinds, 1,
    sizeof(helder_check_kind)};
