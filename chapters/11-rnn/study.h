/**
 * @file chapters/11-rnn/study.h
 * @brief The gradient-norm experiment: vanishing and exploding gradients in a tanh RNN, and clipping.
 */
#ifndef CH11_STUDY_H
#define CH11_STUDY_H

#include "../../common/text.h"
#include "options.h"

/** The smaller of the two starting scales of Whh: the gradient shrinks at every step back. */
#define STUDY_SMALL 0.5
/** The larger: the gradient grows at every step back. */
#define STUDY_LARGE 3.0

/**
 * A tanh RNN of --hidden units on chunks of --seq: the norm of dE_T/dh_t for
 * the loss E_T of the chunk's last character alone, t = T-1 back to 0, at the
 * starting weights for Whh scales #STUDY_SMALL and #STUDY_LARGE (gradnorm.csv);
 * then the large start trained --steps with --clip and without (clip.csv: the
 * loss and the gradient's norm at each step; gradnorm.csv also gets the norms
 * after each training).
 */
void study(const Text *text, const Options *o);

#endif
