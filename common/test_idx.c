/* Unit tests of the IDX reader, on small files written here, gzipped and plain. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "idx.h"

TestSuite(idx, .timeout = 10.0);

static char dir[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/nn-idx-XXXXXX");
    cr_assert(mkdtemp(dir) != NULL, "mkdtemp failed");
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert(system(cmd) == 0);
}

/* Write dir/name: the IDX header (magic, dims) and n bytes, through zlib when gz. */
static void write_idx(const char *name, unsigned magic, int ndims, const unsigned *dims, const unsigned char *bytes,
                      size_t n, int gz)
{
    unsigned char head[16];
    for (int i = 0; i < 4; i++)
        head[i] = (unsigned char)(magic >> (24 - 8 * i));
    for (int d = 0; d < ndims; d++)
        for (int i = 0; i < 4; i++)
            head[4 + 4 * d + i] = (unsigned char)(dims[d] >> (24 - 8 * i));
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    gzFile f = gzopen(path, gz ? "wb" : "wbT"); // T: plain, no compression
    cr_assert(f != NULL);
    gzwrite(f, head, (unsigned)(4 + 4 * ndims));
    if (n)
        gzwrite(f, bytes, (unsigned)n);
    gzclose(f);
}

/* Three 2x3 images with pixels 0..17, labels 2 0 9. */
static const unsigned char pixels[18] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 255};
static const unsigned char labels[3] = {2, 0, 9};

static void write_set(const char *name, int gz)
{
    char images[64], lab[64];
    snprintf(images, sizeof images, "%s-images-idx3-ubyte%s", name, gz ? ".gz" : "");
    snprintf(lab, sizeof lab, "%s-labels-idx1-ubyte%s", name, gz ? ".gz" : "");
    write_idx(images, 0x803, 3, (const unsigned[]){3, 2, 3}, pixels, 18, gz);
    write_idx(lab, 0x801, 1, (const unsigned[]){3}, labels, 3, gz);
}

Test(idx, reads_a_set_gzipped_and_plain, .init = make_dir, .fini = remove_dir)
{
    write_set("train", 1);
    write_set("t10k", 0);
    for (int k = 0; k < 2; k++) {
        ImageSet s;
        char err[512] = "";
        int rc = idx_load_set(&s, dir, k ? "t10k" : "train", 0, 10, err, sizeof err);
        cr_assert(rc == 0, "%s", err);
        cr_assert(s.n == 3 && s.rows == 2 && s.cols == 3, "read %d images of %dx%d", s.n, s.rows, s.cols);
        cr_assert(memcmp(s.pixels, pixels, 18) == 0 && memcmp(s.labels, labels, 3) == 0);
        Mat X = mat_new(2, 6);
        idx_batch(&X, &s, (const int[]){2, 0});
        cr_assert(mat_get(&X, 0, 5) == 1.0 && mat_get(&X, 0, 0) == 12 / 255.0 && mat_get(&X, 1, 1) == 1 / 255.0,
                  "idx_batch: rows are images 2 and 0 as pixel / 255");
        mat_free(&X);
        idx_free_set(&s);
        idx_free_set(&s); // twice is harmless
    }
}

Test(idx, a_limit_reads_the_first_items, .init = make_dir, .fini = remove_dir)
{
    write_set("train", 1);
    ImageSet s;
    char err[512];
    cr_assert(idx_load_set(&s, dir, "train", 2, 10, err, sizeof err) == 0, "%s", err);
    cr_assert(s.n == 2 && s.labels[1] == 0 && s.pixels[11] == 11);
    idx_free_set(&s);
    cr_assert(idx_load_set(&s, dir, "train", 99, 10, err, sizeof err) == 0 && s.n == 3, "a limit above N reads N");
    idx_free_set(&s);
}

/* idx_read of dir/name must fail with a message that holds want. */
static void expect_fail(const char *name, int ndims, const char *want)
{
    char path[256], err[512] = "";
    snprintf(path, sizeof path, "%s/%s", dir, name);
    IdxArray a;
    cr_assert(idx_read(&a, path, ndims, 0, err, sizeof err) == -1, "%s: read although it should fail (%s)", name, want);
    cr_assert(a.data == NULL);
    cr_assert(strncmp(err, path, strlen(path)) == 0 && strstr(err, want) != NULL,
              "%s: message '%s' should start with the path and say '%s'", name, err, want);
}

Test(idx, every_problem_is_named, .init = make_dir, .fini = remove_dir)
{
    expect_fail("missing", 3, "cannot open: No such file or directory");
    write_idx("labels", 0x801, 1, (const unsigned[]){3}, labels, 3, 1);
    expect_fail("labels", 3, "magic number 0x00000801, expected 0x00000803");
    write_idx("floats", 0xd03, 3, (const unsigned[]){1, 1, 1}, labels, 1, 0);
    expect_fail("floats", 3, "magic number 0x00000d03");
    write_idx("zero", 0x803, 3, (const unsigned[]){3, 0, 3}, pixels, 0, 1);
    expect_fail("zero", 3, "dimension 2 is 0");
    write_idx("huge", 0x803, 3, (const unsigned[]){3, 100000, 100000}, pixels, 0, 0);
    expect_fail("huge", 3, "dimension 3 is 100000, too large");
    write_idx("short", 0x803, 3, (const unsigned[]){4, 2, 3}, pixels, 18, 1);
    expect_fail("short", 3, "truncated: 4 items of 6 bytes need 24 bytes after the header, the file has 18");
    write_idx("header", 0x803, 1, (const unsigned[]){4}, NULL, 0, 0);
    expect_fail("header", 3, "too short for an IDX header of 3 dimensions");
    char path[256];
    snprintf(path, sizeof path, "%s/empty", dir);
    fclose(fopen(path, "wb"));
    expect_fail("empty", 1, "too short for an IDX header (0 bytes)");
    snprintf(path, sizeof path, "%s/adir", dir);
    mkdir(path, 0700);
    expect_fail("adir", 1, "cannot read: Is a directory");
}

Test(idx, bad_gzip_is_named, .init = make_dir, .fini = remove_dir)
{
    static unsigned char big[6000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 7919 % 251);
    write_idx("big.gz", 0x803, 3, (const unsigned[]){1000, 2, 3}, big, sizeof big, 1);
    char path[256], cut[256];
    snprintf(path, sizeof path, "%s/big.gz", dir);
    FILE *f = fopen(path, "rb");
    static unsigned char gz[20000];
    size_t n = fread(gz, 1, sizeof gz, f);
    fclose(f);
    snprintf(cut, sizeof cut, "%s/cut.gz", dir);
    f = fopen(cut, "wb");
    fwrite(gz, 1, n / 2, f); // half the compressed stream
    fclose(f);
    expect_fail("cut.gz", 3, "corrupt or cut gzip data");
    for (size_t i = n / 3; i < n / 3 + 40; i++)
        gz[i] ^= 0x5a;
    snprintf(cut, sizeof cut, "%s/bad.gz", dir);
    f = fopen(cut, "wb");
    fwrite(gz, 1, n, f);
    fclose(f);
    expect_fail("bad.gz", 3, "corrupt");
}

Test(idx, a_set_whose_files_disagree, .init = make_dir, .fini = remove_dir)
{
    write_idx("train-images-idx3-ubyte.gz", 0x803, 3, (const unsigned[]){3, 2, 3}, pixels, 18, 1);
    write_idx("train-labels-idx1-ubyte.gz", 0x801, 1, (const unsigned[]){2}, labels, 2, 1);
    ImageSet s;
    char err[512];
    cr_assert(idx_load_set(&s, dir, "train", 0, 10, err, sizeof err) == -1);
    cr_assert(strstr(err, "train-labels-idx1-ubyte.gz: 2 labels for the 3 images of") != NULL, "got '%s'", err);
    cr_assert(s.pixels == NULL && s.labels == NULL);
    write_idx("train-labels-idx1-ubyte.gz", 0x801, 1, (const unsigned[]){3}, labels, 3, 1);
    cr_assert(idx_load_set(&s, dir, "train", 0, 9, err, sizeof err) == -1, "label 9 with 9 classes");
    cr_assert(strstr(err, "label 9 of item 3 is not a class 0 to 8") != NULL, "got '%s'", err);
    cr_assert(idx_load_set(&s, dir, "t10k", 0, 10, err, sizeof err) == -1);
    cr_assert(strstr(err, "t10k-images-idx3-ubyte.gz: cannot open") != NULL, "a missing set names the .gz: '%s'", err);
}
