/**
 * @file chapters/12-gpt/model.c
 * @brief The layout of the parameters, their names in the file, the starting weights, and AdamW.
 */
#include "model.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"

Shape shape_new(int L, int H, int E, int T, int V)
{
    Shape s = {.L = L, .H = H, .E = E, .T = T, .V = V};
    size_t at = 0;
    BlockAt *b = &s.at;
    const size_t E2 = (size_t)E * E;
    b->ln1_g = at, at += E;
    b->ln1_b = at, at += E;
    b->Wqkv = at, at += 3 * E2;
    b->bqkv = at, at += 3 * (size_t)E;
    b->Wo = at, at += E2;
    b->bo = at, at += E;
    b->ln2_g = at, at += E;
    b->ln2_b = at, at += E;
    b->W1 = at, at += 4 * E2;
    b->b1 = at, at += 4 * (size_t)E;
    b->W2 = at, at += 4 * E2;
    b->b2 = at, at += E;
    const size_t per_block = at;
    s.tok = 0;
    s.pos = (size_t)V * E;
    size_t n = s.pos + (size_t)T * E;
    for (int l = 0; l < L; l++)
        s.block[l] = n, n += per_block;
    s.lnf_g = n, n += E;
    s.lnf_b = n, n += E;
    s.Wout = n, n += (size_t)E * V;
    s.bout = n, n += V;
    s.n = n;
    return s;
}

void shape_comment(const Shape *s, const unsigned char *byte_of, char out[SHAPE_LEN])
{
    int n = snprintf(out, SHAPE_LEN, "layers %d heads %d embed %d context %d vocab %d bytes ", s->L, s->H, s->E,
                     s->T, s->V);
    for (int i = 0; i < s->V; i++)
        n += snprintf(out + n, SHAPE_LEN - (size_t)n, "%02x", byte_of[i]);
}

/* The bytes after "bytes " in text: V pairs of hex digits and the end of the line. 0, or -1. */
static int read_bytes(const char *text, int V, unsigned char byte_of[256])
{
    for (int i = 0; i < V; i++) {
        unsigned b;
        if (!isxdigit((unsigned char)text[2 * i]) || !isxdigit((unsigned char)text[2 * i + 1]) ||
            sscanf(text + 2 * i, "%2x", &b) != 1)
            return -1;
        byte_of[i] = (unsigned char)b;
    }
    return text[2 * V] == '\0' || text[2 * V] == '\n' || text[2 * V] == '\r' ? 0 : -1;
}

int shape_read(Shape *s, unsigned char byte_of[256], const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read it", path);
        return -1;
    }
    char line[SHAPE_LEN + 64];
    int L, H, E, T, V, end = 0;
    const int got = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    if (!got || sscanf(line, "# layers %d heads %d embed %d context %d vocab %d%n", &L, &H, &E, &T, &V, &end) != 5 ||
        end == 0) {
        snprintf(err, errlen, "%s:1: expected the shape, '# layers L heads H embed E context T vocab V' (a ch12 "
                 "weight file)", path);
        return -1;
    }
    if (L < 1 || L > MAX_LAYERS || H < 1 || H > 64 || E < 1 || E > 2048 || E % H || T < 1 || T > 1024 || V < 1 ||
        V > 256) {
        snprintf(err, errlen, "%s:1: the shape '%.*s' is not a model's (layers 1-%d, heads 1-64, embed 1-2048 and a "
                 "multiple of heads, context 1-1024, vocab 1-256)", path, (int)strcspn(line + 2, "\n"), line + 2,
                 MAX_LAYERS);
        return -1;
    }
    int listed = 0;
    if (strncmp(line + end, " bytes ", 7) == 0) {
        if (read_bytes(line + end + 7, V, byte_of) != 0) {
            snprintf(err, errlen, "%s:1: after 'bytes', expected the %d bytes of the vocabulary as %d hex digits",
                     path, V, 2 * V);
            return -1;
        }
        listed = 1;
    }
    *s = shape_new(L, H, E, T, V);
    return listed;
}

static void add(Params *out, const char *name, int rows, int cols, double *w, size_t at)
{
    out->p[out->n++] = (Param){.name = name, .rows = rows, .cols = cols, .data = w + at};
}

void params_of(Params *out, const Shape *s, double *w)
{
    static const char *base[12] = {"ln1_g", "ln1_b", "Wqkv", "bqkv", "Wo", "bo",
                                   "ln2_g", "ln2_b", "W1", "b1", "W2", "b2"};
    const int E = s->E;
    out->n = 0;
    add(out, "tok", s->V, E, w, s->tok);
    add(out, "pos", s->T, E, w, s->pos);
    for (int l = 0; l < s->L; l++) {
        const size_t at[12] = {s->at.ln1_g, s->at.ln1_b, s->at.Wqkv, s->at.bqkv, s->at.Wo, s->at.bo,
                               s->at.ln2_g, s->at.ln2_b, s->at.W1, s->at.b1, s->at.W2, s->at.b2};
        const int rows[12] = {1, 1, E, 1, E, 1, 1, 1, E, 1, 4 * E, 1};
        const int cols[12] = {E, E, 3 * E, 3 * E, E, E, E, E, 4 * E, 4 * E, E, E};
        for (int k = 0; k < 12; k++) {
            char *name = out->names[12 * l + k];
            snprintf(name, sizeof out->names[0], "%s%d", base[k], l + 1);
            add(out, name, rows[k], cols[k], w, s->block[l] + at[k]);
        }
    }
    add(out, "lnf_g", 1, E, w, s->lnf_g);
    add(out, "lnf_b", 1, E, w, s->lnf_b);
    add(out, "Wout", E, s->V, w, s->Wout);
    add(out, "bout", 1, s->V, w, s->bout);
}

int decays(const char *name)
{
    return name[0] == 'W' || strcmp(name, "tok") == 0 || strcmp(name, "pos") == 0;
}

void model_init(const Shape *s, double *w, Rng *rng)
{
    Params ps;
    params_of(&ps, s, w);
    const double out_scale = 0.02 / sqrt(2.0 * s->L);
    for (int i = 0; i < ps.n; i++) {
        const Param *p = &ps.p[i];
        const size_t n = (size_t)p->rows * p->cols;
        const int gain = strstr(p->name, "_g") != NULL, matrix = p->rows > 1;   // the rest: biases
        const int writes = (strncmp(p->name, "Wo", 2) == 0 && p->name[2] != 'u') || strncmp(p->name, "W2", 2) == 0;
        const double sd = writes ? out_scale : 0.02;                             // Wo<l> and W2<l>, not Wout
        for (size_t k = 0; k < n; k++)
            p->data[k] = gain ? 1.0 : matrix ? sd * rng_normal(rng) : 0.0;
    }
}

AdamW adamw_new(const Shape *s, double lambda)
{
    AdamW a = {.opt = optim_new(OPTIM_ADAM), .s = *s};
    a.opt.beta2 = 0.95;                         // GPT-2's and nanoGPT's: it follows a changing gradient sooner
    a.opt.weight_decay = lambda;
    a.m = nn_alloc(s->n, sizeof(double), "AdamW's first moments");
    a.v = nn_alloc(s->n, sizeof(double), "AdamW's second moments");
    return a;
}

//! [adamw]
/* Adam on every matrix, with the decay w <- w - lr lambda w only on those decays() names. */
void adamw_step(AdamW *a, double *w, const double *g, double lr)
{
    Params ps;
    params_of(&ps, &a->s, w);
    optim_begin(&a->opt);
    for (int i = 0; i < ps.n; i++) {
        const size_t at = (size_t)(ps.p[i].data - w), n = (size_t)ps.p[i].rows * ps.p[i].cols;
        optim_update(&a->opt, w + at, g + at, a->m + at, a->v + at, n, lr, decays(ps.p[i].name));
    }
}
//! [adamw]

void adamw_free(AdamW *a)
{
    free(a->m), free(a->v);
}
