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
# install/ an outside CMake project (run by ctest).
config.excludes = ["Inputs", "runtime", "install", "CMakeLists.txt", "lit.cfg.py"]

config.environment["PATH"] = os.pathsep.join(
    [config.autograph_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%autograph_src", config.autograph_source_dir))
config.substitutions.append(("%autograph_bin", config.autograph_binary_dir))
config.substitutions.append(("%python", config.python_executable))
