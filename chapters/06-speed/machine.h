/**
 * @file machine.h
 * @brief Chapter 06: what one core can do at most: its floating-point peak and its bandwidths.
 */
#ifndef CH06_MACHINE_H
#define CH06_MACHINE_H

/**
 * The peak rate of one core in GFLOP/s for double: a loop of independent
 * fused multiply-adds on whole vectors, nothing loaded or stored, in short
 * bursts for about `seconds`; the fastest burst counts (as the fastest run of a
 * product does), and an FMA counts as 2 floating-point operations per number.
 */
double peak_gflops_d(double seconds);

/** peak_gflops_d() for float. */
double peak_gflops_s(double seconds);

/**
 * Memory bandwidth of one core in GB/s: the STREAM triad a[i] = b[i] + s c[i]
 * on three arrays of doubles totalling `bytes`, counted as 24 bytes moved per i,
 * repeated for about `seconds`; the best pass counts.
 */
double triad_gbs(long bytes, double seconds);

#endif
