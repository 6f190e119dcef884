# Finds LLVM, MLIR and Clang 19 from Debian's packages (/usr/lib/llvm-19) and
# makes their CMake helpers available. Included only when the compiler is built.
set(AUTOGRAPH_LLVM_ROOT /usr/lib/llvm-19 CACHE PATH "Prefix of LLVM/MLIR/Clang 19")

find_package(MLIR 19.1 REQUIRED CONFIG
  HINTS ${AUTOGRAPH_LLVM_ROOT}/lib/cmake/mlir)
# Without the hint Debian's clang-14 config is found first.
find_package(Clang REQUIRED CONFIG
  HINTS ${LLVM_INSTALL_PREFIX}/lib/cmake/clang NO_DEFAULT_PATH)
message(STATUS "Using MLIR ${LLVM_PACKAGE_VERSION} from ${MLIR_DIR}")

list(APPEND CMAKE_MODULE_PATH ${MLIR_CMAKE_DIR} ${LLVM_CMAKE_DIR})
include(TableGen)
include(AddLLVM)
include(AddMLIR)

set(LLVM_LIT ${LLVM_INSTALL_PREFIX}/build/utils/lit/lit.py)
set(LLVM_TOOLS_BINARY_DIR ${LLVM_INSTALL_PREFIX}/bin)

# Shared libraries: small tools and fast links (Debian builds the LLVM dylib).
set(AUTOGRAPH_MLIR_LIBS MLIR LLVM)
set(AUTOGRAPH_CLANG_LIBS clang-cpp LLVM)
