// The eager versions of aot_functions.cc.
#ifndef AUTOGRAPH_TEST_AOT_FUNCTIONS_H
#define AUTOGRAPH_TEST_AOT_FUNCTIONS_H

#include <autograph/autograph.h>

#include <tuple>

ag::Tensor checked_sqrt(ag::Tensor x);
std::tuple<ag::Tensor, ag::Tensor> min_max(ag::Tensor x);
ag::Tensor integer_div(ag::Tensor a, ag::Tensor b);
ag::Tensor loud_sum(ag::Tensor x);
ag::Tensor checked_log(ag::Tensor x);
ag::Tensor accumulate(ag::Tensor x);
extern ag::Variable g_total, g_calls;

// The lines of the asserts in aot_functions.cc, for the expected messages.
extern const int kCheckedSqrtAssertLine;
extern const int kCheckedLogAssertLine;

ag::Tensor square_at(ag::Tensor n, ag::Tensor k);
std::tuple<ag::Tensor, ag::Tensor> half_and_next(ag::Tensor x, ag::Tensor k);

ag::Tensor cube_gradient(ag::Tensor x);

ag::Tensor op_gradients(ag::Tensor x, ag::Tensor y);

ag::Tensor adam_step(ag::Tensor x, ag::Tensor y);
extern ag::Variable g_w, g_b;
extern ag::optimizers::Adam g_adam;

#endif
