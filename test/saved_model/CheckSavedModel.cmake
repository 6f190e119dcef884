# cmake -DEXPORTER=exe -DLOADER=exe -DSHOW=autograph-saved-model -DDIR=dir
#       -P CheckSavedModel.cmake
# The guide's saved trunk: EXPORTER trains and saves a trunk to DIR and
# prints trunk(x) computed eagerly; LOADER (linked with autograph::runtime
# only: checked with ldd, no LLVM, MLIR or Clang) loads DIR and must print
# the same trunk(x) from the compiled code, then reject damaged copies.
file(REMOVE_RECURSE ${DIR})
execute_process(COMMAND ${EXPORTER} ${DIR} OUTPUT_VARIABLE exported
  ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${EXPORTER} failed (${status}):\n${errors}")
endif()
foreach(file saved_model.json model.so variables.safetensors)
  if(NOT EXISTS ${DIR}/${file})
    message(FATAL_ERROR "${EXPORTER} wrote no ${DIR}/${file}")
  endif()
endforeach()
execute_process(COMMAND ${LOADER} ${DIR} OUTPUT_VARIABLE loaded
  ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${LOADER} failed (${status}):\n${errors}")
endif()
string(REGEX MATCH "trunk\\(x\\) = [^\n]*\n[^\n]*\n" eager "${exported}")
string(REGEX MATCH "trunk\\(x\\) = [^\n]*\n[^\n]*\n" compiled "${loaded}")
if(eager STREQUAL "" OR NOT eager STREQUAL compiled)
  message(FATAL_ERROR "the loaded trunk differs:\nexporter (eager):\n${exported}\nloader:\n${loaded}")
endif()
foreach(expected "signature \\(f32\\[\\?,3\\]\\) -> \\(f32\\[\\?,4\\]\\)"
                 "variable trunk/hidden/kernel f32\\[3,8\\]"
                 "variable trunk/features/bias f32\\[4\\]"
                 "4 trainable variables")
  if(NOT loaded MATCHES "${expected}")
    message(FATAL_ERROR "${LOADER} did not print ${expected}:\n${loaded}")
  endif()
endforeach()
execute_process(COMMAND ldd ${LOADER} OUTPUT_VARIABLE libraries)
if(libraries MATCHES "libLLVM|libMLIR|libclang")
  message(FATAL_ERROR "${LOADER} loads LLVM, MLIR or Clang:\n${libraries}")
endif()
execute_process(COMMAND ${LOADER} ${DIR} --bad-inputs OUTPUT_VARIABLE checks
  ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "bad inputs were not all rejected:\n${checks}${errors}")
endif()
# autograph-saved-model show DIR, like saved_model_cli show.
execute_process(COMMAND ${SHOW} show ${DIR} OUTPUT_VARIABLE shown
  ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT shown MATCHES "\\(f32\\[1,3\\]\\) -> \\(f32\\[1,4\\]\\)"
   OR NOT shown MATCHES "and 4 variables:\n  trunk/hidden/kernel f32\\[3,8\\]")
  message(FATAL_ERROR "autograph-saved-model show printed:\n${shown}${errors}")
endif()
execute_process(COMMAND ${SHOW} show ${DIR}-nowhere ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 1 OR NOT errors MATCHES "saved_model.json is missing")
  message(FATAL_ERROR "autograph-saved-model show of a missing directory: ${status} ${errors}")
endif()
message(STATUS "${loaded}${checks}${shown}")
