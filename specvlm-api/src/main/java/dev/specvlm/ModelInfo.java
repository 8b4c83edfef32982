package dev.specvlm;

import java.util.List;
import java.util.Objects;

/**
 * What a loaded model pair is: sizes, special tokens, which optional parts it has, and where it runs.
 *
 * @param name the model's name from its manifest
 * @param vocabSize the vocabulary size shared by target and draft
 * @param hiddenSize the target's hidden size H
 * @param contextLength the most positions a generation may use (prompt, visual slots, new tokens and the tree)
 * @param eosTokenIds the model's end-of-sequence token ids
 * @param hasVision whether the model accepts images
 * @param hasDraft whether a draft head is present (without one only {@link SpeculationMode#AR} runs)
 * @param compressorBranches the visual compressor branches the model ships, empty without a compressor
 * @param executionDevice where the model actually runs, e.g. {@code "cpu"} or {@code "cuda:0"}
 */
public record ModelInfo(
    String name,
    int vocabSize,
    int hiddenSize,
    int contextLength,
    List<Integer> eosTokenIds,
    boolean hasVision,
    boolean hasDraft,
    List<String> compressorBranches,
    String executionDevice) {

  /** Validates and copies the lists. */
  public ModelInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(executionDevice, "executionDevice");
    eosTokenIds = List.copyOf(eosTokenIds);
    compressorBranches = List.copyOf(compressorBranches);
  }
}
