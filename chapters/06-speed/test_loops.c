/*
 * Tests of chapter 06's loops. `make check` runs them against the reference
 * loops.c (all must pass) and against the shipped stubs of exercises.c (all
 * must fail); `make ex06` runs them against your exercises.c. The kernels are
 * checked in double against the naive kernel, which is not an exercise.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "gemm.h"
#include "../../common/rng.h"

TestSuite(ex06, .timeout = 10.0);

/* A product of random matrices, op(A) m x k, op(B) k x n, stored transposed or not with
 * 2 spare numbers after each row; C holds NaN until a kernel writes it. */
typedef struct {
    GemmD g;
    double *a, *b, *c;
} Case;

static Case case_new(int m, int n, int k, int ta, int tb)
{
    Case t;
    Rng rng;
    rng_seed(&rng, 6);
    const long lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 2, ldc = n + 2;
    t.a = malloc(sizeof(double) * (size_t)((ta ? k : m) * lda + 1));
    t.b = malloc(sizeof(double) * (size_t)((tb ? n : k) * ldb + 1));
    t.c = malloc(sizeof(double) * (size_t)(m * ldc + 1));
    for (long i = 0; i < (ta ? k : m) * lda; i++)
        t.a[i] = rng_range(&rng, -1, 1);
    for (long i = 0; i < (tb ? n : k) * ldb; i++)
        t.b[i] = rng_range(&rng, -1, 1);
    for (long i = 0; i < m * ldc; i++)
        t.c[i] = NAN;
    t.g = (GemmD){.m = m, .n = n, .k = k, .a = t.a, .ars = ta ? 1 : lda, .acs = ta ? lda : 1,
                  .b = t.b, .brs = tb ? 1 : ldb, .bcs = tb ? ldb : 1, .c = t.c, .ldc = ldc};
    return t;
}

static void case_free(Case *t) { free(t->a), free(t->b), free(t->c); }

/* C of t against the naive kernel's: the first wrong element, or -1. */
static long first_wrong(const Case *t, double *got, double *want)
{
    Case r = *t;
    r.c = malloc(sizeof(double) * (size_t)(t->g.m * t->g.ldc + 1));
    r.g.c = r.c;
    gemm_naive_d(&r.g);
    long wrong = -1;
    for (int i = 0; i < t->g.m && wrong < 0; i++)
        for (int j = 0; j < t->g.n && wrong < 0; j++) {
            const long at = i * t->g.ldc + j;
            if (!(fabs(t->c[at] - r.c[at]) <= 1e-12 * (1 + t->g.k))) {
                wrong = i * t->g.n + j;
                *got = t->c[at], *want = r.c[at];
            }
        }
    free(r.c);
    return wrong;
}

static const int SHAPES[][3] = {{1, 1, 1}, {7, 7, 7}, {33, 7, 257}, {1, 65, 3}, {70, 300, 140}};

/* kernel against the naive kernel on every shape of SHAPES, transposed or not; the hint
 * for a wrong element (hint_nan when it is still NaN: the kernel never wrote it). */
static void check_kernel(void (*kernel)(const GemmD *), const char *what, const char *hint, const char *hint_nan)
{
    for (size_t s = 0; s < sizeof SHAPES / sizeof *SHAPES; s++)
        for (int t = 0; t < 4; t++) {
            Case c = case_new(SHAPES[s][0], SHAPES[s][1], SHAPES[s][2], t & 1, t >> 1);
            kernel(&c.g);
            double got = 0, want = 0;
            const long w = first_wrong(&c, &got, &want);
            cr_assert(w < 0, "%s, %dx%dx%d%s%s: C[%ld][%ld] is %g, the naive kernel gives %g. Hint: %s", what,
                      SHAPES[s][0], SHAPES[s][1], SHAPES[s][2], t & 1 ? ", A transposed" : "",
                      t >> 1 ? ", B transposed" : "", w / SHAPES[s][1], w % SHAPES[s][1], got, want,
                      isnan(got) ? hint_nan : hint);
            case_free(&c);
        }
}

Test(ex06, ikj_equals_naive)
{
    check_kernel(gemm_ikj_d, "gemm_ikj_d",
                 "for each i, each p: add A_(g, i, p) times row p of B to row i of C "
                 "(read through the A_, B_, C_ macros, so that transposes work).",
                 "C starts as garbage (NaN here): set each row of C to 0 before adding to it.");
}

Test(ex06, tile_touches_its_tile_only)
{
    Case c = case_new(10, 12, 9, 0, 0);
    for (int i = 0; i < 10; i++)
        for (int j = 0; j < 12; j++)
            c.c[i * c.g.ldc + j] = 1;
    gemm_tile_d(&c.g, 2, 5, 3, 8, 4, 7);        // rows 2-4, columns 3-7, terms 4-6
    for (int i = 0; i < 10; i++)
        for (int j = 0; j < 12; j++) {
            double want = 1;
            if (i >= 2 && i < 5 && j >= 3 && j < 8)
                for (int p = 4; p < 7; p++)
                    want += c.a[i * c.g.ars + p] * c.b[p * c.g.brs + j];
            const double got = c.c[i * c.g.ldc + j];
            cr_assert(fabs(got - want) < 1e-12,
                      "gemm_tile_d(g, 2, 5, 3, 8, 4, 7) on C full of 1: C[%d][%d] is %g, expected %g. Hint: %s", i, j,
                      got, want,
                      i >= 2 && i < 5 && j >= 3 && j < 8
                          ? "inside the tile add sum over p in [p0, p1) of A_(g, i, p) B_(g, p, j) to what C holds."
                          : "outside rows [i0, i1) and columns [j0, j1) C must stay as it is.");
        }
    case_free(&c);
}

Test(ex06, blocked_equals_naive)
{
    // sizes that cross the tile edges (GEMM_TILE_M, _N, _K) and leave partial tiles
    const int shapes[][3] = {{GEMM_TILE_M + 3, GEMM_TILE_N + 5, GEMM_TILE_K + 7}, {2 * GEMM_TILE_M, 9, 2 * GEMM_TILE_K + 1}};
    for (int s = 0; s < 2; s++) {
        Case c = case_new(shapes[s][0], shapes[s][1], shapes[s][2], s, 0);
        gemm_blocked_d(&c.g);
        double got = 0, want = 0;
        const long w = first_wrong(&c, &got, &want);
        cr_assert(w < 0,
                  "gemm_blocked_d (which calls your gemm_tile_d on every tile), %dx%dx%d: C[%ld][%ld] is %g, "
                  "the naive kernel gives %g. Hint: each tile covers rows [i0, i1), columns [j0, j1) and the "
                  "terms p in [p0, p1) only; the loops are i, then p, then j.",
                  shapes[s][0], shapes[s][1], shapes[s][2], w / shapes[s][1], w % shapes[s][1], got, want);
        case_free(&c);
    }
}

Test(ex06, pack_b_layout)
{
    // B is 5 x 7 with B[p][j] = 10 p + j: the numbers say where they came from
    double b[5 * 7], out[2 * 4 * 3];
    for (int p = 0; p < 5; p++)
        for (int j = 0; j < 7; j++)
            b[p * 7 + j] = 10 * p + j;
    GemmD g = {.m = 1, .n = 7, .k = 5, .b = b, .brs = 7, .bcs = 1};
    for (int t = 0; t < 2; t++) {
        double bt[7 * 5];                       // the same op(B), stored transposed
        for (int p = 0; p < 5; p++)
            for (int j = 0; j < 7; j++)
                bt[j * 5 + p] = b[p * 7 + j];
        if (t)
            g.b = bt, g.brs = 1, g.bcs = 5;
        for (int i = 0; i < 24; i++)
            out[i] = NAN;
        pack_b_d(&g, 1, 3, 1, 6, 4, out);       // rows 1-3, columns 1-6, slivers of 4 columns
        for (int s = 0; s < 2; s++)
            for (int p = 0; p < 3; p++)
                for (int c = 0; c < 4; c++) {
                    const int j = 1 + 4 * s + c;
                    const double want = j < 7 ? 10 * (1 + p) + j : 0, got = out[(s * 3 + p) * 4 + c];
                    cr_assert(got == want,
                              "pack_b_d(g, p0 1, kc 3, j0 1, nc 6, nr 4)%s, B[p][j] = 10p + j: out[%d] is %g, "
                              "expected %g (sliver %d, row %d, column %d). Hint: %s",
                              t ? " with B stored transposed" : "", (s * 3 + p) * 4 + c, got, want, s, p, c,
                              j >= 7 ? "the second sliver has only 2 columns inside B: pad it with zeros."
                                     : "sliver s holds, row by row, the nr numbers B_(g, p0 + p, j0 + s*nr + c).");
                }
    }
}

Test(ex06, packed_equals_naive)
{
    const char *hint = "the micro-kernel reads sliver s from out + s * kc, nr numbers per row p, "
                       "zeros past the last column.";
    check_kernel(gemm_packed_d, "gemm_packed_d (which packs B with your pack_b_d)", hint, hint);
}
