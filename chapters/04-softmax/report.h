/**
 * @file chapters/04-softmax/report.h
 * @brief Chapter 04's network measured on a whole set, its report, and the files its plots read.
 *
 * The loss and accuracy of a set (evaluate()), the first batch's loss beside
 * chance level, the confusion matrix (printed and as `confusion.csv`), the first training
 * images of each class (`samples.dat`, `samples.csv`), the test images the
 * network was surest of and got wrong (`mistakes.dat`, `mistakes.csv`), and
 * softmax regression's weight columns as images (`templates.dat`,
 * `templates.csv`). The `.dat` files are mosaics of images for gnuplot; the
 * `.csv` files place the labels under them.
 */
#ifndef CH04_REPORT_H
#define CH04_REPORT_H

#include "../../common/idx.h"
#include "../../common/weights.h"

/** The number of classes: Fashion-MNIST's ten (or MNIST's ten digits). */
#define CLASSES 10

/** A network's results on a set of images. */
typedef struct {
    double loss;        /**< mean cross-entropy */
    int correct;        /**< images whose largest output is their class */
    int *pred;          /**< the predicted class of each image (or NULL: not kept) */
    double *prob;       /**< the output of the predicted class of each image (or NULL) */
} Eval;

/**
 * The mean cross-entropy of net on s and how many images it gets right, in
 * forward passes of 1000 images; with e->pred and e->prob allocated (s->n
 * each), each image's predicted class (the first largest output) and that output.
 */
void evaluate(const Weights *net, const ImageSet *s, Eval *e);

/**
 * After training: the first batch's loss beside the loss of a network that
 * cannot tell the classes apart, in words (its value is the puzzle
 * chance_loss()), and, when the last epoch's mean loss is above it, that the steps overshoot.
 */
void report_yardstick(double first, double last);

/**
 * Print the test accuracy and the confusion matrix of e on s: a row per true
 * class, a column per predicted class, and each class's accuracy; conf
 * receives the counts (conf[true][predicted]).
 */
void report_confusion(const ImageSet *s, const Eval *e, const char *const *names, int conf[CLASSES][CLASSES]);

/** Write conf as dir/confusion.csv: a line per (true, predicted) pair with its count and the two names. */
void write_confusion(const char *dir, const char *const *names, int conf[CLASSES][CLASSES]);

/** Write the first ten training images of each class, a row per class, as dir/samples.dat and dir/samples.csv. */
void write_samples(const char *dir, const ImageSet *s, const char *const *names);

/** Write the 16 images of s that e got wrong with the highest output, surest first: dir/mistakes.csv and .dat. */
void write_mistakes(const char *dir, const ImageSet *s, const Eval *e, const char *const *names);

/** Write the columns of a softmax regression's W1 (one per class) as images of s's size: dir/templates.dat and .csv. */
void write_templates(const char *dir, const Weights *net, const ImageSet *s, const char *const *names);

#endif
