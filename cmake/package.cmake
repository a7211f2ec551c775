# SPDX-License-Identifier: GPL-2.0-or-later
# `cmake --build build --target package` makes a .deb for lab machines: the
# plugin in the global plugin folder of the Wireshark it was built against,
# and the docs and teaching captures under /usr/share/doc/tlsexplain.
#
# A plugin binary loads only into the Wireshark minor version it was built
# for, so the package depends on the libwireshark package this build linked
# (its name carries the ABI: libwireshark16 is 4.0, libwireshark18 4.4, ...),
# within that minor version. The names are read from dpkg, not written here.
# Included from the top-level CMakeLists.txt, after the plugin target.

install(FILES README.md COPYING DESTINATION share/doc/tlsexplain COMPONENT docs)
install(FILES pcaps/README.md DESTINATION share/doc/tlsexplain/pcaps
  COMPONENT docs)
file(GLOB tlsx_package_pcaps "${PROJECT_SOURCE_DIR}/pcaps/*.pcapng"
  "${PROJECT_SOURCE_DIR}/pcaps/*.keys" "${PROJECT_SOURCE_DIR}/pcaps/*.pem")
install(FILES ${tlsx_package_pcaps} DESTINATION share/doc/tlsexplain/pcaps
  COMPONENT docs)

# The Debian package that owns the library behind an imported target.
function(tlsx_owning_package out target)
  set(${out} "" PARENT_SCOPE)
  find_program(DPKG_QUERY dpkg-query)
  if(NOT DPKG_QUERY OR NOT TARGET ${target})
    return()
  endif()
  get_target_property(lib ${target} IMPORTED_LOCATION)
  get_target_property(configs ${target} IMPORTED_CONFIGURATIONS)
  foreach(config IN LISTS configs)
    if(NOT lib)
      get_target_property(lib ${target} IMPORTED_LOCATION_${config})
    endif()
  endforeach()
  if(NOT lib)
    return()
  endif()
  get_filename_component(lib "${lib}" REALPATH)
  execute_process(COMMAND "${DPKG_QUERY}" -S "${lib}"
    OUTPUT_VARIABLE owner ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  # "libwireshark16:amd64: /usr/lib/..."
  string(REGEX MATCH "^[^:,]+" owner "${owner}")
  set(${out} "${owner}" PARENT_SCOPE)
endfunction()

tlsx_owning_package(tlsx_libwireshark epan)
set(tlsx_minor "${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}")
math(EXPR tlsx_next_minor "${Wireshark_MINOR_VERSION} + 1")
if(tlsx_libwireshark)
  set(tlsx_depends "${tlsx_libwireshark} (>= ${tlsx_minor}), "
                   "${tlsx_libwireshark} (<< ${Wireshark_MAJOR_VERSION}.${tlsx_next_minor}~)")
  string(JOIN "" CPACK_DEBIAN_PACKAGE_DEPENDS ${tlsx_depends})
else()
  message(STATUS "No dpkg owner found for libwireshark: the .deb will not "
    "name the Wireshark it needs")
endif()
# GnuTLS and GLib are libwireshark's dependencies too; dpkg-shlibdeps (from
# dpkg-dev) names their exact packages when it is installed.
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tlsexplain)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "tlsexplain developers <tlsexplain@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Wireshark plugin that explains TLS handshakes (English, Simplified Chinese)")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}\nBuilt for Wireshark ${tlsx_minor}; installs into its global plugin folder.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_FILE_NAME
  "tlsexplain_${PROJECT_VERSION}+wireshark${tlsx_minor}_${CMAKE_SYSTEM_PROCESSOR}.deb")
if(CMAKE_SYSTEM_PROCESSOR STREQUAL "x86_64")
  set(CPACK_DEBIAN_FILE_NAME "tlsexplain_${PROJECT_VERSION}+wireshark${tlsx_minor}_amd64.deb")
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL plugin docs)
set(CPACK_DEB_COMPONENT_INSTALL OFF)
set(CPACK_STRIP_FILES ON)
include(CPack)
