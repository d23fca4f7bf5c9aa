#include "duiding_linear.h"

#include <linear.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static void print_nothing(const char *message) { (void)message; }

static pthread_once_t silence_once = PTHREAD_ONCE_INIT;
static void silence(void) { set_print_string_function(print_nothing); }

int32_t duiding_linear_train(int32_t rows, const int32_t *row_ids, int32_t feature_count,
                             const int64_t *row_starts, const int32_t *indices, const double *values,
                             const double *labels, double bias, double C, double eps,
                             double positive_weight, double negative_weight,
                             double *weights_out, const char **message_out) {
    pthread_once(&silence_once, silence);
    if (message_out) *message_out = NULL;
    int has_positive = 0, has_negative = 0;
    for (int32_t i = 0; i < rows; i++) {
        if (labels[i] > 0) has_positive = 1; else has_negative = 1;
    }
    if (!has_positive || !has_negative) return -2;

    /* One feature_node array for all rows: each row's nodes, the bias node, the terminator. */
    int64_t nodes = (int64_t)rows * 2;
    for (int32_t i = 0; i < rows; i++) {
        int32_t r = row_ids ? row_ids[i] : i;
        nodes += row_starts[r + 1] - row_starts[r];
    }
    struct feature_node *space = malloc(sizeof(struct feature_node) * (size_t)nodes);
    struct feature_node **x = malloc(sizeof(struct feature_node *) * (size_t)(rows > 0 ? rows : 1));
    double *y = malloc(sizeof(double) * (size_t)(rows > 0 ? rows : 1));
    if (!space || !x || !y) { free(space); free(x); free(y); return -3; }
    struct feature_node *node = space;
    for (int32_t i = 0; i < rows; i++) {
        int32_t r = row_ids ? row_ids[i] : i;
        x[i] = node;
        for (int64_t k = row_starts[r]; k < row_starts[r + 1]; k++) {
            node->index = indices[k];
            node->value = values[k];
            node++;
        }
        if (bias >= 0) { node->index = feature_count + 1; node->value = bias; node++; }
        node->index = -1;
        node->value = 0;
        node++;
        y[i] = labels[i] > 0 ? 1 : -1;
    }

    struct problem prob;
    memset(&prob, 0, sizeof prob);
    prob.l = rows;
    prob.n = bias >= 0 ? feature_count + 1 : feature_count;
    prob.y = y;
    prob.x = x;
    prob.bias = bias;

    int weight_label[2] = {1, -1};
    double weight[2] = {positive_weight, negative_weight};
    struct parameter param;
    memset(&param, 0, sizeof param);
    param.solver_type = L2R_LR;
    param.eps = eps;
    param.C = C;
    param.nr_weight = 2;
    param.weight_label = weight_label;
    param.weight = weight;
    param.p = 0.1;
    param.init_sol = NULL;

    const char *problem_message = check_parameter(&prob, &param);
    if (problem_message) {
        if (message_out) *message_out = problem_message;
        free(space); free(x); free(y);
        return -1;
    }
    struct model *m = train(&prob, &param);
    if (!m) { free(space); free(x); free(y); return -3; }

    /* For two classes LIBLINEAR keeps one weight vector, positive for its first label,
     * which is the label of the first row. Orient it so that positive means +1. */
    double sign = m->label[0] == 1 ? 1.0 : -1.0;
    for (int32_t j = 0; j < feature_count; j++) weights_out[j] = sign * m->w[j];
    weights_out[feature_count] = bias >= 0 ? sign * m->w[feature_count] : 0.0;

    free_and_destroy_model(&m);
    free(space); free(x); free(y);
    return 0;
}

double duiding_linear_probability(const double *weights, int32_t feature_count, double bias,
                                  const int32_t *indices, const double *values, int32_t count) {
    pthread_once(&silence_once, silence);
    int32_t n = bias >= 0 ? feature_count + 1 : feature_count;
    double *w = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    struct feature_node *x = malloc(sizeof(struct feature_node) * (size_t)(count + 2));
    if (!w || !x) { free(w); free(x); return -1; }
    memcpy(w, weights, sizeof(double) * (size_t)feature_count);
    if (bias >= 0) w[feature_count] = weights[feature_count];
    int32_t k = 0;
    for (int32_t i = 0; i < count; i++) { x[k].index = indices[i]; x[k].value = values[i]; k++; }
    if (bias >= 0) { x[k].index = feature_count + 1; x[k].value = bias; k++; }
    x[k].index = -1;
    x[k].value = 0;

    int labels[2] = {1, -1};
    struct model m;
    memset(&m, 0, sizeof m);
    m.param.solver_type = L2R_LR;
    m.nr_class = 2;
    m.nr_feature = feature_count;
    m.w = w;
    m.label = labels;
    m.bias = bias;
    double estimates[2] = {0, 0};
    predict_probability(&m, x, estimates);
    free(w); free(x);
    return estimates[0];
}
