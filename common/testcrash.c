/*
 * Linked into the exercise runners only (make exNN), to say which code a
 * test was running when it went wrong, which Criterion does not:
 * - a test that dies of a signal gets "CRASH!" from Criterion; first this
 *   prints "[crash] signal N NAME" and the stack;
 * - a test that runs into its time limit is killed without a word; when
 *   EXERCISES_STACK_AFTER=S is set, this prints the stack as it is after S
 *   seconds ("[stuck]"), shortly before the limit, and lets the test go on.
 * A frame is a line "[crash] FILE +OFFSET ADDRESS" (FILE "-" for the runner
 * itself), its address relative to where FILE was loaded and the absolute
 * one, so that common/exercises.sh can name the function and the line with
 * addr2line: a handler cannot, in a process that may have broken its heap.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
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

__attribute__((noinline)) static void print_stack(const char *tag)
{
    char line[600];
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
        // Frames 0-3 are this function, the handler, the kernel's return
        // trampoline and the instruction that was running; the rest are return
        // addresses, which point after their call: step back into it.
        const int back = k > 3;
        const size_t at = (size_t)((char *)frames[k] - (char *)info.dli_fbase) - back;
        snprintf(line, sizeof line, "[%s] %s +%#zx %p\n", tag, file, at, (void *)((char *)frames[k] - back));
        say(line);
    }
}

static void report(int sig)
{
    char line[100];
    snprintf(line, sizeof line, "[crash] signal %d %s\n", sig, strsignal(sig));
    say(line);
    print_stack("crash");
    signal(sig, SIG_DFL); // die of the same signal, so that Criterion counts a crash
    raise(sig);
}

static void stuck(int sig)
{
    (void)sig;
    print_stack("stuck");
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
    // Each test runs in a process of its own, so the clock starts with the test.
    const char *after = getenv("EXERCISES_STACK_AFTER");
    const double s = after ? atof(after) : 0.0;
    if (s > 0) {
        struct sigaction alarm = {.sa_handler = stuck, .sa_flags = SA_ONSTACK | SA_RESTART};
        sigaction(SIGALRM, &alarm, NULL);
        struct itimerval t = {.it_value = {.tv_sec = (time_t)s, .tv_usec = (suseconds_t)((s - (time_t)s) * 1e6)}};
        setitimer(ITIMER_REAL, &t, NULL);
    }
}
#else
typedef int testcrash_needs_glibc; // ISO C wants something in a file
#endif
