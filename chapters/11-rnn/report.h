/**
 * @file chapters/11-rnn/report.h
 * @brief Chapter 11's report around the training: the text, the yardstick, samples, a unit's state, the files.
 */
#ifndef CH11_REPORT_H
#define CH11_REPORT_H

#include "../../common/rng.h"
#include "../../common/text.h"
#include "model.h"
#include "options.h"

/** Say what text was read and how it was split. */
void report_text(const Text *t, const Options *o);

/** The bigram counts (add-one) of the training text, their mean loss on the validation text (printed, returned). */
double report_bigram(const Text *t);

/** summary.csv: the model and its validation loss beside the bigram counts' (the loss plot's yardstick). */
void report_summary(const Model *m, const Options *o, double val, double bigram);

/**
 * Text made up by the model: --sample characters at --temperature after the
 * prompt (printed); samples.txt: 300 characters at each of 0.5, 1.0 and 1.5.
 */
void report_samples(const Model *m, const Text *t, const Options *o, const int *prompt, long n_prompt, Rng *rng);

/**
 * What hidden units follow: over the first 20 000 bytes of the validation
 * text, each unit's correlation with three features of the text (inside
 * quotes, the position in the line, the position in the word); the best unit
 * of each printed, and state.csv: the best of them along the first 600 bytes.
 */
void report_state(const Model *m, const Text *t, const Options *o);

#endif
