"""famtui's benchmarks: ``python -m famtui.bench`` (search at 1x/10x/100x against fzf) and
``python -m famtui.bench --startup`` (start-up time, when that benchmark is present)."""
