/*
 * Linked into the exercise runners only (make exNN): when a test dies of a
 * signal, say which code it was running before Criterion reports a bare
 * "CRASH!". Each frame is printed as "[crash] FILE +OFFSET", an address
 * relative to where FILE was loaded, so that common/exercises.sh can turn it
 * into a function and a line with addr2line (the handler cannot: it runs in a
 * process that may have broken its own heap).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <dlfcn.h>
#include <execinfo.h>

static const int caught[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

static void say(const char *s)
{
    ssize_t ignored = write(STDERR_FILENO, s, strlen(s));
    (void)ignored;
}

static void report(int sig)
{
    char line[600];
    snprintf(line, sizeof line, "[crash] signal %d %s\n", sig, strsignal(sig));
    say(line);
    void *frames[64];
    const int n = backtrace(frames, 64);
    Dl_info self;
    // Criterion renames its workers, so dli_fname does not name the runner: "-" does.
    const void *self_base = dladdr(caught, &self) ? self.dli_fbase : NULL;
    for (int k = 0; k < n; k++) {
        Dl_info info;
        if (!dladdr(frames[k], &info) || !info.dli_fname)
            continue;
        const char *file = info.dli_fbase == self_base ? "-" : info.dli_fname;
        // Frames 0-2 are this handler, the kernel's return trampoline and the
        // instruction that was hit; the rest are return addresses, which point
        // after their call: step back into it for the right line.
        const int back = k > 2;
        const size_t at = (size_t)((char *)frames[k] - (char *)info.dli_fbase) - back;
        snprintf(line, sizeof line, "[crash] %s +%#zx %p\n", file, at,
                 (void *)((char *)frames[k] - back));
        say(line);
    }
    signal(sig, SIG_DFL); // die of the same signal, so that Criterion counts a crash
    raise(sig);
}

__attribute__((constructor)) static void install(void)
{
    // A stack overflow (endless recursion) leaves no stack to report from.
    static char alt[1 << 16];
    stack_t st = {.ss_sp = alt, .ss_size = sizeof alt};
    sigaltstack(&st, NULL);
    void *warm[1];
    backtrace(warm, 1); // loads the unwinder now, not inside the handler
    struct sigaction sa = {.sa_handler = report, .sa_flags = SA_ONSTACK};
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) {
        struct sigaction old;
        // A sanitizer's own handler already reports more: leave it in place.
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            sigaction(caught[i], &sa, NULL);
    }
}
#else
typedef int testcrash_needs_glibc; // ISO C wants something in a file
#endif
