/**
 * @file chapters/12-gpt/layernorm_f32.c
 * @brief layernorm.c compiled a second time, in float (real.h).
 */
#define REAL_F32
#include "layernorm.c"
