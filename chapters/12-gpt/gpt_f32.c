/**
 * @file chapters/12-gpt/gpt_f32.c
 * @brief gpt.c compiled a second time, in float (real.h).
 */
#define REAL_F32
#include "gpt.c"
