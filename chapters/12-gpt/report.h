/**
 * @file chapters/12-gpt/report.h
 * @brief What chapter 12 prints and writes besides the training: the text, the yardsticks, samples, attention.
 */
#ifndef CH12_REPORT_H
#define CH12_REPORT_H

#include "../../common/rng.h"
#include "../../common/text.h"
#include "model.h"
#include "options.h"

/** Chapter 11's best validation loss, nats a byte (its page: the LSTM of --preset best, 2026-12-02). */
#define CH11_BEST 1.7384

/** What the program reads: the corpus, its two sets, the vocabulary. */
void report_text(const Text *t, const Options *o);

/** The bigram counts' validation loss (common/sample.h), printed; returned. */
double report_bigram(const Text *t);

/** The shape and the number of weights, and where they are. */
void report_model(const Shape *s, const Options *o);

/** summary.csv: the shape, the steps trained, the losses and the yardsticks. */
void report_summary(const Shape *s, const Options *o, long steps, double val, double bigram);

/**
 * Text made up by the model wf after the prompt: o->sample bytes printed, with
 * the bytes a second each way (with the KV cache and without) into speed.csv
 * beside the training's tokens/s; samples.txt at three temperatures.
 */
void report_samples(const Shape *s, const float *wf, const Text *t, const Options *o, const int *prompt, long n_prompt,
                    double train_tokens_per_s, Rng *rng);

/** attention.csv: every head's weights of the first and last block over a line of the validation text. */
void report_attention(const Shape *s, const float *wf, const Text *t, const Options *o);

#endif
