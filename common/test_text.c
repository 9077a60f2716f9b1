/* Unit tests of part three's text: the fortune files in name order, split by fortune, as byte ids. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "text.h"

TestSuite(text, .timeout = 10.0);

static void put(const char *dir, const char *name, const char *s)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(s, f);
    fclose(f);
}

/* The ids of t's text as the bytes they stand for. */
static void as_bytes(const Text *t, const int *ids, long n, char *out)
{
    for (long i = 0; i < n; i++)
        out[i] = (char)t->byte_of[ids[i]];
    out[n] = '\0';
}

Test(text, fortunes_in_name_order_split_by_fortune)
{
    char dir[] = "/tmp/nn-text-XXXXXX", err[512], s[512];
    cr_assert_not_null(mkdtemp(dir));
    // 12 fortunes: file "b" holds 2..11 (and text after the last %), "a" holds 0 and 1; "a.dat" is an index
    put(dir, "b", "f2\n%\nf3\n%\nf4\n%\nf5\n%\nf6\n%\nf7\n%\nf8\n%\nf9\n%\nf10\n%\nf11\n");
    put(dir, "a", "f0\n%\nf1\n%\n");
    put(dir, "a.dat", "\x01\x02 not text");
    Text t;
    cr_assert_eq(text_load(&t, dir, err, sizeof err), 0, "%s", err);
    cr_assert_eq(t.files, 2, "the .dat index is not text");
    cr_assert_eq(t.pieces, 12);
    as_bytes(&t, t.val, t.n_val, s);
    cr_assert_str_eq(s, "f9\n%\n", "fortune 9 is the validation text");
    as_bytes(&t, t.train, t.n_train, s);
    cr_assert_str_eq(s, "f0\n%\nf1\n%\nf2\n%\nf3\n%\nf4\n%\nf5\n%\nf6\n%\nf7\n%\nf8\n%\nf10\n%\nf11\n");
    cr_assert_eq(t.vocab, 13, "the distinct bytes: newline, %%, the digits, f");
    cr_assert(t.byte_of[0] == '\n' && t.byte_of[1] == '%' && t.byte_of[2] == '0' && t.byte_of[12] == 'f',
              "the ids are the bytes' ranks");
    cr_assert(t.id_of['f'] == 12 && t.id_of['x'] == -1);
    text_free(&t);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

Test(text, a_file_without_fortunes_keeps_its_last_tenth_for_validation)
{
    char path[] = "/tmp/nn-text-XXXXXX", err[512], s[64];
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, "abcdefghijklmnopqrst", 20), 20);
    close(fd);
    Text t;
    cr_assert_eq(text_load(&t, path, err, sizeof err), 0, "%s", err);
    as_bytes(&t, t.val, t.n_val, s);
    cr_assert_str_eq(s, "st");
    cr_assert_eq(t.n_train, 18);
    text_free(&t);
    fd = open(path, O_WRONLY | O_TRUNC);
    cr_assert_eq(write(fd, "ab", 2), 2);
    close(fd);
    cr_assert_eq(text_load(&t, path, err, sizeof err), -1);
    cr_assert(strstr(err, "2 bytes: too short to split") != NULL, "got '%s'", err);
    remove(path);
}

Test(text, a_directory_without_fortune_files)
{
    char dir[] = "/tmp/nn-text-dir-XXXXXX", err[512], file[64];
    cr_assert(mkdtemp(dir) != NULL);
    Text t;
    cr_assert_eq(text_load(&t, dir, err, sizeof err), -1, "an empty directory");
    cr_assert(strstr(err, "no fortune files") != NULL, "got '%s'", err);
    snprintf(file, sizeof file, "%s/notes.txt", dir);
    FILE *f = fopen(file, "w");
    cr_assert(f != NULL);
    fputs("a file with a '.' in its name is not a fortune file\n", f);
    fclose(f);
    cr_assert_eq(text_load(&t, dir, err, sizeof err), -1, "a directory of other files");
    cr_assert(strstr(err, "no fortune files") != NULL, "got '%s'", err);
    remove(file);
    rmdir(dir);
}

Test(text, a_prompt_its_default_and_its_mistakes)
{
    char path[] = "/tmp/nn-text-XXXXXX", err[512] = "";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, "abcdefghijklmnopqrst", 20), 20);      // no % lines: no fortune's end to start from
    close(fd);
    Text t;
    cr_assert_eq(text_load(&t, path, err, sizeof err), 0, "%s", err);
    long n;
    int *ids = text_prompt(&t, NULL, &n, err, sizeof err);
    cr_assert(ids && n == 1 && ids[0] == t.train[0], "without a prompt or a %% line: the first byte");
    free(ids);
    ids = text_prompt(&t, "cab", &n, err, sizeof err);
    cr_assert(ids && n == 3 && ids[0] == t.id_of['c'] && ids[2] == t.id_of['b']);
    free(ids);
    cr_assert_null(text_prompt(&t, "ab\x01", &n, err, sizeof err));
    cr_assert(strstr(err, "--prompt: byte 3 ('\\x01') is not in the text's vocabulary of 20 bytes"), "got '%s'", err);
    cr_assert_null(text_prompt(&t, "", &n, err, sizeof err));
    cr_assert(strstr(err, "--prompt: empty"), "got '%s'", err);
    text_free(&t);
    remove(path);
}

Test(text, made_up_text_printed_two_spaces_in)
{
    char buf[512];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    cr_assert(f);
    text_print_indented(f, "ab\ncd\x01", 6);
    fclose(f);
    cr_assert_str_eq(buf, "  ab\n  cd\\x01\n");
}
