# The options that shorten a chapter's run for the scripts that run every
# chapter (check.sh, memcheck.sh, bench.sh): chapters 04 on train on 60 000
# images, which belongs to `make chNN`; the suite uses slices of them.
#   source common/slices.sh; "$B/bin/ch$n" $(quick_args "$n") ...

# Seconds at most, for the test suite.
quick_args() { case $1 in 04 | 05) echo --train-limit 1000 --test-limit 200 --epochs 1 ;; esac; }

# Smaller still, for valgrind (about 50 times slower than the program).
tiny_args() {
    case $1 in
    04) echo --train-limit 64 --test-limit 20 --epochs 1 --hidden 8 ;;
    05) echo --train-limit 96 --test-limit 20 --epochs 2 --layers 784,8,6,10 --dropout 0.5 --val 32 --early-stop 1 ;;
    esac
}
