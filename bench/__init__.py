"""Benchmarks of the kernel; ``python -m bench.kernel`` prints the figures in docs/benchmarks.md."""
