/**
 * @file gemm_float.c
 * @brief Chapter 06: gemm.c compiled a second time, as float (see real.h).
 */
#define GEMM_FLOAT
#include "gemm.c"
