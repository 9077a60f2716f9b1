/**
 * @file checkpoint.c
 * @brief Chapter 09's checkpoints: whole files, renamed into place, state.txt last.
 */
#include "checkpoint.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/run.h"

/* The file names that dir/state.txt gives for key ("weights", "velocity", "order"), or "" when none. */
static void named_in_state(const char *dir, const char *key, char *name, size_t len)
{
    char path[4200], line[256], k[32], v[200];
    snprintf(path, sizeof path, "%s/state.txt", dir);
    name[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%31s %199s", k, v) == 2 && strcmp(k, key) == 0 && strcmp(v, "-") != 0)
            snprintf(name, len, "%s", v);
    fclose(f);
}

//! [write]
void checkpoint_write(const char *dir, const TrainState *s, const Weights *w, const Weights *v, const int *order,
                      int n)
{
    char wname[64], vname[64], oname[64], path[4200], old[3][200];
    snprintf(wname, sizeof wname, "weights-%08ld.txt", s->step);
    snprintf(vname, sizeof vname, "velocity-%08ld.txt", s->step);
    snprintf(oname, sizeof oname, "order-%08ld.txt", s->step);
    cli_make_dir(dir);
    static const char *const KEYS[3] = {"weights", "velocity", "order"};
    for (int k = 0; k < 3; k++)
        named_in_state(dir, KEYS[k], old[k], sizeof old[k]);     // the files of the checkpoint before
    run_save_weights(w, dir, wname, "ch09 checkpoint: the weights");  // 1. the data, each file whole
    if (v)
        run_save_weights(v, dir, vname, "ch09 checkpoint: the momentum's velocity");
    FILE *f = cli_open(dir, oname, NULL);
    fprintf(f, "# ch09 checkpoint: the order of the %d training images in this epoch\n", n);
    for (int i = 0; i < n; i++)
        fprintf(f, "%d%c", order[i], i % 20 == 19 || i == n - 1 ? '\n' : ' ');
    cli_done(f);
    f = cli_open(dir, "state.txt", NULL);                         // 2. then the file that names them
    fprintf(f, "# ch09 checkpoint: continue with --resume %s\n", dir);
    fprintf(f, "step %ld\nepoch %ld\nbatch %ld\nloss_sum %a\ncorrect %ld\n", s->step, s->epoch, s->batch,
            s->loss_sum, s->correct);
    fprintf(f, "rng %" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64 " %d %a\n", s->rng.s[0], s->rng.s[1],
            s->rng.s[2], s->rng.s[3], s->rng.has_spare, s->rng.spare);
    fprintf(f, "n_train %ld\nbatch_size %ld\nlr %a\nmomentum %a\n", s->n_train, s->batch_size, s->lr, s->momentum);
    fprintf(f, "weights %s\nvelocity %s\norder %s\n", wname, v ? vname : "-", oname);
    cli_done(f);                                                  // renamed: this step is the checkpoint now
    for (int k = 0; k < 3; k++)                                   // 3. the files of the one before go
        if (old[k][0] && strcmp(old[k], k == 0 ? wname : k == 1 ? vname : oname) != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, old[k]);
            remove(path);
        }
}
//! [write]

// ----------------------------------------------------------------------------
// reading

typedef struct {
    const char *path;
    int line;
    char *err;
    size_t errlen;
} Reader;

static int bad(Reader *r, const char *what)
{
    snprintf(r->err, r->errlen, "%s:%d: %s", r->path, r->line, what);
    return -1;
}

/* The order file: n numbers, each of 0 .. n-1 once. */
static int read_order(const char *path, int n, int **order, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    const size_t count = n > 0 ? (size_t)n : 0;
    int *o = nn_alloc(count, sizeof(int), "the checkpoint's order of the images");
    int *seen = nn_alloc(count, sizeof(int), "the check that each image comes once");
    int c, k = 0, ok = 1;
    while ((c = fgetc(f)) == '#')                   // the comment line
        while ((c = fgetc(f)) != EOF && c != '\n') {}
    if (c != EOF)
        ungetc(c, f);
    for (long x; ok && k < n && fscanf(f, "%ld", &x) == 1; k++) {
        ok = x >= 0 && x < n && !seen[x]++;
        o[k] = (int)x;
    }
    char extra;
    if (ok && (k != n || fscanf(f, " %c", &extra) == 1))
        ok = 0;
    fclose(f);
    free(seen);
    if (!ok) {
        free(o);
        snprintf(err, errlen, "%s: expected each of the %d image numbers 0..%d once", path, n, n - 1);
        return -1;
    }
    *order = o;
    return 0;
}

int checkpoint_read(const char *dir, TrainState *s, Weights *w, Weights *v, int **order, char *err, size_t errlen)
{
    char path[4200], line[512], key[32], wname[200] = "", vname[200] = "", oname[200] = "";
    snprintf(path, sizeof path, "%s/state.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s (is %s a checkpoint directory?)", path, strerror(errno), dir);
        return -1;
    }
    Reader r = {path, 0, err, errlen};
    *s = (TrainState){.step = -1};
    int seen = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        r.line++;
        if (line[0] == '#' || sscanf(line, "%31s", key) != 1)
            continue;
        const char *value = line + strlen(key);
        int ok = 1;
        if (strcmp(key, "step") == 0) ok = sscanf(value, "%ld", &s->step) == 1 && s->step >= 0;
        else if (strcmp(key, "epoch") == 0) ok = sscanf(value, "%ld", &s->epoch) == 1 && s->epoch >= 1;
        else if (strcmp(key, "batch") == 0) ok = sscanf(value, "%ld", &s->batch) == 1 && s->batch >= 0;
        else if (strcmp(key, "loss_sum") == 0) ok = sscanf(value, "%la", &s->loss_sum) == 1;
        else if (strcmp(key, "correct") == 0) ok = sscanf(value, "%ld", &s->correct) == 1 && s->correct >= 0;
        else if (strcmp(key, "rng") == 0)
            ok = sscanf(value, "%" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNx64 " %d %la", &s->rng.s[0], &s->rng.s[1],
                        &s->rng.s[2], &s->rng.s[3], &s->rng.has_spare, &s->rng.spare) == 6;
        else if (strcmp(key, "n_train") == 0) ok = sscanf(value, "%ld", &s->n_train) == 1 && s->n_train >= 1;
        else if (strcmp(key, "batch_size") == 0) ok = sscanf(value, "%ld", &s->batch_size) == 1 && s->batch_size >= 1;
        else if (strcmp(key, "lr") == 0) ok = sscanf(value, "%la", &s->lr) == 1;
        else if (strcmp(key, "momentum") == 0) ok = sscanf(value, "%la", &s->momentum) == 1;
        else if (strcmp(key, "weights") == 0) ok = sscanf(value, "%199s", wname) == 1;
        else if (strcmp(key, "velocity") == 0) ok = sscanf(value, "%199s", vname) == 1;
        else if (strcmp(key, "order") == 0) ok = sscanf(value, "%199s", oname) == 1;
        else ok = 0;
        if (!ok) {
            char what[96];
            snprintf(what, sizeof what, "'%.40s' is not a %s line this program wrote", key, "checkpoint");
            rc = bad(&r, what);
        }
        seen++;
    }
    fclose(f);
    if (rc != 0)
        return rc;
    if (seen != 13 || !wname[0] || !vname[0] || !oname[0] || s->step < 0) {
        r.line = 0;
        snprintf(err, errlen, "%s: incomplete: it has %d of the 13 lines a checkpoint's state has", path, seen);
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", dir, wname);
    if (weights_read(w, path, err, errlen) != 0)
        return -1;
    *v = (Weights){0};
    if (strcmp(vname, "-") != 0) {
        snprintf(path, sizeof path, "%s/%s", dir, vname);
        if (weights_read(v, path, err, errlen) != 0) {
            weights_free(w);
            return -1;
        }
    }
    snprintf(path, sizeof path, "%s/%s", dir, oname);
    if (read_order(path, (int)s->n_train, order, err, errlen) != 0) {
        weights_free(w), weights_free(v);
        return -1;
    }
    return 0;
}
