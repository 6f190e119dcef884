//===- GeneratedCode.h - every piece of code the converters write -*- C++
//-*-===//
//
// The converters write C++ only through the named templates below, so what a
// converted file can contain is read here, in one place, as code
// (docs/converted-code.md shows whole examples). A hole is `${name}`;
// CodeTemplate::fill substitutes each hole with its value, verbatim.
//
// Generated names start with `ag__` (never a reserved `__` name): ag__v (a
// loop's variables), ag__item, ag__if_N / ag__loop_N / ag__for_N (a staged
// statement's results), ag__loop_N_first (a do-while's first iteration),
// ag__break_N / ag__continue_N (loop flags),
// ag__retval / ag__do_return (a function's result and return flag),
// ag__function, ag__unnamedN.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_GENERATEDCODE_H
#define AUTOGRAPH_FRONTEND_GENERATEDCODE_H

#include "ModifiedVariables.h"

#include "llvm/ADT/StringRef.h"

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace autograph {

class CodeTemplate {
public:
  constexpr explicit CodeTemplate(const char *text) : text_(text) {}
  using Values =
      std::initializer_list<std::pair<llvm::StringRef, llvm::StringRef>>;
  /// The text with each `${name}` replaced by the value of `name`; every hole
  /// must have a value.
  std::string fill(Values values) const;

private:
  const char *text_;
};

namespace code {

//===--- Shared by the staged constructs ---------------------------------===//

/// A staged statement: runs `call` (after `prologue`, e.g. a for loop's
/// init) and binds its results back to the variables (`bindings`, one
/// OutputBinding each).
inline constexpr CodeTemplate StagedStatement{
    "{ ${prologue}::ag::TensorList ${id} = ${call};${bindings} }"};
inline constexpr CodeTemplate OutputBinding{" ${variable} = ${id}[${index}];"};

/// A generated variable: `kind` is if, loop, for, break or continue, `number`
/// ConversionContext::nextId.
inline constexpr CodeTemplate GeneratedName{"ag__${kind}_${number}"};

/// A 0-d boolean tensor constant (`value` is true or false).
inline constexpr CodeTemplate BoolConstant{"::ag::constant(${value})"};

/// A C++ condition on a tensor, as the 0-d boolean ag stages.
inline constexpr CodeTemplate Condition{"::ag::condition(${expression})"};

//===--- if (IfConverter.cpp) --------------------------------------------===//

/// `if (c) A else B` -> ag::cond over two branches that return the outputs.
inline constexpr CodeTemplate Cond{
    "::ag::cond(::ag::condition(${condition}), ${then}, ${else}, {${names}})"};
/// A branch, working on copies of every variable its statement assigns
/// (`copies`: one BranchCopy each).
inline constexpr CodeTemplate Branch{
    "[&${copies}]() mutable -> ::ag::TensorList { ${body} return {${outputs}}; "
    "}"};
inline constexpr CodeTemplate BranchCopy{", ${variable} = ${variable}"};

//===--- Loops (WhileConverter.cpp, RangeForConverter.cpp) ---------------===//

/// `while (c) body` -> ag::while_loop over the loop variables; `unpack`
/// declares them from ag__v (LoopVariable, IterationLocal).
inline constexpr CodeTemplate WhileLoop{
    "::ag::while_loop([&](const ::ag::TensorList &ag__v) -> ::ag::Tensor { "
    "${unpack}return ${test}; }, "
    "[&](const ::ag::TensorList &ag__v) -> ::ag::TensorList { "
    "${unpack}${body} return {${results}}; }, {${initial}}, {${names}})"};
inline constexpr CodeTemplate LoopVariable{
    "[[maybe_unused]] ::ag::Tensor ${variable} = ag__v[${index}]; "};
/// A tensor the body assigns that is not carried: a local of each iteration.
inline constexpr CodeTemplate IterationLocal{
    "[[maybe_unused]] ::ag::Tensor ${variable}; "};
/// A do-while's test: true on the first iteration (`flag`), without
/// evaluating the condition, then the condition.
inline constexpr CodeTemplate FirstIterationTest{
    "::ag::cond(${flag}, [&]() -> ::ag::TensorList { return "
    "{::ag::constant(true)}; }, [&]() -> ::ag::TensorList { return "
    "{${test}}; })[0]"};
/// A for loop's body followed by its increment.
inline constexpr CodeTemplate BodyThenIncrement{"{ ${body} ${increment}; }"};

/// `for (decl : range) body` -> `function` (ag::for_rows,
/// ag::data::for_dataset, ag::for_range_of) over `range`, binding the
/// user's declaration to each item; `stop` optionally names the loop
/// variable that ends a dataset loop (a break flag).
inline constexpr CodeTemplate RangeFor{
    "${function}(${range}, [&](${itemType}ag__item, const ::ag::TensorList "
    "&ag__v) -> ::ag::TensorList { ${unpack}${declaration}= ag__item; "
    "${body} return {${results}}; }, {${results}}, {${names}}${stop})"};

//===--- Logical operators (LogicalOperatorConverter.cpp) ----------------===//

/// `c ? a : b`, `a && b`, `a || b` on tensors: ag::cond over value
/// branches, in C++'s evaluation order.
inline constexpr CodeTemplate CondExpression{
    "(::ag::cond(${condition}, ${then}, ${else})[0])"};
inline constexpr CodeTemplate ValueBranch{
    "[&]() -> ::ag::TensorList { return ::ag::TensorList{${value}}; }"};
inline constexpr CodeTemplate LogicalNot{
    "::ag::logical_not(::ag::condition(${operand}))"};

//===--- Templates (DependentConditionConverter.cpp) ---------------------===//

/// Control flow whose condition's type depends on a template parameter:
/// autograph/Operators.h picks the staged or the plain form per
/// instantiation. `parameters` are `auto &x, ...`, `arguments` `, x, ...`.
inline constexpr CodeTemplate DependentIf{
    "::ag::if_stmt(${condition}, [&](${parameters}) { ${then} }, "
    "[&](${parameters}) { ${else} }, {${names}}${arguments});"};
/// `function` is ::ag::while_stmt or ::ag::do_while_stmt.
inline constexpr CodeTemplate DependentLoop{
    "${function}([&](${parameters}) { return ${condition}; }, "
    "[&](${parameters}) { ${body} }, {${names}}${arguments});"};
/// A for loop's init in a block around the converted loop.
inline constexpr CodeTemplate InitThenLoop{"{ ${init} ${loop} }"};
/// `function` is ::ag::and_ or ::ag::or_.
inline constexpr CodeTemplate DependentLogical{
    "(${function}(${lhs}, [&] { return ${rhs}; }))"};
inline constexpr CodeTemplate DependentNot{"(::ag::not_(${operand}))"};
inline constexpr CodeTemplate DependentConditional{
    "(::ag::if_exp(${condition}, [&] { return ${then}; }, "
    "[&] { return ${else}; }))"};

//===--- Prints and asserts ----------------------------------------------===//

/// assert(c) (AssertConverter.cpp); `text` is c's source as a literal.
inline constexpr CodeTemplate Assert{
    "::ag::Assert(::ag::condition(${expression}), ${text})"};
/// std::cout << ... (StreamPrintConverter.cpp): the stream is replaced by
/// the start, the end goes after the chain's last operand.
inline constexpr CodeTemplate PrintStreamStart{"(::ag::PrintStream()"};
inline constexpr CodeTemplate PrintStreamEnd{").print()"};
/// printf(format, ...) (PrintfConverter.cpp).
inline constexpr CodeTemplate PrintFormatted{
    "::ag::print_formatted(${format}, {${arguments}})"};

//===--- Source lines (SourceLocationMarker.cpp) --------------------------===//

/// Before a statement: `${marker}; `; before an un-braced expression body:
/// `${marker}, `.
inline constexpr CodeTemplate LineMarker{"AG_LINE(${line})"};

//===--- Jumps (LoopJumpConverter.cpp, ReturnConverter.cpp, JumpGuards.cpp)
//===//

/// What follows a statement that may jump runs only without the jump.
inline constexpr CodeTemplate UnlessJumped{
    "if (::ag::logical_not(${flags})) { "};
inline constexpr CodeTemplate EitherFlag{
    "::ag::logical_or(${first}, ${second})"};
inline constexpr CodeTemplate SetFlag{"{ ${flag} = ::ag::constant(true); }"};
inline constexpr CodeTemplate DeclareFlag{
    "::ag::Tensor ${flag} = ::ag::constant(false); "};
/// A staged loop with breaks: the flag in a block around it and in its
/// condition.
inline constexpr CodeTemplate LoopWithBreakStart{
    "{ ::ag::Tensor ${flag} = ::ag::constant(false); "};
inline constexpr CodeTemplate NotBrokenAnd{"!${flag} && (${condition})"};

/// A function that returns from inside tensor control flow: one result.
inline constexpr CodeTemplate SetResult{"{ ag__retval = ${value}; }"};
inline constexpr CodeTemplate SetResultAndReturnFlag{
    "{ ag__retval = ${value}; ag__do_return = ::ag::constant(true);${break} }"};
inline constexpr CodeTemplate ResultAndReturnFlag{
    " ::ag::Tensor ag__retval = "
    "::ag::Tensor::return_placeholder(\"${reason}\"); "
    "::ag::Tensor ag__do_return = ::ag::constant(false);"};
inline constexpr CodeTemplate ReturnResult{" return ag__retval; "};
/// The result of the plain form (every path assigns it once).
inline constexpr CodeTemplate TensorResult{"::ag::Tensor ag__retval;"};
inline constexpr CodeTemplate DependentResult{"${type} ag__retval{};"};
/// After a loop that contains a return, inside another loop (staged: the
/// flag is a tensor; plain: a bool conversion while tracing).
inline constexpr CodeTemplate BreakIfReturned{" if (ag__do_return) break;"};
inline constexpr CodeTemplate BreakIfReturnedPlain{
    " if (static_cast<bool>(ag__do_return)) break;"};

//===--- The AG_FUNCTION wrapper (FunctionWrapper.cpp) -------------------===//

/// After the body's `{`: the function's ag::Function (traced and compiled
/// per signature) called with the original body as a lambda ...
inline constexpr CodeTemplate WrapperStart{
    " static ::ag::Function &ag__function = *new ::ag::Function(\"${name}\"); "
    "return ::ag::call_function(ag__function, ${self}, [&](${parameters}) -> "
    "${result} {"};
/// ... and before its `}`: the lambda's end and the arguments.
inline constexpr CodeTemplate WrapperEnd{"}${arguments}); "};
inline constexpr CodeTemplate UnnamedParameter{"ag__unnamed${index}"};

} // namespace code

/// The code a staged loop's lambdas share for its loop variables: `unpack`
/// declares each from `ag__v[i]` (and, without a value, each other tensor of
/// `modified`: a local of the iteration), `list` is `a, b`, `names` is
/// `"a", "b"`.
struct LoopVariableCode {
  std::string unpack, list, names;
};
LoopVariableCode loopVariableCode(const std::vector<Modification> &vars,
                                  const std::vector<Modification> &modified);

/// `a, b, c`.
std::string commaSeparated(const std::vector<std::string> &items);
/// `"a", "b", "c"`.
std::string quotedNames(const std::vector<std::string> &names);
/// The names of `variables`, in order.
std::vector<std::string> namesOf(const std::vector<Modification> &variables);

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_GENERATEDCODE_H
