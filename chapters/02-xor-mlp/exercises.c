/*
 * Chapter 02 exercises: the functions of mlp.h, then two puzzles of
 * puzzles.h that need the idea more than the code.
 *
 * Each body below is a stub that compiles but does nothing useful, so
 * `make ex02` fails until you fill it in. Each TODO names the part of the
 * chapter page it comes from; the shapes are in mlp.h, the matrix operations
 * in common/matrix.h. The page's "Solutions" sections show the course's
 * answers when you want to compare.
 */
#include "mlp.h"
#include "puzzles.h"

#include <math.h>

double sigmoid(double z)
{
    // TODO: s(z) of "The sigmoid and its derivative".
    // Hint: exp() is in math.h.
    (void)z;
    return 0.0;
}

double sigmoid_prime_from_output(double y)
{
    // TODO: the sigmoid's slope s'(z), given not z but the output y = s(z)
    // ("The sigmoid and its derivative").
    // Hint: the page rewrites s'(z) using s(z) alone.
    (void)y;
    return 0.0;
}

void mlp_forward(const Weights *net, const Mat *X, MlpWork *ws)
{
    // TODO: the four equations of "The forward pass", filling ws->Z1, A1, Z2
    // and Y for all the samples of X at once.
    // Hint: net->W[0] and net->b[0] are W1 and b1; a bias is one row, added
    // to every row of a product.
    (void)net, (void)X, (void)ws;
}

double mlp_loss(const Mat *Y, const Mat *T)
{
    // TODO: the loss E of "The loss".
    // Hint: a sum over the samples, not a mean.
    (void)Y, (void)T;
    return -1.0;
}

void mlp_backward(const Weights *net, const Mat *X, const Mat *T, MlpWork *ws)
{
    // TODO: the deltas d2, d1 and the four gradients of "The backward pass",
    // into ws (mlp_forward has already run on the same X).
    // Hint: write the shape of every factor first (mlp.h lists them): the
    // transposes follow from the shapes.
    (void)net, (void)X, (void)T, (void)ws;
}

double mlp_train_step(Weights *net, const Mat *X, const Mat *T, double lr, MlpWork *ws)
{
    // TODO: one full-batch step of gradient descent, "The backward pass" and
    // its update of all four parameters; return the loss before the update.
    // Hint: mat_add_scaled updates a matrix in place.
    (void)net, (void)X, (void)T, (void)lr, (void)ws;
    return -1.0;
}

void xor_by_hand(Weights *net)
{
    // TODO: set W1, b1, W2, b2 of the 2-2-1 network so that it computes XOR
    // (above 0.9 for (0,1) and (1,0), below 0.1 for (0,0) and (1,1)),
    // without training.
    // Hint: "Why a hidden layer" says which two lines the hidden units could draw.
    (void)net;
}

void break_the_tie(Weights *net)
{
    // TODO: net holds a start with every weight 0.5 and every bias 0, from
    // which training never learns XOR. Change exactly one number of it so
    // that training (5000 steps, lr = 2) does.
    // Hint: what do the two hidden units compute from this start, and what
    // gradients does backpropagation give them?
    (void)net;
}
