/*
 * Just enough of CUDA C++ for plumbline_cuda.cu to compile with g++ and run on the CPU, so its
 * kernels are tested where there is no GPU (the emulated library, plc_is_emulated() = 1).
 *
 * A launch runs the grid's blocks one after another on the calling thread. A block's threads are
 * fibers (ucontext): each runs until __syncthreads(), where it yields to the scheduler, which runs
 * every other fiber of the block to the same barrier before resuming the first. That is exactly
 * the barrier semantics the kernels rely on, with no OS threads and no data races, so a result is
 * deterministic. __shared__ variables are function statics: one instance, shared by the fibers of
 * the block that runs, which is what shared memory is. No warp intrinsics: the kernels reduce
 * through shared memory so that this stays small.
 */
#ifndef PLUMBLINE_CUDA_EMU_H
#define PLUMBLINE_CUDA_EMU_H

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <ucontext.h>
#include <vector>

struct dim3 {
    unsigned x, y, z;
    dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};

inline dim3 threadIdx, blockIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static
#define __launch_bounds__(...)

inline int min(int a, int b) { return a < b ? a : b; }

namespace plemu {
/* Per fiber: enough for the kernels' register arrays (attention keeps about 1 KB per thread). */
constexpr size_t STACK_BYTES = 64 * 1024;

inline ucontext_t scheduler;
inline std::vector<ucontext_t> fibers;
inline std::vector<int> finished;
inline std::vector<char> stacks;
inline std::vector<char> dynamic_shared;
inline unsigned current;
inline const std::function<void()> *body;

inline void syncthreads() {
    swapcontext(&fibers[current], &scheduler);
}

inline void fiber_entry() {
    (*body)();
    finished[current] = 1; /* returns to uc_link, the scheduler */
}

inline void set_thread(unsigned t) {
    current = t;
    threadIdx = dim3(t % blockDim.x, (t / blockDim.x) % blockDim.y, t / (blockDim.x * blockDim.y));
}

inline void launch(dim3 grid, dim3 block, size_t shared_bytes, const std::function<void()> &kernel) {
    gridDim = grid;
    blockDim = block;
    unsigned threads = block.x * block.y * block.z;
    fibers.resize(threads);
    finished.resize(threads);
    if (stacks.size() < threads * STACK_BYTES) {
        stacks.resize(threads * STACK_BYTES);
    }
    dynamic_shared.assign(shared_bytes + 16, 0);
    body = &kernel;
    for (unsigned bz = 0; bz < grid.z; bz++) {
        for (unsigned by = 0; by < grid.y; by++) {
            for (unsigned bx = 0; bx < grid.x; bx++) {
                blockIdx = dim3(bx, by, bz);
                for (unsigned t = 0; t < threads; t++) {
                    getcontext(&fibers[t]);
                    fibers[t].uc_stack.ss_sp = &stacks[t * STACK_BYTES];
                    fibers[t].uc_stack.ss_size = STACK_BYTES;
                    fibers[t].uc_link = &scheduler;
                    makecontext(&fibers[t], fiber_entry, 0);
                    finished[t] = 0;
                }
                bool running = true;
                while (running) { /* one round = every live fiber to its next barrier (or its end) */
                    running = false;
                    for (unsigned t = 0; t < threads; t++) {
                        if (!finished[t]) {
                            set_thread(t);
                            swapcontext(&scheduler, &fibers[t]);
                            running = true;
                        }
                    }
                }
            }
        }
    }
}
} // namespace plemu

#define __syncthreads() plemu::syncthreads()
#define PLC_DYNAMIC_SHARED(type, name) type *name = reinterpret_cast<type *>(plemu::dynamic_shared.data())
#define PLC_LAUNCH(kernel, grid, block, shared, stream, ...) \
    plemu::launch((grid), (block), (shared), [&] { kernel(__VA_ARGS__); })

#endif
