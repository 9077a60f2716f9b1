/**
 * @file idx.c
 * @brief The IDX reader: header first, every problem named with the file.
 */
#define _POSIX_C_SOURCE 200809L
#include "idx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"

/* Larger dimensions than these are not images of a course: refuse before allocating. */
#define IDX_MAX_ITEMS (1L << 28)
#define IDX_MAX_ITEM_BYTES (1L << 24)

static int fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s: %s", path, msg);
    return -1;
}

/* zlib's message without the "<fd:3>: " it puts first (the caller names the file). */
static const char *zlib_says(gzFile gz, int *code)
{
    const char *what = gzerror(gz, code), *colon = strstr(what, ": ");
    return colon ? colon + 2 : what;
}

/*
 * Read n bytes. Returns the count read (n unless the file ends early), or -1
 * with a message for a corrupt gzip stream or a read error.
 */
static long read_bytes(gzFile gz, unsigned char *buf, long n, const char *path, char *err, size_t errlen)
{
    long got = 0;
    while (got < n) {
        const long want = n - got > (1L << 30) ? (1L << 30) : n - got;
        const int r = gzread(gz, buf + got, (unsigned)want);
        if (r < 0) {
            int code;
            const char *what = zlib_says(gz, &code);
            if (code == Z_ERRNO)
                return fail(err, errlen, path, "cannot read: %s", strerror(errno));
            return fail(err, errlen, path, "corrupt gzip data (%s)", what);
        }
        if (r == 0)
            break;
        got += r;
    }
    int code;
    const char *what = zlib_says(gz, &code);
    if (got < n && code != Z_OK)   // zlib says "unexpected end of file" for a cut gzip stream
        return fail(err, errlen, path, "corrupt or cut gzip data (%s)", what);
    return got;
}

static gzFile open_file(const char *path, char *err, size_t errlen)
{
    const int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fail(err, errlen, path, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fail(err, errlen, path, "cannot read: Is a directory");
        return NULL;
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        close(fd);
        fail(err, errlen, path, "cannot open: out of memory");
    }
    return gz;
}

/* The header: magic 0x0000 08 D, then D big-endian sizes. Fills a->ndims and a->dims. */
static int read_header(gzFile gz, IdxArray *a, int ndims, const char *path, char *err, size_t errlen)
{
    unsigned char h[4 + 4 * IDX_MAX_DIMS];
    long got = read_bytes(gz, h, 4, path, err, errlen);
    if (got < 0)
        return -1;
    if (got < 4)
        return fail(err, errlen, path, "too short for an IDX header (%ld bytes)", got);
    const uint32_t magic = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
    const uint32_t want = 0x800u | (uint32_t)ndims;
    if (magic != want)
        return fail(err, errlen, path, "magic number 0x%08x, expected 0x%08x (IDX %s)", (unsigned)magic,
                    (unsigned)want, ndims == 1 ? "labels: unsigned bytes, 1 dimension"
                                               : "images: unsigned bytes, 3 dimensions");
    got = read_bytes(gz, h + 4, 4L * ndims, path, err, errlen);
    if (got < 0)
        return -1;
    if (got < 4L * ndims)
        return fail(err, errlen, path, "too short for an IDX header of %d dimensions", ndims);
    a->ndims = ndims;
    long item = 1;
    for (int d = 0; d < ndims; d++) {
        const unsigned char *p = h + 4 + 4 * d;
        const uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        if (v == 0)
            return fail(err, errlen, path, "dimension %d is 0", d + 1);
        const long limit = d == 0 ? IDX_MAX_ITEMS : IDX_MAX_ITEM_BYTES / item;
        if (v > (uint32_t)limit)
            return fail(err, errlen, path, "dimension %d is %lu, too large", d + 1, (unsigned long)v);
        a->dims[d] = (long)v;
        if (d > 0)
            item *= (long)v;
    }
    return 0;
}

/*
 * Read up to n bytes into a->data, which grows as the bytes arrive: a header
 * that claims more than the file holds costs no more memory than the file.
 * Returns the count read, or -1 with a message.
 */
static long read_data(gzFile gz, IdxArray *a, long n, const char *path, char *err, size_t errlen)
{
    long got = 0, cap = 0;
    while (got < n) {
        if (got == cap) {
            cap = cap == 0 ? (n < (1L << 20) ? n : (1L << 20)) : (2 * cap < n ? 2 * cap : n);
            a->data = nn_realloc(a->data, (size_t)cap, 1, path);
        }
        const long r = read_bytes(gz, a->data + got, cap - got, path, err, errlen);
        if (r < 0)
            return -1;
        got += r;
        if (got < cap)
            break;                  // the file ended
    }
    return got;
}

int idx_read(IdxArray *a, const char *path, int ndims, long limit, char *err, size_t errlen)
{
    assert(ndims >= 1 && ndims <= IDX_MAX_DIMS);
    *a = (IdxArray){0};
    gzFile gz = open_file(path, err, errlen);
    if (!gz)
        return -1;
    if (read_header(gz, a, ndims, path, err, errlen) != 0) {
        gzclose(gz);
        *a = (IdxArray){0};
        return -1;
    }
    long item = 1;
    for (int d = 1; d < ndims; d++)
        item *= a->dims[d];
    const long n = limit > 0 && limit < a->dims[0] ? limit : a->dims[0];
    const long bytes = n * item;
    const long got = read_data(gz, a, bytes, path, err, errlen);
    gzclose(gz);
    if (got != bytes) {
        if (got >= 0)
            fail(err, errlen, path, "truncated: %ld items of %ld bytes need %ld bytes after the header, "
                 "the file has %ld", n, item, bytes, got);
        idx_free(a);
        return -1;
    }
    a->dims[0] = n;
    return 0;
}

void idx_free(IdxArray *a)
{
    free(a->data);
    *a = (IdxArray){0};
}

/* dir/NAME-KIND-ubyte.gz, or the plain file when only that exists. */
static void set_file(char *path, size_t len, const char *dir, const char *name, const char *kind)
{
    snprintf(path, len, "%s/%s-%s-ubyte", dir, name, kind);
    if (access(path, F_OK) != 0) {
        const size_t n = strlen(path);
        snprintf(path + n, len - n, ".gz");
    }
}

/* A set that cannot be opened is most likely not installed: say where sets come from. Returns -1. */
static int missing_hint(char *err, size_t errlen)
{
    const size_t n = strlen(err);
    if (strstr(err, "cannot open"))
        snprintf(err + n, errlen - n, " (--data DIR names a directory with the four IDX files; "
                 "make installs Fashion-MNIST)");
    return -1;
}

int idx_load_set(ImageSet *s, const char *dir, const char *name, long limit, int n_classes, char *err,
                 size_t errlen)
{
    *s = (ImageSet){0};
    char ipath[4096], lpath[4096];
    set_file(ipath, sizeof ipath, dir, name, "images-idx3");
    set_file(lpath, sizeof lpath, dir, name, "labels-idx1");
    IdxArray images, labels;
    if (idx_read(&images, ipath, 3, limit, err, errlen) != 0)
        return missing_hint(err, errlen);
    if (idx_read(&labels, lpath, 1, limit, err, errlen) != 0) {
        idx_free(&images);
        return missing_hint(err, errlen);
    }
    int rc = 0;
    if (labels.dims[0] != images.dims[0])
        rc = fail(err, errlen, lpath, "%ld labels for the %ld images of %s", labels.dims[0], images.dims[0],
                  ipath);
    for (long k = 0; rc == 0 && k < labels.dims[0]; k++)
        if (labels.data[k] >= n_classes)
            rc = fail(err, errlen, lpath, "label %d of item %ld is not a class 0 to %d", labels.data[k], k + 1,
                      n_classes - 1);
    if (rc != 0) {
        idx_free(&images);
        idx_free(&labels);
        return -1;
    }
    *s = (ImageSet){.n = (int)images.dims[0], .rows = (int)images.dims[1], .cols = (int)images.dims[2],
                    .pixels = images.data, .labels = labels.data};
    return 0;
}

void idx_free_set(ImageSet *s)
{
    free(s->pixels);
    free(s->labels);
    *s = (ImageSet){0};
}

//! [idx_batch]
void idx_batch(Mat *X, const ImageSet *s, const int *index)
{
    const int D = s->rows * s->cols;
    assert(X->cols == D);
    for (int k = 0; k < X->rows; k++) {
        assert(index[k] >= 0 && index[k] < s->n);
        const unsigned char *p = s->pixels + (size_t)index[k] * (size_t)D;
        double *x = X->data + (size_t)k * (size_t)D;
        for (int j = 0; j < D; j++)
            x[j] = p[j] / 255.0;
    }
}
//! [idx_batch]

Mat idx_gather(const ImageSet *s, const int *order, int start, int B, Mat *X, int *labels)
{
    assert(start >= 0 && start < s->n && B <= X->rows);
    Mat Xb = mat_rows(X, 0, s->n - start < B ? s->n - start : B);
    idx_batch(&Xb, s, order + start);
    for (int k = 0; k < Xb.rows; k++)
        labels[k] = s->labels[order[start + k]];
    return Xb;
}

int *idx_order(int n)
{
    int *order = nn_alloc((size_t)(n > 0 ? n : 1), sizeof(int), "an order of the images");
    for (int k = 0; k < n; k++)
        order[k] = k;
    return order;
}
