# helder_add_plugin(NAME sources...): builds a rule plugin for helder, in this repository and for plugin authors.
#
# Installed next to helderConfig.cmake and included by it, so a ministry's CMakeLists.txt is
#   find_package(helder REQUIRED)
#   helder_add_plugin(ienw ienw.cpp)
# The plugin is the MODULE library libhelder-<NAME>.so (target helder_plugin_<NAME>): loaded at run time, never
# linked against. The loader takes every *.so in a plugin folder; the prefix only keeps the name in the same
# style as helder's own plugins. The name inside the plugin (HELDER_PLUGIN) is what a pack's `kind` uses.
#   - linked to helder::sdk (header-only: the plugin links neither helder nor ICU nor Hunspell), C++20;
#   - hidden visibility: HELDER_PLUGIN marks the one symbol the loader needs, helder_plugin_v1, visible;
#   - -z defs: a symbol the plugin uses but nobody defines is an error when linking, not when helder loads it;
#   - installed into ${HELDER_PLUGIN_DIR} of the install prefix (lib/helder/plugins), the layout of helder's
#     own plugins: `cmake --install build --prefix /opt/ienw` gives /opt/ienw/lib/helder/plugins, a folder for
#     --plugin-dir or plugin_paths in the user's config.toml.
# Variables read when the function is called:
#   HELDER_PLUGIN_DIR              the install folder, relative to the prefix (default lib/helder/plugins)
#   HELDER_PLUGIN_ALLOW_UNDEFINED  leave out -z defs: clang's sanitizers leave their runtime to the program,
#                                  so a plugin built with them has undefined symbols on purpose
# Inside this repository plugins/CMakeLists.txt uses the same function and adds to its target what only the
# repository needs (warnings, sanitizers, the build tree's plugin folder).
include_guard(GLOBAL)

function(helder_add_plugin name)
  if(NOT name MATCHES "^[A-Za-z0-9_-]+$")
    message(FATAL_ERROR "helder_add_plugin: \"${name}\" is no usable plugin name (letters, digits, - and _)")
  endif()
  if(NOT ARGN)
    message(FATAL_ERROR "helder_add_plugin(${name}): no source files")
  endif()
  if(NOT TARGET helder::sdk)
    message(FATAL_ERROR "helder_add_plugin: the target helder::sdk is missing; call find_package(helder) first")
  endif()
  set(plugin_dir lib/helder/plugins)
  if(DEFINED HELDER_PLUGIN_DIR)
    set(plugin_dir ${HELDER_PLUGIN_DIR})
  endif()

  set(target helder_plugin_${name})
  add_library(${target} MODULE ${ARGN})
  target_link_libraries(${target} PRIVATE helder::sdk)
  target_compile_features(${target} PRIVATE cxx_std_20)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name} PREFIX "libhelder-" SUFFIX ".so"
    CXX_VISIBILITY_PRESET hidden C_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  if(NOT HELDER_PLUGIN_ALLOW_UNDEFINED)
    target_link_options(${target} PRIVATE "LINKER:-z,defs")
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION ${plugin_dir})
endfunction()
