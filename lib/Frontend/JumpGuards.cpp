//===- JumpGuards.cpp - statements after a jump run only without it ------===//
//
// Shared by the first passes (ReturnConverter.cpp, LoopJumpConverter.cpp).
//
//===----------------------------------------------------------------------===//
#include "Converters.h"

#include "clang/AST/Stmt.h"

using namespace clang;

namespace autograph {

void guardAfterJumps(ConversionContext &context, const Stmt *statement,
                     const std::set<const Stmt *> &onPath,
                     const std::string &flags) {
  if (!onPath.count(statement))
    return;
  if (const auto *block = dyn_cast<CompoundStmt>(statement)) {
    unsigned open = 0;
    const Stmt *const *children = block->body_begin();
    for (unsigned i = 0; i < block->size(); ++i) {
      guardAfterJumps(context, children[i], onPath, flags);
      if (onPath.count(children[i]) && i + 1 < block->size()) {
        context.rewriter.InsertTextBefore(
            children[i + 1]->getBeginLoc(),
            code::UnlessJumped.fill({{"flags", flags}}));
        ++open;
      }
    }
    if (open)
      context.rewriter.InsertTextBefore(block->getRBracLoc(),
                                        std::string(open, '}') + " ");
    return;
  }
  for (const Stmt *child : statement->children())
    if (child)
      guardAfterJumps(context, child, onPath, flags);
}

} // namespace autograph
