/**
 * @file expr.c
 * @brief Chapter 08's expression language: a recursive-descent parser that builds the graph as it reads.
 */
#include "expr.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *text;       // the expression
    int at;                 // the next character to read
    int depth;              // how deeply nested the reader is
    Expr *e;
    char *err;              // the first mistake's message
    size_t errlen;
    int failed;
} Parser;

/* Record the first mistake, at position at (counted from 0), and return NULL. */
static Value *fail(Parser *p, int at, const char *fmt, ...)
{
    if (p->failed)
        return NULL;
    p->failed = 1;
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errlen, "--expr '%.60s%s', position %d: %s", p->text, strlen(p->text) > 60 ? "..." : "",
             at + 1, what);
    return NULL;
}

static char peek(Parser *p)
{
    while (p->text[p->at] == ' ' || p->text[p->at] == '\t')
        p->at++;
    return p->text[p->at];
}

/* What the reader found at the current place, for a message: 'c', or "the end". */
static const char *found(Parser *p, char *buf, size_t len)
{
    const char c = peek(p);
    if (!c)
        return "the end";
    snprintf(buf, len, "'%c'", c);
    return buf;
}

/* An operation's result must be a number: a log of 0, a division by 0 or an overflow stop here. */
static Value *checked(Parser *p, Value *v, int at)
{
    if (!v || isfinite(v->data))
        return v;
    const Value *a = v->in[0];
    if (strcmp(v->op, "log") == 0)
        return fail(p, at, "log of %g: log needs a number greater than 0", a->data);
    if (strcmp(v->op, "/") == 0)
        return fail(p, at, "division by %g", v->in[1]->data);
    if (strcmp(v->op, "^") == 0)
        return fail(p, at, "%g ^ %g is not a finite number", a->data, v->k);
    if (v->in[1])
        return fail(p, at, "'%s' of %g and %g gives %g, not a finite number", v->op, a->data, v->in[1]->data, v->data);
    return fail(p, at, "'%s' of %g gives %g, not a finite number", v->op, a->data, v->data);
}

static Value *expression(Parser *p);

/* A number: digits, a point, digits, an exponent; nothing strtod would read beyond that (no hex, no inf). */
static Value *number(Parser *p)
{
    const int start = p->at;
    int i = start;
    while (isdigit((unsigned char)p->text[i]))
        i++;
    if (p->text[i] == '.')
        for (i++; isdigit((unsigned char)p->text[i]); i++) {}
    if ((p->text[i] == 'e' || p->text[i] == 'E') &&
        (isdigit((unsigned char)p->text[i + 1]) ||
         ((p->text[i + 1] == '+' || p->text[i + 1] == '-') && isdigit((unsigned char)p->text[i + 2]))))
        for (i += 2; isdigit((unsigned char)p->text[i]); i++) {}
    char buf[64];
    const int len = i - start;
    snprintf(buf, sizeof buf, "%.*s", len < 63 ? len : 63, p->text + start);
    const double x = strtod(buf, NULL);
    if (len >= 63 || !isfinite(x) || (len == 1 && buf[0] == '.'))
        return fail(p, start, "'%.*s' is not a number a double can hold", len, p->text + start);
    p->at = i;
    return value_leaf(&p->e->graph, x, buf);
}

static const char *const FUNCTIONS[] = {"exp", "log", "tanh", "sigmoid", "relu"};
static Value *(*const APPLY[])(Value *) = {v_exp, v_log, v_tanh, v_sigmoid, v_relu};
#define N_FUNCTIONS 5

/* A name: a function call name( expression ), or one of the list's names. */
static Value *name(Parser *p)
{
    const int start = p->at;
    while (isalnum((unsigned char)p->text[p->at]) || p->text[p->at] == '_')
        p->at++;
    const int len = p->at - start;
    const char *word = p->text + start;
    int f = 0;
    while (f < N_FUNCTIONS && !(strlen(FUNCTIONS[f]) == (size_t)len && strncmp(word, FUNCTIONS[f], len) == 0))
        f++;
    if (peek(p) == '(') {
        if (f == N_FUNCTIONS)
            return fail(p, start, "unknown function '%.*s' (the functions are exp, log, tanh, sigmoid, relu)",
                        len, word);
        const int open = p->at++;
        Value *arg = expression(p);
        if (!arg)
            return NULL;
        if (peek(p) != ')')
            return fail(p, open, "'(' is never closed");
        p->at++;
        return checked(p, APPLY[f](arg), start);
    }
    if (f < N_FUNCTIONS)
        return fail(p, start, "'%s' is a function: write %s(...)", FUNCTIONS[f], FUNCTIONS[f]);
    for (int k = 0; k < p->e->n_names; k++)
        if (strlen(p->e->names[k].name) == (size_t)len && strncmp(word, p->e->names[k].name, len) == 0)
            return p->e->names[k].leaf;
    char known[256] = "";
    for (int k = 0; k < p->e->n_names && strlen(known) < 200; k++)
        snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", k ? ", " : "", p->e->names[k].name);
    return fail(p, start, "unknown name '%.*s' (%s%s)", len, word, p->e->n_names ? "--set gives " : "--set gives no names",
                known);
}

/* atom: number | name | name ( expression ) | ( expression ) */
static Value *atom(Parser *p, const char *after)
{
    char buf[8];
    const char c = peek(p);
    if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)p->text[p->at + 1])))
        return number(p);
    if (isalpha((unsigned char)c) || c == '_')
        return name(p);
    if (c == '(') {
        const int open = p->at++;
        Value *v = expression(p);
        if (v && peek(p) != ')')
            return fail(p, open, "'(' is never closed");
        p->at += v != NULL;
        return v;
    }
    if (!c && *after)
        return fail(p, p->at, "the expression ends after '%s': an operand is missing", after);
    if (c == '*' && strcmp(after, "*") == 0)
        return fail(p, p->at - 1, "'**' is not an operator here: a power is written a^k");
    if (*after)
        return fail(p, p->at, "expected a number, a name or '(' after '%s', found %s", after, found(p, buf, sizeof buf));
    return fail(p, p->at, "expected a number, a name or '(', found %s", found(p, buf, sizeof buf));
}

/* power: atom | atom ^ number, the exponent a constant (with a sign, if any) */
static Value *power(Parser *p, const char *after)
{
    Value *base = atom(p, after);
    if (!base || peek(p) != '^')
        return base;
    const int at = p->at++;
    char buf[8];
    const char sign = peek(p);
    p->at += sign == '-' || sign == '+';
    if (!isdigit((unsigned char)peek(p)) && peek(p) != '.')
        return fail(p, p->at, "the exponent after '^' must be a number (a^k, k a constant), found %s",
                    found(p, buf, sizeof buf));
    Value *k = number(p);
    if (!k)
        return NULL;
    if (peek(p) == '^')
        return fail(p, p->at, "write (a^b)^c: a second '^' is ambiguous");
    return checked(p, v_pow(base, sign == '-' ? -k->data : k->data), at);
}

/* unary: - unary | power */
static Value *unary(Parser *p, const char *after)
{
    if (++p->depth > EXPR_MAX_DEPTH)
        return fail(p, p->at, "nested more than %d deep", EXPR_MAX_DEPTH);
    Value *v;
    if (peek(p) == '-') {
        p->at++;
        v = unary(p, "-");
        v = v ? v_neg(v) : NULL;
    } else {
        v = power(p, after);
    }
    p->depth--;
    return v;
}

/* term: unary (* unary | / unary)... */
static Value *term(Parser *p, const char *after)
{
    Value *v = unary(p, after);
    while (v && (peek(p) == '*' || peek(p) == '/')) {
        const int at = p->at;
        const char op = p->text[p->at++];
        Value *b = unary(p, op == '*' ? "*" : "/");
        v = !b ? NULL : checked(p, op == '*' ? v_mul(v, b) : v_div(v, b), at);
    }
    return v;
}

/* expression: term (+ term | - term)... */
static Value *expression(Parser *p)
{
    if (++p->depth > EXPR_MAX_DEPTH)
        return fail(p, p->at, "nested more than %d deep", EXPR_MAX_DEPTH);
    const char *after = p->at > 0 && p->text[p->at - 1] == '(' ? "(" : "";
    Value *v = term(p, after);
    while (v && (peek(p) == '+' || peek(p) == '-')) {
        const int at = p->at;
        const char op = p->text[p->at++];
        Value *b = term(p, op == '+' ? "+" : "-");
        v = !b ? NULL : checked(p, op == '+' ? v_add(v, b) : v_sub(v, b), at);
    }
    p->depth--;
    return v;
}

/* The list name=value,name=value,... into e's names. */
static int read_names(Expr *e, const char *list, char *err, size_t errlen)
{
    const char *item = list;
    while (*list && *item) {
        const char *comma = strchr(item, ','), *end = comma ? comma : item + strlen(item);
        const char *eq = memchr(item, '=', (size_t)(end - item));
        const int len = (int)(end - item), name_len = eq ? (int)(eq - item) : len;
        int ok = name_len > 0 && name_len < (int)sizeof e->names[0].name &&
                 (isalpha((unsigned char)item[0]) || item[0] == '_');
        for (int i = 1; ok && i < name_len; i++)
            ok = isalnum((unsigned char)item[i]) || item[i] == '_';
        if (!ok) {
            snprintf(err, errlen, "--set: '%.*s' does not start with a name (a letter, then letters, digits or _)", len,
                     item);
            return -1;
        }
        if (!eq) {
            snprintf(err, errlen, "--set: '%.*s' has no value: write %.*s=NUMBER", len, item, len, item);
            return -1;
        }
        for (int f = 0; f < N_FUNCTIONS; f++)
            if (strlen(FUNCTIONS[f]) == (size_t)name_len && strncmp(item, FUNCTIONS[f], name_len) == 0) {
                snprintf(err, errlen, "--set: '%s' is a function, not a name", FUNCTIONS[f]);
                return -1;
            }
        for (int k = 0; k < e->n_names; k++)
            if (strlen(e->names[k].name) == (size_t)name_len && strncmp(item, e->names[k].name, name_len) == 0) {
                snprintf(err, errlen, "--set: %.*s is given twice", name_len, item);
                return -1;
            }
        if (e->n_names == EXPR_MAX_NAMES) {
            snprintf(err, errlen, "--set: more than %d names", EXPR_MAX_NAMES);
            return -1;
        }
        char value[64], *stop;
        const int value_len = (int)(end - eq - 1);
        snprintf(value, sizeof value, "%.*s", value_len, eq + 1);
        const double x = strtod(value, &stop);
        if (value_len == 0 || value_len >= (int)sizeof value || *stop || !isfinite(x) || isspace((unsigned char)value[0])) {
            snprintf(err, errlen, "--set: %.*s: '%.*s' is not a finite number", name_len, item, value_len, eq + 1);
            return -1;
        }
        ExprName *n = &e->names[e->n_names++];
        snprintf(n->name, sizeof n->name, "%.*s", name_len, item);
        n->leaf = value_leaf(&e->graph, x, n->name);
        item = comma ? comma + 1 : end;
        if (comma && !*item) {
            snprintf(err, errlen, "--set: nothing after the last ','");
            return -1;
        }
    }
    return 0;
}

/* The position of the first control character of s (a tab aside), or -1: messages quote the text on one line. */
static int control_at(const char *s)
{
    for (int i = 0; s[i]; i++)
        if (iscntrl((unsigned char)s[i]) && s[i] != '\t')
            return i;
    return -1;
}

int expr_parse(Expr *e, const char *text, const char *names, char *err, size_t errlen)
{
    const size_t len = strlen(text);
    int at;
    if (len > EXPR_MAX_LEN) {
        snprintf(err, errlen, "--expr: %zu characters, more than %d", len, EXPR_MAX_LEN);
        return -1;
    }
    if ((at = control_at(text)) >= 0 || (names && (at = control_at(names)) >= 0)) {
        snprintf(err, errlen, "%s: a control character (0x%02x) at position %d", control_at(text) >= 0 ? "--expr" : "--set",
                 (unsigned)(unsigned char)(control_at(text) >= 0 ? text : names)[at], at + 1);
        return -1;
    }
    *e = (Expr){.graph = value_graph_new((int)len + EXPR_MAX_NAMES + 1)};
    Parser p = {.text = text, .e = e, .err = err, .errlen = errlen};
    char buf[8];
    if (read_names(e, names ? names : "", err, errlen) != 0)
        p.failed = 1;
    else if (!peek(&p))
        snprintf(err, errlen, "--expr is empty"), p.failed = 1;
    else if ((e->root = expression(&p)) && peek(&p) == ')')
        fail(&p, p.at, "')' without a '(' before it");
    else if (e->root && peek(&p) && !strchr("+-*/^().", peek(&p)) && !isalnum((unsigned char)peek(&p)) && peek(&p) != '_')
        fail(&p, p.at, "%s is not part of the language (numbers, names, + - * / ^, brackets, functions)",
             found(&p, buf, sizeof buf));
    else if (e->root && peek(&p))
        fail(&p, p.at, "unexpected %s: an operator is missing before it?", found(&p, buf, sizeof buf));
    if (p.failed) {
        expr_free(e);
        return -1;
    }
    return 0;
}

int expr_gradient(Expr *e, char *err, size_t errlen)
{
    value_zero_grad(&e->graph);
    value_backward(e->root);
    for (int k = 0; k < e->n_names; k++)
        if (!isfinite(e->names[k].leaf->grad)) {
            snprintf(err, errlen, "--expr: the derivative by %s is %g: an operation has no derivative at these "
                     "values (a^k with k < 1 at a = 0?)", e->names[k].name, e->names[k].leaf->grad);
            return -1;
        }
    return 0;
}

void expr_free(Expr *e)
{
    value_graph_free(&e->graph);
    e->root = NULL;
    e->n_names = 0;
}
