// The cheapest useful compiled functions, for bench/CallOverheadBench.cpp:
// what a call of compiled code costs beyond the code itself.
#include <autograph/autograph.h>

// One scalar op: the call is all there is.
AG_FUNCTION ag::Tensor increment(ag::Tensor n) { return n + 1; }
