//===- ParallelLoops.cpp - large loop nests on several threads ------------===//
//
// Two passes around MLIR's convert-scf-to-openmp (Passes.td):
//
//  * parallelize-large-loops: each outermost scf.parallel (from
//    convert-linalg-to-parallel-loops) becomes
//      scf.if (iterations * work >= kParallelWork && threads > 1)
//        { the scf.parallel }          // convert-scf-to-openmp's
//      else
//        { the same nest as scf.for }  // small work: no threading cost
//    and scf.parallel nested in it becomes scf.for (one level of threads);
//  * set-parallel-thread-counts: each omp.parallel gets the thread count
//    ag::set_num_threads chose (agrt_memref_num_threads()), read when the
//    loop starts; the memref.alloca_scope that convert-scf-to-openmp puts
//    around each loop body is dropped where the body allocates nothing on
//    the stack (a scope's region must stay one block, which nested loops
//    are not once lowered to branches).
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Passes.h"
#include "RuntimeFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"

namespace autograph {
#define GEN_PASS_DEF_PARALLELIZELARGELOOPS
#define GEN_PASS_DEF_SETPARALLELTHREADCOUNTS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;
using namespace autograph::lowering;

namespace {

/// Below this many operations (iterations times the ops of one iteration)
/// a loop nest stays on the calling thread: starting and joining threads
/// costs about 2.5 us on the 2-core machines measured, as much as 8192
/// vectorised multiply-adds (docs/performance.md); 2^20 scalar ops are
/// about 50 us of vectorised work.
constexpr int64_t kParallelWork = 1 << 20;

/// The constant trip count of a loop dimension, if its bounds are constant.
std::optional<int64_t> constantTripCount(Value lower, Value upper, Value step) {
  std::optional<int64_t> lb = getConstantIntValue(lower),
                         ub = getConstantIntValue(upper),
                         st = getConstantIntValue(step);
  if (!lb || !ub || !st || *st <= 0)
    return std::nullopt;
  return *ub <= *lb ? 0 : (*ub - *lb + *st - 1) / *st;
}

/// Roughly how many operations one pass over `block` runs (terminators
/// apart): nested loops count their body times their constant trip count
/// (1 when unknown).
int64_t workOf(Block &block) {
  int64_t work = 0;
  for (Operation &op : block) {
    if (op.hasTrait<OpTrait::IsTerminator>())
      continue;
    int64_t trips = 1;
    if (auto loop = dyn_cast<scf::ForOp>(op)) {
      trips = constantTripCount(loop.getLowerBound(), loop.getUpperBound(),
                                loop.getStep())
                  .value_or(1);
    } else if (auto loop = dyn_cast<scf::ParallelOp>(op)) {
      for (auto [lb, ub, st] : llvm::zip(loop.getLowerBound(), loop.getUpperBound(),
                                         loop.getStep()))
        trips *= constantTripCount(lb, ub, st).value_or(1);
    }
    int64_t inner = 0;
    for (Region &region : op.getRegions())
      for (Block &nested : region)
        inner += workOf(nested);
    work += std::max<int64_t>(1, trips * inner);
    if (work > kParallelWork)
      return work;
  }
  return work;
}

/// The loop nest of `loop` as scf.for loops at the builder's position,
/// outermost dimension first (the body cloned; its scf.reduce dropped).
void buildSequentialNest(OpBuilder &builder, scf::ParallelOp loop) {
  IRMapping mapping;
  Location loc = loop.getLoc();
  for (auto [iv, lb, ub, st] :
       llvm::zip(loop.getInductionVars(), loop.getLowerBound(),
                 loop.getUpperBound(), loop.getStep())) {
    auto nested = builder.create<scf::ForOp>(loc, lb, ub, st);
    mapping.map(iv, nested.getInductionVar());
    builder.setInsertionPoint(nested.getBody()->getTerminator());
  }
  for (Operation &op : loop.getBody()->without_terminator())
    builder.clone(op, mapping);
}

/// `loop` (without reductions) replaced by the same nest of scf.for loops.
void makeSequential(OpBuilder &builder, scf::ParallelOp loop) {
  builder.setInsertionPoint(loop);
  buildSequentialNest(builder, loop);
  loop.erase();
}

/// iterations(loop) >= ceil(kParallelWork / work) && threads > 1.
Value worthThreads(OpBuilder &builder, scf::ParallelOp loop, int64_t work,
                   Operation *anchor) {
  Location loc = loop.getLoc();
  Value iterations = builder.create<arith::ConstantIndexOp>(loc, 1);
  for (auto [lb, ub, st] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    Value extent = builder.create<arith::SubIOp>(loc, ub, lb);
    Value trips = builder.create<arith::CeilDivSIOp>(loc, extent, st);
    Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
    trips = builder.create<arith::MaxSIOp>(loc, trips, zero);
    // Saturating: a product past 2^62 iterations is large either way.
    iterations = builder.create<arith::MulIOp>(loc, iterations, trips);
  }
  int64_t needed = (kParallelWork + std::max<int64_t>(work, 1) - 1) /
                   std::max<int64_t>(work, 1);
  Value threshold = builder.create<arith::ConstantIndexOp>(loc, needed);
  Value large = builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge,
                                              iterations, threshold);
  Value threads = callRuntimeFunction(builder, loc, anchor,
                                      RuntimeFunction::num_threads, {})
                      ->getResult(0);
  Value one = builder.create<arith::ConstantIntOp>(loc, 1, 64);
  Value several = builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt,
                                                threads, one);
  return builder.create<arith::AndIOp>(loc, large, several);
}

struct ParallelizeLargeLoopsPass
    : autograph::impl::ParallelizeLargeLoopsBase<ParallelizeLargeLoopsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    OpBuilder builder(&getContext());
    // One level of threads: loops inside a parallel loop run in sequence.
    SmallVector<scf::ParallelOp> nested, outermost;
    module.walk([&](scf::ParallelOp loop) {
      if (!loop.getInitVals().empty())
        return; // a reduction: not produced by the lowering; left as it is
      (loop->getParentOfType<scf::ParallelOp>() ? nested : outermost).push_back(loop);
    });
    // Post-order walk: inner loops come first, so each is rewritten before
    // the loop that contains it is cloned.
    for (scf::ParallelOp loop : nested)
      makeSequential(builder, loop);
    for (scf::ParallelOp loop : outermost) {
      int64_t work = workOf(*loop.getBody());
      builder.setInsertionPoint(loop);
      Value condition = worthThreads(builder, loop, work, module);
      auto branch = builder.create<scf::IfOp>(loop.getLoc(), condition,
                                              /*withElseRegion=*/true);
      builder.setInsertionPoint(branch.elseBlock()->getTerminator());
      buildSequentialNest(builder, loop);
      loop->moveBefore(branch.thenBlock()->getTerminator());
    }
  }
};

struct SetParallelThreadCountsPass
    : autograph::impl::SetParallelThreadCountsBase<SetParallelThreadCountsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    OpBuilder builder(&getContext());
    module.walk([&](omp::ParallelOp parallel) {
      if (parallel.getNumThreadsVar())
        return;
      builder.setInsertionPoint(parallel);
      Location loc = parallel.getLoc();
      Value threads = callRuntimeFunction(builder, loc, module,
                                          RuntimeFunction::num_threads, {})
                          ->getResult(0);
      Value count = builder.create<arith::TruncIOp>(loc, builder.getI32Type(), threads);
      parallel.getNumThreadsVarMutable().assign(count);
    });
    SmallVector<memref::AllocaScopeOp> scopes;
    module.walk([&](memref::AllocaScopeOp scope) {
      if (scope->getParentOfType<omp::LoopNestOp>() &&
          !allocatesOnStack(scope.getBodyRegion().front()))
        scopes.push_back(scope);
    });
    IRRewriter rewriter(&getContext());
    for (memref::AllocaScopeOp scope : scopes)
      inlineScope(rewriter, scope);
  }

  /// Whether `block` itself (not a nested scope) holds a memref.alloca.
  static bool allocatesOnStack(Block &block) {
    return block
        .walk([](Operation *op) {
          if (isa<memref::AllocaScopeOp>(op))
            return WalkResult::skip();
          return isa<memref::AllocaOp>(op) ? WalkResult::interrupt()
                                           : WalkResult::advance();
        })
        .wasInterrupted();
  }

  /// Moves `scope`'s body before it and replaces its results with the
  /// values its terminator returns.
  static void inlineScope(IRRewriter &rewriter, memref::AllocaScopeOp scope) {
    Block &body = scope.getBodyRegion().front();
    auto terminator = cast<memref::AllocaScopeReturnOp>(body.getTerminator());
    SmallVector<Value> results(terminator.getResults());
    rewriter.eraseOp(terminator);
    rewriter.inlineBlockBefore(&body, scope);
    rewriter.replaceOp(scope, results);
  }
};

} // namespace
