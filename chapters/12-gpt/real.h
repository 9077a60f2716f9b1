/**
 * @file chapters/12-gpt/real.h
 * @brief The number the model computes in: float to train, double to check.
 *
 * Training runs in float: twice the numbers in each vector register, half the
 * memory, twice the speed of the products. The gradients that are checked
 * (`--gradients`, `--check`, the tests) are computed in double. So the model's
 * arithmetic (layernorm.c, attention.c, blocks.c, gpt.c) is written once over a
 * type `real`, as common/gemm.c is: compiled as it stands, `real` is double and
 * `R(f)` names the function `f_f64`; each `*_f32.c` compiles its file again with
 * REAL_F32 defined, `real` float and `R(f)` `f_f32`. The arithmetic is type-generic
 * (`<tgmath.h>`: exp() of a float is expf()), so the two are the same code.
 *
 * gpt.h declares the functions for the precision in force where it is included;
 * a file that uses both (main.c) includes it once for each.
 */
#undef real
#undef R
#undef gemm_real
#ifdef REAL_F32
#define real float
#define R(name) name##_f32
#define gemm_real gemm_f32
#else
/** The number type: double, or float where REAL_F32 is defined. */
#define real double
/** The name of a function (or type) for this precision: R(gpt_forward) is gpt_forward_f64 or gpt_forward_f32. */
#define R(name) name##_f64
/** common/gemm.h's product for this precision. */
#define gemm_real gemm_f64
#endif
