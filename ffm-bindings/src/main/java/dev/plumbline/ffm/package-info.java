/**
 * Panama FFM bindings: the native kernel library (C, and CUDA where nvcc exists), BLAS and
 * cuBLAS downcalls, and the {@code native} kernel backend, tested against the Java Vector API
 * reference. See docs/ARCHITECTURE.md.
 */
package dev.plumbline.ffm;
