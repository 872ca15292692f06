# `cmake --install` and `cpack -G DEB`: the executable in bin/, the shipped models and
# architecture configs in share/mirgene/models/. The directories are fixed rather than taken
# from GNUInstallDirs because the installed binary finds its models relative to itself
# (EXE_DIR/../share/mirgene/models, src/train/model_lookup.hpp): the prefix may move (a copied
# tree, a package), the layout below it may not.
install(TARGETS mirgene RUNTIME DESTINATION bin)
file(GLOB MIRGENE_SHIPPED_MODELS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/models/*.safetensors)
install(FILES ${MIRGENE_SHIPPED_MODELS} DESTINATION share/mirgene/models)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/configs DESTINATION share/mirgene/models
        FILES_MATCHING PATTERN "*.json")
install(FILES ${PROJECT_SOURCE_DIR}/examples/example.fa DESTINATION share/mirgene/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/mirgene)

set(CPACK_PACKAGE_NAME mirgene)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "mirgene developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "finds precursor microRNAs (pre-miRNAs) in RNA sequences")
# The synopsis is the summary above; this is the extended description under it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "mirgene folds each sequence into its minimum-free-energy structure (Turner 2004,\n"
    "with the results of RNAfold 2.x) and scores it with a recurrent network with\n"
    "attention, the method of deepMiRGene (Park et al., NIPS 2017). Ships trained models.")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION ${CPACK_DEBIAN_PACKAGE_DESCRIPTION})
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# What the binary links against on Debian 12 (checked with ldd); written out rather than
# computed by dpkg-shlibdeps so that packaging needs no dpkg-dev.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libgcc-s1, libgomp1, libhts3, libstdc++6, zlib1g")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
