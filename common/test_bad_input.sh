#!/bin/bash
# Bad input, every program: the same malformed files and options given to
# each chapter program. Each must exit 2 (1 for an output it cannot write)
# with exactly one line on stderr that names the problem, print nothing after
# that line, and leave no output file behind. What is accepted (CRLF line
# ends, a UTF-8 byte-order mark, spaces around values, blank lines) must run.
#   bash common/test_bad_input.sh BIN_DIR NN...
source "$(dirname "$0")/testlib.sh"
source "$(dirname "$0")/declared.sh"
BIN=$1
shift
t_init /bin/false
bad_runs=0      # each row writes to an --out of its own: nothing to clear between rows

# expect_bad NAME CODE TEXT ARGS...: the error contract, plus the two checks on output
expect_bad() {
    local name=$1 out=$T/out$((++bad_runs)) left=() f
    expect_error "$@" --out "$out"
    local both last=""
    if [ -s "$OUT" ]; then
        # it printed a report too: run again with both streams in one file, where the error
        # must be the last line (with nothing on stdout, the one line of stderr is the last)
        "$PROG" "${@:4}" --out "$out" >"$T/both" 2>&1
        mapfile -t both <"$T/both"
    else
        mapfile -t both <"$ERR"
    fi
    [ ${#both[@]} -gt 0 ] && last=${both[-1]}
    if [ -d "$out" ]; then
        shopt -s globstar dotglob nullglob
        for f in "$out"/**; do [ ! -f "$f" ] || left+=("$f"); done
        shopt -u globstar dotglob nullglob
    fi
    if [[ $last != "${PROG##*/}: "* ]]; then
        t_fail "$name: last line" "something was printed after the error: $last"
    elif [ ${#left[@]} != 0 ]; then
        t_fail "$name: no files" "left ${left[*]:0:3}"
    else
        t_pass "$name: nothing after the error, no files left"
    fi
}

# The CSV reader's rows, for a program whose data is the CSV file $good.
csv_rows() {
    local n=$1 good=$2 header row f=$T/ch$1
    header=$(head -1 "$good")
    row=$(sed -n 2p "$good")

    # --- files ---
    expect_bad "ch$n: missing file" 2 "nope.csv: cannot open: No such file" --data "$T/nope.csv"
    expect_bad "ch$n: a directory" 2 ": cannot read: Is a directory" --data "$T"
    : >"$f-empty.csv"
    expect_bad "ch$n: empty file" 2 "empty.csv: the file is empty" --data "$f-empty.csv"
    echo "$header" >"$f-header.csv"
    expect_bad "ch$n: header only" 2 "header.csv: no samples after the header line" --data "$f-header.csv"
    { echo "$header"; echo "$row"; echo "${row%,*}"; } >"$f-ragged.csv"
    expect_bad "ch$n: ragged row" 2 "ragged.csv:3: expected 3 values (as in the header), found 2" --data "$f-ragged.csv"
    { echo "$header"; echo "$row,1"; } >"$f-wide.csv"
    expect_bad "ch$n: too many columns" 2 "wide.csv:2: expected 3 values (as in the header), found 4" --data "$f-wide.csv"
    { echo "$header"; echo "one,${row#*,}"; } >"$f-word.csv"
    expect_bad "ch$n: not a number" 2 "word.csv:2: x1 is 'one', which is not a number" --data "$f-word.csv"
    { echo "$header"; echo "NaN,${row#*,}"; } >"$f-nan.csv"
    expect_bad "ch$n: NaN" 2 "nan.csv:2: x1 is 'NaN', which is not a finite number" --data "$f-nan.csv"
    { echo "$header"; echo "-inf,${row#*,}"; } >"$f-inf.csv"
    expect_bad "ch$n: Inf" 2 "inf.csv:2: x1 is '-inf', which is not a finite number" --data "$f-inf.csv"
    { echo "$header"; echo "1e400,${row#*,}"; } >"$f-huge.csv"
    expect_bad "ch$n: a number too large for a double" 2 "huge.csv:2: x1 is '1e400', which is not a finite number" --data "$f-huge.csv"
    { echo "$header"; echo "1${long_line}x,${row#*,}"; } >"$f-long.csv"
    expect_bad "ch$n: a 200 kB line, garbage at the end" 2 "long.csv:2: x1 is '1    " --data "$f-long.csv"
    printf 'x1,x2,t\n1,2,3\0\n' >"$f-nul.csv"
    expect_bad "ch$n: a NUL byte" 2 "nul.csv:2: contains a NUL byte" --data "$f-nul.csv"
    sed 1d "$good" >"$f-nohead.csv"
    expect_bad "ch$n: no header line" 2 "nohead.csv:1: the first line must be a header" --data "$f-nohead.csv"
    sed 's/,/;/g' "$good" >"$f-semicolons.csv"
    expect_bad "ch$n: ';' between values" 2 "semicolons.csv:1: the header '$(head -1 "$f-semicolons.csv")' is one column (values are separated by ';': the course reads commas" --data "$f-semicolons.csv"
    { echo "$header"; echo "$row" | sed 's/,/;/'; } >"$f-semirow.csv"
    expect_bad "ch$n: a ';' in a row" 2 "semirow.csv:2: expected 3 values (as in the header), found 2 (values are separated by ';'" --data "$f-semirow.csv"

    # --- accepted variants of the default data ---
    { printf '\xef\xbb\xbf'; sed 's/$/\r/' "$good"; } >"$f-crlf-bom.csv"
    expect_ok "ch$n: CRLF line ends and a byte-order mark are accepted" --data "$f-crlf-bom.csv" --out "$T/ok" --quiet
    { echo "$header"; echo; sed 1d "$good" | sed 's/,/ , /g; s/^/  /'; echo; } >"$f-spaces.csv"
    expect_ok "ch$n: spaces and blank lines are accepted" --data "$f-spaces.csv" --out "$T/ok" --quiet
    { echo "$header"; printf '%s%s\n' "$long_line" "$row"; sed 1,2d "$good"; } >"$f-longok.csv"
    expect_ok "ch$n: a 200 kB line of blanks and one sample is accepted" --data "$f-longok.csv" --out "$T/ok" --quiet
}

# The IDX reader's rows: directories of image sets, each spoilt in one way.
idx_rows() {
    local n=$1 g=$T/idx-good d
    [ -d "$g" ] || { idx_slice "$g" train 40 plain; idx_slice "$g" t10k 20 plain; }
    spoil() { d=$T/idx-$1; rm -rf "$d"; cp -r "$g" "$d"; }  # spoil NAME: $d is a copy of the good set
    expect_ok "ch$n: a small plain IDX set is accepted" --data "$g" --epochs 1 --out "$T/ok" --quiet
    spoil nolabels; rm "$d/train-labels-idx1-ubyte"
    expect_bad "ch$n: IDX: a missing labels file" 2 "train-labels-idx1-ubyte.gz: cannot open: No such file" --data "$d"
    spoil dir; rm "$d/t10k-images-idx3-ubyte"; mkdir "$d/t10k-images-idx3-ubyte"
    expect_bad "ch$n: IDX: a directory in place of a file" 2 "t10k-images-idx3-ubyte: cannot read: Is a directory" --data "$d"
    spoil empty; : >"$d/train-images-idx3-ubyte"
    expect_bad "ch$n: IDX: an empty file" 2 "train-images-idx3-ubyte: too short for an IDX header (0 bytes)" --data "$d"
    spoil magic; cp "$d/train-labels-idx1-ubyte" "$d/train-images-idx3-ubyte"
    expect_bad "ch$n: IDX: labels where images belong" 2 "train-images-idx3-ubyte: magic number 0x00000801, expected 0x00000803" --data "$d"
    spoil csv; cp data/xor.csv "$d/train-images-idx3-ubyte"
    expect_bad "ch$n: IDX: a CSV file" 2 "train-images-idx3-ubyte: magic number 0x78312c78, expected 0x00000803" --data "$d"
    spoil dim0; { printf '\0\0\10\3'; be32 40; be32 0; be32 28; } >"$d/train-images-idx3-ubyte"
    expect_bad "ch$n: IDX: a dimension of 0" 2 "train-images-idx3-ubyte: dimension 2 is 0" --data "$d"
    spoil cut; head -c 20000 "$g/train-images-idx3-ubyte" >"$d/train-images-idx3-ubyte"
    expect_bad "ch$n: IDX: truncated pixels" 2 "train-images-idx3-ubyte: truncated: 40 items of 784 bytes need 31360 bytes after the header, the file has 19984" --data "$d"
    spoil count; { printf '\0\0\10\1'; be32 39; tail -c +9 "$g/train-labels-idx1-ubyte" | head -c 39; } >"$d/train-labels-idx1-ubyte"
    expect_bad "ch$n: IDX: fewer labels than images" 2 "train-labels-idx1-ubyte: 39 labels for the 40 images of" --data "$d"
    spoil label; { head -c 12 "$g/t10k-labels-idx1-ubyte"; printf '\14'; tail -c +14 "$g/t10k-labels-idx1-ubyte"; } >"$d/t10k-labels-idx1"
    mv "$d/t10k-labels-idx1" "$d/t10k-labels-idx1-ubyte"
    expect_bad "ch$n: IDX: a label above 9" 2 "t10k-labels-idx1-ubyte: label 12 of item 5 is not a class 0 to 9" --data "$d"
    spoil gzcut; gzip -c "$g/train-images-idx3-ubyte" | head -c 5000 >"$d/train-images-idx3-ubyte.gz"; rm "$d/train-images-idx3-ubyte"
    expect_bad "ch$n: IDX: a cut gzip stream" 2 "train-images-idx3-ubyte.gz: corrupt or cut gzip data" --data "$d"
    spoil gzbad; gzip -c "$g/train-images-idx3-ubyte" | { head -c 3000; head -c 100 /dev/zero; cat; } >"$d/train-images-idx3-ubyte.gz"
    rm "$d/train-images-idx3-ubyte"
    expect_bad "ch$n: IDX: corrupt gzip data" 2 "train-images-idx3-ubyte.gz: corrupt" --data "$d"
}

# A word list's rows (--words FILE): each file spoilt in one way.
words_rows() {
    local n=$1 f=$T/words-$1
    expect_bad "ch$n: words: a missing file" 2 "nowhere.txt: cannot open: No such file or directory" --words "$T/nowhere.txt"
    mkdir -p "$f-dir"
    expect_bad "ch$n: words: a directory" 2 "words-$n-dir: cannot read: Is a directory" --words "$f-dir"
    : >"$f-empty.txt"
    expect_bad "ch$n: words: an empty file" 2 "empty.txt: 0 usable words of 0 lines" --words "$f-empty.txt"
    printf 'Apple\nBANANA\n12\ncafé\n' >"$f-none.txt"
    expect_bad "ch$n: words: no usable word" 2 "none.txt: 0 usable words of 4 lines (a word is a line of lowercase letters a-z" \
        --words "$f-none.txt"
    printf 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n' >"$f-nine.txt"
    expect_bad "ch$n: words: fewer than ten" 2 "nine.txt: 9 usable words of 9 lines" --words "$f-nine.txt"
    printf 'apple\nbe\0rry\n' >"$f-nul.txt"
    expect_bad "ch$n: words: a NUL byte" 2 "nul.txt:2: a NUL byte" --words "$f-nul.txt"
    printf '%s\r\n' apple berry cherry date elder fig grape hazel iris juniper kiwi lemon >"$f-crlf.txt"
    expect_ok "ch$n: words: CRLF line ends are accepted" --words "$f-crlf.txt" --out "$T/ok" --quiet
}

# A running text's rows (--text PATH, part three): a file or a directory of fortune files, each spoilt in one way.
text_rows() {
    local n=$1 f=$T/text-$1
    expect_bad "ch$n: text: a missing file" 2 "nowhere.txt: cannot open: No such file or directory" --text "$T/nowhere.txt"
    mkdir -p "$f-dir"
    touch "$f-dir/notes.txt"
    expect_bad "ch$n: text: a directory without fortune files" 2 "text-$n-dir: no fortune files" --text "$f-dir"
    : >"$f-empty.txt"
    expect_bad "ch$n: text: an empty file" 2 "empty.txt: 0 bytes: too short to split" --text "$f-empty.txt"
    printf 'a' >"$f-one.txt"
    expect_bad "ch$n: text: a one-character text" 2 "one.txt: 1 bytes: too short to split" --text "$f-one.txt"
    printf 'one\n%%\ntwo\n%%\n' >"$f-pieces.txt"
    expect_bad "ch$n: text: two pieces, no validation text" 2 "pieces.txt: 12 bytes in its pieces: too short to split" \
        --text "$f-pieces.txt"
    for k in $(seq 1 40); do printf 'Line %d of a text without %% lines, read as bytes: caf\xc3\xa9.\r\n' "$k"; done >"$f-plain.txt"
    expect_ok "ch$n: text: a short text without % lines (CRLF, UTF-8) is accepted" --text "$f-plain.txt" "$num" 1 \
        --out "$T/ok" --quiet
}

long_line=$(head -c 200000 /dev/zero | tr '\0' ' ')
for n in "$@"; do
    PROG=$BIN/ch$n
    extra=$(bad_input_args "$n")
    if [ -n "$extra" ]; then   # a program that reads its data only with these options (chapter 06's --train)
        mkdir -p "$T/with-$n"
        printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$BIN/ch$n" "$extra" >"$T/with-$n/ch$n"
        chmod +x "$T/with-$n/ch$n"
        PROG=$T/with-$n/ch$n
    fi
    num=--epochs # the same name in every chapter
    good=$(declared DATA "$n")
    case $good in
    *.csv) csv_rows "$n" "$good" ;;
    images) idx_rows "$n" ;;
    words) words_rows "$n" ;;
    text) text_rows "$n" ;;
    esac

    # --- options ---
    expect_bad "ch$n: unknown option" 2 "unknown option '--frobnicate' (try --help)" --frobnicate
    expect_bad "ch$n: an option with an ending: did you mean" 2 "unknown option '--lrate' (did you mean --lr? try --help)" --lrate 0.5
    expect_bad "ch$n: a typo: did you mean" 2 "unknown option '--seeed' (did you mean --seed? try --help)" --seeed=3
    expect_bad "ch$n: a value for a flag" 2 "option '--quiet' takes no value, got '--quiet=yes'" --quiet=yes
    expect_error "ch$n: option without its value" 2 "option '--lr' needs a value" --lr
    expect_bad "ch$n: repeated option" 2 "option '--lr' is given twice" --lr 1 --lr 2
    expect_bad "ch$n: --lr not a number" 2 "--lr: expected a finite number, got '0.1.2'" --lr 0.1.2
    expect_bad "ch$n: --lr negative" 2 "--lr: must be greater than 0, got '-3'" --lr -3
    expect_bad "ch$n: --lr inf" 2 "--lr: expected a finite number, got 'inf'" --lr inf
    expect_bad "ch$n: --seed negative" 2 "--seed: must be between 0 and" --seed -1
    expect_bad "ch$n: $num not whole" 2 "$num: expected a whole number, got '1e3'" "$num" 1e3
    expect_bad "ch$n: $num out of range" 2 "$num: must be between" "$num" 99999999999
    expect_bad "ch$n: a stray argument" 2 "unexpected argument 'extra'" extra
    touch "$T/plainfile"
    expect_error "ch$n: --out below a file" 1 "cannot create directory '$T/plainfile/sub': Not a directory" --out "$T/plainfile/sub"
    expect_error "ch$n: --out empty" 2 "--out: the directory name is empty" --out ""
    check "ch$n: --out empty: stopped before printing a report" test ! -s "$OUT"
    expect_error "ch$n: --out in /proc" 1 "cannot create directory '/proc/nn-course'" --out /proc/nn-course/out
done
t_done
