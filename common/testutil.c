/**
 * @file testutil.c
 * @brief Temporary files for the tests.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void test_temp_file(char *path, const char *text, size_t len)
{
    strcpy(path, "/tmp/nn-test-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
        perror("test_temp_file");
        exit(1);
    }
    close(fd);
}

char *test_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

Weights test_random_net(int n_layers, const int *sizes, uint64_t seed, double w_range, double b_range)
{
    Weights w;
    weights_alloc(&w, n_layers, sizes);
    Rng r;
    rng_seed(&r, seed);
    for (int l = 0; l < n_layers; l++) {
        for (size_t i = 0; i < mat_size(&w.W[l]); i++)
            w.W[l].data[i] = rng_range(&r, -w_range, w_range);
        for (size_t i = 0; i < mat_size(&w.b[l]); i++)
            w.b[l].data[i] = rng_range(&r, -b_range, b_range);
    }
    return w;
}

Mat test_bright_pixels(Rng *rng, int n, int d, int classes, int *labels)
{
    Mat X = mat_new(n, d);
    for (int k = 0; k < n; k++) {
        labels[k] = k % classes;
        for (int j = 0; j < d; j++)
            mat_set(&X, k, j, 0.2 * rng_uniform(rng) + (j == labels[k] ? 0.8 : 0.0));
    }
    return X;
}

void test_output_of(void (*run)(void), int fd, int *status, char *buf, size_t len)
{
    FILE *f = tmpfile();
    if (!f) {
        perror("test_output_of");
        exit(1);
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fileno(f), fd);
        run();
        fflush(NULL);
        _exit(0);
    }
    waitpid(pid, status, 0);
    rewind(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
}
