/**
 * @file chapters/12-gpt/attention_f32.c
 * @brief attention.c compiled a second time, in float (real.h).
 */
#define REAL_F32
#include "attention.c"
