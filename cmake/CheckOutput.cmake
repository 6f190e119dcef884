# cmake -DPROGRAM=exe -DEXPECTED=file [-DCOMPILED="f;g"] [-DREPORT=file]
#       -P CheckOutput.cmake
# Runs PROGRAM and fails unless it exits 0, prints exactly EXPECTED on stdout
# and nothing on stderr. With COMPILED (the AG_FUNCTIONs a converted program
# must run compiled), it runs with AG_FALLBACK=error (an eager fallback is an
# error) and AG_JIT_REPORT=REPORT, and fails unless each of them was traced
# and compiled: no eager run can pass it.
if(COMPILED)
  file(REMOVE ${REPORT})
  set(ENV{AG_FALLBACK} error)
  set(ENV{AG_JIT_REPORT} ${REPORT})
endif()
execute_process(COMMAND ${PROGRAM} OUTPUT_VARIABLE output
  ERROR_VARIABLE errors RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}:\n${errors}")
endif()
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "${PROGRAM} printed:\n${output}\nexpected:\n${expected}")
endif()
if(NOT errors STREQUAL "")
  message(FATAL_ERROR "${PROGRAM} printed on stderr:\n${errors}")
endif()
if(COMPILED)
  if(NOT EXISTS ${REPORT})
    message(FATAL_ERROR "${PROGRAM} compiled no function (no ${REPORT})")
  endif()
  file(READ ${REPORT} report)
  foreach(function ${COMPILED})
    if(NOT report MATCHES "(^|\n)${function} compiled=[1-9][0-9]* fallbacks=0\n")
      message(FATAL_ERROR
        "${function} was not compiled by ${PROGRAM}; AG_JIT_REPORT:\n${report}")
    endif()
  endforeach()
endif()
message(STATUS "output matches ${EXPECTED}")
