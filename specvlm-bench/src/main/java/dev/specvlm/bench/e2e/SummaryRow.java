package dev.specvlm.bench.e2e;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The harness's figures for one decoding setting at one temperature over one group of prompts.
 *
 * @param mode the setting's name
 * @param temperature the temperature
 * @param group the prompts' visual tokens, or {@link Summary#ALL} for every prompt
 * @param runs measured generations
 * @param sigma σ: tokens committed per target forward, pooled over the runs (1 for AR)
 * @param tokensPerSecond the median of the runs' generated tokens per second (whole call)
 * @param firstTokenMillis the median time to the first token, in milliseconds
 * @param speedup the median of the paired ratios (autoregressive run time / this run time, same prompt and seed)
 * @param speedupMin the smallest paired ratio
 * @param speedupMax the largest paired ratio
 * @param idealSpeedup σ · (autoregressive time per token) / (draft forward time + target forward time per round),
 *     pooled over the runs and their paired autoregressive runs: the decode-loop speedup the measured model costs
 *     allow if speculation added no engine work (1 for AR)
 * @param decodeSpeedup the same ratio as {@code speedup} over the decode loop only (after the first token), pooled:
 *     what {@code idealSpeedup} predicts
 * @param efficiency {@code decodeSpeedup / idealSpeedup}: the share of the possible speedup the engine delivers;
 *     the rest is what tree building, acceptance and KV bookkeeping cost
 * @param outsideModelShare the share of wall time spent outside model calls (engine, tokenizer, image decoding)
 * @param budget the tree budget used (the most frequent one, for the device-fitted setting)
 * @param matching runs whose tokens equal the autoregressive run's
 * @param draftPrefillMillis the median over the runs of the draft side of the prefill (the compressor's gate and
 *     branch, and the draft's prefill forward), in milliseconds; NaN for AR
 * @param draftMillisPerRound time building draft trees per round, pooled (the runs' summed draft time / their summed
 *     rounds), in milliseconds; NaN for AR
 * @param draftVisualTokens the median over the runs of the visual tokens the draft sees after compression (the
 *     prompt's visual tokens without compression); NaN for AR
 * @param branches how many runs used each compressor branch ({@code none} without compression), sorted by name: for
 *     {@code specvlm} (select) the gate's choices
 */
public record SummaryRow(String mode, double temperature, String group, int runs, double sigma,
    double tokensPerSecond, double firstTokenMillis, double speedup, double speedupMin, double speedupMax,
    double idealSpeedup, double decodeSpeedup, double efficiency, double outsideModelShare, String budget,
    int matching, double draftPrefillMillis, double draftMillisPerRound, double draftVisualTokens,
    Map<String, Integer> branches) {
  /** Copies {@code branches} into an unmodifiable map sorted by branch name. */
  public SummaryRow {
    branches = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(branches, "branches")));
  }
}
