/*
 * Run a fuzz target on saved inputs without libFuzzer, with any compiler:
 * `make check` replays the seed corpus and every regression this way.
 *   replay FILE...   prints one line per file and "N passed, N failed"
 * A failing input aborts (assert) or crashes, so each file runs in a child.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

static int run_one(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout)) // --help and reports are not the point here
            _exit(1);
        LLVMFuzzerTestOneInput(buf, n);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        if (run_one(argv[i]) == 0) {
            passed++;
        } else {
            failed++;
            printf("FAIL  %s\n", argv[i]);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
