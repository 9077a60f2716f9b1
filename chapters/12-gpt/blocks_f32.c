/**
 * @file chapters/12-gpt/blocks_f32.c
 * @brief blocks.c compiled a second time, in float (real.h).
 */
#define REAL_F32
#include "blocks.c"
