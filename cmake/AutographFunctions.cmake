# CMake functions of the Autograph package (installed with it, and used in
# this build tree). AUTOGRAPH_CC names the autograph-cc to run.
#
# autograph_convert(TARGET [FLAGS flag...])
#   Builds TARGET from what autograph-cc makes of its C++ sources: their
#   AG_FUNCTIONs are traced and JIT-compiled on call. Converts with the
#   target's include directories, definitions and FLAGS; links autograph::jit.
#
# autograph_add_aot_library(NAME SOURCES file FUNCTIONS "f(f32[?,784])" ...
#                           [FLAGS flag...] [PORTABLE])
#   Traces the FUNCTIONS (AG_FUNCTIONs of the source, each with its input
#   signature) and compiles them ahead of time into the static library NAME,
#   whose header NAME.h (on its include path) declares them in namespace
#   ag::aot. NAME links autograph::runtime only: no LLVM or MLIR at run time.
#   FLAGS are the compile flags to trace with; PORTABLE compiles for the
#   architecture's baseline CPU instead of the build machine's.

function(_autograph_cc_depends out)
  if(TARGET autograph-cc)
    set(${out} autograph-cc PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

function(autograph_convert target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "FLAGS")
  _autograph_cc_depends(tool_depends)
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(binary_dir ${target} BINARY_DIR)
  set(includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(definitions "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(converted_sources "")
  foreach(source ${sources})
    get_filename_component(extension ${source} EXT)
    if(NOT extension MATCHES "^\\.(cc|cpp|cxx|C)$")
      list(APPEND converted_sources ${source})
      continue()
    endif()
    get_filename_component(path ${source} ABSOLUTE BASE_DIR ${source_dir})
    get_filename_component(name ${source} NAME_WE)
    set(converted ${binary_dir}/autograph/${target}/${name}.converted${extension})
    # Ninja creates an output's directory itself; other generators
    # (Unix Makefiles, the default) do not.
    add_custom_command(OUTPUT ${converted}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${binary_dir}/autograph/${target}
      COMMAND ${AUTOGRAPH_CC} ${path} -o ${converted} --
        -std=c++17 "$<$<BOOL:${includes}>:-I$<JOIN:${includes},;-I>>"
        "$<$<BOOL:${definitions}>:-D$<JOIN:${definitions},;-D>>" ${ARG_FLAGS}
      DEPENDS ${path} ${tool_depends}
      IMPLICIT_DEPENDS CXX ${path}
      COMMAND_EXPAND_LISTS
      COMMENT "autograph-cc ${source}"
      VERBATIM)
    list(APPEND converted_sources ${converted})
  endforeach()
  set_property(TARGET ${target} PROPERTY SOURCES ${converted_sources})
  target_link_libraries(${target} PRIVATE autograph::jit)
endfunction()

function(autograph_add_aot_library name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "PORTABLE" "" "SOURCES;FUNCTIONS;FLAGS")
  list(LENGTH ARG_SOURCES source_count)
  if(NOT source_count EQUAL 1)
    message(FATAL_ERROR "autograph_add_aot_library(${name}): give the one "
      "SOURCES file that defines the FUNCTIONS")
  endif()
  if(NOT ARG_FUNCTIONS)
    message(FATAL_ERROR "autograph_add_aot_library(${name}): no FUNCTIONS")
  endif()
  _autograph_cc_depends(tool_depends)
  get_filename_component(source ${ARG_SOURCES} ABSOLUTE)
  set(function_arguments "")
  foreach(function ${ARG_FUNCTIONS})
    if(NOT function MATCHES "^([A-Za-z_][A-Za-z0-9_]*)\\((.*)\\)$")
      message(FATAL_ERROR "autograph_add_aot_library(${name}): '${function}' "
        "is not NAME(SIGNATURE), e.g. \"step(f32[?,784],i64[])\"")
    endif()
    list(APPEND function_arguments
      "--function=${CMAKE_MATCH_1}" "--signature=${CMAKE_MATCH_2}")
  endforeach()
  set(portable "")
  if(ARG_PORTABLE)
    set(portable --portable)
  endif()
  set(directory ${CMAKE_CURRENT_BINARY_DIR}/autograph/${name})
  set(object ${directory}/${name}${CMAKE_CXX_OUTPUT_EXTENSION})
  set(header ${directory}/include/${name}.h)
  add_custom_command(OUTPUT ${object} ${header}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${directory}/include
    COMMAND ${AUTOGRAPH_CC} ${source} --emit=obj -o ${object} --header ${header}
      ${portable} ${function_arguments} -- -std=c++17 ${ARG_FLAGS}
    DEPENDS ${source} ${tool_depends}
    IMPLICIT_DEPENDS CXX ${source}
    COMMENT "autograph-cc --emit=obj ${name}: ${ARG_FUNCTIONS}"
    VERBATIM)
  set_source_files_properties(${object} PROPERTIES
    EXTERNAL_OBJECT TRUE GENERATED TRUE)
  add_library(${name} STATIC ${object} ${header})
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE CXX)
  target_include_directories(${name} PUBLIC ${directory}/include)
  target_link_libraries(${name} PUBLIC autograph::runtime)
endfunction()
