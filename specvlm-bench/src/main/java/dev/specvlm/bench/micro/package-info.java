/**
 * JMH microbenchmarks of one round's engine work at SpecVLM's budget (V = 32000, K = 10, T = 60, D = 7), with
 * synthetic logits and a synthetic draft so that no model time is counted: tree expansion and rerank
 * ({@link dev.specvlm.bench.micro.TreeExpansionBenchmark}), tree mask and retrieve building
 * ({@link dev.specvlm.bench.micro.TreeMaskBenchmark}), greedy and sampling acceptance
 * ({@link dev.specvlm.bench.micro.AcceptanceBenchmark}), KV commit bookkeeping
 * ({@link dev.specvlm.bench.micro.KvCommitBenchmark}), and one choice of the device-fitted tree budget
 * ({@link dev.specvlm.bench.micro.BudgetChooserBenchmark}). Run with
 * {@code java -jar specvlm-bench/target/benchmarks.jar} (JMH's defaults take about an hour; docs/benchmarks.md gives
 * the shorter command behind its table).
 */
@NullMarked
package dev.specvlm.bench.micro;

import org.jspecify.annotations.NullMarked;
