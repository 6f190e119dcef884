# cmake -DEAGER=exe -DPROGRAM=exe -DEXPECTED=file [-DCOMPILED="f;g"]
#       [-DREPORT=file] -DCHECK_OUTPUT=cmake/CheckOutput.cmake
#       -P CompareWithEager.cmake
# Runs EAGER (a random program built as written, on the eager runtime); it
# must exit 0 and print nothing on stderr. Its stdout, written to EXPECTED, is
# then what PROGRAM (the same program converted, or compiled ahead of time)
# must print byte for byte: CheckOutput.cmake, with its COMPILED/REPORT check
# that each AG_FUNCTION ran compiled (AG_FALLBACK=error, AG_JIT_REPORT).
execute_process(COMMAND ${EAGER} OUTPUT_VARIABLE eager_output
  ERROR_VARIABLE eager_errors RESULT_VARIABLE eager_status)
if(NOT eager_status EQUAL 0)
  message(FATAL_ERROR "the eager program ${EAGER} exited with ${eager_status}:\n"
    "${eager_errors}")
endif()
if(NOT eager_errors STREQUAL "")
  message(FATAL_ERROR "the eager program ${EAGER} printed on stderr:\n${eager_errors}")
endif()
file(WRITE ${EXPECTED} "${eager_output}")
include(${CHECK_OUTPUT})
