/**
 * @file chapters/10-words/counting.c
 * @brief The counting model and the one-layer network trained on the same pairs.
 */
#include "counting.h"

#include <math.h>
#include <string.h>

#include "../../common/loss.h"
#include "language.h"

void bigram_from(Bigram *m, const Examples *e, double smoothing)
{
    assert(e->context == 1);
    memset(&m->N, 0, sizeof m->N);
    m->smoothing = smoothing;
    bigram_count(&m->N, e->x, e->y, e->n);
}

double bigram_loss(const Bigram *m, const Examples *e)
{
    return bigram_nll(&m->N, m->smoothing, e->x, e->y, e->n);
}

double onelayer_loss(const Mat *W, const Bigram *m)
{
    double E = 0, n = 0, y[VOCAB];
    for (int a = 0; a < VOCAB; a++) {
        Mat row = mat_rows(W, a, 1), Y = {1, VOCAB, y};
        loss_softmax(&Y, &row);
        for (int b = 0; b < VOCAB; b++)
            if (m->N.n[a][b] > 0)
                E -= m->N.n[a][b] * log(y[b]), n += m->N.n[a][b];
    }
    return E / n;
}

//! [onelayer]
void onelayer_train(Mat *W, const Bigram *train, const Bigram *val, int steps, double lr, FILE *f)
{
    double n = 0, Na[VOCAB], y[VOCAB];
    for (int a = 0; a < VOCAB; a++) {
        Na[a] = 0;
        for (int b = 0; b < VOCAB; b++)
            Na[a] += train->N.n[a][b];
        n += Na[a];
    }
    mat_fill(W, 0.0);                           // every prediction uniform: loss log 27
    for (int step = 1; step <= steps; step++) {
        for (int a = 0; a < VOCAB; a++) {       // one row of W per previous character
            Mat row = mat_rows(W, a, 1), Y = {1, VOCAB, y};
            loss_softmax(&Y, &row);
            for (int b = 0; b < VOCAB; b++)     // W -= lr (N_a softmax(W_a) - N_ab) / n
                row.data[b] -= lr * (Na[a] * y[b] - train->N.n[a][b]) / n;
        }
        if (f && ((step & (step - 1)) == 0 || step == steps))
            fprintf(f, "%d,%.9g,%.9g\n", step, onelayer_loss(W, train), onelayer_loss(W, val));
    }
}
//! [onelayer]
