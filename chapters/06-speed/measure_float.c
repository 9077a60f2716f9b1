/**
 * @file measure_float.c
 * @brief Chapter 06: measure.c compiled a second time, as float (see real.h).
 */
#define GEMM_FLOAT
#include "measure.c"
