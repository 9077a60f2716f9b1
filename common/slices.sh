# The options that shorten a chapter's run for the scripts that run every
# chapter (check.sh, memcheck.sh, bench.sh): chapters 04 on train on 60 000
# images, which belongs to `make chNN`; the suite uses slices of them.
#   source common/slices.sh; "$B/bin/ch$n" $(quick_args "$n") ...

# Seconds at most, for the test suite.
quick_args() {
    case $1 in
    04 | 05) echo --train-limit 1000 --test-limit 200 --epochs 1 ;;
    06) echo --train --train-limit 1000 --test-limit 200 --epochs 1 ;;  # its measuring run is all timings
    07) echo --train-limit 300 --test-limit 100 --epochs 1 ;;
    08) echo --epochs 300 ;;    # its default task is chapter 03's spirals, 4000 epochs in a quarter of a second
    09) echo --train-limit 1000 --test-limit 200 --epochs 1 ;;  # one process, without mpirun
    esac
}

# A chapter whose reports hold timings: only these files are the same run to
# run, and another compiler's build agrees with them to a tolerance, not to
# the byte (chapter 06: -march=native and fused multiply-adds; its page says so).
#   same_files NN -> file names, or nothing for "every file, byte for byte"
same_files() { case $1 in 06) echo weights.txt ;; esac; }

# Files a chapter writes that hold timings, left out of the byte-for-byte comparisons
# (chapter 07's speed.csv: its convolutions timed two ways).
timed_files() { case $1 in 07) echo speed.csv ;; 09) echo timing.csv ;; esac; }

# Smaller still, for valgrind (about 50 times slower than the program).
tiny_args() {
    case $1 in
    04) echo --train-limit 64 --test-limit 20 --epochs 1 --hidden 8 ;;
    05) echo --train-limit 96 --test-limit 20 --epochs 2 --layers 784,8,6,10 --dropout 0.5 --val 32 --early-stop 1 ;;
    06) echo --train --train-limit 64 --test-limit 20 --epochs 1 --hidden 8 --matmul 5 ;;  # kernel 5 runs 4 inside
    07) echo --train-limit 16 --test-limit 8 --epochs 1 --arch c2k3s-p2-c3k3-p2-f4-f10 ;;
    08) echo --epochs 20 ;;
    09) echo --train-limit 64 --test-limit 20 --epochs 1 --hidden 8 ;;
    esac
}
