/*
 * libFuzzer target: chapter 08's expression language on arbitrary bytes, the
 * expression first and, after a NUL byte, the list of names (--set).
 * Properties: it never crashes, hangs or leaks; a mistake is one line that
 * starts with the option it is about; an expression it accepts has a finite
 * value, and its gradient is finite or refused with a message.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../../common/fuzz/fuzz.h"
#include "expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static char text[EXPR_MAX_LEN + 1024];
    if (size >= sizeof text)
        return 0;
    memcpy(text, bytes, size);
    text[size] = '\0';
    const size_t first = strlen(text);
    const char *names = first < size ? text + first + 1 : "";     // after the first NUL, if any
    Expr e;
    char err[512];
    if (expr_parse(&e, text, names, err, sizeof err) != 0) {
        assert((strncmp(err, "--expr", 6) == 0 || strncmp(err, "--set", 5) == 0) && !strchr(err, '\n'));
        return 0;
    }
    assert(isfinite(e.root->data));
    if (expr_gradient(&e, err, sizeof err) != 0)
        assert(strncmp(err, "--expr", 6) == 0 && !strchr(err, '\n'));
    else
        for (int k = 0; k < e.n_names; k++)
            assert(isfinite(e.names[k].leaf->grad));
    expr_free(&e);
    return 0;
}
