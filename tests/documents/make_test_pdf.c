/* Makes a PDF for the PDF reader's tests from a small text description, with cairo's PDF surface.
 *
 * Usage: make_test_pdf DESCRIPTION OUT.pdf
 *
 * The description has one command a line; coordinates are in points (1/72 inch), y from the top of the page
 * and at the baseline of the text. SIZE is a font size in points, with a "b" after it for bold ("14b").
 *   page [W H]                 start a new page (default A4: 595 x 842)
 *   text X Y SIZE TEXT         write TEXT (the rest of the line, UTF-8) at X,Y
 *   more RISE SIZE TEXT        write TEXT right after the previous text, RISE points above its baseline
 *                              (a superscript footnote number: "more 4 7 3")
 *   image X Y W H              paint a grey raster image (like a scanned page) into the box
 *   # ...                      a comment; empty lines are ignored
 * The text is real text (cairo embeds the font with a ToUnicode map), so poppler can extract it.
 */
#include <cairo-pdf.h>
#include <cairo.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double kA4Width = 595.0;
static const double kA4Height = 842.0;

static void set_font(cairo_t *cr, const char *size_spec) {
  const double size = atof(size_spec);
  const int bold = strchr(size_spec, 'b') != NULL;
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

/* A pattern of grey dots and bars, so the image is not one flat colour (a scan never is). */
static void paint_image(cairo_t *cr, double x, double y, double w, double h) {
  const int pixels_w = 120, pixels_h = 160;
  cairo_surface_t *image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixels_w, pixels_h);
  unsigned char *data = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  cairo_surface_flush(image);
  for (int row = 0; row < pixels_h; ++row) {
    for (int col = 0; col < pixels_w; ++col) {
      const unsigned char grey = (row % 8 < 2 && col % 5 != 0) ? 40 : 235;
      unsigned char *pixel = data + row * stride + col * 4;
      pixel[0] = pixel[1] = pixel[2] = grey;
      pixel[3] = 255;
    }
  }
  cairo_surface_mark_dirty(image);
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, w / pixels_w, h / pixels_h);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

/* The text after `count` space-separated fields of `line`, without the line end. */
static const char *rest_after_fields(const char *line, int count) {
  const char *p = line;
  for (int i = 0; i < count; ++i) {
    while (*p == ' ') ++p;
    while (*p && *p != ' ') ++p;
  }
  if (*p == ' ') ++p;
  return p;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: make_test_pdf DESCRIPTION OUT.pdf\n");
    return 2;
  }
  FILE *in = fopen(argv[1], "r");
  if (!in) {
    perror(argv[1]);
    return 1;
  }
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  double baseline = 0;
  char line[4096];
  int line_number = 0;
  while (fgets(line, sizeof line, in)) {
    ++line_number;
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0' || line[0] == '#') continue;
    char command[16] = {0};
    sscanf(line, "%15s", command);
    if (strcmp(command, "page") == 0) {
      double w = kA4Width, h = kA4Height;
      sscanf(line, "page %lf %lf", &w, &h);
      if (!surface) {
        surface = cairo_pdf_surface_create(argv[2], w, h);
        cr = cairo_create(surface);
      } else {
        cairo_show_page(cr);
        cairo_pdf_surface_set_size(surface, w, h);
      }
      cairo_set_source_rgb(cr, 0, 0, 0);
      continue;
    }
    if (!cr) {
      fprintf(stderr, "%s:%d: a page must come first\n", argv[1], line_number);
      return 1;
    }
    char size_spec[16] = {0};
    double x = 0, y = 0, w = 0, h = 0, rise = 0;
    if (strcmp(command, "text") == 0 && sscanf(line, "text %lf %lf %15s", &x, &y, size_spec) == 3) {
      set_font(cr, size_spec);
      baseline = y;
      cairo_move_to(cr, x, y);
      cairo_show_text(cr, rest_after_fields(line, 4));
    } else if (strcmp(command, "more") == 0 && sscanf(line, "more %lf %15s", &rise, size_spec) == 2) {
      double cx = 0, cy = 0;
      cairo_get_current_point(cr, &cx, &cy);
      set_font(cr, size_spec);
      cairo_move_to(cr, cx, baseline - rise);
      cairo_show_text(cr, rest_after_fields(line, 3));
    } else if (strcmp(command, "image") == 0 && sscanf(line, "image %lf %lf %lf %lf", &x, &y, &w, &h) == 4) {
      paint_image(cr, x, y, w, h);
    } else {
      fprintf(stderr, "%s:%d: cannot read \"%s\"\n", argv[1], line_number, line);
      return 1;
    }
  }
  fclose(in);
  if (!surface) {
    fprintf(stderr, "%s: no page\n", argv[1]);
    return 1;
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    fprintf(stderr, "%s: %s\n", argv[2], cairo_status_to_string(status));
    return 1;
  }
  return 0;
}
