/*
 * Agreements of chapter 12's code with itself and with common/: the float model
 * with the double one, the KV cache with the whole window, GELU's float tanh with
 * the library's, and the softmax with cross-entropy with chapter 04's (common/loss.h).
 * Tests of the reference only (never run against exercises.c).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/loss.h"
#include "../../common/rng.h"
#include "generate.h"
#include "gpt.h"

/* A small model with random weights (biases and gains too), as double and as float. */
static Shape small(double **w, float **wf, unsigned long seed)
{
    const Shape s = shape_new(2, 2, 16, 12, 9);
    Rng r;
    rng_seed(&r, seed);
    *w = nn_alloc(s.n, sizeof(double), "weights");
    *wf = nn_alloc(s.n, sizeof(float), "weights");
    for (size_t i = 0; i < s.n; i++)
        (*w)[i] = 0.3 * rng_normal(&r), (*wf)[i] = (float)(*w)[i];
    return s;
}

Test(agree, float_gradient_is_the_double_one)
{
    double *w;
    float *wf;
    const Shape s = small(&w, &wf, 1);
    const int B = 3, T = s.T;
    int ids[3 * 12], tg[3 * 12];
    for (int i = 0; i < B * T; i++)
        ids[i] = (i * 5) % s.V, tg[i] = (i * 7 + 3) % s.V;
    Acts_f64 a;
    acts_init_f64(&a, &s, B);
    Acts_f32 af;
    acts_init_f32(&af, &s, B);
    double *g = nn_alloc(s.n, sizeof(double), "g");
    float *gf = nn_alloc(s.n, sizeof(float), "gf");
    const double E = gpt_forward_f64(&a, &s, w, ids, tg, B, T), Ef = gpt_forward_f32(&af, &s, wf, ids, tg, B, T);
    gpt_backward_f64(g, &a, &s, w, ids);
    gpt_backward_f32(gf, &af, &s, wf, ids);
    cr_assert(fabs(E - Ef) < 1e-5 * E, "loss: double %.9f, float %.9f", E, Ef);
    double diff = 0, big = 0;
    for (size_t i = 0; i < s.n; i++)
        diff = fmax(diff, fabs(g[i] - gf[i])), big = fmax(big, fabs(g[i]));
    cr_assert(diff < 1e-4 * big, "float's gradient differs from double's by %g of its largest number", diff / big);
    acts_free_f64(&a), acts_free_f32(&af);
    free(w), free(wf), free(g), free(gf);
}

Test(agree, kv_cache_gives_the_whole_windows_logits)
{
    double *w;
    float *wf;
    const Shape s = small(&w, &wf, 2);
    Reader fast = reader_new(&s, wf, 1), slow = reader_new(&s, wf, 0);
    for (int i = 0; i < 3 * s.T; i++) {             // past the window's end twice: the cache refilled
        const int id = (i * i + 3) % s.V;
        reader_push(&fast, id), reader_push(&slow, id);
        cr_assert_eq(fast.n, slow.n);
        for (int j = 0; j < s.V; j++)
            cr_assert(fabsf(fast.logits[j] - slow.logits[j]) < 1e-5f * (1 + fabsf(slow.logits[j])),
                      "byte %d, logit %d: %.7f with the cache, %.7f without", i, j, fast.logits[j], slow.logits[j]);
    }
    reader_free(&fast), reader_free(&slow);
    free(w), free(wf);
}

Test(agree, gelu_float_tanh_within_4e_7)
{
    enum { n = 20001 };
    double *x = nn_alloc(n, sizeof(double), "x"), *y = nn_alloc(n, sizeof(double), "y");
    float *xf = nn_alloc(n, sizeof(float), "x"), *yf = nn_alloc(n, sizeof(float), "y");
    for (int i = 0; i < n; i++)
        xf[i] = (float)(-10 + i * 0.001), x[i] = xf[i];
    gelu_forward_f64(y, x, n);
    gelu_forward_f32(yf, xf, n);
    for (int i = 0; i < n; i++)     // gelu = x/2 (1 + tanh u): tanh's error times |x|/2, plus float's rounding
        cr_assert(fabs(yf[i] - y[i]) <= 4e-7 * fabs(x[i]) / 2 + 2e-7 * fabs(y[i]) + 1e-12, "gelu(%g): float %.9g, "
                  "double %.9g", x[i], yf[i], y[i]);
    free(x), free(y), free(xf), free(yf);
}

Test(agree, softmax_cross_entropy_is_chapter_04s)
{
    enum { N = 5, V = 6 };
    Rng r;
    rng_seed(&r, 3);
    Mat Z = mat_new(N, V), Y = mat_new(N, V), dZ = mat_new(N, V);
    double z[N * V];
    const int labels[N] = {0, 5, 2, 2, 4};
    for (int i = 0; i < N * V; i++)
        z[i] = Z.data[i] = 3 * rng_normal(&r);
    const double E = softmax_cross_entropy_f64(z, labels, N, V, 1);
    cr_assert(fabs(E - loss_cross_entropy(&Z, labels)) < 1e-12, "loss %.15f, chapter 04's %.15f", E,
              loss_cross_entropy(&Z, labels));
    loss_softmax(&Y, &Z);
    loss_softmax_backward(&dZ, &Y, labels);
    for (int i = 0; i < N * V; i++)
        cr_assert(fabs(z[i] - dZ.data[i]) < 1e-15, "dE/dz[%d]: %.17g, chapter 04's %.17g", i, z[i], dZ.data[i]);
    mat_free(&Z), mat_free(&Y), mat_free(&dZ);
}
