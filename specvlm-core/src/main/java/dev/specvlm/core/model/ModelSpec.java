package dev.specvlm.core.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sizes and special tokens of a model pair, as its backend loaded them.
 *
 * @param name a human-readable model name
 * @param vocabSize V, shared by target, draft and tokenizer
 * @param hiddenSize H, the width of embeddings and target features
 * @param contextLength the most positions a target KV cache may hold
 * @param eosTokenIds end-of-sequence token ids
 * @param bosTokenId a token prepended to every prompt, or null for none
 * @param imageTokenId the id recorded in the token sequence for each visual slot (for repetition penalty and
 *     bookkeeping; never embedded), or null for a text-only model
 * @param chatTemplate the template that wraps prompt parts, or null to use the parts verbatim
 */
public record ModelSpec(
    String name,
    int vocabSize,
    int hiddenSize,
    int contextLength,
    List<Integer> eosTokenIds,
    @Nullable Integer bosTokenId,
    @Nullable Integer imageTokenId,
    @Nullable ChatTemplate chatTemplate) {

  /** Validates and copies. */
  public ModelSpec {
    Objects.requireNonNull(name, "name");
    if (vocabSize < 2 || hiddenSize < 1 || contextLength < 2) {
      throw new IllegalArgumentException(
          "invalid model sizes: vocab=" + vocabSize + " hidden=" + hiddenSize + " context=" + contextLength);
    }
    eosTokenIds = List.copyOf(eosTokenIds);
  }

  /**
   * Text placed around the prompt's parts when the prompt asks for the chat template: {@code prefix} before the first
   * part, {@code suffix} after the last (e.g. {@code "USER: "} and {@code " ASSISTANT:"}).
   *
   * @param prefix text before the parts
   * @param suffix text after the parts
   */
  public record ChatTemplate(String prefix, String suffix) {
    /** Validates. */
    public ChatTemplate {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(suffix, "suffix");
    }
  }
}
