/**
 * @file mlp_work.c
 * @brief Allocation of chapter 02's work matrices (kept apart from the exercises).
 */
#include "mlp.h"

//! [work_new]
MlpWork mlp_work_new(int N, const Weights *net)
{
    assert(net->n_layers == 2);
    const int n = net->W[0].rows, H = net->W[0].cols, m = net->W[1].cols;
    MlpWork ws = {
        .Z1 = mat_new(N, H), .A1 = mat_new(N, H), .Z2 = mat_new(N, m), .Y = mat_new(N, m),
        .d2 = mat_new(N, m), .d1 = mat_new(N, H), .sp1 = mat_new(N, H), .sp2 = mat_new(N, m),
        .dW1 = mat_new(n, H), .db1 = mat_new(1, H), .dW2 = mat_new(H, m), .db2 = mat_new(1, m),
    };
    return ws;
}
//! [work_new]

void mlp_work_free(MlpWork *ws)
{
    Mat *all[] = {&ws->Z1, &ws->A1, &ws->Z2, &ws->Y, &ws->d2, &ws->d1,
                  &ws->sp1, &ws->sp2, &ws->dW1, &ws->db1, &ws->dW2, &ws->db2};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mat_free(all[i]);
}
