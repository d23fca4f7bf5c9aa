#ifndef DUIDING_LINEAR_H
#define DUIDING_LINEAR_H

/* Thin wrapper around LIBLINEAR (Debian's liblinear-dev) for Duiding's learning layer.
 *
 * LIBLINEAR's own header imports into Swift, but its global names (train, predict, model,
 * problem, parameter) would enter every file that imports the module, and building its
 * feature_node** rows from Swift means juggling pointer lifetimes. Here the data goes in as
 * flat CSR arrays, the weights come out into a caller-owned buffer, and LIBLINEAR's
 * printing is switched off once, before the first call.
 *
 * Only binary L2-regularised logistic regression (LIBLINEAR's L2R_LR, a trust-region Newton
 * method in the primal) is offered. It draws no random numbers, so the same problem gives
 * bit-identical weights (with the same BLAS; Debian's default is the netlib reference BLAS).
 * Training calls are independent and may run on several threads at once. */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Trains one binary model on `rows` examples over features 1...feature_count, taken from a
 * shared matrix in CSR form: example i is matrix row r = row_ids[i] (or i when row_ids is
 * NULL), with the features indices[row_starts[r] ..< row_starts[r + 1]] (1-based, strictly
 * increasing within a row) and values[...]; labels[i] is +1 (the code applies) or -1.
 * bias >= 0 appends a constant feature of that value (LIBLINEAR's -B); C is the cost
 * (inverse regularisation strength), eps the stopping tolerance (LIBLINEAR's default for
 * L2R_LR is 0.01); positive_weight and negative_weight multiply C per class (class weights).
 *
 * On success returns 0 and writes feature_count weights, then the bias weight (0 when
 * bias < 0), into weights_out (feature_count + 1 doubles), oriented so that a positive
 * decision value means "applies": P(applies | x) = 1 / (1 + exp(-(w.x + w_bias * bias))).
 * Returns -1 when the parameters are rejected (the message, if any, goes to message_out,
 * a static string), -2 when both classes are not present, -3 when memory runs out. */
int32_t duiding_linear_train(int32_t rows, const int32_t *row_ids, int32_t feature_count,
                             const int64_t *row_starts, const int32_t *indices, const double *values,
                             const double *labels, double bias, double C, double eps,
                             double positive_weight, double negative_weight,
                             double *weights_out, const char **message_out);

/* LIBLINEAR's own predict_probability for one example, given weights as written by
 * duiding_linear_train: the probability that the code applies. For checking that Swift's
 * computation of the same formula agrees. */
double duiding_linear_probability(const double *weights, int32_t feature_count, double bias,
                                  const int32_t *indices, const double *values, int32_t count);

#ifdef __cplusplus
}
#endif

#endif
