/**
 * @file machine_float.c
 * @brief Chapter 06: machine.c's peak compiled a second time, as float (see real.h).
 */
#define GEMM_FLOAT
#include "machine.c"
