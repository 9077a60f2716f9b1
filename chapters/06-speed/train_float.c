/**
 * @file train_float.c
 * @brief Chapter 06: train.c compiled a second time, as float (see real.h).
 */
#define GEMM_FLOAT
#include "train.c"
