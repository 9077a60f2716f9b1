# Chapter 05: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

NEEDS := fashion-mnist
TEST_NEEDS := numpy
# The experiments its plots show, each on a slice of the data (its page says which).
vanish := --layers 784,100,100,100,100,100,10 --epochs 0 --train-limit 1000 --test-limit 100 --quiet
opts := --train-limit 10000 --test-limit 1000 --epochs 5 --lr-schedule constant --quiet
overfit := --train-limit 6000 --val 5000 --test-limit 1000 --layers 784,256,10 --epochs 30 --lr 0.001 \
    --lr-schedule constant --quiet
sched := --train-limit 10000 --test-limit 1000 --epochs 6 --opt sgd --lr 0.1 --quiet
RUNS := vanishing-sigmoid="$(vanish) --act sigmoid --init normal" vanishing-sigmoid-glorot="$(vanish) --act sigmoid --init glorot" \
    vanishing-tanh="$(vanish) --act tanh --init glorot" \
    vanishing-relu="$(vanish) --act relu --init he" \
    opt-sgd="$(opts) --opt sgd --lr 0.05" opt-momentum="$(opts) --opt momentum --lr 0.05" opt-adam="$(opts) --opt adam --lr 0.001" \
    overfit-none="$(overfit)" overfit-decay="$(overfit) --weight-decay 0.003" overfit-dropout="$(overfit) --dropout 0.5" \
    schedule-constant="$(sched) --lr-schedule constant" schedule-step="$(sched) --lr-schedule step" \
    schedule-cosine="$(sched) --lr-schedule cosine"
QUICK := --train-limit 1000 --test-limit 200 --epochs 1
TINY := --train-limit 96 --test-limit 20 --epochs 2 --layers 784,8,6,10 --dropout 0.5 --val 32 --early-stop 1
# The bad-input table spoils its IDX image files.
DATA := images
