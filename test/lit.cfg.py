# lit configuration for autograph-cc: FileCheck tests of the ag dialect, the
# lowering passes and the tools. Run through `ninja check-autograph` or ctest.
import os

import lit.formats

config.name = "autograph"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".mlir", ".cpp", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.autograph_binary_dir, "test")
# Inputs/ holds files that tests read; runtime/ holds GoogleTest sources and
# install/ an outside CMake project and compiled/ GoogleTests of compiled
# code (both run by ctest).
config.excludes = ["Inputs", "runtime", "install", "compiled", "Tracing", "aot", "programs", "CMakeLists.txt", "lit.cfg.py"]

config.environment["PATH"] = os.pathsep.join(
    [config.autograph_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%autograph_src", config.autograph_source_dir))
config.substitutions.append(("%autograph_bin", config.autograph_binary_dir))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%cxx", config.cxx_compiler))

# Runs an LLVM-dialect module's @main with MLIR's runner utilities
# (printMemref*) and the ag runtime (the agrt_* functions compiled code
# calls), for execution tests of the lowering.
_llvm_lib = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")
config.substitutions.append((
    "%mlir_run",
    "mlir-cpu-runner -e main -entry-point-result=void -shared-libs="
    + os.path.join(_llvm_lib, "libmlir_runner_utils.so") + ","
    + os.path.join(_llvm_lib, "libmlir_c_runner_utils.so") + ","
    + os.path.join(config.autograph_binary_dir, "runtime",
                   "libautograph_runtime_shared.so")))
