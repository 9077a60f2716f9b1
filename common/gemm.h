/**
 * @file gemm.h
 * @brief The fast matrix product of chapter 06, for the chapters after it: C (+)= op(A) op(B).
 *
 * Chapter 06 builds it step by step and keeps its five kernels as the lesson;
 * this is its fourth and fifth, the packed kernel (Goto's blocking around a
 * register-blocked SIMD micro-kernel) and its threads, as a tool. Its test
 * (chapters/06-speed/agree_gemm.c) checks that the two agree. The teaching
 * product of matrix.h stays what chapters 01-05 use: their arithmetic is plain
 * C, the same bits with any compiler; this file is built for the machine it
 * runs on (-march=native, fused multiply-adds, OpenMP), so its sums may differ
 * in the last bits between compilers, machines and vector widths. They do not
 * depend on the number of threads: each element of C is summed by one thread,
 * in the same order.
 *
 * Shapes and strides: op(A) is m x k, element (i, p) at `a[i * ars + p * acs]`
 * (A row-major: ars = its row length, acs = 1; its transpose: ars = 1, acs = its
 * row length); op(B) is k x n, element (p, j) at `b[p * brs + j * bcs]`; C is
 * m x n, element (i, j) at `c[i * ldc + j]`. With accumulate, C += op(A) op(B);
 * otherwise C is overwritten. Called from inside a parallel region (a chapter's
 * own loop over independent pieces), a product runs on the calling thread alone.
 */
#ifndef NN_GEMM_H
#define NN_GEMM_H

#include "matrix.h"

/** C (+)= op(A) op(B) in double (shapes and strides above). */
void gemm_f64(int m, int n, int k, const double *a, long ars, long acs, const double *b, long brs, long bcs,
              double *c, long ldc, int accumulate);

/** The same in float. */
void gemm_f32(int m, int n, int k, const float *a, long ars, long acs, const float *b, long brs, long bcs, float *c,
              long ldc, int accumulate);

/**
 * out (+)= op(a) op(b) for the course's matrices, op(x) = x or its transpose
 * (ta, tb nonzero); shapes checked like matrix.h's products (a mismatch names
 * both shapes). out may not be a or b.
 */
void gemm_mat(Mat *out, const Mat *a, int ta, const Mat *b, int tb, int accumulate);

/** Use this many threads for the products (0: every core; the default is 1). */
void gemm_use_threads(int threads);

/** The threads the products use. */
int gemm_thread_count(void);

/** The cores the machine offers (1 without OpenMP). */
int gemm_core_count(void);

#endif
