/**
 * JMH microbenchmarks of one round's engine work at SpecVLM's budget (V = 32000, K = 10, T = 60, D = 7), with
 * synthetic logits and a synthetic draft so that no model time is counted: tree expansion and rerank
 * ({@link dev.specvlm.bench.micro.TreeExpansionBenchmark}), tree mask and retrieve building
 * ({@link dev.specvlm.bench.micro.TreeMaskBenchmark}), greedy and sampling acceptance
 * ({@link dev.specvlm.bench.micro.AcceptanceBenchmark}) and KV commit bookkeeping
 * ({@link dev.specvlm.bench.micro.KvCommitBenchmark}). Run with
 * {@code java -jar specvlm-bench/target/benchmarks.jar}.
 */
@NullMarked
package dev.specvlm.bench.micro;

import org.jspecify.annotations.NullMarked;
