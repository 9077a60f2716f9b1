/**
 * @file measure.h
 * @brief Chapter 06: every kernel checked against the naive one, and timed; OpenBLAS beside them.
 */
#ifndef CH06_MEASURE_H
#define CH06_MEASURE_H

#include <stdint.h>

#include "gemm.h"

/** The kernel number that stands for OpenBLAS's cblas_dgemm()/cblas_sgemm() in these functions. */
#define OPENBLAS 0

/**
 * Check `count` kernels on one product: C = op(A) op(B) for random A and B
 * (seeded), m x n x k, transposed as ta, tb, every matrix stored with padding
 * after each row, by each of `kernels` and once by the naive kernel. worst[q]
 * receives kernel q's largest difference as a fraction of the error bound
 * \f$2k\,u\,(|A|\,|B|)_{ij}\f$ (u: the precision's unit roundoff): at most 1 is
 * correct; infinity if the kernel wrote into C's padding.
 */
void verify_d(const Kernel *kernels, int count, int m, int n, int k, int ta, int tb, uint64_t seed, double *worst);
/** verify_d() in float. */
void verify_s(const Kernel *kernels, int count, int m, int n, int k, int ta, int tb, uint64_t seed, double *worst);

/**
 * GFLOP/s of `kernel` on C = A B with n x n matrices: \f$2n^3\f$ operations over
 * the best time of repeats that last at least min_time seconds together.
 */
double time_gemm_d(Kernel kernel, int n, double min_time);
/** time_gemm_d() in float. */
double time_gemm_s(Kernel kernel, int n, double min_time);

#endif
