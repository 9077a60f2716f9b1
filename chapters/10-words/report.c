/**
 * @file chapters/10-words/report.c
 * @brief Sampled words, the bigram table as a picture, the embedding projected to two dimensions.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../common/cli.h"
#include "language.h"

void sample_word(const Mlp *m, MlpCache *c, double T, Rng *rng, char *out)
{
    int ctx[64] = {0}, len = 0;                 // the start: the context is all '.'
    const int N = m->s.context;
    for (;;) {
        mlp_forward(m, ctx, NULL, 1, c);
        const int next = sample_next(c->Z.data, VOCAB, T, rng);
        if (next == 0 || len == SAMPLE_MAX)
            break;
        out[len++] = id_char(next);
        memmove(ctx, ctx + 1, sizeof(int) * (size_t)(N - 1));
        ctx[N - 1] = next;
    }
    out[len] = '\0';
}

void write_bigram(const char *dir, const Bigram *b)
{
    FILE *f = cli_open(dir, "bigram.csv", "previous,next,count,previous_char,next_char");
    for (int a = 0; a < VOCAB; a++)
        for (int c = 0; c < VOCAB; c++)
            fprintf(f, "%d,%d,%.0f,%c,%c\n", a, c, b->N.n[a][c], id_char(a), id_char(c));
    cli_done(f);
}

/* The unit vector v (D) along which the centred rows X (R x D) vary most, orthogonal to `not` (or NULL). */
static double principal(const Mat *X, const double *not, double *v)
{
    const int D = X->cols;
    double w[256];
    for (int d = 0; d < D; d++)
        v[d] = 1.0 + d;                         // any start not orthogonal to the answer
    double var = 0;
    for (int it = 0; it < 500; it++) {          // power iteration on X^T X
        double proj = 0, norm = 0;
        for (int d = 0; not && d < D; d++)
            proj += v[d] * not[d];
        for (int d = 0; d < D; d++)
            v[d] -= proj * (not ? not[d] : 0), w[d] = 0;
        for (int i = 0; i < X->rows; i++) {
            const double *x = X->data + (size_t)i * D;
            double s = 0;
            for (int d = 0; d < D; d++)
                s += x[d] * v[d];
            for (int d = 0; d < D; d++)
                w[d] += s * x[d];
        }
        for (int d = 0; d < D; d++)
            norm += w[d] * w[d];
        norm = sqrt(norm);
        if (norm == 0)
            break;
        for (int d = 0; d < D; d++)
            v[d] = w[d] / norm;
        var = norm;
    }
    int big = 0;                                // a sign of its own: the largest entry positive
    for (int d = 1; d < D; d++)
        big = fabs(v[d]) > fabs(v[big]) ? d : big;
    for (int d = 0; v[big] < 0 && d < D; d++)
        v[d] = -v[d];
    return var;
}

void write_embedding(const char *dir, const Mat *C)
{
    const int D = C->cols;
    Mat X = mat_new(C->rows, D);
    double mean[256] = {0}, v1[256], v2[256] = {0}, total = 0;
    assert(D <= 256);
    for (int i = 0; i < C->rows; i++)
        for (int d = 0; d < D; d++)
            mean[d] += C->data[(size_t)i * D + d] / C->rows;
    for (size_t i = 0; i < mat_size(&X); i++)
        X.data[i] = C->data[i] - mean[i % D], total += X.data[i] * X.data[i];
    const double l1 = principal(&X, NULL, v1), l2 = D > 1 ? principal(&X, v1, v2) : 0;
    char header[160];
    snprintf(header, sizeof header, "# the two directions hold %.0f%% and %.0f%% of the variance\nchar,x,y,vowel",
             100 * l1 / total, 100 * l2 / total);
    FILE *f = cli_open(dir, "embedding.csv", header);
    for (int i = 0; i < C->rows; i++) {
        double x = 0, y = 0;
        for (int d = 0; d < D; d++)
            x += X.data[(size_t)i * D + d] * v1[d], y += X.data[(size_t)i * D + d] * v2[d];
        const char c = id_char(i);
        fprintf(f, "%c,%.6g,%.6g,%d\n", c, x, y, strchr("aeiou", c) && c != '.' ? 1 : 0);
    }
    cli_done(f);
    mat_free(&X);
}

void print_word(const char *word, int real, long *column)
{
    const long width = 1 + (long)strlen(word) + real;
    if (*column > 1 && *column + width > 100) {
        printf("\n ");
        *column = 1;
    }
    printf(" %s%s", word, real ? "*" : "");
    *column += width;
}
