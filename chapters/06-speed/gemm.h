/**
 * @file gemm.h
 * @brief Chapter 06: the matrix product C = op(A) op(B), five ways, in double and in float.
 *
 * Every kernel computes the same thing: \f$C = \mathrm{op}(A)\,\mathrm{op}(B)\f$ with
 * op(A) of shape m x k, op(B) of shape k x n and C of shape m x n, overwriting C.
 * A matrix is read through two strides, so that a transposed operand costs nothing:
 * element (i, p) of op(A) is `a[i * ars + p * acs]` (A itself row-major: ars = lda,
 * acs = 1; its transpose: ars = 1, acs = lda). C is row-major with row stride ldc.
 *
 * Each function exists twice: `name_d` works on double, `name_s` on float
 * (the code is written once over a type `real`; see real.h).
 */
#ifndef CH06_GEMM_H
#define CH06_GEMM_H

/** One product in double: C = op(A) op(B), shapes and strides as in the file comment. */
typedef struct {
    int m;                  /**< rows of op(A) and of C */
    int n;                  /**< columns of op(B) and of C */
    int k;                  /**< columns of op(A), rows of op(B): the terms of each sum */
    const double *a;        /**< op(A)[i][p] = a[i * ars + p * acs] */
    long ars;               /**< A's row stride */
    long acs;               /**< A's column stride */
    const double *b;        /**< op(B)[p][j] = b[p * brs + j * bcs] */
    long brs;               /**< B's row stride */
    long bcs;               /**< B's column stride */
    double *c;              /**< C[i][j] = c[i * ldc + j], overwritten */
    long ldc;               /**< C's row stride */
} GemmD;

/** The same product in float. */
typedef struct {
    int m;                  /**< rows of op(A) and of C */
    int n;                  /**< columns of op(B) and of C */
    int k;                  /**< columns of op(A), rows of op(B): the terms of each sum */
    const float *a;         /**< op(A)[i][p] = a[i * ars + p * acs] */
    long ars;               /**< A's row stride */
    long acs;               /**< A's column stride */
    const float *b;         /**< op(B)[p][j] = b[p * brs + j * bcs] */
    long brs;               /**< B's row stride */
    long bcs;               /**< B's column stride */
    float *c;               /**< C[i][j] = c[i * ldc + j], overwritten */
    long ldc;               /**< C's row stride */
} GemmS;

/** The kernels, in the order the page builds them (`--matmul N`). */
typedef enum {
    KERNEL_NAIVE = 1,       /**< i-j-k: the definition */
    KERNEL_IKJ,             /**< i-k-j: the inner loop walks B and C in memory order */
    KERNEL_BLOCKED,         /**< i-k-j on tiles that stay in the cache */
    KERNEL_PACKED,          /**< packed panels and a register-blocked SIMD micro-kernel */
    KERNEL_THREADS,         /**< the packed kernel on several threads (OpenMP) */
    KERNEL_COUNT = KERNEL_THREADS
} Kernel;

/** The kernel's short name ("naive", "ikj", "blocked", "packed", "threads"). */
const char *kernel_name(Kernel kernel);

/** Threads that KERNEL_THREADS uses (default: all the cores OpenMP sees). */
void gemm_set_threads(int threads);

/** The threads that KERNEL_THREADS will use. */
int gemm_threads(void);

/** The cores OpenMP sees (1 without OpenMP). */
int gemm_cores(void);

/** C = op(A) op(B) in double with the given kernel. */
void gemm_d(Kernel kernel, const GemmD *g);
/** C = op(A) op(B) in float with the given kernel. */
void gemm_s(Kernel kernel, const GemmS *g);

/** Kernel 1, the definition: \f$C_{ij} = \sum_p A_{ip} B_{pj}\f$, loops i, j, p. */
void gemm_naive_d(const GemmD *g);
/** Kernel 1 in float. */
void gemm_naive_s(const GemmS *g);

/**
 * Kernel 2: the same sums with the loops in the order i, p, j, so that the
 * innermost loop adds \f$A_{ip}\f$ times row p of B to row i of C, both walked
 * in memory order. An exercise (loops.c).
 */
void gemm_ikj_d(const GemmD *g);
/** Kernel 2 in float. */
void gemm_ikj_s(const GemmS *g);

/**
 * One tile of kernel 3: \f$C_{[i_0,i_1),[j_0,j_1)} \mathrel{+}= A_{[i_0,i_1),[p_0,p_1)}
 * B_{[p_0,p_1),[j_0,j_1)}\f$ in i-k-j order. Adds to C; the caller zeroes it first.
 * An exercise (loops.c).
 */
void gemm_tile_d(const GemmD *g, int i0, int i1, int j0, int j1, int p0, int p1);
/** One tile of kernel 3 in float. */
void gemm_tile_s(const GemmS *g, int i0, int i1, int j0, int j1, int p0, int p1);

/** Kernel 3: C zeroed, then every tile of GEMM_TILE_M x GEMM_TILE_N x GEMM_TILE_K rows, columns, sums. */
void gemm_blocked_d(const GemmD *g);
/** Kernel 3 in float. */
void gemm_blocked_s(const GemmS *g);

/**
 * Pack rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B) into slivers of
 * nr columns: sliver s holds, for p = 0 .. kc-1 in turn, the nr numbers
 * op(B)[p0 + p][j0 + s*nr + 0 .. nr-1], with zeros past column j0 + nc.
 * `out` has room for ceil(nc / nr) * nr * kc numbers. An exercise (loops.c).
 */
void pack_b_d(const GemmD *g, int p0, int kc, int j0, int nc, int nr, double *out);
/** pack_b_d() in float. */
void pack_b_s(const GemmS *g, int p0, int kc, int j0, int nc, int nr, float *out);

/**
 * Pack rows [i0, i0 + mc) and columns [p0, p0 + kc) of op(A) into slivers of
 * mr rows: sliver s holds, for p in turn, op(A)[i0 + s*mr + 0 .. mr-1][p0 + p],
 * with zeros past row i0 + mc. pack_b_d() turned on its side.
 */
void pack_a_d(const GemmD *g, int i0, int mc, int p0, int kc, int mr, double *out);
/** pack_a_d() in float. */
void pack_a_s(const GemmS *g, int i0, int mc, int p0, int kc, int mr, float *out);

/** Kernel 4: packed panels, register-blocked SIMD micro-kernel, one thread. */
void gemm_packed_d(const GemmD *g);
/** Kernel 4 in float. */
void gemm_packed_s(const GemmS *g);

/** Kernel 5: kernel 4 shared among gemm_threads() threads. */
void gemm_threads_d(const GemmD *g);
/** Kernel 5 in float. */
void gemm_threads_s(const GemmS *g);

/** The packed kernel's blocks (see gemm.c), for the report and the roofline. */
typedef struct {
    int vector_bytes;       /**< bytes of one SIMD vector the compiler was told it has */
    int mr;                 /**< rows of the register block of C */
    int nr;                 /**< columns of the register block of C */
    int kc;                 /**< terms per packed panel */
    int mc;                 /**< rows of A per packed block */
    int nc;                 /**< columns of B per packed panel */
} PackedShape;

/** The packed kernel's blocks in double. */
PackedShape packed_shape_d(void);
/** The packed kernel's blocks in float. */
PackedShape packed_shape_s(void);

/** Kernel 3's tile: rows, columns and terms of the sums (see the page for why these sizes). */
enum { GEMM_TILE_M = 64, GEMM_TILE_N = 256, GEMM_TILE_K = 128 };

#endif
