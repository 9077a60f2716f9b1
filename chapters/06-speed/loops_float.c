/**
 * @file loops_float.c
 * @brief Chapter 06: loops.c compiled a second time, as float (see real.h).
 */
#define GEMM_FLOAT
#include "loops.c"
