//===- Converters.h - the converters of autograph-cc ------------*- C++ -*-===//
//
// The converters of autograph-cc, one per construct, each in a file named
// for it (IfConverter.cpp, WhileConverter.cpp, ...). ConverterPipeline.cpp
// runs them in one fixed order; each rewrites one construct that depends on
// an ag::Tensor into ag's functional form (docs/converted-code.md) and
// returns whether it did.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_CONVERTERS_H
#define AUTOGRAPH_FRONTEND_CONVERTERS_H

#include "ConversionContext.h"
#include "GeneratedCode.h"

#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class IfStmt;
class Stmt;
class WhileStmt;
class ForStmt;
class DoStmt;
class CXXForRangeStmt;
class Expr;
class CharSourceRange;
class ConditionalOperator;
class CXXOperatorCallExpr;
class CallExpr;
class SwitchStmt;
} // namespace clang

namespace autograph {


/// Rejects what cannot be staged inside tensor control flow (break and
/// continue of loops over C++ values, goto, labels) and variables that are
/// not tensors among `modified`; returns false after reporting the errors.
/// (Returns were lowered, or rejected, in the first pass.)
bool checkStageable(ConversionContext &context, const clang::Stmt *body,
                    const std::vector<Modification> &modified,
                    const char *construct);

/// In every block on a path to a jump (the statements of `onPath`), the
/// statements after the one that may jump run only while `flags` (a tensor)
/// is false: they are wrapped in `if (::ag::logical_not(flags)) { ... }`.
/// Used by the first pass for break/continue flags and the return flag.
void guardAfterJumps(ConversionContext &context, const clang::Stmt *statement,
                     const std::set<const clang::Stmt *> &onPath,
                     const std::string &flags);

/// The first pass, after lowerReturns: `break` and `continue` of loops whose
/// condition is a tensor (and of range-fors over tensors) become flags, guards and a
/// condition that tests the break flag (LoopJumpConverter.cpp). Its output is
/// parsed again before the other converters run.
void lowerLoopJumps(ConversionContext &context,
                    const clang::FunctionDecl *function);

/// The first step of the first pass (parsed again before lowerLoopJumps): in
/// a function returning ag::Tensor with a `return` inside an if or a loop
/// whose condition is a tensor, returns become assignments of one result;
/// the statements after an always-returning `if` move into its else, or,
/// where that does not reach every return, a return flag breaks the loops
/// and guards what follows (ReturnConverter.cpp).
void lowerReturns(ConversionContext &context,
                  const clang::FunctionDecl *function);

/// Puts `AG_LINE(N);` (the statement's file:line for tracing) before every
/// statement of a block in `function`, and `AG_LINE(N), ` before un-braced
/// bodies that are expressions (SourceLocationMarker.cpp).
void markSourceLocations(ConversionContext &context,
                         const clang::FunctionDecl *function);
/// `AG_LINE(N)` for the line of `where`.
std::string lineMarker(const clang::ASTContext &ast, clang::SourceLocation where);

/// `if (tensor) ... else ...` -> ag::cond. Returns whether it rewrote.
bool convertIf(ConversionContext &context, const clang::IfStmt *statement);

/// `while (tensor) ...` -> ag::while_loop. Returns whether it rewrote.
bool convertWhile(ConversionContext &context, const clang::WhileStmt *statement);

/// `for (init; tensor; inc) ...` -> `{ init; ag::while_loop(...) }` with the
/// increment at the end of the body (WhileConverter.cpp).
bool convertFor(ConversionContext &context, const clang::ForStmt *statement);

/// `do ... while (tensor)` -> ag::while_loop with a first-iteration flag
/// (WhileConverter.cpp).
bool convertDo(ConversionContext &context, const clang::DoStmt *statement);

/// `for (ag::Tensor row : tensor) ...` -> ag::for_rows over the tensor's
/// rows (RangeForConverter.cpp).
bool convertRangeFor(ConversionContext &context,
                     const clang::CXXForRangeStmt *statement);

/// `assert(tensor)` (<cassert>) -> ag::Assert with the expression's text
/// (AssertConverter.cpp). `expansion` is the macro's expansion.
bool convertAssert(ConversionContext &context,
                   const clang::ConditionalOperator *expansion);

/// `std::cout << ...` with a tensor operand -> an ag::PrintStream chain that
/// prints once, as one ag.print (StreamPrintConverter.cpp).
bool convertStreamPrint(ConversionContext &context,
                        const clang::CXXOperatorCallExpr *expression);

/// `printf(format, ..., t.item<T>(), ...)` -> ag::print_formatted(format,
/// {..., t, ...}) (PrintfConverter.cpp).
bool convertPrintf(ConversionContext &context, const clang::CallExpr *call);

/// A `switch` on a value computed from a tensor: a located error
/// (SwitchOnTensor.cpp). Returns whether it reported one.
bool rejectSwitchOnTensor(ConversionContext &context,
                          const clang::SwitchStmt *statement);

/// After clang rejected the file: an error at each `switch (tensor)` saying
/// what to write instead (clang suggests a cast to bool).
void noteSwitchesOnTensors(clang::ASTContext &ast);

/// In a template: an if, while or for whose condition's type depends on a
/// template parameter, and `&&`, `||`, `!`, `?:` on such operands -> the
/// operators of autograph/Operators.h, which pick the staged or the plain
/// form per instantiation (DependentConditionConverter.cpp).
bool convertDependentIf(ConversionContext &context, const clang::IfStmt *statement);
bool convertDependentLoop(ConversionContext &context, const clang::Stmt *statement);
bool convertDependentLogicalOperator(ConversionContext &context,
                                     const clang::Expr *expression);

/// `&&`, `||`, `!` with tensor operands and `?:` on a tensor condition ->
/// ag::cond / ag::logical_not, keeping C++'s evaluation order.
bool convertLogicalOperator(ConversionContext &context,
                            const clang::Expr *expression);

/// Makes an AG_FUNCTION trace and compile on call through
/// ag::call_function (FunctionWrapper.cpp); reports a located error and
/// returns false for one that cannot be compiled (its parameter or result
/// types).
bool wrapForTracing(ConversionContext &context,
                    const clang::FunctionDecl *function);

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_CONVERTERS_H
