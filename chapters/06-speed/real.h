/**
 * @file real.h
 * @brief Chapter 06: one source, two precisions.
 *
 * The kernels are written once over a type `real`. A file that includes this
 * header is compiled as double; its `*_float.c` twin defines GEMM_FLOAT and
 * includes the same file again, which compiles it as float. `R(name)` is
 * `name_d` in the first and `name_s` in the second, and `Gemm` the matching
 * struct of gemm.h. Include it once per translation unit, after gemm.h.
 */
#ifndef CH06_REAL_H
#define CH06_REAL_H

#include "gemm.h"

#ifdef GEMM_FLOAT
typedef float real;
typedef GemmS Gemm;
#define R(name) name##_s
#else
/** The numbers of this compilation: double, or float when GEMM_FLOAT is defined. */
typedef double real;
/** The product struct of gemm.h for real. */
typedef GemmD Gemm;
/** A function's name for real: name_d, or name_s for float. */
#define R(name) name##_d
#endif

// [vector]
#if defined(__AVX512F__)
#define VEC_BYTES 64        // one AVX-512 register: 8 doubles or 16 floats
#else
/** Bytes of one SIMD vector: 64 with AVX-512, else 32 (one AVX register, two SSE or NEON ones). */
#define VEC_BYTES 32
#endif
/** VL numbers of type real that one instruction adds or multiplies together (a GCC/Clang vector). */
typedef real vec __attribute__((vector_size(VEC_BYTES)));
/** The same vector, read or written at any address of a real (packed rows need not be aligned). */
typedef real vec_at __attribute__((vector_size(VEC_BYTES), aligned(sizeof(real)), may_alias));
/** Numbers in one vector. */
enum { VL = VEC_BYTES / sizeof(real) };
// [vector]

// [macros]
/** op(A)[i][p] of a product g, through its strides. */
#define A_(g, i, p) ((g)->a[(long)(i) * (g)->ars + (long)(p) * (g)->acs])
/** op(B)[p][j]. */
#define B_(g, p, j) ((g)->b[(long)(p) * (g)->brs + (long)(j) * (g)->bcs])
/** C[i][j]. */
#define C_(g, i, j) ((g)->c[(long)(i) * (g)->ldc + (j)])
// [macros]

#endif
