# autograph_mlir_object(OUTPUT_VARIABLE SOURCE)
# Compiles an ag module to a native object for the host CPU the way AOT
# compilation does (-ag-to-llvm, LLVM IR, clang -O3 -march=native) and sets
# OUTPUT_VARIABLE to the object's path, to list among a target's sources.
function(autograph_mlir_object output source)
  get_filename_component(name ${source} NAME_WE)
  set(object ${CMAKE_CURRENT_BINARY_DIR}/${name}.o)
  add_custom_command(OUTPUT ${object}
    COMMAND autograph-opt ${source} -ag-to-llvm -o ${name}.llvm.mlir
    COMMAND ${LLVM_TOOLS_BINARY_DIR}/mlir-translate --mlir-to-llvmir
      ${name}.llvm.mlir -o ${name}.ll
    COMMAND ${LLVM_TOOLS_BINARY_DIR}/clang -O3 -march=native -fPIC -c ${name}.ll
      -o ${object}
    DEPENDS autograph-opt ${source}
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    COMMENT "Compiling ${source}")
  set(${output} ${object} PARENT_SCOPE)
endfunction()
