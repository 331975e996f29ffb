# The Debian package (`cpack -G DEB` in a build tree, or scripts/package.sh): everything `cmake --install`
# puts in place, under /usr: the program (bin/helder), its plugins and plugin worker (lib/helder), packs and
# language data (share/helder), the SDK (include/helder, lib/cmake/helder) and the documentation
# (share/doc/helder). docs/install.md says how IT installs it, from a file or from a local apt repository.

# The documentation that goes with the program: README, licence (as Debian's copyright file too), docs/.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME helder)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})  # the one version: project(helder VERSION ...)
set(CPACK_PACKAGE_VENDOR "helder")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Controleert Nederlandse overheidsteksten op helder taalgebruik (B1)")
set(CPACK_PACKAGE_DESCRIPTION
  "helder leest een brief, beleidsregel of Kamerbrief en vindt wat hem moeilijk maakt: ambtelijke woorden,
lange en ingewikkelde zinnen, lijdende vorm, naamwoordstijl en afkortingen die niet zijn uitgelegd.
Het bevat het programma helder (controle op de opdrachtregel en in CI, en een taalserver voor editors),
de regels van de Rijksoverheid, en de SDK om eigen regels te bouwen.")
set(CPACK_PACKAGE_CONTACT "helder <helder@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # the plugin loader reads .dynsym, which strip keeps (host/src/elf_symbols.cpp)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # helder_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared libraries (ICU, Hunspell, poppler, libzip, ...) from dpkg-shlibdeps; the data helder reads at run time
# by hand: the Dutch dictionary and hyphenation patterns.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hunspell-nl, hyphen-nl")

include(CPack)
