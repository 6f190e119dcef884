# Sourced by bench/compare-*.sh: sets $python to a Python that has PyTorch
# (Debian's python3-torch is installed for the system's python3), or exits.
python=${PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3
"$python" -c 'import torch' 2>/dev/null ||
  { echo "needs PyTorch for $python: apt-get install python3-torch"; exit 1; }
