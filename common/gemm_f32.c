/**
 * @file gemm_f32.c
 * @brief gemm.c compiled a second time, in float.
 */
#define GEMM_F32
#include "gemm.c"
