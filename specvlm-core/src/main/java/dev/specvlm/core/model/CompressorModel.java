package dev.specvlm.core.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The trained parts of an elastic visual compressor (SpecVLM §3.4): its learned branches, the gate that picks a
 * branch per request, an optional weighted gate, and the draft head trained jointly with them. The parameter-free
 * branches (prune, pool, text-only) run in the engine. Thread-safe; shared by every generation of a decoder.
 *
 * <p>Inputs of the branches are the draft's input pairs over a visual span, each row the concatenation
 * {@code [E[j+1] ‖ f_j]} of the next element's embedding and the target feature ({@code [n, 2H]} row-major, the order
 * of the draft's fusion layer); outputs have the same layout.
 */
public interface CompressorModel {
  /** The branches this compressor offers, in the order of the gate's logits. Never empty. */
  List<CompressorBranch> branches();

  /**
   * The gate: the target's post-prefill features of the question, {@code features[offset, offset + rows·H)}
   * ({@code [rows, H]}, rows ≥ 1), to one logit per branch of {@link #branches()}, written to {@code logits[0, E)}.
   * A compressor with one branch may return zeros.
   *
   * @throws dev.specvlm.InferenceException if the model fails or produces non-finite values
   */
  void gate(float[] features, int offset, int rows, float[] logits);

  /**
   * The ratio r of the weighted mode (prune r, pool r and conv r mixed by {@link #weightedGate}), or 0 when the
   * compressor has no weighted gate. A positive r implies a learned {@code conv<r>} branch.
   */
  int weightedRatio();

  /**
   * The weighted gate: like {@link #gate}, three logits in the order prune, pool, conv (the mixture weights are their
   * softmax). Only called when {@link #weightedRatio()} is positive.
   */
  void weightedGate(float[] features, int offset, int rows, float[] logits);

  /**
   * Runs a learned branch ({@link CompressorBranch#learned()}, one of {@link #branches()}) over {@code rows} ≥ 1 pairs
   * {@code [rows, 2H]}, writing {@code [branch.outputTokens(rows), 2H]} to {@code out}.
   *
   * @throws dev.specvlm.InferenceException if the model fails or produces non-finite values
   */
  void compress(CompressorBranch branch, float[] pairs, int rows, float[] out);

  /**
   * The draft head trained jointly with this compressor, used whenever the draft's visual tokens are compressed; null
   * to use the bundle's draft for those requests too.
   */
  @Nullable DraftModel draft();
}
