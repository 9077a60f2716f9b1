/**
 * @file chapters/12-gpt/check.h
 * @brief --check: every layer's backward pass against finite differences, and the whole model against chapter 08's tape.
 */
#ifndef CH12_CHECK_H
#define CH12_CHECK_H

/** Run every check, print a line for each (unless quiet: only failures); 1 when all pass. */
int check_all(int quiet);

#endif
