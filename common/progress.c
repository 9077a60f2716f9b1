/**
 * @file progress.c
 * @brief The progress bar: carriage return and redraw, only on a terminal.
 */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "timing.h"

#define WIDTH 30

void progress_start(Progress *p, const char *label, long total, int quiet)
{
    p->on = !quiet && total > 0 && isatty(STDERR_FILENO);
    snprintf(p->label, sizeof p->label, "%s", label);
    p->total = total;
    p->start = p->drawn = timing_now();
}

void progress_update(Progress *p, long done)
{
    if (!p->on)
        return;
    const double now = timing_now();
    if (now - p->drawn < 0.1 && done < p->total)
        return;
    p->drawn = now;
    char bar[WIDTH + 1];
    const int full = (int)(WIDTH * (double)done / (double)p->total);
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < full ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\r%s [%s] %7ld/%ld  %.1f s", p->label, bar, done, p->total, now - p->start);
    fflush(stderr);
}

void progress_end(Progress *p)
{
    if (!p->on)
        return;
    fprintf(stderr, "\r%*s\r", (int)strlen(p->label) + WIDTH + 40, "");
    fflush(stderr);
}
