# Tests that run a program and compare what it prints with a file written
# independently of it (cmake/CheckOutput.cmake). Used by examples/ and
# test/programs/.
#
# add_output_test(NAME PROGRAM EXPECTED [COMPILED f;g] [ENVIRONMENT VAR=value...])
#   PROGRAM (a target) must exit 0, print exactly EXPECTED and nothing on
#   stderr. COMPILED lists the AG_FUNCTIONs it must run compiled: a fallback
#   to eager execution is an error, and each must show in its AG_JIT_REPORT.
#
# add_converted_program_tests(PREFIX SOURCE EXPECTED [COMPILED f;g])
#   PREFIX/eager: SOURCE as written, eager on autograph::runtime;
#   PREFIX/converted: converted by autograph-cc, its functions compiled;
#   PREFIX/converted-eager: the converted program with
#   AG_RUN_FUNCTIONS_EAGERLY=1. Targets are named after PREFIX.
set(AUTOGRAPH_CHECK_OUTPUT ${CMAKE_CURRENT_LIST_DIR}/CheckOutput.cmake)

function(add_output_test name program expected)
  cmake_parse_arguments(PARSE_ARGV 3 ARG "" "" "COMPILED;ENVIRONMENT")
  string(REPLACE "/" "-" report ${name})
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${program}>
      -DEXPECTED=${expected} "-DCOMPILED=${ARG_COMPILED}"
      -DREPORT=${CMAKE_CURRENT_BINARY_DIR}/${report}.jit-report
      -P ${AUTOGRAPH_CHECK_OUTPUT})
  if(ARG_ENVIRONMENT)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${ARG_ENVIRONMENT}")
  endif()
endfunction()

function(add_converted_program_tests prefix source expected)
  cmake_parse_arguments(PARSE_ARGV 3 ARG "" "" "COMPILED")
  string(REPLACE "/" "-" target ${prefix})
  add_executable(${target}-eager ${source})
  target_link_libraries(${target}-eager PRIVATE autograph::runtime)
  add_output_test(${prefix}/eager ${target}-eager ${expected})
  if(AUTOGRAPH_ENABLE_COMPILER)
    add_executable(${target} ${source})
    autograph_convert(${target})
    add_output_test(${prefix}/converted ${target} ${expected}
      COMPILED ${ARG_COMPILED})
    add_output_test(${prefix}/converted-eager ${target} ${expected}
      ENVIRONMENT AG_RUN_FUNCTIONS_EAGERLY=1)
  endif()
endfunction()
